#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make run: the demo on the host, then the same binary built for s390x
# under qemu-s390x (big-endian).
set -euo pipefail
O=${1:-build}
echo "== host ($(uname -m))"
"$O/host/bin/tools/demo/kvm_demo"
echo "== s390x (qemu-s390x)"
qemu-s390x -L /usr/s390x-linux-gnu "$O/s390x/bin/tools/demo/kvm_demo"

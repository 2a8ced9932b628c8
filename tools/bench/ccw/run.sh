#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh BUILD_DIR: build and run the channel-program translation
# benchmark (ccw_cp_bench.c with drivers/s390/cio/vfio_ccw_cp.c, compiled
# outside the host library with the flags of tools/testing/fuzz/kflags.sh:
# the benchmark supplies the VFIO services it measures against). "make
# bench" runs it.
set -u
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
mkdir -p "$1/bench" || exit 1
B=$(cd "$1" && pwd)
# shellcheck source=tools/testing/fuzz/kflags.sh
. "$ROOT/tools/testing/fuzz/kflags.sh" ||
	{ echo "ccw_cp_bench: run make first" >&2; exit 1; }
echo "== ccw_cp_bench"
"${CC:-gcc}" "${KFLAGS[@]}" -O2 -o "$B/bench/ccw_cp_bench" \
	"$ROOT/tools/bench/ccw/ccw_cp_bench.c" \
	"$ROOT/drivers/s390/cio/vfio_ccw_cp.c" || exit 1
"$B/bench/ccw_cp_bench"

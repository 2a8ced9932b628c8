#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Extract the kselftest harness from Debian's linux-source-6.1 tarball.
# It is used as the kernel ships it, not committed here.
set -euo pipefail
dest=$1
tarball=/usr/src/linux-source-6.1.tar.xz
mkdir -p "$dest"
for f in kselftest_harness.h kselftest.h; do
	tar -xOJf "$tarball" "linux-source-6.1/tools/testing/selftests/$f" \
		> "$dest/$f.tmp"
	mv "$dest/$f.tmp" "$dest/$f"
done

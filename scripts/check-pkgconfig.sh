#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build tools/testing/pkgconfig/link_test.c exactly as the README tells an
# outside program to (pkg-config --cflags --libs s390um) for ARCH (host,
# s390x, or a sanitizer build: tsan, asan), and run it.  Its TAP output is
# the result.
#
#   check-pkgconfig.sh BUILD_DIR ARCH
set -euo pipefail
O=$1
arch=$2
src=tools/testing/pkgconfig/link_test.c
pc=$O/$arch/pkgconfig
case $arch in
host|tsan|asan)	cc=(cc) run=() ;;
s390x)	cc=(s390x-linux-gnu-gcc -static)
	run=(qemu-s390x -L /usr/s390x-linux-gnu) ;;
esac
bin=$O/$arch/bin/link_test
# shellcheck disable=SC2046 # pkg-config output is a flag list
"${cc[@]}" "$src" $(PKG_CONFIG_PATH=$pc pkg-config --cflags --libs s390um) \
	-o "$bin"
exec "${run[@]}" "$bin"

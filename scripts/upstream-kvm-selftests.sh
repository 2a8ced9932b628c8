#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# upstream-kvm-selftests.sh BUILD_DIR TEST...
#
# Builds Linux 6.1's own KVM selftests (tools/testing/selftests/kvm of
# Debian's linux-source-6.1 tarball, never committed here) for s390x with
# upstream's Makefile and library, linked against the s390x build of the
# user-mode host exactly as the README tells an outside program to: the
# pkg-config file's Cflags and Libs (--whole-archive, --wrap). The programs
# land in BUILD_DIR/upstream-kvm/out/ (TEST as upstream names it, e.g.
# kvm_binary_stats_test, s390x/resets); "make check" runs them under
# qemu-s390x. Which tests are built, and why the others are not run:
# tools/testing/upstream/kvm/Makefile.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR TEST..." >&2; exit 2; }
O=$(cd "$1" && pwd)
shift
tarball=${KSRC_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
top=$O/upstream-kvm
src=$top/linux-source-6.1
kvm=$src/tools/testing/selftests/kvm

# What upstream's kvm Makefile reaches: its library and tests, lib.mk and
# the kselftest headers, tools/include, the s390 tools headers, the build
# helpers its Makefile includes, and tools/lib/rbtree.c (which its
# lib/rbtree.c includes). Extracted once per tarball.
want=$(stat -c '%n %s %Y' "$tarball")
if [ "$(cat "$top/.extracted" 2>/dev/null)" != "$want" ]; then
	rm -rf "$top"
	mkdir -p "$top"
	tar -xJf "$tarball" -C "$top" \
		linux-source-6.1/tools/testing/selftests/kvm \
		linux-source-6.1/tools/testing/selftests/lib.mk \
		linux-source-6.1/tools/testing/selftests/kselftest.h \
		linux-source-6.1/tools/testing/selftests/kselftest_harness.h \
		linux-source-6.1/tools/testing/selftests/rseq \
		linux-source-6.1/tools/include \
		linux-source-6.1/tools/arch/s390 \
		linux-source-6.1/tools/build/Build.include \
		linux-source-6.1/scripts/subarch.include \
		linux-source-6.1/tools/lib/rbtree.c
	echo "$want" > "$top/.extracted"
fi

pc=$O/s390x/pkgconfig
cflags=$(PKG_CONFIG_PATH=$pc pkg-config --cflags s390um)
libs=$(PKG_CONFIG_PATH=$pc pkg-config --libs s390um)

# Upstream's Makefile does not know the host library: relink every time.
rm -f "${@/#/$top/out/}"

# A parent make's flags and command-line variables (O=, ARCHES=) must not
# reach upstream's Makefile: kselftest's lib.mk reads O as its output.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES -u O \
make -C "$kvm" -s ARCH=s390 CROSS_COMPILE=s390x-linux-gnu- \
	OUTPUT="$top/out" EXTRA_CFLAGS="$cflags" \
	LDFLAGS="-static -pthread -no-pie" LDLIBS="-ldl $libs" \
	"${@/#/$top/out/}"

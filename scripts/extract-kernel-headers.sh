#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Extract the generic kernel headers the user-mode host uses as the kernel
# ships them, from Debian's linux-source-6.1 tarball, into DEST (which the
# kernel-side compiles search after um/include, so that um/include's own
# versions win where the host must differ).  Nothing extracted here is
# committed; Documentation/um-host.rst lists what comes from where.
#
#   extract-kernel-headers.sh DEST
set -euo pipefail
dest=$1
tarball=/usr/src/linux-source-6.1.tar.xz
top=linux-source-6.1

# paths under include/, as the kernel's own #include lines name them
headers=(
	linux/align.h linux/bits.h linux/build_bug.h linux/const.h
	linux/container_of.h linux/err.h linux/kref.h linux/list.h
	linux/log2.h linux/math.h linux/minmax.h linux/overflow.h
	linux/poison.h linux/stringify.h linux/swab.h linux/typecheck.h
	linux/byteorder/generic.h
	vdso/bits.h vdso/const.h
	uapi/linux/const.h uapi/linux/kernel.h uapi/linux/swab.h
	asm-generic/div64.h
)

mkdir -p "$(dirname "$dest")"
tmp=$(mktemp -d "${dest%/}.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# one pass over the tarball: decompressing it is the slow part
tar -xJf "$tarball" -C "$tmp" "${headers[@]/#/$top/include/}"
rm -rf "$dest"
mv "$tmp/$top/include" "$dest"
touch "$dest/.stamp"

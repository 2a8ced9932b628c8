#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Extract the generic kernel headers the user-mode host uses, and the
# lib/ sources it compiles into its library, as the kernel ships them, from
# Debian's linux-source-6.1 tarball into DEST/include and DEST/lib.  The
# kernel-side compiles search DEST/include after um/include, so that
# um/include's own versions win where the host must differ.  Nothing
# extracted here is committed; Documentation/um-host.rst lists what comes
# from where.
#
#   extract-kernel-headers.sh DEST
set -euo pipefail
dest=$1
tarball=/usr/src/linux-source-6.1.tar.xz
top=linux-source-6.1

# paths in the kernel tree; headers as the kernel's #include lines name them
files=(
	linux/align.h linux/bits.h linux/build_bug.h linux/const.h
	linux/container_of.h linux/err.h linux/kref.h linux/list.h
	linux/log2.h linux/math.h linux/minmax.h linux/overflow.h
	linux/poison.h linux/stringify.h linux/swab.h linux/typecheck.h
	linux/byteorder/generic.h
	vdso/bits.h vdso/const.h
	uapi/linux/const.h uapi/linux/kernel.h uapi/linux/swab.h
	asm-generic/div64.h linux/find.h linux/refcount.h linux/wait.h
	asm-generic/unaligned.h linux/unaligned/packed_struct.h
)
# s390's channel-I/O definitions (searched after the generic ones)
s390=(
	asm/cio.h asm/scsw.h asm/crw.h asm/css_chars.h asm/tpi.h
	asm/schid.h asm/chpid.h asm/isc.h uapi/asm/schid.h uapi/asm/chpid.h
)
# the one private cio header that compiles as shipped: the ORB
files=("${files[@]/#/include/}" "${s390[@]/#/arch/s390/include/}"
       drivers/s390/cio/orb.h lib/find_bit.c lib/refcount.c)

mkdir -p "$(dirname "$dest")"
tmp=$(mktemp -d "${dest%/}.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# one pass over the tarball: decompressing it is the slow part
tar -xJf "$tarball" -C "$tmp" "${files[@]/#/$top/}"
rm -rf "$dest"
mv "$tmp/$top" "$dest"
touch "$dest/.stamp"

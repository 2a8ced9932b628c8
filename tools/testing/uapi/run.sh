#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The project builds against the uapi headers Debian installs for s390x
# (linux-libc-dev-s390x-cross), staged by the Makefile into UAPI_DIR. On
# s390x they are what they are; what can still differ is the x86-64 host
# build's view of them: the host compiler lays the same structs out by its
# own ABI rules. This check compiles the staged headers once with each
# compiler (-g, every type kept) and compares, from the DWARF, the size of
# every struct and union the project's code names and the offset (and bit
# offset and width) of each member, nested anonymous ones included.
#
#   tools/testing/uapi/run.sh BUILD_DIR UAPI_DIR
#
# Prints TAP, one line per struct or union; exits non-zero on a difference.
# Environment: HOST_CC (gcc), CROSS_CC (s390x-linux-gnu-gcc).

set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 BUILD_DIR UAPI_DIR" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=$1/uapi-layout
uapi=$2
HOST_CC=${HOST_CC:-gcc}
CROSS_CC=${CROSS_CC:-s390x-linux-gnu-gcc}
mkdir -p "$out" || exit 2

# The uapi types the project's code names (struct kvm_run, ...).
(cd "$root" && grep -rhoE --include='*.[ch]' \
	'\b(struct|union) (kvm|vfio|ccw)_[a-z0-9_]+' arch drivers virt um tools include 2>/dev/null) |
	sed 's/^[a-z]* //' | sort -u > "$out/used.txt"

printf '#include <linux/kvm.h>\n#include <linux/vfio.h>\n#include <linux/vfio_ccw.h>\n' \
	> "$out/layout.c"
# and the project's own uapi additions (include/uapi, new header names)
for h in "$root"/include/uapi/linux/*.h; do
	[ -e "$h" ] && printf '#include <linux/%s>\n' "${h##*/}" >> "$out/layout.c"
done

# layout CC NAME: object file with every type of the headers in its DWARF,
# then one line per type and member: "TOPTYPE<TAB>path size|offset".
layout()
{
	# shellcheck disable=SC2086 # a compiler command may carry flags
	$1 -I"$uapi" -I"$root/include/uapi" -g \
		-fno-eliminate-unused-debug-types -c \
		-o "$out/$2.o" "$out/layout.c" || return 1
	readelf --debug-dump=info "$out/$2.o" | awk -f "$here/layout.awk" \
		> "$out/$2.txt"
}

echo "TAP version 13"
if ! layout "$HOST_CC" host 2> "$out/log" ||
   ! layout "$CROSS_CC" s390x 2>> "$out/log"; then
	echo "1..1"
	echo "not ok 1 - compile the uapi headers for both ABIs"
	sed 's/^/# /' "$out/log"
	exit 1
fi

# Kernel-internal types (struct kvm_device, ...) are not uapi: only the
# names the installed headers define are checked.
cut -f1 "$out/s390x.txt" | sort -u | comm -12 - "$out/used.txt" > "$out/checked.txt"
if [ ! -s "$out/checked.txt" ]; then
	echo "1..1"
	echo "not ok 1 - no uapi struct of the project found in the headers"
	exit 1
fi

n=0
fail=0
echo "1..$(wc -l < "$out/checked.txt")"
while read -r t; do
	n=$((n + 1))
	grep "^$t	" "$out/host.txt" | sort > "$out/t.host"
	grep "^$t	" "$out/s390x.txt" | sort > "$out/t.s390x"
	if cmp -s "$out/t.host" "$out/t.s390x"; then
		echo "ok $n - struct $t: $(sed -n "s/^$t	$t size //p" "$out/t.s390x") bytes, $(grep -c ' @' "$out/t.s390x") members, same on x86-64"
	else
		echo "not ok $n - struct $t: host and s390x layouts differ"
		diff "$out/t.s390x" "$out/t.host" | sed 's/^/# /'
		fail=$((fail + 1))
	fi
done < "$out/checked.txt"
[ $fail -eq 0 ]

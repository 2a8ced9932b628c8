#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Check our uapi headers against upstream's (linux-libc-dev-s390x-cross):
# every constant, struct/union size, alignment and member offset.
#
#   tools/testing/uapi/run.sh BUILD_DIR
#
# Prints TAP, exits non-zero on any difference.  Environment overrides:
# CROSS_CC (s390x-linux-gnu-gcc), HOST_CC (gcc), QEMU (qemu-s390x),
# UPSTREAM_INC (/usr/s390x-linux-gnu/include), UAPI_ROOT (source tree whose
# headers are checked, default: this tree).

set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
root=${UAPI_ROOT:-$(cd "$here/../../.." && pwd)}
out=$1
CROSS_CC=${CROSS_CC:-s390x-linux-gnu-gcc}
HOST_CC=${HOST_CC:-gcc}
QEMU=${QEMU:-qemu-s390x}
UPSTREAM_INC=${UPSTREAM_INC:-/usr/s390x-linux-gnu/include}
ours_inc="$root/include/uapi $root/arch/s390/include/uapi"

mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)
rm -f "$out"/out-*.txt "$out"/rc-* "$out"/log-*.txt "$out"/check.c \
	"$out"/manifest.json

if ! python3 "$here/gen_uapi_check.py" gen --cc "$CROSS_CC" \
	--ours-inc $ours_inc --upstream-inc "$UPSTREAM_INC" \
	--out "$out" >"$out/log-gen.txt" 2>&1; then
	echo "TAP version 13"
	echo "1..1"
	echo "not ok 1 - generate the check program"
	sed 's/^/# /' "$out/log-gen.txt"
	exit 1
fi

# build_run VARIANT CC RUNNER INCLUDE_FLAGS...
build_run() {
	v=$1 cc=$2 runner=$3
	shift 3
	if $cc -std=gnu11 -O0 -w -static "$@" -o "$out/check-$v" \
		"$out/check.c" >"$out/log-$v.txt" 2>&1 &&
	   $runner "$out/check-$v" >"$out/out-$v.txt" 2>>"$out/log-$v.txt"; then
		echo 0 >"$out/rc-$v"
	else
		echo 1 >"$out/rc-$v"
	fi
}

inc_flags=
for d in $ours_inc; do
	inc_flags="$inc_flags -I $d"
done

build_run ours "$CROSS_CC" "$QEMU -L /usr/s390x-linux-gnu" $inc_flags
build_run upstream "$CROSS_CC" "$QEMU -L /usr/s390x-linux-gnu"
build_run host "$HOST_CC" "env" $inc_flags

python3 "$here/gen_uapi_check.py" report --out "$out"

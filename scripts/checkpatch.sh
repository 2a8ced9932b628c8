#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.sh BUILD_DIR [--um]
#
# Runs linux-source-6.1's scripts/checkpatch.pl --no-tree -f --terse on every
# portable .c and .h file (arch/s390/kvm, drivers/s390/cio, virt/lib, plus
# the project's own headers under include/ and arch/s390/include/). Prints
# TAP; exits non-zero if any portable file has an error or a warning.
# No checkpatch type is ignored: .c files start with
# "// SPDX-License-Identifier: GPL-2.0", .h files with
# "/* SPDX-License-Identifier: GPL-2.0 */".
#
# With --um, the files under um/ are checked too, report only: their
# findings are TAP "# TODO" lines and do not fail the run.
#
# The kernel tree comes from BUILD_DIR/kernel/ (unpacked once, shared with
# scripts/kbuild-check.sh). Environment: KJOBS (parallel jobs, default nproc).

set -u

usage()
{
	echo "usage: $0 BUILD_DIR [--um]" >&2
	exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	usage
fi
WITH_UM=0
if [ $# -eq 2 ]; then
	[ "$2" = --um ] || usage
	WITH_UM=1
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1" || exit 1
BUILD_DIR=$(cd "$1" && pwd)

# shellcheck source=scripts/kbuild/common.sh
. "$ROOT/scripts/kbuild/common.sh"
kbuild_sanitize_env

# checkpatch only needs the unpacked tree, not a configured one.
mkdir -p "$BUILD_DIR/kernel"
exec 9> "$BUILD_DIR/kernel/.lock"
flock 9
kbuild_kernel_unpacked "$BUILD_DIR"
flock -u 9

CHECKPATCH=$KDIR/scripts/checkpatch.pl
LOGS=$BUILD_DIR/checkpatch-logs
rm -rf "$LOGS"
mkdir -p "$LOGS"

list_files()
{
	cd "$ROOT" || exit 1
	for d in $PORTABLE_DIRS include arch/s390/include; do
		[ -d "$d" ] && find "$d" -type f \( -name '*.c' -o -name '*.h' \)
	done | sort -u
	if [ $WITH_UM -eq 1 ] && [ -d um ]; then
		find um -type f \( -name '*.c' -o -name '*.h' \) | sort
	fi
}

FILES=()
while IFS= read -r f; do
	FILES+=("$f")
done < <(list_files)

if [ ${#FILES[@]} -eq 0 ]; then
	echo "1..0 # SKIP no files to check"
	exit 0
fi

check_one()
{
	local log
	log=$LOGS/$(echo "$1" | tr / _)
	(cd "$ROOT" && perl "$CHECKPATCH" --no-tree -f --terse --show-types \
		--no-summary "$1") > "$log" 2>&1
	echo $? > "$log.rc"
}

running=0
for f in "${FILES[@]}"; do
	if [ $running -ge "$KJOBS" ]; then
		wait -n
		running=$((running - 1))
	fi
	check_one "$f" &
	running=$((running + 1))
done
wait

n=0
pass=0
fail=0
echo "1..${#FILES[@]}"
for f in "${FILES[@]}"; do
	n=$((n + 1))
	log=$LOGS/$(echo "$f" | tr / _)
	if [ "$(cat "$log.rc")" = 0 ] && [ ! -s "$log" ]; then
		echo "ok $n - checkpatch $f"
		pass=$((pass + 1))
	elif [ "${f#um/}" != "$f" ]; then
		echo "not ok $n - checkpatch $f # TODO um/ is report only"
		sed 's/^/# /' "$log"
	else
		echo "not ok $n - checkpatch $f"
		sed 's/^/# /' "$log"
		fail=$((fail + 1))
	fi
done
echo "# checkpatch: $pass passed, $fail failed"
[ $fail -eq 0 ]

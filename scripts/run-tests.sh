#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run test suites that print TAP and total them.
#
#   run-tests.sh SUITE...
#
# A SUITE is a test binary (those under $O/s390x/ run under qemu-s390x,
# those under $O/tsan/ and $O/asan/ with their sanitizer options) or
# "name=command line" for a suite started by a script.  Every "ok" or
# "not ok" line counts once; "# SKIP" results count as skipped.  A suite
# that exits non-zero without reporting a failure, or reports fewer
# results than its plan, counts the difference as failures, so a crash
# can never pass.  Logs go to $O/test-logs/.  The last line printed is
# "N passed, N failed[, N skipped]".
set -u

O=${O:-build}
RUN_s390x=${RUN_s390x:-qemu-s390x -L /usr/s390x-linux-gnu}
RUN_tsan=${RUN_tsan:-}
RUN_asan=${RUN_asan:-}
TEST_TIMEOUT=${TEST_TIMEOUT:-900}
logdir=$O/test-logs
mkdir -p "$logdir"

pass=0
fail=0
skip=0
failed_names=()

run_suite() {
	local name=$1 cmd=$2 log rc plan p f s
	log="$logdir/$(printf '%s' "$name" | tr '/ =' '___').log"
	printf '  RUN  %s\n' "$name"
	timeout --kill-after=10 "$TEST_TIMEOUT" bash -c "$cmd" > "$log" 2>&1 \
		</dev/null
	rc=$?
	p=$(grep -cE '^ok ' "$log" | head -1)
	s=$(grep -E '^ok ' "$log" | grep -ciE '# *skip')
	f=$(grep -cE '^not ok ' "$log")
	p=$((p - s))
	plan=$(grep -m1 -oE '^1\.\.[0-9]+' "$log" | cut -d. -f3)
	if [ -n "$plan" ] && [ $((p + s + f)) -lt "$plan" ]; then
		echo "not ok - $name: $((plan - p - s - f)) results missing" \
			>> "$log"
		f=$((f + plan - p - s - f))
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc" >> "$log"
		f=1
	fi
	if [ $((p + s + f)) -eq 0 ]; then
		echo "not ok - $name reported no results" >> "$log"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
	if [ "$f" -ne 0 ]; then
		failed_names+=("$name")
		printf '  FAIL %s (%d passed, %d failed; log %s)\n' \
			"$name" "$p" "$f" "$log"
		grep -E '^not ok|^# .*(FAIL|Expected|ASSERT)' "$log" | head -20 |
			sed 's/^/       /'
	else
		printf '  ok   %s (%d passed, %d skipped)\n' "$name" "$p" "$s"
	fi
}

for suite in "$@"; do
	case "$suite" in
	*=*)
		run_suite "${suite%%=*}" "${suite#*=}"
		;;
	"$O"/s390x/*)
		run_suite "${suite#"$O"/}" "$RUN_s390x $suite"
		;;
	"$O"/tsan/*)
		run_suite "${suite#"$O"/}" "$RUN_tsan $suite"
		;;
	"$O"/asan/*)
		run_suite "${suite#"$O"/}" "$RUN_asan $suite"
		;;
	*)
		run_suite "${suite#"$O"/}" "$suite"
		;;
	esac
done

if [ ${#failed_names[@]} -gt 0 ]; then
	echo "Failed suites: ${failed_names[*]}"
fi
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]

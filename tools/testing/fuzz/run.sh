#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh BUILD_DIR: build the libFuzzer harnesses of this directory with
# clang -fsanitize=fuzzer,address and run each for a bounded time; TAP on
# stdout (one suite of scripts/run-tests.sh).
#
#   ccw_cp_fuzz      vfio-ccw channel-program translation
#                    (drivers/s390/cio/vfio_ccw_cp.c, unmodified)
#   ccw_region_fuzz  the mdev's I/O and async region writes, from a VMM:
#                    drivers/s390/cio/vfio_ccw_*.c instrumented, linked
#                    with the host library of BUILD_DIR/host (run
#                    "make ARCHES=host" first) minus its vfio-ccw objects
#
# Environment:
#   FUZZ_TIME      seconds per harness (default 60)
#   FUZZ_COVERAGE  1: also build with clang's source coverage, replay the
#                  corpus and print llvm-cov's line/branch summary of
#                  vfio_ccw_cp.c (needs llvm-profdata and llvm-cov)
#
# The corpus (seeds from seeds.py, grown by each run) is kept in
# BUILD_DIR/fuzz/corpus-NAME; a crash leaves BUILD_DIR/fuzz/crash-* for
# "BUILD_DIR/fuzz/NAME FILE" to reproduce.

set -u
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
mkdir -p "$1/fuzz" || exit 1
B=$(cd "$1" && pwd)
OUT=$B/fuzz
FDIR=$ROOT/tools/testing/fuzz
TIME=${FUZZ_TIME:-60}
CC=${FUZZ_CC:-clang}

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

echo "TAP version 13"

# shellcheck source=tools/testing/fuzz/kflags.sh
if ! . "$FDIR/kflags.sh"; then
	not_ok "build directory prepared (run make first)"
	echo "1..$n"
	exit 1
fi
KFLAGS+=(-O1 -Wno-gnu-variable-sized-type-not-at-end)

# build NAME EXTRA_FLAGS...: the harness NAME.c with vfio_ccw_cp.c
build()
{
	local name=$1 out=$2
	shift 2
	"$CC" "${KFLAGS[@]}" "$@" -o "$out" "$FDIR/$name.c" \
		"$ROOT/drivers/s390/cio/vfio_ccw_cp.c" > "$OUT/$name.build.log" 2>&1
}

name=ccw_cp_fuzz
if build $name "$OUT/$name" -fsanitize=fuzzer,address; then
	ok "$name built (clang -fsanitize=fuzzer,address)"
else
	not_ok "$name built"
	sed 's/^/# /' "$OUT/$name.build.log" | tail -n 30
	echo "1..$n"
	exit 1
fi

corpus=$OUT/corpus-$name
mkdir -p "$corpus"
python3 "$FDIR/seeds.py" "$corpus" || not_ok "$name: seeds written"

log=$OUT/$name.log
(cd "$OUT" && ASAN_OPTIONS=detect_leaks=1 "./$name" -max_total_time="$TIME" \
	-print_final_stats=1 -use_value_profile=1 -max_len=8192 \
	-timeout=10 -rss_limit_mb=2048 "$corpus" > "$log" 2>&1)
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n1)
corp=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -n1)
echo "# $name: ${execs:-?} executions in ${TIME} s, $cov, $corp"
if [ "$rc" -eq 0 ] && [ -n "$execs" ]; then
	ok "$name: ${execs} inputs, no crash, leak or pin leak (${TIME} s)"
else
	not_ok "$name: fuzzer exit $rc"
	grep -E 'ccw_cp_fuzz:|ERROR:|SUMMARY:|Test unit written' "$log" |
		head -n 20 | sed 's/^/# /'
fi

# ccw_region_fuzz: the whole driver over the host library
name=ccw_region_fuzz
R=$OUT/region
build_region()
{
	local f objs=()

	[ -f "$B/host/libs390um.a" ] || {
		echo "$B/host/libs390um.a missing (make ARCHES=host)"
		return 1
	}
	mkdir -p "$R" && cp "$B/host/libs390um.a" "$R/lib.a" &&
	ar d "$R/lib.a" vfio_ccw_drv.o vfio_ccw_fsm.o vfio_ccw_ops.o \
		vfio_ccw_cp.o vfio_ccw_async.o vfio_ccw_chp.o \
		vfio_ccw_direct.o || return 1
	for f in drv fsm ops cp async chp direct; do
		"$CC" "${KFLAGS[@]}" -I"$ROOT/um/cio" -I"$ROOT/include/uapi" \
			-fsanitize=fuzzer-no-link,address -c \
			-o "$R/vfio_ccw_$f.o" \
			"$ROOT/drivers/s390/cio/vfio_ccw_$f.c" || return 1
		objs+=("$R/vfio_ccw_$f.o")
	done
	"$CC" "${KFLAGS[@]}" -I"$ROOT/um/cio" -I"$ROOT/include/uapi" \
		-fsanitize=fuzzer,address -c -o "$R/$name.o" \
		"$FDIR/$name.c" || return 1
	# shellcheck disable=SC2046
	"$CC" -fsanitize=fuzzer,address -pthread -o "$OUT/$name" \
		"$R/$name.o" "${objs[@]}" -Wl,--whole-archive "$R/lib.a" \
		-Wl,--no-whole-archive $(cat "$ROOT/um/wrap.flags") -lpthread
}
if build_region > "$OUT/$name.build.log" 2>&1; then
	ok "$name built (driver with -fsanitize=fuzzer-no-link,address)"
	corpus=$OUT/corpus-$name
	mkdir -p "$corpus"
	python3 "$FDIR/seeds.py" --region "$corpus" ||
		not_ok "$name: seeds written"
	log=$OUT/$name.log
	# the host's uaccess owns SIGSEGV (as in the asan build)
	(cd "$OUT" && ASAN_OPTIONS=handle_segv=0:detect_leaks=1 \
		"./$name" -max_total_time="$TIME" -print_final_stats=1 \
		-max_len=2048 -timeout=10 -rss_limit_mb=2048 "$corpus" \
		> "$log" 2>&1)
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n1)
	corp=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -n1)
	echo "# $name: ${execs:-?} executions in ${TIME} s, $cov, $corp"
	grep -E "^$name: [0-9]+ programs" "$log" | sed 's/^/# /'
	if [ "$rc" -eq 0 ] && [ -n "$execs" ]; then
		ok "$name: ${execs} inputs, no crash, leak or pin leak (${TIME} s)"
	else
		not_ok "$name: fuzzer exit $rc"
		grep -E "$name:|ERROR:|SUMMARY:|Test unit written" "$log" |
			head -n 20 | sed 's/^/# /'
	fi
else
	not_ok "$name built"
	sed 's/^/# /' "$OUT/$name.build.log" | tail -n 30
fi

if [ "${FUZZ_COVERAGE:-0}" = 1 ]; then
	if build $name "$OUT/$name.cov" -fsanitize=fuzzer \
		-fprofile-instr-generate -fcoverage-mapping; then
		rm -f "$OUT"/*.profraw
		(cd "$OUT" && LLVM_PROFILE_FILE="$OUT/$name.profraw" \
			"./$name.cov" -runs=0 "$corpus" > /dev/null 2>&1)
		llvm-profdata merge -o "$OUT/$name.profdata" \
			"$OUT/$name.profraw" &&
		llvm-cov report "$OUT/$name.cov" \
			-instr-profile="$OUT/$name.profdata" \
			"$ROOT/drivers/s390/cio/vfio_ccw_cp.c" | sed 's/^/# /'
	else
		echo "# coverage build failed"
	fi
fi

echo "1..$n"
[ "$failed" -eq 0 ]

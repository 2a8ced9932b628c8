#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kbuild-check.sh BUILD_DIR
#
# Compiles every portable .c file of the project (the directories the
# top-level Kbuild lists) as a kernel object for ARCH=s390 with kbuild
# against Debian's linux-source-6.1, with W=1 and -Werror, runs sparse on
# each, then links each directory's objects as a module with modpost.
# Prints TAP on stdout; exits non-zero if anything failed.
#
# How (and why this way):
# - The kernel tree is unpacked, configured (s390 defconfig + KVM, VFIO,
#   VFIO_CCW, VFIO_MDEV as modules, KUNIT=y) and modules_prepare'd once under
#   BUILD_DIR/kernel/ and reused (scripts/kbuild/common.sh).
# - Sources are built as an external module (M=), which writes objects and
#   .cmd files next to the sources. Linux 6.1 has no separate output
#   directory for external modules (MO= came later), so every run copies the
#   portable directories and the project's non-uapi and uapi header
#   directories into a fresh mirror, BUILD_DIR/kbuild-src/, and builds there.
#   The source tree is never written to. The mirror's root Kbuild is the
#   project's top-level Kbuild; it sets the include paths (see the comment
#   there: project headers are only -idirafter, so they never shadow the
#   kernel's, uapi included).
# - Each file is built as its own single target (make M=... dir/file.o),
#   which gives clean per-file compiler output for the TAP diagnostics; up
#   to $KJOBS (nproc) run in parallel.
# - Link step: a single object cannot fail on a cross-file error (a called
#   function nobody defines, one defined twice, a name only the user-mode
#   host has). So each portable directory's objects are then linked as one
#   module, as 6.1 links arch/s390/kvm's into kvm.ko: the mirror's copy of
#   the directory Makefile gets a composite module (named after the
#   directory, arch-s390-kvm.ko, plus a generated MODULE_LICENSE object),
#   and "make M=... modules" links it and runs modpost. modpost fails on
#   every undefined symbol that neither another of our modules nor 6.1
#   exports; 6.1's exports come from a Module.symvers made from the 6.1
#   source (kbuild_symvers in scripts/kbuild/common.sh says how and what
#   that does and does not catch). The objects are the ones the compile
#   step built (same command line, so kbuild does not rebuild them).
# - Every .c file must be listed in its directory's Makefile, under a
#   config symbol that is enabled here (else a real kernel build would
#   silently skip it). The project's own symbols that the kernel's Kconfig
#   does not have (KBUILD_CHECK_SYMS below) are defined as =y on the make
#   command line and as -DCONFIG_...=1 in KCFLAGS, so both the obj- lists
#   and #ifdef/IS_ENABLED() in the code see them. =y rather than =m: they are
#   bool options of the project's Kconfig, and #ifdef CONFIG_X must see them.
# - Compiler warnings are errors (KCFLAGS=-Werror); any "warning:" or
#   "error:" line in the output (e.g. from the W=1 kernel-doc check, which
#   does not fail make by itself) also fails the file.
# - sparse: a second single-target make with C=2 CHECK=sparse (C=2 checks
#   even though the object is up to date, so it only runs sparse) and
#   CF=-Wsparse-error; the kernel's Makefile already passes sparse the s390
#   flags (--arch=s390 -mbig-endian -m64 -D__s390x__). Any sparse output
#   fails the file.
#
# Environment: KJOBS (parallel jobs, default nproc), KBUILD_CHECK_SYMS.

set -u

usage()
{
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
}

[ $# -eq 1 ] || usage
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1" || exit 1
BUILD_DIR=$(cd "$1" && pwd)

# shellcheck source=scripts/kbuild/common.sh
. "$ROOT/scripts/kbuild/common.sh"
kbuild_sanitize_env

# Config symbols of the project; those the kernel's Kconfig lacks are
# defined on the command line (CONFIG_KVM and CONFIG_VFIO_CCW come from
# .config).
KBUILD_CHECK_SYMS=${KBUILD_CHECK_SYMS:-KVM KVM_S390_FLIC VFIO_CCW KVM_S390_CCW_DIRECT}

SRC=$BUILD_DIR/kbuild-src
LOGS=$BUILD_DIR/kbuild-logs

T_START=$(kbuild_now)
kbuild_kernel_prepared "$BUILD_DIR"
T_SYMVERS_START=$(kbuild_now)
flock 9
kbuild_symvers
flock -u 9
T_SYMVERS=$(kbuild_elapsed "$T_SYMVERS_START")

MAKE_ARGS=(-C "$KDIR" "ARCH=$KARCH" "CROSS_COMPILE=$KCROSS" "M=$SRC" W=1)
KCFLAGS_VAL=-Werror
for sym in $KBUILD_CHECK_SYMS; do
	if [ -z "$(kbuild_kconfig_value "$sym")" ]; then
		if grep -q "^# CONFIG_$sym is not set" "$KDIR/.config"; then
			kbuild_die "CONFIG_$sym is in the kernel's Kconfig but off; add it to KCONFIG_RECIPE in scripts/kbuild/common.sh"
		fi
		MAKE_ARGS+=("CONFIG_$sym=y")
		KCFLAGS_VAL+=" -DCONFIG_$sym=1"
	fi
done
MAKE_ARGS+=("KCFLAGS=$KCFLAGS_VAL")

# Fresh mirror of the sources (see above for why a mirror).
rm -rf "$SRC" "$LOGS"
mkdir -p "$SRC" "$LOGS"
(
	cd "$ROOT" || exit 1
	dirs=
	for d in $PORTABLE_DIRS include arch/s390/include; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	# shellcheck disable=SC2086 # word list of existing directories
	[ -z "$dirs" ] || tar -cf - --exclude='*.o' --exclude='.*.cmd' $dirs
) | tar -xf - -C "$SRC" || kbuild_die "copying sources to $SRC failed"
# -Wmissing-include-dirs (W=1) wants every -idirafter directory to exist.
for d in $PORTABLE_DIRS include include/uapi arch/s390/include; do
	mkdir -p "$SRC/$d"
done
cp "$ROOT/Kbuild" "$SRC/Kbuild"

# The link step's composite module per directory (see above). Composite
# sub-objects (foo-y) are flattened: kbuild does not nest composites.
MODULES=()
for d in $PORTABLE_DIRS; do
	[ -n "$(find "$SRC/$d" -maxdepth 1 -name '*.c')" ] || continue
	mod=$(echo "$d" | tr / -)
	MODULES+=("$d/$mod")
	cat > "$SRC/$d/kbuild-check-modinfo.c" <<-EOF
	// SPDX-License-Identifier: GPL-2.0
	#include <linux/module.h>
	MODULE_LICENSE("GPL");
	MODULE_DESCRIPTION("kbuild-check link of $d");
	EOF
	cat >> "$SRC/$d/Makefile" <<-EOF

	# Added by scripts/kbuild-check.sh: the objects as one module.
	kc-objs := \$(filter %.o,\$(obj-y) \$(obj-m))
	kc-objs := \$(foreach o,\$(kc-objs),\$(if \$(\$(o:.o=-y))\$(\$(o:.o=-objs)),\$(\$(o:.o=-y)) \$(\$(o:.o=-objs)),\$(o)))
	obj-y := \$(filter %/,\$(obj-y))
	obj-m := \$(filter %/,\$(obj-m)) $mod.o
	$mod-y := \$(kc-objs) kbuild-check-modinfo.o
	EOF
done

FILES=()
while IFS= read -r f; do
	FILES+=("$f")
done < <(cd "$ROOT" && for d in $PORTABLE_DIRS; do
		[ -d "$d" ] && find "$d" -name '*.c' -type f
	done | sort)

if [ ${#FILES[@]} -eq 0 ]; then
	echo "1..0 # SKIP no portable .c files"
	exit 0
fi

logname()
{
	echo "$LOGS/$(echo "$1" | tr / _).$2"
}

# The config symbol a file is listed under in its directory's Makefile:
# "obj-$(CONFIG_X) += f.o" or "comp-$(CONFIG_X) += f.o" gives X;
# "obj-y"/"comp-y"/"comp-objs" lines give "y". Empty when not listed.
listed_under()
{
	local mk obj line
	mk=$SRC/$(dirname "$1")/Makefile
	obj=$(basename "$1" .c).o
	[ -f "$mk" ] || return 0
	line=$(sed -e 's/#.*//' "$mk" | grep -E "(^|[[:space:]=])$obj([[:space:]\\\\]|\$)" | head -n1)
	[ -n "$line" ] || return 0
	if [[ $line =~ \$\(CONFIG_([A-Za-z0-9_]+)\) ]]; then
		echo "${BASH_REMATCH[1]}"
	else
		echo y
	fi
}

sym_enabled()
{
	local s
	[ "$1" = y ] && return 0
	[ -n "$(kbuild_kconfig_value "$1")" ] && return 0
	for s in $KBUILD_CHECK_SYMS; do
		[ "$s" = "$1" ] && return 0
	done
	return 1
}

# compile_one FILE: the object, W=1, -Werror. Result in LOG.rc.
compile_one()
{
	local f=$1 log rc sym obj
	log=$(logname "$f" compile)
	obj=${f%.c}.o
	sym=$(listed_under "$f")
	if [ -z "$sym" ]; then
		echo "$f is not listed in $(dirname "$f")/Makefile" > "$log"
		echo 1 > "$log.rc"
		return
	fi
	if ! sym_enabled "$sym"; then
		echo "$f is listed under CONFIG_$sym, which the kbuild-check config does not enable" > "$log"
		echo 1 > "$log.rc"
		return
	fi
	make "${MAKE_ARGS[@]}" "$obj" > "$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && [ ! -f "$SRC/$obj" ]; then
		echo "make succeeded but did not produce $obj" >> "$log"
		rc=1
	fi
	if [ $rc -eq 0 ] && grep -qE '(warning|error):' "$log"; then
		rc=1
	fi
	echo $rc > "$log.rc"
}

# sparse_one FILE: C=2 on the up-to-date object runs only sparse.
sparse_one()
{
	local f=$1 log rc
	log=$(logname "$f" sparse)
	if [ "$(cat "$(logname "$f" compile).rc")" != 0 ]; then
		echo skip > "$log.rc"
		return
	fi
	make "${MAKE_ARGS[@]}" C=2 CHECK=sparse CF=-Wsparse-error \
		"${f%.c}.o" > "$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && grep -qE '(warning|error):' "$log"; then
		rc=1
	fi
	echo $rc > "$log.rc"
}

# run_all FUNC: FUNC on every file, KJOBS at a time.
run_all()
{
	local f running=0
	for f in "${FILES[@]}"; do
		if [ $running -ge "$KJOBS" ]; then
			wait -n
			running=$((running - 1))
		fi
		"$1" "$f" &
		running=$((running + 1))
	done
	wait
}

# Output lines that say something: the "make: Entering directory" and
# kbuild's progress lines are noise in a diagnostic.
diag()
{
	grep -vE '^make(\[[0-9]+\])?: (Entering|Leaving) directory|^  (CC|CC \[M\]|CHECK|LD \[M\]|MODPOST|MODINFO|LDS) ' "$1" |
		sed 's/^/# /'
}

# rerun_torn FUNC STEP: FUNC again, alone, on every file whose STEP log
# shows make tripping over another job's half-written .cmd file. Kbuild
# includes every .*.cmd of the directory and fixdep writes them in place,
# so single-target makes running in parallel in one directory can read
# one mid-write ("unterminated call to function 'wildcard'"). That is a
# property of this harness, not of the file: the file is built again
# with nothing else running, and a real error fails again.
rerun_torn()
{
	local f log
	for f in "${FILES[@]}"; do
		log=$(logname "$f" "$2")
		[ "$(cat "$log.rc")" = 0 ] && continue
		grep -qE '/\.[^/]*\.cmd:[0-9]+: \*\*\*' "$log" && "$1" "$f"
	done
}

T_COMPILE_START=$(kbuild_now)
run_all compile_one
rerun_torn compile_one compile
T_COMPILE=$(kbuild_elapsed "$T_COMPILE_START")
T_SPARSE_START=$(kbuild_now)
run_all sparse_one
rerun_torn sparse_one sparse
T_SPARSE=$(kbuild_elapsed "$T_SPARSE_START")

# The link step: every directory's module at once (modpost resolves one
# module's symbols against the others' exports), after all compiles pass.
T_LINK_START=$(kbuild_now)
LINK_LOG=$LOGS/link
if [ ${#MODULES[@]} -gt 0 ]; then
	if grep -qvx 0 "$LOGS"/*.compile.rc; then
		echo skip > "$LINK_LOG.rc"
	else
		make "${MAKE_ARGS[@]}" -j"$KJOBS" modules > "$LINK_LOG" 2>&1
		rc=$?
		# modpost reports in upper case; an undefined symbol is an
		# ERROR, a section mismatch a WARNING: both fail.
		if [ $rc -eq 0 ] && grep -qiE '(warning|error):' "$LINK_LOG"; then
			rc=1
		fi
		echo $rc > "$LINK_LOG.rc"
	fi
fi
T_LINK=$(kbuild_elapsed "$T_LINK_START")

n=0
pass=0
fail=0
echo "1..$((${#FILES[@]} * 2 + ${#MODULES[@]}))"
for f in "${FILES[@]}"; do
	n=$((n + 1))
	log=$(logname "$f" compile)
	if [ "$(cat "$log.rc")" = 0 ]; then
		echo "ok $n - kbuild $f"
		pass=$((pass + 1))
	else
		echo "not ok $n - kbuild $f"
		diag "$log"
		fail=$((fail + 1))
	fi
done
for f in "${FILES[@]}"; do
	n=$((n + 1))
	log=$(logname "$f" sparse)
	case $(cat "$log.rc") in
	0)
		echo "ok $n - sparse $f"
		pass=$((pass + 1))
		;;
	skip)
		# Not a pass: the failed compile above already fails the run.
		echo "ok $n - sparse $f # SKIP does not compile"
		;;
	*)
		echo "not ok $n - sparse $f"
		diag "$log"
		fail=$((fail + 1))
		;;
	esac
done
for m in "${MODULES[@]}"; do
	n=$((n + 1))
	what="link ${m%/*} as ${m##*/}.ko with modpost"
	case $(cat "$LINK_LOG.rc") in
	0)
		if [ -f "$SRC/$m.ko" ]; then
			echo "ok $n - $what"
			pass=$((pass + 1))
		else
			echo "not ok $n - $what: no $m.ko"
			fail=$((fail + 1))
		fi
		;;
	skip)
		echo "ok $n - $what # SKIP objects do not compile"
		;;
	*)
		echo "not ok $n - $what"
		diag "$LINK_LOG"
		fail=$((fail + 1))
		;;
	esac
done
echo "# kbuild-check: $pass passed, $fail failed"
echo "# timing: unpack ${T_UNPACK}s, configure ${T_CONFIG}s, modules_prepare ${T_PREPARE}s, symvers ${T_SYMVERS}s, compile ${T_COMPILE}s (${#FILES[@]} files, -j$KJOBS), sparse ${T_SPARSE}s, link ${T_LINK}s, total $(kbuild_elapsed "$T_START")s"
[ $fail -eq 0 ]

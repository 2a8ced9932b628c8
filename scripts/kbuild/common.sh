# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # variables used by the sourcing scripts
#
# Shared by scripts/kbuild-check.sh and scripts/checkpatch.sh (sourced, not
# run): the unpacked, configured and prepared linux-source-6.1 tree under
# BUILD_DIR/kernel/, built once and cached.
#
# Layout of BUILD_DIR:
#   kernel/linux-source-6.1/   the unpacked tarball (configured, prepared)
#   kernel/.unpacked           stamp: identity of the tarball it came from
#   kernel/.configured         stamp: identity of tarball + config recipe
#   kernel/.prepared           stamp: same content, after modules_prepare
#   kernel/.lock               flock, so parallel make targets don't race
#   kbuild-src/                mirror of the portable sources (kbuild-check)
#   kbuild-logs/               per-file compiler and sparse output

KSRC_TARBALL=${KSRC_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
KSRC_NAME=linux-source-6.1
KARCH=s390
KCROSS=s390x-linux-gnu-
KJOBS=${KJOBS:-$(nproc 2>/dev/null || echo 2)}

# Portable directories of the project, relative to its root: the
# directories the top-level Kbuild lists (obj-y/obj-m "dir/" lines), read
# by make itself, so that the list is parsed exactly as kbuild parses it.
# Needs ROOT (the project's top directory) set by the sourcing script.
kbuild_portable_dirs()
{
	# shellcheck disable=SC2016 # make, not the shell, expands these
	printf '%s\n' "include $ROOT/Kbuild" \
		'$(info $(patsubst %/,%,$(filter %/,$(obj-y) $(obj-m))))' \
		'all: ;' |
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -f - all
}
PORTABLE_DIRS=$(kbuild_portable_dirs)
[ -n "$PORTABLE_DIRS" ] || { echo "Bail out! $ROOT/Kbuild lists no directories"; exit 1; }

# Kernel options our code needs, on top of s390 defconfig. Debug info is
# turned off: it makes every object several times bigger and slower to
# build and tells a compile check nothing.
KCONFIG_RECIPE="-m KVM -m VFIO -m VFIO_CCW -m VFIO_MDEV -e KUNIT
-d DEBUG_INFO -d DEBUG_INFO_DWARF4 -d DEBUG_INFO_DWARF5
-d DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT -e DEBUG_INFO_NONE"

# Variables an outer make or the caller's shell may have exported that would
# change what the kernel's Makefile does (a parent make's command-line
# variables travel in MAKEFLAGS and would override the kernel's own).
kbuild_sanitize_env()
{
	unset MAKEFLAGS MFLAGS MAKEOVERRIDES MAKELEVEL GNUMAKEFLAGS MAKEFILES
	unset KBUILD_OUTPUT KBUILD_EXTMOD KBUILD_VERBOSE KBUILD_CHECKSRC
	unset KBUILD_EXTRA_WARN KBUILD_BUILD_TIMESTAMP KCFLAGS KCPPFLAGS KAFLAGS
	unset KRUSTFLAGS LLVM LLVM_IAS CROSS_COMPILE ARCH SUBARCH O M C W V
	unset CF CHECK INSTALL_MOD_PATH
	export LC_ALL=C
}

kbuild_now()
{
	date +%s.%N
}

# kbuild_elapsed START -> seconds since START, one decimal
kbuild_elapsed()
{
	awk -v s="$1" -v e="$(kbuild_now)" 'BEGIN { printf "%.1f", e - s }'
}

kbuild_die()
{
	echo "Bail out! $*"
	exit 1
}

# Identity of the tarball: a changed linux-source-6.1 package re-unpacks.
kbuild_tarball_id()
{
	stat -c '%n %s %Y' "$KSRC_TARBALL"
}

# kbuild_kernel_unpacked BUILD_DIR: sets KDIR; unpacks on first use.
# Sets T_UNPACK to the seconds spent (0 when cached).
kbuild_kernel_unpacked()
{
	local kbase=$1/kernel want start

	KDIR=$kbase/$KSRC_NAME
	T_UNPACK=0
	[ -r "$KSRC_TARBALL" ] ||
		kbuild_die "$KSRC_TARBALL missing (run scripts/install-deps.sh)"
	want=$(kbuild_tarball_id)
	if [ -d "$KDIR" ] && [ "$(cat "$kbase/.unpacked" 2>/dev/null)" = "$want" ]; then
		return 0
	fi
	start=$(kbuild_now)
	rm -rf "$KDIR" "$kbase/.unpack.tmp" "$kbase/.unpacked" \
		"$kbase/.configured" "$kbase/.prepared"
	mkdir -p "$kbase/.unpack.tmp"
	# Unpack aside and rename, so an interrupted run never leaves a
	# half tree that a later run would take for a good one.
	tar -xJf "$KSRC_TARBALL" -C "$kbase/.unpack.tmp" ||
		kbuild_die "unpacking $KSRC_TARBALL failed"
	[ -f "$kbase/.unpack.tmp/$KSRC_NAME/Makefile" ] ||
		kbuild_die "$KSRC_TARBALL has no $KSRC_NAME/Makefile"
	mv "$kbase/.unpack.tmp/$KSRC_NAME" "$KDIR"
	rmdir "$kbase/.unpack.tmp"
	echo "$want" > "$kbase/.unpacked"
	T_UNPACK=$(kbuild_elapsed "$start")
}

# kbuild_kernel_prepared BUILD_DIR: unpack, configure, modules_prepare, each
# step once. Sets KDIR, T_UNPACK, T_CONFIG, T_PREPARE. Holds a lock so that
# kbuild-check and checkpatch started in parallel share one tree.
kbuild_kernel_prepared()
{
	local kbase=$1/kernel want start log

	mkdir -p "$kbase"
	exec 9> "$kbase/.lock"
	flock 9
	kbuild_kernel_unpacked "$1"
	T_CONFIG=0
	T_PREPARE=0
	want="$(kbuild_tarball_id) $(echo "$KCONFIG_RECIPE" | tr '\n' ' ') $(${KCROSS}gcc --version | head -n1)"
	log=$kbase/prepare.log
	if [ "$(cat "$kbase/.configured" 2>/dev/null)" != "$want" ]; then
		rm -f "$kbase/.configured" "$kbase/.prepared"
		start=$(kbuild_now)
		# shellcheck disable=SC2086 # the recipe is a word list
		{
			make -C "$KDIR" -s ARCH=$KARCH CROSS_COMPILE=$KCROSS \
				defconfig &&
			"$KDIR/scripts/config" --file "$KDIR/.config" \
				$KCONFIG_RECIPE &&
			make -C "$KDIR" -s ARCH=$KARCH CROSS_COMPILE=$KCROSS \
				olddefconfig
		} > "$log" 2>&1 || {
			sed 's/^/# /' "$log"
			kbuild_die "configuring $KDIR failed"
		}
		echo "$want" > "$kbase/.configured"
		T_CONFIG=$(kbuild_elapsed "$start")
	fi
	if [ "$(cat "$kbase/.prepared" 2>/dev/null)" != "$want" ]; then
		start=$(kbuild_now)
		make -C "$KDIR" -s -j"$KJOBS" ARCH=$KARCH CROSS_COMPILE=$KCROSS \
			modules_prepare > "$log" 2>&1 || {
			sed 's/^/# /' "$log"
			kbuild_die "make modules_prepare in $KDIR failed"
		}
		echo "$want" > "$kbase/.prepared"
		T_PREPARE=$(kbuild_elapsed "$start")
	fi
	flock -u 9
}

# kbuild_kconfig_value SYMBOL (without CONFIG_) -> y, m, or empty, from the
# prepared tree's .config.
kbuild_kconfig_value()
{
	sed -n "s/^CONFIG_$1=\\(.*\\)\$/\\1/p" "$KDIR/.config"
}

# kbuild_symvers: write $KDIR/Module.symvers for the link step of
# kbuild-check (once per tarball; call with the tree prepared and locked).
#
# modpost resolves a module's undefined symbols against Module.symvers,
# which only a full vmlinux build writes (modules_prepare does not, and
# without it modpost merely warns). Building vmlinux here would take the
# better part of an hour on this machine's two shared cores, so the file is
# made from the 6.1 source instead:
# - every EXPORT_SYMBOL*() and EXPORT_PER_CPU_SYMBOL*() in the tree
#   outside other architectures' directories (vmlinux and module exports alike: a portable module may
#   use what a 6.1 module exports, as vfio_ccw.ko uses vfio.ko), with its
#   namespace, so modpost also checks MODULE_IMPORT_NS, and the
#   _dev_err() family, which drivers/base/core.c exports through a macro;
# - the global functions of virt/kvm/*.c: 6.1 links virt/kvm and
#   arch/s390/kvm into one kvm.ko, so arch code calls them without an
#   export (kvm_register_device_ops). Found as kernel-style definitions
#   ("type name(" at the start of a line, not static).
# What this lets through that a configured vmlinux would not: an export
# whose file the s390 config does not build. What it still catches: a
# name 6.1 does not export at all (a host-only helper, a misspelling, a
# function 6.1 keeps static or internal), duplicate definitions, and
# everything else modpost checks (licence, namespaces, section mismatches).
kbuild_symvers()
{
	local stamp=$KDIR/../.symvers want
	# the suffix changes whenever the way the file is made changes
	want="$(kbuild_tarball_id) per-cpu+dev_printk"
	[ "$(cat "$stamp" 2>/dev/null)" = "$want" ] &&
		[ -f "$KDIR/Module.symvers" ] && return 0
	(
		cd "$KDIR" || exit 1
		srcdirs=(arch/s390)
		for d in */; do
			[ "$d" = arch/ ] || srcdirs+=("$d")
		done
		grep -rhoE --include='*.[chS]' \
			--exclude-dir=tools --exclude-dir=samples \
			--exclude-dir=Documentation --exclude-dir=scripts \
			'\bEXPORT_(PER_CPU_)?SYMBOL(_NS)?(_GPL)?\([[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*(,[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*)?\)' \
			"${srcdirs[@]}" |
			sed -E 's/[[:space:]]//g; s/^EXPORT_(PER_CPU_)?SYMBOL(_NS)?(_GPL)?\(([^,)]*),?([^)]*)\)$/\4 EXPORT_SYMBOL\3 \5/' |
			awk '{ printf "0x00000000\t%s\tvmlinux\t%s\t%s\n", $1, $2, $3 }'
		# exported by a macro: _dev_err() and its siblings
		sed -nE 's/^define_dev_printk_level\(([a-z_]+),.*/\1/p' \
			drivers/base/core.c |
			awk '{ printf "0x00000000\t%s\tvmlinux\tEXPORT_SYMBOL\t\n", $1 }'
		grep -hvE '^(static|typedef|extern)[[:space:]]' virt/kvm/*.c |
			sed -nE 's/^[a-z_][a-z0-9_ ]*[ *]([a-z_][a-z0-9_]*)\(.*[^;]$/\1/p' |
			grep -vx '__attribute__' |
			awk '{ printf "0x00000000\t%s\tkvm\tEXPORT_SYMBOL_GPL\t\n", $1 }'
	) | sort -u -k2,2 > "$KDIR/Module.symvers.tmp" ||
		kbuild_die "making $KDIR/Module.symvers failed"
	mv "$KDIR/Module.symvers.tmp" "$KDIR/Module.symvers"
	echo "$want" > "$stamp"
}

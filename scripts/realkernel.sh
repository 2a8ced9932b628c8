#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# realkernel.sh BUILD_DIR
#
# vfio-ccw in a real linux-6.1 s390x kernel: builds a tiny kernel from
# Debian's linux-source-6.1 with the fragment
# tools/testing/realkernel/realkernel.config (lockdep on), the static s390x
# test program tools/testing/realkernel/vfio_ccw_init.c as /init, packs an
# initramfs with the vfio_ccw.ko module(s), boots it under qemu-system-s390x
# with virtio-blk-ccw devices and prints the guest's results as TAP (one
# suite of scripts/run-tests.sh). See Documentation/s390/vfio-ccw-realkernel.rst.
#
# Everything is cached under BUILD_DIR/realkernel/ (separate from the
# kbuild-check tree in BUILD_DIR/kernel/, which has another config):
#   linux-source-6.1/  the unpacked tarball (source only: builds use O=)
#   obj/               the kernel build (O=), incremental
#   ours/              mirror of drivers/s390/cio built as an external module
#   init, init.cpio, *.img, guest-*.log
#
# Environment:
#   REALKERNEL_OURS=0|1|auto  also boot our vfio_ccw.ko (drivers/s390/cio,
#                  built with M=) and run the same program against it with
#                  vfioccw.expect=ours, then compare the two boots'
#                  observations ("# obs" lines): they must differ exactly
#                  where Documentation/s390/vfio-ccw.rst says (DIFFERENCES
#                  below). auto (default): when our sources exist.
#   REALKERNEL_TIMEOUT  seconds per boot (default 300)
#   REALKERNEL_APPEND   extra kernel parameters (e.g. lockdep.prove_locking=0)
#   KJOBS          make -j (default nproc)

set -u

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1/realkernel" || exit 1
RK=$(cd "$1/realkernel" && pwd)

# shellcheck source=scripts/kbuild/common.sh
. "$ROOT/scripts/kbuild/common.sh"
kbuild_sanitize_env

TDIR=$ROOT/tools/testing/realkernel
FRAGMENT=$TDIR/realkernel.config
KSRC=$RK/$KSRC_NAME
KOBJ=$RK/obj
OURS_ON=${REALKERNEL_OURS:-auto}
BOOT_TIMEOUT=${REALKERNEL_TIMEOUT:-300}
EXTRA_APPEND=${REALKERNEL_APPEND:-}
DISK_SECTORS=2048	# d1.img: 1 MiB
KMAKE=(make -C "$KSRC" O="$KOBJ" ARCH="$KARCH" CROSS_COMPILE="$KCROSS")

n=0
failed=0
ok()
{
	n=$((n + 1))
	echo "ok $n - $*"
}
not_ok()
{
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
}
finish()
{
	echo "1..$n"
	[ "$failed" -eq 0 ]
	exit
}
# bail MSG LOG: a step failed; show the log's end and stop.
bail()
{
	not_ok "$1"
	[ -n "${2:-}" ] && [ -f "$2" ] && tail -n 40 "$2" | sed 's/^/# /'
	finish
}

echo "TAP version 13"
exec 9> "$RK/.lock"
flock 9

# ------------------------------------------------------------ unpack
want=$(kbuild_tarball_id)
start=$(kbuild_now)
if [ -f "$KSRC/Makefile" ] && [ "$(cat "$RK/.unpacked" 2>/dev/null)" = "$want" ]; then
	ok "kernel source unpacked (cached)"
else
	[ -r "$KSRC_TARBALL" ] || bail "$KSRC_TARBALL missing (scripts/install-deps.sh)"
	rm -rf "$KSRC" "$KOBJ" "$RK/.unpack.tmp" "$RK/.unpacked" "$RK/.configured"
	mkdir -p "$RK/.unpack.tmp"
	# Unpack aside and rename: an interrupted run leaves no half tree.
	tar -xJf "$KSRC_TARBALL" -C "$RK/.unpack.tmp" ||
		bail "unpacking $KSRC_TARBALL"
	mv "$RK/.unpack.tmp/$KSRC_NAME" "$KSRC" && rmdir "$RK/.unpack.tmp"
	echo "$want" > "$RK/.unpacked"
	ok "kernel source unpacked ($(kbuild_elapsed "$start") s)"
fi

# ------------------------------------------------------------ configure
want="$want $(md5sum < "$FRAGMENT") $("${KCROSS}gcc" --version | head -n1)"
start=$(kbuild_now)
if [ -f "$KOBJ/.config" ] && [ "$(cat "$RK/.configured" 2>/dev/null)" = "$want" ]; then
	ok "kernel configured (cached)"
else
	rm -f "$RK/.configured"
	mkdir -p "$KOBJ"
	{
		"${KMAKE[@]}" -s tinyconfig &&
		(cd "$KOBJ" && "$KSRC/scripts/kconfig/merge_config.sh" -m \
			-O "$KOBJ" "$KOBJ/.config" "$FRAGMENT") &&
		"${KMAKE[@]}" -s olddefconfig
	} > "$RK/config.log" 2>&1 || bail "configuring the kernel" "$RK/config.log"
	# merge_config -m does not check the result: every symbol of the
	# fragment must have survived olddefconfig (else a dependency is
	# missing and the kernel would silently lack it).
	lost=$(sed -n -e 's/^\(CONFIG_[A-Z0-9_]*=.*\)$/\1/p' \
		-e 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1=n/p' "$FRAGMENT" |
		while IFS= read -r line; do
			sym=${line%%=*}
			val=${line#*=}
			if [ "$val" = n ]; then
				grep -q "^$sym=" "$KOBJ/.config" && echo "$line"
			else
				grep -qx "$line" "$KOBJ/.config" || echo "$line"
			fi
		done)
	[ -z "$lost" ] || bail "fragment symbols not in the final .config: $(echo "$lost" | tr '\n' ' ')"
	echo "$want" > "$RK/.configured"
	ok "kernel configured ($(kbuild_elapsed "$start") s)"
fi

# ------------------------------------------------------------ build
start=$(kbuild_now)
"${KMAKE[@]}" -j"$KJOBS" bzImage modules > "$RK/build.log" 2>&1 ||
	bail "building bzImage and modules" "$RK/build.log"
UPSTREAM_KO=$KOBJ/drivers/s390/cio/vfio_ccw.ko
[ -f "$UPSTREAM_KO" ] || bail "no $UPSTREAM_KO"
ok "kernel built: bzImage + modules ($(kbuild_elapsed "$start") s)"
lockdep=$(grep -c '^CONFIG_PROVE_LOCKING=y' "$KOBJ/.config")
echo "# lockdep (PROVE_LOCKING): $([ "$lockdep" -gt 0 ] && echo on || echo off)"

# ------------------------------------------------------------ our module
OURS_KO=
if [ "$OURS_ON" = auto ]; then
	OURS_ON=0
	ls "$ROOT"/drivers/s390/cio/vfio_ccw_*.c > /dev/null 2>&1 && OURS_ON=1
fi
if [ "$OURS_ON" = 1 ]; then
	start=$(kbuild_now)
	# A mirror, as in kbuild-check: 6.1 writes objects next to the sources.
	rm -rf "$RK/ours"
	mkdir -p "$RK/ours/drivers/s390"
	cp -r "$ROOT/drivers/s390/cio" "$RK/ours/drivers/s390/"
	for d in include arch/s390/include; do
		[ -d "$ROOT/$d" ] && mkdir -p "$RK/ours/$d" &&
			cp -r "$ROOT/$d/." "$RK/ours/$d/"
	done
	cp "$TDIR/Kbuild.ours" "$RK/ours/Kbuild"
	if "${KMAKE[@]}" -j"$KJOBS" M="$RK/ours" modules \
		> "$RK/ours.log" 2>&1 &&
	   [ -f "$RK/ours/drivers/s390/cio/vfio_ccw.ko" ]; then
		OURS_KO=$RK/ours/drivers/s390/cio/vfio_ccw.ko
		ok "our vfio_ccw.ko built with M= ($(kbuild_elapsed "$start") s)"
	else
		not_ok "our vfio_ccw.ko built with M="
		tail -n 30 "$RK/ours.log" | sed 's/^/# /'
	fi
else
	echo "ok $((n += 1)) - our vfio_ccw.ko # SKIP REALKERNEL_OURS=0: upstream's module only"
fi

# ------------------------------------------------------------ /init, initramfs
start=$(kbuild_now)
"${KCROSS}gcc" -static -pthread -O2 -Wall -Wextra -Werror -o "$RK/init" \
	"$TDIR/vfio_ccw_init.c" > "$RK/init.log" 2>&1 ||
	bail "building the static s390x /init" "$RK/init.log"
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "dir /proc 0755 0 0"
	echo "dir /sys 0755 0 0"
	echo "dir /lib 0755 0 0"
	echo "dir /lib/modules 0755 0 0"
	echo "dir /lib/modules/ours 0755 0 0"
	echo "file /init $RK/init 0755 0 0"
	echo "file /lib/modules/vfio_ccw.ko $UPSTREAM_KO 0644 0 0"
	[ -n "$OURS_KO" ] &&
		echo "file /lib/modules/ours/vfio_ccw.ko $OURS_KO 0644 0 0"
} > "$RK/init.list"
"$KOBJ/usr/gen_init_cpio" "$RK/init.list" > "$RK/init.cpio" 2> "$RK/init.log" ||
	bail "packing the initramfs" "$RK/init.log"
ok "/init built and initramfs packed ($(kbuild_elapsed "$start") s)"
flock -u 9

# ------------------------------------------------------------ boot
truncate -s $((DISK_SECTORS * 512)) "$RK/d1.img" "$RK/d2.img"

# boot NAME EXPECT MODULE: one boot; the guest's TAP renumbered into ours.
boot()
{
	local name=$1 expect=$2 module=$3 log=$RK/guest-$1.log rc res
	local gpass gfail gplan

	start=$(kbuild_now)
	timeout --kill-after=5 "$BOOT_TIMEOUT" qemu-system-s390x \
		-M s390-ccw-virtio -cpu qemu -smp 1 -m 512 -nographic \
		-nodefaults -serial stdio -no-reboot \
		-kernel "$KOBJ/arch/s390/boot/bzImage" -initrd "$RK/init.cpio" \
		-append "panic=-1 loglevel=3 vfioccw.module=$module vfioccw.driver=vfio_ccw vfioccw.expect=$expect vfioccw.sectors=$DISK_SECTORS $EXTRA_APPEND" \
		-drive if=none,id=d1,file="$RK/d1.img",format=raw \
		-device virtio-blk-ccw,drive=d1,devno=fe.0.0100 \
		-drive if=none,id=d2,file="$RK/d2.img",format=raw \
		-device virtio-blk-ccw,drive=d2,devno=fe.0.0101 \
		< /dev/null 2>&1 | tr -d '\r' > "$log"
	rc=${PIPESTATUS[0]}
	res=$(awk -v n="$n" -v tag="[$name] " '
		/^(not )?ok [0-9]+ - / {
			n++
			not = /^not /
			sub(/^(not )?ok [0-9]+ - /, "")
			printf "%sok %d - %s%s\n", not ? "not " : "", n, tag, $0
			next
		}
		/^1\.\.[0-9]+$/ { next }
		/^TAP version/ { next }
		/^# / { print; next }
		END { print "@n " n }
	' "$log")
	echo "$res" | grep -v '^@n '
	gpass=$(echo "$res" | grep -c '^ok ')
	gfail=$(echo "$res" | grep -c '^not ok ')
	n=$(echo "$res" | sed -n 's/^@n //p')
	failed=$((failed + gfail))
	gplan=$(grep -m1 -oE '^1\.\.[0-9]+$' "$log" | cut -d. -f3)
	if [ "$rc" -eq 0 ] && [ -n "$gplan" ] &&
	   [ "$gplan" -eq $((gpass + gfail)) ] &&
	   grep -q '^vfio-ccw-realkernel: [0-9]* passed, [0-9]* failed$' "$log"; then
		ok "[$name] guest ran $gplan checks and powered off ($(kbuild_elapsed "$start") s)"
	else
		not_ok "[$name] guest finished: qemu rc $rc, plan ${gplan:-none}, $((gpass + gfail)) results"
		tail -n 40 "$log" | sed 's/^/# /'
	fi
}

# The "# obs NAME: ..." lines where the modules may differ, each with the
# item of "Differences from Linux 6.1's vfio_ccw.ko" in
# Documentation/s390/vfio-ccw.rst that explains it. Every other
# observation must be the same in both boots.
DIFFERENCES=(
	"two interrupts, then two reads=1 (no lost IRBs)"
	"format-1 idaw=2 (format-1 IDAWs)"
	"2k idaw=2 (2K IDAWs)"
	"misaligned idaw data=3 (misaligned IDAW not realigned)"
	"ccw at end of mapping=4 (no 2 KiB read past a CCW)"
	"hsch=5 (guest CCW address after HSCH)"
	"csch=5 (guest CCW address after CSCH)"
	"csch after I/O=5 (guest CCW address after CSCH)"
	"256 ccws=7 (at most 255 CCWs a segment)"
	"no function=8 (-EINVAL for an SCSW without a function)"
)

# compare: the observations of both boots, side by side.
compare()
{
	local up=$RK/guest-upstream.log ours=$RK/guest-ours.log diffs d key
	local unexpected= missing=

	diffs=$(awk '
		FNR == 1 { f++ }
		/^# obs / {
			line = substr($0, 7)
			i = index(line, ": ")
			key = substr(line, 1, i - 1)
			val[f, key] = substr(line, i + 2)
			if (!(key in seen)) { seen[key] = 1; keys[++nk] = key }
		}
		END {
			for (k = 1; k <= nk; k++) {
				key = keys[k]
				if (val[1, key] != val[2, key])
					printf "%s\t%s\t%s\n", key, val[1, key], val[2, key]
			}
		}' "$up" "$ours")
	echo "# where upstream 6.1's vfio_ccw.ko and ours differ:"
	while IFS=$'\t' read -r key a b; do
		[ -n "$key" ] || continue
		echo "#   $key: upstream [$a] ours [$b]"
		found=
		for d in "${DIFFERENCES[@]}"; do
			[ "${d%%=*}" = "$key" ] && found=${d#*=}
		done
		if [ -n "$found" ]; then
			echo "#     documented difference $found"
		else
			unexpected="$unexpected '$key'"
		fi
	done <<< "$diffs"
	for d in "${DIFFERENCES[@]}"; do
		key=${d%%=*}
		printf '%s\n' "$diffs" | cut -f1 | grep -qxF "$key" ||
			missing="$missing '$key'"
	done
	if [ -z "$unexpected" ] && [ -z "$missing" ]; then
		ok "upstream and ours differ exactly in the documented differences (${#DIFFERENCES[@]})"
	else
		not_ok "upstream and ours differ exactly in the documented differences: undocumented:${unexpected:- none}; documented but not seen:${missing:- none}"
	fi
}

boot upstream upstream /lib/modules/vfio_ccw.ko
if [ -n "$OURS_KO" ]; then
	boot ours ours /lib/modules/ours/vfio_ccw.ko
	compare
fi
finish

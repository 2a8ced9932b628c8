#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# install-deps.sh: make sure the Debian packages the build needs are
# installed. Silent when they all are (about 20 dpkg-query look-ups, well
# under a second, so no stamp file: a package removed since the last run is
# noticed). As root, installs the missing ones (one apt-get update first);
# otherwise prints the apt-get command line to run and exits 1.
#
# Usage: scripts/install-deps.sh [--list]   (--list: print the package names)

set -u

PACKAGES="
	gcc-s390x-linux-gnu
	libc6-dev-s390x-cross
	linux-libc-dev-s390x-cross
	qemu-user
	qemu-system-misc
	linux-source-6.1
	kconfig-frontends
	hercules
	sparse
	clang
	libclang-rt-dev
	llvm
	pkg-config
	bc
	flex
	bison
	libssl-dev
	libelf-dev
	python3
	perl
	xz-utils
	make
	gcc
	libc6-dev
	libasan8
	libtsan2
"

if [ "${1:-}" = --list ]; then
	# shellcheck disable=SC2086 # word list of package names
	printf '%s\n' $PACKAGES
	exit 0
fi

missing=
for p in $PACKAGES; do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)
	case $status in
	ii*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

missing=${missing# }
echo "install-deps: missing Debian packages: $missing" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: not root; as root, run:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends $missing" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # word list of package names
if ! apt-get update -q ||
   ! apt-get install -y -q --no-install-recommends $missing; then
	echo "install-deps: apt-get failed" >&2
	exit 1
fi

# Check again: apt-get can succeed without installing everything asked.
still=
for p in $missing; do
	case $(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) in
	ii*) ;;
	*) still="$still $p" ;;
	esac
done
if [ -n "$still" ]; then
	echo "install-deps: still missing after apt-get:$still" >&2
	exit 1
fi
exit 0

# SPDX-License-Identifier: GPL-2.0
#
# Sourced by tools/testing/fuzz/run.sh and tools/bench/ccw/run.sh: the
# compiler flags that build portable kernel code (here
# drivers/s390/cio/vfio_ccw_cp.c) into a host program outside the host
# library: the host's kernel headers (um/include), the harness's slice of
# <linux/vfio.h> (used only while um/include has none), then 6.1's
# generic and s390 headers as the host build stages them (Makefile:
# KERNEL_CFLAGS). Needs ROOT (the source tree) and B (the build
# directory, after "make" staged the headers); sets KFLAGS, or returns 1.

KSRC=$B/kernel-6.1
UAPI=$B/include/uapi-s390
[ -f "$B/include/generated/autoconf.h" ] && [ -d "$KSRC/include" ] &&
	[ -f "$UAPI/linux/vfio.h" ] || return 1
KFLAGS=(-std=gnu11 -g -D__KERNEL__ -fno-strict-aliasing -fno-common
	-Wall -Wno-unused-parameter -Wno-pointer-sign
	-Werror=implicit-function-declaration
	-include "$B/include/generated/autoconf.h"
	-include "$ROOT/um/include/linux/kconfig.h"
	-include "$ROOT/um/include/linux/compiler_types.h"
	-I"$ROOT/um/include" -I"$ROOT/tools/testing/fuzz/include" -I"$UAPI"
	-I"$KSRC/include" -I"$KSRC/arch/s390/include"
	-I"$KSRC/drivers/s390/cio" -I"$ROOT/drivers/s390/cio"
	-I"$ROOT/include" -I"$ROOT/arch/s390/include")

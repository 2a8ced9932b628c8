/* SPDX-License-Identifier: GPL-2.0 */
/*
 * As kbuild generates it for s390 (generic-y): the kernel's own
 * asm-generic/unaligned.h, taken from the 6.1 tarball at build time.
 */
#include <asm-generic/unaligned.h>

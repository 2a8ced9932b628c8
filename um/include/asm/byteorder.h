/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_ASM_BYTEORDER_H
#define _UM_ASM_BYTEORDER_H

/*
 * The host's own uapi byteorder (big-endian on s390x, little on x86):
 * __BIG_ENDIAN or __LITTLE_ENDIAN, the matching *_BITFIELD macro and
 * __cpu_to_be32() & co.  Then the kernel's unprefixed names.
 */
#include_next <asm/byteorder.h>
#include <linux/byteorder/generic.h>

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_ASM_BITSPERLONG_H
#define _UM_ASM_BITSPERLONG_H

#include_next <asm/bitsperlong.h>	/* uapi __BITS_PER_LONG */

#define BITS_PER_LONG		__BITS_PER_LONG
#define BITS_PER_LONG_LONG	64

/* a bitmap of nbits is one word, and the compiler knows it */
#define small_const_nbits(nbits) \
	(__builtin_constant_p(nbits) && (nbits) <= BITS_PER_LONG && (nbits) > 0)

#endif

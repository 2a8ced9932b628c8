/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_NOSPEC_H
#define _UM_LINUX_NOSPEC_H

#include <linux/compiler.h>

/*
 * index when index < size, else 0, computed without a branch the CPU
 * could speculate past (the generic kernel mask).
 */
static inline unsigned long array_index_mask_nospec(unsigned long index,
						    unsigned long size)
{
	OPTIMIZER_HIDE_VAR(index);
	return ~(long)(index | (size - 1UL - index)) >> (sizeof(long) * 8 - 1);
}

#define array_index_nospec(index, size)					\
({									\
	typeof(index) _i = (index);					\
	typeof(size) _s = (size);					\
	unsigned long _mask = array_index_mask_nospec(_i, _s);		\
	(typeof(_i)) (_i & _mask);					\
})

#endif

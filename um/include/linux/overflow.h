/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_OVERFLOW_H
#define _UM_LINUX_OVERFLOW_H

#include <linux/compiler.h>
#include <linux/limits.h>

/* true on overflow; *d gets the wrapped result */
#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d)	__builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

#define type_max(T) ((T)((__builtin_choose_expr(((T)-1) < (T)1,	\
		(((T)1 << (8 * sizeof(T) - 2)) - 1) * 2 + 1, (T)-1))))
#define type_min(T) ((T)((T)-type_max(T) - (T)1))

/* saturating size_t arithmetic: SIZE_MAX on overflow */
static inline size_t __must_check size_mul(size_t factor1, size_t factor2)
{
	size_t bytes;

	if (check_mul_overflow(factor1, factor2, &bytes))
		return SIZE_MAX;
	return bytes;
}

static inline size_t __must_check size_add(size_t addend1, size_t addend2)
{
	size_t bytes;

	if (check_add_overflow(addend1, addend2, &bytes))
		return SIZE_MAX;
	return bytes;
}

static inline size_t __must_check size_sub(size_t minuend, size_t subtrahend)
{
	size_t bytes;

	if (minuend == SIZE_MAX || subtrahend == SIZE_MAX ||
	    check_sub_overflow(minuend, subtrahend, &bytes))
		return SIZE_MAX;
	return bytes;
}

#define array_size(a, b)	size_mul(a, b)
#define array3_size(a, b, c)	size_mul(size_mul(a, b), c)

#define flex_array_size(p, member, count)				\
	size_mul(count, sizeof(*(p)->member) + __must_be_array((p)->member))

#define struct_size(p, member, count)					\
	size_add(sizeof(*(p)), flex_array_size(p, member, count))

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_MATH_H
#define _UM_LINUX_MATH_H

#include <linux/types.h>

#define __round_mask(x, y)	((__typeof__(x))((y) - 1))
/* y must be a power of 2 */
#define round_up(x, y)		((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y)	((x) & ~__round_mask(x, y))

#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define DIV_ROUND_DOWN_ULL(ll, d) \
	({ unsigned long long _tmp = (ll); _tmp /= (d); _tmp; })
#define DIV_ROUND_UP_ULL(ll, d) \
	DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d) - 1, (d))
#define DIV_ROUND_CLOSEST(x, divisor) ({			\
	typeof(x) __x = x;					\
	typeof(divisor) __d = divisor;				\
	(((typeof(x))-1) > 0 || ((typeof(divisor))-1) > 0 ||	\
	 (((__x) > 0) == ((__d) > 0))) ?			\
		(((__x) + ((__d) / 2)) / (__d)) :		\
		(((__x) - ((__d) / 2)) / (__d));		\
})
#define roundup(x, y) ({ typeof(y) __y = y; (((x) + (__y - 1)) / __y) * __y; })
#define rounddown(x, y) ({ typeof(x) __x = (x); __x - (__x % (y)); })

#define abs(x) ({ typeof(x) __ax = (x); __ax < 0 ? -__ax : __ax; })

static inline u64 div_u64(u64 dividend, u32 divisor) { return dividend / divisor; }
static inline s64 div_s64(s64 dividend, s32 divisor) { return dividend / divisor; }
static inline u64 div64_u64(u64 dividend, u64 divisor) { return dividend / divisor; }
static inline s64 div64_s64(s64 dividend, s64 divisor) { return dividend / divisor; }
static inline u64 div64_ul(u64 dividend, unsigned long divisor) { return dividend / divisor; }
static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}
#define do_div(n, base) ({ u32 __base = (base); u32 __rem = ((u64)(n)) % __base; \
	(n) = ((u64)(n)) / __base; __rem; })

#endif

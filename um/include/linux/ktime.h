/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_KTIME_H
#define _UM_LINUX_KTIME_H

#include <linux/types.h>
#include <linux/time64.h>
#include <linux/jiffies.h>

typedef s64 ktime_t;

#define KTIME_MAX	((s64)~((u64)1 << 63))
#define KTIME_SEC_MAX	(KTIME_MAX / NSEC_PER_SEC)

static inline ktime_t ktime_set(const s64 secs, const unsigned long nsecs)
{
	if (unlikely(secs >= KTIME_SEC_MAX))
		return KTIME_MAX;
	return secs * NSEC_PER_SEC + (s64)nsecs;
}

#define ktime_sub(lhs, rhs)	((lhs) - (rhs))
#define ktime_add(lhs, rhs)	((lhs) + (rhs))
#define ktime_add_ns(kt, nsval)	((kt) + (nsval))
#define ktime_sub_ns(kt, nsval)	((kt) - (nsval))
#define ktime_add_us(kt, us)	((kt) + (s64)(us) * NSEC_PER_USEC)
#define ktime_add_ms(kt, ms)	((kt) + (s64)(ms) * NSEC_PER_MSEC)
#define ktime_sub_us(kt, us)	((kt) - (s64)(us) * NSEC_PER_USEC)

static inline s64 ktime_to_ns(const ktime_t kt) { return kt; }
static inline s64 ktime_to_us(const ktime_t kt) { return kt / NSEC_PER_USEC; }
static inline s64 ktime_to_ms(const ktime_t kt) { return kt / NSEC_PER_MSEC; }
static inline ktime_t ns_to_ktime(u64 ns) { return ns; }
static inline ktime_t us_to_ktime(u64 us) { return us * NSEC_PER_USEC; }
static inline ktime_t ms_to_ktime(u64 ms) { return ms * NSEC_PER_MSEC; }
static inline s64 ktime_us_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_us(ktime_sub(later, earlier));
}
static inline s64 ktime_ms_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_ms(ktime_sub(later, earlier));
}
static inline int ktime_compare(const ktime_t cmp1, const ktime_t cmp2)
{
	return cmp1 < cmp2 ? -1 : cmp1 > cmp2;
}
static inline bool ktime_after(const ktime_t cmp1, const ktime_t cmp2)
{
	return cmp1 > cmp2;
}
static inline bool ktime_before(const ktime_t cmp1, const ktime_t cmp2)
{
	return cmp1 < cmp2;
}
static inline struct timespec64 ktime_to_timespec64(ktime_t kt)
{
	return ns_to_timespec64(kt);
}

#include <linux/timekeeping.h>

#endif

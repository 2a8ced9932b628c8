/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_JIFFIES_H
#define _UM_LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/limits.h>
#include <linux/math.h>
#include <linux/time.h>

/*
 * jiffies is CLOCK_MONOTONIC in units of 1/HZ s (a function call, not a
 * variable: do not take its address).  It starts at INITIAL_JIFFIES-like
 * offset 0 at boot of the host.
 */
#define HZ		100
#define USER_HZ		100

unsigned long um_jiffies(void);
#define jiffies		um_jiffies()
#define jiffies_64	((u64)um_jiffies())
static inline u64 get_jiffies_64(void) { return um_jiffies(); }

#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)
#define time_in_range(a, b, c)	(time_after_eq(a, b) && time_before_eq(a, c))
#define time_after64(a, b)	((s64)((b) - (a)) < 0)
#define time_before64(a, b)	time_after64(b, a)
#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (1000 / HZ) * j;
}

static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (USEC_PER_SEC / HZ) * j;
}

static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * (NSEC_PER_SEC / HZ);
}

static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return DIV_ROUND_UP((unsigned long)m, 1000 / HZ);
}

static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return DIV_ROUND_UP((unsigned long)u, USEC_PER_SEC / HZ);
}

static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return DIV_ROUND_UP(n, NSEC_PER_SEC / HZ);
}

#define secs_to_jiffies(s)	((unsigned long)(s) * HZ)

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_DELAY_H
#define _UM_LINUX_DELAY_H

#include <linux/types.h>

/*
 * All of these sleep the thread (nanosleep): there is nothing to gain
 * from busy waiting in user mode.  msleep_interruptible returns early
 * (remaining ms) when a signal is pending.
 */
void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range(unsigned long min, unsigned long max);
void um_nsleep(u64 nsecs);

static inline void ndelay(unsigned long nsecs) { um_nsleep(nsecs); }
static inline void udelay(unsigned long usecs) { um_nsleep((u64)usecs * 1000); }
static inline void mdelay(unsigned long msecs) { um_nsleep((u64)msecs * 1000000); }
static inline void ssleep(unsigned int seconds) { msleep(seconds * 1000); }
static inline void fsleep(unsigned long usecs) { um_nsleep((u64)usecs * 1000); }

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_TIMEKEEPING_H
#define _UM_LINUX_TIMEKEEPING_H

#include <linux/ktime.h>

/* CLOCK_MONOTONIC, CLOCK_REALTIME and CLOCK_BOOTTIME of the host */
ktime_t ktime_get(void);
ktime_t ktime_get_real(void);
ktime_t ktime_get_boottime(void);

static inline u64 ktime_get_ns(void) { return ktime_get(); }
static inline u64 ktime_get_real_ns(void) { return ktime_get_real(); }
static inline u64 ktime_get_boottime_ns(void) { return ktime_get_boottime(); }
static inline u64 ktime_get_raw_ns(void) { return ktime_get(); }
static inline u64 ktime_get_mono_fast_ns(void) { return ktime_get(); }
static inline time64_t ktime_get_seconds(void) { return ktime_get() / NSEC_PER_SEC; }
static inline time64_t ktime_get_real_seconds(void) { return ktime_get_real() / NSEC_PER_SEC; }
static inline void ktime_get_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get()); }
static inline void ktime_get_real_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_real()); }

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_SPINLOCK_TYPES_H
#define _UM_LINUX_SPINLOCK_TYPES_H

#include <pthread.h>
#include <linux/lockdep.h>

/*
 * spinlock_t is a pthread mutex: holders may be preempted in user mode,
 * so real spinning would burn CPU, and ThreadSanitizer understands
 * pthread primitives.  "irq" variants are the same (no interrupts here).
 */
typedef struct spinlock {
	pthread_mutex_t m;
	struct lockdep_map dep_map;
} spinlock_t;
typedef spinlock_t raw_spinlock_t;

typedef struct {
	pthread_rwlock_t rw;
	struct lockdep_map dep_map;
} rwlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname) \
	{ .m = PTHREAD_MUTEX_INITIALIZER, .dep_map = { NULL, 0 } }
#define __RAW_SPIN_LOCK_UNLOCKED(lockname) __SPIN_LOCK_UNLOCKED(lockname)
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#define __RW_LOCK_UNLOCKED(lockname) \
	{ .rw = PTHREAD_RWLOCK_INITIALIZER, .dep_map = { NULL, 0 } }
#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)

#endif

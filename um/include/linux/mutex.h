/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_MUTEX_H
#define _UM_LINUX_MUTEX_H

#include <pthread.h>
#include <linux/lockdep.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/preempt.h>

/* struct mutex: a sleeping lock; a pthread mutex plus owner tracking */
struct mutex {
	pthread_mutex_t m;
	struct lockdep_map dep_map;
};

#define __MUTEX_INITIALIZER(lockname) \
	{ .m = PTHREAD_MUTEX_INITIALIZER, .dep_map = { NULL, 0 } }
#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

static inline void mutex_init(struct mutex *lock)
{
	pthread_mutex_init(&lock->m, NULL);
	lock->dep_map.owner = NULL;
	lock->dep_map.readers = 0;
}
#define __mutex_init(lock, name, key)	mutex_init(lock)

/* debugging aid only in the kernel; glibc mutexes need no teardown */
static inline void mutex_destroy(struct mutex *lock)
{
	WARN_ON(__atomic_load_n(&lock->dep_map.owner, __ATOMIC_RELAXED));
}

static inline void mutex_lock(struct mutex *lock)
{
	um_might_sleep(__FILE__, __LINE__);
	pthread_mutex_lock(&lock->m);
	um_lockdep_acquire(&lock->dep_map);
}

static inline void mutex_unlock(struct mutex *lock)
{
	WARN_ON_ONCE(!um_lockdep_held(&lock->dep_map));
	um_lockdep_release(&lock->dep_map);
	pthread_mutex_unlock(&lock->m);
}

/* 1 when taken, 0 when contended (note: the reverse of pthread) */
static inline int mutex_trylock(struct mutex *lock)
{
	if (pthread_mutex_trylock(&lock->m))
		return 0;
	um_lockdep_acquire(&lock->dep_map);
	return 1;
}

static inline bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->dep_map.owner, __ATOMIC_RELAXED) != NULL;
}

/*
 * 0, or -EINTR when the lock is contended and a signal is pending
 * (checked before sleeping and while waiting: um/kernel/sched.c).
 */
int __must_check mutex_lock_interruptible(struct mutex *lock);
int __must_check mutex_lock_killable(struct mutex *lock);

#define mutex_lock_nested(lock, subclass)	mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass) \
	mutex_lock_interruptible(lock)
#define mutex_lock_killable_nested(lock, subclass) mutex_lock_killable(lock)
#define mutex_lock_io(lock)			mutex_lock(lock)

#endif /* _UM_LINUX_MUTEX_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_SPINLOCK_H
#define _UM_LINUX_SPINLOCK_H

#include <linux/spinlock_types.h>
#include <linux/compiler.h>
#include <linux/linkage.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/preempt.h>
#include <linux/bug.h>
#include <linux/lockdep.h>
#include <asm/barrier.h>

static inline void spin_lock_init(spinlock_t *lock)
{
	pthread_mutex_init(&lock->m, NULL);
	lock->dep_map.owner = NULL;
	lock->dep_map.readers = 0;
}
#define raw_spin_lock_init spin_lock_init

static inline void spin_lock(spinlock_t *lock) __acquires(lock)
{
	pthread_mutex_lock(&lock->m);
	um_lockdep_acquire(&lock->dep_map);
}

static inline void spin_unlock(spinlock_t *lock) __releases(lock)
{
	WARN_ON_ONCE(!um_lockdep_held(&lock->dep_map));
	um_lockdep_release(&lock->dep_map);
	pthread_mutex_unlock(&lock->m);
}

/* 1 when taken */
static inline int spin_trylock(spinlock_t *lock)
{
	if (pthread_mutex_trylock(&lock->m))
		return 0;
	um_lockdep_acquire(&lock->dep_map);
	return 1;
}

static inline int spin_is_locked(spinlock_t *lock)
{
	return __atomic_load_n(&lock->dep_map.owner, __ATOMIC_RELAXED) != NULL;
}

#define spin_lock_nested(lock, subclass)	spin_lock(lock)
#define spin_lock_bh(lock)			spin_lock(lock)
#define spin_unlock_bh(lock)			spin_unlock(lock)
#define spin_lock_irq(lock)			spin_lock(lock)
#define spin_unlock_irq(lock)			spin_unlock(lock)
#define spin_lock_irqsave(lock, flags) \
	do { local_irq_save(flags); spin_lock(lock); } while (0)
#define spin_lock_irqsave_nested(lock, flags, subclass) \
	spin_lock_irqsave(lock, flags)
#define spin_unlock_irqrestore(lock, flags) \
	do { spin_unlock(lock); local_irq_restore(flags); } while (0)
#define spin_trylock_irq(lock)			spin_trylock(lock)
#define spin_trylock_irqsave(lock, flags) \
	({ local_irq_save(flags); spin_trylock(lock); })
#define spin_trylock_bh(lock)			spin_trylock(lock)
#define assert_spin_locked(lock)		WARN_ON(!spin_is_locked(lock))

#define raw_spin_lock			spin_lock
#define raw_spin_unlock			spin_unlock
#define raw_spin_trylock		spin_trylock
#define raw_spin_lock_irq		spin_lock_irq
#define raw_spin_unlock_irq		spin_unlock_irq
#define raw_spin_lock_irqsave		spin_lock_irqsave
#define raw_spin_unlock_irqrestore	spin_unlock_irqrestore
#define raw_spin_is_locked		spin_is_locked

/* rwlock_t: pthread rwlock; readers nest, writers exclude */
static inline void rwlock_init(rwlock_t *lock)
{
	pthread_rwlock_init(&lock->rw, NULL);
	lock->dep_map.owner = NULL;
	lock->dep_map.readers = 0;
}

static inline void read_lock(rwlock_t *lock)
{
	pthread_rwlock_rdlock(&lock->rw);
	um_lockdep_acquire_read(&lock->dep_map);
}

static inline void read_unlock(rwlock_t *lock)
{
	um_lockdep_release_read(&lock->dep_map);
	pthread_rwlock_unlock(&lock->rw);
}

static inline void write_lock(rwlock_t *lock)
{
	pthread_rwlock_wrlock(&lock->rw);
	um_lockdep_acquire(&lock->dep_map);
}

static inline void write_unlock(rwlock_t *lock)
{
	um_lockdep_release(&lock->dep_map);
	pthread_rwlock_unlock(&lock->rw);
}

static inline int read_trylock(rwlock_t *lock)
{
	if (pthread_rwlock_tryrdlock(&lock->rw))
		return 0;
	um_lockdep_acquire_read(&lock->dep_map);
	return 1;
}

static inline int write_trylock(rwlock_t *lock)
{
	if (pthread_rwlock_trywrlock(&lock->rw))
		return 0;
	um_lockdep_acquire(&lock->dep_map);
	return 1;
}

#define read_lock_irq(lock)		read_lock(lock)
#define read_unlock_irq(lock)		read_unlock(lock)
#define read_lock_bh(lock)		read_lock(lock)
#define read_unlock_bh(lock)		read_unlock(lock)
#define write_lock_irq(lock)		write_lock(lock)
#define write_unlock_irq(lock)		write_unlock(lock)
#define write_lock_bh(lock)		write_lock(lock)
#define write_unlock_bh(lock)		write_unlock(lock)
#define read_lock_irqsave(lock, flags) \
	do { local_irq_save(flags); read_lock(lock); } while (0)
#define read_unlock_irqrestore(lock, flags) \
	do { read_unlock(lock); local_irq_restore(flags); } while (0)
#define write_lock_irqsave(lock, flags) \
	do { local_irq_save(flags); write_lock(lock); } while (0)
#define write_unlock_irqrestore(lock, flags) \
	do { write_unlock(lock); local_irq_restore(flags); } while (0)

#endif /* _UM_LINUX_SPINLOCK_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_RWSEM_H
#define _UM_LINUX_RWSEM_H

#include <pthread.h>
#include <linux/lockdep.h>
#include <linux/compiler.h>

/* rw_semaphore: a pthread rwlock (sleeping readers/writer lock) */
struct rw_semaphore {
	pthread_rwlock_t rw;
	struct lockdep_map dep_map;
};

#define __RWSEM_INITIALIZER(name) \
	{ .rw = PTHREAD_RWLOCK_INITIALIZER, .dep_map = { NULL, 0 } }
#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)

static inline void init_rwsem(struct rw_semaphore *sem)
{
	pthread_rwlock_init(&sem->rw, NULL);
	sem->dep_map.owner = NULL;
	sem->dep_map.readers = 0;
}

static inline void down_read(struct rw_semaphore *sem)
{
	pthread_rwlock_rdlock(&sem->rw);
	um_lockdep_acquire_read(&sem->dep_map);
}

static inline int down_read_trylock(struct rw_semaphore *sem)
{
	if (pthread_rwlock_tryrdlock(&sem->rw))
		return 0;
	um_lockdep_acquire_read(&sem->dep_map);
	return 1;
}

static inline void up_read(struct rw_semaphore *sem)
{
	um_lockdep_release_read(&sem->dep_map);
	pthread_rwlock_unlock(&sem->rw);
}

static inline void down_write(struct rw_semaphore *sem)
{
	pthread_rwlock_wrlock(&sem->rw);
	um_lockdep_acquire(&sem->dep_map);
}

static inline int down_write_trylock(struct rw_semaphore *sem)
{
	if (pthread_rwlock_trywrlock(&sem->rw))
		return 0;
	um_lockdep_acquire(&sem->dep_map);
	return 1;
}

static inline void up_write(struct rw_semaphore *sem)
{
	um_lockdep_release(&sem->dep_map);
	pthread_rwlock_unlock(&sem->rw);
}

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->dep_map.owner, __ATOMIC_RELAXED) ||
	       __atomic_load_n(&sem->dep_map.readers, __ATOMIC_RELAXED);
}

/* not interruptible in the host: always succeed */
static inline int __must_check down_read_interruptible(struct rw_semaphore *sem)
{
	down_read(sem);
	return 0;
}
static inline int __must_check down_read_killable(struct rw_semaphore *sem)
{
	down_read(sem);
	return 0;
}
static inline int __must_check down_write_killable(struct rw_semaphore *sem)
{
	down_write(sem);
	return 0;
}

#define down_read_nested(sem, subclass)		down_read(sem)
#define down_write_nested(sem, subclass)	down_write(sem)

#endif

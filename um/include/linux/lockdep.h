/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_LOCKDEP_H
#define _UM_LINUX_LOCKDEP_H

#include <linux/compiler.h>
#include <linux/types.h>

/*
 * Not lockdep: just enough ownership tracking for lockdep_assert_held()
 * and friends to check the current thread really holds the lock.
 * Every um lock type embeds a struct lockdep_map named dep_map.
 */
struct lockdep_map {
	const void *owner;	/* exclusive holder's um_thread_self(), or NULL */
	int readers;		/* shared holders (rwlock_t/rw_semaphore) */
};

struct lock_class_key { int dummy; };

/* a per-thread address identifying the calling thread */
extern __thread char um_thread_anchor __attribute__((tls_model("initial-exec")));
static inline const void *um_thread_self(void)
{
	return &um_thread_anchor;
}

static inline void um_lockdep_acquire(struct lockdep_map *m)
{
	__atomic_store_n(&m->owner, um_thread_self(), __ATOMIC_RELAXED);
}

static inline void um_lockdep_release(struct lockdep_map *m)
{
	__atomic_store_n(&m->owner, NULL, __ATOMIC_RELAXED);
}

static inline void um_lockdep_acquire_read(struct lockdep_map *m)
{
	__atomic_fetch_add(&m->readers, 1, __ATOMIC_RELAXED);
}

static inline void um_lockdep_release_read(struct lockdep_map *m)
{
	__atomic_fetch_sub(&m->readers, 1, __ATOMIC_RELAXED);
}

static inline bool um_lockdep_held(const struct lockdep_map *m)
{
	return __atomic_load_n(&m->owner, __ATOMIC_RELAXED) == um_thread_self();
}

/* shared holders are not tracked per thread: any reader counts */
static inline bool um_lockdep_held_any(const struct lockdep_map *m)
{
	return um_lockdep_held(m) ||
	       __atomic_load_n(&m->readers, __ATOMIC_RELAXED) > 0;
}

#define lockdep_is_held(lock)		um_lockdep_held_any(&(lock)->dep_map)
#define lockdep_is_held_type(lock, r)	\
	((r) ? um_lockdep_held_any(&(lock)->dep_map) : um_lockdep_held(&(lock)->dep_map))

/* WARN_ON lives in bug.h, which includes nothing lock related */
#include <linux/bug.h>

#define lockdep_assert_held(l)	\
	do { WARN_ON(!lockdep_is_held(l)); } while (0)
#define lockdep_assert_held_write(l)	\
	do { WARN_ON(!um_lockdep_held(&(l)->dep_map)); } while (0)
#define lockdep_assert_held_read(l)	\
	do { WARN_ON(!lockdep_is_held(l)); } while (0)
#define lockdep_assert_not_held(l)	\
	do { WARN_ON(um_lockdep_held(&(l)->dep_map)); } while (0)
#define lockdep_assert_held_once(l)	\
	do { WARN_ON_ONCE(!lockdep_is_held(l)); } while (0)
#define lockdep_assert_none_held_once()	do { } while (0)
#define lockdep_assert_irqs_enabled()	do { } while (0)
#define lockdep_assert_irqs_disabled()	do { } while (0)
#define lockdep_assert_preemption_disabled() do { } while (0)
#define lockdep_set_class(lock, key)	do { (void)(key); } while (0)
#define lockdep_set_subclass(lock, sub)	do { } while (0)
#define lockdep_set_novalidate_class(lock) do { } while (0)
#define lockdep_register_key(key)	do { } while (0)
#define lockdep_unregister_key(key)	do { } while (0)
#define lockdep_off()			do { } while (0)
#define lockdep_on()			do { } while (0)
#define SINGLE_DEPTH_NESTING		1

#endif /* _UM_LINUX_LOCKDEP_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_REFCOUNT_H
#define _UM_LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

/*
 * refcount_t: an atomic_t that WARNs on increment from zero (use after
 * free), on underflow and saturates at REFCOUNT_SATURATED instead of
 * wrapping, like the kernel's.
 */
typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n), }
#define REFCOUNT_MAX		INT_MAX
#define REFCOUNT_SATURATED	(INT_MIN / 2)

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

static inline bool __must_check refcount_add_not_zero(int i, refcount_t *r)
{
	int old = refcount_read(r);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg(&r->refs, &old, old + i));
	if (unlikely(old < 0 || old + i < 0)) {
		refcount_set(r, REFCOUNT_SATURATED);
		WARN_ONCE(1, "refcount_t: saturated; leaking memory.\n");
	}
	return old;
}

static inline bool __must_check refcount_inc_not_zero(refcount_t *r)
{
	return refcount_add_not_zero(1, r);
}

static inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add(i, &r->refs);

	if (unlikely(!old)) {
		refcount_set(r, REFCOUNT_SATURATED);
		WARN_ONCE(1, "refcount_t: addition on 0; use-after-free.\n");
	} else if (unlikely(old < 0 || old + i < 0)) {
		refcount_set(r, REFCOUNT_SATURATED);
		WARN_ONCE(1, "refcount_t: saturated; leaking memory.\n");
	}
}

static inline void refcount_inc(refcount_t *r)
{
	refcount_add(1, r);
}

static inline bool __must_check refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_sub(i, &r->refs);

	if (old == i)
		return true;
	if (unlikely(old < 0 || old - i < 0)) {
		refcount_set(r, REFCOUNT_SATURATED);
		WARN_ONCE(1, "refcount_t: underflow; use-after-free.\n");
	}
	return false;
}

static inline bool __must_check refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}

/* false when it would drop to 0 (the caller then takes the slow path) */
static inline bool __must_check refcount_dec_not_one(refcount_t *r)
{
	int old = refcount_read(r);

	do {
		if (old == 1)
			return false;
		if (unlikely(old <= 0 || old == REFCOUNT_SATURATED))
			return true;
	} while (!atomic_try_cmpxchg(&r->refs, &old, old - 1));
	return true;
}

/* 6.1's kref_put_mutex()/kref_put_lock(): the last put returns locked */
#define __UM_REFCOUNT_DEC_AND_LOCK(name, type, lock_fn, unlock_fn)	\
static inline bool __must_check name(refcount_t *r, type *lock)	\
{									\
	if (refcount_dec_not_one(r))					\
		return false;						\
	lock_fn(lock);							\
	if (!refcount_dec_and_test(r)) {				\
		unlock_fn(lock);					\
		return false;						\
	}								\
	return true;							\
}
__UM_REFCOUNT_DEC_AND_LOCK(refcount_dec_and_mutex_lock, struct mutex,
			   mutex_lock, mutex_unlock)
__UM_REFCOUNT_DEC_AND_LOCK(refcount_dec_and_lock, spinlock_t,
			   spin_lock, spin_unlock)

static inline void refcount_dec(refcount_t *r)
{
	if (unlikely(atomic_fetch_sub(1, &r->refs) <= 1)) {
		refcount_set(r, REFCOUNT_SATURATED);
		WARN_ONCE(1, "refcount_t: decrement hit 0; leaking memory.\n");
	}
}

#endif

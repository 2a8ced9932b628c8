/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_KREF_H
#define _UM_LINUX_KREF_H

#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n)	{ .refcount = REFCOUNT_INIT(n), }

static inline void kref_init(struct kref *kref)
{
	refcount_set(&kref->refcount, 1);
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return refcount_read(&kref->refcount);
}

static inline void kref_get(struct kref *kref)
{
	refcount_inc(&kref->refcount);
}

/* returns 1 when release() was called (the last reference was dropped) */
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

/* on the last put, release() is called with the mutex held; it unlocks */
static inline int kref_put_mutex(struct kref *kref,
				 void (*release)(struct kref *kref),
				 struct mutex *lock)
{
	if (atomic_add_unless(&kref->refcount.refs, -1, 1))
		return 0;
	mutex_lock(lock);
	if (!refcount_dec_and_test(&kref->refcount)) {
		mutex_unlock(lock);
		return 0;
	}
	release(kref);
	return 1;
}

static inline int kref_put_lock(struct kref *kref,
				void (*release)(struct kref *kref),
				spinlock_t *lock)
{
	if (atomic_add_unless(&kref->refcount.refs, -1, 1))
		return 0;
	spin_lock(lock);
	if (!refcount_dec_and_test(&kref->refcount)) {
		spin_unlock(lock);
		return 0;
	}
	release(kref);
	return 1;
}

static inline int __must_check kref_get_unless_zero(struct kref *kref)
{
	return refcount_inc_not_zero(&kref->refcount);
}

#endif

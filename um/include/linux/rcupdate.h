/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_RCUPDATE_H
#define _UM_LINUX_RCUPDATE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/lockdep.h>
#include <asm/barrier.h>

/*
 * A real but simple RCU: readers bump one of two global counters chosen
 * by the current phase; synchronize_rcu() flips the phase and waits for
 * the old phase's count to drain, twice, so every reader that was
 * inside a read-side section when it was called has left.  Readers may
 * nest and may sleep (this is more like SRCU); read sections cost two
 * seq_cst atomics.  Callbacks (call_rcu, kfree_rcu) run on a host thread
 * started on first use.  Correctness over speed.
 */
void __rcu_read_lock(void);
void __rcu_read_unlock(void);
int rcu_read_lock_held(void);

static inline void rcu_read_lock(void) __acquires(RCU) { __rcu_read_lock(); }
static inline void rcu_read_unlock(void) __releases(RCU) { __rcu_read_unlock(); }
#define rcu_read_lock_bh()		rcu_read_lock()
#define rcu_read_unlock_bh()		rcu_read_unlock()
#define rcu_read_lock_sched()		rcu_read_lock()
#define rcu_read_unlock_sched()		rcu_read_unlock()
#define rcu_read_lock_sched_notrace()	rcu_read_lock()
#define rcu_read_unlock_sched_notrace()	rcu_read_unlock()
#define rcu_read_lock_bh_held()		rcu_read_lock_held()
#define rcu_read_lock_sched_held()	rcu_read_lock_held()
#define rcu_read_lock_any_held()	rcu_read_lock_held()

void synchronize_rcu(void);
#define synchronize_rcu_expedited()	synchronize_rcu()
#define synchronize_rcu_tasks()		synchronize_rcu()
void call_rcu(struct rcu_head *head, rcu_callback_t func);
/* waits for every callback queued before the call to have run */
void rcu_barrier(void);

#define RCU_INITIALIZER(v)	((typeof(*(v)) __force __rcu *)(v))

#define rcu_assign_pointer(p, v)					\
	__atomic_store_n(&(p), (typeof(p))(v), __ATOMIC_RELEASE)
#define RCU_INIT_POINTER(p, v)	WRITE_ONCE(p, (typeof(p))(v))
#define rcu_replace_pointer(rcu_ptr, ptr, c)				\
({									\
	typeof(ptr) __tmp = rcu_dereference_protected((rcu_ptr), (c));	\
	rcu_assign_pointer((rcu_ptr), (ptr));				\
	__tmp;								\
})

#define rcu_access_pointer(p)	READ_ONCE(p)
#define rcu_dereference_raw(p)	__atomic_load_n(&(p), __ATOMIC_ACQUIRE)
#define rcu_dereference_check(p, c)	rcu_dereference_raw(p)
#define rcu_dereference(p)	rcu_dereference_check(p, 0)
#define rcu_dereference_bh(p)	rcu_dereference(p)
#define rcu_dereference_sched(p) rcu_dereference(p)
#define rcu_dereference_protected(p, c)	((void)(c), (p))
#define rcu_dereference_bh_check(p, c)	rcu_dereference_check(p, c)
#define rcu_dereference_sched_check(p, c) rcu_dereference_check(p, c)
#define rcu_pointer_handoff(p)	(p)
#define rcu_lockdep_assert(c, s) do { } while (0)
#define RCU_LOCKDEP_WARN(c, s)	do { } while (0)

/*
 * kfree_rcu(ptr, rhf): kfree(ptr) after a grace period.  As in older
 * kernels the callback slot carries the offset of the rcu_head (< 4096),
 * which the callback runner recognises.
 */
#define __is_kvfree_rcu_offset(offset) ((offset) < 4096)
#define kfree_rcu(ptr, rhf)						\
do {									\
	typeof(ptr) ___p = (ptr);					\
	BUILD_BUG_ON(!__is_kvfree_rcu_offset(offsetof(typeof(*(ptr)), rhf))); \
	if (___p)							\
		call_rcu(&___p->rhf, (rcu_callback_t)(unsigned long)	\
			 offsetof(typeof(*(ptr)), rhf));		\
} while (0)
#define kvfree_rcu(ptr, rhf)	kfree_rcu(ptr, rhf)

static inline void rcu_head_init(struct rcu_head *rhp) { rhp->func = NULL; }
#define init_rcu_head(head)		do { } while (0)
#define destroy_rcu_head(head)		do { } while (0)
#define init_rcu_head_on_stack(head)	do { } while (0)
#define destroy_rcu_head_on_stack(head) do { } while (0)

#include <linux/build_bug.h>
#include <linux/stddef.h>

#endif /* _UM_LINUX_RCUPDATE_H */

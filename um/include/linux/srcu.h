/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_SRCU_H
#define _UM_LINUX_SRCU_H

#include <pthread.h>
#include <linux/compiler.h>
#include <linux/rcupdate.h>

/*
 * Sleepable RCU: readers bump one of two counters, chosen by the
 * domain's current phase; synchronize_srcu() flips the phase and waits
 * for the old phase's counter to drain, twice, so every reader that was
 * inside a read-side section when it was called has left.
 * srcu_read_lock() returns the phase index the matching
 * srcu_read_unlock() must be given.  Correctness over speed: a read
 * section costs two seq_cst atomics.
 */
struct srcu_struct {
	long readers[2];		/* atomics: readers per phase */
	unsigned int phase;		/* atomic: phase for new readers */
	/* atomic: grace periods that found readers to wait for (tests) */
	unsigned long gp_waits;
	pthread_mutex_t gp_mutex;	/* serialises grace periods */
};

#define __SRCU_STRUCT_INIT(name)					\
	{ .readers = { 0, 0 }, .phase = 0,				\
	  .gp_mutex = PTHREAD_MUTEX_INITIALIZER }
#define DEFINE_SRCU(name)	struct srcu_struct name = __SRCU_STRUCT_INIT(name)
#define DEFINE_STATIC_SRCU(name) \
	static struct srcu_struct name = __SRCU_STRUCT_INIT(name)

int init_srcu_struct(struct srcu_struct *ssp);
void cleanup_srcu_struct(struct srcu_struct *ssp);
int __srcu_read_lock(struct srcu_struct *ssp) __acquires(ssp);
void __srcu_read_unlock(struct srcu_struct *ssp, int idx) __releases(ssp);
void synchronize_srcu(struct srcu_struct *ssp);
#define synchronize_srcu_expedited(ssp)	synchronize_srcu(ssp)

static inline int srcu_read_lock(struct srcu_struct *ssp) __acquires(ssp)
{
	return __srcu_read_lock(ssp);
}

static inline void srcu_read_unlock(struct srcu_struct *ssp, int idx)
	__releases(ssp)
{
	__srcu_read_unlock(ssp, idx);
}

/* any reader of ssp counts: readers are not tracked per thread */
static inline int srcu_read_lock_held(const struct srcu_struct *ssp)
{
	return __atomic_load_n(&ssp->readers[0], __ATOMIC_SEQ_CST) +
	       __atomic_load_n(&ssp->readers[1], __ATOMIC_SEQ_CST) > 0;
}

#define srcu_dereference_check(p, ssp, c)	rcu_dereference_raw(p)
#define srcu_dereference(p, ssp)		rcu_dereference_raw(p)
#define srcu_dereference_notrace(p, ssp)	rcu_dereference_raw(p)

#endif

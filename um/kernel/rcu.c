// SPDX-License-Identifier: GPL-2.0
/*
 * SRCU for the user-mode host: two reader counters per domain,
 * selected by a phase bit.  A grace period flips the phase and waits for
 * the old phase's readers to drain, twice: a reader that loaded the old
 * phase just before the first flip may increment its counter after the
 * first wait, but then it is caught by the second.
 */
#include <pthread.h>
#include <sched.h>
#include <time.h>

#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/srcu.h>

static void um_gp_wait_drain(struct srcu_struct *ssp, long *counter)
{
	int spins = 0;

	if (!__atomic_load_n(counter, __ATOMIC_SEQ_CST))
		return;
	__atomic_add_fetch(&ssp->gp_waits, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(counter, __ATOMIC_SEQ_CST)) {
		if (++spins < 100) {
			sched_yield();
		} else {
			struct timespec ts = { 0, 50000 };

			nanosleep(&ts, NULL);
		}
	}
}

int init_srcu_struct(struct srcu_struct *ssp)
{
	ssp->readers[0] = ssp->readers[1] = 0;
	ssp->phase = 0;
	ssp->gp_waits = 0;
	pthread_mutex_init(&ssp->gp_mutex, NULL);
	return 0;
}

void cleanup_srcu_struct(struct srcu_struct *ssp)
{
	WARN_ON(srcu_read_lock_held(ssp));
}

int __srcu_read_lock(struct srcu_struct *ssp)
{
	int idx = __atomic_load_n(&ssp->phase, __ATOMIC_SEQ_CST) & 1;

	__atomic_add_fetch(&ssp->readers[idx], 1, __ATOMIC_SEQ_CST);
	return idx;
}

void __srcu_read_unlock(struct srcu_struct *ssp, int idx)
{
	__atomic_sub_fetch(&ssp->readers[idx], 1, __ATOMIC_SEQ_CST);
}

void synchronize_srcu(struct srcu_struct *ssp)
{
	int i;

	pthread_mutex_lock(&ssp->gp_mutex);
	for (i = 0; i < 2; i++) {
		unsigned int old = __atomic_load_n(&ssp->phase, __ATOMIC_SEQ_CST);

		__atomic_store_n(&ssp->phase, old ^ 1, __ATOMIC_SEQ_CST);
		um_gp_wait_drain(ssp, &ssp->readers[old & 1]);
	}
	pthread_mutex_unlock(&ssp->gp_mutex);
}

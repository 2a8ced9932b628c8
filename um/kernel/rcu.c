// SPDX-License-Identifier: GPL-2.0
/*
 * RCU and SRCU for the user-mode host: two reader counters per domain,
 * selected by a phase bit.  A grace period flips the phase and waits for
 * the old phase's readers to drain, twice: a reader that loaded the old
 * phase just before the first flip may increment its counter after the
 * first wait, but then it is caught by the second.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <um/sched.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/srcu.h>

static void um_gp_wait_drain(long *counter)
{
	int spins = 0;

	while (__atomic_load_n(counter, __ATOMIC_SEQ_CST)) {
		if (++spins < 100) {
			sched_yield();
		} else {
			struct timespec ts = { 0, 50000 };

			nanosleep(&ts, NULL);
		}
	}
}

static void um_grace_period(long readers[2], unsigned int *phase)
{
	int i;

	for (i = 0; i < 2; i++) {
		unsigned int old = __atomic_load_n(phase, __ATOMIC_SEQ_CST);

		__atomic_store_n(phase, old ^ 1, __ATOMIC_SEQ_CST);
		um_gp_wait_drain(&readers[old & 1]);
	}
}

/* SRCU */

int init_srcu_struct(struct srcu_struct *ssp)
{
	ssp->readers[0] = ssp->readers[1] = 0;
	ssp->phase = 0;
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
	pthread_mutex_lock(&ssp->gp_mutex);
	um_grace_period(ssp->readers, &ssp->phase);
	pthread_mutex_unlock(&ssp->gp_mutex);
}

void srcu_barrier(struct srcu_struct *ssp)
{
}

/* RCU: one global domain; nesting tracked per thread */

static struct srcu_struct um_rcu = __SRCU_STRUCT_INIT(um_rcu);
static __thread int um_rcu_nesting;
static __thread int um_rcu_idx;

void __rcu_read_lock(void)
{
	if (um_rcu_nesting++ == 0)
		um_rcu_idx = __srcu_read_lock(&um_rcu);
}

void __rcu_read_unlock(void)
{
	WARN_ON_ONCE(um_rcu_nesting <= 0);
	if (--um_rcu_nesting == 0)
		__srcu_read_unlock(&um_rcu, um_rcu_idx);
}

int rcu_read_lock_held(void)
{
	return um_rcu_nesting > 0;
}

void synchronize_rcu(void)
{
	WARN_ON_ONCE(um_rcu_nesting);
	synchronize_srcu(&um_rcu);
}

/*
 * call_rcu: callbacks queue up; a thread started on first use runs them
 * after a grace period.  um_cb_lock protects the queue, the counters and
 * the thread's started flag.
 */
static pthread_mutex_t um_cb_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t um_cb_cond = PTHREAD_COND_INITIALIZER;
static struct rcu_head *um_cb_head;
static struct rcu_head **um_cb_tail = &um_cb_head;
static unsigned long um_cb_queued, um_cb_done;
static bool um_cb_thread_started;

static void um_rcu_invoke(struct rcu_head *head)
{
	unsigned long offset = (unsigned long)head->func;

	if (__is_kvfree_rcu_offset(offset))
		kfree((char *)head - offset);
	else
		head->func(head);
}

static void *um_rcu_cb_thread(void *arg)
{
	snprintf(current->comm, TASK_COMM_LEN, "rcu_cb");
	pthread_mutex_lock(&um_cb_lock);
	for (;;) {
		struct rcu_head *list;
		unsigned long n = 0;

		while (!um_cb_head)
			pthread_cond_wait(&um_cb_cond, &um_cb_lock);
		list = um_cb_head;
		um_cb_head = NULL;
		um_cb_tail = &um_cb_head;
		pthread_mutex_unlock(&um_cb_lock);

		synchronize_rcu();
		while (list) {
			struct rcu_head *next = list->next;

			um_rcu_invoke(list);
			list = next;
			n++;
		}

		pthread_mutex_lock(&um_cb_lock);
		um_cb_done += n;
		pthread_cond_broadcast(&um_cb_cond);
	}
	return NULL;
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	head->func = func;
	head->next = NULL;
	pthread_mutex_lock(&um_cb_lock);
	*um_cb_tail = head;
	um_cb_tail = &head->next;
	um_cb_queued++;
	if (!um_cb_thread_started) {
		pthread_t t;

		if (um_kthread_create(&t, NULL, um_rcu_cb_thread, NULL) == 0) {
			pthread_detach(t);
			um_cb_thread_started = true;
		}
	}
	pthread_cond_broadcast(&um_cb_cond);
	pthread_mutex_unlock(&um_cb_lock);
}

void rcu_barrier(void)
{
	unsigned long target;

	pthread_mutex_lock(&um_cb_lock);
	target = um_cb_queued;
	while (um_cb_done < target)
		pthread_cond_wait(&um_cb_cond, &um_cb_lock);
	pthread_mutex_unlock(&um_cb_lock);
}

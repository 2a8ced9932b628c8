// SPDX-License-Identifier: GPL-2.0
/*
 * Workqueues on host threads.  Workers are started on demand by
 * queue_work() (never before main): a new one whenever no worker is idle
 * and the queue is below max_active.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <um/sched.h>

#define UM_WQ_MAX_WORKERS	64

struct um_worker {
	pthread_t thread;
	struct workqueue_struct *wq;
	struct work_struct *current_work;	/* under wq->lock */
	unsigned long current_seq;		/* under wq->lock */
};

struct workqueue_struct {
	/*
	 * Protects worklist, the workers' current_work/current_seq, every
	 * queued work's entry/um_wq/um_seq, seq and the counters below.
	 */
	pthread_mutex_t lock;
	pthread_cond_t more_work;	/* worklist grew, or stopping */
	pthread_cond_t work_done;	/* a worker finished an item */
	struct list_head worklist;
	unsigned long seq;		/* last sequence number handed out */
	int nr_workers;
	int nr_idle;
	int max_active;
	bool stopping;
	unsigned int flags;
	char name[24];
	struct um_worker workers[UM_WQ_MAX_WORKERS];
};

#define UM_SYSTEM_WQ(var, wqname, fl, max)				\
	static struct workqueue_struct var = {				\
		.lock = PTHREAD_MUTEX_INITIALIZER,			\
		.more_work = PTHREAD_COND_INITIALIZER,			\
		.work_done = PTHREAD_COND_INITIALIZER,			\
		.worklist = LIST_HEAD_INIT(var.worklist),		\
		.max_active = (max),					\
		.flags = (fl),						\
		.name = wqname,						\
	}

UM_SYSTEM_WQ(um_system_wq, "events", 0, WQ_DFL_ACTIVE);
UM_SYSTEM_WQ(um_system_highpri_wq, "events_highpri", WQ_HIGHPRI, WQ_DFL_ACTIVE);
UM_SYSTEM_WQ(um_system_long_wq, "events_long", 0, WQ_DFL_ACTIVE);
UM_SYSTEM_WQ(um_system_unbound_wq, "events_unbound", WQ_UNBOUND, WQ_DFL_ACTIVE);
UM_SYSTEM_WQ(um_system_freezable_wq, "events_freezable", WQ_FREEZABLE, WQ_DFL_ACTIVE);
UM_SYSTEM_WQ(um_system_pe_wq, "events_power_efficient", WQ_POWER_EFFICIENT, WQ_DFL_ACTIVE);

struct workqueue_struct *system_wq = &um_system_wq;
struct workqueue_struct *system_highpri_wq = &um_system_highpri_wq;
struct workqueue_struct *system_long_wq = &um_system_long_wq;
struct workqueue_struct *system_unbound_wq = &um_system_unbound_wq;
struct workqueue_struct *system_freezable_wq = &um_system_freezable_wq;
struct workqueue_struct *system_power_efficient_wq = &um_system_pe_wq;

static __thread struct um_worker *um_self_worker;

struct work_struct *current_work(void)
{
	struct um_worker *w = um_self_worker;

	if (!w)
		return NULL;
	return w->current_work;	/* only this thread writes it while set */
}

/* is work executing on a worker other than self?  wq->lock held */
static bool um_work_running_elsewhere(struct workqueue_struct *wq,
				      struct work_struct *work,
				      struct um_worker *self)
{
	int i;

	for (i = 0; i < wq->nr_workers; i++)
		if (&wq->workers[i] != self && wq->workers[i].current_work == work)
			return true;
	return false;
}

static void *um_worker_fn(void *arg)
{
	struct um_worker *self = arg;
	struct workqueue_struct *wq = self->wq;

	um_self_worker = self;
	current->flags |= PF_KTHREAD;
	snprintf(current->comm, TASK_COMM_LEN, "kworker/%.7s", wq->name);

	pthread_mutex_lock(&wq->lock);
	for (;;) {
		struct work_struct *work, *found = NULL;

		/* oldest item not running elsewhere (non-reentrancy) */
		list_for_each_entry(work, &wq->worklist, entry) {
			if (!um_work_running_elsewhere(wq, work, self)) {
				found = work;
				break;
			}
		}
		if (!found) {
			if (wq->stopping)
				break;
			wq->nr_idle++;
			pthread_cond_wait(&wq->more_work, &wq->lock);
			wq->nr_idle--;
			continue;
		}
		list_del_init(&found->entry);
		clear_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(found));
		self->current_work = found;
		self->current_seq = found->um_seq;
		pthread_mutex_unlock(&wq->lock);

		found->func(found);

		pthread_mutex_lock(&wq->lock);
		self->current_work = NULL;
		self->current_seq = 0;
		pthread_cond_broadcast(&wq->work_done);
		/* an item skipped as running here may now be runnable */
		if (!list_empty(&wq->worklist))
			pthread_cond_broadcast(&wq->more_work);
	}
	pthread_mutex_unlock(&wq->lock);
	return NULL;
}

/* wq->lock held */
static void um_maybe_start_worker(struct workqueue_struct *wq)
{
	struct um_worker *w;
	pthread_attr_t attr;

	if (wq->nr_idle > 0 || wq->nr_workers >= wq->max_active ||
	    wq->nr_workers >= UM_WQ_MAX_WORKERS)
		return;
	w = &wq->workers[wq->nr_workers];
	w->wq = wq;
	w->current_work = NULL;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 1 << 20);
	if (um_kthread_create(&w->thread, &attr, um_worker_fn, w) == 0)
		wq->nr_workers++;
	else if (!wq->nr_workers)
		pr_err("workqueue %s: cannot start a worker\n", wq->name);
	pthread_attr_destroy(&attr);
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	pthread_mutex_lock(&wq->lock);
	if (test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work))) {
		pthread_mutex_unlock(&wq->lock);
		return false;
	}
	WARN_ON_ONCE(wq->stopping);
	WRITE_ONCE(work->um_wq, wq);	/* read unlocked by cancel and flush */
	work->um_seq = ++wq->seq;
	list_add_tail(&work->entry, &wq->worklist);
	um_maybe_start_worker(wq);
	pthread_cond_signal(&wq->more_work);
	pthread_mutex_unlock(&wq->lock);
	return true;
}

/* does any item with seq <= upto remain queued or running?  lock held */
static bool um_wq_busy_upto(struct workqueue_struct *wq, unsigned long upto,
			    struct work_struct *only)
{
	struct work_struct *work;
	int i;

	list_for_each_entry(work, &wq->worklist, entry)
		if ((!only || work == only) && work->um_seq <= upto)
			return true;
	for (i = 0; i < wq->nr_workers; i++) {
		struct um_worker *w = &wq->workers[i];

		if (w->current_work && (!only || w->current_work == only) &&
		    w->current_seq <= upto && w != um_self_worker)
			return true;
	}
	return false;
}

bool flush_work(struct work_struct *work)
{
	struct workqueue_struct *wq = READ_ONCE(work->um_wq);
	unsigned long upto;
	bool waited = false;

	if (!wq)
		return false;
	pthread_mutex_lock(&wq->lock);
	upto = wq->seq;
	while (um_wq_busy_upto(wq, upto, work)) {
		waited = true;
		pthread_cond_wait(&wq->work_done, &wq->lock);
	}
	pthread_mutex_unlock(&wq->lock);
	return waited;
}

static bool __cancel_work(struct work_struct *work, bool wait)
{
	struct workqueue_struct *wq = READ_ONCE(work->um_wq);
	bool pending = false;

	if (!wq)
		return false;
	pthread_mutex_lock(&wq->lock);
	if (test_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work)) &&
	    !list_empty(&work->entry)) {
		list_del_init(&work->entry);
		clear_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
		pending = true;
		pthread_cond_broadcast(&wq->work_done);	/* for flushers */
	}
	while (wait && um_wq_busy_upto(wq, ULONG_MAX, work))
		pthread_cond_wait(&wq->work_done, &wq->lock);
	pthread_mutex_unlock(&wq->lock);
	return pending;
}

bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work(work, true);
}

bool cancel_work(struct work_struct *work)
{
	return __cancel_work(work, false);
}

void flush_workqueue(struct workqueue_struct *wq)
{
	unsigned long upto;

	pthread_mutex_lock(&wq->lock);
	upto = wq->seq;
	while (um_wq_busy_upto(wq, upto, NULL))
		pthread_cond_wait(&wq->work_done, &wq->lock);
	pthread_mutex_unlock(&wq->lock);
}

/* flush until empty, items queued by the items included */
void drain_workqueue(struct workqueue_struct *wq)
{
	pthread_mutex_lock(&wq->lock);
	while (um_wq_busy_upto(wq, ULONG_MAX, NULL))
		pthread_cond_wait(&wq->work_done, &wq->lock);
	pthread_mutex_unlock(&wq->lock);
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...)
{
	struct workqueue_struct *wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	va_list args;

	if (!wq)
		return NULL;
	va_start(args, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	va_end(args);
	pthread_mutex_init(&wq->lock, NULL);
	pthread_cond_init(&wq->more_work, NULL);
	pthread_cond_init(&wq->work_done, NULL);
	INIT_LIST_HEAD(&wq->worklist);
	wq->flags = flags;
	if (flags & __WQ_ORDERED)
		max_active = 1;
	wq->max_active = max_active > 0 ? min(max_active, UM_WQ_MAX_WORKERS)
					: WQ_DFL_ACTIVE;
	return wq;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	int i;

	drain_workqueue(wq);
	pthread_mutex_lock(&wq->lock);
	wq->stopping = true;
	pthread_cond_broadcast(&wq->more_work);
	pthread_mutex_unlock(&wq->lock);
	for (i = 0; i < wq->nr_workers; i++)
		pthread_join(wq->workers[i].thread, NULL);
	pthread_cond_destroy(&wq->more_work);
	pthread_cond_destroy(&wq->work_done);
	pthread_mutex_destroy(&wq->lock);
	kfree(wq);
}

bool current_is_workqueue_rescuer(void)
{
	return false;
}

bool workqueue_congested(int cpu, struct workqueue_struct *wq)
{
	return false;
}

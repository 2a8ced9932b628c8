/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_WORKQUEUE_H
#define _UM_LINUX_WORKQUEUE_H

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/types.h>

/*
 * Workqueues run work items on host threads, started on the first
 * queue_work() to a queue (never before main).  As in the kernel, a work
 * item is non-reentrant (never runs on two workers at once), may requeue
 * itself while running, and is PENDING from queue_work() until a worker
 * picks it up.  An ordered queue (and any queue with max_active 1) runs
 * one item at a time in queueing order; others grow workers on demand
 * (up to max_active, default 16) so one blocking item does not stall the
 * rest.  Delayed work is not implemented.
 */
struct work_struct;
struct workqueue_struct;
typedef void (*work_func_t)(struct work_struct *work);

enum {
	WORK_STRUCT_PENDING_BIT	= 0,
	WORK_CPU_UNBOUND	= 64,
};

struct work_struct {
	atomic_long_t data;		/* WORK_STRUCT_PENDING_BIT */
	struct list_head entry;		/* on wq->worklist while pending */
	work_func_t func;
	/* user-mode host: both protected by the queue's lock */
	struct workqueue_struct *um_wq;	/* queue it was last queued on */
	unsigned long um_seq;		/* queueing sequence number */
};

#define WORK_DATA_INIT()	ATOMIC_LONG_INIT(0)
#define work_data_bits(work)	((unsigned long *)(&(work)->data.counter))

#define __WORK_INITIALIZER(n, f) {					\
	.data = WORK_DATA_INIT(),					\
	.entry	= { &(n).entry, &(n).entry },				\
	.func = (f),							\
	.um_wq = NULL,							\
	.um_seq = 0,							\
	}

#define DECLARE_WORK(n, f)	struct work_struct n = __WORK_INITIALIZER(n, f)

#define INIT_WORK(_work, _func)						\
	do {								\
		atomic_long_set(&(_work)->data, 0);			\
		INIT_LIST_HEAD(&(_work)->entry);			\
		(_work)->func = (_func);				\
		(_work)->um_wq = NULL;					\
		(_work)->um_seq = 0;					\
	} while (0)
#define INIT_WORK_ONSTACK(_work, _func)	INIT_WORK(_work, _func)
#define destroy_work_on_stack(work)	do { } while (0)

#define work_pending(work) \
	test_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work))

enum {
	WQ_UNBOUND		= 1 << 1,
	WQ_FREEZABLE		= 1 << 2,
	WQ_MEM_RECLAIM		= 1 << 3,
	WQ_HIGHPRI		= 1 << 4,
	WQ_CPU_INTENSIVE	= 1 << 5,
	WQ_SYSFS		= 1 << 6,
	WQ_POWER_EFFICIENT	= 1 << 7,
	__WQ_ORDERED		= 1 << 17,
	__WQ_ORDERED_EXPLICIT	= 1 << 19,
	WQ_MAX_ACTIVE		= 512,
	WQ_DFL_ACTIVE		= 16,	/* host default (kernel: 256) */
};

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;

__printf(1, 4) struct workqueue_struct *
alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...);

#define alloc_ordered_workqueue(fmt, flags, args...)			\
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED |		\
			__WQ_ORDERED_EXPLICIT | (flags), 1, ##args)
#define create_workqueue(name)						\
	alloc_workqueue("%s", WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name)				\
	alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM, name)

void destroy_workqueue(struct workqueue_struct *wq);

/* false when the work was already pending */
bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
#define queue_work_on(cpu, wq, work)	queue_work(wq, work)
/* waits for the last queued instance (if any) to finish; true if it waited */
bool flush_work(struct work_struct *work);
/* true when the work was pending; on return it is idle */
bool cancel_work_sync(struct work_struct *work);
bool cancel_work(struct work_struct *work);
/* waits for every item queued before the call */
void flush_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);
bool current_is_workqueue_rescuer(void);
bool workqueue_congested(int cpu, struct workqueue_struct *wq);
/* the work the calling worker thread is executing, or NULL */
struct work_struct *current_work(void);

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline void flush_scheduled_work(void)
{
	flush_workqueue(system_wq);
}

#endif /* _UM_LINUX_WORKQUEUE_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * Wait queues and completions, structured like kernel/sched/wait.c and
 * completion.c; sleeping is schedule() (um/kernel/sched.c).
 */
#include <linux/errno.h>
#include <linux/completion.h>
#include <linux/limits.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/wait.h>

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
}

void add_wait_queue(struct wait_queue_head *wq_head,
		    struct wait_queue_entry *wq_entry)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock(&wq_head->lock);
	__add_wait_queue(wq_head, wq_entry);
	spin_unlock(&wq_head->lock);
}

void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock(&wq_head->lock);
	__add_wait_queue_entry_tail(wq_head, wq_entry);
	spin_unlock(&wq_head->lock);
}

void add_wait_queue_priority(struct wait_queue_head *wq_head,
			     struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY;
	spin_lock(&wq_head->lock);
	__add_wait_queue(wq_head, wq_entry);
	spin_unlock(&wq_head->lock);
}

void remove_wait_queue(struct wait_queue_head *wq_head,
		       struct wait_queue_entry *wq_entry)
{
	spin_lock(&wq_head->lock);
	__remove_wait_queue(wq_head, wq_entry);
	spin_unlock(&wq_head->lock);
}

/*
 * Call the wake functions in order; stop after nr_exclusive exclusive
 * entries were woken (0: wake all).  Caller holds wq_head->lock.
 * Returns what is left of nr_exclusive.
 */
static int __wake_up_common(struct wait_queue_head *wq_head, unsigned int mode,
			    int nr_exclusive, int wake_flags, void *key)
{
	struct wait_queue_entry *curr, *next;

	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		unsigned int flags = curr->flags;
		int ret = curr->func(curr, mode, wake_flags, key);

		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
	return nr_exclusive;
}

/* 6.1: the number of exclusive waiters woken */
int __wake_up(struct wait_queue_head *wq_head, unsigned int mode,
	      int nr_exclusive, void *key)
{
	int remaining;

	spin_lock(&wq_head->lock);
	remaining = __wake_up_common(wq_head, mode, nr_exclusive, 0, key);
	spin_unlock(&wq_head->lock);
	return nr_exclusive - remaining;
}

void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr)
{
	__wake_up_common(wq_head, mode, nr, 0, NULL);
}

void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode,
			  void *key)
{
	__wake_up_common(wq_head, mode, 1, 0, key);
}

void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode,
			void *key)
{
	__wake_up(wq_head, mode, 1, key);
}

void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode)
{
	__wake_up(wq_head, mode, 1, NULL);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode,
			  int wake_flags, void *key)
{
	return wake_up_state(wq_entry->private, mode);
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode,
			     int sync, void *key)
{
	int ret = default_wake_function(wq_entry, mode, sync, key);

	if (ret)
		list_del_init(&wq_entry->entry);
	return ret;
}

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
	wq_entry->flags = flags;
	wq_entry->private = current;
	wq_entry->func = autoremove_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}

void prepare_to_wait(struct wait_queue_head *wq_head,
		     struct wait_queue_entry *wq_entry, int state)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock(&wq_head->lock);
	if (list_empty(&wq_entry->entry))
		__add_wait_queue(wq_head, wq_entry);
	set_current_state(state);
	spin_unlock(&wq_head->lock);
}

/* returns true if the queue was empty before */
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state)
{
	bool was_empty = false;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock(&wq_head->lock);
	if (list_empty(&wq_entry->entry)) {
		was_empty = list_empty(&wq_head->head);
		__add_wait_queue_entry_tail(wq_head, wq_entry);
	}
	set_current_state(state);
	spin_unlock(&wq_head->lock);
	return was_empty;
}

long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state)
{
	long ret = 0;

	spin_lock(&wq_head->lock);
	if (signal_pending_state(state, current)) {
		/* leave the queue so a wake-up goes to another waiter */
		list_del_init(&wq_entry->entry);
		ret = -ERESTARTSYS;
	} else {
		if (list_empty(&wq_entry->entry)) {
			if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
				__add_wait_queue_entry_tail(wq_head, wq_entry);
			else
				__add_wait_queue(wq_head, wq_entry);
		}
		set_current_state(state);
	}
	spin_unlock(&wq_head->lock);
	return ret;
}

void finish_wait(struct wait_queue_head *wq_head,
		 struct wait_queue_entry *wq_entry)
{
	__set_current_state(TASK_RUNNING);
	spin_lock(&wq_head->lock);
	if (!list_empty(&wq_entry->entry))
		list_del_init(&wq_entry->entry);
	spin_unlock(&wq_head->lock);
}

/* completions */

void complete(struct completion *x)
{
	spin_lock(&x->wait.lock);
	if (x->done != UINT_MAX)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock(&x->wait.lock);
}

void complete_all(struct completion *x)
{
	spin_lock(&x->wait.lock);
	x->done = UINT_MAX;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock(&x->wait.lock);
}

/* >0 remaining jiffies (at least 1) on success, 0 timeout, -ERESTARTSYS */
static long wait_for_common(struct completion *x, long timeout, int state)
{
	spin_lock(&x->wait.lock);
	if (!x->done) {
		DECLARE_WAITQUEUE(wait, current);

		wait.flags |= WQ_FLAG_EXCLUSIVE;
		__add_wait_queue_entry_tail(&x->wait, &wait);
		do {
			if (signal_pending_state(state, current)) {
				timeout = -ERESTARTSYS;
				break;
			}
			__set_current_state(state);
			spin_unlock(&x->wait.lock);
			timeout = schedule_timeout(timeout);
			spin_lock(&x->wait.lock);
		} while (!x->done && timeout);
		__remove_wait_queue(&x->wait, &wait);
		if (!x->done) {
			spin_unlock(&x->wait.lock);
			return timeout;
		}
	}
	if (x->done != UINT_MAX)
		x->done--;
	spin_unlock(&x->wait.lock);
	return timeout ?: 1;
}

void wait_for_completion(struct completion *x)
{
	wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

void wait_for_completion_io(struct completion *x)
{
	wait_for_completion(x);
}

int wait_for_completion_interruptible(struct completion *x)
{
	long t = wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE);

	return t == -ERESTARTSYS ? t : 0;
}

int wait_for_completion_killable(struct completion *x)
{
	long t = wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE);

	return t == -ERESTARTSYS ? t : 0;
}

unsigned long wait_for_completion_timeout(struct completion *x,
					  unsigned long timeout)
{
	return wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE);
}

long wait_for_completion_interruptible_timeout(struct completion *x,
					       unsigned long timeout)
{
	return wait_for_common(x, timeout, TASK_INTERRUPTIBLE);
}

long wait_for_completion_killable_timeout(struct completion *x,
					  unsigned long timeout)
{
	return wait_for_common(x, timeout, TASK_KILLABLE);
}

bool try_wait_for_completion(struct completion *x)
{
	bool ret = true;

	if (!READ_ONCE(x->done))
		return false;
	spin_lock(&x->wait.lock);
	if (!x->done)
		ret = false;
	else if (x->done != UINT_MAX)
		x->done--;
	spin_unlock(&x->wait.lock);
	return ret;
}

bool completion_done(struct completion *x)
{
	bool done;

	spin_lock(&x->wait.lock);
	done = x->done != 0;
	spin_unlock(&x->wait.lock);
	return done;
}

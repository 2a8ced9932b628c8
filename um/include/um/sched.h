/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_UM_SCHED_H
#define _UM_UM_SCHED_H

/*
 * For the syscall layer.  um_set_signal_pending() is async-signal-safe:
 * call it from the trampoline that runs a program's signal handler; it
 * marks the calling thread's task signal-pending and wakes it if it is
 * sleeping in schedule(), so interruptible waits return -ERESTARTSYS.
 * um_clear_signal_pending() when the routed syscall returns.
 */
void um_set_signal_pending(void);
void um_clear_signal_pending(void);

#include <pthread.h>

/*
 * Start a host thread that plays a kernel thread (workqueue worker, RCU
 * callbacks, irqfd waiter): like a kthread it takes none of the
 * program's signals, which are blocked in it for its whole life.
 */
int um_kthread_create(pthread_t *thread, const pthread_attr_t *attr,
		      void *(*fn)(void *), void *arg);

#endif

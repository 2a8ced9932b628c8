/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_SCHED_SIGNAL_H
#define _UM_LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>

/*
 * A "signal" is pending for a task while a signal handler of the program
 * has run during the current routed syscall (um_set_signal_pending() in
 * <um/sched.h>).  Fatal signals kill the host process outright, so no
 * fatal signal is ever pending.
 */
static inline int signal_pending(struct task_struct *p)
{
	return __atomic_load_n(&p->um_sigpending, __ATOMIC_SEQ_CST) != 0;
}

static inline int fatal_signal_pending(struct task_struct *p)
{
	return 0;
}

static inline int __fatal_signal_pending(struct task_struct *p)
{
	return 0;
}

static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || __fatal_signal_pending(p);
}

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_SCHED_H
#define _UM_LINUX_SCHED_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <linux/mm_types.h>
#include <linux/preempt.h>
#include <linux/kernel.h>

/*
 * A task is a host thread.  Its task_struct lives in thread-local storage
 * and is set up on first use of current; it must not be referenced after
 * the thread exits (as nothing holds a reference to a task in the host).
 */
#define TASK_RUNNING		0x00000000
#define TASK_INTERRUPTIBLE	0x00000001
#define TASK_UNINTERRUPTIBLE	0x00000002
#define __TASK_STOPPED		0x00000004
#define __TASK_TRACED		0x00000008
#define TASK_PARKED		0x00000040
#define TASK_DEAD		0x00000080
#define TASK_WAKEKILL		0x00000100
#define TASK_WAKING		0x00000200
#define TASK_NOLOAD		0x00000400
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE		(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define TASK_COMM_LEN		16

#define PF_KTHREAD		0x00200000	/* workqueue workers */

#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

struct task_struct {
	unsigned int __state;		/* TASK_*; atomic accesses only */
	unsigned int flags;		/* PF_* */
	pid_t pid;			/* the thread id */
	pid_t tgid;			/* the process id */
	char comm[TASK_COMM_LEN];
	struct mm_struct *mm;		/* always &um_mm */
	unsigned int in_eventfd;

	/* user-mode host private */
	int um_sigpending;		/* set by the syscall layer's handler */
	unsigned int um_wake_seq;	/* futex word: bumped on every wakeup */
};

struct task_struct *um_current_init(void);
extern __thread struct task_struct *um_current_task
	__attribute__((tls_model("initial-exec")));

static __always_inline struct task_struct *get_current(void)
{
	struct task_struct *t = um_current_task;

	if (unlikely(!t))
		t = um_current_init();
	return t;
}
#define current get_current()

#define __set_current_state(state_value) \
	__atomic_store_n(&current->__state, (state_value), __ATOMIC_SEQ_CST)
#define set_current_state(state_value)	__set_current_state(state_value)
#define get_current_state()	__atomic_load_n(&current->__state, __ATOMIC_SEQ_CST)
#define task_is_running(task)	\
	(__atomic_load_n(&(task)->__state, __ATOMIC_SEQ_CST) == TASK_RUNNING)

/*
 * schedule(): sleep until woken (wake_up_process/wake_up_state set the
 * task TASK_RUNNING) unless already running; an interruptible sleeper
 * also returns when a signal is pending.
 */
void schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
void yield(void);
int wake_up_process(struct task_struct *tsk);
int wake_up_state(struct task_struct *tsk, unsigned int state);

static inline int cond_resched(void) { return 0; }
static inline bool need_resched(void) { return false; }
#define cond_resched_lock(lock)	0

static inline pid_t task_pid_nr(struct task_struct *tsk) { return tsk->pid; }
static inline pid_t task_tgid_nr(struct task_struct *tsk) { return tsk->tgid; }
static inline pid_t task_pid_vnr(struct task_struct *tsk) { return tsk->pid; }
#define get_task_struct(t)	(t)
#define put_task_struct(t)	do { (void)(t); } while (0)

static inline int raw_smp_processor_id(void) { return 0; }
#define smp_processor_id()	raw_smp_processor_id()
#define get_cpu()		({ preempt_disable(); smp_processor_id(); })
#define put_cpu()		preempt_enable()

#include <linux/sched/signal.h>

#endif /* _UM_LINUX_SCHED_H */

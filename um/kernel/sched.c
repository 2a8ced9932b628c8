// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks, sleeping and waking, signals and time for the user-mode host.
 *
 * Each host thread gets a task_struct in thread-local storage.  A task
 * sleeps in schedule() on a futex over its um_wake_seq word, which every
 * wake-up (and um_set_signal_pending()) increments after changing the
 * task state: a wake-up between reading the word and sleeping changes the
 * word, so the futex wait returns at once and no wake-up is lost.
 */
#define _GNU_SOURCE	/* sched_getaffinity(), CPU_COUNT() */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/futex.h>

#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <asm/processor.h>
#include <um/sched.h>

__thread char um_thread_anchor __attribute__((tls_model("initial-exec")));
__thread struct task_struct *um_current_task
	__attribute__((tls_model("initial-exec")));
static __thread struct task_struct um_task
	__attribute__((tls_model("initial-exec")));

/* irq_enter() nesting: interruption context (<linux/preempt.h>) */
__thread unsigned int um_hardirq_count
	__attribute__((tls_model("initial-exec")));

/* CONFIG_DEBUG_ATOMIC_SLEEP's check, for the one atomic context here */
void um_might_sleep(const char *file, int line)
{
	WARN(in_interrupt(),
	     "BUG: sleeping function called from invalid context at %s:%d\n",
	     file, line);
}

struct mm_struct um_mm = {
	.mm_users = ATOMIC_INIT(1),
	.mm_count = ATOMIC_INIT(1),
};

enum system_states system_state = SYSTEM_BOOTING;

/* only system calls: may run first inside a signal handler */
struct task_struct *um_current_init(void)
{
	struct task_struct *t = &um_task;

	t->__state = TASK_RUNNING;
	t->pid = syscall(SYS_gettid);
	t->tgid = syscall(SYS_getpid);
	t->mm = &um_mm;
	if (prctl(PR_GET_NAME, t->comm, 0, 0, 0))
		t->comm[0] = 0;
	t->comm[TASK_COMM_LEN - 1] = 0;
	um_current_task = t;
	return t;
}

static void um_futex_wake(unsigned int *uaddr)
{
	syscall(SYS_futex, uaddr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void um_futex_wait(unsigned int *uaddr, unsigned int val,
			  const struct timespec *rel)
{
	syscall(SYS_futex, uaddr, FUTEX_WAIT_PRIVATE, val, rel, NULL, 0);
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned int cur = __atomic_load_n(&p->__state, __ATOMIC_SEQ_CST);

	do {
		if (!(cur & state))
			return 0;
	} while (!__atomic_compare_exchange_n(&p->__state, &cur, TASK_RUNNING,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	__atomic_add_fetch(&p->um_wake_seq, 1, __ATOMIC_SEQ_CST);
	um_futex_wake(&p->um_wake_seq);
	return 1;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

void um_set_signal_pending(void)
{
	struct task_struct *t = current;

	__atomic_store_n(&t->um_sigpending, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&t->um_wake_seq, 1, __ATOMIC_SEQ_CST);
}

void um_clear_signal_pending(void)
{
	__atomic_store_n(&current->um_sigpending, 0, __ATOMIC_SEQ_CST);
}

static s64 um_clock_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (s64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

ktime_t ktime_get(void)
{
	return um_clock_ns(CLOCK_MONOTONIC);
}

ktime_t ktime_get_real(void)
{
	return um_clock_ns(CLOCK_REALTIME);
}

ktime_t ktime_get_boottime(void)
{
	return um_clock_ns(CLOCK_BOOTTIME);
}

unsigned long um_jiffies(void)
{
	return ktime_get() / (NSEC_PER_SEC / HZ);
}

/*
 * Sleep until the task is TASK_RUNNING, a signal is pending for an
 * interruptible sleep, or deadline_ns (0: none) passes.  Returns the ns
 * left before the deadline (0 when it passed), however the sleep ended:
 * also when it ended before the first wait (woken or signalled already).
 */
static s64 um_sleep(s64 deadline_ns)
{
	struct task_struct *t = current;
	s64 left;

	might_sleep();
	for (;;) {
		unsigned int seq = __atomic_load_n(&t->um_wake_seq, __ATOMIC_SEQ_CST);
		unsigned int state = __atomic_load_n(&t->__state, __ATOMIC_SEQ_CST);
		struct timespec ts, *tsp = NULL;

		if (state == TASK_RUNNING)
			break;
		if (signal_pending_state(state, t))
			break;
		if (deadline_ns) {
			left = deadline_ns - ktime_get();
			if (left <= 0)
				break;
			ts.tv_sec = left / NSEC_PER_SEC;
			ts.tv_nsec = left % NSEC_PER_SEC;
			tsp = &ts;
		}
		um_futex_wait(&t->um_wake_seq, seq, tsp);
	}
	__atomic_store_n(&t->__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
	if (!deadline_ns)
		return 0;
	left = deadline_ns - ktime_get();
	return left > 0 ? left : 0;
}

void schedule(void)
{
	if (task_is_running(current)) {
		sched_yield();
		return;
	}
	um_sleep(0);
}

long schedule_timeout(long timeout)
{
	const s64 ns_per_jiffy = NSEC_PER_SEC / HZ;
	s64 left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return MAX_SCHEDULE_TIMEOUT;
	}
	if (timeout < 0) {
		WARN_ONCE(1, "schedule_timeout: wrong timeout value %lx\n", timeout);
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	if (task_is_running(current))
		return timeout;
	left = um_sleep(ktime_get() + (s64)timeout * ns_per_jiffy);
	return DIV_ROUND_UP(left, ns_per_jiffy);
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_killable(long timeout)
{
	__set_current_state(TASK_KILLABLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_idle(long timeout)
{
	__set_current_state(TASK_IDLE);
	return schedule_timeout(timeout);
}

void yield(void)
{
	sched_yield();
}

void um_cpu_relax(void)
{
	sched_yield();
}

void um_nsleep(u64 nsecs)
{
	struct timespec ts = {
		.tv_sec = nsecs / NSEC_PER_SEC,
		.tv_nsec = nsecs % NSEC_PER_SEC,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void msleep(unsigned int msecs)
{
	um_nsleep((u64)msecs * NSEC_PER_MSEC);
}

unsigned long msleep_interruptible(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs);

	while (timeout && !signal_pending(current))
		timeout = schedule_timeout_interruptible(timeout);
	return jiffies_to_msecs(timeout);
}

void usleep_range(unsigned long min, unsigned long max)
{
	um_nsleep((u64)min * NSEC_PER_USEC);
}

/* a pending signal only matters when we would have to wait */
int mutex_lock_interruptible(struct mutex *lock)
{
	um_might_sleep(__FILE__, __LINE__);
	if (mutex_trylock(lock))
		return 0;
	if (signal_pending(current))
		return -EINTR;
	mutex_lock(lock);
	return 0;
}

int mutex_lock_killable(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}

/* The CPUs this process may run on stand for the kernel's online CPUs. */
unsigned int um_num_online_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	return 1;
}

int um_kthread_create(pthread_t *thread, const pthread_attr_t *attr,
		      void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int r;

	/* the new thread inherits the mask: the program's signals are not
	 * for it, and its pending flag would never be cleared */
	sigfillset(&all);
	/* but its own faults are, for the uaccess guard (a blocked one kills) */
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGBUS);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(thread, attr, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return r;
}

// SPDX-License-Identifier: GPL-2.0
/* wait queues, completions, signals: no lost wake-ups. */
#include <pthread.h>
#include <signal.h>
#include "kselftest_harness.h"

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/wait.h>
#include <um/sched.h>

#define ROUNDS 5000

static DECLARE_WAIT_QUEUE_HEAD(wq_a);
static DECLARE_WAIT_QUEUE_HEAD(wq_b);
static int turn;	/* atomic: whose turn in the ping-pong */

static void *pong(void *arg)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		wait_event(wq_b, READ_ONCE(turn) == 2 * i + 1);
		WRITE_ONCE(turn, 2 * i + 2);
		wake_up(&wq_a);
	}
	return NULL;
}

/* every wake-up is needed: one lost wake-up hangs the test */
TEST(ping_pong)
{
	pthread_t t;
	int i;

	ASSERT_EQ(0, pthread_create(&t, NULL, pong, NULL));
	for (i = 0; i < ROUNDS; i++) {
		WRITE_ONCE(turn, 2 * i + 1);
		wake_up(&wq_b);
		wait_event(wq_a, READ_ONCE(turn) == 2 * i + 2);
	}
	pthread_join(t, NULL);
	EXPECT_EQ(2 * ROUNDS, turn);
}

static struct completion c_req, c_ack;

static void *completer(void *arg)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		wait_for_completion(&c_req);
		complete(&c_ack);
	}
	return NULL;
}

TEST(completion_stress)
{
	pthread_t t;
	int i;

	init_completion(&c_req);
	init_completion(&c_ack);
	ASSERT_EQ(0, pthread_create(&t, NULL, completer, NULL));
	for (i = 0; i < ROUNDS; i++) {
		complete(&c_req);
		wait_for_completion(&c_ack);
	}
	pthread_join(t, NULL);
	EXPECT_FALSE(completion_done(&c_ack));
	EXPECT_FALSE(try_wait_for_completion(&c_req));
}

TEST(completion_semantics)
{
	DECLARE_COMPLETION(done);

	EXPECT_EQ(0, wait_for_completion_timeout(&done, 1));
	complete(&done);
	complete(&done);
	EXPECT_TRUE(try_wait_for_completion(&done));
	EXPECT_NE(0, wait_for_completion_timeout(&done, HZ));
	EXPECT_FALSE(completion_done(&done));
	complete_all(&done);
	wait_for_completion(&done);
	wait_for_completion(&done);
	EXPECT_TRUE(completion_done(&done));
	reinit_completion(&done);
	EXPECT_FALSE(completion_done(&done));
}

TEST(timeouts)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0;

	EXPECT_EQ(0, wait_event_timeout(wq, cond, 2));
	EXPECT_EQ(0, wait_event_interruptible_timeout(wq, cond, 2));
	cond = 1;
	EXPECT_EQ(5, wait_event_timeout(wq, cond, 5));
	EXPECT_EQ(0, wait_event_interruptible(wq, cond));
}

static pthread_t sleeper_thread;
static volatile int sleeper_state;	/* 1: about to wait, 2: returned */
static long sleeper_ret;
static DECLARE_WAIT_QUEUE_HEAD(never_wq);

static void on_usr1(int sig)
{
	um_set_signal_pending();	/* what the syscall layer does */
}

static void *sleeper(void *arg)
{
	__atomic_store_n(&sleeper_state, 1, __ATOMIC_SEQ_CST);
	sleeper_ret = wait_event_interruptible(never_wq, 0);
	__atomic_store_n(&sleeper_state, 2, __ATOMIC_SEQ_CST);
	um_clear_signal_pending();
	return NULL;
}

/* a signal handler run during an interruptible wait ends it */
TEST(signal_interrupts_wait)
{
	struct sigaction sa = { .sa_handler = on_usr1 };

	sigaction(SIGUSR1, &sa, NULL);
	ASSERT_EQ(0, pthread_create(&sleeper_thread, NULL, sleeper, NULL));
	while (__atomic_load_n(&sleeper_state, __ATOMIC_SEQ_CST) != 1)
		sched_yield();
	/* the signal may land before or during the sleep: both must work */
	pthread_kill(sleeper_thread, SIGUSR1);
	pthread_join(sleeper_thread, NULL);
	EXPECT_EQ(-ERESTARTSYS, sleeper_ret);
	EXPECT_FALSE(signal_pending(current));
	um_set_signal_pending();
	EXPECT_TRUE(signal_pending(current));
	EXPECT_EQ(-ERESTARTSYS, wait_event_interruptible(never_wq, 0));
	EXPECT_EQ(-ERESTARTSYS, wait_event_interruptible_timeout(never_wq, 0, HZ));
	/* uninterruptible waits ignore it */
	EXPECT_EQ(0, wait_event_timeout(never_wq, 0, 1));
	um_clear_signal_pending();
}

/*
 * A sleep that ends before its first pass (a signal already pending, or
 * a wake-up between the state change and the sleep) did not time out:
 * schedule_timeout() reports the time left, as the kernel does.
 */
TEST(schedule_timeout_ended_early_reports_time_left)
{
	long left;

	um_set_signal_pending();
	left = schedule_timeout_interruptible(100 * HZ);
	EXPECT_TRUE(task_is_running(current));
	EXPECT_LT(0, left);
	EXPECT_GE(100 * HZ, left);
	/* a killable sleep ignores it: that one really times out */
	EXPECT_EQ(0, schedule_timeout_killable(1));
	um_clear_signal_pending();
	/* and a sleep that really timed out reports 0 */
	EXPECT_EQ(0, schedule_timeout_interruptible(1));
}

static DECLARE_WAIT_QUEUE_HEAD(excl_wq);
static DEFINE_SPINLOCK(tok_lock);
static int tokens;		/* protected by tok_lock */
static int consumed;		/* atomic */

static void *consumer(void *arg)
{
	int i;

	for (i = 0; i < ROUNDS / 10; i++) {
		spin_lock(&tok_lock);
		wait_event_lock_irq(excl_wq, tokens > 0, tok_lock);
		tokens--;
		spin_unlock(&tok_lock);
		__atomic_add_fetch(&consumed, 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

TEST(many_waiters)
{
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, consumer, NULL));
	for (i = 0; i < 4 * (ROUNDS / 10); i++) {
		spin_lock(&tok_lock);
		tokens++;
		spin_unlock(&tok_lock);
		if (i % 2)
			wake_up(&excl_wq);
		else
			wake_up_all(&excl_wq);
	}
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	EXPECT_EQ(4 * (ROUNDS / 10), consumed);
	EXPECT_EQ(0, tokens);
	EXPECT_FALSE(waitqueue_active(&excl_wq));
}

TEST(current_task)
{
	EXPECT_EQ(getpid(), current->tgid);
	EXPECT_NE(0, current->pid);
	EXPECT_TRUE(task_is_running(current));
	EXPECT_EQ(0, schedule_timeout_uninterruptible(1));
}

TEST_HARNESS_MAIN

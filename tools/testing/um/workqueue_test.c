// SPDX-License-Identifier: GPL-2.0
/* workqueues: ordering, flush, cancel, non-reentrancy. */
#include <pthread.h>
#include <signal.h>
#include "kselftest_harness.h"

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#define NWORK 200

struct seq_work {
	struct work_struct work;
	int id;
};

static int order[NWORK];
static atomic_t nr_done;

static void record(struct work_struct *w)
{
	struct seq_work *sw = container_of(w, struct seq_work, work);

	order[atomic_fetch_add(1, &nr_done)] = sw->id;
}

TEST(ordered_runs_in_order)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("ord", 0);
	struct seq_work *ws = kcalloc(NWORK, sizeof(*ws), GFP_KERNEL);
	int i;

	ASSERT_NE(NULL, wq);
	ASSERT_NE(NULL, ws);
	atomic_set(&nr_done, 0);
	for (i = 0; i < NWORK; i++) {
		ws[i].id = i;
		INIT_WORK(&ws[i].work, record);
		EXPECT_TRUE(queue_work(wq, &ws[i].work));
	}
	flush_workqueue(wq);
	EXPECT_EQ(NWORK, atomic_read(&nr_done));
	for (i = 0; i < NWORK; i++)
		EXPECT_EQ(i, order[i]);
	destroy_workqueue(wq);
	kfree(ws);
}

static DECLARE_COMPLETION(gate);
static atomic_t runs;
static atomic_t inside;
static atomic_t overlap;

static void gated(struct work_struct *w)
{
	if (atomic_inc_return(&inside) > 1)
		atomic_inc(&overlap);
	wait_for_completion(&gate);
	atomic_inc(&runs);
	atomic_dec(&inside);
}

static struct work_struct flushed_work;
static int flush_returned;	/* atomic */

static void *flusher(void *arg)
{
	bool waited = flush_work(&flushed_work);

	__atomic_store_n(&flush_returned, waited ? 1 : 2, __ATOMIC_SEQ_CST);
	return NULL;
}

TEST(pending_flush_cancel)
{
	pthread_t t;
	struct workqueue_struct *wq = alloc_workqueue("multi", 0, 4);
#define w flushed_work
	ASSERT_NE(NULL, wq);
	INIT_WORK(&w, gated);
	EXPECT_FALSE(work_pending(&w));
	EXPECT_FALSE(flush_work(&w));
	EXPECT_TRUE(queue_work(wq, &w));
	/* running (PENDING cleared before the function is called) */
	while (!atomic_read(&inside))
		msleep(1);
	EXPECT_FALSE(work_pending(&w));
	EXPECT_TRUE(queue_work(wq, &w));	/* requeue while running */
	EXPECT_FALSE(queue_work(wq, &w));	/* already pending */
	EXPECT_TRUE(cancel_work(&w));		/* drops the pending one */
	EXPECT_FALSE(work_pending(&w));
	/* flush_work must wait for the running instance */
	ASSERT_EQ(0, pthread_create(&t, NULL, flusher, NULL));
	msleep(50);
	EXPECT_EQ(0, __atomic_load_n(&flush_returned, __ATOMIC_SEQ_CST));
	complete_all(&gate);
	pthread_join(t, NULL);
	EXPECT_EQ(1, flush_returned);
	EXPECT_EQ(1, atomic_read(&runs));
	EXPECT_FALSE(cancel_work_sync(&w));
	flush_workqueue(wq);
	EXPECT_EQ(1, atomic_read(&runs));
	destroy_workqueue(wq);
#undef w
}

/* a requeued item never runs on two workers at once */
TEST(non_reentrant)
{
	struct workqueue_struct *wq = alloc_workqueue("reent", 0, 8);
	struct work_struct w;
	int i;

	ASSERT_NE(NULL, wq);
	reinit_completion(&gate);
	complete_all(&gate);
	atomic_set(&runs, 0);
	atomic_set(&overlap, 0);
	INIT_WORK(&w, gated);
	for (i = 0; i < 2000; i++)
		queue_work(wq, &w);
	flush_work(&w);
	EXPECT_FALSE(work_pending(&w));
	EXPECT_GE(atomic_read(&runs), 1);
	EXPECT_EQ(0, atomic_read(&overlap));
	destroy_workqueue(wq);
}

static struct completion blocker_done;

static void blocker(struct work_struct *w)
{
	wait_for_completion(&blocker_done);
}

static void releaser(struct work_struct *w)
{
	complete(&blocker_done);
}

/* one blocking item does not stall the others on system_wq */
TEST(system_wq_concurrency)
{
	DECLARE_WORK(wb, blocker);
	DECLARE_WORK(wr, releaser);

	init_completion(&blocker_done);
	EXPECT_TRUE(schedule_work(&wb));
	EXPECT_TRUE(schedule_work(&wr));
	flush_work(&wb);
	flush_work(&wr);
	EXPECT_FALSE(work_pending(&wb));
}

TEST(cancel_pending)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("cancel", 0);
	DECLARE_WORK(wb, blocker);
	struct seq_work sw = { .id = 7 };

	ASSERT_NE(NULL, wq);
	init_completion(&blocker_done);
	atomic_set(&nr_done, 0);
	INIT_WORK(&sw.work, record);
	queue_work(wq, &wb);		/* occupies the only worker */
	queue_work(wq, &sw.work);
	EXPECT_TRUE(cancel_work_sync(&sw.work));
	complete(&blocker_done);
	flush_workqueue(wq);
	EXPECT_EQ(0, atomic_read(&nr_done));
	destroy_workqueue(wq);
}

/* Like kthreads, workers take none of the program's signals. */
static int worker_sigusr1_blocked = -1;

static void check_mask(struct work_struct *w)
{
	sigset_t cur;

	pthread_sigmask(SIG_SETMASK, NULL, &cur);
	worker_sigusr1_blocked = sigismember(&cur, SIGUSR1) &&
				 sigismember(&cur, SIGALRM);
}

TEST(workers_block_program_signals)
{
	struct workqueue_struct *wq = alloc_workqueue("sig", 0, 1);
	struct work_struct work;
	sigset_t none, old;

	ASSERT_NE(NULL, wq);
	/* even when the thread that starts the worker blocks nothing */
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, &old);
	INIT_WORK(&work, check_mask);
	queue_work(wq, &work);
	flush_work(&work);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	EXPECT_EQ(1, worker_sigusr1_blocked);
	destroy_workqueue(wq);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/* RCU and SRCU grace periods wait for pre-existing readers. */
#include <pthread.h>
#include "kselftest_harness.h"

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/srcu.h>

static DECLARE_COMPLETION(reader_in);
static DECLARE_COMPLETION(reader_go);
static int gp_done;	/* atomic */

static void *reader(void *arg)
{
	rcu_read_lock();
	rcu_read_lock();	/* nesting */
	complete(&reader_in);
	wait_for_completion(&reader_go);
	/* the grace period must not have ended while we are inside */
	*(int *)arg = __atomic_load_n(&gp_done, __ATOMIC_SEQ_CST);
	rcu_read_unlock();
	rcu_read_unlock();
	return NULL;
}

static void *writer(void *arg)
{
	synchronize_rcu();
	__atomic_store_n(&gp_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

TEST(synchronize_waits_for_reader)
{
	pthread_t r, w;
	int seen = -1;

	ASSERT_EQ(0, pthread_create(&r, NULL, reader, &seen));
	wait_for_completion(&reader_in);
	ASSERT_EQ(0, pthread_create(&w, NULL, writer, NULL));
	msleep(50);	/* give the writer every chance to finish early */
	EXPECT_EQ(0, __atomic_load_n(&gp_done, __ATOMIC_SEQ_CST));
	complete(&reader_go);
	pthread_join(r, NULL);
	pthread_join(w, NULL);
	EXPECT_EQ(0, seen);
	EXPECT_EQ(1, gp_done);
	/* no readers: returns */
	synchronize_rcu();
}

struct obj {
	int v;
	struct rcu_head rcu;
};

static int cb_calls;	/* atomic */

static void obj_cb(struct rcu_head *h)
{
	struct obj *o = container_of(h, struct obj, rcu);

	__atomic_add_fetch(&cb_calls, o->v, __ATOMIC_SEQ_CST);
	kfree(o);
}

TEST(callbacks)
{
	long live = 0;
	int i;

	for (i = 0; i < 10; i++) {
		struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

		ASSERT_NE(NULL, o);
		o->v = 1;
		if (i % 2)
			call_rcu(&o->rcu, obj_cb);
		else
			kfree_rcu(o, rcu);
	}
	rcu_barrier();
	EXPECT_EQ(5, cb_calls);
	EXPECT_EQ(0, live);
}

DEFINE_STATIC_SRCU(test_srcu);
static int *srcu_ptr;

static void *srcu_writer(void *arg)
{
	synchronize_srcu(&test_srcu);
	__atomic_store_n(&gp_done, 2, __ATOMIC_SEQ_CST);
	return NULL;
}

TEST(srcu)
{
	static int a = 1, b = 2;
	pthread_t w;
	int idx;

	rcu_assign_pointer(srcu_ptr, &a);
	idx = srcu_read_lock(&test_srcu);
	EXPECT_EQ(1, *srcu_dereference(srcu_ptr, &test_srcu));
	ASSERT_EQ(0, pthread_create(&w, NULL, srcu_writer, NULL));
	rcu_assign_pointer(srcu_ptr, &b);
	msleep(50);
	EXPECT_NE(2, __atomic_load_n(&gp_done, __ATOMIC_SEQ_CST));
	srcu_read_unlock(&test_srcu, idx);
	pthread_join(w, NULL);
	EXPECT_EQ(2, gp_done);
	EXPECT_EQ(2, *srcu_dereference(srcu_ptr, &test_srcu));
}

TEST_HARNESS_MAIN

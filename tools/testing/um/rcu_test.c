// SPDX-License-Identifier: GPL-2.0
/*
 * SRCU grace periods wait for pre-existing readers.  No sleeps: the test
 * holds its read section until the writer is seen waiting for it (or has
 * wrongly finished), so the outcome does not depend on scheduling.
 */
#include <pthread.h>
#include <sched.h>
#include "kselftest_harness.h"

#include <linux/srcu.h>

DEFINE_STATIC_SRCU(test_srcu);
static int *srcu_ptr;
static int reader_inside;	/* atomic */
static int gp_done;		/* atomic */
static int seen_inside = -1;	/* written by the writer before gp_done */

static void *srcu_writer(void *arg)
{
	synchronize_srcu(&test_srcu);
	seen_inside = __atomic_load_n(&reader_inside, __ATOMIC_SEQ_CST);
	__atomic_store_n(&gp_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

TEST(synchronize_waits_for_reader)
{
	static int a = 1, b = 2;
	unsigned long waits;
	pthread_t w;
	int idx;

	rcu_assign_pointer(srcu_ptr, &a);
	idx = srcu_read_lock(&test_srcu);
	__atomic_store_n(&reader_inside, 1, __ATOMIC_SEQ_CST);
	EXPECT_TRUE(srcu_read_lock_held(&test_srcu));
	EXPECT_EQ(1, *srcu_dereference(srcu_ptr, &test_srcu));
	waits = __atomic_load_n(&test_srcu.gp_waits, __ATOMIC_SEQ_CST);
	ASSERT_EQ(0, pthread_create(&w, NULL, srcu_writer, NULL));
	rcu_assign_pointer(srcu_ptr, &b);
	/*
	 * Until the grace period waits for this reader, nothing may end
	 * it: a grace period that returns early is caught here, whatever
	 * the scheduling.
	 */
	while (__atomic_load_n(&test_srcu.gp_waits, __ATOMIC_SEQ_CST) == waits) {
		ASSERT_EQ(0, __atomic_load_n(&gp_done, __ATOMIC_SEQ_CST));
		sched_yield();
	}
	EXPECT_EQ(0, __atomic_load_n(&gp_done, __ATOMIC_SEQ_CST));
	__atomic_store_n(&reader_inside, 0, __ATOMIC_SEQ_CST);
	srcu_read_unlock(&test_srcu, idx);
	pthread_join(w, NULL);
	/* the writer returned only after the reader had left */
	EXPECT_EQ(0, seen_inside);
	EXPECT_EQ(1, gp_done);
	EXPECT_EQ(2, *srcu_dereference(srcu_ptr, &test_srcu));
	EXPECT_FALSE(srcu_read_lock_held(&test_srcu));
}

/* a reader of one domain does not hold up another domain's grace period */
TEST(domains_are_independent)
{
	struct srcu_struct other;
	int idx, idx2;

	ASSERT_EQ(0, init_srcu_struct(&other));
	idx = srcu_read_lock(&test_srcu);
	synchronize_srcu(&other);
	/* nested readers of one domain, released in any order */
	idx2 = srcu_read_lock(&other);
	srcu_read_unlock(&test_srcu, idx);
	synchronize_srcu(&test_srcu);
	srcu_read_unlock(&other, idx2);
	synchronize_srcu(&other);
	EXPECT_FALSE(srcu_read_lock_held(&other));
	cleanup_srcu_struct(&other);
}

TEST_HARNESS_MAIN

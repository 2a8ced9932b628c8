// SPDX-License-Identifier: GPL-2.0
/* atomics, bit ops and locks under concurrency. */
#include <pthread.h>
#include "kselftest_harness.h"

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <um/bug.h>

#define NTHREADS 4
#define NITER 100000

static atomic_t a32;
static atomic64_t a64;
static atomic_long_t along;
static unsigned long bits[NTHREADS];
static DEFINE_SPINLOCK(lock);
static DEFINE_MUTEX(mtx);
static long spin_counter;	/* protected by lock */
static long mutex_counter;	/* protected by mtx */

static void *hammer(void *arg)
{
	long id = (long)arg;
	int i;

	for (i = 0; i < NITER; i++) {
		atomic_inc(&a32);
		atomic64_add(2, &a64);
		atomic_long_fetch_or(1L << id, &along);
		if (i % 64 == 0)
			set_bit(id * BITS_PER_LONG + (i / 64) % BITS_PER_LONG, bits);
		if (i % 2) {
			spin_lock(&lock);
			spin_counter++;
			spin_unlock(&lock);
		} else {
			mutex_lock(&mtx);
			mutex_counter++;
			mutex_unlock(&mtx);
		}
	}
	return NULL;
}

TEST(concurrent_counters)
{
	pthread_t t[NTHREADS];
	long i;

	for (i = 0; i < NTHREADS; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, hammer, (void *)i));
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	EXPECT_EQ(NTHREADS * NITER, atomic_read(&a32));
	EXPECT_EQ(2LL * NTHREADS * NITER, atomic64_read(&a64));
	EXPECT_EQ((1L << NTHREADS) - 1, atomic_long_read(&along));
	EXPECT_EQ(NTHREADS * NITER, spin_counter + mutex_counter);
	for (i = 0; i < NTHREADS; i++)
		EXPECT_EQ(~0UL, bits[i]);
}

TEST(atomic_ops)
{
	atomic_t v = ATOMIC_INIT(5);
	int old = 5;

	EXPECT_EQ(5, atomic_cmpxchg(&v, 5, 7));
	EXPECT_EQ(7, atomic_cmpxchg(&v, 5, 9));
	EXPECT_FALSE(atomic_try_cmpxchg(&v, &old, 1));
	EXPECT_EQ(7, old);
	EXPECT_EQ(7, atomic_xchg(&v, 1));
	EXPECT_TRUE(atomic_dec_and_test(&v));
	EXPECT_FALSE(atomic_inc_not_zero(&v));
	EXPECT_EQ(0, atomic_fetch_or(6, &v));
	EXPECT_EQ(6, atomic_fetch_andnot(2, &v));
	EXPECT_EQ(4, atomic_read(&v));
	EXPECT_EQ(3, atomic_dec_if_positive(&v));
	EXPECT_TRUE(atomic_add_unless(&v, 1, 0));
	EXPECT_EQ(4, atomic_read(&v));
}

TEST(lock_asserts)
{
	unsigned long warns = um_warn_count();
	unsigned long flags;

	spin_lock_irqsave(&lock, flags);
	lockdep_assert_held(&lock);
	assert_spin_locked(&lock);
	EXPECT_TRUE(spin_is_locked(&lock));
	EXPECT_FALSE(spin_trylock(&lock));
	spin_unlock_irqrestore(&lock, flags);
	EXPECT_EQ(warns, um_warn_count());
	lockdep_assert_held(&mtx);	/* not held: warns */
	EXPECT_EQ(warns + 1, um_warn_count());
	EXPECT_TRUE(mutex_trylock(&mtx));
	EXPECT_TRUE(mutex_is_locked(&mtx));
	mutex_unlock(&mtx);
	EXPECT_EQ(warns + 1, um_warn_count());
}

TEST(refcount_saturates)
{
	refcount_t r = REFCOUNT_INIT(1);
	unsigned long warns = um_warn_count();

	refcount_inc(&r);
	EXPECT_FALSE(refcount_dec_and_test(&r));
	EXPECT_TRUE(refcount_dec_and_test(&r));
	EXPECT_FALSE(refcount_inc_not_zero(&r));
	refcount_inc(&r);	/* addition on 0: warns and saturates */
	EXPECT_EQ(warns + 1, um_warn_count());
	EXPECT_EQ((unsigned int)REFCOUNT_SATURATED, refcount_read(&r));
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/* kmalloc family and fail-nth fault injection. */
#include <pthread.h>
#include "kselftest_harness.h"

#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <um/fault.h>

TEST(fail_nth_counts_down)
{
	void *a, *b, *c;

	ASSERT_EQ(0, um_fail_nth_get());
	ASSERT_EQ(0, um_fail_nth_set(3));
	EXPECT_EQ(3, um_fail_nth_get());
	a = kmalloc(10, GFP_KERNEL);
	EXPECT_EQ(2, um_fail_nth_get());
	b = kzalloc(10, GFP_KERNEL);
	EXPECT_EQ(1, um_fail_nth_get());
	c = kmalloc(10, GFP_KERNEL);
	EXPECT_NE(NULL, a);
	EXPECT_NE(NULL, b);
	EXPECT_EQ(NULL, c);
	EXPECT_EQ(0, um_fail_nth_get());
	/* fired once only */
	c = kmalloc(10, GFP_KERNEL);
	EXPECT_NE(NULL, c);
	kfree(a);
	kfree(b);
	kfree(c);
	EXPECT_EQ(-EINVAL, um_fail_nth_set(-1));
}

TEST(fail_nth_every_family)
{
	struct kmem_cache *kc = KMEM_CACHE(list_head, 0);

	ASSERT_NE(NULL, kc);
	um_fail_nth_set(1);
	EXPECT_EQ(NULL, vmalloc(100));
	um_fail_nth_set(1);
	EXPECT_EQ(NULL, kvzalloc(100000, GFP_KERNEL));
	um_fail_nth_set(1);
	EXPECT_EQ(NULL, kmem_cache_alloc(kc, GFP_KERNEL));
	um_fail_nth_set(1);
	EXPECT_EQ(NULL, kcalloc(4, 4, GFP_KERNEL));
	um_fail_nth_set(1);
	EXPECT_EQ(NULL, kstrdup("x", GFP_KERNEL));
	um_fail_nth_set(1);
	EXPECT_EQ(0, __get_free_page(GFP_KERNEL));
	/* __GFP_NOFAIL is not counted */
	um_fail_nth_set(1);
	void *p = kmalloc(8, GFP_KERNEL | __GFP_NOFAIL);
	EXPECT_NE(NULL, p);
	EXPECT_EQ(1, um_fail_nth_get());
	um_fail_nth_set(0);
	kfree(p);
	kmem_cache_destroy(kc);
}

static void *other_thread(void *arg)
{
	void *p = kmalloc(8, GFP_KERNEL);

	*(int *)arg = um_fail_nth_get();
	kfree(p);
	return p;
}

TEST(fail_nth_per_thread)
{
	pthread_t t;
	int other = -1;
	void *res;

	um_fail_nth_set(1);
	ASSERT_EQ(0, pthread_create(&t, NULL, other_thread, &other));
	pthread_join(t, &res);
	EXPECT_NE(NULL, res);
	EXPECT_EQ(0, other);
	EXPECT_EQ(1, um_fail_nth_get());
	EXPECT_EQ(NULL, kmalloc(8, GFP_KERNEL));
}

TEST(kmalloc_semantics)
{
	long live = um_slab_live_objects();
	char *p;
	int i;

	EXPECT_EQ(ZERO_SIZE_PTR, kmalloc(0, GFP_KERNEL));
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	for (i = 3; i <= 12; i++) {
		p = kmalloc(1 << i, GFP_KERNEL);
		ASSERT_NE(NULL, p);
		EXPECT_EQ(0, (unsigned long)p & ((1 << i) - 1));
		kfree(p);
	}
	p = kzalloc(1000, GFP_KERNEL);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(NULL, memchr_inv(p, 0, 1000));
	memset(p, 'a', 1000);
	p = krealloc(p, 5000, GFP_KERNEL | __GFP_ZERO);
	ASSERT_NE(NULL, p);
	EXPECT_EQ(NULL, memchr_inv(p, 'a', 1000));
	EXPECT_EQ(NULL, memchr_inv(p + 1000, 0, 4000));
	kfree(p);
	EXPECT_EQ(NULL, kmalloc_array(SIZE_MAX / 2, 4, GFP_KERNEL));
	p = vzalloc(10000);
	ASSERT_NE(NULL, p);
	EXPECT_TRUE(PAGE_ALIGNED(p));
	vfree(p);
	EXPECT_EQ(live, um_slab_live_objects());
}

TEST_HARNESS_MAIN

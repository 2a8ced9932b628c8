// SPDX-License-Identifier: GPL-2.0
/* initcall ordering, printk, WARN accounting, kstrtoint. */
#include "kselftest_harness.h"

#include <linux/bug.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <um/bug.h>
#include <um/init.h>
#include <um/printk.h>

static char calls[8];
static int ncalls;

static int __init late_fn(void) { calls[ncalls++] = 'L'; return 0; }
static int __init mod_fn(void) { calls[ncalls++] = 'M'; return -ENODEV; }
static int __init subsys_fn(void) { calls[ncalls++] = 'S'; return 0; }
static void __exit mod_exit(void) { }

late_initcall(late_fn);
module_init(mod_fn);
module_exit(mod_exit);
subsys_initcall(subsys_fn);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("initcall test");

TEST(initcalls_once_in_order)
{
	EXPECT_EQ(0, ncalls);	/* nothing ran before */
	EXPECT_EQ(-ENODEV, um_kernel_init());
	EXPECT_EQ(-ENODEV, um_kernel_init());
	EXPECT_EQ(3, ncalls);
	EXPECT_EQ(0, memcmp(calls, "SML", 3));
	EXPECT_EQ(SYSTEM_RUNNING, system_state);
}

TEST(printk_and_warn)
{
	unsigned long w = um_warn_count();
	char buf[256];

	if (!getenv("UM_LOG")) {
		pr_info("hello %d\n", 42);
		um_log_ring_read(buf, sizeof(buf));
		EXPECT_NE(NULL, strstr(buf, "hello 42\n"));
	}
	EXPECT_TRUE(WARN_ON(1 + 1 == 2));
	EXPECT_FALSE(WARN_ON(0));
	EXPECT_TRUE(WARN(1, "expected warning %s\n", "(test)"));
	for (int i = 0; i < 3; i++)
		WARN_ON_ONCE(1);
	EXPECT_EQ(w + 3, um_warn_count());
	EXPECT_EQ(5, scnprintf(buf, 6, "%s", "0123456789"));
}

/* the parts of kstrtoint the fail-nth file relies on */
TEST(kstrtoint_parses)
{
	int i;

	EXPECT_EQ(0, kstrtoint("0x10\n", 0, &i));
	EXPECT_EQ(16, i);
	EXPECT_EQ(0, kstrtoint("-12", 10, &i));
	EXPECT_EQ(-12, i);
	EXPECT_EQ(-ERANGE, kstrtoint("2147483648", 10, &i));
	EXPECT_EQ(0, kstrtoint("-2147483648", 10, &i));
	EXPECT_EQ(INT_MIN, i);
	EXPECT_EQ(-EINVAL, kstrtoint("12x", 10, &i));
	EXPECT_EQ(-EINVAL, kstrtoint("", 10, &i));
}

TEST_HARNESS_MAIN

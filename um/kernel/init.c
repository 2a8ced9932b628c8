// SPDX-License-Identifier: GPL-2.0
/*
 * Initcalls: recorded by constructors (before main, single threaded),
 * run once by um_kernel_init().
 */
#include <pthread.h>

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <um/init.h>

/*
 * Recorded initcalls, newest first.  Written only by constructors, which
 * run before main and before any thread exists; read by um_kernel_init().
 */
static struct um_initcall *um_initcalls;
static pthread_once_t um_init_once = PTHREAD_ONCE_INIT;
static int um_init_result;	/* written under um_init_once */

void um_register_initcall(struct um_initcall *ic)
{
	ic->next = um_initcalls;
	um_initcalls = ic;
}

static void um_run_level(struct um_initcall *ic, int level)
{
	int ret;

	/* list is newest first: recurse to run in registration order */
	if (!ic)
		return;
	um_run_level(ic->next, level);
	if (ic->level != level)
		return;
	ret = ic->call();
	if (ret) {
		pr_warn("initcall %s returned %d\n", ic->name, ret);
		if (!um_init_result)
			um_init_result = ret;
	}
}

static void um_do_initcalls(void)
{
	int level;

	for (level = 0; level <= 7; level++)
		um_run_level(um_initcalls, level);
	system_state = SYSTEM_RUNNING;
}

int um_kernel_init(void)
{
	pthread_once(&um_init_once, um_do_initcalls);
	return um_init_result;
}

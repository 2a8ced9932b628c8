// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel-side helper of vfio_ccw_direct_test (LIBKERNEL): the machine
 * operator's side of the simulated channel subsystem, which has no
 * sysfs file for it: vary a channel path off or on, as the SE would
 * (the css core then calls the drivers' chp_event).
 */
#include <linux/types.h>

/* um/hw/css.h, which is not on the kernel-side include path */
int um_css_vary_chpid(u8 chpid, bool online);

int tmach_vary_chpid(int chpid, int online)
{
	return um_css_vary_chpid(chpid, online);
}

/*
 * Fault injection in the driver's completion work: arm (or read) the
 * fail-nth count of the thread that runs vfio-ccw's ordered queue, as
 * writing /proc/<tid>/fail-nth of a kernel worker would.
 */
#include <linux/workqueue.h>

/* um/fault.h and vfio_ccw_private.h, not on this include path */
int um_fail_nth_set(int n);
int um_fail_nth_get(void);
extern struct workqueue_struct *vfio_ccw_work_q;

struct tmach_nth {
	struct work_struct work;
	int set, got;
};

static void tmach_nth_fn(struct work_struct *work)
{
	struct tmach_nth *t = container_of(work, struct tmach_nth, work);

	if (t->set >= 0)
		um_fail_nth_set(t->set);
	t->got = um_fail_nth_get();
}

/* @n >= 0: fail the worker's n-th allocation from now; the count left */
int tmach_vfio_ccw_fail_nth(int n)
{
	struct tmach_nth t = { .set = n };

	INIT_WORK(&t.work, tmach_nth_fn);
	queue_work(vfio_ccw_work_q, &t.work);
	flush_work(&t.work);
	return t.got;
}

/* um/hw/css.h's um_css_inject(), with its UM_FAULT_NOT_OPER (1) */
int um_css_inject(u16 sch_no, int fault, int arg);

/* The device behind subchannel @sch_no is gone (not operational). */
int tmach_not_oper(int sch_no)
{
	return um_css_inject(sch_no, 1, 0);
}

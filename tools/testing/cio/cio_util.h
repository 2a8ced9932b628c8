/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A test driver on the host's css bus: binds subchannels, enables them
 * with concurrent sense, starts programs with ssch() and collects the
 * IRBs its irq handler receives, and the chp/sch events, as a real
 * subchannel driver would.  Kernel-side test code (tools/testing/um
 * style).
 */
#ifndef _CIO_UTIL_H
#define _CIO_UTIL_H

#include <pthread.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/hardirq.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <asm/cio.h>
#include <asm/isc.h>
#include <um/init.h>

#include "../../../um/cio/chp.h"
#include "../../../um/cio/cio.h"
#include "../../../um/cio/css.h"
#include "../../../um/cio/ioasm.h"
#include <orb.h>
#include "../../../um/cio/um_cio.h"
#include "../../../um/hw/css.h"
#include "../../../um/hw/css_dev.h"

#define T_MAX_SCH	64
#define T_MAX_IRB	64

struct t_sch {
	struct irb irb[T_MAX_IRB];
	int head, tail;
	int chp_events[8];	/* CHP_* counts */
	int sch_events;
	char comm[TASK_COMM_LEN];	/* the thread of the last irq() */
	int not_in_irq;		/* irq() calls outside interruption context */
};

static struct t_sch t_state[T_MAX_SCH];
static pthread_mutex_t t_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t t_cond = PTHREAD_COND_INITIALIZER;

static inline void t_irq(struct subchannel *sch)
{
	struct t_sch *t = &t_state[sch->schid.sch_no];

	pthread_mutex_lock(&t_lock);
	memcpy(t->comm, current->comm, sizeof(t->comm));
	t->not_in_irq += !in_interrupt() || in_task();
	t->irb[t->tail++ % T_MAX_IRB] = *this_cpu_ptr(&cio_irb);
	pthread_cond_broadcast(&t_cond);
	pthread_mutex_unlock(&t_lock);
}

static inline int t_probe(struct subchannel *sch)
{
	sch->config.csense = 1;
	return cio_enable_subchannel(sch, 0x1000 + sch->schid.sch_no);
}

static inline void t_remove(struct subchannel *sch)
{
	cio_disable_subchannel(sch);
}

static inline int t_chp_event(struct subchannel *sch, struct chp_link *link,
		       int event)
{
	pthread_mutex_lock(&t_lock);
	t_state[sch->schid.sch_no].chp_events[event]++;
	pthread_cond_broadcast(&t_cond);
	pthread_mutex_unlock(&t_lock);
	return 0;
}

static inline int t_sch_event(struct subchannel *sch, int slow)
{
	pthread_mutex_lock(&t_lock);
	t_state[sch->schid.sch_no].sch_events++;
	pthread_cond_broadcast(&t_cond);
	pthread_mutex_unlock(&t_lock);
	return 0;
}

static struct css_device_id t_ids[] = {
	{ .match_flags = 0x1, .type = SUBCHANNEL_TYPE_IO, },
	{ },
};

static struct css_driver t_driver = {
	.drv = { .name = "css_test" },
	.subchannel_type = t_ids,
	.irq = t_irq,
	.probe = t_probe,
	.remove = t_remove,
	.chp_event = t_chp_event,
	.sch_event = t_sch_event,
};

static inline void t_deadline(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* the next IRB of subchannel @nr; false after @ms milliseconds */
static inline bool t_wait_irb(int nr, struct irb *irb, int ms)
{
	struct t_sch *t = &t_state[nr];
	struct timespec ts;
	bool got = false;

	t_deadline(&ts, ms);
	pthread_mutex_lock(&t_lock);
	while (t->head == t->tail &&
	       !pthread_cond_timedwait(&t_cond, &t_lock, &ts))
		;
	if (t->head != t->tail) {
		*irb = t->irb[t->head++ % T_MAX_IRB];
		got = true;
	}
	pthread_mutex_unlock(&t_lock);
	return got;
}

/*
 * Wait until subchannel @nr's SCSW has every @actl and @stctl bit: the
 * machine's threads get there when a busy host lets them, which no
 * sleep can know.
 */
static inline bool t_wait_scsw(int nr, u32 actl, u32 stctl, int ms)
{
	struct schib schib;
	int i;

	for (i = 0; i < ms; i++) {
		if (um_css_stsch(um_cio_sch(nr)->schid, &schib))
			return false;
		if ((schib.scsw.cmd.actl & actl) == actl &&
		    (schib.scsw.cmd.stctl & stctl) == stctl)
			return true;
		usleep(1000);
	}
	return false;
}

/*
 * The channel thread has begun @nr's program (subchannel and device
 * active): a start still pending would be cancelled, not halted or
 * cleared.
 */
static inline bool t_wait_running(int nr, int ms)
{
	return t_wait_scsw(nr, SCSW_ACTL_SCHACT | SCSW_ACTL_DEVACT, 0, ms);
}

/* the thread name that ran subchannel @nr's last irq() */
static inline void t_irq_comm(int nr, char *comm)
{
	pthread_mutex_lock(&t_lock);
	memcpy(comm, t_state[nr].comm, TASK_COMM_LEN);
	pthread_mutex_unlock(&t_lock);
}

/* wait until *@counter reaches @n (t_state counters) */
static inline bool t_wait_count(int *counter, int n, int ms)
{
	struct timespec ts;
	bool ok;

	t_deadline(&ts, ms);
	pthread_mutex_lock(&t_lock);
	while (*counter < n && !pthread_cond_timedwait(&t_cond, &t_lock, &ts))
		;
	ok = *counter >= n;
	pthread_mutex_unlock(&t_lock);
	return ok;
}

/*
 * A machine: chpids 40 (online) and 41; @n null devices of @latency_ns
 * moving @bytes per read/write, bound to the test driver.
 */
static inline int t_machine(int n, u64 latency_ns, u32 bytes, int threads)
{
	static const u8 chps[] = { 0x40, 0x41 };
	int i, ret;

	um_kernel_init();
	um_css_add_chpid(0x40, true);
	um_css_add_chpid(0x41, true);
	for (i = 0; i < n; i++) {
		ret = um_css_add_subchannel(0x100 + i,
					    um_nulldev_create(latency_ns, bytes),
					    chps, 2);
		if (ret < 0)
			return ret;
	}
	ret = um_cio_scan();
	if (ret)
		return ret;
	if (threads > 1) {
		ret = um_css_set_channel_threads(threads);
		if (ret)
			return ret;
	}
	ret = css_driver_register(&t_driver);
	for (i = 0; i < n && !ret; i++)
		ret = um_css_bind(um_cio_sch(i), "css_test");
	return ret;
}

/* one subchannel on chpids 40 and 41 for @dev, bound to the test driver */
static inline int t_machine_dev(struct um_css_dev *dev)
{
	static const u8 chps[] = { 0x40, 0x41 };
	int ret, nr;

	um_kernel_init();
	um_css_add_chpid(0x40, true);
	um_css_add_chpid(0x41, true);
	if (!dev)
		return -EINVAL;
	nr = um_css_add_subchannel(0x200, dev, chps, 2);
	if (nr < 0)
		return nr;
	ret = um_cio_scan();
	if (!ret)
		ret = css_driver_register(&t_driver);
	if (!ret)
		ret = um_css_bind(um_cio_sch(nr), "css_test");
	return ret;
}

/* start @cpa on subchannel @nr with the given ORB flags */
struct t_orb {
	bool fmt0, spnd, c64, i2k, ssic;
	u8 key, lpm;
};

static inline int t_start(int nr, void *cpa, const struct t_orb *o)
{
	struct subchannel *sch = um_cio_sch(nr);
	union orb orb;
	int cc;

	memset(&orb, 0, sizeof(orb));
	orb.cmd.intparm = 0xabc00000 | nr;
	orb.cmd.fmt = !(o && o->fmt0);
	orb.cmd.spnd = o && o->spnd;
	orb.cmd.c64 = o && o->c64;
	orb.cmd.i2k = o && o->i2k;
	orb.cmd.ssic = o && o->ssic;
	orb.cmd.key = o ? o->key : 0;
	orb.cmd.lpm = o && o->lpm ? o->lpm : 0xff;
	orb.cmd.cpa = (u32)(uintptr_t)cpa;
	spin_lock(sch->lock);
	cc = ssch(sch->schid, &orb);
	spin_unlock(sch->lock);
	return cc;
}

static inline void t_ccw(struct ccw1 *c, u8 cmd, u8 flags, u16 count,
			 const void *data)
{
	c->cmd_code = cmd;
	c->flags = flags;
	c->count = count;
	c->cda = data ? um_css_addr(data) : 0;
}

#define T_PRIM	(SCSW_STCTL_PRIM_STATUS | SCSW_STCTL_SEC_STATUS | \
		 SCSW_STCTL_STATUS_PEND)
#define T_CEDE	(DEV_STAT_CHN_END | DEV_STAT_DEV_END)

#endif /* _CIO_UTIL_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's version of 6.1's drivers/s390/cio/cio.h: struct subchannel
 * and the cio_*() functions with 6.1's names, fields and semantics,
 * implemented in um/cio/cio.c over the simulated channel subsystem.
 * The PMCW and SCHIB are hardware: um/hw/css_types.h.
 */
#ifndef S390_CIO_H
#define S390_CIO_H

#include <linux/mutex.h>
#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <asm/chpid.h>
#include <asm/cio.h>
#include <asm/schid.h>
#include "../hw/css_types.h"
#include "chsc.h"

enum sch_todo {
	SCH_TODO_NOTHING,
	SCH_TODO_EVAL,
	SCH_TODO_UNREG,
};

/* subchannel data structure used by I/O subroutines */
struct subchannel {
	struct subchannel_id schid;
	spinlock_t *lock;	/* subchannel lock */
	struct mutex reg_mutex;
	enum {
		SUBCHANNEL_TYPE_IO = 0,
		SUBCHANNEL_TYPE_CHSC = 1,
		SUBCHANNEL_TYPE_MSG = 2,
		SUBCHANNEL_TYPE_ADM = 3,
	} st;			/* subchannel type */
	__u8 vpm;		/* verified path mask */
	__u8 lpm;		/* logical path mask */
	__u8 opm;		/* operational path mask */
	struct schib schib;	/* subchannel information block */
	int isc;		/* desired interruption subclass */
	struct chsc_ssd_info ssd_info;	/* subchannel description */
	struct device dev;	/* entry in device tree */
	struct css_driver *driver;
	enum sch_todo todo;
	struct work_struct todo_work;
	struct schib_config config;
	u64 dma_mask;
	/* driver name to force a match; freed by the core */
	const char *driver_override;
	/* host: the lock sch->lock points to */
	spinlock_t um_lock;
} __aligned(8);

/*
 * The IRB of the interruption being handled: per CPU in 6.1; per host
 * thread here (the I/O interruption thread is this host's CPU).
 */
extern __thread struct irb cio_irb;
#ifndef this_cpu_ptr
#define this_cpu_ptr(ptr)	(ptr)
#endif

#define to_subchannel(n) container_of(n, struct subchannel, dev)

int cio_enable_subchannel(struct subchannel *sch, u32 intparm);
int cio_disable_subchannel(struct subchannel *sch);
int cio_cancel(struct subchannel *sch);
int cio_clear(struct subchannel *sch);
int cio_cancel_halt_clear(struct subchannel *sch, int *iretry);
int cio_resume(struct subchannel *sch);
int cio_halt(struct subchannel *sch);
int cio_start(struct subchannel *sch, struct ccw1 *cpa, __u8 lpm);
int cio_start_key(struct subchannel *sch, struct ccw1 *cpa, __u8 lpm,
		  __u8 key);
int cio_set_options(struct subchannel *sch, int flags);
int cio_update_schib(struct subchannel *sch);
int cio_commit_config(struct subchannel *sch);

/* channel storage (31-bit) for channel programs and data */
void *cio_dma_zalloc(size_t size);
void cio_dma_free(void *cpu_addr, size_t size);

#define cio_is_console(schid) 0

#endif /* S390_CIO_H */

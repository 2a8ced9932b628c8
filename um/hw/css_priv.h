/* SPDX-License-Identifier: GPL-2.0 */
/* Private to the channel subsystem (css.c, ccw.c). */
#ifndef _UM_HW_CSS_PRIV_H
#define _UM_HW_CSS_PRIV_H

#include <linux/list.h>
#include <linux/types.h>
#include <pthread.h>

#include "css.h"
#include "css_dev.h"
#include "css_types.h"

/*
 * One I/O subchannel.  css.lock protects schib, orb, the request flags,
 * the queue links and the ECW; the program's progress (next_ccw and
 * what ccw.c keeps on its stack) belongs to the channel thread running
 * it (running == true), or to nobody while it is suspended.
 */
struct um_sch {
	u16 sch_no;
	struct schib schib;
	union orb orb;
	struct um_css_dev *dev;
	u8 ecw[32];
	u8 scnt;		/* sense bytes in ecw, 0: none */
	u8 lpum;		/* path mask of the running program */
	bool queued;		/* on css.runq */
	bool running;		/* a channel thread executes its program */
	bool halt_req;		/* HSCH while running */
	bool clear_req;		/* CSCH while running */
	bool gone;		/* fault: not operational */
	u32 next_ccw;		/* a suspended program continues here */
	bool irq_queued;
	u64 status_ns;		/* status last made pending (monotonic) */
	struct list_head runq;
	struct list_head irqq;
	pthread_cond_t sleep;	/* device latency; signalled by halt/clear */
	enum um_css_fault fault;
	int fault_arg;
};

struct um_run_result {
	u8 dstat;
	u8 cstat;
	u32 cpa;		/* last CCW + 8 */
	u16 count;		/* residual */
	bool suspended;		/* stopped at an S flag: next_ccw set */
	bool cancelled;		/* halt or clear stopped it */
	bool path_failed;
};

extern pthread_mutex_t um_css_lock;

/* ccw.c: run @sch's program from @ccw_addr on the calling channel thread */
void um_ccw_run(struct um_sch *sch, u32 ccw_addr, struct um_run_result *r);
/* css.c, for ccw.c (css lock NOT held) */
void um_css_pci(struct um_sch *sch);
bool um_css_take_resume(struct um_sch *sch);
bool um_css_cancel_requested(struct um_sch *sch);
bool um_css_sleep(struct um_sch *sch, u64 ns);
/*
 * Storage: check [addr, addr+len) for an access with @key; returns 0,
 * SCHN_STAT_PROG_CHECK (addressing) or SCHN_STAT_PROT_CHECK.
 */
u8 um_css_mem_check(u64 addr, u32 len, u8 key, bool store, bool fmt0);

#endif /* _UM_HW_CSS_PRIV_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * The cio functions of 6.1's drivers/s390/cio/cio.c, with 6.1's return
 * values, over the I/O instructions (ioasm.c).  Callers hold sch->lock
 * where 6.1 requires it; nothing here sleeps except cio_commit_config's
 * short retry delay, as in 6.1.
 */
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/string.h>

#include "cio.h"
#include "css.h"
#include "ioasm.h"
#include <orb.h>
#include "../hw/css.h"

__thread struct irb cio_irb;

int css_sch_is_valid(struct schib *schib)
{
	if (schib->pmcw.st == SUBCHANNEL_TYPE_IO && !schib->pmcw.dnv)
		return 0;
	return 1;
}

int cio_update_schib(struct subchannel *sch)
{
	struct schib schib;

	if (stsch(sch->schid, &schib) || !css_sch_is_valid(&schib))
		return -ENODEV;
	memcpy(&sch->schib, &schib, sizeof(schib));
	return 0;
}

static void apply_config(struct subchannel *sch, struct schib *schib)
{
	schib->pmcw.intparm = sch->config.intparm;
	schib->pmcw.mbi = sch->config.mbi;
	schib->pmcw.isc = sch->config.isc;
	schib->pmcw.ena = sch->config.ena;
	schib->pmcw.mme = sch->config.mme;
	schib->pmcw.mp = sch->config.mp;
	schib->pmcw.csense = sch->config.csense;
	schib->pmcw.mbfc = sch->config.mbfc;
	if (sch->config.mbfc)
		schib->mba = sch->config.mba;
}

static bool config_took(struct subchannel *sch, struct schib *schib)
{
	return schib->pmcw.intparm == sch->config.intparm &&
	       schib->pmcw.mbi == sch->config.mbi &&
	       schib->pmcw.isc == sch->config.isc &&
	       schib->pmcw.ena == sch->config.ena &&
	       schib->pmcw.mme == sch->config.mme &&
	       schib->pmcw.mp == sch->config.mp &&
	       schib->pmcw.csense == sch->config.csense &&
	       schib->pmcw.mbfc == sch->config.mbfc &&
	       (!sch->config.mbfc || schib->mba == sch->config.mba);
}

int cio_commit_config(struct subchannel *sch)
{
	struct schib schib;
	struct irb irb;
	int cc, tries, ret = 0;

	if (stsch(sch->schid, &schib) || !css_sch_is_valid(&schib))
		return -ENODEV;
	for (tries = 0; tries < 5; tries++) {
		apply_config(sch, &schib);
		cc = msch(sch->schid, &schib);
		if (cc < 0)
			return cc;
		switch (cc) {
		case 0:
			if (stsch(sch->schid, &schib) ||
			    !css_sch_is_valid(&schib))
				return -ENODEV;
			if (config_took(sch, &schib)) {
				memcpy(&sch->schib, &schib, sizeof(schib));
				return 0;
			}
			ret = -EAGAIN;
			break;
		case 1:
			/* status pending: take it off and try again */
			ret = -EBUSY;
			if (tsch(sch->schid, &irb))
				return ret;
			break;
		case 2:
			udelay(100);
			ret = -EBUSY;
			break;
		default:
			return -ENODEV;
		}
	}
	return ret;
}

int cio_enable_subchannel(struct subchannel *sch, u32 intparm)
{
	int ret;

	if (cio_update_schib(sch))
		return -ENODEV;
	sch->config.ena = 1;
	sch->config.isc = sch->isc;
	sch->config.intparm = intparm;
	ret = cio_commit_config(sch);
	if (ret == -EIO) {
		/* MSCH took a program check: retry without concurrent sense */
		sch->config.csense = 0;
		ret = cio_commit_config(sch);
	}
	return ret;
}

int cio_disable_subchannel(struct subchannel *sch)
{
	if (cio_update_schib(sch))
		return -ENODEV;
	sch->config.ena = 0;
	return cio_commit_config(sch);
}

int cio_set_options(struct subchannel *sch, int flags)
{
	return 0;
}

int cio_start_key(struct subchannel *sch, struct ccw1 *cpa, __u8 lpm,
		  __u8 key)
{
	union orb orb;
	int cc;

	memset(&orb, 0, sizeof(orb));
	orb.cmd.intparm = sch->config.intparm;
	orb.cmd.fmt = 1;
	orb.cmd.pfch = 1;
	orb.cmd.lpm = lpm ? lpm : sch->lpm;
	orb.cmd.c64 = 1;	/* format-2 IDAWs, 4K blocks */
	orb.cmd.key = key >> 4;
	orb.cmd.cpa = um_css_addr(cpa);
	cc = ssch(sch->schid, &orb);
	switch (cc) {
	case 0:
		sch->schib.scsw.cmd.actl |= SCSW_ACTL_START_PEND;
		return 0;
	case 1:
	case 2:
		return -EBUSY;
	case 3:
		/* no path left, or the device is gone */
		if (lpm) {
			sch->lpm &= ~lpm;
			return sch->lpm ? -EACCES : -ENODEV;
		}
		return -ENODEV;
	default:
		return cc;
	}
}

int cio_start(struct subchannel *sch, struct ccw1 *cpa, __u8 lpm)
{
	return cio_start_key(sch, cpa, lpm, 0);
}

int cio_resume(struct subchannel *sch)
{
	switch (rsch(sch->schid)) {
	case 0:
		sch->schib.scsw.cmd.actl |= SCSW_ACTL_RESUME_PEND;
		return 0;
	case 1:
		return -EBUSY;
	case 2:
		return -EINVAL;
	default:
		return -ENODEV;
	}
}

int cio_halt(struct subchannel *sch)
{
	switch (hsch(sch->schid)) {
	case 0:
		sch->schib.scsw.cmd.actl |= SCSW_ACTL_HALT_PEND;
		return 0;
	case 1:
	case 2:
		return -EBUSY;
	default:
		return -ENODEV;
	}
}

int cio_clear(struct subchannel *sch)
{
	if (csch(sch->schid))
		return -ENODEV;
	sch->schib.scsw.cmd.actl |= SCSW_ACTL_CLEAR_PEND;
	return 0;
}

int cio_cancel(struct subchannel *sch)
{
	switch (xsch(sch->schid)) {
	case 0:
		return cio_update_schib(sch) ? -ENODEV : 0;
	case 1:
		return -EBUSY;
	case 2:
		return -EINVAL;
	default:
		return -ENODEV;
	}
}

/*
 * Stop whatever the subchannel does: cancel, else up to 3 halts, else up
 * to 255 clears; -EBUSY while a halt/clear is on its way (the caller
 * waits for the interruption and calls again), 0 when nothing is left.
 */
int cio_cancel_halt_clear(struct subchannel *sch, int *iretry)
{
	u32 actl;
	int ret;

	if (cio_update_schib(sch))
		return -ENODEV;
	if (!sch->schib.pmcw.ena)
		return 0;
	actl = scsw_actl(&sch->schib.scsw);
	if (!(actl & (SCSW_ACTL_HALT_PEND | SCSW_ACTL_CLEAR_PEND))) {
		ret = cio_cancel(sch);
		if (ret != -EINVAL)
			return ret;
		*iretry = 3;
	}
	if (!(actl & SCSW_ACTL_CLEAR_PEND)) {
		if (*iretry) {
			*iretry -= 1;
			ret = cio_halt(sch);
			if (ret != -EBUSY)
				return ret ? ret : -EBUSY;
		}
		*iretry = 255;
	}
	if (*iretry) {
		*iretry -= 1;
		ret = cio_clear(sch);
		return ret ? ret : -EBUSY;
	}
	return -EIO;
}

void *cio_dma_zalloc(size_t size)
{
	return um_css_dma_alloc(size, false);
}

void cio_dma_free(void *cpu_addr, size_t size)
{
	um_css_dma_free(cpu_addr);
}

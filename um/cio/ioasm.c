// SPDX-License-Identifier: GPL-2.0
/*
 * The I/O instructions of 6.1's drivers/s390/cio/ioasm.c, executed on the
 * simulated channel subsystem.  A program exception (bad subchannel id,
 * misaligned operand, reserved bits) would oops the real kernel; here it
 * warns and returns -EIO, which 6.1's callers treat as a failure (as
 * cio_commit_config() does for msch's program check).
 */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/errno.h>

#include "ioasm.h"
#include "../hw/css.h"

static int insn(const char *name, int cc)
{
	if (cc < 0) {
		WARN_ONCE(1, "%s: program exception 0x%x\n", name, -cc);
		return -EIO;
	}
	return cc;
}

int stsch(struct subchannel_id schid, struct schib *addr)
{
	return insn("stsch", um_css_stsch(schid, addr));
}

int msch(struct subchannel_id schid, struct schib *addr)
{
	return insn("msch", um_css_msch(schid, addr));
}

int tsch(struct subchannel_id schid, struct irb *addr)
{
	return insn("tsch", um_css_tsch(schid, addr));
}

int ssch(struct subchannel_id schid, union orb *addr)
{
	return insn("ssch", um_css_ssch(schid, addr));
}

int csch(struct subchannel_id schid)
{
	return insn("csch", um_css_csch(schid));
}

int rsch(struct subchannel_id schid)
{
	return insn("rsch", um_css_rsch(schid));
}

int hsch(struct subchannel_id schid)
{
	return insn("hsch", um_css_hsch(schid));
}

int xsch(struct subchannel_id schid)
{
	return insn("xsch", um_css_xsch(schid));
}

int stcrw(struct crw *crw)
{
	return insn("stcrw", um_css_stcrw(crw));
}

/* TPI with a zero operand address is not used by the host: test only */
int tpi(struct tpi_info *addr)
{
	struct subchannel_id schid;
	u32 intparm;

	if (!um_css_tpi_wait(0xff, &schid, &intparm, 0))
		return 0;
	memset(addr, 0, sizeof(*addr));
	addr->schid = schid;
	addr->intparm = intparm;
	return 1;
}

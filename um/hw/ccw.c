// SPDX-License-Identifier: GPL-2.0
/*
 * The channel: interprets a command-mode channel program on a channel
 * thread.  CCWs and IDAWs are read from the channel's storage in the
 * machine's byte order (the layout the cio layer's C structures give
 * them; big-endian on s390x; see Documentation/s390/channel-subsystem.rst
 * "Byte order"), and every access is checked against the storage the
 * program named and the ORB's key before it happens.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/cio.h>

#include "css_priv.h"

#define CMD_IS_TIC(c)	(((c) & 0x0f) == CCW_CMD_TIC)
/* read, read backward and sense move data to memory (SKIP allowed) */
static bool cmd_is_input(u8 cmd)
{
	return (cmd & 0x3) == 0x2 || (cmd & 0x0f) == 0x4 ||
	       (cmd & 0x0f) == 0xc;
}

struct um_ccw_io {
	struct um_sch *sch;
	const struct cmd_orb *orb;
	u32 addr;		/* address of the current CCW */
	u8 cmd;			/* command of the chain's first CCW */
	u8 flags;		/* flags of the current CCW */
	u32 count;		/* bytes left in the current CCW */
	u32 cda;
	/* IDAW state: list address of the next IDAW, bytes left in block */
	u32 idaw_next;
	u64 seg_addr;		/* 64-bit with format-2 IDAWs */
	u32 seg_left;
	bool seg_valid;
	u32 offered;		/* whole data chain, as far as fetched */
	bool wanted_more;	/* device asked beyond the chain */
	bool take_avail;	/* um_ccw_xfer_avail(): no such complaint */
	u8 cstat;		/* channel checks found so far */
	bool tic_last;
	int ccw_no;		/* commands started (fault injection) */
};

static u32 idaw_block(const struct cmd_orb *orb)
{
	return orb->c64 && !orb->i2k ? 4096 : 2048;
}

/* fetch and check the CCW at io->addr into io (data fields only) */
static int fetch_ccw(struct um_ccw_io *io, u32 addr, u8 *cmd, u8 *flags,
		     u32 *count, u32 *cda)
{
	const struct cmd_orb *orb = io->orb;
	u8 c;

	if (!addr || (addr & 7) ||
	    (orb->fmt ? addr & 0x80000000 : addr & 0xff000000))
		goto prog;
	c = um_css_mem_check(addr, 8, orb->key, false, !orb->fmt);
	if (c) {
		io->cstat |= c;
		return -1;
	}
	if (orb->fmt) {
		struct ccw1 ccw;

		memcpy(&ccw, (const void *)(uintptr_t)addr, sizeof(ccw));
		*cmd = ccw.cmd_code;
		*flags = ccw.flags;
		*count = ccw.count;
		*cda = ccw.cda;
		if (*cda & 0x80000000)
			goto prog;
	} else {
		struct ccw0 ccw;

		memcpy(&ccw, (const void *)(uintptr_t)addr, sizeof(ccw));
		*cmd = ccw.cmd_code;
		*flags = ccw.flags;
		*count = ccw.count;
		*cda = ccw.cda;
		/* format-0: count 0 is invalid except on a TIC */
		if (!*count && !CMD_IS_TIC(*cmd))
			goto prog;
		if (CMD_IS_TIC(*cmd)) {
			/* format-0 TIC: flags and count are ignored */
			*flags = 0;
			*count = 0;
		}
	}
	return 0;
prog:
	io->cstat |= SCHN_STAT_PROG_CHECK;
	return -1;
}

/* checks of a CCW's flags that do not depend on the device */
static int check_flags(struct um_ccw_io *io, u8 cmd, u8 flags, u32 count)
{
	if (flags & UM_CCW_FLAG_MIDA)	/* this channel offers no MIDAWs */
		goto prog;
	if ((flags & CCW_FLAG_SUSPEND) && !io->orb->spnd)
		goto prog;
	if ((flags & CCW_FLAG_SKIP) && !cmd_is_input(cmd))
		goto prog;
	if (io->orb->fmt && !count && (flags & CCW_FLAG_DC))
		goto prog;
	if ((flags & CCW_FLAG_IDA) &&
	    (io->cda & (io->orb->c64 ? 7 : 3)))
		goto prog;
	return 0;
prog:
	io->cstat |= SCHN_STAT_PROG_CHECK;
	return -1;
}

/* next data segment of the current CCW (direct or through an IDAW) */
static int next_segment(struct um_ccw_io *io)
{
	const struct cmd_orb *orb = io->orb;
	u32 bs = idaw_block(orb);
	u64 idaw;
	u8 c;

	if (!(io->flags & CCW_FLAG_IDA)) {
		io->seg_addr = io->cda;
		io->seg_left = io->count;
		io->seg_valid = true;
		return 0;
	}
	c = um_css_mem_check(io->idaw_next, orb->c64 ? 8 : 4, orb->key,
			     false, false);
	if (c) {
		io->cstat |= c;
		return -1;
	}
	if (orb->c64) {
		memcpy(&idaw, (void *)(uintptr_t)io->idaw_next, 8);
		io->idaw_next += 8;
		/* above 2 GiB only pinned pages are storage (mem_check) */
	} else {
		u32 w;

		memcpy(&w, (void *)(uintptr_t)io->idaw_next, 4);
		idaw = w;
		io->idaw_next += 4;
		if (idaw & 0x80000000)	/* format-1 IDAW: bit 0 zero */
			goto prog;
	}
	/* only the first IDAW may start inside a block */
	if (io->seg_valid && (idaw & (bs - 1)))
		goto prog;
	io->seg_addr = idaw;
	io->seg_left = min(io->count, bs - (u32)(idaw & (bs - 1)));
	io->seg_valid = true;
	return 0;
prog:
	io->cstat |= SCHN_STAT_PROG_CHECK;
	return -1;
}

/* set up the data area of a (first or data-chained) CCW */
static void begin_data(struct um_ccw_io *io, u8 flags, u32 count, u32 cda)
{
	io->flags = flags;
	io->count = count;
	io->cda = cda;
	io->idaw_next = cda;
	io->seg_valid = false;
	io->seg_left = 0;
	io->offered += count;
}

/* follow a data chain to the next CCW (TICs allowed in between) */
static int data_chain(struct um_ccw_io *io)
{
	u32 addr = io->addr + 8, count, cda;
	u8 cmd, flags;
	bool tic = false;

	for (;;) {
		if (fetch_ccw(io, addr, &cmd, &flags, &count, &cda))
			goto fail;
		if (!CMD_IS_TIC(cmd))
			break;
		if (tic || cmd != CCW_CMD_TIC || flags || count ||
		    !cda || (cda & 7)) {
			io->cstat |= SCHN_STAT_PROG_CHECK;
			goto fail;
		}
		tic = true;
		addr = cda;
	}
	io->addr = addr;
	io->cda = cda;
	if (check_flags(io, io->cmd, flags, count))
		goto fail;
	begin_data(io, flags, count, cda);
	return 0;
fail:
	io->addr = addr;
	return -1;
}

/* a data or chaining check injected at this command (lock not held) */
static bool xfer_fault(struct um_ccw_io *io, enum um_css_fault f)
{
	struct um_sch *sch = io->sch;
	bool hit = false;

	pthread_mutex_lock(&um_css_lock);
	if (sch->fault == f && sch->fault_arg == io->ccw_no - 1) {
		sch->fault = UM_FAULT_NONE;
		hit = true;
	}
	pthread_mutex_unlock(&um_css_lock);
	return hit;
}

u8 um_ccw_cmd(struct um_ccw_io *io)
{
	return io->cmd;
}

u32 um_ccw_count(struct um_ccw_io *io)
{
	return io->count;
}

bool um_ccw_cancelled(struct um_ccw_io *io)
{
	return um_css_cancel_requested(io->sch);
}

bool um_ccw_sleep(struct um_ccw_io *io, u64 ns)
{
	return um_css_sleep(io->sch, ns);
}

int um_ccw_xfer(struct um_ccw_io *io, void *buf, u32 len)
{
	bool input = cmd_is_input(io->cmd);
	u32 done = 0, n;
	u8 c;

	if (io->cstat)
		return -1;
	if (len && xfer_fault(io, UM_FAULT_DATA_CHECK)) {
		io->cstat |= SCHN_STAT_CHN_DATA_CHK;
		return -1;
	}
	while (done < len) {
		if (!io->count) {
			if (!(io->flags & CCW_FLAG_DC)) {
				io->wanted_more = !io->take_avail;
				break;
			}
			/* the next CCW came too late for the data */
			if (xfer_fault(io, UM_FAULT_CHAIN_CHECK)) {
				io->cstat |= SCHN_STAT_CHAIN_CHECK;
				return -1;
			}
			if (data_chain(io))
				return -1;
			continue;
		}
		if (!io->seg_left && next_segment(io))
			return -1;
		n = min(min(len - done, io->seg_left), io->count);
		if (!(input && (io->flags & CCW_FLAG_SKIP))) {
			c = um_css_mem_check(io->seg_addr, n, io->orb->key,
					     input, !io->orb->fmt);
			if (c) {
				io->cstat |= c;
				return -1;
			}
			if (input)
				memcpy((void *)(uintptr_t)io->seg_addr,
				       (char *)buf + done, n);
			else
				memcpy((char *)buf + done,
				       (void *)(uintptr_t)io->seg_addr, n);
		}
		io->seg_addr += n;
		io->seg_left -= n;
		io->count -= n;
		done += n;
		if (um_css_cancel_requested(io->sch))
			return -1;
	}
	return done;
}

int um_ccw_xfer_avail(struct um_ccw_io *io, void *buf, u32 max)
{
	int n;

	io->take_avail = true;
	n = um_ccw_xfer(io, buf, max);
	io->take_avail = false;
	return n;
}

/* the fault injected at this command, if any (css lock not held) */
static bool path_fault_now(struct um_ccw_io *io)
{
	struct um_sch *sch = io->sch;
	bool hit = false;

	pthread_mutex_lock(&um_css_lock);
	if (sch->fault == UM_FAULT_PATH && sch->fault_arg == io->ccw_no) {
		sch->fault = UM_FAULT_NONE;
		hit = true;
	}
	pthread_mutex_unlock(&um_css_lock);
	return hit;
}

void um_ccw_run(struct um_sch *sch, u32 addr, struct um_run_result *r)
{
	struct um_ccw_io io = { .sch = sch, .orb = &sch->orb.cmd };
	struct um_css_dev *dev = sch->dev;
	u32 count, cda;
	u8 cmd, flags, dstat = 0;
	bool il;

	memset(r, 0, sizeof(*r));
	if (dev->ops->start)
		dev->ops->start(dev);
	for (;;) {
		io.addr = addr;
		if (um_css_cancel_requested(sch)) {
			r->cancelled = true;
			break;
		}
		if (fetch_ccw(&io, addr, &cmd, &flags, &count, &cda))
			break;
		if (CMD_IS_TIC(cmd)) {
			/* TIC: no flags or count, not after a TIC, aligned */
			if (io.tic_last || cmd != CCW_CMD_TIC || flags ||
			    count || !cda || (cda & 7)) {
				io.cstat |= SCHN_STAT_PROG_CHECK;
				break;
			}
			io.tic_last = true;
			addr = cda;
			continue;
		}
		io.tic_last = false;
		if (!(cmd & 0x0f)) {
			io.cstat |= SCHN_STAT_PROG_CHECK;
			break;
		}
		io.cda = cda;
		if (check_flags(&io, cmd, flags, count))
			break;
		if (flags & CCW_FLAG_SUSPEND) {
			if (!um_css_take_resume(sch)) {
				r->suspended = true;
				sch->next_ccw = addr;
				break;
			}
		}
		if (path_fault_now(&io)) {
			r->path_failed = true;
			break;
		}
		io.ccw_no++;
		io.cmd = cmd;
		io.offered = 0;
		io.wanted_more = false;
		begin_data(&io, flags, count, cda);
		if (flags & CCW_FLAG_PCI)
			um_css_pci(sch);
		dstat = dev->ops->exec(dev, &io);
		if (io.cstat) {
			/* a channel check ends the command where it stands */
			dstat |= DEV_STAT_CHN_END;
			break;
		}
		if (um_css_cancel_requested(sch)) {
			r->cancelled = true;
			break;
		}
		if (dstat & DEV_STAT_UNIT_CHECK)
			break;
		il = io.wanted_more || io.count || (io.flags & CCW_FLAG_DC);
		if (il && !((io.flags & CCW_FLAG_SLI) &&
			    !(io.flags & CCW_FLAG_DC))) {
			io.cstat |= SCHN_STAT_INCORR_LEN;
			break;
		}
		if (!(io.flags & CCW_FLAG_CC) ||
		    (dstat & (DEV_STAT_UNIT_EXCEP | DEV_STAT_ATTENTION)))
			break;
		/* command chaining; status modifier skips one CCW */
		addr = io.addr + ((dstat & DEV_STAT_STAT_MOD) ? 16 : 8);
		dstat = 0;
	}
	if (dev->ops->end)
		dev->ops->end(dev);
	r->dstat = dstat;
	r->cstat = io.cstat;
	r->cpa = io.addr + 8;
	r->count = io.count;
}

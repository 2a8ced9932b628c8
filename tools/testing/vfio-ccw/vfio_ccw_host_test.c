// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ccw in the user-mode host, as a VMM drives it (sysfs, the VFIO
 * uapi, the mdev's regions and eventfds), on the host's simulated channel
 * subsystem, which can do what QEMU's cannot (programs that run while the
 * VMM acts, data chaining, channel checks for misaligned IDAWs, path
 * events):
 *
 *  - ret_codes of the I/O and async regions, each produced for real;
 *  - translation: a pattern written with format-1 CCWs and read back
 *    through format-0 CCWs, data chaining, format-1 IDAWs, format-2 4K
 *    and 2K IDAWs; a misaligned second IDAW gets the program check;
 *  - HSCH and CSCH of a running program, close and mdev removal with I/O
 *    in flight: status delivered, nothing stays pinned;
 *  - two completions before the VMM reads: both IRBs, in order;
 *  - a channel path varied off and on: CRWs in the CRW region, eventfd;
 *  - random region writes (fixed seed): documented results only, no
 *    pin left behind;
 *  - a 3390 on a dasdinit -linux image: Define Extent, Locate Record and
 *    4 KiB records written and read through scattered format-2 IDALs,
 *    then found in the image file by a reader of the CKD track that
 *    shares no code with the device.
 */
#include "kselftest_harness.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <um/vfio.h>

#include "../../../um/hw/css.h"
#include "../vfio/vfio_util.h"

#define CP	0x1000		/* channel programs */
#define CP2	0x1800
#define IDAL	0x1c00
#define BUF	0x4000		/* data: pages 4..7 */
#define BUF2	0x8000		/* data: pages 8..11 */

#define NULLDEV		"chpid 80\nccw 0.0.0100 null\n"
#define SLOWDEV		"chpid 80\nccw 0.0.0100 null latency=3000ms\n"

struct io {
	ssize_t n;		/* pwrite's return (or -errno) */
	struct irb irb;
	bool irq;
};

static void ccw(struct v_vmm *v, u32 at, u8 cmd, u8 flags, u16 count,
		u32 cda)
{
	struct ccw1 *c = (struct ccw1 *)(v->mem + at);

	c->cmd_code = cmd;
	c->flags = flags;
	c->count = count;
	c->cda = cda;
}

static void ccw0(struct v_vmm *v, u32 at, u8 cmd, u8 flags, u16 count,
		 u32 cda)
{
	struct ccw0 *c = (struct ccw0 *)(v->mem + at);

	memset(c, 0, sizeof(*c));
	c->cmd_code = cmd;
	c->flags = flags;
	c->count = count;
	c->cda = cda;
}

/* Write the I/O region: ORB word 1 from @orb, @fctl in the SCSW. */
static ssize_t start(struct v_vmm *v, const struct cmd_orb *orb, u8 fctl)
{
	struct ccw_io_region region;
	union scsw scsw;
	ssize_t n;

	memset(&region, 0, sizeof(region));
	memset(&scsw, 0, sizeof(scsw));
	scsw.cmd.fctl = fctl;
	memcpy(region.orb_area, orb, sizeof(region.orb_area));
	memcpy(region.scsw_area, &scsw, sizeof(region.scsw_area));
	/* -EAGAIN: the driver holds the region (it is busy with an
	 * interrupt); a VMM tries again */
	for (int i = 0; i < 1000; i++) {
		n = pwrite(v->device, &region, sizeof(region), 0);
		if (n >= 0 || errno != EAGAIN)
			break;
		usleep(1000);
	}
	return n < 0 ? -errno : n;
}

static struct cmd_orb orb_of(u32 cpa, bool fmt1, bool c64, bool i2k)
{
	struct cmd_orb o;

	memset(&o, 0, sizeof(o));
	o.intparm = 0xfeed;
	o.fmt = fmt1;
	o.c64 = c64;
	o.i2k = i2k;
	o.lpm = 0x80;
	o.cpa = cpa;
	return o;
}

/* The next IRB: wait for the eventfd, read the whole region. */
static bool next_irb(struct v_vmm *v, struct irb *irb, int ms)
{
	struct ccw_io_region region;

	if (!v_wait_efd(v->io_efd, ms))
		return false;
	if (pread(v->device, &region, sizeof(region), 0) != sizeof(region))
		return false;
	memcpy(irb, region.irb_area, sizeof(*irb));
	return true;
}

static struct io run(struct v_vmm *v, struct cmd_orb orb)
{
	struct io r;

	memset(&r, 0, sizeof(r));
	r.n = start(v, &orb, SCSW_FCTL_START_FUNC);
	if (r.n == sizeof(struct ccw_io_region))
		r.irq = next_irb(v, &r.irb, 10000);
	return r;
}

static int async_cmd(struct v_vmm *v, u32 cmd)
{
	struct ccw_cmd_region region = { .command = cmd };
	ssize_t n = pwrite(v->device, &region, sizeof(region), 1 << 10);

	return n < 0 ? -errno : (n == sizeof(region) ? 0 : -EIO);
}

static bool good(const struct io *r)
{
	return r->n == sizeof(struct ccw_io_region) && r->irq &&
	       r->irb.scsw.cmd.dstat == (DEV_STAT_CHN_END | DEV_STAT_DEV_END) &&
	       !r->irb.scsw.cmd.cstat;
}

static void vmm_open(struct __test_metadata *_metadata, struct v_vmm *v,
		     const char *machine)
{
	ASSERT_EQ(0, v_machine(machine));
	ASSERT_EQ(0, v_vmm_open(v));
	v->io_efd = eventfd(0, EFD_NONBLOCK);
	ASSERT_LE(0, v->io_efd);
	ASSERT_EQ(0, v_set_trigger(v, VFIO_CCW_IO_IRQ_INDEX, v->io_efd));
}

/* Every ret_code the regions give, each for real. */
TEST(ret_codes)
{
	struct cmd_orb o;
	struct v_vmm v;
	struct io r;

	vmm_open(_metadata, &v, SLOWDEV);
	ccw(&v, CP, CCW_CMD_NOOP, 0, 0, 0);

	o = orb_of(CP, true, true, false);
	EXPECT_EQ(-EINVAL, start(&v, &o, 0));		/* no function */
	EXPECT_EQ(-EOPNOTSUPP, start(&v, &o, SCSW_FCTL_HALT_FUNC));
	EXPECT_EQ(-EOPNOTSUPP, start(&v, &o, SCSW_FCTL_CLEAR_FUNC));
	o = orb_of(CP + 4, true, true, false);		/* misaligned */
	EXPECT_EQ(-EINVAL, start(&v, &o, SCSW_FCTL_START_FUNC));
	o = orb_of(V_MEM_SIZE + 0x1000, true, true, false); /* unmapped */
	EXPECT_EQ(-EINVAL, start(&v, &o, SCSW_FCTL_START_FUNC));
	{
		union orb t;

		memset(&t, 0, sizeof(t));
		t.tm.b = 1;
		t.tm.lpm = 0x80;
		t.tm.tcw = CP;
		EXPECT_EQ(-EOPNOTSUPP, start(&v, &t.cmd, SCSW_FCTL_START_FUNC));
	}
	EXPECT_EQ(-EINVAL, async_cmd(&v, 4));
	EXPECT_EQ(0, um_vfio_pinned_pages());

	/* a program running (3 s): another start is -EBUSY */
	ccw(&v, CP, CCW_CMD_SENSE_ID, CCW_FLAG_SLI, 7, BUF);
	o = orb_of(CP, true, true, false);
	ASSERT_EQ(sizeof(struct ccw_io_region),
		  start(&v, &o, SCSW_FCTL_START_FUNC));
	EXPECT_LT(0, um_vfio_pinned_pages());
	EXPECT_EQ(-EBUSY, start(&v, &o, SCSW_FCTL_START_FUNC));
	/* clear it: 0, the clear status, nothing pinned */
	EXPECT_EQ(0, async_cmd(&v, VFIO_CCW_ASYNC_CMD_CSCH));
	ASSERT_TRUE(next_irb(&v, &r.irb, 10000));
	EXPECT_TRUE(r.irb.scsw.cmd.fctl & SCSW_FCTL_CLEAR_FUNC);
	EXPECT_EQ(0, um_vfio_pinned_pages());

	/* the device answers busy: the start is taken, its IRB says so */
	ASSERT_EQ(0, um_css_inject(0, UM_FAULT_BUSY, 0));
	r = run(&v, o);
	ASSERT_TRUE(r.irq);
	EXPECT_TRUE(r.irb.scsw.cmd.dstat & DEV_STAT_BUSY);
	EXPECT_EQ(0, um_vfio_pinned_pages());
	/*
	 * Gone: SSCH's cc 3 (-ENODEV: no path left), or -EIO once the
	 * css core's CRW handling made the FSM not operational.
	 */
	ASSERT_EQ(0, um_css_inject(0, UM_FAULT_NOT_OPER, 0));
	r.n = start(&v, &o, SCSW_FCTL_START_FUNC);
	EXPECT_TRUE(r.n == -ENODEV || r.n == -EIO) TH_LOG("start: %zd", r.n);
	EXPECT_EQ(0, um_vfio_pinned_pages());
	v_vmm_close(&v);
}

/*
 * A pattern written once, read back through each kind of channel
 * program the translation knows; each must bring back the same bytes.
 */
TEST(translation_matrix)
{
	const u32 len = 6000;	/* three pages' worth of blocks */
	u64 *idal2 = NULL;
	u32 *idal1 = NULL;
	struct v_vmm v;
	struct io r;
	u32 i;

	vmm_open(_metadata, &v, NULLDEV);
	for (i = 0; i < len; i++)
		v.mem[BUF + 0x10 + i] = i * 7 + 3;

	/* write (format 1, direct) */
	ccw(&v, CP, 0x01, 0, len, BUF + 0x10);
	r = run(&v, orb_of(CP, true, true, false));
	ASSERT_TRUE(good(&r));
	EXPECT_EQ(CP + 8, r.irb.scsw.cmd.cpa);

#define READ_BACK(what) do {						\
	if (!good(&r))							\
		TH_LOG("%s: n %zd irq %d cstat %#x", what, r.n, r.irq,	\
		       r.irb.scsw.cmd.cstat);				\
	ASSERT_TRUE(good(&r));						\
	if (memcmp(v.mem + BUF + 0x10, v.mem + BUF2 + 0x10, len))	\
		TH_LOG("%s: data differs", what);			\
	EXPECT_EQ(0, memcmp(v.mem + BUF + 0x10, v.mem + BUF2 + 0x10, len)); \
	EXPECT_EQ(0, um_vfio_pinned_pages());				\
	memset(v.mem + BUF2, 0, 0x4000);				\
} while (0)

	/* format-0, direct */
	memset(v.mem + BUF2, 0, 0x4000);
	ccw0(&v, CP, 0x02, 0, len, BUF2 + 0x10);
	r = run(&v, orb_of(CP, false, true, false));
	READ_BACK("format-0");

	/* data chaining: three pieces */
	ccw(&v, CP, 0x02, CCW_FLAG_DC, 100, BUF2 + 0x10);
	ccw(&v, CP + 8, 0x02, CCW_FLAG_DC, 4000, BUF2 + 0x10 + 100);
	ccw(&v, CP + 16, 0x02, 0, len - 4100, BUF2 + 0x10 + 4100);
	r = run(&v, orb_of(CP, true, true, false));
	READ_BACK("data chaining");

	/* format-2 IDAL, 4K blocks */
	idal2 = (u64 *)(v.mem + IDAL);
	idal2[0] = BUF2 + 0x10;
	idal2[1] = BUF2 + 0x1000;
	idal2[2] = BUF2 + 0x2000;
	ccw(&v, CP, 0x02, CCW_FLAG_IDA, len, IDAL);
	r = run(&v, orb_of(CP, true, true, false));
	READ_BACK("format-2 4K IDAL");

	/* format-2 IDAL, 2K blocks */
	for (i = 0; i < 4; i++)
		idal2[i] = i ? BUF2 + 0x800 * i : BUF2 + 0x10;
	r = run(&v, orb_of(CP, true, true, true));
	READ_BACK("format-2 2K IDAL");

	/* format-1 IDAL (2K blocks, 31-bit) */
	idal1 = (u32 *)(v.mem + IDAL);
	for (i = 0; i < 4; i++)
		idal1[i] = i ? BUF2 + 0x800 * i : BUF2 + 0x10;
	r = run(&v, orb_of(CP, true, false, false));
	READ_BACK("format-1 IDAL");

	/* a misaligned second IDAW: the channel's program check */
	idal2[0] = BUF2 + 0x10;
	idal2[1] = BUF2 + 0x1010;
	idal2[2] = BUF2 + 0x2000;
	r = run(&v, orb_of(CP, true, true, false));
	ASSERT_TRUE(r.irq);
	EXPECT_TRUE(r.irb.scsw.cmd.cstat & SCHN_STAT_PROG_CHECK);
	EXPECT_EQ(0, um_vfio_pinned_pages());
	v_vmm_close(&v);
}

/*
 * A TIC loop the program leaves through compare's status modifier
 * skipping the TIC (as a DASD search loop does).
 */
TEST(tic_segments)
{
	struct v_vmm v;
	struct io r;

	vmm_open(_metadata, &v, NULLDEV);
	v.mem[BUF] = 1;
	/* segment 1: NOOP, TIC to segment 2 */
	ccw(&v, CP, CCW_CMD_NOOP, CCW_FLAG_CC, 0, 0);
	ccw(&v, CP + 8, CCW_CMD_TIC, 0, 0, CP2);
	/* segment 2: compare (non-zero: skip the next CCW), TIC back to 1,
	 * then the end */
	ccw(&v, CP2, 0x31, CCW_FLAG_CC, 1, BUF);
	ccw(&v, CP2 + 8, CCW_CMD_TIC, 0, 0, CP);
	ccw(&v, CP2 + 16, CCW_CMD_NOOP, 0, 0, 0);
	r = run(&v, orb_of(CP, true, true, false));
	ASSERT_TRUE(good(&r)) TH_LOG("n %zd irq %d dstat %#x cstat %#x cpa %#x",
				     r.n, r.irq, r.irb.scsw.cmd.dstat,
				     r.irb.scsw.cmd.cstat, r.irb.scsw.cmd.cpa);
	EXPECT_EQ(CP2 + 24, r.irb.scsw.cmd.cpa);
	EXPECT_EQ(0, um_vfio_pinned_pages());

	/*
	 * After a skippable TIC, garbage the guest never runs (data at an
	 * unmapped address): the program still runs.
	 */
	ccw(&v, CP, CCW_CMD_NOOP, CCW_FLAG_CC, 0, 0);
	ccw(&v, CP + 8, CCW_CMD_TIC, 0, 0, CP2);
	ccw(&v, CP + 16, 0x02, CCW_FLAG_CC, 100, 0x7f000000);
	ccw(&v, CP2, CCW_CMD_NOOP, 0, 0, 0);
	r = run(&v, orb_of(CP, true, true, false));
	ASSERT_TRUE(good(&r));
	EXPECT_EQ(CP2 + 8, r.irb.scsw.cmd.cpa);
	EXPECT_EQ(0, um_vfio_pinned_pages());
	v_vmm_close(&v);
}

/* HSCH and CSCH of a running program. */
TEST(halt_clear_running)
{
	struct cmd_orb o = orb_of(CP, true, true, false);
	struct v_vmm v;
	struct irb irb;
	int k;

	vmm_open(_metadata, &v, SLOWDEV);
	ccw(&v, CP, 0x02, 0, 512, BUF);
	for (k = 0; k < 2; k++) {
		ASSERT_EQ(sizeof(struct ccw_io_region),
			  start(&v, &o, SCSW_FCTL_START_FUNC));
		EXPECT_LT(0, um_vfio_pinned_pages());
		EXPECT_EQ(0, async_cmd(&v, k ? VFIO_CCW_ASYNC_CMD_CSCH :
					   VFIO_CCW_ASYNC_CMD_HSCH));
		ASSERT_TRUE(next_irb(&v, &irb, 10000));
		EXPECT_TRUE(irb.scsw.cmd.fctl & (k ? SCSW_FCTL_CLEAR_FUNC :
						 SCSW_FCTL_HALT_FUNC));
		/* a guest address (in the program) or 0, never the host's */
		EXPECT_TRUE(irb.scsw.cmd.cpa == 0 ||
			    (irb.scsw.cmd.cpa >= CP &&
			     irb.scsw.cmd.cpa <= CP + 8));
		EXPECT_EQ(0, um_vfio_pinned_pages());
	}
	v_vmm_close(&v);
}

/* Two programs complete before the VMM reads: both IRBs, in order. */
TEST(two_completions)
{
	struct cmd_orb o;
	struct v_vmm v;
	struct irb irb;
	int i;

	vmm_open(_metadata, &v, NULLDEV);
	ccw(&v, CP, CCW_CMD_SENSE_ID, CCW_FLAG_SLI, 7, BUF);
	ccw(&v, CP2, CCW_CMD_NOOP, CCW_FLAG_CC, 0, 0);
	ccw(&v, CP2 + 8, CCW_CMD_SENSE_ID, CCW_FLAG_SLI, 7, BUF2);
	o = orb_of(CP, true, true, false);
	ASSERT_EQ(sizeof(struct ccw_io_region),
		  start(&v, &o, SCSW_FCTL_START_FUNC));
	/* the first one's IRB is in the region: the eventfd fired */
	ASSERT_TRUE(v_wait_efd(v.io_efd, 10000));
	/* the driver is idle again once its program is freed */
	for (i = 0; i < 1000 && um_vfio_pinned_pages(); i++)
		usleep(1000);
	o = orb_of(CP2, true, true, false);
	ASSERT_EQ(sizeof(struct ccw_io_region),
		  start(&v, &o, SCSW_FCTL_START_FUNC));
	/*
	 * It pinned its page before pwrite() returned; it is done once the
	 * driver unpinned it again (perhaps already).
	 */
	for (i = 0; i < 10000 && um_vfio_pinned_pages(); i++)
		usleep(1000);
	ASSERT_EQ(0, um_vfio_pinned_pages());

	/* read: the first; the eventfd fires again: the second */
	{
		struct ccw_io_region region;

		ASSERT_EQ(sizeof(region),
			  pread(v.device, &region, sizeof(region), 0));
		memcpy(&irb, region.irb_area, sizeof(irb));
		EXPECT_EQ(CP + 8, irb.scsw.cmd.cpa);
	}
	ASSERT_TRUE(next_irb(&v, &irb, 10000));
	EXPECT_EQ(CP2 + 16, irb.scsw.cmd.cpa);
	EXPECT_EQ(0xff, v.mem[BUF2]);
	EXPECT_FALSE(v_wait_efd(v.io_efd, 100));
	v_vmm_close(&v);
}

/* Close with a program running: quiesced, nothing pinned. */
TEST(close_in_flight)
{
	struct cmd_orb o = orb_of(CP, true, true, false);
	struct v_vmm v;

	vmm_open(_metadata, &v, SLOWDEV);
	ccw(&v, CP, 0x02, 0, 8192, BUF);
	ASSERT_EQ(sizeof(struct ccw_io_region),
		  start(&v, &o, SCSW_FCTL_START_FUNC));
	EXPECT_EQ(2, um_vfio_pinned_pages());
	EXPECT_EQ(0, close(v.device));
	v.device = -1;
	EXPECT_EQ(0, um_vfio_pinned_pages());
	v_vmm_close(&v);
}

static void *remove_mdev(void *arg)
{
	*(int *)arg = v_write(V_MDEV "/remove", "1");
	return NULL;
}

/* Remove the mdev with a program running: REQ, close, nothing pinned. */
TEST(remove_in_flight)
{
	struct cmd_orb o = orb_of(CP, true, true, false);
	struct v_vmm v;
	pthread_t t;
	int req, ret = -1;

	vmm_open(_metadata, &v, SLOWDEV);
	req = eventfd(0, EFD_NONBLOCK);
	ASSERT_EQ(0, v_set_trigger(&v, VFIO_CCW_REQ_IRQ_INDEX, req));
	ccw(&v, CP, 0x02, 0, 4096, BUF);
	ASSERT_EQ(sizeof(struct ccw_io_region),
		  start(&v, &o, SCSW_FCTL_START_FUNC));
	EXPECT_LT(0, um_vfio_pinned_pages());
	ASSERT_EQ(0, pthread_create(&t, NULL, remove_mdev, &ret));
	EXPECT_TRUE(v_wait_efd(req, 10000));
	EXPECT_EQ(0, close(v.device));
	v.device = -1;
	pthread_join(t, NULL);
	EXPECT_LT(0, ret);
	EXPECT_EQ(0, um_vfio_pinned_pages());
	close(req);
	v_vmm_close(&v);
}

/* A channel path varied off and on: two CRWs, the eventfd for each. */
TEST(crw_path_events)
{
	struct ccw_crw_region c;
	struct v_vmm v;
	struct crw crw;
	int efd;

	vmm_open(_metadata, &v, NULLDEV);
	efd = eventfd(0, EFD_NONBLOCK);
	ASSERT_EQ(0, v_set_trigger(&v, VFIO_CCW_CRW_IRQ_INDEX, efd));
	ASSERT_EQ(0, um_css_vary_chpid(0x80, false));
	ASSERT_TRUE(v_wait_efd(efd, 10000));
	ASSERT_EQ(sizeof(c), pread(v.device, &c, sizeof(c), 3 << 10));
	memcpy(&crw, &c.crw, sizeof(crw));
	EXPECT_EQ(CRW_RSC_CPATH, (int)crw.rsc);
	EXPECT_EQ(CRW_ERC_PERRN, (int)crw.erc);
	EXPECT_EQ(0x80, (int)crw.rsid);
	ASSERT_EQ(0, um_css_vary_chpid(0x80, true));
	ASSERT_TRUE(v_wait_efd(efd, 10000));
	ASSERT_EQ(sizeof(c), pread(v.device, &c, sizeof(c), 3 << 10));
	memcpy(&crw, &c.crw, sizeof(crw));
	EXPECT_EQ(CRW_RSC_CPATH, (int)crw.rsc);
	EXPECT_EQ(CRW_ERC_INIT, (int)crw.erc);
	EXPECT_EQ(0x80, (int)crw.rsid);
	/* nothing more: zeroes */
	ASSERT_EQ(sizeof(c), pread(v.device, &c, sizeof(c), 3 << 10));
	EXPECT_EQ(0, c.crw);
	close(efd);
	v_vmm_close(&v);
}

/* xorshift: the same pseudo-random sequence on every run */
static u32 rnd(u32 *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/*
 * Random region writes (a fixed seed): random channel programs (some
 * addresses unmapped, loops, every IDAW kind, random flags), random ORB
 * and SCSW words, random async commands.  Every write gives the byte
 * count or a documented errno; a program that does not end is cleared;
 * once the IRBs are read nothing is pinned; at the end, after close,
 * nothing is.
 */
TEST(random_region_writes)
{
	static const u8 cmds[] = { 0x01, 0x02, 0x03, 0x04, 0x08, 0x18, 0x31,
				   0xe4, 0x00, 0x5a };
	int started = 0, checks = 0, cleared = 0, refused[128] = { 0 };
	u32 seed = 0x12345678, w[3];
	struct ccw_io_region region;
	struct v_vmm v;
	struct irb irb;
	int it, i, k;
	ssize_t n;

	vmm_open(_metadata, &v, "chpid 80\nccw 0.0.0100 null latency=1ms\n");
	for (it = 0; it < 600; it++) {
		/* a program of 1-8 CCWs; data and IDALs in the first 64 KiB
		 * or, now and then, beyond the mapping */
		for (i = 0; i < 8; i++) {
			u32 addr = rnd(&seed) % 0x10000;
			u8 flags = rnd(&seed) & 0xfc;

			if (!(rnd(&seed) % 16))
				addr += V_MEM_SIZE;
			if (i == 7 || !(rnd(&seed) % 3))
				flags &= ~(CCW_FLAG_CC | CCW_FLAG_DC);
			ccw(&v, CP + 8 * i, cmds[rnd(&seed) % sizeof(cmds)],
			    flags, rnd(&seed) % 0x2000, addr & ~7u);
		}
		for (i = 0; i < 64; i++)
			((u32 *)(v.mem + IDAL))[i] = rnd(&seed) % 0x10000;
		memset(&region, 0, sizeof(region));
		w[0] = rnd(&seed);
		w[1] = rnd(&seed);
		w[2] = rnd(&seed) % 8 ? CP : rnd(&seed);
		memcpy(region.orb_area, w, sizeof(w));
		{
			union orb o;

			/* random controls; the path is the installed one */
			memcpy(&o, region.orb_area, sizeof(region.orb_area));
			o.cmd.lpm = 0x80;
			if (rnd(&seed) % 8)
				o.cmd.res2 = 0;	/* command mode mostly */
			memcpy(region.orb_area, &o, sizeof(region.orb_area));
		}
		{
			union scsw scsw;

			memset(&scsw, 0, sizeof(scsw));
			scsw.cmd.fctl = rnd(&seed) % 4 ? SCSW_FCTL_START_FUNC :
						       rnd(&seed) & 7;
			memcpy(region.scsw_area, &scsw, sizeof(scsw));
		}
		n = pwrite(v.device, &region, sizeof(region), 0);
		if (n < 0)
			n = -errno;
		EXPECT_TRUE(n == sizeof(region) || n == -EINVAL ||
			    n == -EFAULT || n == -EOPNOTSUPP ||
			    n == -EBUSY || n == -EAGAIN || n == -EACCES ||
			    n == -ENODEV) TH_LOG("iteration %d: %zd", it, n);
		if (n == sizeof(region))
			started++;
		else
			refused[-n < 128 ? -n : 0]++;
		if (rnd(&seed) % 8 == 0)
			async_cmd(&v, rnd(&seed) % 4);
		/* the status, or clear what does not end */
		if (n == sizeof(region) && !next_irb(&v, &irb, 200)) {
			EXPECT_EQ(0, async_cmd(&v, VFIO_CCW_ASYNC_CMD_CSCH));
			EXPECT_TRUE(next_irb(&v, &irb, 5000));
			cleared++;
		} else if (n == sizeof(region) && irb.scsw.cmd.cstat) {
			checks++;
		}
		while (next_irb(&v, &irb, 20))
			;
		for (k = 0; k < 1000 && um_vfio_pinned_pages(); k++)
			usleep(1000);
		EXPECT_EQ(0, um_vfio_pinned_pages()) TH_LOG("iteration %d", it);
	}
	TH_LOG("%d started (%d with a channel check, %d cleared); refused: EINVAL %d, EFAULT %d, EOPNOTSUPP %d, EBUSY %d, EAGAIN %d, ENODEV %d",
	       started, checks, cleared, refused[EINVAL], refused[EFAULT],
	       refused[EOPNOTSUPP], refused[EBUSY], refused[EAGAIN],
	       refused[ENODEV]);
	/* the mix is what the seed gives: both sides must be exercised */
	EXPECT_LT(100, started);
	EXPECT_LT(50, refused[EINVAL]);
	EXPECT_EQ(0, close(v.device));
	v.device = -1;
	EXPECT_EQ(0, um_vfio_pinned_pages());
	v_vmm_close(&v);
}

/* --- a 3390 on a dasdinit image ---------------------------------- */

#define TRK_SLOT	56832	/* bytes per track in a -linux 3390 image */
#define HEADS		15
#define DASD_DATA	0x20000	/* record r: 2K here, 2K in the next area */
#define DASD_DATA2	0x40000
#define DASD_IN		0x60000	/* read back: same scatter, other pages */
#define DASD_IN2	0x80000

static char dasd_dir[64];

/* "file=PATH" of a fresh dasdinit -linux image of @cyls, or NULL */
static const char *dasd_image(int cyls)
{
	static char path[128];
	char cmd[256];

	strcpy(dasd_dir, "/tmp/vfio-ccw-dasd.XXXXXX");
	if (!mkdtemp(dasd_dir))
		return NULL;
	snprintf(path, sizeof(path), "%s/d.3390", dasd_dir);
	snprintf(cmd, sizeof(cmd),
		 "dasdinit -linux %s 3390 VOL001 %d >/dev/null 2>&1", path,
		 cyls);
	return system(cmd) ? NULL : path;
}

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* record @r of track @trk read straight from the image's CKD track */
static int image_record(const char *path, int trk, int r, u8 *data, u32 *dl)
{
	static u8 slot[TRK_SLOT];
	u32 off = 5;		/* past the track header (HA) */
	int fd = open(path, O_RDONLY), ret = -1;

	if (fd < 0)
		return -1;
	if (pread(fd, slot, TRK_SLOT, 512 + (off_t)trk * TRK_SLOT) != TRK_SLOT)
		goto out;
	while (off + 8 <= TRK_SLOT) {
		u8 *c = slot + off;	/* count: CC HH R KL DL */
		u32 kl = c[5], len = c[6] << 8 | c[7];

		if (!memcmp(c, "\xff\xff\xff\xff\xff\xff\xff\xff", 8))
			break;
		if (off + 8 + kl + len > TRK_SLOT)
			break;
		if (c[4] == r) {
			memcpy(data, c + 8 + kl, len);
			*dl = len;
			ret = 0;
			break;
		}
		off += 8 + kl + len;
	}
out:
	close(fd);
	return ret;
}

/*
 * DE + LR + @n 4 KiB records from record @rec of track @trk; record i's
 * data is 2K at @a + i*0x4000 + 0x800 and 2K at @b + i*0x4000, through a
 * format-2 IDAL of two IDAWs, so each record is split across two pages
 * that are not adjacent.
 */
static void dasd_prog(struct v_vmm *v, bool write, int trk, u8 rec, int n,
		      u32 a, u32 b)
{
	u8 *de = v->mem + 0x3000, *lr = v->mem + 0x3010;
	u64 *idal = (u64 *)(v->mem + 0x3100);
	int i;

	memset(de, 0, 32);
	de[0] = (write ? 2 : 1) << 6;		/* write / read only */
	put16(de + 8, trk / HEADS);
	put16(de + 10, trk % HEADS);
	put16(de + 12, trk / HEADS);
	put16(de + 14, trk % HEADS);
	lr[0] = write ? 0x01 : 0x06;		/* write data / read data */
	lr[3] = n;
	put16(lr + 4, trk / HEADS);
	put16(lr + 6, trk % HEADS);
	put16(lr + 8, trk / HEADS);
	put16(lr + 10, trk % HEADS);
	lr[12] = rec;
	put16(lr + 14, 4096);
	ccw(v, CP, 0x63, CCW_FLAG_CC, 16, 0x3000);
	ccw(v, CP + 8, 0x47, CCW_FLAG_CC, 16, 0x3010);
	for (i = 0; i < n; i++) {
		idal[2 * i] = a + i * 0x4000 + 0x800;
		idal[2 * i + 1] = b + i * 0x4000;
		ccw(v, CP + 16 + 8 * i, write ? 0x85 : 0x86,
		    CCW_FLAG_IDA | (i < n - 1 ? CCW_FLAG_CC : 0), 4096,
		    0x3100 + 16 * i);
	}
}

static u8 dasd_byte(int r, int i)
{
	return (u8)(i * 13 + r * 101 + 7);
}

/* the byte of record @r at offset @i in guest memory (see dasd_prog) */
static u8 *dasd_at(struct v_vmm *v, u32 a, u32 b, int r, int i)
{
	return i < 2048 ? v->mem + a + r * 0x4000 + 0x800 + i :
			  v->mem + b + r * 0x4000 + i - 2048;
}

TEST(dasd_image_through_regions)
{
	const char *path = dasd_image(3);
	char machine[256], err[64];
	u8 check[4096];
	struct v_vmm v;
	struct io r;
	int rec, i, bad;
	u32 dl;

	if (!path)
		SKIP(return, "dasdinit (package hercules) missing");
	snprintf(machine, sizeof(machine),
		 "chpid 80\nccw 0.0.0100 3390 file=%s\n", path);
	vmm_open(_metadata, &v, machine);

	/* three records, 4..6 of track 17 (cylinder 1 head 2) */
	for (rec = 0; rec < 3; rec++)
		for (i = 0; i < 4096; i++)
			*dasd_at(&v, DASD_DATA, DASD_DATA2, rec, i) =
				dasd_byte(rec, i);
	dasd_prog(&v, true, 17, 4, 3, DASD_DATA, DASD_DATA2);
	r = run(&v, orb_of(CP, true, true, false));
	ASSERT_TRUE(good(&r)) TH_LOG("write: n %zd dstat %02x cstat %02x",
				     r.n, r.irb.scsw.cmd.dstat,
				     r.irb.scsw.cmd.cstat);
	EXPECT_EQ(0, um_vfio_pinned_pages());

	/* read back through the regions into other pages */
	memset(v.mem + DASD_IN, 0xaa, 0x10000);
	memset(v.mem + DASD_IN2, 0xaa, 0x10000);
	dasd_prog(&v, false, 17, 4, 3, DASD_IN, DASD_IN2);
	r = run(&v, orb_of(CP, true, true, false));
	ASSERT_TRUE(good(&r)) TH_LOG("read: n %zd dstat %02x cstat %02x",
				     r.n, r.irb.scsw.cmd.dstat,
				     r.irb.scsw.cmd.cstat);
	for (rec = 0; rec < 3; rec++) {
		for (bad = i = 0; i < 4096; i++)
			bad += *dasd_at(&v, DASD_IN, DASD_IN2, rec, i) !=
			       dasd_byte(rec, i);
		EXPECT_EQ(0, bad) TH_LOG("record %d", 4 + rec);
	}
	/* the 2K before each record's first IDAW was not written */
	EXPECT_EQ(0xaa, v.mem[DASD_IN + 0x7ff]);
	EXPECT_EQ(0xaa, v.mem[DASD_IN2 + 0x800]);

	/* the image file itself, parsed as a CKD track */
	for (rec = 0; rec < 3; rec++) {
		snprintf(err, sizeof(err), "record %d", 4 + rec);
		ASSERT_EQ(0, image_record(path, 17, 4 + rec, check, &dl))
			TH_LOG("%s", err);
		EXPECT_EQ(4096, dl);
		for (bad = i = 0; i < 4096; i++)
			bad += check[i] != dasd_byte(rec, i);
		EXPECT_EQ(0, bad) TH_LOG("%s", err);
	}
	/* the neighbours keep dasdinit's zeros */
	ASSERT_EQ(0, image_record(path, 17, 3, check, &dl));
	for (i = 0; i < 4096 && !check[i]; i++)
		;
	EXPECT_EQ(4096, i);
	ASSERT_EQ(0, image_record(path, 17, 7, check, &dl));
	for (i = 0; i < 4096 && !check[i]; i++)
		;
	EXPECT_EQ(4096, i);

	/* a write outside the extent the program defines: a unit check */
	dasd_prog(&v, true, 17, 4, 1, DASD_DATA, DASD_DATA2);
	v.mem[0x3000 + 15] = 2;		/* extent ends at head 2 ... */
	v.mem[0x3000 + 11] = 2;		/* ... and begins there */
	v.mem[0x3010 + 7] = 3;		/* LR seeks head 3 */
	v.mem[0x3010 + 11] = 3;
	r = run(&v, orb_of(CP, true, true, false));
	ASSERT_TRUE(r.irq);
	EXPECT_TRUE(r.irb.scsw.cmd.dstat & DEV_STAT_UNIT_CHECK);
	EXPECT_EQ(0, um_vfio_pinned_pages());
	ASSERT_EQ(0, image_record(path, 18, 4, check, &dl));
	for (i = 0; i < 4096 && !check[i]; i++)
		;
	EXPECT_EQ(4096, i);
	v_vmm_close(&v);
	unlink(path);
	rmdir(dasd_dir);
}

TEST_HARNESS_MAIN

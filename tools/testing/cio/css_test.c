// SPDX-License-Identifier: GPL-2.0
/*
 * The channel-program semantics matrix and the instructions' condition
 * codes, through the cio interface: every check of the channel fires
 * here at least once.  Each test runs in its own process (the harness
 * forks), with its own machine of null devices.
 */
#include "kselftest_harness.h"

#include <linux/slab.h>
#include <um/bug.h>

#include "cio_util.h"

/* channel storage for a test: CCWs at the start, data after 4K */
struct area {
	struct ccw1 *ccw;
	u8 *data;
};

static struct area t_area(void)
{
	u8 *p = um_css_dma_alloc(64 * 1024, false);

	return (struct area){ .ccw = (struct ccw1 *)p, .data = p + 4096 };
}

/* run a program on subchannel 0 and return its final IRB */
static int run(struct area *a, const struct t_orb *o, struct irb *irb)
{
	int cc = t_start(0, a->ccw, o);

	if (cc)
		return -100 - cc;
	return t_wait_irb(0, irb, 5000) ? 0 : -1;
}

#define SCSW_OF(irb)	((irb).scsw.cmd)

TEST(nop_and_data)
{
	struct area a;
	struct irb irb;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	memcpy(a.data, "channel program!", 16);
	/* write 16 bytes, read them back elsewhere, then a NOP */
	t_ccw(&a.ccw[0], 0x01, CCW_FLAG_CC, 16, a.data);
	t_ccw(&a.ccw[1], 0x02, CCW_FLAG_CC, 16, a.data + 64);
	t_ccw(&a.ccw[2], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(T_CEDE, (u32)SCSW_OF(irb).dstat);
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(T_PRIM, (u32)SCSW_OF(irb).stctl);
	EXPECT_EQ(SCSW_FCTL_START_FUNC, (u32)SCSW_OF(irb).fctl);
	EXPECT_EQ(um_css_addr(&a.ccw[3]), (u32)SCSW_OF(irb).cpa);
	EXPECT_EQ(0, (u32)SCSW_OF(irb).count);
	EXPECT_EQ(0, memcmp(a.data + 64, "channel program!", 16));
	EXPECT_EQ(1, (u32)irb.esw.esw0.erw.cons == 0);
}

TEST(incorrect_length_and_sli)
{
	struct area a;
	struct irb irb;

	ASSERT_EQ(0, t_machine(1, 0, 16, 1));	/* device moves 16 bytes */
	a = t_area();
	t_ccw(&a.ccw[0], 0x02, 0, 40, a.data);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(SCHN_STAT_INCORR_LEN, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(24, (u32)SCSW_OF(irb).count);	/* residual */
	/* SLI suppresses it */
	t_ccw(&a.ccw[0], 0x02, CCW_FLAG_SLI, 40, a.data);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(24, (u32)SCSW_OF(irb).count);
	/* incorrect length ends command chaining */
	t_ccw(&a.ccw[0], 0x02, CCW_FLAG_CC, 40, a.data);
	t_ccw(&a.ccw[1], 0x00, 0, 8, a.data);	/* never fetched */
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(SCHN_STAT_INCORR_LEN, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(um_css_addr(&a.ccw[1]), (u32)SCSW_OF(irb).cpa);
	/* the device wanting more than the count: IL too */
	t_ccw(&a.ccw[0], 0x02, 0, 8, a.data);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(SCHN_STAT_INCORR_LEN, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(0, (u32)SCSW_OF(irb).count);
}

/* one program check case: program @n CCWs, expect PROG_CHECK */
static int prog_check(struct area *a, const struct t_orb *o)
{
	struct irb irb = { };

	if (run(a, o, &irb))
		return -1;
	if ((u32)SCSW_OF(irb).cstat != SCHN_STAT_PROG_CHECK)
		return (u32)SCSW_OF(irb).cstat | 0x1000;
	if (!((u32)SCSW_OF(irb).stctl & SCSW_STCTL_ALERT_STATUS))
		return -2;
	return 0;
}

TEST(ccw_address_checks)
{
	struct t_orb o = { };
	struct irb irb;
	struct area a;
	u8 *heap;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	/* misaligned CCW address */
	ASSERT_EQ(0, t_start(0, (u8 *)a.ccw + 4, &o));
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(SCHN_STAT_PROG_CHECK, (u32)SCSW_OF(irb).cstat);
	/* zero CCW address */
	ASSERT_EQ(0, t_start(0, NULL, &o));
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(SCHN_STAT_PROG_CHECK, (u32)SCSW_OF(irb).cstat);
	/* storage the channel does not have: never touched */
	heap = um_css_dma_alloc(4096, false);
	um_css_dma_free(heap);
	ASSERT_EQ(0, t_start(0, (u8 *)a.ccw + 64 * 1024 * 1024, &o));
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(SCHN_STAT_PROG_CHECK, (u32)SCSW_OF(irb).cstat);
	/* data address outside the channel's storage */
	a.ccw[0].cmd_code = 0x02;
	a.ccw[0].count = 8;
	a.ccw[0].cda = 0x7ffffff8;
	EXPECT_EQ(0, prog_check(&a, NULL));
	/* 31-bit: a data address with bit 0 set */
	a.ccw[0].cda = 0x80000000 | um_css_addr(a.data);
	EXPECT_EQ(0, prog_check(&a, NULL));
}

TEST(invalid_commands_and_flags)
{
	struct t_orb spnd = { .spnd = true };
	struct area a;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	/* low nibble zero */
	t_ccw(&a.ccw[0], 0x00, 0, 8, a.data);
	EXPECT_EQ(0, prog_check(&a, NULL));
	t_ccw(&a.ccw[0], 0x10, 0, 8, a.data);
	EXPECT_EQ(0, prog_check(&a, NULL));
	/* MIDA without the ORB's MIDAW mode */
	t_ccw(&a.ccw[0], 0x02, 0x01, 8, a.data);
	EXPECT_EQ(0, prog_check(&a, NULL));
	/* S flag without the ORB's suspend control */
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_SUSPEND | CCW_FLAG_SLI, 0,
	      NULL);
	EXPECT_EQ(0, prog_check(&a, NULL));
	(void)spnd;
	/* SKIP on a write */
	t_ccw(&a.ccw[0], 0x01, CCW_FLAG_SKIP, 8, a.data);
	EXPECT_EQ(0, prog_check(&a, NULL));
	/* format-1 data chaining with count 0 */
	t_ccw(&a.ccw[0], 0x02, CCW_FLAG_DC, 0, a.data);
	t_ccw(&a.ccw[1], 0x02, 0, 8, a.data);
	EXPECT_EQ(0, prog_check(&a, NULL));
}

TEST(tic_rules)
{
	struct area a;
	struct irb irb;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	/* a valid TIC */
	t_ccw(&a.ccw[0], CCW_CMD_TIC, 0, 0, &a.ccw[4]);
	t_ccw(&a.ccw[4], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(um_css_addr(&a.ccw[5]), (u32)SCSW_OF(irb).cpa);
	/* TIC to TIC */
	t_ccw(&a.ccw[0], CCW_CMD_TIC, 0, 0, &a.ccw[2]);
	t_ccw(&a.ccw[2], CCW_CMD_TIC, 0, 0, &a.ccw[4]);
	EXPECT_EQ(0, prog_check(&a, NULL));
	/* TIC with flags, with a count, with a high nibble, misaligned */
	t_ccw(&a.ccw[0], CCW_CMD_TIC, CCW_FLAG_CC, 0, &a.ccw[4]);
	EXPECT_EQ(0, prog_check(&a, NULL));
	t_ccw(&a.ccw[0], CCW_CMD_TIC, 0, 8, &a.ccw[4]);
	EXPECT_EQ(0, prog_check(&a, NULL));
	t_ccw(&a.ccw[0], 0x18, 0, 0, &a.ccw[4]);
	EXPECT_EQ(0, prog_check(&a, NULL));
	t_ccw(&a.ccw[0], CCW_CMD_TIC, 0, 0, (u8 *)&a.ccw[4] + 4);
	EXPECT_EQ(0, prog_check(&a, NULL));
}

TEST(format0)
{
	struct t_orb o = { .fmt0 = true };
	struct ccw0 *c;
	struct irb irb;
	u8 *low;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	low = um_css_dma_alloc(8192, true);
	if (!low)
		SKIP(return, "no 24-bit storage on this host");
	c = (struct ccw0 *)low;
	memset(low + 4096, 0x5a, 16);
	c[0].cmd_code = 0x01;
	c[0].cda = um_css_addr(low + 4096);
	c[0].flags = CCW_FLAG_CC;
	c[0].count = 16;
	c[1].cmd_code = 0x02;
	c[1].cda = um_css_addr(low + 4096 + 16);
	c[1].count = 16;
	ASSERT_EQ(0, t_start(0, c, &o));
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(0x5a, low[4096 + 31]);
	/* format-0 count 0 is invalid */
	c[0].cmd_code = CCW_CMD_NOOP;
	c[0].count = 0;
	c[0].flags = 0;
	ASSERT_EQ(0, t_start(0, c, &o));
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(SCHN_STAT_PROG_CHECK, (u32)SCSW_OF(irb).cstat);
	/* a format-0 program above 16M: program check */
	{
		struct area a = t_area();

		memcpy(a.ccw, c, 8);
		ASSERT_EQ(0, t_start(0, a.ccw, &o));
		ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
		EXPECT_EQ(SCHN_STAT_PROG_CHECK, (u32)SCSW_OF(irb).cstat);
	}
}

TEST(data_chaining_and_skip)
{
	struct area a;
	struct irb irb;
	int i;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	for (i = 0; i < 24; i++)
		a.data[i] = i + 1;
	t_ccw(&a.ccw[0], 0x01, CCW_FLAG_CC, 24, a.data);
	/* read 24 bytes: 8 + (TIC) 16, data chained */
	t_ccw(&a.ccw[1], 0x02, CCW_FLAG_DC, 8, a.data + 100);
	t_ccw(&a.ccw[2], CCW_CMD_TIC, 0, 0, &a.ccw[6]);
	t_ccw(&a.ccw[6], 0x02, 0, 16, a.data + 200);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(8, a.data[107]);
	EXPECT_EQ(9, a.data[200]);
	EXPECT_EQ(24, a.data[215]);
	EXPECT_EQ(um_css_addr(&a.ccw[7]), (u32)SCSW_OF(irb).cpa);
	/* SKIP: the count goes down, memory stays */
	memset(a.data + 300, 0xee, 24);
	t_ccw(&a.ccw[0], 0x02, CCW_FLAG_SKIP | CCW_FLAG_DC, 8, a.data + 300);
	t_ccw(&a.ccw[1], 0x02, 0, 16, a.data + 308);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(0xee, a.data[300]);
	EXPECT_EQ(9, a.data[308]);
	/* data chaining past the device's end: IL even with SLI */
	t_ccw(&a.ccw[0], 0x02, CCW_FLAG_DC | CCW_FLAG_SLI, 24, a.data);
	t_ccw(&a.ccw[1], 0x02, CCW_FLAG_SLI, 8, a.data + 24);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);	/* 32 offered, 32 moved */
}

TEST(status_modifier_skips)
{
	struct area a;
	struct irb irb;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	a.data[0] = 1;
	/* compare gives status modifier: the invalid CCW is skipped */
	t_ccw(&a.ccw[0], 0x31, CCW_FLAG_CC, 1, a.data);
	t_ccw(&a.ccw[1], 0x00, 0, 0, NULL);
	t_ccw(&a.ccw[2], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(um_css_addr(&a.ccw[3]), (u32)SCSW_OF(irb).cpa);
	/* without status modifier the next CCW runs */
	a.data[0] = 0;
	EXPECT_EQ(0, prog_check(&a, NULL));
}

TEST(pci_intermediate)
{
	struct area a;
	struct irb irb;

	ASSERT_EQ(0, t_machine(1, 20 * 1000 * 1000, 0, 1));	/* 20 ms */
	a = t_area();
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_PCI | CCW_FLAG_CC |
	      CCW_FLAG_SLI, 0, NULL);
	t_ccw(&a.ccw[1], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	ASSERT_EQ(0, t_start(0, a.ccw, NULL));
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(SCHN_STAT_PCI, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(SCSW_STCTL_INTER_STATUS | SCSW_STCTL_STATUS_PEND,
		  (u32)SCSW_OF(irb).stctl);
	EXPECT_NE(0, (u32)SCSW_OF(irb).actl & SCSW_ACTL_SCHACT);
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(T_PRIM, (u32)SCSW_OF(irb).stctl);
	EXPECT_EQ(T_CEDE, (u32)SCSW_OF(irb).dstat);
}

/* IDAWs: 4 KiB read through two IDAWs of the chosen format/block */
static int idaw_run(struct area *a, bool c64, bool i2k, u32 second_off)
{
	u32 bs = c64 && !i2k ? 4096 : 2048;
	u8 *buf = a->data + 8192;
	struct t_orb o = { .c64 = c64, .i2k = i2k };
	struct irb irb;
	u32 *w = (u32 *)a->data;
	u64 *d = (u64 *)a->data;
	int i;

	for (i = 0; i < 4096; i++)
		a->data[4096 + i] = i * 7;
	/* write 4096 bytes (direct), read them through IDAWs */
	t_ccw(&a->ccw[0], 0x01, CCW_FLAG_CC, 4096, a->data + 4096);
	t_ccw(&a->ccw[1], 0x02, CCW_FLAG_IDA, 2 * bs, a->data);
	if (c64) {
		d[0] = um_css_addr(buf);
		d[1] = um_css_addr(buf + 16384) + second_off;
	} else {
		w[0] = um_css_addr(buf);
		w[1] = um_css_addr(buf + 16384) + second_off;
	}
	memset(buf, 0, 32768);
	if (run(a, &o, &irb))
		return -1;
	if ((u32)SCSW_OF(irb).cstat)
		return (u32)SCSW_OF(irb).cstat;
	for (i = 0; i < (int)(2 * bs) && i < 4096; i++)
		if ((i < (int)bs ? buf[i] : buf[16384 + i - bs]) !=
		    (u8)(i * 7))
			return -2;
	return 0;
}

TEST(idaws)
{
	struct area a;
	u32 *w;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	EXPECT_EQ(0, idaw_run(&a, false, false, 0));	/* format-1, 2K */
	EXPECT_EQ(0, idaw_run(&a, true, false, 0));	/* format-2, 4K */
	EXPECT_EQ(0, idaw_run(&a, true, true, 0));	/* format-2, 2K */
	/* a second IDAW not on a block boundary */
	EXPECT_EQ(SCHN_STAT_PROG_CHECK, idaw_run(&a, false, false, 8));
	EXPECT_EQ(SCHN_STAT_PROG_CHECK, idaw_run(&a, true, false, 2048));
	/* a format-1 IDAW with bit 0 set */
	w = (u32 *)a.data;
	t_ccw(&a.ccw[0], 0x02, CCW_FLAG_IDA, 16, a.data);
	w[0] = 0x80000000 | um_css_addr(a.data + 8192);
	EXPECT_EQ(0, prog_check(&a, NULL));
	/* IDAW list not aligned */
	t_ccw(&a.ccw[0], 0x02, CCW_FLAG_IDA, 16, a.data + 2);
	EXPECT_EQ(0, prog_check(&a, NULL));
}

TEST(suspend_resume)
{
	struct t_orb o = { .spnd = true };
	struct subchannel *sch;
	struct area a;
	struct irb irb;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	sch = um_cio_sch(0);
	a = t_area();
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_CC | CCW_FLAG_SLI, 0, NULL);
	t_ccw(&a.ccw[1], CCW_CMD_NOOP, CCW_FLAG_SUSPEND | CCW_FLAG_SLI, 0,
	      NULL);
	ASSERT_EQ(0, t_start(0, a.ccw, &o));
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(SCSW_STCTL_INTER_STATUS | SCSW_STCTL_STATUS_PEND,
		  (u32)SCSW_OF(irb).stctl);
	EXPECT_EQ(SCSW_ACTL_SUSPENDED, (u32)SCSW_OF(irb).actl);
	/* still suspended: a new start is refused (cc 2) */
	EXPECT_EQ(2, t_start(0, a.ccw, &o));
	/* the program clears the S flag and resumes */
	a.ccw[1].flags = CCW_FLAG_SLI;
	spin_lock(sch->lock);
	EXPECT_EQ(0, cio_resume(sch));
	spin_unlock(sch->lock);
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(T_PRIM, (u32)SCSW_OF(irb).stctl);
	EXPECT_EQ(um_css_addr(&a.ccw[2]), (u32)SCSW_OF(irb).cpa);
	/* RSCH on an idle subchannel: cc 2 -> -EINVAL */
	spin_lock(sch->lock);
	EXPECT_EQ(-EINVAL, cio_resume(sch));
	spin_unlock(sch->lock);
}

TEST(protection_check)
{
	struct t_orb o = { .key = 3 };
	struct area a;
	struct irb irb;
	u8 *page;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	page = um_css_dma_alloc(4096, false);
	ASSERT_EQ(0, um_css_set_key(page, 5, true));
	t_ccw(&a.ccw[0], 0x02, 0, 16, page);
	ASSERT_EQ(0, run(&a, &o, &irb));
	EXPECT_EQ(SCHN_STAT_PROT_CHECK, (u32)SCSW_OF(irb).cstat);
	EXPECT_NE(0, (u32)SCSW_OF(irb).stctl & SCSW_STCTL_ALERT_STATUS);
	/* the matching key may store */
	o.key = 5;
	ASSERT_EQ(0, run(&a, &o, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
	/* key 0 may do anything */
	o.key = 0;
	a.ccw[0].flags = CCW_FLAG_SLI;
	ASSERT_EQ(0, run(&a, &o, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
}

TEST(channel_data_and_chaining_checks)
{
	struct area a;
	struct irb irb;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_CC | CCW_FLAG_SLI, 0, NULL);
	t_ccw(&a.ccw[1], 0x02, CCW_FLAG_DC, 8, a.data);
	t_ccw(&a.ccw[2], 0x02, 0, 8, a.data + 8);
	ASSERT_EQ(0, um_css_inject(0, UM_FAULT_DATA_CHECK, 1));
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(SCHN_STAT_CHN_DATA_CHK, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(um_css_addr(&a.ccw[2]), (u32)SCSW_OF(irb).cpa);
	ASSERT_EQ(0, um_css_inject(0, UM_FAULT_CHAIN_CHECK, 1));
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(SCHN_STAT_CHAIN_CHECK, (u32)SCSW_OF(irb).cstat);
	EXPECT_NE(0, (u32)SCSW_OF(irb).stctl & SCSW_STCTL_ALERT_STATUS);
	/* faults are one-shot */
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
}

TEST(unit_check_concurrent_sense)
{
	struct area a;
	struct irb irb;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	a = t_area();
	t_ccw(&a.ccw[0], 0x77, CCW_FLAG_CC, 8, a.data);
	t_ccw(&a.ccw[1], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(T_CEDE | DEV_STAT_UNIT_CHECK, (u32)SCSW_OF(irb).dstat);
	EXPECT_EQ(1, (u32)SCSW_OF(irb).ectl);
	EXPECT_EQ(1, (u32)SCSW_OF(irb).eswf);
	EXPECT_EQ(1, (u32)irb.esw.esw0.erw.cons);
	EXPECT_EQ(32, (u32)irb.esw.esw0.erw.scnt);
	EXPECT_EQ(SNS0_CMD_REJECT, irb.ecw[0]);
	EXPECT_EQ(um_css_addr(&a.ccw[1]), (u32)SCSW_OF(irb).cpa);
	EXPECT_NE(0, (u32)SCSW_OF(irb).stctl & SCSW_STCTL_ALERT_STATUS);
	/* the path the program used */
	EXPECT_EQ(0x80, (u32)irb.esw.esw0.sublog.lpum);
}

TEST(instruction_condition_codes)
{
	struct subchannel_id bad;
	struct subchannel *sch;
	struct schib schib;
	struct area a;
	struct irb irb;
	struct crw crw;
	u32 buf[32];

	ASSERT_EQ(0, t_machine(2, 300 * 1000 * 1000, 0, 1));	/* 300 ms */
	sch = um_cio_sch(0);
	a = t_area();
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	/* STSCH: cc 0, then cc 3 beyond the last subchannel */
	EXPECT_EQ(0, um_css_stsch(sch->schid, &schib));
	EXPECT_EQ(0x100, (u32)schib.pmcw.dev);
	EXPECT_EQ(1, (u32)schib.pmcw.dnv);
	EXPECT_EQ(1, (u32)schib.pmcw.ena);
	EXPECT_EQ(0xc0, (u32)schib.pmcw.pim);
	EXPECT_EQ(0x40, (u32)schib.pmcw.chpid[0]);
	EXPECT_EQ(0x1000, (u32)schib.pmcw.intparm);
	bad = sch->schid;
	bad.sch_no = 2;
	EXPECT_EQ(3, um_css_stsch(bad, &schib));
	/* operand and specification exceptions */
	bad.one = 0;
	EXPECT_EQ(-UM_PGM_OPERAND, um_css_stsch(bad, &schib));
	EXPECT_EQ(-UM_PGM_SPECIFICATION,
		  um_css_stsch(sch->schid, (struct schib *)((u8 *)buf + 2)));
	/* TSCH with nothing pending: cc 1 */
	EXPECT_EQ(1, um_css_tsch(sch->schid, &irb));
	/* SSCH: cc 0, then cc 2 while it runs; MSCH cc 2; XSCH cc 2 */
	ASSERT_EQ(0, t_start(0, a.ccw, NULL));
	EXPECT_EQ(2, t_start(0, a.ccw, NULL));
	EXPECT_EQ(0, um_css_stsch(sch->schid, &schib));
	EXPECT_EQ(2, um_css_msch(sch->schid, &schib));
	ASSERT_TRUE(t_wait_running(0, 5000));
	EXPECT_EQ(2, um_css_xsch(sch->schid));
	/* a start waiting for the (only) channel thread can be cancelled */
	ASSERT_EQ(0, t_start(1, a.ccw, NULL));
	spin_lock(um_cio_sch(1)->lock);
	EXPECT_EQ(0, cio_cancel(um_cio_sch(1)));
	spin_unlock(um_cio_sch(1)->lock);
	EXPECT_EQ(0, (u32)um_cio_sch(1)->schib.scsw.cmd.fctl);
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(T_PRIM, (u32)SCSW_OF(irb).stctl);
	/* disabled: SSCH cc 3 */
	spin_lock(sch->lock);
	EXPECT_EQ(0, cio_disable_subchannel(sch));
	spin_unlock(sch->lock);
	EXPECT_EQ(3, t_start(0, a.ccw, NULL));
	spin_lock(sch->lock);
	EXPECT_EQ(0, cio_enable_subchannel(sch, 0x1000));
	spin_unlock(sch->lock);
	/* MSCH with reserved PMCW bits: operand exception */
	EXPECT_EQ(0, um_css_stsch(sch->schid, &schib));
	schib.pmcw.w = 1;
	EXPECT_EQ(-UM_PGM_OPERAND, um_css_msch(sch->schid, &schib));
	/* STCRW with nothing pending: cc 1, zeros */
	memset(&crw, 0xff, sizeof(crw));
	EXPECT_EQ(1, um_css_stcrw(&crw));
	EXPECT_EQ(0, (u32)crw.rsid);
	/* ORB with reserved bits */
	{
		union orb orb = { };

		orb.cmd.cpa = um_css_addr(a.ccw);
		orb.cmd.fmt = 1;
		orb.cmd.lpm = 0xff;
		orb.cmd.orbx = 1;
		EXPECT_EQ(-UM_PGM_OPERAND, um_css_ssch(sch->schid, &orb));
	}
}

TEST(status_pending_blocks_start)
{
	struct subchannel *sch;
	struct area a;
	struct irb irb;
	union orb orb = { };

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	sch = um_cio_sch(0);
	/* ISC 7, which no driver enabled: status stays pending */
	ASSERT_EQ(0, um_css_unbind(sch));
	sch->isc = 7;
	ASSERT_EQ(0, cio_enable_subchannel(sch, 7));
	a = t_area();
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	orb.cmd.fmt = 1;
	orb.cmd.lpm = 0xff;
	orb.cmd.cpa = um_css_addr(a.ccw);
	ASSERT_EQ(0, um_css_ssch(sch->schid, &orb));
	ASSERT_TRUE(t_wait_scsw(0, 0, SCSW_STCTL_STATUS_PEND, 5000));
	EXPECT_EQ(1, um_css_ssch(sch->schid, &orb));
	EXPECT_EQ(1, um_css_hsch(sch->schid));
	EXPECT_EQ(1, um_css_xsch(sch->schid));
	/* TPI takes the interruption request; the status stays pending */
	{
		struct tpi_info tpi_info;

		EXPECT_EQ(1, tpi(&tpi_info));
		EXPECT_EQ(0, (u32)tpi_info.schid.sch_no);
		EXPECT_EQ(7, tpi_info.intparm);
		EXPECT_EQ(0, tpi(&tpi_info));
		EXPECT_EQ(1, um_css_ssch(sch->schid, &orb));
	}
	EXPECT_EQ(0, um_css_tsch(sch->schid, &irb));
	EXPECT_EQ(T_PRIM, (u32)SCSW_OF(irb).stctl);
	/* TSCH cleared it: idle, start allowed again */
	EXPECT_EQ(1, um_css_tsch(sch->schid, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).fctl);
	EXPECT_EQ(0, um_css_ssch(sch->schid, &orb));
}

TEST(halt_running_program)
{
	struct subchannel *sch;
	struct area a;
	struct irb irb;
	u64 t0;

	ASSERT_EQ(0, t_machine(1, 2000ull * 1000 * 1000, 0, 1));	/* 2 s */
	sch = um_cio_sch(0);
	a = t_area();
	t_ccw(&a.ccw[0], 0x02, CCW_FLAG_SLI, 16, a.data);
	ASSERT_EQ(0, t_start(0, a.ccw, NULL));
	ASSERT_TRUE(t_wait_running(0, 5000));
	t0 = um_css_programs_done();
	spin_lock(sch->lock);
	EXPECT_EQ(0, cio_halt(sch));
	/* a second halt while the first is pending: cc 2 */
	EXPECT_EQ(-EBUSY, cio_halt(sch));
	spin_unlock(sch->lock);
	ASSERT_TRUE(t_wait_irb(0, &irb, 1000));	/* well before 2 s */
	EXPECT_EQ(SCSW_FCTL_START_FUNC | SCSW_FCTL_HALT_FUNC,
		  (u32)SCSW_OF(irb).fctl);
	EXPECT_EQ(T_PRIM, (u32)SCSW_OF(irb).stctl & T_PRIM);
	EXPECT_EQ(0, (u32)SCSW_OF(irb).actl);
	EXPECT_EQ(t0 + 1, um_css_programs_done());
	/* halt of an idle subchannel: status pending, no primary */
	spin_lock(sch->lock);
	EXPECT_EQ(0, cio_halt(sch));
	spin_unlock(sch->lock);
	ASSERT_TRUE(t_wait_irb(0, &irb, 1000));
	EXPECT_EQ(SCSW_FCTL_HALT_FUNC, (u32)SCSW_OF(irb).fctl);
	EXPECT_EQ(SCSW_STCTL_STATUS_PEND, (u32)SCSW_OF(irb).stctl);
}

TEST(clear_running_program)
{
	struct subchannel *sch;
	struct area a;
	struct irb irb;
	int iretry = 0, ret;

	ASSERT_EQ(0, t_machine(1, 2000ull * 1000 * 1000, 0, 1));
	sch = um_cio_sch(0);
	a = t_area();
	t_ccw(&a.ccw[0], 0x02, CCW_FLAG_SLI, 16, a.data);
	ASSERT_EQ(0, t_start(0, a.ccw, NULL));
	ASSERT_TRUE(t_wait_running(0, 5000));
	spin_lock(sch->lock);
	EXPECT_EQ(0, cio_clear(sch));
	spin_unlock(sch->lock);
	ASSERT_TRUE(t_wait_irb(0, &irb, 1000));
	EXPECT_EQ(SCSW_FCTL_CLEAR_FUNC, (u32)SCSW_OF(irb).fctl);
	EXPECT_EQ(SCSW_STCTL_STATUS_PEND, (u32)SCSW_OF(irb).stctl);
	EXPECT_EQ(0, (u32)SCSW_OF(irb).dstat);
	/* cio_cancel_halt_clear as drivers use it: halt, then done */
	ASSERT_EQ(0, t_start(0, a.ccw, NULL));
	ASSERT_TRUE(t_wait_running(0, 5000));
	spin_lock(sch->lock);
	ret = cio_cancel_halt_clear(sch, &iretry);
	spin_unlock(sch->lock);
	EXPECT_EQ(-EBUSY, ret);
	EXPECT_EQ(2, iretry);
	ASSERT_TRUE(t_wait_irb(0, &irb, 1000));
	EXPECT_NE(0, (u32)SCSW_OF(irb).fctl & SCSW_FCTL_HALT_FUNC);
	spin_lock(sch->lock);
	ret = cio_cancel_halt_clear(sch, &iretry);
	spin_unlock(sch->lock);
	/* idle now: cancel finds nothing (cc 2) and a halt is issued */
	EXPECT_EQ(-EBUSY, ret);
}

TEST(path_loss_crw)
{
	struct t_sch *t = &t_state[0];
	struct area a;
	struct irb irb;
	struct schib schib;

	ASSERT_EQ(0, t_machine(2, 0, 0, 1));
	a = t_area();
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_CC | CCW_FLAG_SLI, 0, NULL);
	t_ccw(&a.ccw[1], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	/* the path fails before the second command */
	ASSERT_EQ(0, um_css_inject(0, UM_FAULT_PATH, 1));
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(SCHN_STAT_INTF_CTRL_CHK, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(1, (u32)SCSW_OF(irb).pno);
	EXPECT_NE(0, (u32)SCSW_OF(irb).stctl & SCSW_STCTL_ALERT_STATUS);
	/* the CRW reaches both subchannels' driver as CHP_OFFLINE */
	ASSERT_TRUE(t_wait_count(&t->chp_events[CHP_OFFLINE], 1, 5000));
	ASSERT_TRUE(t_wait_count(&t_state[1].chp_events[CHP_OFFLINE], 1,
				 5000));
	EXPECT_EQ(0, um_css_chpid_online(0x40));
	EXPECT_EQ(0, um_css_stsch(um_cio_sch(1)->schid, &schib));
	EXPECT_EQ(0x40, (u32)schib.pmcw.pam);	/* only chpid 41 left */
	/* the next program takes the other path */
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(0, (u32)SCSW_OF(irb).cstat);
	EXPECT_EQ(0x40, (u32)irb.esw.esw0.sublog.lpum);
	/* vary the path on: CHP_ONLINE */
	ASSERT_EQ(0, um_css_vary_chpid(0x40, true));
	ASSERT_TRUE(t_wait_count(&t->chp_events[CHP_ONLINE], 1, 5000));
	/* both off: no path, SSCH cc 3 -> -ENODEV */
	ASSERT_EQ(0, um_css_vary_chpid(0x40, false));
	ASSERT_EQ(0, um_css_vary_chpid(0x41, false));
	ASSERT_TRUE(t_wait_count(&t->chp_events[CHP_OFFLINE], 3, 5000));
	EXPECT_EQ(3, t_start(0, a.ccw, NULL));
	EXPECT_EQ(0, chp_get_sch_opm(um_cio_sch(0)));
}

TEST(not_operational_and_busy)
{
	struct subchannel *sch;
	struct area a;
	struct irb irb;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	sch = um_cio_sch(0);
	a = t_area();
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	/* busy at selection: alert status with busy, no CCW executed */
	ASSERT_EQ(0, um_css_inject(0, UM_FAULT_BUSY, 0));
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(DEV_STAT_BUSY, (u32)SCSW_OF(irb).dstat);
	EXPECT_EQ(SCSW_STCTL_ALERT_STATUS | SCSW_STCTL_STATUS_PEND,
		  (u32)SCSW_OF(irb).stctl);
	/* gone: a CRW for the subchannel, sch_event, start cc 3 */
	ASSERT_EQ(0, um_css_inject(0, UM_FAULT_NOT_OPER, 0));
	ASSERT_TRUE(t_wait_count(&t_state[0].sch_events, 1, 5000));
	spin_lock(sch->lock);
	EXPECT_EQ(-ENODEV, cio_start(sch, a.ccw, 0));
	spin_unlock(sch->lock);
	/* back */
	ASSERT_EQ(0, um_css_inject(0, UM_FAULT_NONE, 0));
	ASSERT_TRUE(t_wait_count(&t_state[0].sch_events, 2, 5000));
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(T_CEDE, (u32)SCSW_OF(irb).dstat);
}

TEST(many_subchannels_busy)
{
	const int n = 32;
	struct area a[32];
	struct irb irb;
	int i, done = 0;

	ASSERT_EQ(0, t_machine(n, 2 * 1000 * 1000, 0, 4));	/* 2 ms */
	for (i = 0; i < n; i++) {
		a[i] = t_area();
		memset(a[i].data, i, 64);
		t_ccw(&a[i].ccw[0], 0x01, CCW_FLAG_CC, 64, a[i].data);
		t_ccw(&a[i].ccw[1], 0x02, 0, 64, a[i].data + 64);
	}
	for (i = 0; i < n; i++)
		ASSERT_EQ(0, t_start(i, a[i].ccw, NULL));
	for (i = 0; i < n; i++) {
		if (!t_wait_irb(i, &irb, 10000))
			continue;
		if ((u32)SCSW_OF(irb).dstat == T_CEDE && !(u32)SCSW_OF(irb).cstat &&
		    a[i].data[127] == i)
			done++;
	}
	EXPECT_EQ(n, done);
}

TEST(driver_binding)
{
	struct subchannel *sch;

	ASSERT_EQ(0, t_machine(2, 0, 0, 1));
	sch = um_cio_sch(1);
	EXPECT_EQ(&t_driver, sch->driver);
	EXPECT_EQ(-EBUSY, um_css_bind(sch, "css_test"));
	EXPECT_EQ(0, um_css_unbind(sch));
	EXPECT_EQ(NULL, sch->driver);
	EXPECT_EQ(0, (u32)sch->schib.pmcw.ena);	/* remove() disabled it */
	/* driver_override naming another driver: no match */
	EXPECT_EQ(0, driver_set_override(&sch->dev, &sch->driver_override,
					 "vfio_ccw\n", 9));
	EXPECT_STREQ("vfio_ccw", sch->driver_override);
	EXPECT_EQ(-ENODEV, um_css_bind(sch, "css_test"));
	EXPECT_EQ(0, driver_set_override(&sch->dev, &sch->driver_override,
					 "", 0));
	EXPECT_EQ(0, um_css_bind(sch, "css_test"));
	EXPECT_STREQ("0.0.0001", dev_name(&sch->dev));
	css_driver_unregister(&t_driver);
	EXPECT_EQ(NULL, um_cio_sch(0)->driver);
	EXPECT_EQ(NULL, sch->driver);
}

/*
 * On s390x the control blocks have the architecture's byte image (what
 * SA22-7832 draws); the little-endian host mirrors bitfields and uses
 * them by name only (Documentation/s390/channel-subsystem.rst).
 */
/*
 * Who takes an I/O interruption, and when: the channel thread that made
 * it pending, at once; the interruption thread for an instruction's
 * immediate status (the issuer holds sch->lock, as a CPU with
 * interruptions off) and for a masked ISC once it is enabled.  Every
 * handler runs in interruption context, and each status arrives once.
 */
/* until the interrupt thread sleeps in TPI: then only a wake-up moves it */
static bool irq_thread_idle(void)
{
	int i;

	for (i = 0; i < 5000 && um_css_tpi_waiters() != 1; i++)
		usleep(1000);
	return um_css_tpi_waiters() == 1;
}

TEST(interruption_delivery)
{
	struct subchannel *sch;
	char comm[TASK_COMM_LEN];
	struct schib schib;
	struct area a;
	struct irb irb;
	u64 t0;
	int i;

	ASSERT_EQ(0, t_machine(1, 0, 0, 1));
	sch = um_cio_sch(0);
	a = t_area();
	t_ccw(&a.ccw[0], CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	ASSERT_TRUE(irq_thread_idle());
	ASSERT_EQ(0, run(&a, NULL, &irb));
	EXPECT_EQ(T_CEDE, (u32)SCSW_OF(irb).dstat);
	t_irq_comm(0, comm);
	EXPECT_STREQ("css-channel", comm);

	spin_lock(sch->lock);
	EXPECT_EQ(0, cio_halt(sch));
	spin_unlock(sch->lock);
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(SCSW_FCTL_HALT_FUNC, (u32)SCSW_OF(irb).fctl);
	t_irq_comm(0, comm);
	EXPECT_STREQ("cio-irq", comm);

	/* AP_ISC: nothing in this host registers it */
	spin_lock(sch->lock);
	EXPECT_EQ(0, cio_disable_subchannel(sch));
	sch->isc = AP_ISC;
	EXPECT_EQ(0, cio_enable_subchannel(sch, 0x1000));
	spin_unlock(sch->lock);
	t0 = um_css_programs_done();
	ASSERT_EQ(0, t_start(0, a.ccw, NULL));
	for (i = 0; i < 5000 && um_css_programs_done() == t0; i++)
		usleep(1000);
	ASSERT_EQ(t0 + 1, um_css_programs_done());
	/* the program ended while its ISC is masked: pending, not taken */
	EXPECT_FALSE(t_wait_irb(0, &irb, 50));
	ASSERT_EQ(0, um_css_stsch(sch->schid, &schib));
	EXPECT_NE(0, (u32)schib.scsw.cmd.stctl & SCSW_STCTL_STATUS_PEND);
	isc_register(AP_ISC);
	ASSERT_TRUE(t_wait_irb(0, &irb, 5000));
	EXPECT_EQ(T_CEDE, (u32)SCSW_OF(irb).dstat);
	t_irq_comm(0, comm);
	EXPECT_STREQ("cio-irq", comm);
	/* enabled now: the channel thread takes the next one itself */
	ASSERT_TRUE(irq_thread_idle());
	ASSERT_EQ(0, run(&a, NULL, &irb));
	t_irq_comm(0, comm);
	EXPECT_STREQ("css-channel", comm);
	isc_unregister(AP_ISC);

	EXPECT_FALSE(t_wait_irb(0, &irb, 50));	/* nothing twice */
	pthread_mutex_lock(&t_lock);
	EXPECT_EQ(0, t_state[0].not_in_irq);
	pthread_mutex_unlock(&t_lock);
}

/* the host's might_sleep() check holds in interruption context */
TEST(sleeping_in_interruption_context_warns)
{
	static DEFINE_MUTEX(m);
	unsigned long w0 = um_warn_count();

	um_kernel_init();
	mutex_lock(&m);		/* process context: fine */
	mutex_unlock(&m);
	EXPECT_EQ(w0, um_warn_count());
	EXPECT_TRUE(in_task());
	irq_enter();
	EXPECT_TRUE(in_interrupt());
	EXPECT_FALSE(in_task());
	mutex_lock(&m);
	mutex_unlock(&m);
	EXPECT_EQ(w0 + 1, um_warn_count());
	kfree(kmalloc(8, GFP_ATOMIC));
	EXPECT_EQ(w0 + 1, um_warn_count());
	kfree(kmalloc(8, GFP_KERNEL));
	EXPECT_EQ(w0 + 2, um_warn_count());
	irq_exit();
	EXPECT_FALSE(in_interrupt());
}

TEST(architected_layout)
{
	struct ccw1 ccw = { .cmd_code = 0x02, .flags = CCW_FLAG_SLI,
			    .count = 0x1234, .cda = 0x00abcdef };
	static const u8 ccw_bytes[] = { 0x02, 0x20, 0x12, 0x34,
					0x00, 0xab, 0xcd, 0xef };
	struct schib schib = { };
	union orb orb = { };
	struct crw crw = { .rsc = CRW_RSC_CPATH, .erc = CRW_ERC_INIT,
			   .rsid = 0x40 };
	static const u8 crw_bytes[] = { 0x04, 0x02, 0x00, 0x40 };
	u8 *b;

	if (__BYTE_ORDER__ != __ORDER_BIG_ENDIAN__)
		SKIP(return, "byte images are s390x's (big-endian) only");
	EXPECT_EQ(0, memcmp(&ccw, ccw_bytes, 8));
	EXPECT_EQ(0, memcmp(&crw, crw_bytes, 4));
	schib.pmcw.isc = 7;
	schib.pmcw.ena = 1;
	schib.pmcw.dev = 0x0100;
	schib.pmcw.csense = 1;
	schib.scsw.cmd.fctl = SCSW_FCTL_START_FUNC;
	schib.scsw.cmd.stctl = SCSW_STCTL_STATUS_PEND;
	schib.scsw.cmd.cstat = SCHN_STAT_PROG_CHECK;
	b = (u8 *)&schib;
	EXPECT_EQ(0x38, b[4]);		/* ISC: word 1 bits 2-4 */
	EXPECT_EQ(0x80, b[5]);		/* E: bit 8 */
	EXPECT_EQ(0x01, b[6]);
	EXPECT_EQ(0x00, b[7]);
	EXPECT_EQ(0x01, b[27]);		/* concurrent sense: last bit */
	EXPECT_EQ(0x40, b[28 + 2]);	/* SCSW start function */
	EXPECT_EQ(0x01, b[28 + 3]);	/* status pending */
	EXPECT_EQ(0x20, b[28 + 9]);	/* program check */
	orb.cmd.fmt = 1;
	orb.cmd.c64 = 1;
	orb.cmd.lpm = 0xc0;
	orb.cmd.key = 3;
	b = (u8 *)&orb;
	EXPECT_EQ(0x30, b[4]);		/* key: bits 0-3 */
	EXPECT_EQ(0x80, b[5] & 0x80);	/* fmt: bit 8 */
	EXPECT_EQ(0x02, b[5] & 0x02);	/* c64: bit 14 */
	EXPECT_EQ(0xc0, b[6]);		/* LPM: bits 16-23 */
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * End to end, as a VMM on a real 6.1 host: bind a subchannel to
 * vfio_ccw, create the mdev, open container, group and device, map guest
 * memory, run SENSE ID through the I/O region and read the IRB after the
 * I/O eventfd fires; on the null device and on a 3390.  Nothing stays
 * pinned afterwards, and the mdev goes away again.
 */
#include "kselftest_harness.h"

#include <sys/eventfd.h>
#include <sys/wait.h>
#include <um/vfio.h>

#include "vfio_util.h"

#define CCW_AT		0x1000
#define DATA_AT		0x2000

static const char null_machine[] = "chpid 80\nccw 0.0.0100 null\n";

/* SENSE ID into guest DATA_AT; its IRB in @irb; 0 or -errno */
static int sense_id(struct v_vmm *v, struct irb *irb, bool ida)
{
	struct ccw1 *ccw = (struct ccw1 *)(v->mem + CCW_AT);
	u64 *idaw = (u64 *)(v->mem + CCW_AT + 0x100);
	struct ccw_io_region region;
	ssize_t n;

	ccw->cmd_code = CCW_CMD_SENSE_ID;
	ccw->flags = CCW_FLAG_SLI | (ida ? CCW_FLAG_IDA : 0);
	ccw->count = 256;
	ccw->cda = ida ? CCW_AT + 0x100 : DATA_AT;
	*idaw = DATA_AT;
	memset(v->mem + DATA_AT, 0, 256);
	n = v_start(v, CCW_AT, ida);
	if (n != sizeof(region))
		return n < 0 ? -errno : -EIO;
	if (!v_wait_efd(v->io_efd, 10000))
		return -ETIMEDOUT;
	n = pread(v->device, &region, sizeof(region), 0);
	if (n != sizeof(region))
		return -EIO;
	memcpy(irb, region.irb_area, sizeof(*irb));
	return 0;
}

static void smoke(struct __test_metadata *_metadata, const char *machine,
		  u16 dev_type)
{
	char buf[64];
	struct v_vmm v;
	struct irb irb;
	int i;

	ASSERT_EQ(0, v_machine(machine));
	ASSERT_EQ(0, v_vmm_open(&v));
	v.io_efd = eventfd(0, 0);
	ASSERT_LE(0, v.io_efd);
	ASSERT_EQ(0, v_set_trigger(&v, VFIO_CCW_IO_IRQ_INDEX, v.io_efd));

	/* direct, then through a format-2 IDAL */
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, sense_id(&v, &irb, i));
		EXPECT_EQ(DEV_STAT_CHN_END | DEV_STAT_DEV_END,
			  (int)irb.scsw.cmd.dstat);
		EXPECT_EQ(0, (int)irb.scsw.cmd.cstat);
		/* the guest's CCW address, not the host's copy */
		EXPECT_EQ(CCW_AT + 8, irb.scsw.cmd.cpa);
		EXPECT_EQ(0xff, v.mem[DATA_AT]);
		EXPECT_EQ(dev_type, v.mem[DATA_AT + 4] << 8 |
			  v.mem[DATA_AT + 5]);
	}
	/* the program is done: nothing stays pinned */
	EXPECT_EQ(0, um_vfio_pinned_pages());
	v_vmm_close(&v);

	/* closed: the mdev can go, the instance comes back */
	ASSERT_LT(0, v_read(V_TYPE "/available_instances", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
	ASSERT_EQ(2, v_write(V_MDEV "/remove", "1\n"));
	ASSERT_LT(0, v_read(V_TYPE "/available_instances", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", buf);
	EXPECT_EQ(-ENOENT, v_read(V_MDEV "/remove", buf, sizeof(buf)));
}

TEST(sense_id_null)
{
	smoke(_metadata, null_machine, 0x3370);
}

/* a dasdinit image; NULL when dasdinit (hercules) is missing */
static const char *image(void)
{
	static char path[64];
	char cmd[160];

	snprintf(path, sizeof(path), "/tmp/vfio-3390-%d.img", getpid());
	snprintf(cmd, sizeof(cmd),
		 "dasdinit -linux %s 3390 VOL001 3 >/dev/null 2>&1", path);
	return system(cmd) ? NULL : path;
}

TEST(sense_id_3390)
{
	const char *img = image();
	char machine[160];

	if (!img)
		SKIP(return, "dasdinit (package hercules) missing");
	snprintf(machine, sizeof(machine), "chpid 80\nccw 0.0.0200 3390 file=%s\n",
		 img);
	smoke(_metadata, machine, 0x3390);
	unlink(img);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * A null device for benchmarks and channel-program tests.  Commands:
 *   0x01 write, 0x02 read        move bytes= bytes (default: what the
 *                                program's data chain offers)
 *   0x03 no-operation            no data
 *   0x04 sense                   the 32 sense bytes
 *   0x31 compare                 takes one byte; non-zero gives status
 *                                modifier (skips the next chained CCW)
 *   0xE4 sense ID                CU 3880 / device 3370 style ids
 * anything else is rejected (unit check, command reject).  Each command
 * completes after latency= (interruptible by halt/clear).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/cio.h>

#include "css_dev.h"

#define NULL_BUF	65536

struct nulldev {
	struct um_css_dev dev;
	u64 latency_ns;
	u32 bytes;		/* 0: whatever the program offers */
	u8 buf[NULL_BUF];
};

u8 um_dev_sense_id(struct um_css_dev *dev, struct um_ccw_io *io)
{
	u8 id[7] = { 0xff, dev->cu_type >> 8, dev->cu_type & 0xff,
		     dev->cu_model, dev->dev_type >> 8, dev->dev_type & 0xff,
		     dev->dev_model };

	if (um_ccw_xfer(io, id, sizeof(id)) < 0)
		return DEV_STAT_CHN_END;
	return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
}

static u8 null_exec(struct um_css_dev *dev, struct um_ccw_io *io)
{
	struct nulldev *nd = container_of(dev, struct nulldev, dev);
	u8 cmd = um_ccw_cmd(io), b = 0;
	int n;

	if (nd->latency_ns && !um_ccw_sleep(io, nd->latency_ns))
		return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
	switch (cmd) {
	case 0x01:
	case 0x02:
		if (nd->bytes)
			n = um_ccw_xfer(io, nd->buf, nd->bytes);
		else
			n = um_ccw_xfer_avail(io, nd->buf, NULL_BUF);
		return n < 0 ? DEV_STAT_CHN_END :
			       DEV_STAT_CHN_END | DEV_STAT_DEV_END;
	case CCW_CMD_NOOP:
		return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
	case CCW_CMD_BASIC_SENSE:
		n = um_ccw_xfer(io, dev->sense, sizeof(dev->sense));
		memset(dev->sense, 0, sizeof(dev->sense));
		return n < 0 ? DEV_STAT_CHN_END :
			       DEV_STAT_CHN_END | DEV_STAT_DEV_END;
	case 0x31:
		n = um_ccw_xfer(io, &b, 1);
		if (n < 0)
			return DEV_STAT_CHN_END;
		return DEV_STAT_CHN_END | DEV_STAT_DEV_END |
		       (b ? DEV_STAT_STAT_MOD : 0);
	case CCW_CMD_SENSE_ID:
		return um_dev_sense_id(dev, io);
	default:
		return um_dev_unit_check(dev, SNS0_CMD_REJECT, 0);
	}
}

static void null_release(struct um_css_dev *dev)
{
	kfree(container_of(dev, struct nulldev, dev));
}

static const struct um_css_dev_ops null_ops = {
	.exec = null_exec,
	.release = null_release,
};

struct um_css_dev *um_nulldev_create(u64 latency_ns, u32 bytes)
{
	struct nulldev *nd;

	if (bytes > NULL_BUF)
		return NULL;
	nd = kzalloc(sizeof(*nd), GFP_KERNEL);
	if (!nd)
		return NULL;
	nd->dev.ops = &null_ops;
	nd->dev.type = "null";
	nd->dev.cu_type = 0x3880;
	nd->dev.cu_model = 1;
	nd->dev.dev_type = 0x3370;
	nd->dev.dev_model = 1;
	nd->latency_ns = latency_ns;
	nd->bytes = bytes;
	return &nd->dev;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How a simulated device plugs into the channel subsystem.  The channel
 * interprets the program; for each command it calls the device's exec()
 * on a channel thread, and the device moves its data with um_ccw_xfer(),
 * which follows data chaining, IDAWs, SKIP and storage keys and never
 * touches memory the program did not name.
 */
#ifndef _UM_HW_CSS_DEV_H
#define _UM_HW_CSS_DEV_H

#include <linux/types.h>

struct um_ccw_io;
struct um_css_dev;

struct um_css_dev_ops {
	/*
	 * Execute one command; return the device status (normally
	 * DEV_STAT_CHN_END | DEV_STAT_DEV_END; add DEV_STAT_STAT_MOD to skip
	 * the next chained CCW; DEV_STAT_UNIT_CHECK after filling
	 * dev->sense).  Called on a channel thread, one command at a time
	 * per device.
	 */
	u8 (*exec)(struct um_css_dev *dev, struct um_ccw_io *io);
	/*
	 * A channel program starts / has ended (device state such as the
	 * DASD's extent lives for one program).
	 */
	void (*start)(struct um_css_dev *dev);
	void (*end)(struct um_css_dev *dev);
	void (*release)(struct um_css_dev *dev);
};

struct um_css_dev {
	const struct um_css_dev_ops *ops;
	const char *type;		/* "3390", "null" */
	u8 sense[32];			/* valid after a unit check */
	/* Sense ID data */
	u16 cu_type;
	u8 cu_model;
	u16 dev_type;
	u8 dev_model;
};

/* the command being executed */
u8 um_ccw_cmd(struct um_ccw_io *io);
/* bytes left in the current CCW */
u32 um_ccw_count(struct um_ccw_io *io);
/*
 * Move up to @len bytes between the device's @buf and the program's
 * data areas, in the command's direction (read/sense: to memory).
 * Returns the bytes moved; fewer than @len when the program's count
 * ran out (the channel notes the incorrect length), or a negative value
 * when the channel stopped the transfer (program, protection or data
 * check; halt/clear): the device must then end the command.
 */
int um_ccw_xfer(struct um_ccw_io *io, void *buf, u32 len);
/* like um_ccw_xfer(), moving what the program's data chain offers, up
 * to @max, without counting the rest as the device wanting more */
int um_ccw_xfer_avail(struct um_ccw_io *io, void *buf, u32 max);
/* sleep @ns on behalf of the device; false if halt/clear cut it short */
bool um_ccw_sleep(struct um_ccw_io *io, u64 ns);
/* a halt or clear asks the device to stop */
bool um_ccw_cancelled(struct um_ccw_io *io);

/* fill dev->sense for a command reject / other unit checks */
static inline u8 um_dev_unit_check(struct um_css_dev *dev, u8 s0, u8 s1)
{
	int i;

	for (i = 0; i < 32; i++)
		dev->sense[i] = 0;
	dev->sense[0] = s0;
	dev->sense[1] = s1;
	return 0x08 | 0x04 | 0x02;	/* CE | DE | UC */
}

/* Sense ID (0xE4): common to every device */
u8 um_dev_sense_id(struct um_css_dev *dev, struct um_ccw_io *io);

/* devices */
struct um_css_dev *um_nulldev_create(u64 latency_ns, u32 bytes);
struct um_css_dev *um_dasd3390_create(const char *path, char *err,
				      size_t errlen);

#endif /* _UM_HW_CSS_DEV_H */

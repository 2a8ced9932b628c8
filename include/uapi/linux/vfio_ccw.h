/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vfio-ccw region layouts (see VFIO_REGION_TYPE_CCW in <linux/vfio.h>).
 * All regions are packed byte images; the architected blocks inside them
 * (ORB, SCSW, IRB, SCHIB, CRW) are big-endian.
 *
 * ABI-identical to Linux 6.1; checked by tools/testing/uapi.
 */
#ifndef _VFIO_CCW_H_
#define _VFIO_CCW_H_

#include <linux/types.h>

#define ORB_AREA_SIZE	12
#define SCSW_AREA_SIZE	12
#define IRB_AREA_SIZE	96

/*
 * VFIO_CCW_CONFIG_REGION_INDEX: write an ORB to START SUBCHANNEL, read the
 * IRB after the I/O interrupt; ret_code is the -errno of the last write.
 */
struct ccw_io_region {
	__u8	orb_area[ORB_AREA_SIZE];
	__u8	scsw_area[SCSW_AREA_SIZE];
	__u8	irb_area[IRB_AREA_SIZE];
	__u32	ret_code;
} __attribute__((packed));

/* VFIO_REGION_SUBTYPE_CCW_ASYNC_CMD: HALT or CLEAR SUBCHANNEL */
#define VFIO_CCW_ASYNC_CMD_HSCH (1 << 0)
#define VFIO_CCW_ASYNC_CMD_CSCH (1 << 1)

struct ccw_cmd_region {
	__u32 command;
	__u32 ret_code;
} __attribute__((packed));

/* VFIO_REGION_SUBTYPE_CCW_SCHIB: a read runs STORE SUBCHANNEL */
#define SCHIB_AREA_SIZE	52

struct ccw_schib_region {
	__u8 schib_area[SCHIB_AREA_SIZE];
} __attribute__((packed));

/* VFIO_REGION_SUBTYPE_CCW_CRW: the next pending channel report word */
struct ccw_crw_region {
	__u32 crw;
	__u32 pad;
} __attribute__((packed));

#endif /* _VFIO_CCW_H_ */

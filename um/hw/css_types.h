/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The channel subsystem's control blocks that 6.1 declares in its private
 * drivers/s390/cio/cio.h: the PMCW and the SCHIB, with 6.1's names and
 * field order (6.1's cio.h also declares struct subchannel and needs the
 * driver core; this host cannot use it as shipped).  The ORB is 6.1's own
 * orb.h.  The hardware (um/hw) and the host's cio layer (um/cio/cio.h)
 * share these definitions.  Bitfields are declared most significant bit
 * first, as s390's compiler lays them out; see
 * Documentation/s390/channel-subsystem.rst "Byte order" for the
 * little-endian host.
 */
#ifndef _UM_HW_CSS_TYPES_H
#define _UM_HW_CSS_TYPES_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <asm/cio.h>
#include <asm/crw.h>
#include <asm/scsw.h>

/* path management control word (28 bytes) */
struct pmcw {
	u32 intparm;		/* interruption parameter */
	u32 qf	 : 1;		/* QDIO facility */
	u32 w	 : 1;
	u32 isc  : 3;		/* interruption subclass */
	u32 res5 : 3;
	u32 ena  : 1;		/* enabled */
	u32 lm	 : 2;		/* limit mode */
	u32 mme  : 2;		/* measurement-mode enable */
	u32 mp	 : 1;		/* multipath mode */
	u32 tf	 : 1;		/* timing facility */
	u32 dnv  : 1;		/* device number valid */
	u32 dev  : 16;		/* device number */
	u8  lpm;		/* logical path mask */
	u8  pnom;		/* path not operational mask */
	u8  lpum;		/* last path used mask */
	u8  pim;		/* path installed mask */
	u16 mbi;		/* measurement-block index */
	u8  pom;		/* path operational mask */
	u8  pam;		/* path available mask */
	u8  chpid[8];		/* channel paths 0-7 */
	u32 unused1 : 8;
	u32 st	    : 3;	/* subchannel type */
	u32 unused2 : 18;
	u32 mbfc    : 1;	/* measurement block format control */
	u32 xmwme   : 1;	/* extended measurement word mode enable */
	u32 csense  : 1;	/* concurrent sense */
} __packed;

/* target SCHIB configuration of a subchannel (cio_commit_config) */
struct schib_config {
	u64 mba;
	u32 intparm;
	u16 mbi;
	u32 isc:3;
	u32 ena:1;
	u32 mme:2;
	u32 mp:1;
	u32 csense:1;
	u32 mbfc:1;
} __packed;

/* subchannel information block (52 bytes) */
struct schib {
	struct pmcw pmcw;
	union scsw scsw;
	__u64 mba;		/* measurement block address */
	__u8 mda[4];		/* model dependent area */
} __packed __aligned(4);

/* the ORB: 6.1's drivers/s390/cio/orb.h, extracted at build time */
#include <orb.h>

/* CCW flag bits 6.1 does not name */
#define UM_CCW_FLAG_MIDA	0x01

static inline void um_css_types_check(void)
{
	BUILD_BUG_ON(sizeof(struct pmcw) != 28);
	BUILD_BUG_ON(sizeof(struct schib) != 52);
	BUILD_BUG_ON(sizeof(union scsw) != 12);
	BUILD_BUG_ON(sizeof(struct cmd_orb) != 12);
	BUILD_BUG_ON(sizeof(union orb) != 32);
	BUILD_BUG_ON(sizeof(struct irb) != 64);
	BUILD_BUG_ON(sizeof(struct ccw1) != 8);
	BUILD_BUG_ON(sizeof(struct ccw0) != 8);
	BUILD_BUG_ON(sizeof(struct crw) != 4);
}

#endif /* _UM_HW_CSS_TYPES_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The channel subsystem's control blocks that 6.1 declares in its private
 * drivers/s390/cio/{cio,orb}.h: the PMCW, the SCHIB and the ORB, with
 * 6.1's names and field order.  The hardware (um/hw) and the host's cio
 * layer (um/cio/cio.h, orb.h) share these definitions.  Bitfields are
 * declared most significant bit first, as s390's compiler lays them out;
 * see Documentation/s390/channel-subsystem.rst "Byte order" for the
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

/* command-mode operation request block */
struct cmd_orb {
	u32 intparm;
	u32 key:4;		/* storage key of the program's accesses */
	u32 spnd:1;		/* suspend control */
	u32 res1:1;
	u32 mod:1;		/* modification control */
	u32 sync:1;		/* synchronize control */
	u32 fmt:1;		/* format-1 CCWs */
	u32 pfch:1;		/* prefetch allowed */
	u32 isic:1;		/* initial-status interruption */
	u32 alcc:1;		/* address-limit checking */
	u32 ssic:1;		/* suppress-suspended interruption */
	u32 res2:1;
	u32 c64:1;		/* format-2 (64-bit) IDAWs */
	u32 i2k:1;		/* 2K IDAW blocks (with c64) */
	u32 lpm:8;		/* logical path mask */
	u32 ils:1;		/* incorrect-length suppression mode */
	u32 zero:6;		/* reserved (MIDAW, ...) */
	u32 orbx:1;		/* ORB extension */
	u32 cpa;		/* channel program address */
} __packed __aligned(4);

struct tm_orb {
	u32 intparm;
	u32 key:4;
	u32:9;
	u32 b:1;
	u32:2;
	u32 lpm:8;
	u32:7;
	u32 x:1;
	u32 tcw;
	u32 prio:8;
	u32:8;
	u32 rsvpgm:8;
	u32:8;
	u32:32;
	u32:32;
	u32:32;
	u32:32;
} __packed __aligned(4);

struct eadm_orb {
	u32 intparm;
	u32 key:4;
	u32:4;
	u32 compat1:1;
	u32 compat2:1;
	u32:21;
	u32 x:1;
	u32 aob;
	u32 css_prio:8;
	u32:8;
	u32 scm_prio:8;
	u32:8;
	u32:29;
	u32 fmt:3;
	u32:32;
	u32:32;
	u32:32;
} __packed __aligned(4);

union orb {
	struct cmd_orb cmd;
	struct tm_orb tm;
	struct eadm_orb eadm;
} __packed __aligned(4);

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

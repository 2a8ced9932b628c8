/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <asm/cio.h>: CCWs, the IRB and its extended status words
 * with 6.1's names and layout.  A host version: 6.1's includes
 * <linux/genalloc.h>, <asm/tpi.h> and s390's DMA helpers, which this host
 * does not have.  Bitfields are declared most significant first, as on
 * s390 (see Documentation/s390/channel-subsystem.rst "Byte order").
 */
#ifndef _ASM_S390_CIO_H_
#define _ASM_S390_CIO_H_

#include <linux/bitops.h>
#include <linux/types.h>

#define LPM_ANYPATH 0xff
#define __MAX_CSSID 0
#define __MAX_SUBCHANNEL 65535
#define __MAX_SSID 3

#include <asm/scsw.h>

/* format-1 CCW (the only format Linux builds) */
struct ccw1 {
	__u8  cmd_code;
	__u8  flags;
	__u16 count;
	__u32 cda;
} __packed __aligned(8);

/* format-0 CCW: 24-bit data address */
struct ccw0 {
	__u8 cmd_code;
	__u32 cda : 24;
	__u8  flags;
	__u8  reserved;
	__u16 count;
} __packed __aligned(8);

#define CCW_FLAG_DC		0x80
#define CCW_FLAG_CC		0x40
#define CCW_FLAG_SLI		0x20
#define CCW_FLAG_SKIP		0x10
#define CCW_FLAG_PCI		0x08
#define CCW_FLAG_IDA		0x04
#define CCW_FLAG_SUSPEND	0x02

#define CCW_CMD_READ_IPL	0x02
#define CCW_CMD_NOOP		0x03
#define CCW_CMD_BASIC_SENSE	0x04
#define CCW_CMD_TIC		0x08
#define CCW_CMD_STLCK		0x14
#define CCW_CMD_SENSE_PGID	0x34
#define CCW_CMD_SUSPEND_RECONN	0x5B
#define CCW_CMD_RDC		0x64
#define CCW_CMD_RELEASE		0x94
#define CCW_CMD_SET_PGID	0xAF
#define CCW_CMD_SENSE_ID	0xE4
#define CCW_CMD_DCTL		0xF3

#define SENSE_MAX_COUNT		0x20

/* extended report word */
struct erw {
	__u32 res0  : 3;
	__u32 auth  : 1;	/* authorization check */
	__u32 pvrf  : 1;	/* path verification required */
	__u32 cpt   : 1;	/* channel-path timeout */
	__u32 fsavf : 1;	/* failing storage address valid */
	__u32 cons  : 1;	/* concurrent sense: ECW holds sense */
	__u32 scavf : 1;	/* secondary CCW address valid */
	__u32 fsaf  : 1;	/* failing storage address format */
	__u32 scnt  : 6;	/* sense byte count when cons */
	__u32 res16 : 16;
} __packed;

struct erw_eadm {
	__u32:16;
	__u32 b : 1;
	__u32 r : 1;
	__u32:14;
} __packed;

/* subchannel logout */
struct sublog {
	__u32 res0  : 1;
	__u32 esf   : 7;	/* extended status flags */
	__u32 lpum  : 8;	/* last path used */
	__u32 arep  : 1;	/* ancillary report */
	__u32 fvf   : 5;	/* field validity */
	__u32 sacc  : 2;	/* storage access code */
	__u32 termc : 2;	/* termination code */
	__u32 devsc : 1;	/* device-status check */
	__u32 serr  : 1;	/* secondary error */
	__u32 ioerr : 1;	/* I/O-error alert */
	__u32 seqc  : 3;	/* sequence code */
} __packed;

struct esw0 {
	struct sublog sublog;
	struct erw erw;
	__u32  faddr[2];	/* failing storage address */
	__u32  saddr;		/* secondary CCW address */
} __packed;

struct esw1 {
	__u8  zero0;
	__u8  lpum;
	__u16 zero16;
	struct erw erw;
	__u32 zeros[3];
} __packed;

struct esw2 {
	__u8  zero0;
	__u8  lpum;
	__u16 dcti;
	struct erw erw;
	__u32 zeros[3];
} __packed;

struct esw3 {
	__u8  zero0;
	__u8  lpum;
	__u16 res;
	struct erw erw;
	__u32 zeros[3];
} __packed;

struct esw_eadm {
	__u32 sublog;
	struct erw_eadm erw;
	__u32:32;
	__u32:32;
	__u32:32;
} __packed;

/* interruption response block: what TSCH stores (64 bytes) */
struct irb {
	union scsw scsw;
	union {
		struct esw0 esw0;
		struct esw1 esw1;
		struct esw2 esw2;
		struct esw3 esw3;
		struct esw_eadm eadm;
	} esw;
	__u8   ecw[32];
} __packed __aligned(4);

/* command information word (in Sense ID data) */
struct ciw {
	__u32 et       :  2;
	__u32 reserved :  2;
	__u32 ct       :  4;
	__u32 cmd      :  8;
	__u32 count    : 16;
} __packed;

#define CIW_TYPE_RCD	0x0
#define CIW_TYPE_SII	0x1
#define CIW_TYPE_RNI	0x2

#define DOIO_ALLOW_SUSPEND	0x0001
#define DOIO_DENY_PREFETCH	0x0002
#define DOIO_SUPPRESS_INTER	0x0004

#define CIO_GONE	0x0001
#define CIO_NO_PATH	0x0002
#define CIO_OPER	0x0004
#define CIO_REVALIDATE	0x0008
#define CIO_BOXED	0x0010

struct ccw_dev_id {
	u8 ssid;
	u16 devno;
};

static inline int ccw_dev_id_is_equal(struct ccw_dev_id *a,
				      struct ccw_dev_id *b)
{
	return a->ssid == b->ssid && a->devno == b->devno;
}

/* bit position (0 = leftmost) of the leftmost bit of a path mask */
static inline u8 pathmask_to_pos(u8 mask)
{
	return 8 - ffs(mask);
}

#endif /* _ASM_S390_CIO_H_ */

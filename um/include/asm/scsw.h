/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <asm/scsw.h>: the subchannel status word with 6.1's names
 * and field order, and the accessors the cio layer and vfio-ccw use.
 * A host version: 6.1's needs <asm/css_chars.h> and the rest of s390's
 * asm tree.  Bitfields are declared most significant first, as on s390;
 * see Documentation/s390/channel-subsystem.rst "Byte order".
 */
#ifndef _ASM_S390_SCSW_H_
#define _ASM_S390_SCSW_H_

#include <linux/types.h>

struct cmd_scsw {
	__u32 key  : 4;		/* subchannel key */
	__u32 sctl : 1;		/* suspend control */
	__u32 eswf : 1;		/* ESW format */
	__u32 cc   : 2;		/* deferred condition code */
	__u32 fmt  : 1;		/* format-1 CCWs */
	__u32 pfch : 1;		/* prefetch */
	__u32 isic : 1;		/* initial-status interruption control */
	__u32 alcc : 1;		/* address-limit checking control */
	__u32 ssi  : 1;		/* suppress-suspended interruption */
	__u32 zcc  : 1;		/* zero condition code */
	__u32 ectl : 1;		/* extended control (ECW valid) */
	__u32 pno  : 1;		/* path not operational */
	__u32 res  : 1;
	__u32 fctl : 3;		/* function control */
	__u32 actl : 7;		/* activity control */
	__u32 stctl : 5;	/* status control */
	__u32 cpa;		/* CCW address (last executed + 8) */
	__u32 dstat : 8;	/* device status */
	__u32 cstat : 8;	/* subchannel status */
	__u32 count : 16;	/* residual count */
} __packed;

struct tm_scsw {
	u32 key:4;
	u32:1;
	u32 eswf:1;
	u32 cc:2;
	u32 fmt:3;
	u32 x:1;
	u32 q:1;
	u32:1;
	u32 ectl:1;
	u32 pno:1;
	u32:1;
	u32 fctl:3;
	u32 actl:7;
	u32 stctl:5;
	u32 tcw;
	u32 dstat:8;
	u32 cstat:8;
	u32 fcxs:8;
	u32 ifob:1;
	u32 sesq:7;
} __packed;

struct eadm_scsw {
	u32 key:4;
	u32:1;
	u32 eswf:1;
	u32 cc:2;
	u32:6;
	u32 ectl:1;
	u32:2;
	u32 fctl:3;
	u32 actl:7;
	u32 stctl:5;
	u32 aob;
	u32 dstat:8;
	u32 cstat:8;
	u32:16;
} __packed;

union scsw {
	struct cmd_scsw cmd;
	struct tm_scsw tm;
	struct eadm_scsw eadm;
} __packed;

#define SCSW_FCTL_CLEAR_FUNC	0x1
#define SCSW_FCTL_HALT_FUNC	0x2
#define SCSW_FCTL_START_FUNC	0x4

#define SCSW_ACTL_SUSPENDED	0x1
#define SCSW_ACTL_DEVACT	0x2
#define SCSW_ACTL_SCHACT	0x4
#define SCSW_ACTL_CLEAR_PEND	0x8
#define SCSW_ACTL_HALT_PEND	0x10
#define SCSW_ACTL_START_PEND	0x20
#define SCSW_ACTL_RESUME_PEND	0x40

#define SCSW_STCTL_STATUS_PEND	0x1
#define SCSW_STCTL_SEC_STATUS	0x2
#define SCSW_STCTL_PRIM_STATUS	0x4
#define SCSW_STCTL_INTER_STATUS	0x8
#define SCSW_STCTL_ALERT_STATUS	0x10

#define DEV_STAT_ATTENTION	0x80
#define DEV_STAT_STAT_MOD	0x40
#define DEV_STAT_CU_END		0x20
#define DEV_STAT_BUSY		0x10
#define DEV_STAT_CHN_END	0x08
#define DEV_STAT_DEV_END	0x04
#define DEV_STAT_UNIT_CHECK	0x02
#define DEV_STAT_UNIT_EXCEP	0x01

#define SCHN_STAT_PCI		0x80
#define SCHN_STAT_INCORR_LEN	0x40
#define SCHN_STAT_PROG_CHECK	0x20
#define SCHN_STAT_PROT_CHECK	0x10
#define SCHN_STAT_CHN_DATA_CHK	0x08
#define SCHN_STAT_CHN_CTRL_CHK	0x04
#define SCHN_STAT_INTF_CTRL_CHK	0x02
#define SCHN_STAT_CHAIN_CHECK	0x01

/* sense byte 0 and 1 bits (SA22-7204) */
#define SNS0_CMD_REJECT		0x80
#define SNS0_INTERVENTION_REQ	0x40
#define SNS0_BUS_OUT_CHECK	0x20
#define SNS0_EQUIPMENT_CHECK	0x10
#define SNS0_DATA_CHECK		0x08
#define SNS0_OVERRUN		0x04
#define SNS0_INCOMPL_DOMAIN	0x01
#define SNS1_PERM_ERR		0x80
#define SNS1_INV_TRACK_FORMAT	0x40
#define SNS1_EOC		0x20
#define SNS1_MESSAGE_TO_OPER	0x10
#define SNS1_NO_REC_FOUND	0x08
#define SNS1_FILE_PROTECTED	0x04
#define SNS1_WRITE_INHIBITED	0x02
#define SNS1_INPRECISE_END	0x01

/* Transport mode is not offered by this machine: every SCSW is cmd. */
static inline int scsw_is_tm(union scsw *scsw)
{
	return 0;
}

static inline u32 scsw_key(union scsw *scsw)
{
	return scsw->cmd.key;
}

static inline u32 scsw_eswf(union scsw *scsw)
{
	return scsw->cmd.eswf;
}

static inline u32 scsw_cc(union scsw *scsw)
{
	return scsw->cmd.cc;
}

static inline u32 scsw_ectl(union scsw *scsw)
{
	return scsw->cmd.ectl;
}

static inline u32 scsw_pno(union scsw *scsw)
{
	return scsw->cmd.pno;
}

static inline u32 scsw_fctl(union scsw *scsw)
{
	return scsw->cmd.fctl;
}

static inline u32 scsw_actl(union scsw *scsw)
{
	return scsw->cmd.actl;
}

static inline u32 scsw_stctl(union scsw *scsw)
{
	return scsw->cmd.stctl;
}

static inline u32 scsw_dstat(union scsw *scsw)
{
	return scsw->cmd.dstat;
}

static inline u32 scsw_cstat(union scsw *scsw)
{
	return scsw->cmd.cstat;
}

/* Alert status alone (no start/halt/clear of ours) is unsolicited. */
static inline int scsw_is_solicited(union scsw *scsw)
{
	return (scsw->cmd.cc != 0) ||
	       (scsw->cmd.stctl != (SCSW_STCTL_STATUS_PEND |
				     SCSW_STCTL_ALERT_STATUS));
}

static inline int scsw_is_valid_actl(union scsw *scsw)
{
	return scsw->cmd.fctl != 0;
}

static inline int scsw_is_valid_cstat(union scsw *scsw)
{
	return (scsw->cmd.fctl & SCSW_FCTL_START_FUNC) &&
	       (scsw->cmd.stctl & SCSW_STCTL_STATUS_PEND);
}

#endif /* _ASM_S390_SCSW_H_ */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <asm/crw.h>: the channel report word with 6.1's field names
 * and bit order (first field = most significant bit, as s390's compiler
 * lays out bitfields; on a little-endian host the compiler mirrors it and
 * the struct is read by name only, see Documentation/s390/
 * channel-subsystem.rst "Byte order").  6.1's header would compile here;
 * it is a host version only until the build extracts kernel headers from
 * the linux-source-6.1 tarball (the reshape, issue 8), see the same
 * document.  The delivery functions are um/cio/crw.c.
 */
#ifndef _ASM_S390_CRW_H
#define _ASM_S390_CRW_H

#include <linux/types.h>

struct crw {
	__u32 res1 : 1;		/* zero */
	__u32 slct : 1;		/* solicited */
	__u32 oflw : 1;		/* CRWs were lost before this one */
	__u32 chn  : 1;		/* another CRW of the same report follows */
	__u32 rsc  : 4;		/* reporting-source code */
	__u32 anc  : 1;		/* ancillary report */
	__u32 res2 : 1;
	__u32 erc  : 6;		/* error-recovery code */
	__u32 rsid : 16;	/* reporting-source id */
} __packed;

typedef void (*crw_handler_t)(struct crw *, struct crw *, int);

int crw_register_handler(int rsc, crw_handler_t handler);
void crw_unregister_handler(int rsc);
void crw_handle_channel_report(void);
void crw_wait_for_channel_report(void);

#define NR_RSCS 16

#define CRW_RSC_MONITOR	0x2
#define CRW_RSC_SCH	0x3
#define CRW_RSC_CPATH	0x4
#define CRW_RSC_CONFIG	0x9
#define CRW_RSC_CSS	0xB

#define CRW_ERC_EVENT	0x00
#define CRW_ERC_AVAIL	0x01
#define CRW_ERC_INIT	0x02
#define CRW_ERC_TERROR	0x03
#define CRW_ERC_IPARM	0x04
#define CRW_ERC_TERM	0x05
#define CRW_ERC_PERRN	0x06
#define CRW_ERC_PERRI	0x07
#define CRW_ERC_PMOD	0x08

#endif /* _ASM_S390_CRW_H */

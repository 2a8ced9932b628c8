/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Channel-subsystem control blocks, in two byte images.
 *
 * The guest stores ORBs, SCHIBs, IRBs and CRWs in its memory in the
 * architected (big-endian, bit 0 = most significant) layout: that is what
 * the VMM's virtual channel subsystem reads and writes, by architected
 * bit position.  vfio-ccw's regions hold the same blocks as the C compiler
 * of the host kernel lays out 6.1's bitfield structures: identical on
 * s390x, mirrored within each 32-bit word on a little-endian host
 * (Documentation/s390/channel-subsystem.rst, "Byte order").  A block is
 * converted word by word from a list of its fields' widths, most
 * significant first; fields of 8, 16 or 32 bits that sit on their natural
 * boundary come out as the native integers or bytes the structures have.
 */
#ifndef VMM_CB_H
#define VMM_CB_H

#include <endian.h>
#include <stdint.h>
#include <string.h>

#define ORB_SIZE	12
#define SCSW_SIZE	12
#define PMCW_SIZE	28
#define SCHIB_SIZE	52
#define ESW_SIZE	20
#define ECW_SIZE	32
#define IRB_SIZE	96	/* what TSCH stores: SCSW, ESW, ECW, EMW */

/* widths of the fields of each word; a 0 ends a word, 99 ends the block */
extern const uint8_t cb_orb[], cb_scsw[], cb_schib[], cb_esw0[], cb_crw[];

/* architected bytes at @arch <-> host-kernel layout at @host */
void cb_to_host(void *host, const void *arch, const uint8_t *layout);
void cb_to_arch(void *arch, const void *host, const uint8_t *layout);

/* Architected bit fields: word @w of @blk, bits @bit..@bit+@len-1. */
static inline uint32_t cb_get(const void *blk, int w, int bit, int len)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)blk + 4 * w, 4);
	v = be32toh(v);
	return len == 32 ? v : (v >> (32 - bit - len)) & ((1u << len) - 1);
}

static inline void cb_put(void *blk, int w, int bit, int len, uint32_t val)
{
	uint32_t v, mask = ~0u;

	if (len < 32)
		mask = ((1u << len) - 1) << (32 - bit - len);

	memcpy(&v, (uint8_t *)blk + 4 * w, 4);
	v = be32toh(v);
	v = (v & ~mask) | ((val << (len == 32 ? 0 : 32 - bit - len)) & mask);
	v = htobe32(v);
	memcpy((uint8_t *)blk + 4 * w, &v, 4);
}

/* ORB (word, bit, length) */
#define ORB_INTPARM	0, 0, 32
#define ORB_KEY		1, 0, 4
#define ORB_SPND	1, 4, 1
#define ORB_FMT		1, 8, 1
#define ORB_RES_B	1, 13, 1	/* reserved in a command-mode ORB */
#define ORB_LPM		1, 16, 8
#define ORB_MIDAW	1, 25, 1
#define ORB_RES_ZERO	1, 26, 5
#define ORB_CPA		2, 0, 32

/* SCSW, at word 0 of an IRB and word 7 of a SCHIB (add the offset) */
#define SCSW_KEY	0, 0, 4
#define SCSW_ESWF	0, 5, 1
#define SCSW_CC		0, 6, 2
#define SCSW_PNO	0, 13, 1
#define SCSW_FCTL	0, 17, 3
#define SCSW_ACTL	0, 20, 7
#define SCSW_STCTL	0, 27, 5
#define SCSW_CPA	1, 0, 32
#define SCSW_DSTAT	2, 0, 8
#define SCSW_CSTAT	2, 8, 8
#define SCSW_COUNT	2, 16, 16

#define FCTL_START	4
#define FCTL_HALT	2
#define FCTL_CLEAR	1
#define ACTL_RESUME_PEND	0x40
#define ACTL_START_PEND		0x20
#define ACTL_HALT_PEND		0x10
#define ACTL_CLEAR_PEND		0x08
#define ACTL_SCH_ACTIVE		0x04
#define ACTL_DEV_ACTIVE		0x02
#define ACTL_SUSPENDED		0x01
#define STCTL_ALERT	0x10
#define STCTL_INTERMEDIATE 0x08
#define STCTL_PRIMARY	0x04
#define STCTL_SECONDARY	0x02
#define STCTL_PENDING	0x01
#define DSTAT_UNIT_EXCEPTION	0x01
#define DSTAT_UNIT_CHECK	0x02
#define DSTAT_DEV_END		0x04
#define DSTAT_CHN_END		0x08
#define CSTAT_PROG_CHECK	0x20
#define CSTAT_DATA_CHECK	0x08
#define CSTAT_CHN_CTRL_CHECK	0x04

/* PMCW, words 0-6 of a SCHIB */
#define PMCW_INTPARM	0, 0, 32
#define PMCW_ISC	1, 2, 3
#define PMCW_RES_W1	1, 5, 3
#define PMCW_ENA	1, 8, 1
#define PMCW_LM		1, 9, 2
#define PMCW_MME	1, 11, 2
#define PMCW_MP		1, 13, 1
#define PMCW_DNV	1, 15, 1
#define PMCW_DEV	1, 16, 16
#define PMCW_LPM	2, 0, 8
#define PMCW_PNOM	2, 8, 8
#define PMCW_LPUM	2, 16, 8
#define PMCW_PIM	2, 24, 8
#define PMCW_MBI	3, 0, 16
#define PMCW_POM	3, 16, 8
#define PMCW_PAM	3, 24, 8
#define PMCW_RES_W6	6, 0, 29	/* but ST (bits 8-10): see css.c */
#define PMCW_ST		6, 8, 3
#define PMCW_MBFC	6, 29, 1
#define PMCW_XMWME	6, 30, 1
#define PMCW_CSENSE	6, 31, 1
#define SCHIB_SCSW_WORD	7

/* ESW format 0, words 3-7 of an IRB */
#define IRB_ESW_WORD	3
#define ERW_CONS	4, 7, 1	/* IRB word 4: the ERW */
#define IRB_ECW_OFF	32

/* CRW */
#define CRW_OFLW	0, 2, 1
#define CRW_CHN		0, 3, 1
#define CRW_RSC		0, 4, 4
#define CRW_ERC		0, 10, 6
#define CRW_RSID	0, 16, 16
#define CRW_RSC_SCH	3
#define CRW_ERC_EVENT	0	/* event information pending */

/* program-interruption codes the I/O instructions can take */
#define PGM_ADDRESSING		0x05
#define PGM_SPECIFICATION	0x06
#define PGM_OPERAND		0x15

#endif /* VMM_CB_H */

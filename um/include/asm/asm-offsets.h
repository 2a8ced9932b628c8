/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lowcore offsets under 6.1's names (the kernel generates them from
 * struct lowcore in asm/asm-offsets.h at build time).  The user-mode host
 * has no struct lowcore; these are the architected z/Architecture
 * offsets the interrupt code and the simulated CPU use.
 */
#ifndef __ASM_OFFSETS_H__
#define __ASM_OFFSETS_H__

#define __LC_EXT_PARAMS			0x0080
#define __LC_EXT_CPU_ADDR		0x0084
#define __LC_EXT_INT_CODE		0x0086
#define __LC_PGM_ILC			0x008c
#define __LC_PGM_INT_CODE		0x008e
#define __LC_DATA_EXC_CODE		0x0090
#define __LC_MON_CLASS_NR		0x0094
#define __LC_PER_CODE			0x0096
#define __LC_PER_ATMID			0x0097
#define __LC_PER_ADDRESS		0x0098
#define __LC_EXC_ACCESS_ID		0x00a0
#define __LC_PER_ACCESS_ID		0x00a1
#define __LC_OP_ACCESS_ID		0x00a2
#define __LC_TRANS_EXC_CODE		0x00a8
#define __LC_MON_CODE			0x00b0
#define __LC_SUBCHANNEL_ID		0x00b8
#define __LC_SUBCHANNEL_NR		0x00ba
#define __LC_IO_INT_PARM		0x00bc
#define __LC_IO_INT_WORD		0x00c0
#define __LC_MCCK_CODE			0x00e8
#define __LC_EXT_DAMAGE_CODE		0x00f4
#define __LC_MCCK_FAIL_STOR_ADDR	0x00f8
#define __LC_RST_OLD_PSW		0x0120
#define __LC_EXT_OLD_PSW		0x0130
#define __LC_SVC_OLD_PSW		0x0140
#define __LC_PGM_OLD_PSW		0x0150
#define __LC_MCK_OLD_PSW		0x0160
#define __LC_IO_OLD_PSW			0x0170
#define __LC_RST_NEW_PSW		0x01a0
#define __LC_EXT_NEW_PSW		0x01b0
#define __LC_SVC_NEW_PSW		0x01c0
#define __LC_PGM_NEW_PSW		0x01d0
#define __LC_MCK_NEW_PSW		0x01e0
#define __LC_IO_NEW_PSW			0x01f0
#define __LC_EXT_PARAMS2		0x11b8

#endif /* __ASM_OFFSETS_H__ */

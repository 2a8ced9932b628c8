/* SPDX-License-Identifier: GPL-2.0 */
/* I/O interruption subclasses: the host's <asm/isc.h>. */
#ifndef _ASM_S390_ISC_H
#define _ASM_S390_ISC_H

#include <linux/types.h>

#define MAX_ISC		7

#define IO_SCH_ISC	3	/* regular I/O subchannels */
#define CONSOLE_ISC	1
#define EADM_SCH_ISC	4
#define CHSC_SCH_ISC	7
#define VFIO_CCW_ISC	IO_SCH_ISC
#define QDIO_AIRQ_ISC	IO_SCH_ISC
#define PCI_ISC		2
#define GAL_ISC		5
#define AP_ISC		6

/* enable/disable an I/O interruption subclass (um/cio/css.c) */
void isc_register(unsigned int isc);
void isc_unregister(unsigned int isc);

#endif /* _ASM_S390_ISC_H */

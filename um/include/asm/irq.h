/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <asm/irq.h>: s390's interruption classes and
 * inc_irq_stat(), which counts them for /proc/interrupts.  The host has
 * no /proc/interrupts, so the count goes nowhere.
 */
#ifndef _UM_ASM_IRQ_H
#define _UM_ASM_IRQ_H

enum interruption_class {
	IRQIO_CIO = 1,		/* common I/O layer: what vfio-ccw counts */
	NR_ARCH_IRQS
};

static inline void inc_irq_stat(enum interruption_class irq)
{
}

#endif /* _UM_ASM_IRQ_H */

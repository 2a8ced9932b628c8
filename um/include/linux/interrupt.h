/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_INTERRUPT_H
#define _UM_LINUX_INTERRUPT_H

/*
 * interrupt.h-lite: no hardware interrupts in the user-mode host; the
 * simulated machine delivers "interrupts" from its own threads.
 */
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/preempt.h>
#include <linux/kernel.h>

typedef enum irqreturn {
	IRQ_NONE		= (0 << 0),
	IRQ_HANDLED		= (1 << 0),
	IRQ_WAKE_THREAD		= (1 << 1),
} irqreturn_t;
#define IRQ_RETVAL(x)	((x) ? IRQ_HANDLED : IRQ_NONE)

#endif

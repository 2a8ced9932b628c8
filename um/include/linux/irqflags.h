/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_IRQFLAGS_H
#define _UM_LINUX_IRQFLAGS_H

#include <linux/typecheck.h>

/*
 * There are no interrupts in the user-mode host: "interrupt" context is
 * an ordinary thread (workqueue or simulated device), so disabling them
 * is a no-op and the saved flags are always 0.
 */
#define local_irq_enable()	do { } while (0)
#define local_irq_disable()	do { } while (0)
#define local_irq_save(flags)	\
	do { typecheck(unsigned long, flags); (flags) = 0; } while (0)
#define local_irq_restore(flags) \
	do { typecheck(unsigned long, flags); (void)(flags); } while (0)
#define irqs_disabled()		0
#define raw_local_irq_save	local_irq_save
#define raw_local_irq_restore	local_irq_restore

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_HARDIRQ_H
#define _UM_LINUX_HARDIRQ_H

#include <linux/preempt.h>

/*
 * Entering and leaving the host's interruption context (the I/O
 * handler, um/cio/css.c): in_interrupt() holds in between, and
 * might_sleep() and the host's sleeping primitives warn there.
 */
static inline void irq_enter(void)
{
	um_hardirq_count++;
}

static inline void irq_exit(void)
{
	um_hardirq_count--;
}

#endif

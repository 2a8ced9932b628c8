/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_PREEMPT_H
#define _UM_LINUX_PREEMPT_H

/*
 * User-mode threads are always preemptible; preempt_disable() only keeps
 * its compiler barrier.  The one context besides process context is hard
 * irq: the host CPU's I/O-interruption handler (um/cio/css.c) runs
 * between irq_enter() and irq_exit() (<linux/hardirq.h>), which count
 * per thread.  There are no softirqs or NMIs.
 */
extern __thread unsigned int um_hardirq_count
	__attribute__((tls_model("initial-exec")));

/* might_sleep(): warns when called in interruption context */
void um_might_sleep(const char *file, int line);

#define HARDIRQ_OFFSET		(1U << 16)
#define preempt_disable()	__asm__ __volatile__("" : : : "memory")
#define preempt_enable()	__asm__ __volatile__("" : : : "memory")
#define preempt_enable_no_resched() preempt_enable()
#define preempt_count()		(um_hardirq_count * HARDIRQ_OFFSET)
#define in_hardirq()		(um_hardirq_count != 0)
#define in_irq()		in_hardirq()
#define in_interrupt()		in_hardirq()
#define in_softirq()		0
#define in_serving_softirq()	0
#define in_nmi()		0
#define in_task()		(!in_hardirq())
#define in_atomic()		in_hardirq()
#define preemptible()		(!in_atomic())
#define migrate_disable()	do { } while (0)
#define migrate_enable()	do { } while (0)

#endif

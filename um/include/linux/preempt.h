/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_PREEMPT_H
#define _UM_LINUX_PREEMPT_H

/*
 * User-mode threads are always preemptible and never in hard/soft irq
 * context; preempt_disable() only keeps its compiler barrier.
 */
#define preempt_disable()	__asm__ __volatile__("" : : : "memory")
#define preempt_enable()	__asm__ __volatile__("" : : : "memory")
#define preempt_enable_no_resched() preempt_enable()
#define preempt_count()		0
#define in_interrupt()		0
#define in_irq()		0
#define in_hardirq()		0
#define in_softirq()		0
#define in_serving_softirq()	0
#define in_nmi()		0
#define in_task()		1
#define in_atomic()		0
#define preemptible()		1
#define migrate_disable()	do { } while (0)
#define migrate_enable()	do { } while (0)

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A log of the interruptions a guest took, for tests that check order
 * and lowcore contents: the guest's handlers append (class, four lowcore
 * values) at IRQ_LOG_GPA, big-endian as the guest stores them; the VMM
 * side reads entries back in host byte order.
 */
#ifndef SELFTEST_KVM_S390_IRQ_LOG_H
#define SELFTEST_KVM_S390_IRQ_LOG_H

#include <stdint.h>

#include "s390/vm.h"

#define IRQ_LOG_GPA	0x300000UL	/* u64 count, then entries */
#define IRQ_LOG_MAX	64

struct irq_log_entry {
	uint64_t cls;		/* enum guest_irq_class */
	uint64_t a, b, c, d;
};

/* guest side: append one entry (dropped once the log is full) */
void irq_log_add(uint64_t cls, uint64_t a, uint64_t b, uint64_t c,
		 uint64_t d);

/* VMM side */
uint64_t irq_log_count(struct sim_vm *vm);
struct irq_log_entry irq_log_at(struct sim_vm *vm, int i);

#endif /* SELFTEST_KVM_S390_IRQ_LOG_H */

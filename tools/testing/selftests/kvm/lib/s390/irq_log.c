// SPDX-License-Identifier: GPL-2.0
/* The guest's interruption log; see s390/irq_log.h. */
#include <endian.h>

#include "../../include/s390/irq_log.h"

void irq_log_add(uint64_t cls, uint64_t a, uint64_t b, uint64_t c,
		 uint64_t d)
{
	uint64_t n = guest_read64(IRQ_LOG_GPA);
	uint64_t e = IRQ_LOG_GPA + 8 + n * sizeof(struct irq_log_entry);

	if (n >= IRQ_LOG_MAX)
		return;
	guest_write64(e, cls);
	guest_write64(e + 8, a);
	guest_write64(e + 16, b);
	guest_write64(e + 24, c);
	guest_write64(e + 32, d);
	guest_write64(IRQ_LOG_GPA, n + 1);
}

uint64_t irq_log_count(struct sim_vm *vm)
{
	return be64toh(*(uint64_t *)sim_gpa2hva(vm, IRQ_LOG_GPA));
}

struct irq_log_entry irq_log_at(struct sim_vm *vm, int i)
{
	const struct irq_log_entry *raw =
		(const void *)((char *)sim_gpa2hva(vm, IRQ_LOG_GPA + 8) +
			       i * sizeof(*raw));

	return (struct irq_log_entry){
		.cls = be64toh(raw->cls),
		.a = be64toh(raw->a),
		.b = be64toh(raw->b),
		.c = be64toh(raw->c),
		.d = be64toh(raw->d),
	};
}

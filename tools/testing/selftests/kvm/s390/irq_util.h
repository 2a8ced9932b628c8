/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the adapter-routing and irqfd selftests: irqchip setup,
 * adapter routes, irqfds, and the architected indicator-bit numbering,
 * written independently of the kernel's code so the tests check it.
 */
#ifndef SELFTEST_KVM_S390_IRQ_UTIL_H
#define SELFTEST_KVM_S390_IRQ_UTIL_H

#include <poll.h>
#include <sched.h>
#include <stdbool.h>
#include <sys/eventfd.h>

#include "flic_util.h"

static inline int enable_irqchip(int vm_fd)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_S390_IRQCHIP };

	if (ioctl(vm_fd, KVM_ENABLE_CAP, &cap))
		return -1;
	return ioctl(vm_fd, KVM_CREATE_IRQCHIP, 0);
}

static inline int register_adapter(int flic_fd, uint32_t id, uint32_t isc,
				   bool swap, bool maskable, bool suppressible)
{
	struct kvm_s390_io_adapter a = {
		.id = id, .isc = isc, .maskable = maskable, .swap = swap,
		.flags = suppressible ? KVM_S390_ADAPTER_SUPPRESSIBLE : 0,
	};

	return flic_set(flic_fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			(uintptr_t)&a);
}

static inline int modify_adapter(int flic_fd, uint32_t id, uint8_t type,
				 uint8_t mask, uint64_t addr)
{
	struct kvm_s390_io_adapter_req r = {
		.id = id, .type = type, .mask = mask, .addr = addr,
	};

	return flic_set(flic_fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			(uintptr_t)&r);
}

static inline int set_ais_mode(int flic_fd, uint8_t isc, uint16_t mode)
{
	struct kvm_s390_ais_req r = { .isc = isc, .mode = mode };

	return flic_set(flic_fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&r);
}

struct route {
	uint32_t gsi, adapter;
	uint64_t ind, sum, ind_off;
	uint32_t sum_off;
};

/* KVM_SET_GSI_ROUTING with @n adapter routes (replaces the table). */
static inline int set_routes(int vm_fd, const struct route *r, int n)
{
	struct kvm_irq_routing *rt;
	int i, ret;

	rt = calloc(1, sizeof(*rt) + n * sizeof(rt->entries[0]));
	if (!rt)
		return -1;
	rt->nr = n;
	for (i = 0; i < n; i++) {
		rt->entries[i].gsi = r[i].gsi;
		rt->entries[i].type = KVM_IRQ_ROUTING_S390_ADAPTER;
		rt->entries[i].u.adapter.ind_addr = r[i].ind;
		rt->entries[i].u.adapter.summary_addr = r[i].sum;
		rt->entries[i].u.adapter.ind_offset = r[i].ind_off;
		rt->entries[i].u.adapter.summary_offset = r[i].sum_off;
		rt->entries[i].u.adapter.adapter_id = r[i].adapter;
	}
	ret = ioctl(vm_fd, KVM_SET_GSI_ROUTING, rt);
	free(rt);
	return ret;
}

static inline int irqfd(int vm_fd, int fd, uint32_t gsi, uint32_t flags)
{
	struct kvm_irqfd d = { .fd = fd, .gsi = gsi, .flags = flags };

	return ioctl(vm_fd, KVM_IRQFD, &d);
}

static inline void efd_signal(int efd)
{
	uint64_t one = 1;

	if (write(efd, &one, sizeof(one)) != sizeof(one))
		abort();
}

static inline bool efd_pending(int efd)
{
	struct pollfd p = { .fd = efd, .events = POLLIN };

	return poll(&p, 1, 0) == 1;
}

/*
 * Wait until the irqfd consumed the counter, then deassign it: once
 * KVM_IRQFD(DEASSIGN) returns, no injection from it is in flight, so
 * the injection is complete. Re-assign so it can be used again.
 */
static inline int efd_settle(int vm_fd, int efd, uint32_t gsi)
{
	while (efd_pending(efd))
		sched_yield();
	if (irqfd(vm_fd, efd, gsi, KVM_IRQFD_FLAG_DEASSIGN))
		return -1;
	return irqfd(vm_fd, efd, gsi, 0);
}

/*
 * The architected position of indicator bit @nr relative to the page of
 * @addr: byte offset in the page and the mask in that byte.
 *   swap = 1: bit b = nr + 8 * (addr % 4096), MSB-first in byte b / 8;
 *   swap = 0: numbered from the least significant bit of each big-endian
 *             64-bit word: word b / 64, bit b % 64 from its LSB.
 */
static inline void ind_pos(uint64_t addr, uint64_t nr, bool swap,
			   uint64_t *byte, uint8_t *mask)
{
	uint64_t b = nr + 8 * (addr % 4096);

	if (swap) {
		*byte = b / 8;
		*mask = 0x80 >> (b % 8);
	} else {
		*byte = (b / 64) * 8 + 7 - (b % 64) / 8;
		*mask = 1u << (b % 8);
	}
}

/* The adapter interrupts pending in the FLIC for @isc; -1 on error. */
static inline int adapter_irqs(int flic_fd, int isc)
{
	struct kvm_s390_irq *irqs;
	int i, n, cnt = 0;

	n = get_all_irqs(flic_fd, &irqs);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (irqs[i].type == KVM_S390_INT_IO(1, 0, 0, 0) &&
		    irqs[i].u.io.io_int_word == AI_WORD(isc))
			cnt++;
	free(irqs);
	return cnt;
}

#endif /* SELFTEST_KVM_S390_IRQ_UTIL_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the FLIC selftests: device attributes, interrupt records
 * and binary statistics, through the syscall interface only.
 */
#ifndef SELFTEST_KVM_S390_FLIC_UTIL_H
#define SELFTEST_KVM_S390_FLIC_UTIL_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "../include/kvm_s390_test.h"
#include "s390/vm.h"

#define IRQ_SZ		sizeof(struct kvm_s390_irq)
#define PAGE_SZ		4096UL

/* I/O interruption word of a classic I/O interrupt for @isc */
#define IO_WORD(isc)	((uint32_t)(isc) << 27)
/* of an adapter interrupt */
#define AI_WORD(isc)	(0x80000000u | ((uint32_t)(isc) << 27))
/* subchannel id as stored: cssid << 8 | ssid << 1 | 1 */
#define SCH_ID(ssid)	((uint16_t)(((ssid) << 1) | 1))

static inline int create_flic(int vm_fd)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_FLIC };

	if (ioctl(vm_fd, KVM_CREATE_DEVICE, &cd))
		return -1;
	return cd.fd;
}

static inline int flic_attr(int fd, unsigned long req, uint32_t group,
			    uint64_t attr, uint64_t addr)
{
	struct kvm_device_attr a = {
		.group = group, .attr = attr, .addr = addr,
	};

	return ioctl(fd, req, &a);
}

#define flic_set(fd, g, at, ad) flic_attr(fd, KVM_SET_DEVICE_ATTR, g, at, ad)
#define flic_get(fd, g, at, ad) flic_attr(fd, KVM_GET_DEVICE_ATTR, g, at, ad)
#define flic_has(fd, g, at, ad) flic_attr(fd, KVM_HAS_DEVICE_ATTR, g, at, ad)

static inline struct kvm_s390_irq io_irq(uint16_t nr, uint32_t parm, int isc)
{
	struct kvm_s390_irq irq;

	memset(&irq, 0, sizeof(irq));
	irq.type = KVM_S390_INT_IO(0, 0, 0, nr);
	irq.u.io.subchannel_id = SCH_ID(0);
	irq.u.io.subchannel_nr = nr;
	irq.u.io.io_int_parm = parm;
	irq.u.io.io_int_word = IO_WORD(isc);
	return irq;
}

static inline struct kvm_s390_irq ext_irq(uint64_t type, uint32_t p,
					  uint64_t p2)
{
	struct kvm_s390_irq irq;

	memset(&irq, 0, sizeof(irq));
	irq.type = type;
	irq.u.ext.ext_params = p;
	irq.u.ext.ext_params2 = p2;
	return irq;
}

static inline int enqueue(int fd, const struct kvm_s390_irq *irqs, size_t n)
{
	return flic_set(fd, KVM_DEV_FLIC_ENQUEUE, n * IRQ_SZ,
			(uintptr_t)irqs);
}

/*
 * GET_ALL_IRQS the way QEMU saves: start with one page, double on ENOMEM
 * up to KVM_S390_FLIC_MAX_BUFFER. Returns the count (buffer in *out, to
 * be freed) or -errno (*out NULL, so free(*out) is always right).
 */
static inline int get_all_irqs(int fd, struct kvm_s390_irq **out)
{
	uint64_t len = PAGE_SZ;
	void *buf;
	int r;

	*out = NULL;
	for (;;) {
		buf = malloc(len);
		if (!buf)
			return -ENOMEM;
		r = flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS, len,
			     (uintptr_t)buf);
		if (r >= 0) {
			*out = buf;
			return r;
		}
		r = -errno;
		free(buf);
		if (r != -ENOMEM || len >= KVM_S390_FLIC_MAX_BUFFER)
			return r;
		len *= 2;
	}
}

/*
 * The I/O interrupts (not adapter ones) pending in the FLIC for guest
 * subchannel @schid (its subchannel-id word); the last one's intparm in
 * *@intparm and interruption word in *@word (either may be NULL).
 * -errno if GET_ALL_IRQS failed.
 */
static inline int flic_io_irqs(int flic, uint32_t schid, uint32_t *intparm,
			       uint32_t *word)
{
	struct kvm_s390_irq *irqs;
	int i, n, found = 0;

	n = get_all_irqs(flic, &irqs);
	for (i = 0; i < n; i++) {
		if (irqs[i].type > KVM_S390_INT_IO_MAX ||
		    irqs[i].u.io.subchannel_id != schid >> 16 ||
		    irqs[i].u.io.subchannel_nr != (schid & 0xffff))
			continue;
		found++;
		if (intparm)
			*intparm = irqs[i].u.io.io_int_parm;
		if (word)
			*word = irqs[i].u.io.io_int_word;
	}
	free(irqs);
	return n < 0 ? n : found;
}

static inline int64_t stat_of(int fd, const char *name)
{
	int sfd = ioctl(fd, KVM_GET_STATS_FD, NULL);
	int64_t v;

	if (sfd < 0)
		return -1;
	v = stats_read(sfd, name);
	close(sfd);
	return v;
}

static inline int enable_ais(int vm_fd)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_S390_AIS };

	return ioctl(vm_fd, KVM_ENABLE_CAP, &cap);
}

#endif /* SELFTEST_KVM_S390_FLIC_UTIL_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Access to a vcpu's lowcore (the prefix area) for interrupt delivery.
 *
 * Same names and meaning as 6.1's gaccess.h helpers (put_guest_lc,
 * read_guest_lc, write_guest_lc): guest real addresses of the lowcore,
 * no key or low-address protection, translated through the vcpu's prefix.
 * Built over kvm_read_guest()/kvm_write_guest(), so they work wherever the
 * KVM core offers those. Values in the lowcore are architected big-endian:
 * put_guest_lc() converts; the PSW helpers store a PSW as the two
 * big-endian doublewords the architecture defines.
 */
#ifndef ARCH_S390_KVM_GACCESS_H
#define ARCH_S390_KVM_GACCESS_H

#include <linux/kvm_host.h>
#include <asm/byteorder.h>
#include "kvm-s390.h"

/*
 * kvm_s390_real_to_abs - guest real address to guest absolute address
 * @vcpu: virtual cpu whose prefix applies
 * @gra: guest real address
 */
static inline unsigned long kvm_s390_real_to_abs(struct kvm_vcpu *vcpu,
						 unsigned long gra)
{
	unsigned long prefix = kvm_s390_get_prefix(vcpu);

	if (gra < 2 * PAGE_SIZE)
		gra += prefix;
	else if (gra >= prefix && gra < prefix + 2 * PAGE_SIZE)
		gra -= prefix;
	return gra;
}

static inline int write_guest_lc(struct kvm_vcpu *vcpu, unsigned long gra,
				 void *data, unsigned long len)
{
	unsigned long gpa = gra + kvm_s390_get_prefix(vcpu);

	return kvm_write_guest(vcpu->kvm, gpa, data, len);
}

static inline int read_guest_lc(struct kvm_vcpu *vcpu, unsigned long gra,
				void *data, unsigned long len)
{
	unsigned long gpa = gra + kvm_s390_get_prefix(vcpu);

	return kvm_read_guest(vcpu->kvm, gpa, data, len);
}

/* Store @val, @size bytes wide, big-endian at lowcore address @gra. */
static inline int __put_guest_lc(struct kvm_vcpu *vcpu, u64 val,
				 unsigned long gra, int size)
{
	__be64 v64;
	__be32 v32;
	__be16 v16;
	u8 v8;

	switch (size) {
	case 1:
		v8 = val;
		return write_guest_lc(vcpu, gra, &v8, 1);
	case 2:
		v16 = cpu_to_be16(val);
		return write_guest_lc(vcpu, gra, &v16, 2);
	case 4:
		v32 = cpu_to_be32(val);
		return write_guest_lc(vcpu, gra, &v32, 4);
	default:
		v64 = cpu_to_be64(val);
		return write_guest_lc(vcpu, gra, &v64, 8);
	}
}

/*
 * put_guest_lc - write a simple variable to a guest vcpu's lowcore
 * @vcpu: virtual cpu
 * @x: value to store
 * @gra: pointer-typed lowcore address; its type gives the width
 */
#define put_guest_lc(vcpu, x, gra)					\
	__put_guest_lc(vcpu, (u64)(x), (unsigned long)(gra), sizeof(*(gra)))

/* Store a PSW (mask, address) at lowcore address @gra. */
static inline int write_guest_lc_psw(struct kvm_vcpu *vcpu, unsigned long gra,
				     const psw_t *psw)
{
	__be64 raw[2] = { cpu_to_be64(psw->mask), cpu_to_be64(psw->addr) };

	return write_guest_lc(vcpu, gra, raw, sizeof(raw));
}

/* Load a PSW from lowcore address @gra. */
static inline int read_guest_lc_psw(struct kvm_vcpu *vcpu, unsigned long gra,
				    psw_t *psw)
{
	__be64 raw[2];
	int rc;

	rc = read_guest_lc(vcpu, gra, raw, sizeof(raw));
	if (rc)
		return rc;
	psw->mask = be64_to_cpu(raw[0]);
	psw->addr = be64_to_cpu(raw[1]);
	return 0;
}

#endif /* ARCH_S390_KVM_GACCESS_H */

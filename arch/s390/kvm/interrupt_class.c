// SPDX-License-Identifier: GPL-2.0
/*
 * Classification of s390 interrupt types and I/O interruption words.
 *
 * Pure helpers without state: they are shared by the FLIC, the vcpu
 * injection path and the interrupt save/restore code, and are easy to
 * test on their own.
 */

#include <linux/errno.h>
#include <linux/kvm.h>
#include <linux/limits.h>
#include <linux/types.h>

#include "interrupt_class.h"

/*
 * The ISC is bits 2-4 of the I/O interruption word (bit 0 is the most
 * significant bit of the big-endian word).
 */
#define IO_INT_WORD_ISC_MASK	0x38000000u
#define IO_INT_WORD_ISC_SHIFT	27

/**
 * kvm_s390_irq_class() - tell where an interrupt type may be queued
 * @type: interrupt type, a KVM_S390_* value of the KVM uapi
 *
 * Every 32-bit value from KVM_S390_INT_IO_MIN to KVM_S390_INT_IO_MAX is an
 * I/O interrupt (the value encodes the subchannel and the adapter bit), so
 * I/O types are recognised by range. Machine checks exist both as floating
 * (e.g. channel report pending) and as vcpu-local interrupts.
 *
 * Return: a mask of KVM_S390_IRQ_CLASS_FLOATING and
 * KVM_S390_IRQ_CLASS_LOCAL, or -EINVAL for an unknown type.
 */
int kvm_s390_irq_class(u64 type)
{
	if (type > U32_MAX)
		return -EINVAL;

	switch (type) {
	case KVM_S390_INT_IO_MIN ... KVM_S390_INT_IO_MAX:
	case KVM_S390_INT_SERVICE:
	case KVM_S390_INT_VIRTIO:
	case KVM_S390_INT_PFAULT_DONE:
		return KVM_S390_IRQ_CLASS_FLOATING;
	case KVM_S390_MCHK:
		return KVM_S390_IRQ_CLASS_FLOATING | KVM_S390_IRQ_CLASS_LOCAL;
	case KVM_S390_SIGP_STOP:
	case KVM_S390_PROGRAM_INT:
	case KVM_S390_SIGP_SET_PREFIX:
	case KVM_S390_RESTART:
	case KVM_S390_INT_PFAULT_INIT:
	case KVM_S390_INT_CLOCK_COMP:
	case KVM_S390_INT_CPU_TIMER:
	case KVM_S390_INT_EMERGENCY:
	case KVM_S390_INT_EXTERNAL_CALL:
		return KVM_S390_IRQ_CLASS_LOCAL;
	default:
		return -EINVAL;
	}
}

/**
 * kvm_s390_io_isc() - extract the interruption subclass of an I/O interrupt
 * @io_int_word: the I/O interruption word, in host byte order
 *
 * Return: the ISC, 0 to KVM_S390_IO_ISC_MAX.
 */
int kvm_s390_io_isc(u32 io_int_word)
{
	return (io_int_word & IO_INT_WORD_ISC_MASK) >> IO_INT_WORD_ISC_SHIFT;
}

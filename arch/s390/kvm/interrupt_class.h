/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Classification of s390 interrupt types as they appear in the KVM uapi
 * (struct kvm_s390_irq.type, struct kvm_s390_interrupt.type).
 *
 * The FLIC, KVM_S390_INTERRUPT on the VM and on a vcpu, and the migration
 * path all have to agree on which types are floating (queued for the whole
 * VM) and which are local (queued for one vcpu), so the rule lives here.
 */
#ifndef __KVM_S390_INTERRUPT_CLASS_H
#define __KVM_S390_INTERRUPT_CLASS_H

#include <linux/types.h>

/* Bits of the value returned by kvm_s390_irq_class() */
#define KVM_S390_IRQ_CLASS_FLOATING	0x1	/* may be queued for the VM */
#define KVM_S390_IRQ_CLASS_LOCAL	0x2	/* may be queued for a vcpu */

/* Highest interruption subclass (ISC) of an I/O interrupt */
#define KVM_S390_IO_ISC_MAX		7

int kvm_s390_irq_class(u64 type);
int kvm_s390_io_isc(u32 io_int_word);

#endif /* __KVM_S390_INTERRUPT_CLASS_H */

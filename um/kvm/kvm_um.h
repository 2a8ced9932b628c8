/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hooks of the user-mode KVM core for the rest of the host (the simulated
 * CPU in um/hw, later um/kvm/s390 parts).  Portable code never includes
 * this; it uses <linux/kvm_host.h> only.
 *
 * - Extra vcpu/VM ioctls (KVM_RUN, KVM_S390_IRQ, KVM_S390_INTERRUPT, ...)
 *   are added with kvm_um_register_{vcpu,vm}_ioctl(); a registered handler
 *   takes precedence over the core's built-in one.  Vcpu handlers run with
 *   vcpu->mutex held (one vcpu ioctl at a time, as upstream).
 * - The CPU model plugs into vcpu creation/destruction and wake-ups with
 *   kvm_um_set_arch_ops().
 */
#ifndef _UM_KVM_KVM_UM_H
#define _UM_KVM_KVM_UM_H

#include <linux/kvm_host.h>

typedef long (*kvm_um_vcpu_ioctl_fn)(struct kvm_vcpu *vcpu,
				     unsigned int ioctl, unsigned long arg);
typedef long (*kvm_um_vm_ioctl_fn)(struct kvm *kvm, unsigned int ioctl,
				   unsigned long arg);

/* -EEXIST if @ioctl already has a registered handler, -ENOSPC if full. */
int kvm_um_register_vcpu_ioctl(unsigned int ioctl, kvm_um_vcpu_ioctl_fn fn);
int kvm_um_register_vm_ioctl(unsigned int ioctl, kvm_um_vm_ioctl_fn fn);
void kvm_um_unregister_vcpu_ioctl(unsigned int ioctl);
void kvm_um_unregister_vm_ioctl(unsigned int ioctl);

struct kvm_um_arch_ops {
	/* after the core's vcpu setup; error aborts KVM_CREATE_VCPU */
	int (*vcpu_create)(struct kvm_vcpu *vcpu);
	/* when the VM is destroyed, before the vcpu is freed */
	void (*vcpu_destroy)(struct kvm_vcpu *vcpu);
	/* make a running vcpu leave the guest and look at its requests */
	void (*vcpu_kick)(struct kvm_vcpu *vcpu);
	/* wake a vcpu in enabled wait; true if it was waiting */
	bool (*vcpu_wake_up)(struct kvm_vcpu *vcpu);
	/* VM creation/destruction (machine state in kvm->arch.um_machine) */
	int (*vm_init)(struct kvm *kvm);
	void (*vm_destroy)(struct kvm *kvm);
};

/* Set once at init time, before any VM exists. */
void kvm_um_set_arch_ops(const struct kvm_um_arch_ops *ops);

#endif /* _UM_KVM_KVM_UM_H */

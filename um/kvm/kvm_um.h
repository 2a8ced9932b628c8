/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hooks of the user-mode KVM core for the simulated machine (um/hw): it
 * plugs into vcpu creation/destruction and kicks with
 * kvm_um_set_arch_ops(), as the hardware is to the generic core.  Portable code never includes this; it uses
 * <linux/kvm_host.h> only.
 */
#ifndef _UM_KVM_KVM_UM_H
#define _UM_KVM_KVM_UM_H

#include <linux/kvm_host.h>

struct kvm_um_arch_ops {
	/* after the core's vcpu setup; error aborts KVM_CREATE_VCPU */
	int (*vcpu_create)(struct kvm_vcpu *vcpu);
	/* when the VM is destroyed, before the vcpu is freed */
	void (*vcpu_destroy)(struct kvm_vcpu *vcpu);
	/* make a running vcpu leave the guest (any thread) */
	void (*vcpu_kick)(struct kvm_vcpu *vcpu);
	/* a kick is pending: a halted vcpu gets up (any thread) */
	bool (*vcpu_kicked)(struct kvm_vcpu *vcpu);
	/* VM creation/destruction (machine state in kvm->arch.um_machine) */
	int (*vm_init)(struct kvm *kvm);
	void (*vm_destroy)(struct kvm *kvm);
};

/* Set once at init time, before any VM exists. */
void kvm_um_set_arch_ops(const struct kvm_um_arch_ops *ops);

#endif /* _UM_KVM_KVM_UM_H */

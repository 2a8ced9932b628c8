/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the files of the user-mode KVM core. */
#ifndef _UM_KVM_KVM_MM_H
#define _UM_KVM_KVM_MM_H

#include <linux/kvm_host.h>
#include "kvm_um.h"

#define KVM_API_VERSION 12

extern const struct kvm_um_arch_ops *kvm_um_arch;

/* kvm_main.c */
long kvm_vm_check_extension(struct kvm *kvm, long ext);
/* 6.1's kvm->mm != current->mm: the VM is a fork()ed-from process's */
bool kvm_um_other_mm(struct kvm *kvm);

/* vcpu.c */
int kvm_vm_ioctl_create_vcpu(struct kvm *kvm, u32 id);
void kvm_destroy_vcpus(struct kvm *kvm);

/* irqchip.c: KVM_CREATE_IRQCHIP, KVM_SET_GSI_ROUTING, KVM_IRQFD */
long kvm_vm_ioctl_irqchip(struct kvm *kvm, unsigned int ioctl,
			  unsigned long arg);

/* memslot.c */
int kvm_init_memslots(struct kvm *kvm);
void kvm_free_memslots(struct kvm *kvm);
int kvm_vm_ioctl_set_memory_region(struct kvm *kvm,
				   struct kvm_userspace_memory_region *mem);
int kvm_vm_ioctl_get_dirty_log(struct kvm *kvm, struct kvm_dirty_log *log);

/* device.c */
int kvm_ioctl_create_device(struct kvm *kvm, struct kvm_create_device *cd);
void kvm_destroy_devices(struct kvm *kvm);

/* stats.c */
int kvm_vm_ioctl_get_stats_fd(struct kvm *kvm);
int kvm_vcpu_ioctl_get_stats_fd(struct kvm_vcpu *vcpu);

/*
 * um/kvm/s390.c: the memslot rule of s390, whose core-side signature
 * differs from 6.1's (the rest of the arch part is
 * arch/s390/kvm/kvm-s390.c, declared in <linux/kvm_host.h>).
 */
int kvm_arch_prepare_memory_region(struct kvm *kvm,
				   const struct kvm_userspace_memory_region *mem);

#endif /* _UM_KVM_KVM_MM_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * irqfd of the user-mode KVM core (6.1: include/linux/kvm_irqfd.h).
 *
 * Upstream hooks a wait-queue callback (irqfd_wakeup) into the eventfd
 * and injects from there, through kvm_arch_set_irq_inatomic() or, when
 * that would block, a work item. The host's eventfds are real eventfd(2)
 * descriptors without wait-queue callbacks, so one waiter thread per VM
 * epoll-waits on all of the VM's irqfds and does what irqfd_wakeup does,
 * synchronously; see Documentation/virt/kvm/s390-adapter-routing.rst.
 */
#ifndef __LINUX_KVM_IRQFD_H
#define __LINUX_KVM_IRQFD_H

#include <linux/kvm_host.h>
#include <linux/eventfd.h>
#include <linux/list.h>

struct kvm_kernel_irqfd {
	/* Used for MSI fast-path */
	struct kvm *kvm;
	/* Update side is protected by irqfds.lock */
	int gsi;
	/* Used for setup/shutdown */
	struct eventfd_ctx *eventfd;
	struct list_head list;		/* in kvm->irqfds.items */
	/* (um) the epoll cookie naming this irqfd; never reused */
	u64 um_id;
	/* (um) the descriptor number the program assigned */
	int um_user_fd;
};

#endif /* __LINUX_KVM_IRQFD_H */

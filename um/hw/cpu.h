/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated z CPU as the rest of the host sees it.  Host-only.
 *
 * The kernel enters the guest with sie64a() (asm/kvm_host.h), as it
 * executes SIE on the machine: the CPU runs the guest program until it
 * needs the hypervisor, with sie_block->icptcode saying why (0: the guest
 * was only interrupted by a signal or a kick).  The CPU never calls the
 * kernel's interrupt code: the kernel delivers interrupts before it
 * enters SIE and leaves intercept requests in the sie block
 * (cpuflags, lctl, ictl) for those the guest cannot take yet.
 */
#ifndef UM_HW_CPU_H
#define UM_HW_CPU_H

#include <linux/types.h>
#include <linux/kvm_host.h>

/* vcpu creation/destruction and kicks, for the KVM core stand-in */
int um_cpu_create(struct kvm_vcpu *vcpu);
void um_cpu_destroy(struct kvm_vcpu *vcpu);
/* Make a running vcpu leave the guest soon (any thread). */
void um_cpu_kick(struct kvm_vcpu *vcpu);
bool um_cpu_kick_pending(struct kvm_vcpu *vcpu);

#endif /* UM_HW_CPU_H */

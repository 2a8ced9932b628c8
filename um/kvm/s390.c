// SPDX-License-Identifier: GPL-2.0-only
/*
 * The s390 memslot rule, as the user-mode core calls it (6.1 checks the
 * same in kvm-s390.c's kvm_arch_prepare_memory_region(), whose signature
 * takes the core's memslot structures).  The rest of the arch part is
 * arch/s390/kvm/kvm-s390.c.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include "kvm_mm.h"

/*
 * s390 memslots begin and end on a segment (1 MB) boundary, in host and
 * in guest, and stay below the VM's memory limit.
 */
int kvm_arch_prepare_memory_region(struct kvm *kvm,
				   const struct kvm_userspace_memory_region *mem)
{
	if (mem->userspace_addr & 0xffffful)
		return -EINVAL;
	if (mem->memory_size & 0xffffful)
		return -EINVAL;
	if (kvm->arch.mem_limit != KVM_S390_NO_MEM_LIMIT &&
	    mem->guest_phys_addr + mem->memory_size > kvm->arch.mem_limit)
		return -EINVAL;
	return 0;
}

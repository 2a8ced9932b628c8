/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Basic KVM types shared by the KVM core and arch code (user-mode host
 * version of include/linux/kvm_types.h).
 */
#ifndef __KVM_TYPES_H__
#define __KVM_TYPES_H__

#include <linux/types.h>

struct kvm;
struct kvm_vcpu;
struct kvm_memory_slot;
struct kvm_memslots;
struct kvm_device;
struct kvm_device_ops;

/*
 * Address types:
 *  gva  - guest virtual address
 *  gpa  - guest physical address
 *  gfn  - guest frame number
 *  hva  - host virtual address (here: an address in this process)
 *  hpa  - host physical address
 *  hfn  - host frame number
 */
typedef unsigned long	gva_t;
typedef u64		gpa_t;
typedef u64		gfn_t;

#define INVALID_GPA	(~(gpa_t)0)

typedef unsigned long	hva_t;
typedef u64		hpa_t;
typedef u64		hfn_t;

typedef hfn_t kvm_pfn_t;

#define HALT_POLL_HIST_COUNT	32

/* Counters every architecture has; the arch structs embed them first. */
struct kvm_vm_stat_generic {
	u64 remote_tlb_flush;
	u64 remote_tlb_flush_requests;
};

struct kvm_vcpu_stat_generic {
	u64 halt_successful_poll;
	u64 halt_attempted_poll;
	u64 halt_poll_invalid;
	u64 halt_wakeup;
	u64 halt_poll_success_ns;
	u64 halt_poll_fail_ns;
	u64 halt_wait_ns;
	u64 halt_poll_success_hist[HALT_POLL_HIST_COUNT];
	u64 halt_poll_fail_hist[HALT_POLL_HIST_COUNT];
	u64 halt_wait_hist[HALT_POLL_HIST_COUNT];
	u64 blocking;
};

#define KVM_STATS_NAME_SIZE	48

#endif /* __KVM_TYPES_H__ */

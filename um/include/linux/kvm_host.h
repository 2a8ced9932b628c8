/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The KVM core's in-kernel interface (user-mode host version of
 * include/linux/kvm_host.h).  Portable arch code (arch/s390/kvm) uses
 * these names exactly as in Linux 6.1; the implementation is um/kvm.
 */
#ifndef __KVM_HOST_H
#define __KVM_HOST_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/srcu.h>
#include <linux/wait.h>
#include <linux/fs.h>
#include <linux/kvm_types.h>
#include <linux/kvm.h>
#include <asm/kvm_host.h>

#ifndef KVM_MAX_VCPU_IDS
#define KVM_MAX_VCPU_IDS KVM_MAX_VCPUS
#endif

#define KVM_ADDRESS_SPACE_NUM	1
#define KVM_MEM_SLOTS_NUM	SHRT_MAX
#define KVM_INTERNAL_MEM_SLOTS	0
#define KVM_USER_MEM_SLOTS	(KVM_MEM_SLOTS_NUM - KVM_INTERNAL_MEM_SLOTS)
/* a memslot's dirty bitmap is indexed with an int */
#define KVM_MEM_MAX_NR_PAGES	((1UL << 31) - 1)

/*
 * Bad hva values.  On s390 the kernel uses PAGE_OFFSET as the error
 * marker; a user-mode process has no such boundary, so the top page of
 * the address space (never a valid user address) plays that role.
 */
#define KVM_HVA_ERR_BAD		(-(1UL << PAGE_SHIFT))
#define KVM_HVA_ERR_RO_BAD	(KVM_HVA_ERR_BAD + PAGE_SIZE)

static inline bool kvm_is_error_hva(unsigned long addr)
{
	return addr >= KVM_HVA_ERR_BAD;
}

static inline gfn_t gpa_to_gfn(gpa_t gpa)
{
	return (gfn_t)(gpa >> PAGE_SHIFT);
}

static inline gpa_t gfn_to_gpa(gfn_t gfn)
{
	return (gpa_t)gfn << PAGE_SHIFT;
}

struct kvm_memory_slot {
	gfn_t base_gfn;
	unsigned long npages;
	unsigned long *dirty_bitmap;	/* set when KVM_MEM_LOG_DIRTY_PAGES */
	struct kvm_arch_memory_slot arch;
	unsigned long userspace_addr;
	u32 flags;
	short id;
	u16 as_id;
};

static inline unsigned long
kvm_dirty_bitmap_bytes(struct kvm_memory_slot *memslot)
{
	return ALIGN(memslot->npages, BITS_PER_LONG) / 8;
}

/*
 * One immutable generation of the memslots of an address space: an array
 * of slot pointers sorted by base_gfn.  Writers (under kvm->slots_lock)
 * build a new generation, publish it with rcu_assign_pointer() and wait
 * out readers with synchronize_srcu(&kvm->srcu) before freeing the old
 * one, so readers inside srcu_read_lock(&kvm->srcu) never see a freed
 * slot.
 */
struct kvm_memslots {
	u64 generation;
	int used_slots;
	struct kvm_memory_slot *slots[];
};

struct kvm_vcpu {
	struct kvm *kvm;
	int cpu;
	int vcpu_id;		/* id given by userspace at creation */
	int vcpu_idx;		/* index in kvm->vcpus[] */
	int mode;
	u64 requests;
	unsigned long guest_debug;

	struct mutex mutex;	/* serializes vcpu ioctls (one at a time) */
	struct kvm_run *run;	/* one page, mmap-ed by userspace */

	/*
	 * Where the vcpu thread sleeps in enabled wait; woken by
	 * kvm_vcpu_wake_up().  (Upstream: struct rcuwait wait.)
	 */
	wait_queue_head_t wq;
	bool valid_wakeup;
	bool preempted;
	bool ready;
	struct kvm_vcpu_arch arch;
	struct kvm_vcpu_stat stat;
	char stats_id[KVM_STATS_NAME_SIZE];
};

struct kvm_irq_routing_table;
struct kvm_irqfd_waiter;

struct kvm {
	spinlock_t mmu_lock;	/* unused by the stand-in; kept for arch code */
	struct mutex slots_lock;	/* serializes memslot updates */
	unsigned long nr_memslot_pages;	/* under slots_lock */
	/* current generation, readers hold kvm->srcu */
	struct kvm_memslots __rcu *memslots[KVM_ADDRESS_SPACE_NUM];
	/* vcpus[0 .. online_vcpus-1] are valid; written under kvm->lock */
	struct kvm_vcpu *vcpus[KVM_MAX_VCPUS];
	atomic_t online_vcpus;
	int max_vcpus;
	int created_vcpus;	/* under kvm->lock */
	struct list_head vm_list;
	struct mutex lock;	/* vcpu creation, devices list, arch state */
	struct kvm_vm_stat stat;
	struct kvm_arch arch;
	refcount_t users_count;	/* fds, vcpus, devices, stats files */
	struct mutex irq_lock;	/* for irq routing (arch code) */
	struct list_head devices;	/* under kvm->lock */
	struct srcu_struct srcu;	/* protects memslots */
	struct srcu_struct irq_srcu;	/* protects irq routing */
	/*
	 * The GSI routing table (um/kvm/irqchip.c); written under
	 * irq_lock, read under irq_srcu.  NULL until KVM_CREATE_IRQCHIP.
	 */
	struct kvm_irq_routing_table __rcu *irq_routing;
	struct {
		spinlock_t lock;	/* protects items */
		struct list_head items;	/* struct kvm_kernel_irqfd */
	} irqfds;
	/* the VM's irqfd waiter thread (um/kvm/irqfd.c), or NULL */
	struct kvm_irqfd_waiter *irqfd_waiter;
	bool vm_bugged;
	bool vm_dead;
	char stats_id[KVM_STATS_NAME_SIZE];
};

#define KVM_BUG_ON(cond, kvm)					\
({								\
	bool __ret = !!(cond);					\
	if (WARN_ON_ONCE(__ret))				\
		(kvm)->vm_bugged = (kvm)->vm_dead = true;	\
	__ret;							\
})

static inline struct kvm_vcpu *kvm_get_vcpu(struct kvm *kvm, int i)
{
	int num_vcpus = atomic_read(&kvm->online_vcpus);

	if (i < 0 || i >= num_vcpus)
		return NULL;
	/* pairs with the smp_wmb() before online_vcpus is incremented */
	smp_rmb();
	return READ_ONCE(kvm->vcpus[i]);
}

#define kvm_for_each_vcpu(idx, vcpup, kvm)				\
	for (idx = 0;							\
	     (vcpup = kvm_get_vcpu(kvm, idx)) != NULL;			\
	     idx++)

static inline struct kvm_vcpu *kvm_get_vcpu_by_id(struct kvm *kvm, int id)
{
	struct kvm_vcpu *vcpu = NULL;
	unsigned long i;

	if (id < 0)
		return NULL;
	vcpu = kvm_get_vcpu(kvm, id);
	if (vcpu && vcpu->vcpu_id == id)
		return vcpu;
	kvm_for_each_vcpu(i, vcpu, kvm)
		if (vcpu->vcpu_id == id)
			return vcpu;
	return NULL;
}

void kvm_get_kvm(struct kvm *kvm);
bool kvm_get_kvm_safe(struct kvm *kvm);
void kvm_put_kvm(struct kvm *kvm);
void kvm_put_kvm_no_destroy(struct kvm *kvm);

/* Memslots: callers may hold kvm->srcu; the accessors take it too. */
static inline struct kvm_memslots *__kvm_memslots(struct kvm *kvm, int as_id)
{
	return srcu_dereference_check(kvm->memslots[as_id], &kvm->srcu,
				      lockdep_is_held(&kvm->slots_lock));
}

static inline struct kvm_memslots *kvm_memslots(struct kvm *kvm)
{
	return __kvm_memslots(kvm, 0);
}

struct kvm_memory_slot *id_to_memslot(struct kvm_memslots *slots, int id);
struct kvm_memory_slot *gfn_to_memslot(struct kvm *kvm, gfn_t gfn);
bool kvm_is_visible_gfn(struct kvm *kvm, gfn_t gfn);
unsigned long gfn_to_hva(struct kvm *kvm, gfn_t gfn);
unsigned long gfn_to_hva_prot(struct kvm *kvm, gfn_t gfn, bool *writable);
unsigned long gfn_to_hva_memslot(struct kvm_memory_slot *slot, gfn_t gfn);
int kvm_read_guest_page(struct kvm *kvm, gfn_t gfn, void *data, int offset,
			int len);
int kvm_read_guest(struct kvm *kvm, gpa_t gpa, void *data, unsigned long len);
int kvm_write_guest_page(struct kvm *kvm, gfn_t gfn, const void *data,
			 int offset, int len);
int kvm_write_guest(struct kvm *kvm, gpa_t gpa, const void *data,
		    unsigned long len);
int kvm_clear_guest(struct kvm *kvm, gpa_t gpa, unsigned long len);
void mark_page_dirty_in_slot(struct kvm *kvm,
			     const struct kvm_memory_slot *memslot, gfn_t gfn);
void mark_page_dirty(struct kvm *kvm, gfn_t gfn);

static inline bool kvm_is_error_gpa(struct kvm *kvm, gpa_t gpa)
{
	return kvm_is_error_hva(gfn_to_hva(kvm, gpa_to_gfn(gpa)));
}

/* Waking vcpus (implemented by the CPU model through kvm_um_arch_ops). */
void kvm_vcpu_kick(struct kvm_vcpu *vcpu);
bool kvm_vcpu_wake_up(struct kvm_vcpu *vcpu);
void kvm_vcpu_halt(struct kvm_vcpu *vcpu);

/* What the arch supplies to the core (arch/s390/kvm/kvm-s390.c). */
int kvm_arch_init(void *opaque);
int kvm_arch_init_vm(struct kvm *kvm, unsigned long type);
void kvm_arch_destroy_vm(struct kvm *kvm);
long kvm_arch_vm_ioctl(struct file *filp, unsigned int ioctl,
		       unsigned long arg);
int kvm_vm_ioctl_check_extension(struct kvm *kvm, long ext);
int kvm_vm_ioctl_enable_cap(struct kvm *kvm, struct kvm_enable_cap *cap);
int kvm_arch_vcpu_precreate(struct kvm *kvm, unsigned int id);
int kvm_arch_vcpu_create(struct kvm_vcpu *vcpu);
void kvm_arch_vcpu_destroy(struct kvm_vcpu *vcpu);
int kvm_arch_vcpu_ioctl_run(struct kvm_vcpu *vcpu);
int kvm_arch_vcpu_runnable(struct kvm_vcpu *vcpu);
int kvm_arch_vcpu_ioctl_get_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs);
int kvm_arch_vcpu_ioctl_set_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs);
int kvm_arch_vcpu_ioctl_get_sregs(struct kvm_vcpu *vcpu,
				  struct kvm_sregs *sregs);
int kvm_arch_vcpu_ioctl_set_sregs(struct kvm_vcpu *vcpu,
				  struct kvm_sregs *sregs);
long kvm_arch_vcpu_ioctl(struct file *filp, unsigned int ioctl,
			 unsigned long arg);
/* vcpu ioctls that run without vcpu->mutex; -ENOIOCTLCMD for the others */
long kvm_arch_vcpu_async_ioctl(struct file *filp, unsigned int ioctl,
			       unsigned long arg);

/* Devices created with KVM_CREATE_DEVICE. */
struct kvm_device {
	const struct kvm_device_ops *ops;
	struct kvm *kvm;
	void *private;
	struct list_head vm_node;	/* in kvm->devices, under kvm->lock */
};

/* create, destroy, and name are mandatory */
struct kvm_device_ops {
	const char *name;

	/*
	 * create is called holding kvm->lock and any operations not needed
	 * to be done under kvm->lock should go into init.
	 */
	int (*create)(struct kvm_device *dev, u32 type);

	/* init is called after create, without kvm->lock, if present */
	void (*init)(struct kvm_device *dev);

	/*
	 * Destroy is responsible for freeing dev.  Called when the VM goes
	 * away if release is not set (the device lives as long as the VM).
	 */
	void (*destroy)(struct kvm_device *dev);

	/*
	 * Release is an alternative to destroy: called (under kvm->lock)
	 * when the device fd is closed; it frees dev.
	 */
	void (*release)(struct kvm_device *dev);

	int (*set_attr)(struct kvm_device *dev, struct kvm_device_attr *attr);
	int (*get_attr)(struct kvm_device *dev, struct kvm_device_attr *attr);
	int (*has_attr)(struct kvm_device *dev, struct kvm_device_attr *attr);
	long (*ioctl)(struct kvm_device *dev, unsigned int ioctl,
		      unsigned long arg);
	int (*mmap)(struct kvm_device *dev, struct vm_area_struct *vma);
};

struct kvm_device *kvm_device_from_filp(struct file *filp);
int kvm_register_device_ops(const struct kvm_device_ops *ops, u32 type);
void kvm_unregister_device_ops(u32 type);

/* Binary statistics (KVM_GET_STATS_FD). */
struct _kvm_stats_desc {
	struct kvm_stats_desc desc;
	char name[KVM_STATS_NAME_SIZE];
};

#define STATS_DESC_COMMON(type, unit, base, exp, sz, bsz)		\
	.flags = type | unit | base,					\
	.exponent = exp,						\
	.size = sz,							\
	.bucket_size = bsz

#define VM_GENERIC_STATS_DESC(stat, type, unit, base, exp, sz, bsz)	\
	{								\
		{							\
			STATS_DESC_COMMON(type, unit, base, exp, sz, bsz), \
			.offset = offsetof(struct kvm_vm_stat, generic.stat) \
		},							\
		.name = #stat,						\
	}
#define VCPU_GENERIC_STATS_DESC(stat, type, unit, base, exp, sz, bsz)	\
	{								\
		{							\
			STATS_DESC_COMMON(type, unit, base, exp, sz, bsz), \
			.offset = offsetof(struct kvm_vcpu_stat, generic.stat) \
		},							\
		.name = #stat,						\
	}
#define VM_STATS_DESC(stat, type, unit, base, exp, sz, bsz)		\
	{								\
		{							\
			STATS_DESC_COMMON(type, unit, base, exp, sz, bsz), \
			.offset = offsetof(struct kvm_vm_stat, stat)	\
		},							\
		.name = #stat,						\
	}
#define VCPU_STATS_DESC(stat, type, unit, base, exp, sz, bsz)		\
	{								\
		{							\
			STATS_DESC_COMMON(type, unit, base, exp, sz, bsz), \
			.offset = offsetof(struct kvm_vcpu_stat, stat)	\
		},							\
		.name = #stat,						\
	}
/* SCOPE: VM, VM_GENERIC, VCPU, VCPU_GENERIC */
#define STATS_DESC(SCOPE, stat, type, unit, base, exp, sz, bsz)		\
	SCOPE##_STATS_DESC(stat, type, unit, base, exp, sz, bsz)

#define STATS_DESC_CUMULATIVE(SCOPE, name, unit, base, exponent)	\
	STATS_DESC(SCOPE, name, KVM_STATS_TYPE_CUMULATIVE,		\
		unit, base, exponent, 1, 0)
#define STATS_DESC_INSTANT(SCOPE, name, unit, base, exponent)		\
	STATS_DESC(SCOPE, name, KVM_STATS_TYPE_INSTANT,			\
		unit, base, exponent, 1, 0)
#define STATS_DESC_PEAK(SCOPE, name, unit, base, exponent)		\
	STATS_DESC(SCOPE, name, KVM_STATS_TYPE_PEAK,			\
		unit, base, exponent, 1, 0)
#define STATS_DESC_LOG_HIST(SCOPE, name, unit, base, exponent, sz)	\
	STATS_DESC(SCOPE, name, KVM_STATS_TYPE_LOG_HIST,		\
		unit, base, exponent, sz, 0)

/* cumulative counter */
#define STATS_DESC_COUNTER(SCOPE, name)					\
	STATS_DESC_CUMULATIVE(SCOPE, name, KVM_STATS_UNIT_NONE,		\
		KVM_STATS_BASE_POW10, 0)
/* instantaneous counter */
#define STATS_DESC_ICOUNTER(SCOPE, name)				\
	STATS_DESC_INSTANT(SCOPE, name, KVM_STATS_UNIT_NONE,		\
		KVM_STATS_BASE_POW10, 0)
/* peak counter */
#define STATS_DESC_PCOUNTER(SCOPE, name)				\
	STATS_DESC_PEAK(SCOPE, name, KVM_STATS_UNIT_NONE,		\
		KVM_STATS_BASE_POW10, 0)
#define STATS_DESC_IBOOLEAN(SCOPE, name)				\
	STATS_DESC_INSTANT(SCOPE, name, KVM_STATS_UNIT_BOOLEAN,		\
		KVM_STATS_BASE_POW10, 0)
#define STATS_DESC_TIME_NSEC(SCOPE, name)				\
	STATS_DESC_CUMULATIVE(SCOPE, name, KVM_STATS_UNIT_SECONDS,	\
		KVM_STATS_BASE_POW10, -9)
#define STATS_DESC_LOGHIST_TIME_NSEC(SCOPE, name, sz)			\
	STATS_DESC_LOG_HIST(SCOPE, name, KVM_STATS_UNIT_SECONDS,	\
		KVM_STATS_BASE_POW10, -9, sz)

#define KVM_GENERIC_VM_STATS()						\
	STATS_DESC_COUNTER(VM_GENERIC, remote_tlb_flush),		\
	STATS_DESC_COUNTER(VM_GENERIC, remote_tlb_flush_requests)

#define KVM_GENERIC_VCPU_STATS()					\
	STATS_DESC_COUNTER(VCPU_GENERIC, halt_successful_poll),		\
	STATS_DESC_COUNTER(VCPU_GENERIC, halt_attempted_poll),		\
	STATS_DESC_COUNTER(VCPU_GENERIC, halt_poll_invalid),		\
	STATS_DESC_COUNTER(VCPU_GENERIC, halt_wakeup),			\
	STATS_DESC_TIME_NSEC(VCPU_GENERIC, halt_poll_success_ns),	\
	STATS_DESC_TIME_NSEC(VCPU_GENERIC, halt_poll_fail_ns),		\
	STATS_DESC_TIME_NSEC(VCPU_GENERIC, halt_wait_ns),		\
	STATS_DESC_LOGHIST_TIME_NSEC(VCPU_GENERIC, halt_poll_success_hist, \
			HALT_POLL_HIST_COUNT),				\
	STATS_DESC_LOGHIST_TIME_NSEC(VCPU_GENERIC, halt_poll_fail_hist,	\
			HALT_POLL_HIST_COUNT),				\
	STATS_DESC_LOGHIST_TIME_NSEC(VCPU_GENERIC, halt_wait_hist,	\
			HALT_POLL_HIST_COUNT),				\
	STATS_DESC_IBOOLEAN(VCPU_GENERIC, blocking)

ssize_t kvm_stats_read(char *id, const struct kvm_stats_header *header,
		       const struct _kvm_stats_desc *desc,
		       void *stats, size_t size_stats,
		       char __user *user_buffer, size_t size, loff_t *offset);

extern const struct kvm_stats_header kvm_vm_stats_header;
extern const struct _kvm_stats_desc kvm_vm_stats_desc[];
extern const struct kvm_stats_header kvm_vcpu_stats_header;
extern const struct _kvm_stats_desc kvm_vcpu_stats_desc[];


/* ---- irq routing and irqfd (um/kvm/irqchip.c, um/kvm/irqfd.c) ---- */

#define KVM_USERSPACE_IRQ_SOURCE_ID	0
/* 6.1's s390 values (arch/s390/include/asm/kvm_host.h) */
#ifndef KVM_NR_IRQCHIPS
#define KVM_NR_IRQCHIPS			1
#endif
#ifndef KVM_IRQCHIP_NUM_PINS
#define KVM_IRQCHIP_NUM_PINS		1
#endif
#define KVM_MAX_IRQ_ROUTES		4096

struct kvm_s390_adapter_int {
	u64 ind_addr;		/* guest physical */
	u64 summary_addr;	/* guest physical */
	u64 ind_offset;
	u32 summary_offset;
	u32 adapter_id;
};

struct kvm_kernel_irq_routing_entry {
	u32 gsi;
	u32 type;
	int (*set)(struct kvm_kernel_irq_routing_entry *e,
		   struct kvm *kvm, int irq_source_id, int level,
		   bool line_status);
	union {
		struct {
			unsigned irqchip;
			unsigned pin;
		} irqchip;
		struct kvm_s390_adapter_int adapter;
	};
	struct hlist_node link;
};

struct kvm_irq_routing_table {
	int chip[KVM_NR_IRQCHIPS][KVM_IRQCHIP_NUM_PINS];
	u32 nr_rt_entries;
	/* indexed by gsi: the entries the gsi is connected to */
	struct hlist_head map[];
};

int kvm_set_irq_routing(struct kvm *kvm,
			const struct kvm_irq_routing_entry *entries,
			unsigned nr, unsigned flags);
int kvm_irq_map_gsi(struct kvm *kvm,
		    struct kvm_kernel_irq_routing_entry *entries, int irq);
int kvm_set_irq(struct kvm *kvm, int irq_source_id, u32 irq, int level,
		bool line_status);
void kvm_free_irq_routing(struct kvm *kvm);
/* arch hooks (arch/s390/kvm/irq_routing.c) */
int kvm_set_routing_entry(struct kvm *kvm,
			  struct kvm_kernel_irq_routing_entry *e,
			  const struct kvm_irq_routing_entry *ue);
int kvm_arch_set_irq_inatomic(struct kvm_kernel_irq_routing_entry *e,
			      struct kvm *kvm, int irq_source_id, int level,
			      bool line_status);

int kvm_irqfd(struct kvm *kvm, struct kvm_irqfd *args);
void kvm_irqfd_release(struct kvm *kvm);

/*
 * Guest pages as struct page.  The user-mode host has no struct page:
 * KVM's page accessors hand out the page's host address disguised as an
 * opaque struct page pointer (guest memory is the VMM's memory, mapped
 * in this process for the VM's lifetime), page_address() undoes that,
 * and releasing a page has no reference to drop.
 */
struct page;
#define KVM_ERR_PTR_BAD_PAGE	(ERR_PTR(-ENOENT))

static inline bool is_error_page(struct page *page)
{
	return IS_ERR(page);
}

struct page *gfn_to_page(struct kvm *kvm, gfn_t gfn);
int gfn_to_page_many_atomic(struct kvm_memory_slot *slot, gfn_t gfn,
			    struct page **pages, int nr_pages);
void kvm_release_page_clean(struct page *page);
void kvm_release_page_dirty(struct page *page);
#ifndef page_address
#define page_address(page)	((void *)(page))
#endif

#endif /* __KVM_HOST_H */

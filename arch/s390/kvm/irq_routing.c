// SPDX-License-Identifier: GPL-2.0
/*
 * s390 adapter interrupt routing: the arch half of KVM_SET_GSI_ROUTING
 * (routing entries of type KVM_IRQ_ROUTING_S390_ADAPTER) and of irqfd
 * injection: set the adapter's indicator bit and its summary bit in guest
 * memory and, when the summary bit was clear, raise an adapter I/O
 * interrupt in the FLIC.
 *
 * Two entry points inject:
 * - set_adapter_int(), the routing entry's ->set(), used by kvm_set_irq()
 *   from process context; it may sleep (page lookup, AIS mutex).
 * - kvm_arch_set_irq_inatomic(), what irqfd calls first from the eventfd
 *   wake-up: it never sleeps and returns -EWOULDBLOCK before touching
 *   anything when it cannot do the whole job (page not resident,
 *   suppressible adapter with AIS whose state is under a mutex, no
 *   memory), so that the caller can retry in process context without
 *   losing or duplicating the interrupt.
 *
 * Indicator and summary bits live in guest pages that a vcpu may be
 * scanning and clearing at the same moment: they are changed with atomic
 * bit operations on the page's kernel mapping, and the page is marked
 * dirty for migration.
 */

#include <linux/errno.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "kvm-s390.h"

/*
 * Upstream's get_ind_bit(): bit @nr counted from @addr, as a bit of the
 * page of @addr, in the adapter's numbering (kvm_s390_guest_bitnr()),
 * for set_bit() and friends on the page's kernel mapping.
 */
static unsigned long ind_bit(u64 addr, unsigned long nr, bool swap)
{
	return kvm_s390_guest_bitnr(nr + (addr % PAGE_SIZE) * 8, swap);
}

/* The page of @gpa, or NULL. Sleeps unless @atomic. */
static struct page *ind_page_get(struct kvm *kvm, u64 gpa, bool atomic)
{
	struct kvm_memory_slot *slot;
	struct page *page;
	gfn_t gfn = gpa_to_gfn(gpa);

	if (!atomic) {
		page = gfn_to_page(kvm, gfn);
		return is_error_page(page) ? NULL : page;
	}
	slot = gfn_to_memslot(kvm, gfn);
	if (!slot || gfn_to_page_many_atomic(slot, gfn, &page, 1) != 1)
		return NULL;
	return page;
}

/*
 * Set the indicator bit, then test-and-set the summary bit. Returns 1 if
 * the summary bit was clear (an interrupt is due), 0 if it was already
 * set (coalesced), -EWOULDBLOCK (@atomic) or -EFAULT if a page is not
 * available; then no bit has been touched.
 */
static int adapter_indicators_set(struct kvm *kvm,
				  struct s390_io_adapter *adapter,
				  struct kvm_s390_adapter_int *ai, bool atomic)
{
	struct page *ind_page, *summary_page;
	unsigned long bit;
	int summary_set, idx, rc = 0;

	idx = srcu_read_lock(&kvm->srcu);
	ind_page = ind_page_get(kvm, ai->ind_addr, atomic);
	summary_page = ind_page_get(kvm, ai->summary_addr, atomic);
	if (!ind_page || !summary_page) {
		rc = atomic ? -EWOULDBLOCK : -EFAULT;
		goto out;
	}

	bit = ind_bit(ai->ind_addr, ai->ind_offset, adapter->swap);
	set_bit(bit, page_address(ind_page));
	mark_page_dirty(kvm, gpa_to_gfn(ai->ind_addr));

	bit = ind_bit(ai->summary_addr, ai->summary_offset,
			       adapter->swap);
	summary_set = test_and_set_bit(bit, page_address(summary_page));
	mark_page_dirty(kvm, gpa_to_gfn(ai->summary_addr));
	rc = summary_set ? 0 : 1;
out:
	if (ind_page)
		kvm_release_page_dirty(ind_page);
	if (summary_page)
		kvm_release_page_dirty(summary_page);
	srcu_read_unlock(&kvm->srcu, idx);
	return rc;
}

/*
 * The routing entry's ->set(): < 0 not injected (error), 0 coalesced
 * (summary already set, or adapter masked), > 0 injected.
 */
static int set_adapter_int(struct kvm_kernel_irq_routing_entry *e,
			   struct kvm *kvm, int irq_source_id, int level,
			   bool line_status)
{
	struct s390_io_adapter *adapter;
	int ret;

	/* only the 0 -> 1 transition counts */
	if (!level)
		return 0;
	adapter = kvm_s390_get_io_adapter(kvm, e->adapter.adapter_id);
	if (!adapter)
		return -1;
	ret = adapter_indicators_set(kvm, adapter, &e->adapter, false);
	if (ret > 0 && !READ_ONCE(adapter->masked)) {
		ret = kvm_s390_inject_airq(kvm, adapter);
		if (ret == 0)
			ret = 1;
	}
	return ret;
}

/*
 * The irqfd fast path: the whole injection (indicator, summary, FLIC
 * queue, vcpu kick) without sleeping. -EWOULDBLOCK means nothing was
 * done and set_adapter_int() must run from process context instead.
 */
int kvm_arch_set_irq_inatomic(struct kvm_kernel_irq_routing_entry *e,
			      struct kvm *kvm, int irq_source_id, int level,
			      bool line_status)
{
	struct kvm_s390_interrupt_info *inti;
	struct s390_io_adapter *adapter;
	int ret;

	if (e->type != KVM_IRQ_ROUTING_S390_ADAPTER)
		return -EWOULDBLOCK;
	if (!level)
		return 0;
	adapter = kvm_s390_get_io_adapter(kvm, e->adapter.adapter_id);
	if (!adapter)
		return -EINVAL;
	/* AIS state (simm/nimm) is under float_int.ais_lock, a mutex */
	if (adapter->suppressible && test_kvm_facility(kvm, KVM_S390_FAC_AIS))
		return -EWOULDBLOCK;
	/* allocate first: once the summary bit is set there is no retry */
	inti = kzalloc(sizeof(*inti), GFP_ATOMIC);
	if (!inti)
		return -EWOULDBLOCK;

	ret = adapter_indicators_set(kvm, adapter, &e->adapter, true);
	if (ret <= 0 || READ_ONCE(adapter->masked)) {
		kfree(inti);
		return ret;
	}
	inti->type = KVM_S390_INT_IO(1, 0, 0, 0);
	inti->io.io_int_word = ((u32)adapter->isc << 27) | 0x80000000U;
	ret = kvm_s390_inject_float_inti(kvm, inti);
	if (ret) {
		kfree(inti);
		return ret;
	}
	return 1;
}

/* addr + offset / 8 must stay inside the page of addr */
static bool ind_in_page(u64 addr, u64 offset)
{
	return (addr % PAGE_SIZE) + offset / 8 < PAGE_SIZE;
}

/*
 * Translate one KVM_SET_GSI_ROUTING entry. Differs from 6.1 as upstream
 * does since 2026: the addresses stay guest physical (6.1 stored host
 * virtual addresses of the VMM), each indicator must lie in the page of
 * its address (EINVAL), and both addresses must be backed by a memslot
 * now (EFAULT).
 */
int kvm_set_routing_entry(struct kvm *kvm,
			  struct kvm_kernel_irq_routing_entry *e,
			  const struct kvm_irq_routing_entry *ue)
{
	const struct kvm_irq_routing_s390_adapter *a = &ue->u.adapter;
	bool bad;
	int idx;

	switch (ue->type) {
	case KVM_IRQ_ROUTING_S390_ADAPTER:
		if (!ind_in_page(a->ind_addr, a->ind_offset) ||
		    !ind_in_page(a->summary_addr, a->summary_offset))
			return -EINVAL;
		idx = srcu_read_lock(&kvm->srcu);
		bad = kvm_is_error_gpa(kvm, a->ind_addr) ||
		      kvm_is_error_gpa(kvm, a->summary_addr);
		srcu_read_unlock(&kvm->srcu, idx);
		if (bad)
			return -EFAULT;
		e->set = set_adapter_int;
		e->adapter.ind_addr = a->ind_addr;
		e->adapter.summary_addr = a->summary_addr;
		e->adapter.ind_offset = a->ind_offset;
		e->adapter.summary_offset = a->summary_offset;
		e->adapter.adapter_id = a->adapter_id;
		return 0;
	default:
		return -EINVAL;
	}
}

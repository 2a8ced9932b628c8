// SPDX-License-Identifier: GPL-2.0-only
/*
 * GSI routing of the KVM core stand-in (what virt/kvm/irqchip.c and the
 * routing ioctls of virt/kvm/kvm_main.c are upstream; errnos as 6.1):
 * KVM_CREATE_IRQCHIP, KVM_SET_GSI_ROUTING, kvm_set_irq(), and the page
 * accessors the arch's indicator code uses.
 *
 * The table: kvm->irq_routing, replaced as a whole under kvm->irq_lock,
 * published with rcu_assign_pointer(); readers (kvm_irq_map_gsi(), the
 * irqfd waiter's injections) run inside srcu_read_lock(&kvm->irq_srcu),
 * and the old table is freed only after synchronize_srcu(), so a route
 * replaced while an injection uses it stays valid until it is done.
 *
 * s390 specifics (6.1 kvm-s390.c): KVM_CREATE_IRQCHIP needs
 * KVM_ENABLE_CAP(KVM_CAP_S390_IRQCHIP) first (kvm->arch.use_irqchip) and
 * installs an empty table (replacing any routes set before). As 6.1 (s390
 * keeps the generic kvm_arch_can_set_irq_routing()), KVM_SET_GSI_ROUTING
 * needs no irqchip.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/nospec.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <um/uaccess.h>
#include "kvm_mm.h"

/* ---- guest pages (see <linux/kvm_host.h>: struct page is opaque) ---- */

/*
 * "Pinning" a page of guest memory for the kernel to write (indicator
 * and summary bits): 6.1 pins the VMM's page with FOLL_WRITE and fails,
 * dropping the injection, if the VMM made it read-only or unmapped it.
 * The host has no pin: it checks, with a fault-guarded no-op write, that
 * the program's mapping is writable now. A protection change racing
 * with the injection itself (between this check and the bit update, no
 * sleep in between) is not covered.
 */
static bool page_writable(unsigned long hva)
{
	return um_probe_writable((void *)hva);
}

struct page *gfn_to_page(struct kvm *kvm, gfn_t gfn)
{
	unsigned long hva = gfn_to_hva(kvm, gfn);

	if (kvm_is_error_hva(hva) || !page_writable(hva))
		return KVM_ERR_PTR_BAD_PAGE;
	return (struct page *)hva;
}

/* Never sleeps (a probe of mapped memory does not block). */
int gfn_to_page_many_atomic(struct kvm_memory_slot *slot, gfn_t gfn,
			    struct page **pages, int nr_pages)
{
	unsigned long hva;
	int i;

	if (!slot || gfn < slot->base_gfn ||
	    gfn + nr_pages > slot->base_gfn + slot->npages ||
	    (slot->flags & KVM_MEM_READONLY))
		return -1;
	hva = gfn_to_hva_memslot(slot, gfn);
	for (i = 0; i < nr_pages; i++) {
		if (!page_writable(hva + i * PAGE_SIZE))
			return i ? i : -1;
		pages[i] = (struct page *)(hva + i * PAGE_SIZE);
	}
	return nr_pages;
}

/* Nothing pins a page, so there is no reference to drop. */
void kvm_release_page_clean(struct page *page)
{
}

void kvm_release_page_dirty(struct page *page)
{
}

/* ---- the routing table ---- */

int kvm_irq_map_gsi(struct kvm *kvm,
		    struct kvm_kernel_irq_routing_entry *entries, int gsi)
{
	struct kvm_irq_routing_table *rt;
	struct kvm_kernel_irq_routing_entry *e;
	int n = 0;

	rt = srcu_dereference_check(kvm->irq_routing, &kvm->irq_srcu,
				    lockdep_is_held(&kvm->irq_lock));
	if (rt && gsi >= 0 && gsi < rt->nr_rt_entries) {
		hlist_for_each_entry(e, &rt->map[gsi], link) {
			if (n == KVM_NR_IRQCHIPS)
				break;
			entries[n++] = *e;
		}
	}
	return n;
}

/*
 * Raise @irq through its routes from process context: < 0 not injected,
 * 0 coalesced, > 0 delivered (the sum over the routes, as upstream).
 */
int kvm_set_irq(struct kvm *kvm, int irq_source_id, u32 irq, int level,
		bool line_status)
{
	struct kvm_kernel_irq_routing_entry irq_set[KVM_NR_IRQCHIPS];
	int ret = -1, i, idx;

	/* copies: the table may be replaced once we drop irq_srcu */
	idx = srcu_read_lock(&kvm->irq_srcu);
	i = kvm_irq_map_gsi(kvm, irq_set, irq);
	srcu_read_unlock(&kvm->irq_srcu, idx);

	while (i--) {
		int r = irq_set[i].set(&irq_set[i], kvm, irq_source_id, level,
				       line_status);

		if (r < 0)
			continue;
		ret = r + ((ret < 0) ? 0 : ret);
	}
	return ret;
}

static void free_irq_routing_table(struct kvm_irq_routing_table *rt)
{
	struct kvm_kernel_irq_routing_entry *e;
	struct hlist_node *n;
	u32 i;

	if (!rt)
		return;
	for (i = 0; i < rt->nr_rt_entries; i++) {
		hlist_for_each_entry_safe(e, n, &rt->map[i], link) {
			hlist_del(&e->link);
			kfree(e);
		}
	}
	kfree(rt);
}

/* VM destruction: nobody can inject any more. */
void kvm_free_irq_routing(struct kvm *kvm)
{
	free_irq_routing_table(rcu_access_pointer(kvm->irq_routing));
	RCU_INIT_POINTER(kvm->irq_routing, NULL);
}

static int setup_routing_entry(struct kvm *kvm,
			       struct kvm_irq_routing_table *rt,
			       struct kvm_kernel_irq_routing_entry *e,
			       const struct kvm_irq_routing_entry *ue)
{
	struct kvm_kernel_irq_routing_entry *ei;
	u32 gsi = array_index_nospec(ue->gsi, KVM_MAX_IRQ_ROUTES);
	int r;

	/*
	 * A gsi may reach several irqchips, but each at most once, and a
	 * non-irqchip route (s390 adapters) must be the gsi's only one.
	 */
	hlist_for_each_entry(ei, &rt->map[gsi], link)
		if (ei->type != KVM_IRQ_ROUTING_IRQCHIP ||
		    ue->type != KVM_IRQ_ROUTING_IRQCHIP ||
		    ue->u.irqchip.irqchip == ei->irqchip.irqchip)
			return -EINVAL;

	e->gsi = gsi;
	e->type = ue->type;
	r = kvm_set_routing_entry(kvm, e, ue);
	if (r)
		return r;
	hlist_add_head(&e->link, &rt->map[e->gsi]);
	return 0;
}

int kvm_set_irq_routing(struct kvm *kvm,
			const struct kvm_irq_routing_entry *ue,
			unsigned nr, unsigned flags)
{
	struct kvm_irq_routing_table *new, *old;
	struct kvm_kernel_irq_routing_entry *e;
	u32 i, j, nr_rt_entries = 0;
	int r;

	for (i = 0; i < nr; ++i) {
		if (ue[i].gsi >= KVM_MAX_IRQ_ROUTES)
			return -EINVAL;
		nr_rt_entries = max(nr_rt_entries, ue[i].gsi);
	}
	nr_rt_entries += 1;

	new = kzalloc(struct_size(new, map, nr_rt_entries),
		      GFP_KERNEL_ACCOUNT);
	if (!new)
		return -ENOMEM;
	new->nr_rt_entries = nr_rt_entries;
	for (i = 0; i < KVM_NR_IRQCHIPS; i++)
		for (j = 0; j < KVM_IRQCHIP_NUM_PINS; j++)
			new->chip[i][j] = -1;

	for (i = 0; i < nr; ++i, ++ue) {
		r = -ENOMEM;
		e = kzalloc(sizeof(*e), GFP_KERNEL_ACCOUNT);
		if (!e)
			goto out;
		r = -EINVAL;
		if (ue->flags)	/* only MSI routes have flags */
			goto free_entry;
		r = setup_routing_entry(kvm, new, e, ue);
		if (r)
			goto free_entry;
	}

	mutex_lock(&kvm->irq_lock);
	old = rcu_dereference_protected(kvm->irq_routing, 1);
	rcu_assign_pointer(kvm->irq_routing, new);
	mutex_unlock(&kvm->irq_lock);

	/* injections running on the old table finish before it goes */
	synchronize_srcu_expedited(&kvm->irq_srcu);
	new = old;
	r = 0;
	goto out;

free_entry:
	kfree(e);
out:
	free_irq_routing_table(new);
	return r;
}

/* ---- VM ioctls ---- */

static long kvm_vm_ioctl_set_gsi_routing(struct kvm *kvm, void __user *argp)
{
	struct kvm_irq_routing routing;
	struct kvm_irq_routing __user *urouting = argp;
	struct kvm_irq_routing_entry *entries = NULL;
	long r;

	if (copy_from_user(&routing, argp, sizeof(routing)))
		return -EFAULT;
	if (routing.nr > KVM_MAX_IRQ_ROUTES)
		return -EINVAL;
	if (routing.flags)
		return -EINVAL;
	if (routing.nr) {
		entries = vmemdup_user(urouting->entries,
				       array_size(sizeof(*entries),
						  routing.nr));
		if (IS_ERR(entries))
			return PTR_ERR(entries);
	}
	r = kvm_set_irq_routing(kvm, entries, routing.nr, routing.flags);
	kvfree(entries);
	return r;
}

static long kvm_vm_ioctl_create_irqchip(struct kvm *kvm)
{
	struct kvm_irq_routing_entry routing;

	if (!READ_ONCE(kvm->arch.use_irqchip))
		return -EINVAL;
	/* 6.1 s390: an empty ("dummy") routing table */
	memset(&routing, 0, sizeof(routing));
	return kvm_set_irq_routing(kvm, &routing, 0, 0);
}

long kvm_vm_ioctl_irqchip(struct kvm *kvm, unsigned int ioctl,
			  unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct kvm_irqfd data;

	switch (ioctl) {
	case KVM_CREATE_IRQCHIP:
		return kvm_vm_ioctl_create_irqchip(kvm);
	case KVM_SET_GSI_ROUTING:
		return kvm_vm_ioctl_set_gsi_routing(kvm, argp);
	case KVM_IRQFD:
		if (copy_from_user(&data, argp, sizeof(data)))
			return -EFAULT;
		return kvm_irqfd(kvm, &data);
	default:
		return -ENOTTY;
	}
}


// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest memory: KVM_SET_USER_MEMORY_REGION, KVM_GET_DIRTY_LOG and the
 * guest-memory accessors of <linux/kvm_host.h>.
 *
 * The memslots of an address space are an immutable, gfn-sorted array
 * (struct kvm_memslots).  An update (under kvm->slots_lock) builds a new
 * array, publishes it with rcu_assign_pointer() and waits for readers
 * with synchronize_srcu(&kvm->srcu) before freeing what it replaced.
 * Readers use srcu_read_lock(&kvm->srcu); the accessors below take it
 * themselves, so portable code may call them with or without it.
 *
 * Guest memory is the VMM's memory (userspace_addr): accessors go through
 * copy_{from,to}_user, so a VMM that unmapped it gets -EFAULT, not a
 * crash.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "kvm_mm.h"

static struct kvm_memslots *memslots_alloc(int nr)
{
	return kzalloc(struct_size((struct kvm_memslots *)NULL, slots, nr),
		       GFP_KERNEL);
}

int kvm_init_memslots(struct kvm *kvm)
{
	struct kvm_memslots *slots = memslots_alloc(0);

	if (!slots)
		return -ENOMEM;
	RCU_INIT_POINTER(kvm->memslots[0], slots);
	return 0;
}

static void free_slot(struct kvm_memory_slot *slot)
{
	if (!slot)
		return;
	kvfree(slot->dirty_bitmap);
	kfree(slot);
}

void kvm_free_memslots(struct kvm *kvm)
{
	struct kvm_memslots *slots;
	int i;

	slots = rcu_dereference_protected(kvm->memslots[0], 1);
	if (!slots)
		return;
	for (i = 0; i < slots->used_slots; i++)
		free_slot(slots->slots[i]);
	kfree(slots);
	RCU_INIT_POINTER(kvm->memslots[0], NULL);
}

/* ---- lookups (callers hold kvm->srcu or kvm->slots_lock) ---- */

struct kvm_memory_slot *id_to_memslot(struct kvm_memslots *slots, int id)
{
	int i;

	for (i = 0; i < slots->used_slots; i++)
		if (slots->slots[i]->id == id)
			return slots->slots[i];
	return NULL;
}

static struct kvm_memory_slot *search_memslots(struct kvm_memslots *slots,
					       gfn_t gfn)
{
	int lo = 0, hi = slots->used_slots - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		struct kvm_memory_slot *s = slots->slots[mid];

		if (gfn < s->base_gfn)
			hi = mid - 1;
		else if (gfn >= s->base_gfn + s->npages)
			lo = mid + 1;
		else
			return s;
	}
	return NULL;
}

struct kvm_memory_slot *gfn_to_memslot(struct kvm *kvm, gfn_t gfn)
{
	return search_memslots(kvm_memslots(kvm), gfn);
}

bool kvm_is_visible_gfn(struct kvm *kvm, gfn_t gfn)
{
	struct kvm_memory_slot *slot;
	bool visible;
	int idx;

	idx = srcu_read_lock(&kvm->srcu);
	slot = gfn_to_memslot(kvm, gfn);
	visible = slot && slot->id < KVM_USER_MEM_SLOTS;
	srcu_read_unlock(&kvm->srcu, idx);
	return visible;
}

unsigned long gfn_to_hva_memslot(struct kvm_memory_slot *slot, gfn_t gfn)
{
	return slot->userspace_addr + (gfn - slot->base_gfn) * PAGE_SIZE;
}

static unsigned long slot_gfn_to_hva(struct kvm_memory_slot *slot, gfn_t gfn,
				     bool *writable)
{
	if (!slot || gfn < slot->base_gfn ||
	    gfn >= slot->base_gfn + slot->npages)
		return KVM_HVA_ERR_BAD;
	if (writable)
		*writable = !(slot->flags & KVM_MEM_READONLY);
	return gfn_to_hva_memslot(slot, gfn);
}

/*
 * The hva stays meaningful only while the caller holds kvm->srcu (a
 * concurrent delete may retire the slot otherwise), as upstream.
 */
unsigned long gfn_to_hva(struct kvm *kvm, gfn_t gfn)
{
	unsigned long hva;
	int idx;

	idx = srcu_read_lock(&kvm->srcu);
	hva = slot_gfn_to_hva(gfn_to_memslot(kvm, gfn), gfn, NULL);
	srcu_read_unlock(&kvm->srcu, idx);
	return hva;
}

unsigned long gfn_to_hva_prot(struct kvm *kvm, gfn_t gfn, bool *writable)
{
	unsigned long hva;
	int idx;

	idx = srcu_read_lock(&kvm->srcu);
	hva = slot_gfn_to_hva(gfn_to_memslot(kvm, gfn), gfn, writable);
	srcu_read_unlock(&kvm->srcu, idx);
	return hva;
}

/* ---- accessors ---- */

static int next_segment(unsigned long len, int offset)
{
	if (len > PAGE_SIZE - offset)
		return PAGE_SIZE - offset;
	return len;
}

static int read_page_locked(struct kvm *kvm, gfn_t gfn, void *data,
			    int offset, int len)
{
	unsigned long hva;

	hva = slot_gfn_to_hva(gfn_to_memslot(kvm, gfn), gfn, NULL);
	if (kvm_is_error_hva(hva))
		return -EFAULT;
	if (copy_from_user(data, (void __user *)(hva + offset), len))
		return -EFAULT;
	return 0;
}

static int write_page_locked(struct kvm *kvm, gfn_t gfn, const void *data,
			     int offset, int len)
{
	struct kvm_memory_slot *slot = gfn_to_memslot(kvm, gfn);
	bool writable = false;
	unsigned long hva;

	hva = slot_gfn_to_hva(slot, gfn, &writable);
	if (kvm_is_error_hva(hva) || !writable)
		return -EFAULT;
	if (copy_to_user((void __user *)(hva + offset), data, len))
		return -EFAULT;
	mark_page_dirty_in_slot(kvm, slot, gfn);
	return 0;
}

int kvm_read_guest_page(struct kvm *kvm, gfn_t gfn, void *data, int offset,
			int len)
{
	int idx, r;

	if (offset < 0 || len < 0 || offset + len > PAGE_SIZE)
		return -EFAULT;
	idx = srcu_read_lock(&kvm->srcu);
	r = read_page_locked(kvm, gfn, data, offset, len);
	srcu_read_unlock(&kvm->srcu, idx);
	return r;
}

int kvm_write_guest_page(struct kvm *kvm, gfn_t gfn, const void *data,
			 int offset, int len)
{
	int idx, r;

	if (offset < 0 || len < 0 || offset + len > PAGE_SIZE)
		return -EFAULT;
	idx = srcu_read_lock(&kvm->srcu);
	r = write_page_locked(kvm, gfn, data, offset, len);
	srcu_read_unlock(&kvm->srcu, idx);
	return r;
}

int kvm_read_guest(struct kvm *kvm, gpa_t gpa, void *data, unsigned long len)
{
	gfn_t gfn = gpa >> PAGE_SHIFT;
	int offset = offset_in_page(gpa);
	int seg, idx, r = 0;

	idx = srcu_read_lock(&kvm->srcu);
	while (len && !r) {
		seg = next_segment(len, offset);
		r = read_page_locked(kvm, gfn, data, offset, seg);
		offset = 0;
		len -= seg;
		data += seg;
		++gfn;
	}
	srcu_read_unlock(&kvm->srcu, idx);
	return r;
}

int kvm_write_guest(struct kvm *kvm, gpa_t gpa, const void *data,
		    unsigned long len)
{
	gfn_t gfn = gpa >> PAGE_SHIFT;
	int offset = offset_in_page(gpa);
	int seg, idx, r = 0;

	idx = srcu_read_lock(&kvm->srcu);
	while (len && !r) {
		seg = next_segment(len, offset);
		r = write_page_locked(kvm, gfn, data, offset, seg);
		offset = 0;
		len -= seg;
		data += seg;
		++gfn;
	}
	srcu_read_unlock(&kvm->srcu, idx);
	return r;
}

int kvm_clear_guest(struct kvm *kvm, gpa_t gpa, unsigned long len)
{
	static const u8 zero_page[PAGE_SIZE];
	gfn_t gfn = gpa >> PAGE_SHIFT;
	int offset = offset_in_page(gpa);
	int seg, idx, r = 0;

	idx = srcu_read_lock(&kvm->srcu);
	while (len && !r) {
		seg = next_segment(len, offset);
		r = write_page_locked(kvm, gfn, zero_page, offset, seg);
		offset = 0;
		len -= seg;
		++gfn;
	}
	srcu_read_unlock(&kvm->srcu, idx);
	return r;
}

void mark_page_dirty_in_slot(struct kvm *kvm,
			     const struct kvm_memory_slot *memslot, gfn_t gfn)
{
	if (memslot && memslot->dirty_bitmap)
		set_bit(gfn - memslot->base_gfn, memslot->dirty_bitmap);
}

void mark_page_dirty(struct kvm *kvm, gfn_t gfn)
{
	int idx;

	idx = srcu_read_lock(&kvm->srcu);
	mark_page_dirty_in_slot(kvm, gfn_to_memslot(kvm, gfn), gfn);
	srcu_read_unlock(&kvm->srcu, idx);
}

/* ---- updates (kvm->slots_lock held) ---- */

static bool overlaps(struct kvm_memslots *slots, int id, gfn_t start,
		     gfn_t end)
{
	int i;

	for (i = 0; i < slots->used_slots; i++) {
		struct kvm_memory_slot *s = slots->slots[i];

		if (s->id == id)
			continue;
		if (start < s->base_gfn + s->npages && s->base_gfn < end)
			return true;
	}
	return false;
}

/*
 * Publish a copy of @old_set with @old replaced by @new (either may be
 * NULL) and wait until no reader can still see @old_set.  The caller
 * frees @old.
 */
static int install_slot(struct kvm *kvm, struct kvm_memslots *old_set,
			struct kvm_memory_slot *old,
			struct kvm_memory_slot *new)
{
	int nr = old_set->used_slots + (new ? 1 : 0) - (old ? 1 : 0);
	struct kvm_memslots *set;
	int i, j, n = 0;

	set = memslots_alloc(nr);
	if (!set)
		return -ENOMEM;
	for (i = 0; i < old_set->used_slots; i++)
		if (old_set->slots[i] != old)
			set->slots[n++] = old_set->slots[i];
	if (new) {
		/* insert keeping the array sorted by base_gfn */
		for (j = n; j > 0 && set->slots[j - 1]->base_gfn >
				     new->base_gfn; j--)
			set->slots[j] = set->slots[j - 1];
		set->slots[j] = new;
		n++;
	}
	set->used_slots = n;
	set->generation = old_set->generation + 1;
	rcu_assign_pointer(kvm->memslots[0], set);
	synchronize_srcu(&kvm->srcu);
	kfree(old_set);
	return 0;
}

static int alloc_dirty_bitmap(struct kvm_memory_slot *slot)
{
	slot->dirty_bitmap = kvzalloc(kvm_dirty_bitmap_bytes(slot),
				      GFP_KERNEL);
	return slot->dirty_bitmap ? 0 : -ENOMEM;
}

static int check_memory_region_flags(const struct kvm_userspace_memory_region *mem)
{
	/* s390 has no read-only memory: only dirty logging */
	if (mem->flags & ~KVM_MEM_LOG_DIRTY_PAGES)
		return -EINVAL;
	return 0;
}

static int check_region(const struct kvm_userspace_memory_region *mem)
{
	int r = check_memory_region_flags(mem);

	if (r)
		return r;
	if ((mem->memory_size & (PAGE_SIZE - 1)) ||
	    mem->memory_size != (unsigned long)mem->memory_size)
		return -EINVAL;
	if (mem->guest_phys_addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if ((mem->userspace_addr & (PAGE_SIZE - 1)) ||
	    !access_ok((void __user *)(unsigned long)mem->userspace_addr,
		       mem->memory_size))
		return -EINVAL;
	if ((mem->slot >> 16) >= KVM_ADDRESS_SPACE_NUM ||
	    (u16)mem->slot >= KVM_MEM_SLOTS_NUM)
		return -EINVAL;
	if (mem->guest_phys_addr + mem->memory_size < mem->guest_phys_addr)
		return -EINVAL;
	if ((mem->memory_size >> PAGE_SHIFT) > KVM_MEM_MAX_NR_PAGES)
		return -EINVAL;
	return 0;
}

static int set_memory_region(struct kvm *kvm,
			     struct kvm_userspace_memory_region *mem)
{
	struct kvm_memslots *slots = kvm_memslots(kvm);
	struct kvm_memory_slot *old, *new;
	unsigned long npages = mem->memory_size >> PAGE_SHIFT;
	gfn_t base_gfn = mem->guest_phys_addr >> PAGE_SHIFT;
	int id = (u16)mem->slot;
	bool create, move;
	int r;

	r = check_region(mem);
	if (r)
		return r;
	old = id_to_memslot(slots, id);

	if (!mem->memory_size) {
		if (!old)
			return -EINVAL;
		r = install_slot(kvm, slots, old, NULL);
		if (r)
			return r;
		kvm->nr_memslot_pages -= old->npages;
		free_slot(old);
		return 0;
	}

	create = !old;
	if (create) {
		if (kvm->nr_memslot_pages + npages < kvm->nr_memslot_pages)
			return -EINVAL;
	} else {
		/* only the gpa (move) and the flags may change */
		if (mem->userspace_addr != old->userspace_addr ||
		    npages != old->npages ||
		    ((mem->flags ^ old->flags) & KVM_MEM_READONLY))
			return -EINVAL;
		if (base_gfn == old->base_gfn && mem->flags == old->flags)
			return 0;
	}
	move = !create && base_gfn != old->base_gfn;

	if ((create || move) &&
	    overlaps(slots, id, base_gfn, base_gfn + npages))
		return -EEXIST;
	/* create and move (not flags-only, not delete) obey s390's rules */
	if (create || move) {
		r = kvm_arch_prepare_memory_region(kvm, mem);
		if (r)
			return r;
	}

	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	new->as_id = mem->slot >> 16;
	new->id = id;
	new->base_gfn = base_gfn;
	new->npages = npages;
	new->flags = mem->flags;
	new->userspace_addr = mem->userspace_addr;
	if (new->flags & KVM_MEM_LOG_DIRTY_PAGES) {
		/*
		 * Dirty state survives a flags-only update and a move (as in
		 * kvm_prepare_memory_region): the bits are slot-relative.
		 */
		if (old && old->dirty_bitmap)
			new->dirty_bitmap = old->dirty_bitmap;
		else if (alloc_dirty_bitmap(new)) {
			kfree(new);
			return -ENOMEM;
		}
	}
	r = install_slot(kvm, slots, old, new);
	if (r) {
		if (old && new->dirty_bitmap == old->dirty_bitmap)
			new->dirty_bitmap = NULL;	/* still old's */
		free_slot(new);
		return r;
	}
	if (old) {
		if (new->dirty_bitmap == old->dirty_bitmap)
			old->dirty_bitmap = NULL;	/* now new's */
		free_slot(old);
	} else {
		kvm->nr_memslot_pages += npages;
	}
	return 0;
}

int kvm_vm_ioctl_set_memory_region(struct kvm *kvm,
				   struct kvm_userspace_memory_region *mem)
{
	int r;

	mutex_lock(&kvm->slots_lock);
	r = set_memory_region(kvm, mem);
	mutex_unlock(&kvm->slots_lock);
	return r;
}

/*
 * KVM_GET_DIRTY_LOG: copy the slot's bitmap out and clear it.  (s390
 * syncs from the gmap first; here every write through the accessors
 * already marked it.)
 */
int kvm_vm_ioctl_get_dirty_log(struct kvm *kvm, struct kvm_dirty_log *log)
{
	struct kvm_memory_slot *slot;
	unsigned long n, i, *snap;
	int r = -ENOENT;

	if ((log->slot >> 16) >= KVM_ADDRESS_SPACE_NUM ||
	    (u16)log->slot >= KVM_USER_MEM_SLOTS)
		return -EINVAL;
	mutex_lock(&kvm->slots_lock);
	slot = id_to_memslot(kvm_memslots(kvm), (u16)log->slot);
	if (!slot || !slot->dirty_bitmap)
		goto out;
	n = kvm_dirty_bitmap_bytes(slot);
	r = -ENOMEM;
	snap = kvzalloc(n, GFP_KERNEL);
	if (!snap)
		goto out;
	/*
	 * Take and clear, word by word, so a concurrent mark_page_dirty()
	 * lands either in this snapshot or in the next one.  If the copy
	 * faults, OR the snapshot back: userspace got nothing, so nothing
	 * may be lost (upstream copies first and clears only on success).
	 */
	for (i = 0; i < n / sizeof(long); i++)
		snap[i] = xchg(&slot->dirty_bitmap[i], 0);
	r = 0;
	if (copy_to_user(log->dirty_bitmap, snap, n)) {
		for (i = 0; i < n / sizeof(long); i++)
			if (snap[i])
				atomic_long_or(snap[i], (atomic_long_t *)
					       &slot->dirty_bitmap[i]);
		r = -EFAULT;
	}
	kvfree(snap);
out:
	mutex_unlock(&kvm->slots_lock);
	return r;
}

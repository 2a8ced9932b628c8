// SPDX-License-Identifier: GPL-2.0
/*
 * The s390 floating interrupt controller (FLIC) KVM device: attribute
 * dispatch, saving and restoring the floating interrupts (GET_ALL_IRQS,
 * ENQUEUE), clearing them, and async page fault control. Adapters and
 * AIS are in adapter.c, the interrupt state itself in interrupt.c.
 *
 * The device holds no interrupts of its own: pending interrupts and
 * adapters are VM state (kvm->arch), so they outlive the device fd.
 */

#include <linux/errno.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "kvm-s390.h"

#define IRQ_SIZE	sizeof(struct kvm_s390_irq)

/*
 * GET_ALL_IRQS: copy out every pending floating interrupt, as one
 * consistent state: taken in one hold of fi->lock and written straight
 * into the user's buffer, whose pages are pinned and mapped (vmap())
 * beforehand, since copy_to_user() may fault and cannot run under the
 * spinlock. No staging copy (6.1 fills a vzalloc()ed buffer of the
 * user's size, then copies it): the data crosses memory once. If the
 * queue grows between the count and the hold, more of the buffer is
 * pinned and the walk is redone. Too small a user buffer gives ENOMEM
 * (userspace retries with a bigger one), so a failed kernel allocation
 * gives ENOBUFS instead, as in 6.1; a buffer that cannot be pinned for
 * writing gives EFAULT. Nothing is dequeued.
 */
static int get_all_floating_irqs(struct kvm_device *dev, u64 addr, u64 len)
{
	unsigned long uaddr = (unsigned long)addr;
	struct kvm_s390_irq *buf = NULL;
	struct page **pages = NULL;
	int max_irqs, cap = 0, n, nr_pages, pinned = 0;
	void *map = NULL;

	if (len > KVM_S390_FLIC_MAX_BUFFER || len == 0)
		return -EINVAL;
	max_irqs = len / IRQ_SIZE;

	/* ends: cap only grows, and at max_irqs every answer fits or fails */
	while ((n = kvm_s390_get_float_irqs(dev->kvm, buf, cap)) > cap) {
		if (map)
			vunmap(map);
		map = NULL;
		if (pinned > 0)
			unpin_user_pages_dirty_lock(pages, pinned, false);
		pinned = 0;
		kvfree(pages);
		pages = NULL;
		if (n > max_irqs) {
			n = -ENOMEM;
			break;
		}
		/* room for what arrives before the next look */
		cap = min(n + n / 16 + 8, max_irqs);
		nr_pages = DIV_ROUND_UP(offset_in_page(uaddr) +
					(size_t)cap * IRQ_SIZE, PAGE_SIZE);
		pages = kvmalloc_array(nr_pages, sizeof(*pages),
				       GFP_KERNEL_ACCOUNT);
		if (!pages) {
			n = -ENOBUFS;
			break;
		}
		pinned = pin_user_pages_fast(uaddr, nr_pages, FOLL_WRITE, pages);
		/* the room past the entries pending may be missing: fine */
		cap = pinned > 0 ? min_t(size_t, cap,
					 ((size_t)pinned * PAGE_SIZE -
					  offset_in_page(uaddr)) / IRQ_SIZE) : 0;
		if (cap < n) {
			n = -EFAULT;
			break;
		}
		map = vmap(pages, pinned, VM_MAP, PAGE_KERNEL);
		if (!map) {
			n = -ENOBUFS;
			break;
		}
		buf = map + offset_in_page(uaddr);
	}
	if (map)
		vunmap(map);
	if (pinned > 0)
		unpin_user_pages_dirty_lock(pages, pinned, n > 0);
	kvfree(pages);
	return n;
}

static int copy_irq_from_user(struct kvm_s390_interrupt_info *inti, u64 addr)
{
	struct kvm_s390_irq __user *uptr = (void __user *)(unsigned long)addr;
	void __user *source;
	void *target;
	size_t size;

	if (get_user(inti->type, &uptr->type))
		return -EFAULT;

	switch (inti->type) {
	case KVM_S390_INT_PFAULT_INIT:
	case KVM_S390_INT_PFAULT_DONE:
	case KVM_S390_INT_VIRTIO:
	case KVM_S390_INT_SERVICE:
		target = &inti->ext;
		source = &uptr->u.ext;
		size = sizeof(inti->ext);
		break;
	case KVM_S390_INT_IO_MIN ... KVM_S390_INT_IO_MAX:
		target = &inti->io;
		source = &uptr->u.io;
		size = sizeof(inti->io);
		break;
	case KVM_S390_MCHK:
		target = &inti->mchk;
		source = &uptr->u.mchk;
		size = sizeof(inti->mchk);
		break;
	default:
		return -EINVAL;
	}
	if (copy_from_user(target, source, size))
		return -EFAULT;
	return 0;
}

/*
 * ENQUEUE: inject an array of struct kvm_s390_irq, one by one, without
 * rollback. The length is checked as the u64 it is (6.1 truncates it to
 * an int first).
 */
static int enqueue_floating_irq(struct kvm_device *dev,
				struct kvm_device_attr *attr)
{
	struct kvm_s390_interrupt_info *inti;
	u64 len = attr->attr;
	u64 addr = attr->addr;
	int r;

	if (len % IRQ_SIZE)
		return -EINVAL;
	if (len > KVM_S390_FLIC_MAX_BUFFER)
		return -EINVAL;

	for (; len; len -= IRQ_SIZE, addr += IRQ_SIZE) {
		inti = kzalloc(sizeof(*inti), GFP_KERNEL_ACCOUNT);
		if (!inti)
			return -ENOMEM;
		r = copy_irq_from_user(inti, addr);
		if (!r)
			r = kvm_s390_inject_float_inti(dev->kvm, inti);
		if (r) {
			kfree(inti);
			return r;
		}
	}
	return 0;
}

static int clear_io_irq(struct kvm *kvm, struct kvm_device_attr *attr)
{
	u32 schid;

	if (attr->flags)
		return -EINVAL;
	if (attr->attr != sizeof(schid))
		return -EINVAL;
	if (copy_from_user(&schid, (void __user *)(unsigned long)attr->addr,
			   sizeof(schid)))
		return -EFAULT;
	if (!schid)
		return -EINVAL;
	/*
	 * An architecture-conforming VMM has at most one interrupt pending
	 * per subchannel, so removing the first match clears it.
	 */
	kfree(kvm_s390_get_io_int(kvm, 0xffUL << 24, schid));
	return 0;
}

static int flic_get_attr(struct kvm_device *dev, struct kvm_device_attr *attr)
{
	switch (attr->group) {
	case KVM_DEV_FLIC_GET_ALL_IRQS:
		return get_all_floating_irqs(dev, attr->addr, attr->attr);
	case KVM_DEV_FLIC_AISM_ALL:
		return kvm_s390_flic_ais_get_all(dev->kvm, attr);
	default:
		return -EINVAL;
	}
}

static int flic_set_attr(struct kvm_device *dev, struct kvm_device_attr *attr)
{
	struct kvm_s390_flic *flic = dev->private;

	switch (attr->group) {
	case KVM_DEV_FLIC_ENQUEUE:
		return enqueue_floating_irq(dev, attr);
	case KVM_DEV_FLIC_CLEAR_IRQS:
		kvm_s390_clear_float_irqs(dev->kvm);
		return 0;
	case KVM_DEV_FLIC_APF_ENABLE:
		mutex_lock(&flic->lock);
		flic->pfault_enabled = true;
		mutex_unlock(&flic->lock);
		return 0;
	case KVM_DEV_FLIC_APF_DISABLE_WAIT:
		/*
		 * Pfault-init interrupts only come from the host's async
		 * page faults; with none in flight (this KVM has no async
		 * page-fault producer) disabling needs no wait.
		 */
		mutex_lock(&flic->lock);
		flic->pfault_enabled = false;
		mutex_unlock(&flic->lock);
		return 0;
	case KVM_DEV_FLIC_ADAPTER_REGISTER:
		return kvm_s390_flic_register_adapter(dev, attr);
	case KVM_DEV_FLIC_ADAPTER_MODIFY:
		return kvm_s390_flic_modify_adapter(dev, attr);
	case KVM_DEV_FLIC_CLEAR_IO_IRQ:
		return clear_io_irq(dev->kvm, attr);
	case KVM_DEV_FLIC_AISM:
		return kvm_s390_flic_modify_ais_mode(dev->kvm, attr);
	case KVM_DEV_FLIC_AIRQ_INJECT:
		return kvm_s390_flic_inject_airq(dev->kvm, attr);
	case KVM_DEV_FLIC_AISM_ALL:
		return kvm_s390_flic_ais_set_all(dev->kvm, attr);
	default:
		return -EINVAL;
	}
}

static int flic_has_attr(struct kvm_device *dev, struct kvm_device_attr *attr)
{
	switch (attr->group) {
	case KVM_DEV_FLIC_GET_ALL_IRQS:
	case KVM_DEV_FLIC_ENQUEUE:
	case KVM_DEV_FLIC_CLEAR_IRQS:
	case KVM_DEV_FLIC_APF_ENABLE:
	case KVM_DEV_FLIC_APF_DISABLE_WAIT:
	case KVM_DEV_FLIC_ADAPTER_REGISTER:
	case KVM_DEV_FLIC_ADAPTER_MODIFY:
	case KVM_DEV_FLIC_CLEAR_IO_IRQ:
	case KVM_DEV_FLIC_AISM:
	case KVM_DEV_FLIC_AIRQ_INJECT:
	case KVM_DEV_FLIC_AISM_ALL:
		return 0;
	}
	return -ENXIO;
}

/* Called with kvm->lock held, which makes the one-per-VM check safe. */
static int flic_create(struct kvm_device *dev, u32 type)
{
	struct kvm_s390_flic *flic;
	int i;

	if (!dev)
		return -EINVAL;
	if (dev->kvm->arch.flic)
		return -EINVAL;
	flic = kzalloc(sizeof(*flic), GFP_KERNEL_ACCOUNT);
	if (!flic)
		return -ENOMEM;
	mutex_init(&flic->lock);
	INIT_LIST_HEAD(&flic->maps);
	for (i = 0; i < KVM_MAX_VCPUS; i++)
		atomic_set(&flic->wait_irqs[i], 0);
	kvm_s390_ccw_init_flic(flic);
	dev->private = flic;
	/* publish only a fully set up device to the injection path */
	smp_store_release(&dev->kvm->arch.flic, dev);
	return 0;
}

/* Called when the VM goes away; pending interrupts are freed with it. */
static void flic_destroy(struct kvm_device *dev)
{
	struct kvm_s390_flic *flic = dev->private;

	/* the bindings live here: none may outlive it */
	kvm_s390_ccw_destroy_vm(dev->kvm);
	WRITE_ONCE(dev->kvm->arch.flic, NULL);
	kvm_s390_flic_unmap_all(dev);
	kfree(flic);
	kfree(dev);
}

/* s390 floating irq controller (flic) */
struct kvm_device_ops kvm_flic_ops = {
	.name = "kvm-flic",
	.get_attr = flic_get_attr,
	.set_attr = flic_set_attr,
	.has_attr = flic_has_attr,
	.create = flic_create,
	.destroy = flic_destroy,
};

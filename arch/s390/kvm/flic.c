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

#include "kvm-s390.h"

#define IRQ_SIZE	sizeof(struct kvm_s390_irq)

/* Make sure the staging buffer holds @nr entries (flic->lock held). */
static int snap_buf_reserve(struct kvm_s390_flic *flic, size_t nr)
{
	struct kvm_s390_irq *buf;

	if (flic->snap_len >= nr)
		return 0;
	buf = kvmalloc_array(nr, IRQ_SIZE, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return -ENOBUFS;
	kvfree(flic->snap_buf);
	flic->snap_buf = buf;
	flic->snap_len = nr;
	return 0;
}

/* Copy each run of the last chunk to its place in the user's buffer. */
static int copy_segs(void __user *ubuf, const struct kvm_s390_irq *buf,
		     const struct kvm_s390_float_irq_cursor *cur)
{
	int i;

	for (i = 0; i < cur->nr_segs; i++)
		if (copy_to_user(ubuf + (size_t)cur->seg[i].at * IRQ_SIZE,
				 buf + cur->seg[i].buf_idx,
				 cur->seg[i].n * IRQ_SIZE))
			return -EFAULT;
	return 0;
}

/* chunked copies restarted this often in one call fall back to staging */
#define GET_ALL_IRQS_MAX_RESTARTS	2

/*
 * The normal GET_ALL_IRQS path: copy through the small chunk buffer,
 * taking fi->lock once per chunk and dropping it for copy_to_user (which
 * may fault and sleep, so it cannot run under the spinlock). The chunk
 * stays in the cache, so the memory traffic is reading the list nodes
 * and writing the user buffer, about what a memcpy of the result costs,
 * instead of also writing and re-reading a 19 MiB staging copy. Each
 * chunk after the first checks the change generation
 * (kvm_s390_float_irq_chunk()), so a result made of several chunks is
 * still one consistent state: the one of the first chunk.
 *
 * Return: the number of entries, -ENOMEM, -EFAULT, or -EAGAIN if the
 * interrupts changed between two chunks (the user buffer then holds a
 * partial copy that the caller overwrites or abandons).
 */
static int copy_in_chunks(struct kvm_device *dev, void __user *ubuf,
			  int max_irqs)
{
	struct kvm_s390_flic *flic = dev->private;
	struct kvm_s390_float_irq_cursor cur = { .max_irqs = max_irqs };
	int n;

	do {
		n = kvm_s390_float_irq_chunk(dev->kvm, &cur, flic->chunk_buf,
					     KVM_S390_FLIC_CHUNK_IRQS);
		if (n < 0)
			return n;
		n = copy_segs(ubuf, flic->chunk_buf, &cur);
		if (n)
			return n;
	} while (!cur.complete);
	return cur.done;
}

/*
 * The fallback when the interrupts keep changing under chunked copies (an
 * injection or delivery storm): take the whole state in one hold of
 * fi->lock into the staging buffer, then copy it out. One hold cannot see
 * a change, so this always ends; the buffer grows with what is pending
 * (not with the user's size) and is kept, so a repeated save starts with
 * the right size.
 */
static int copy_staged(struct kvm_device *dev, void __user *ubuf,
		       int max_irqs)
{
	struct kvm_s390_flic *flic = dev->private;
	struct kvm_s390_float_irq_cursor cur;
	int want, n, rc;

	want = min_t(int, max_irqs, max_t(size_t, flic->snap_len, 64));
	for (;;) {
		rc = snap_buf_reserve(flic, want);
		if (rc)
			return rc;
		cur = (struct kvm_s390_float_irq_cursor){ .max_irqs = max_irqs };
		n = kvm_s390_float_irq_chunk(dev->kvm, &cur, flic->snap_buf,
					     want);
		if (n < 0)
			return n;	/* a first chunk never sees -EAGAIN */
		if (cur.complete)
			break;
		/* more arrived meanwhile: leave room to grow */
		want = min_t(int, max_irqs,
			     cur.total + cur.total / 8 + 64);
	}
	rc = copy_segs(ubuf, flic->snap_buf, &cur);
	return rc ? rc : n;
}

/*
 * GET_ALL_IRQS: copy out every pending floating interrupt, as one
 * consistent state. Too small a buffer gives ENOMEM (userspace retries
 * with a bigger one), so a failed kernel allocation gives ENOBUFS
 * instead, as in 6.1. Nothing is dequeued, whatever happens.
 */
static int get_all_floating_irqs(struct kvm_device *dev, u64 addr, u64 len)
{
	struct kvm_s390_flic *flic = dev->private;
	void __user *ubuf = (void __user *)(unsigned long)addr;
	int max_irqs, restarts, rc = -EAGAIN;

	if (len > KVM_S390_FLIC_MAX_BUFFER || len == 0)
		return -EINVAL;
	max_irqs = len / IRQ_SIZE;

	/* flic->lock makes this the only user of chunk_buf and snap_buf */
	mutex_lock(&flic->lock);
	if (!flic->chunk_buf)
		flic->chunk_buf = kmalloc_array(KVM_S390_FLIC_CHUNK_IRQS,
						IRQ_SIZE, GFP_KERNEL_ACCOUNT);
	if (!flic->chunk_buf) {
		rc = -ENOBUFS;
		goto out;
	}
	for (restarts = 0; restarts <= GET_ALL_IRQS_MAX_RESTARTS; restarts++) {
		rc = copy_in_chunks(dev, ubuf, max_irqs);
		if (rc != -EAGAIN)
			break;
	}
	if (rc == -EAGAIN)
		rc = copy_staged(dev, ubuf, max_irqs);
out:
	mutex_unlock(&flic->lock);
	return rc;
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
	dev->private = flic;
	/*
	 * Publish only a fully set up device to the injection path; under
	 * fi->lock too, with the list lengths counted, so whoever bumps
	 * float_gen and list_len (under that lock) starts from them.
	 */
	smp_wmb();
	kvm_s390_float_irqs_attach_flic(dev->kvm, dev);
	return 0;
}

/* Called when the VM goes away; pending interrupts are freed with it. */
static void flic_destroy(struct kvm_device *dev)
{
	struct kvm_s390_flic *flic = dev->private;

	WRITE_ONCE(dev->kvm->arch.flic, NULL);
	kvm_s390_flic_unmap_all(dev);
	kvfree(flic->snap_buf);
	kfree(flic->chunk_buf);
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

// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM devices: the registry of device types (kvm_register_device_ops),
 * KVM_CREATE_DEVICE and the device fd's attribute ioctls.
 *
 * A device whose ops have ->release is freed when its fd is closed; one
 * without lives until the VM goes and is then ->destroy-ed
 * (kvm_destroy_devices), as upstream.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/anon_inodes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include "kvm_mm.h"

/* Written at init (module_init of device drivers), read at create. */
static DEFINE_SPINLOCK(device_ops_lock);	/* protects the table */
static const struct kvm_device_ops *kvm_device_ops_table[KVM_DEV_TYPE_MAX];

int kvm_register_device_ops(const struct kvm_device_ops *ops, u32 type)
{
	int r = 0;

	if (type >= ARRAY_SIZE(kvm_device_ops_table))
		return -ENOSPC;
	spin_lock(&device_ops_lock);
	if (kvm_device_ops_table[type])
		r = -EEXIST;
	else
		kvm_device_ops_table[type] = ops;
	spin_unlock(&device_ops_lock);
	return r;
}

void kvm_unregister_device_ops(u32 type)
{
	if (type >= ARRAY_SIZE(kvm_device_ops_table))
		return;
	spin_lock(&device_ops_lock);
	kvm_device_ops_table[type] = NULL;
	spin_unlock(&device_ops_lock);
}

static const struct kvm_device_ops *device_ops(u32 type)
{
	const struct kvm_device_ops *ops;

	if (type >= ARRAY_SIZE(kvm_device_ops_table))
		return NULL;
	spin_lock(&device_ops_lock);
	ops = kvm_device_ops_table[type];
	spin_unlock(&device_ops_lock);
	return ops;
}

/* ---- the device fd ---- */

static int kvm_device_ioctl_attr(struct kvm_device *dev,
				 int (*accessor)(struct kvm_device *dev,
						 struct kvm_device_attr *attr),
				 unsigned long arg)
{
	struct kvm_device_attr attr;

	if (!accessor)
		return -EPERM;
	if (copy_from_user(&attr, (void __user *)arg, sizeof(attr)))
		return -EFAULT;
	return accessor(dev, &attr);
}

static long kvm_device_ioctl(struct file *filp, unsigned int ioctl,
			     unsigned long arg)
{
	struct kvm_device *dev = filp->private_data;

	if (kvm_um_other_mm(dev->kvm) || dev->kvm->vm_dead)
		return -EIO;

	switch (ioctl) {
	case KVM_SET_DEVICE_ATTR:
		return kvm_device_ioctl_attr(dev, dev->ops->set_attr, arg);
	case KVM_GET_DEVICE_ATTR:
		return kvm_device_ioctl_attr(dev, dev->ops->get_attr, arg);
	case KVM_HAS_DEVICE_ATTR:
		return kvm_device_ioctl_attr(dev, dev->ops->has_attr, arg);
	default:
		if (dev->ops->ioctl)
			return dev->ops->ioctl(dev, ioctl, arg);
		return -ENOTTY;
	}
}

static int kvm_device_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct kvm_device *dev = filp->private_data;

	if (dev->ops->mmap)
		return dev->ops->mmap(dev, vma);
	return -ENODEV;
}

static int kvm_device_release(struct inode *inode, struct file *filp)
{
	struct kvm_device *dev = filp->private_data;
	struct kvm *kvm = dev->kvm;

	if (dev->ops->release) {
		mutex_lock(&kvm->lock);
		list_del(&dev->vm_node);
		dev->ops->release(dev);
		mutex_unlock(&kvm->lock);
	}
	kvm_put_kvm(kvm);
	return 0;
}

static const struct file_operations kvm_device_fops = {
	.unlocked_ioctl	= kvm_device_ioctl,
	.release	= kvm_device_release,
	.mmap		= kvm_device_mmap,
};

struct kvm_device *kvm_device_from_filp(struct file *filp)
{
	if (filp->f_op != &kvm_device_fops)
		return NULL;
	return filp->private_data;
}

/* ---- creation and destruction ---- */

int kvm_ioctl_create_device(struct kvm *kvm, struct kvm_create_device *cd)
{
	const struct kvm_device_ops *ops = device_ops(cd->type);
	bool test = cd->flags & KVM_CREATE_DEVICE_TEST;
	struct kvm_device *dev;
	int ret;

	if (!ops)
		return -ENODEV;
	if (test)
		return 0;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	dev->ops = ops;
	dev->kvm = kvm;

	mutex_lock(&kvm->lock);
	ret = ops->create(dev, cd->type);
	if (ret < 0) {
		mutex_unlock(&kvm->lock);
		kfree(dev);
		return ret;
	}
	list_add(&dev->vm_node, &kvm->devices);
	mutex_unlock(&kvm->lock);

	if (ops->init)
		ops->init(dev);

	kvm_get_kvm(kvm);
	ret = anon_inode_getfd(ops->name, &kvm_device_fops, dev,
			       O_RDWR | O_CLOEXEC);
	if (ret < 0) {
		kvm_put_kvm_no_destroy(kvm);
		mutex_lock(&kvm->lock);
		list_del(&dev->vm_node);
		if (ops->release)
			ops->release(dev);
		mutex_unlock(&kvm->lock);
		if (ops->destroy)
			ops->destroy(dev);
		return ret;
	}
	cd->fd = ret;
	return 0;
}

/* From the VM's destruction: every device fd is gone already. */
void kvm_destroy_devices(struct kvm *kvm)
{
	struct kvm_device *dev, *tmp;

	list_for_each_entry_safe(dev, tmp, &kvm->devices, vm_node) {
		list_del(&dev->vm_node);
		dev->ops->destroy(dev);
	}
}

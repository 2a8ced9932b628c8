// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kvm-vfio device (KVM_DEV_TYPE_VFIO), as 6.1's virt/kvm/vfio.c
 * behaves: one per VM; KVM_DEV_VFIO_GROUP_ADD takes a reference on a
 * VFIO group file and tells the group its VM (vfio_file_set_kvm), which
 * a device of the group then sees as vdev->kvm in open_device;
 * KVM_DEV_VFIO_GROUP_DEL and closing the device undo that.  s390 has no
 * non-coherent DMA and no assignment counting, so nothing else is done.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/file.h>
#include <linux/init.h>
#include <linux/kvm_host.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>
#include <um/vfio.h>

struct kvm_vfio_file {
	struct list_head node;
	struct file *file;
};

struct kvm_vfio {
	struct list_head file_list;	/* group files added */
	struct mutex lock;		/* file_list */
};

static int kvm_vfio_file_add(struct kvm_device *dev, unsigned int fd)
{
	struct kvm_vfio *kv = dev->private;
	struct kvm_vfio_file *kvf;
	struct file *filp;
	int ret = 0;

	filp = fget(fd);
	if (!filp)	/* not routed: an open file is no group */
		return um_host_fd_valid(fd) ? -EINVAL : -EBADF;
	if (!vfio_file_is_group(filp)) {
		fput(filp);
		return -EINVAL;
	}
	mutex_lock(&kv->lock);
	list_for_each_entry(kvf, &kv->file_list, node)
		if (kvf->file == filp)
			ret = -EEXIST;
	if (!ret) {
		kvf = kzalloc(sizeof(*kvf), GFP_KERNEL_ACCOUNT);
		if (!kvf)
			ret = -ENOMEM;
	}
	if (!ret) {
		kvf->file = filp;	/* keeps our reference */
		list_add_tail(&kvf->node, &kv->file_list);
		vfio_file_set_kvm(filp, dev->kvm);
	}
	mutex_unlock(&kv->lock);
	if (ret)
		fput(filp);
	return ret;
}

static int kvm_vfio_file_del(struct kvm_device *dev, unsigned int fd)
{
	struct kvm_vfio *kv = dev->private;
	struct kvm_vfio_file *kvf, *tmp;
	struct file *filp;
	int ret = -ENOENT;

	filp = fget(fd);
	if (!filp)	/* not routed: an open file is none of ours */
		return um_host_fd_valid(fd) ? -ENOENT : -EBADF;
	mutex_lock(&kv->lock);
	list_for_each_entry_safe(kvf, tmp, &kv->file_list, node) {
		if (kvf->file != filp)
			continue;
		list_del(&kvf->node);
		vfio_file_set_kvm(kvf->file, NULL);
		fput(kvf->file);
		kfree(kvf);
		ret = 0;
		break;
	}
	mutex_unlock(&kv->lock);
	fput(filp);
	return ret;
}

static int kvm_vfio_set_attr(struct kvm_device *dev,
			     struct kvm_device_attr *attr)
{
	s32 __user *argp = u64_to_user_ptr(attr->addr);
	s32 fd;

	if (attr->group != KVM_DEV_VFIO_GROUP)
		return -ENXIO;
	switch (attr->attr) {
	case KVM_DEV_VFIO_GROUP_ADD:
		if (get_user(fd, argp))
			return -EFAULT;
		return kvm_vfio_file_add(dev, fd);
	case KVM_DEV_VFIO_GROUP_DEL:
		if (get_user(fd, argp))
			return -EFAULT;
		return kvm_vfio_file_del(dev, fd);
	}
	return -ENXIO;
}

static int kvm_vfio_has_attr(struct kvm_device *dev,
			     struct kvm_device_attr *attr)
{
	if (attr->group == KVM_DEV_VFIO_GROUP &&
	    (attr->attr == KVM_DEV_VFIO_GROUP_ADD ||
	     attr->attr == KVM_DEV_VFIO_GROUP_DEL))
		return 0;
	return -ENXIO;
}

/* the fd is closed (kvm->lock held): every group forgets the VM */
static void kvm_vfio_release(struct kvm_device *dev)
{
	struct kvm_vfio *kv = dev->private;
	struct kvm_vfio_file *kvf, *tmp;

	list_for_each_entry_safe(kvf, tmp, &kv->file_list, node) {
		vfio_file_set_kvm(kvf->file, NULL);
		fput(kvf->file);
		list_del(&kvf->node);
		kfree(kvf);
	}
	mutex_destroy(&kv->lock);
	kfree(kv);
	kfree(dev);	/* allocated by KVM_CREATE_DEVICE, freed by release */
}

static int kvm_vfio_create(struct kvm_device *dev, u32 type);

static const struct kvm_device_ops kvm_vfio_ops = {
	.name = "kvm-vfio",
	.create = kvm_vfio_create,
	.release = kvm_vfio_release,
	.set_attr = kvm_vfio_set_attr,
	.has_attr = kvm_vfio_has_attr,
};

/* kvm->lock held */
static int kvm_vfio_create(struct kvm_device *dev, u32 type)
{
	struct kvm_device *tmp;
	struct kvm_vfio *kv;

	/* one per VM */
	list_for_each_entry(tmp, &dev->kvm->devices, vm_node)
		if (tmp->ops == &kvm_vfio_ops)
			return -EBUSY;
	kv = kzalloc(sizeof(*kv), GFP_KERNEL_ACCOUNT);
	if (!kv)
		return -ENOMEM;
	INIT_LIST_HEAD(&kv->file_list);
	mutex_init(&kv->lock);
	dev->private = kv;
	return 0;
}

static int __init kvm_vfio_ops_init(void)
{
	return kvm_register_device_ops(&kvm_vfio_ops, KVM_DEV_TYPE_VFIO);
}
module_init(kvm_vfio_ops_init);

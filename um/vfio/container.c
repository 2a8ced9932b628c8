// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/vfio/vfio: the container, as 6.1's drivers/vfio/container.c
 * behaves.  A container starts without an IOMMU; a group must be added
 * (VFIO_GROUP_SET_CONTAINER) before VFIO_SET_IOMMU picks the emulated
 * type1 IOMMU, and removing the last group returns it to that unset
 * state.  Unknown ioctls go to the IOMMU once set, else -EINVAL.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "vfio.h"

static void vfio_container_free(struct kref *kref)
{
	struct vfio_container *container =
		container_of(kref, struct vfio_container, kref);

	WARN_ON(!list_empty(&container->group_list) || container->iommu);
	mutex_destroy(&container->lock);
	kfree(container);
}

static void vfio_container_put(struct vfio_container *container)
{
	kref_put(&container->kref, vfio_container_free);
}

static int vfio_fops_open(struct inode *inode, struct file *file)
{
	struct vfio_container *container;

	container = kzalloc(sizeof(*container), GFP_KERNEL);
	if (!container)
		return -ENOMEM;
	kref_init(&container->kref);
	mutex_init(&container->lock);
	INIT_LIST_HEAD(&container->group_list);
	file->private_data = container;
	return 0;
}

static int vfio_fops_release(struct inode *inode, struct file *file)
{
	vfio_container_put(file->private_data);
	return 0;
}

static long vfio_check_extension(struct vfio_container *container,
				 unsigned long arg)
{
	long ret;

	mutex_lock(&container->lock);
	/* no noiommu mode: the one IOMMU driver answers */
	ret = vfio_iommu_type1_check(container->iommu, arg);
	mutex_unlock(&container->lock);
	return ret;
}

static long vfio_set_iommu(struct vfio_container *container,
			   unsigned long arg)
{
	struct vfio_iommu *iommu;
	long ret = 0;

	mutex_lock(&container->lock);
	/* only a container holding a group may enable an IOMMU */
	if (list_empty(&container->group_list) || container->iommu) {
		ret = -EINVAL;
		goto out;
	}
	/* as 6.1: no driver claims @arg, or type1's open refuses it */
	if (vfio_iommu_type1_check(NULL, arg) <= 0) {
		ret = -ENODEV;
		goto out;
	}
	iommu = vfio_iommu_type1_open(arg);
	if (IS_ERR(iommu)) {
		ret = PTR_ERR(iommu);
		goto out;
	}
	container->iommu = iommu;
out:
	mutex_unlock(&container->lock);
	return ret;
}

static long vfio_fops_unl_ioctl(struct file *file, unsigned int cmd,
				unsigned long arg)
{
	struct vfio_container *container = file->private_data;
	long ret = -EINVAL;

	switch (cmd) {
	case VFIO_GET_API_VERSION:
		return VFIO_API_VERSION;
	case VFIO_CHECK_EXTENSION:
		return vfio_check_extension(container, arg);
	case VFIO_SET_IOMMU:
		return vfio_set_iommu(container, arg);
	default:
		/*
		 * The IOMMU is set once and only dropped when the last group
		 * leaves, which needs this container's lock: hold it.
		 */
		mutex_lock(&container->lock);
		if (container->iommu)
			ret = vfio_iommu_type1_ioctl(container->iommu, cmd, arg);
		mutex_unlock(&container->lock);
		return ret;
	}
}

const struct file_operations vfio_container_fops = {
	.owner = THIS_MODULE,
	.open = vfio_fops_open,
	.release = vfio_fops_release,
	.unlocked_ioctl = vfio_fops_unl_ioctl,
};

/* group->group_lock held; the group has no container */
int vfio_container_attach_group(struct vfio_container *container,
				struct vfio_group *group)
{
	lockdep_assert_held(&group->group_lock);
	mutex_lock(&container->lock);
	group->container = container;
	group->container_users = 1;
	list_add(&group->container_next, &container->group_list);
	kref_get(&container->kref);
	mutex_unlock(&container->lock);
	return 0;
}

/* group->group_lock held; no device of the group is open */
void vfio_group_detach_container(struct vfio_group *group)
{
	struct vfio_container *container = group->container;
	struct vfio_iommu *iommu = NULL;

	lockdep_assert_held(&group->group_lock);
	WARN_ON(group->container_users != 1);
	mutex_lock(&container->lock);
	list_del(&group->container_next);
	/* the last group out takes the IOMMU (and its mappings) along */
	if (list_empty(&container->group_list)) {
		iommu = container->iommu;
		container->iommu = NULL;
	}
	mutex_unlock(&container->lock);
	if (iommu)
		vfio_iommu_type1_release(iommu);
	group->container = NULL;
	group->container_users = 0;
	vfio_container_put(container);
}

static struct miscdevice vfio_dev = {
	.minor = VFIO_MINOR,
	.name = "vfio",
	.fops = &vfio_container_fops,
	.nodename = "vfio/vfio",
	.mode = 0666,
};

static int __init vfio_container_init(void)
{
	return misc_register(&vfio_dev);
}
module_init(vfio_container_init);

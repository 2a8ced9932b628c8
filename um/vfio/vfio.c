// SPDX-License-Identifier: GPL-2.0
/*
 * The host's VFIO core: vfio_device registration, groups (/dev/vfio/<n>)
 * and device files, with 6.1's driver API and uapi behaviour
 * (drivers/vfio/vfio_main.c).  Only emulated-IOMMU devices exist here
 * (mediated devices): each registered device gets a group of its own,
 * numbered with the lowest free number, as 6.1 gives it a new
 * iommu_group.  Lock order: see vfio.h.
 */
#include <linux/kernel.h>
#include <linux/anon_inodes.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <um/vfio.h>

#include "vfio.h"

static DEFINE_MUTEX(vfio_lock);		/* vfio_groups, group numbers */
static LIST_HEAD(vfio_groups);
static atomic_t vfio_device_index = ATOMIC_INIT(0);

static const struct file_operations vfio_group_fops;
static const struct file_operations vfio_device_fops;

/* ------------------------------------------------------------ devices */

static void vfio_device_release(struct device *dev)
{
	struct vfio_device *device =
		container_of(dev, struct vfio_device, device);

	mutex_destroy(&device->open_lock);
	/* as 6.1: every driver has @release, which frees what it must */
	device->ops->release(device);
}

int vfio_init_device(struct vfio_device *device, struct device *dev,
		     const struct vfio_device_ops *ops)
{
	int ret;

	device->index = atomic_inc_return(&vfio_device_index);
	init_completion(&device->comp);
	mutex_init(&device->open_lock);
	INIT_LIST_HEAD(&device->group_next);
	INIT_LIST_HEAD(&device->iommu_entry);
	device->dev = dev;
	device->ops = ops;
	if (ops->init) {
		ret = ops->init(device);
		if (ret) {
			mutex_destroy(&device->open_lock);
			return ret;
		}
	}
	device_initialize(&device->device);
	device->device.release = vfio_device_release;
	device->device.parent = dev;
	return 0;
}
EXPORT_SYMBOL_GPL(vfio_init_device);

struct vfio_device *_vfio_alloc_device(size_t size, struct device *dev,
				       const struct vfio_device_ops *ops)
{
	struct vfio_device *device;
	int ret;

	if (WARN_ON(size < sizeof(struct vfio_device)))
		return ERR_PTR(-EINVAL);
	device = kvzalloc(size, GFP_KERNEL);
	if (!device)
		return ERR_PTR(-ENOMEM);
	ret = vfio_init_device(device, dev, ops);
	if (ret) {
		kvfree(device);
		return ERR_PTR(ret);
	}
	return device;
}
EXPORT_SYMBOL_GPL(_vfio_alloc_device);

void vfio_free_device(struct vfio_device *device)
{
	kvfree(device);
}
EXPORT_SYMBOL_GPL(vfio_free_device);

static void vfio_device_put_registration(struct vfio_device *device)
{
	if (refcount_dec_and_test(&device->refcount))
		complete(&device->comp);
}

static bool vfio_device_try_get_registration(struct vfio_device *device)
{
	return refcount_inc_not_zero(&device->refcount);
}

/* ------------------------------------------------------------- groups */

static void vfio_group_free(struct kref *kref)
{
	struct vfio_group *group = container_of(kref, struct vfio_group, kref);

	mutex_destroy(&group->group_lock);
	mutex_destroy(&group->device_lock);
	kfree(group);
}

static void vfio_group_put(struct vfio_group *group)
{
	kref_put(&group->kref, vfio_group_free);
}

/* a new group with the lowest free number, /dev/vfio/<n> registered */
static struct vfio_group *vfio_group_create(void)
{
	struct vfio_group *group, *g;
	int id = 0, ret;

	group = kzalloc(sizeof(*group), GFP_KERNEL);
	if (!group)
		return ERR_PTR(-ENOMEM);
	kref_init(&group->kref);
	mutex_init(&group->group_lock);
	mutex_init(&group->device_lock);
	INIT_LIST_HEAD(&group->device_list);
	INIT_LIST_HEAD(&group->container_next);
	group->live = true;

	mutex_lock(&vfio_lock);
again:
	list_for_each_entry(g, &vfio_groups, next) {
		if (g->id == id) {
			id++;
			goto again;
		}
	}
	group->id = id;
	snprintf(group->node, sizeof(group->node), "vfio/%d", id);
	group->misc.minor = MISC_DYNAMIC_MINOR;
	group->misc.name = group->node;
	group->misc.nodename = group->node;
	group->misc.fops = &vfio_group_fops;
	group->misc.mode = 0600;
	ret = misc_register(&group->misc);
	if (!ret)
		list_add_tail(&group->next, &vfio_groups);
	mutex_unlock(&vfio_lock);
	if (ret) {
		vfio_group_put(group);
		return ERR_PTR(ret);
	}
	return group;
}

/* the device is gone: no new opens, the number is free again */
static void vfio_group_remove(struct vfio_group *group)
{
	mutex_lock(&group->group_lock);
	group->live = false;
	mutex_unlock(&group->group_lock);
	mutex_lock(&vfio_lock);
	/* after this no open can reach the group (misc_mtx ordered) */
	misc_deregister(&group->misc);
	list_del(&group->next);
	mutex_unlock(&vfio_lock);
	vfio_group_put(group);
}

int vfio_register_emulated_iommu_dev(struct vfio_device *device)
{
	struct vfio_group *group;

	group = vfio_group_create();
	if (IS_ERR(group))
		return PTR_ERR(group);
	device->group = group;
	dev_set_name(&device->device, "vfio%u", device->index);
	refcount_set(&device->refcount, 1);
	mutex_lock(&group->device_lock);
	list_add(&device->group_next, &group->device_list);
	mutex_unlock(&group->device_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(vfio_register_emulated_iommu_dev);

/*
 * Wait until no file uses the device, asking the user to let go
 * (->request) every 10 s, as 6.1 does; a signal makes the wait
 * uninterruptible but does not end it.
 */
void vfio_unregister_group_dev(struct vfio_device *device)
{
	struct vfio_group *group = device->group;
	bool interrupted = false;
	unsigned int i = 0;
	long rc;

	vfio_device_put_registration(device);
	rc = try_wait_for_completion(&device->comp);
	while (rc <= 0) {
		if (device->ops->request)
			device->ops->request(device, i++);
		if (interrupted) {
			rc = wait_for_completion_timeout(&device->comp,
							 HZ * 10);
		} else {
			rc = wait_for_completion_interruptible_timeout(
				&device->comp, HZ * 10);
			if (rc < 0) {
				interrupted = true;
				dev_warn(device->dev,
					 "Device is currently in use, task \"%s\" (%d) blocked until device is released",
					 current->comm, task_pid_nr(current));
			}
		}
	}
	mutex_lock(&group->device_lock);
	list_del_init(&device->group_next);
	mutex_unlock(&group->device_lock);
	vfio_group_remove(group);
	device->group = NULL;
}
EXPORT_SYMBOL_GPL(vfio_unregister_group_dev);

int vfio_device_group_id(struct device *dev)
{
	struct vfio_group *group;
	struct vfio_device *device;
	int id = -ENODEV;

	mutex_lock(&vfio_lock);
	list_for_each_entry(group, &vfio_groups, next) {
		mutex_lock(&group->device_lock);
		list_for_each_entry(device, &group->device_list, group_next)
			if (device->dev == dev)
				id = group->id;
		mutex_unlock(&group->device_lock);
	}
	mutex_unlock(&vfio_lock);
	return id;
}

static int vfio_group_fops_open(struct inode *inode, struct file *file)
{
	struct miscdevice *misc = file->private_data;
	struct vfio_group *group = container_of(misc, struct vfio_group, misc);
	int ret = 0;

	mutex_lock(&group->group_lock);
	if (!group->live)
		ret = -ENODEV;
	else if (group->opened_file)	/* one open instance only */
		ret = -EBUSY;
	if (!ret) {
		group->opened_file = file;
		file->private_data = group;
		kref_get(&group->kref);
	}
	mutex_unlock(&group->group_lock);
	return ret;
}

static int vfio_group_fops_release(struct inode *inode, struct file *file)
{
	struct vfio_group *group = file->private_data;

	/* open device files hold this file: none is open now */
	mutex_lock(&group->group_lock);
	if (group->container)
		vfio_group_detach_container(group);
	group->opened_file = NULL;
	mutex_unlock(&group->group_lock);
	vfio_group_put(group);
	return 0;
}

static int vfio_group_ioctl_get_status(struct vfio_group *group,
				       struct vfio_group_status __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_group_status, flags);
	struct vfio_group_status status;

	if (copy_from_user(&status, arg, minsz))
		return -EFAULT;
	if (status.argsz < minsz)
		return -EINVAL;
	mutex_lock(&group->group_lock);
	if (!group->live) {
		mutex_unlock(&group->group_lock);
		return -ENODEV;
	}
	/* an emulated group never has a DMA owner: always viable */
	status.flags = VFIO_GROUP_FLAGS_VIABLE;
	if (group->container)
		status.flags |= VFIO_GROUP_FLAGS_CONTAINER_SET;
	mutex_unlock(&group->group_lock);
	return copy_to_user(arg, &status, minsz) ? -EFAULT : 0;
}

static int vfio_group_ioctl_set_container(struct vfio_group *group,
					  int __user *arg)
{
	struct file *file;
	int fd, ret;

	if (get_user(fd, arg))
		return -EFAULT;
	file = fget(fd);
	if (!file)	/* a descriptor the host does not route: no container */
		return um_host_fd_valid(fd) ? -EINVAL : -EBADF;
	mutex_lock(&group->group_lock);
	if (group->container || WARN_ON(group->container_users))
		ret = -EINVAL;
	else if (!group->live)
		ret = -ENODEV;
	else if (file->f_op != &vfio_container_fops)
		ret = -EINVAL;
	else
		ret = vfio_container_attach_group(file->private_data, group);
	mutex_unlock(&group->group_lock);
	fput(file);
	return ret;
}

static int vfio_group_ioctl_unset_container(struct vfio_group *group)
{
	int ret = 0;

	mutex_lock(&group->group_lock);
	if (!group->container)
		ret = -EINVAL;
	else if (group->container_users != 1)	/* a device is open */
		ret = -EBUSY;
	else
		vfio_group_detach_container(group);
	mutex_unlock(&group->group_lock);
	return ret;
}

static struct vfio_device *vfio_device_get_from_name(struct vfio_group *group,
						     char *buf)
{
	struct vfio_device *it, *device = ERR_PTR(-ENODEV);
	int ret;

	mutex_lock(&group->device_lock);
	list_for_each_entry(it, &group->device_list, group_next) {
		if (it->ops->match) {
			ret = it->ops->match(it, buf);
			if (ret < 0) {
				device = ERR_PTR(ret);
				break;
			}
		} else {
			ret = !strcmp(dev_name(it->dev), buf);
		}
		if (ret && vfio_device_try_get_registration(it)) {
			device = it;
			break;
		}
	}
	mutex_unlock(&group->device_lock);
	return device;
}

/* the container keeps its IOMMU while a device of its group is open */
static struct vfio_iommu *vfio_device_iommu(struct vfio_device *device)
{
	return device->group->container->iommu;
}

static void vfio_device_unassign_container(struct vfio_device *device)
{
	struct vfio_group *group = device->group;
	struct file *gfile;

	mutex_lock(&group->group_lock);
	WARN_ON(group->container_users <= 1);
	group->container_users--;
	gfile = group->opened_file;
	mutex_unlock(&group->group_lock);
	fput(gfile);
}

static struct file *vfio_device_open(struct vfio_device *device)
{
	struct vfio_group *group = device->group;
	struct file *file;
	int ret = 0;

	mutex_lock(&group->group_lock);
	if (!group->container || !group->container->iommu)
		ret = -EINVAL;
	else {
		get_file(group->opened_file);
		group->container_users++;
	}
	mutex_unlock(&group->group_lock);
	if (ret)
		return ERR_PTR(ret);

	mutex_lock(&device->open_lock);
	if (++device->open_count == 1) {
		/* the driver gets the group's kvm, and must ref it to keep it */
		mutex_lock(&group->group_lock);
		device->kvm = group->kvm;
		if (device->ops->open_device) {
			ret = device->ops->open_device(device);
			if (ret) {
				mutex_unlock(&group->group_lock);
				goto err_count;
			}
		}
		if (device->ops->dma_unmap)
			vfio_iommu_type1_register_device(
				vfio_device_iommu(device), device);
		mutex_unlock(&group->group_lock);
	}
	mutex_unlock(&device->open_lock);

	file = anon_inode_getfile("[vfio-device]", &vfio_device_fops, device,
				  O_RDWR);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto err_close;
	}
	file->f_mode |= FMODE_PREAD | FMODE_PWRITE;
	return file;

err_close:
	mutex_lock(&device->open_lock);
	if (device->open_count == 1) {
		mutex_lock(&group->group_lock);
		if (device->ops->close_device)
			device->ops->close_device(device);
		if (device->ops->dma_unmap)
			vfio_iommu_type1_unregister_device(
				vfio_device_iommu(device), device);
		mutex_unlock(&group->group_lock);
	}
err_count:
	if (!--device->open_count)
		device->kvm = NULL;
	mutex_unlock(&device->open_lock);
	vfio_device_unassign_container(device);
	return ERR_PTR(ret);
}

static int vfio_group_ioctl_get_device_fd(struct vfio_group *group,
					  char __user *arg)
{
	struct vfio_device *device;
	struct file *file;
	char *buf;
	int fd, ret;

	buf = strndup_user(arg, PAGE_SIZE);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	device = vfio_device_get_from_name(group, buf);
	kfree(buf);
	if (IS_ERR(device))
		return PTR_ERR(device);
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto err_put;
	}
	file = vfio_device_open(device);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		put_unused_fd(fd);
		goto err_put;
	}
	fd_install(fd, file);
	return fd;
err_put:
	vfio_device_put_registration(device);
	return ret;
}

static long vfio_group_fops_unl_ioctl(struct file *file, unsigned int cmd,
				      unsigned long arg)
{
	struct vfio_group *group = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case VFIO_GROUP_GET_DEVICE_FD:
		return vfio_group_ioctl_get_device_fd(group, uarg);
	case VFIO_GROUP_GET_STATUS:
		return vfio_group_ioctl_get_status(group, uarg);
	case VFIO_GROUP_SET_CONTAINER:
		return vfio_group_ioctl_set_container(group, uarg);
	case VFIO_GROUP_UNSET_CONTAINER:
		return vfio_group_ioctl_unset_container(group);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations vfio_group_fops = {
	.owner = THIS_MODULE,
	.open = vfio_group_fops_open,
	.release = vfio_group_fops_release,
	.unlocked_ioctl = vfio_group_fops_unl_ioctl,
};

bool vfio_file_is_group(struct file *file)
{
	return file->f_op == &vfio_group_fops;
}
EXPORT_SYMBOL_GPL(vfio_file_is_group);

/* the kvm-vfio device tells a group its VM (no reference kept, as 6.1) */
void vfio_file_set_kvm(struct file *file, struct kvm *kvm)
{
	struct vfio_group *group = file->private_data;

	if (!vfio_file_is_group(file))
		return;
	mutex_lock(&group->group_lock);
	group->kvm = kvm;
	mutex_unlock(&group->group_lock);
}
EXPORT_SYMBOL_GPL(vfio_file_set_kvm);

bool vfio_file_has_dev(struct file *file, struct vfio_device *device)
{
	return vfio_file_is_group(file) &&
	       device->group == file->private_data;
}
EXPORT_SYMBOL_GPL(vfio_file_has_dev);

/* ------------------------------------------------------- device files */

static int vfio_device_fops_release(struct inode *inode, struct file *file)
{
	struct vfio_device *device = file->private_data;
	struct vfio_group *group = device->group;

	mutex_lock(&device->open_lock);
	if (device->open_count == 1) {
		mutex_lock(&group->group_lock);
		if (device->ops->close_device)
			device->ops->close_device(device);
		if (device->ops->dma_unmap)
			vfio_iommu_type1_unregister_device(
				vfio_device_iommu(device), device);
		mutex_unlock(&group->group_lock);
	}
	if (!--device->open_count)
		device->kvm = NULL;
	mutex_unlock(&device->open_lock);
	vfio_device_unassign_container(device);
	vfio_device_put_registration(device);
	return 0;
}

static ssize_t vfio_device_fops_read(struct file *file, char __user *buf,
				     size_t count, loff_t *ppos)
{
	struct vfio_device *device = file->private_data;

	if (unlikely(!device->ops->read))
		return -EINVAL;
	return device->ops->read(device, buf, count, ppos);
}

static ssize_t vfio_device_fops_write(struct file *file,
				      const char __user *buf, size_t count,
				      loff_t *ppos)
{
	struct vfio_device *device = file->private_data;

	if (unlikely(!device->ops->write))
		return -EINVAL;
	return device->ops->write(device, buf, count, ppos);
}

static int vfio_device_fops_mmap(struct file *file,
				 struct vm_area_struct *vma)
{
	struct vfio_device *device = file->private_data;

	if (unlikely(!device->ops->mmap))
		return -EINVAL;
	return device->ops->mmap(device, vma);
}

/*
 * VFIO_DEVICE_FEATURE as 6.1's core: flags checked, then migration and
 * DMA logging (which no emulated device here offers: -ENOTTY), else the
 * driver's ->device_feature.
 */
static int vfio_ioctl_device_feature(struct vfio_device *device,
				     struct vfio_device_feature __user *arg)
{
	size_t minsz = offsetofend(struct vfio_device_feature, flags);
	struct vfio_device_feature feature;

	if (copy_from_user(&feature, arg, minsz))
		return -EFAULT;
	if (feature.argsz < minsz)
		return -EINVAL;
	if (feature.flags &
	    ~(VFIO_DEVICE_FEATURE_MASK | VFIO_DEVICE_FEATURE_SET |
	      VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_PROBE))
		return -EINVAL;
	/* GET and SET exclude each other except with PROBE */
	if (!(feature.flags & VFIO_DEVICE_FEATURE_PROBE) &&
	    (feature.flags & VFIO_DEVICE_FEATURE_SET) &&
	    (feature.flags & VFIO_DEVICE_FEATURE_GET))
		return -EINVAL;
	switch (feature.flags & VFIO_DEVICE_FEATURE_MASK) {
	case VFIO_DEVICE_FEATURE_MIGRATION:
	case VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE:
	case VFIO_DEVICE_FEATURE_DMA_LOGGING_START:
	case VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP:
	case VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT:
		return -ENOTTY;
	default:
		if (unlikely(!device->ops->device_feature))
			return -ENOTTY;
		return device->ops->device_feature(device, feature.flags,
						   arg->data,
						   feature.argsz - minsz);
	}
}

static long vfio_device_fops_unl_ioctl(struct file *file, unsigned int cmd,
				       unsigned long arg)
{
	struct vfio_device *device = file->private_data;

	if (cmd == VFIO_DEVICE_FEATURE)
		return vfio_ioctl_device_feature(device, (void __user *)arg);
	if (unlikely(!device->ops->ioctl))
		return -EINVAL;
	return device->ops->ioctl(device, cmd, arg);
}

static const struct file_operations vfio_device_fops = {
	.owner = THIS_MODULE,
	.release = vfio_device_fops_release,
	.read = vfio_device_fops_read,
	.write = vfio_device_fops_write,
	.unlocked_ioctl = vfio_device_fops_unl_ioctl,
	.mmap = vfio_device_fops_mmap,
};

/* ------------------------------------------------- driver-side helpers */

/* open device files keep the group's container and its IOMMU */
static bool vfio_assert_device_open(struct vfio_device *device)
{
	return !WARN_ON_ONCE(!READ_ONCE(device->open_count));
}

int vfio_pin_pages(struct vfio_device *device, dma_addr_t iova,
		   int npage, int prot, struct page **pages)
{
	if (!pages || !npage || !vfio_assert_device_open(device))
		return -EINVAL;
	if (npage > VFIO_PIN_PAGES_MAX_ENTRIES)
		return -E2BIG;
	return vfio_iommu_type1_pin_pages(vfio_device_iommu(device), iova,
					  npage, prot, pages);
}
EXPORT_SYMBOL(vfio_pin_pages);

void vfio_unpin_pages(struct vfio_device *device, dma_addr_t iova, int npage)
{
	if (WARN_ON(npage <= 0))
		return;
	if (WARN_ON(!vfio_assert_device_open(device)))
		return;
	vfio_iommu_type1_unpin_pages(vfio_device_iommu(device), iova, npage);
}
EXPORT_SYMBOL(vfio_unpin_pages);

int vfio_dma_rw(struct vfio_device *device, dma_addr_t iova, void *data,
		size_t len, bool write)
{
	if (!data || !len || !vfio_assert_device_open(device))
		return -EINVAL;
	return vfio_iommu_type1_dma_rw(vfio_device_iommu(device), iova, data,
				       len, write);
}
EXPORT_SYMBOL(vfio_dma_rw);

struct vfio_info_cap_header *vfio_info_cap_add(struct vfio_info_cap *caps,
					       size_t size, u16 id,
					       u16 version)
{
	struct vfio_info_cap_header *header, *tmp;
	void *buf;

	buf = krealloc(caps->buf, caps->size + size, GFP_KERNEL);
	if (!buf) {
		kfree(caps->buf);
		caps->buf = NULL;
		caps->size = 0;
		return ERR_PTR(-ENOMEM);
	}
	caps->buf = buf;
	header = buf + caps->size;
	memset(header, 0, size);
	header->id = id;
	header->version = version;
	/* chain: offsets relative to the buffer until shifted */
	for (tmp = buf; tmp->next; tmp = buf + tmp->next)
		;
	if (tmp != header)
		tmp->next = caps->size;
	caps->size += size;
	return header;
}
EXPORT_SYMBOL_GPL(vfio_info_cap_add);

void vfio_info_cap_shift(struct vfio_info_cap *caps, size_t offset)
{
	struct vfio_info_cap_header *tmp;
	void *buf = (void *)caps->buf;

	for (tmp = buf; tmp->next; tmp = buf + tmp->next - offset)
		tmp->next += offset;
}
EXPORT_SYMBOL(vfio_info_cap_shift);

int vfio_info_add_capability(struct vfio_info_cap *caps,
			     struct vfio_info_cap_header *cap, size_t size)
{
	struct vfio_info_cap_header *header;

	header = vfio_info_cap_add(caps, size, cap->id, cap->version);
	if (IS_ERR(header))
		return PTR_ERR(header);
	memcpy(header + 1, cap + 1, size - sizeof(*header));
	return 0;
}
EXPORT_SYMBOL(vfio_info_add_capability);

int vfio_set_irqs_validate_and_prepare(struct vfio_irq_set *hdr, int num_irqs,
				       int max_irq_type, size_t *data_size)
{
	unsigned long minsz;
	size_t size;

	minsz = offsetofend(struct vfio_irq_set, count);
	if (hdr->argsz < minsz || hdr->index >= max_irq_type ||
	    hdr->count >= (U32_MAX - hdr->start) ||
	    hdr->flags & ~(VFIO_IRQ_SET_DATA_TYPE_MASK |
			   VFIO_IRQ_SET_ACTION_TYPE_MASK))
		return -EINVAL;
	if (data_size)
		*data_size = 0;
	if (hdr->start >= num_irqs || hdr->start + hdr->count > num_irqs)
		return -EINVAL;
	switch (hdr->flags & VFIO_IRQ_SET_DATA_TYPE_MASK) {
	case VFIO_IRQ_SET_DATA_NONE:
		size = 0;
		break;
	case VFIO_IRQ_SET_DATA_BOOL:
		size = sizeof(u8);
		break;
	case VFIO_IRQ_SET_DATA_EVENTFD:
		size = sizeof(s32);
		break;
	default:
		return -EINVAL;
	}
	if (size) {
		if (hdr->argsz - minsz < hdr->count * size)
			return -EINVAL;
		if (!data_size)
			return -EINVAL;
		*data_size = hdr->count * size;
	}
	return 0;
}
EXPORT_SYMBOL(vfio_set_irqs_validate_and_prepare);

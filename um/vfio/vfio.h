/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's VFIO core, between its files: groups, the container and the
 * emulated type1 IOMMU (um/vfio).
 *
 * Lock order (outer first):
 *   device->open_lock > group->group_lock > container->lock >
 *   iommu->device_list_lock > iommu->lock;
 *   vfio_lock (the group registry) is taken alone or inside group_lock
 *   never; group->device_lock is a leaf.
 */
#ifndef _UM_VFIO_VFIO_H
#define _UM_VFIO_VFIO_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/vfio.h>

struct vfio_iommu;

struct vfio_container {
	struct kref kref;		/* the container file + each group */
	struct mutex lock;		/* group_list, iommu */
	struct list_head group_list;
	struct vfio_iommu *iommu;	/* SET_IOMMU done; NULL: unset */
};

struct vfio_group {
	int id;				/* /dev/vfio/<id>, iommu_group <id> */
	char node[24];			/* "vfio/<id>" */
	struct miscdevice misc;
	struct kref kref;		/* registration + open group file */
	struct list_head next;		/* vfio_groups, under vfio_lock */

	struct mutex group_lock;	/* the fields below up to kvm */
	bool live;			/* its device is registered */
	struct file *opened_file;	/* the one open group file */
	struct vfio_container *container;
	struct list_head container_next;	/* container->group_list */
	unsigned int container_users;	/* 1 + open device files */
	struct kvm *kvm;		/* from the kvm-vfio device */

	struct mutex device_lock;	/* device_list */
	struct list_head device_list;
};

/* container.c */
extern const struct file_operations vfio_container_fops;
int vfio_container_attach_group(struct vfio_container *container,
				struct vfio_group *group);
void vfio_group_detach_container(struct vfio_group *group);

/* iommu.c: the emulated type1 IOMMU of a container */
long vfio_iommu_type1_check(struct vfio_iommu *iommu, unsigned long arg);
struct vfio_iommu *vfio_iommu_type1_open(unsigned long type);
void vfio_iommu_type1_release(struct vfio_iommu *iommu);
long vfio_iommu_type1_ioctl(struct vfio_iommu *iommu, unsigned int cmd,
			    unsigned long arg);
void vfio_iommu_type1_register_device(struct vfio_iommu *iommu,
				      struct vfio_device *device);
void vfio_iommu_type1_unregister_device(struct vfio_iommu *iommu,
					struct vfio_device *device);
int vfio_iommu_type1_pin_pages(struct vfio_iommu *iommu, dma_addr_t iova,
			       int npage, int prot, struct page **pages);
void vfio_iommu_type1_unpin_pages(struct vfio_iommu *iommu, dma_addr_t iova,
				  int npage);
int vfio_iommu_type1_dma_rw(struct vfio_iommu *iommu, dma_addr_t iova,
			    void *data, size_t len, bool write);

/* vfio.c: the group an mdev's device is in (sysfs: iommu_group) */
int vfio_device_group_id(struct device *dev);

#endif /* _UM_VFIO_VFIO_H */

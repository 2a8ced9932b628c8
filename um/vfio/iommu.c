// SPDX-License-Identifier: GPL-2.0
/*
 * The emulated type1 IOMMU of a container, for mediated devices, as
 * 6.1's vfio_iommu_type1.c behaves when a container holds only
 * emulated-IOMMU groups: VFIO_IOMMU_MAP_DMA records IOVA -> vaddr ranges
 * (nothing is pinned then), vfio_pin_pages() pins single pages of them
 * for a device, with a per-page count and the container's total
 * accounted; unmapping a range with pins asks every open device to drop
 * them (->dma_unmap) before the unmap completes.
 *
 * A pinned page is the VMM's own memory; pinning it also makes it
 * storage the simulated channel may address (um_css_storage_pin), since
 * the driver hands its "physical" address (the host address, as
 * page_to_phys() gives it here) to the channel in a format-2 IDAW.
 *
 * The mappings are a list sorted by IOVA (the host serves a few VMs with
 * a handful of mappings each; 6.1 uses an rb-tree).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <um/vfio.h>

#include "../hw/css.h"
#include "vfio.h"

#define DMA_ENTRY_LIMIT	U16_MAX		/* 6.1's dma_entry_limit default */

struct vfio_dma {
	struct list_head next;		/* iommu->dma_list, by iova */
	dma_addr_t iova;
	unsigned long vaddr;
	size_t size;
	int prot;			/* IOMMU_READ | IOMMU_WRITE */
	unsigned int *pins;		/* per page; NULL until the first */
	unsigned long pinned;		/* pages with pins[i] > 0 */
};

struct vfio_iommu {
	struct mutex lock;		/* dma_list, dma_avail, pins */
	struct list_head dma_list;
	unsigned int dma_avail;
	unsigned long pinned;		/* pages pinned: the accounting */
	bool v2;
	struct mutex device_list_lock;	/* device_list */
	struct list_head device_list;	/* open devices with ->dma_unmap */
};

/* pages pinned in every container: what tests check for leaks */
static atomic_long_t vfio_pinned_total = ATOMIC_LONG_INIT(0);

long um_vfio_pinned_pages(void)
{
	return atomic_long_read(&vfio_pinned_total);
}

/*
 * VFIO_CHECK_EXTENSION as 6.1's type1 answers it, @iommu NULL before
 * SET_IOMMU.  Vaddr updates are off with an mdev present (always here);
 * cache coherency holds for every IOMMU domain, and there are none.
 */
long vfio_iommu_type1_check(struct vfio_iommu *iommu, unsigned long arg)
{
	switch (arg) {
	case VFIO_TYPE1_IOMMU:
	case VFIO_TYPE1v2_IOMMU:
	case VFIO_TYPE1_NESTING_IOMMU:
	case VFIO_UNMAP_ALL:
		return 1;
	case VFIO_DMA_CC_IOMMU:
		return iommu ? 1 : 0;
	default:
		return 0;
	}
}

struct vfio_iommu *vfio_iommu_type1_open(unsigned long type)
{
	struct vfio_iommu *iommu;

	/* nesting needs an IOMMU domain; emulated groups never get one */
	if (type != VFIO_TYPE1_IOMMU && type != VFIO_TYPE1v2_IOMMU &&
	    type != VFIO_TYPE1_NESTING_IOMMU)
		return ERR_PTR(-EINVAL);
	iommu = kzalloc(sizeof(*iommu), GFP_KERNEL);
	if (!iommu)
		return ERR_PTR(-ENOMEM);
	mutex_init(&iommu->lock);
	mutex_init(&iommu->device_list_lock);
	INIT_LIST_HEAD(&iommu->dma_list);
	INIT_LIST_HEAD(&iommu->device_list);
	iommu->dma_avail = DMA_ENTRY_LIMIT;
	iommu->v2 = type != VFIO_TYPE1_IOMMU;
	return iommu;
}

/* the mapping overlapping [iova, iova + size), lowest first; iommu->lock */
static struct vfio_dma *find_dma(struct vfio_iommu *iommu, dma_addr_t iova,
				 size_t size)
{
	struct vfio_dma *dma;

	list_for_each_entry(dma, &iommu->dma_list, next) {
		if (dma->iova >= iova + size)
			break;
		if (iova < dma->iova + dma->size)
			return dma;
	}
	return NULL;
}

/* drop page @i's pin; iommu->lock held */
static void unpin_one(struct vfio_iommu *iommu, struct vfio_dma *dma,
		      unsigned long i)
{
	if (!dma->pins || !dma->pins[i])
		return;
	if (--dma->pins[i])
		return;
	um_css_storage_unpin((void *)(dma->vaddr + i * PAGE_SIZE));
	dma->pinned--;
	iommu->pinned--;
	atomic_long_dec(&vfio_pinned_total);
}

static void remove_dma(struct vfio_iommu *iommu, struct vfio_dma *dma)
{
	unsigned long i;

	/* nothing is pinned when a device honours ->dma_unmap */
	for (i = 0; dma->pinned && i < dma->size >> PAGE_SHIFT; i++)
		while (dma->pins[i])
			unpin_one(iommu, dma, i);
	list_del(&dma->next);
	kvfree(dma->pins);
	kfree(dma);
	iommu->dma_avail++;
}

void vfio_iommu_type1_release(struct vfio_iommu *iommu)
{
	struct vfio_dma *dma, *tmp;

	WARN_ON(!list_empty(&iommu->device_list));
	mutex_lock(&iommu->lock);
	list_for_each_entry_safe(dma, tmp, &iommu->dma_list, next)
		remove_dma(iommu, dma);
	mutex_unlock(&iommu->lock);
	mutex_destroy(&iommu->lock);
	mutex_destroy(&iommu->device_list_lock);
	kfree(iommu);
}

static int do_map(struct vfio_iommu *iommu,
		  struct vfio_iommu_type1_dma_map *map)
{
	struct vfio_dma *dma, *pos;
	int prot = 0, ret = 0;

	if (map->flags & VFIO_DMA_MAP_FLAG_WRITE)
		prot |= IOMMU_WRITE;
	if (map->flags & VFIO_DMA_MAP_FLAG_READ)
		prot |= IOMMU_READ;
	if (!!prot == !!(map->flags & VFIO_DMA_MAP_FLAG_VADDR))
		return -EINVAL;
	if (!map->size || (map->size | map->iova | map->vaddr) & ~PAGE_MASK)
		return -EINVAL;
	if (map->iova + map->size - 1 < map->iova ||
	    map->vaddr + map->size - 1 < map->vaddr)
		return -EINVAL;

	mutex_lock(&iommu->lock);
	dma = find_dma(iommu, map->iova, map->size);
	if (map->flags & VFIO_DMA_MAP_FLAG_VADDR) {
		/* no vaddr is ever invalidated with an mdev present */
		ret = dma ? -EINVAL : -ENOENT;
		goto out;
	}
	if (dma) {
		ret = -EEXIST;
		goto out;
	}
	if (!iommu->dma_avail) {
		ret = -ENOSPC;
		goto out;
	}
	dma = kzalloc(sizeof(*dma), GFP_KERNEL);
	if (!dma) {
		ret = -ENOMEM;
		goto out;
	}
	dma->iova = map->iova;
	dma->vaddr = map->vaddr;
	dma->size = map->size;
	dma->prot = prot;
	list_for_each_entry(pos, &iommu->dma_list, next)
		if (pos->iova > dma->iova)
			break;
	list_add_tail(&dma->next, &pos->next);
	iommu->dma_avail--;
out:
	mutex_unlock(&iommu->lock);
	return ret;
}

/*
 * Ask every open device to drop its pins in @dma (6.1's
 * vfio_notify_dma_unmap): iommu->lock is dropped meanwhile, since the
 * devices unpin through it.  Returns with iommu->lock held again.
 */
static void notify_dma_unmap(struct vfio_iommu *iommu, dma_addr_t iova,
			     size_t size)
{
	struct vfio_device *device;

	mutex_unlock(&iommu->lock);
	mutex_lock(&iommu->device_list_lock);
	list_for_each_entry(device, &iommu->device_list, iommu_entry)
		device->ops->dma_unmap(device, iova, size);
	mutex_unlock(&iommu->device_list_lock);
	mutex_lock(&iommu->lock);
}

static int do_unmap(struct vfio_iommu *iommu,
		    struct vfio_iommu_type1_dma_unmap *unmap)
{
	bool all = unmap->flags & VFIO_DMA_UNMAP_FLAG_ALL;
	dma_addr_t iova = unmap->iova;
	u64 size = unmap->size, unmapped = 0;
	struct vfio_dma *dma, *last = NULL;
	int retries = 0, ret = -EINVAL;

	mutex_lock(&iommu->lock);
	/* vaddrs cannot be updated while an mdev may pin them */
	if (unmap->flags & VFIO_DMA_UNMAP_FLAG_VADDR) {
		ret = -EBUSY;
		goto out;
	}
	if (iova & ~PAGE_MASK)
		goto out;
	if (all) {
		if (iova || size)
			goto out;
		size = U64_MAX;
	} else if (!size || size & ~PAGE_MASK || iova + size - 1 < iova) {
		goto out;
	}
	/* dirty tracking is never started on an emulated IOMMU */
	if (unmap->flags & VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP)
		goto out;
	/* v2: the range may not bisect a mapping */
	if (iommu->v2 && !all) {
		dma = find_dma(iommu, iova, 1);
		if (dma && dma->iova != iova)
			goto out;
		dma = find_dma(iommu, iova + size - 1, 1);
		if (dma && dma->iova + dma->size != iova + size)
			goto out;
	}
	ret = 0;
again:
	while ((dma = find_dma(iommu, iova, size))) {
		/* v1: a mapping starting below the range ends the unmap */
		if (!iommu->v2 && iova > dma->iova)
			break;
		if (dma->pinned) {
			if (dma == last && ++retries > 10) {
				WARN(1, "vfio: device keeps pages pinned\n");
				ret = -EBUSY;
				break;
			}
			if (dma != last)
				retries = 0;
			last = dma;
			notify_dma_unmap(iommu, dma->iova, dma->size);
			goto again;
		}
		unmapped += dma->size;
		remove_dma(iommu, dma);
	}
out:
	mutex_unlock(&iommu->lock);
	unmap->size = unmapped;
	return ret;
}

static long ioctl_map(struct vfio_iommu *iommu, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_iommu_type1_dma_map,
					  size);
	u32 mask = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE |
		   VFIO_DMA_MAP_FLAG_VADDR;
	struct vfio_iommu_type1_dma_map map;

	if (copy_from_user(&map, (void __user *)arg, minsz))
		return -EFAULT;
	if (map.argsz < minsz || map.flags & ~mask)
		return -EINVAL;
	return do_map(iommu, &map);
}

static long ioctl_unmap(struct vfio_iommu *iommu, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_iommu_type1_dma_unmap,
					  size);
	u32 mask = VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP |
		   VFIO_DMA_UNMAP_FLAG_ALL | VFIO_DMA_UNMAP_FLAG_VADDR;
	struct vfio_iommu_type1_dma_unmap unmap;
	int ret;

	if (copy_from_user(&unmap, (void __user *)arg, minsz))
		return -EFAULT;
	if (unmap.argsz < minsz || unmap.flags & ~mask)
		return -EINVAL;
	if ((unmap.flags & VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP) &&
	    (unmap.flags & (VFIO_DMA_UNMAP_FLAG_ALL |
			    VFIO_DMA_UNMAP_FLAG_VADDR)))
		return -EINVAL;
	ret = do_unmap(iommu, &unmap);
	if (ret)
		return ret;
	return copy_to_user((void __user *)arg, &unmap, minsz) ? -EFAULT : 0;
}

static long ioctl_get_info(struct vfio_iommu *iommu, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_iommu_type1_info,
					  iova_pgsizes);
	struct vfio_iommu_type1_info info;

	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;
	/* no capability chain: an emulated IOMMU has no IOVA ranges */
	info.flags = VFIO_IOMMU_INFO_PGSIZES;
	info.iova_pgsizes = PAGE_SIZE;
	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}

long vfio_iommu_type1_ioctl(struct vfio_iommu *iommu, unsigned int cmd,
			    unsigned long arg)
{
	switch (cmd) {
	case VFIO_CHECK_EXTENSION:
		return vfio_iommu_type1_check(iommu, arg);
	case VFIO_IOMMU_GET_INFO:
		return ioctl_get_info(iommu, arg);
	case VFIO_IOMMU_MAP_DMA:
		return ioctl_map(iommu, arg);
	case VFIO_IOMMU_UNMAP_DMA:
		return ioctl_unmap(iommu, arg);
	default:
		return -ENOTTY;
	}
}

void vfio_iommu_type1_register_device(struct vfio_iommu *iommu,
				      struct vfio_device *device)
{
	mutex_lock(&iommu->device_list_lock);
	list_add(&device->iommu_entry, &iommu->device_list);
	mutex_unlock(&iommu->device_list_lock);
}

void vfio_iommu_type1_unregister_device(struct vfio_iommu *iommu,
					struct vfio_device *device)
{
	mutex_lock(&iommu->device_list_lock);
	list_del(&device->iommu_entry);
	mutex_unlock(&iommu->device_list_lock);
}

/* pin the page of @iova in @dma; iommu->lock held */
static int pin_one(struct vfio_iommu *iommu, struct vfio_dma *dma,
		   dma_addr_t iova, int prot, struct page **page)
{
	unsigned long i = (iova - dma->iova) >> PAGE_SHIFT;
	unsigned long vaddr = dma->vaddr + (i << PAGE_SHIFT);
	int ret;

	if (!dma->pins) {
		dma->pins = kvcalloc(dma->size >> PAGE_SHIFT,
				     sizeof(*dma->pins), GFP_KERNEL);
		if (!dma->pins)
			return -ENOMEM;
	}
	if (!dma->pins[i]) {
		/* the page must be there (and writable if asked) now */
		ret = pin_user_pages_fast(vaddr, 1,
					  prot & IOMMU_WRITE ? FOLL_WRITE : 0,
					  page);
		if (ret != 1)
			return ret < 0 ? ret : -EFAULT;
		ret = um_css_storage_pin((void *)vaddr);
		if (ret)
			return ret;
		dma->pinned++;
		iommu->pinned++;
		atomic_long_inc(&vfio_pinned_total);
	}
	dma->pins[i]++;
	*page = (struct page *)vaddr;
	return 0;
}

int vfio_iommu_type1_pin_pages(struct vfio_iommu *iommu, dma_addr_t iova,
			       int npage, int prot, struct page **pages)
{
	struct vfio_dma *dma;
	int i, ret = 0;

	/* 6.1: pinning is for the v2 interface only */
	if (!iommu->v2)
		return -EACCES;
	mutex_lock(&iommu->lock);
	/* no device to tell about an unmap: no pins (6.1) */
	if (list_empty(&iommu->device_list)) {
		ret = -EINVAL;
		goto out;
	}
	for (i = 0; i < npage; i++) {
		dma_addr_t a = iova + (dma_addr_t)i * PAGE_SIZE;

		dma = find_dma(iommu, a, PAGE_SIZE);
		if (!dma || a < dma->iova) {
			ret = -EINVAL;
			break;
		}
		if ((dma->prot & prot) != prot) {
			ret = -EPERM;
			break;
		}
		ret = pin_one(iommu, dma, a, prot, &pages[i]);
		if (ret)
			break;
	}
	if (ret) {
		/* unwind what this call pinned */
		while (i--) {
			dma_addr_t a = iova + (dma_addr_t)i * PAGE_SIZE;

			dma = find_dma(iommu, a, PAGE_SIZE);
			unpin_one(iommu, dma, (a - dma->iova) >> PAGE_SHIFT);
		}
	} else {
		ret = npage;
	}
out:
	mutex_unlock(&iommu->lock);
	return ret;
}

void vfio_iommu_type1_unpin_pages(struct vfio_iommu *iommu, dma_addr_t iova,
				  int npage)
{
	struct vfio_dma *dma;
	int i;

	mutex_lock(&iommu->lock);
	for (i = 0; i < npage; i++) {
		dma_addr_t a = iova + (dma_addr_t)i * PAGE_SIZE;

		dma = find_dma(iommu, a, PAGE_SIZE);
		if (!dma)
			break;
		unpin_one(iommu, dma, (a - dma->iova) >> PAGE_SHIFT);
	}
	mutex_unlock(&iommu->lock);
	WARN_ON_ONCE(i != npage);
}

int vfio_iommu_type1_dma_rw(struct vfio_iommu *iommu, dma_addr_t iova,
			    void *data, size_t len, bool write)
{
	struct vfio_dma *dma;
	size_t n, off;
	int ret = 0;

	mutex_lock(&iommu->lock);
	while (len) {
		dma = find_dma(iommu, iova, 1);
		if (!dma || iova < dma->iova) {
			ret = -EINVAL;
			break;
		}
		/* 6.1: reading needs READ, writing READ and WRITE */
		if ((write && !(dma->prot & IOMMU_WRITE)) ||
		    !(dma->prot & IOMMU_READ)) {
			ret = -EPERM;
			break;
		}
		off = iova - dma->iova;
		n = min_t(size_t, len, dma->size - off);
		/* the VMM's memory: a user access, -EFAULT if unmapped */
		if (write)
			ret = copy_to_user((void __user *)(dma->vaddr + off),
					   data, n) ? -EFAULT : 0;
		else
			ret = copy_from_user(data,
					     (void __user *)(dma->vaddr + off),
					     n) ? -EFAULT : 0;
		if (ret)
			break;
		iova += n;
		data = (u8 *)data + n;
		len -= n;
	}
	mutex_unlock(&iommu->lock);
	return ret;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slice of the kernel's <linux/vfio.h> that channel-program
 * translation (drivers/s390/cio/vfio_ccw_cp.c) uses, for the fuzz
 * harness, which supplies the three functions itself (test doubles over
 * a fuzzer-controlled IOVA map).  The uapi part is the installed s390x
 * <linux/vfio.h>.
 */
#ifndef _FUZZ_LINUX_VFIO_H
#define _FUZZ_LINUX_VFIO_H

#include_next <linux/vfio.h>
#include <linux/types.h>

/* <linux/iommu.h> */
#define IOMMU_READ	(1 << 0)
#define IOMMU_WRITE	(1 << 1)

struct page;
struct vfio_device;

int vfio_pin_pages(struct vfio_device *device, dma_addr_t iova, int npage,
		   int prot, struct page **pages);
void vfio_unpin_pages(struct vfio_device *device, dma_addr_t iova, int npage);
int vfio_dma_rw(struct vfio_device *device, dma_addr_t iova, void *data,
		size_t len, bool write);

/*
 * The host hands out a page's address in this process as its struct
 * page (um/include/linux/mm.h), so its "physical" address is the same.
 */
#ifndef page_to_phys
#define page_to_phys(page)	((phys_addr_t)(unsigned long)(page))
#endif

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <linux/iommu.h>: only the protection flags vfio_pin_pages()
 * takes.  The host has no IOMMU; its VFIO core (um/vfio) numbers the
 * groups of emulated-IOMMU devices itself.
 */
#ifndef _UM_LINUX_IOMMU_H
#define _UM_LINUX_IOMMU_H

#define IOMMU_READ	(1 << 0)
#define IOMMU_WRITE	(1 << 1)

#endif /* _UM_LINUX_IOMMU_H */

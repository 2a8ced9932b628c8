/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * VFIO userspace ABI: container, group and device fds, the type1 IOMMU and
 * the parts specific to vfio-ccw (region types, region and irq indexes).
 *
 * ABI-identical to Linux 6.1; tools/testing/uapi checks every constant,
 * struct size and member offset against the distribution's copy. Bus
 * drivers other than ccw are covered only where their numbers share a
 * namespace with ours (device flags, region types, api strings).
 */
#ifndef VFIO_H
#define VFIO_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* Userspace has no address-space annotations. */
#ifndef __user
#define __user
#endif

#define VFIO_API_VERSION	0

/* VFIO_CHECK_EXTENSION arguments */
#define VFIO_TYPE1_IOMMU		1
#define VFIO_SPAPR_TCE_IOMMU		2
#define VFIO_TYPE1v2_IOMMU		3
/* the IOMMU enforces DMA cache coherence */
#define VFIO_DMA_CC_IOMMU		4
#define VFIO_EEH			5
#define VFIO_TYPE1_NESTING_IOMMU	6	/* implies v2 */
#define VFIO_SPAPR_TCE_v2_IOMMU		7
/* no translation, no isolation; taints the kernel */
#define VFIO_NOIOMMU_IOMMU		8
/* VFIO_DMA_UNMAP_FLAG_ALL works */
#define VFIO_UNMAP_ALL			9
/* the VADDR flags of map and unmap work */
#define VFIO_UPDATE_VADDR		10

/*
 * Every ioctl is _IO(): the argument structs start with argsz and flags,
 * so they can grow without changing the ioctl number.
 */
#define VFIO_TYPE	(';')
#define VFIO_BASE	100

/*
 * INFO ioctls may append a chain of capabilities; offsets (first one in
 * the fixed struct, next in each header) count from the buffer start.
 */
struct vfio_info_cap_header {
	__u16	id;
	__u16	version;	/* per capability id */
	__u32	next;		/* offset of the next capability, 0 = last */
};

/* ---- container fd (/dev/vfio/vfio) ---- */

#define VFIO_GET_API_VERSION		_IO(VFIO_TYPE, VFIO_BASE + 0)
#define VFIO_CHECK_EXTENSION		_IO(VFIO_TYPE, VFIO_BASE + 1)
#define VFIO_SET_IOMMU			_IO(VFIO_TYPE, VFIO_BASE + 2)

/* ---- group fd (/dev/vfio/$GROUP) ---- */

struct vfio_group_status {
	__u32	argsz;
	__u32	flags;
};
#define VFIO_GROUP_FLAGS_VIABLE		(1 << 0)
#define VFIO_GROUP_FLAGS_CONTAINER_SET	(1 << 1)

#define VFIO_GROUP_GET_STATUS		_IO(VFIO_TYPE, VFIO_BASE + 3)
#define VFIO_GROUP_SET_CONTAINER	_IO(VFIO_TYPE, VFIO_BASE + 4)
#define VFIO_GROUP_UNSET_CONTAINER	_IO(VFIO_TYPE, VFIO_BASE + 5)
#define VFIO_GROUP_GET_DEVICE_FD	_IO(VFIO_TYPE, VFIO_BASE + 6)

/* ---- device fd ---- */

struct vfio_device_info {
	__u32	argsz;
	__u32	flags;
	__u32	num_regions;	/* highest region index + 1 */
	__u32	num_irqs;	/* highest irq index + 1 */
	__u32	cap_offset;	/* first capability, with FLAGS_CAPS */
};
#define VFIO_DEVICE_FLAGS_RESET		(1 << 0)
#define VFIO_DEVICE_FLAGS_PCI		(1 << 1)
#define VFIO_DEVICE_FLAGS_PLATFORM	(1 << 2)
#define VFIO_DEVICE_FLAGS_AMBA		(1 << 3)
#define VFIO_DEVICE_FLAGS_CCW		(1 << 4)
#define VFIO_DEVICE_FLAGS_AP		(1 << 5)
#define VFIO_DEVICE_FLAGS_FSL_MC	(1 << 6)
#define VFIO_DEVICE_FLAGS_CAPS		(1 << 7)

#define VFIO_DEVICE_GET_INFO		_IO(VFIO_TYPE, VFIO_BASE + 7)

/* values of the mdev type's device_api sysfs attribute */
#define VFIO_DEVICE_API_PCI_STRING		"vfio-pci"
#define VFIO_DEVICE_API_PLATFORM_STRING		"vfio-platform"
#define VFIO_DEVICE_API_AMBA_STRING		"vfio-amba"
#define VFIO_DEVICE_API_CCW_STRING		"vfio-ccw"
#define VFIO_DEVICE_API_AP_STRING		"vfio-ap"

/* device info capability ids (s390 zPCI) */
#define VFIO_DEVICE_INFO_CAP_ZPCI_BASE		1
#define VFIO_DEVICE_INFO_CAP_ZPCI_GROUP		2
#define VFIO_DEVICE_INFO_CAP_ZPCI_UTIL		3
#define VFIO_DEVICE_INFO_CAP_ZPCI_PFIP		4

struct vfio_region_info {
	__u32	argsz;
	__u32	flags;
	__u32	index;
	__u32	cap_offset;	/* first capability, with FLAG_CAPS */
	__u64	size;		/* bytes */
	__u64	offset;		/* of the region within the device fd */
};
#define VFIO_REGION_INFO_FLAG_READ	(1 << 0)
#define VFIO_REGION_INFO_FLAG_WRITE	(1 << 1)
#define VFIO_REGION_INFO_FLAG_MMAP	(1 << 2)
#define VFIO_REGION_INFO_FLAG_CAPS	(1 << 3)

#define VFIO_DEVICE_GET_REGION_INFO	_IO(VFIO_TYPE, VFIO_BASE + 8)

/* region capability: which parts of the region may be mmapped */
#define VFIO_REGION_INFO_CAP_SPARSE_MMAP	1

struct vfio_region_sparse_mmap_area {
	__u64	offset;		/* within the region */
	__u64	size;
};

struct vfio_region_info_cap_sparse_mmap {
	struct vfio_info_cap_header header;
	__u32	nr_areas;
	__u32	reserved;
	struct vfio_region_sparse_mmap_area areas[];
};

/* region capability: a device-specific region's type and subtype */
#define VFIO_REGION_INFO_CAP_TYPE	2

struct vfio_region_info_cap_type {
	struct vfio_info_cap_header header;
	__u32 type;	/* per bus driver */
	__u32 subtype;	/* per type */
};

/* region types; vendor-specific PCI types carry the vendor id */
#define VFIO_REGION_TYPE_PCI_VENDOR_TYPE	(1 << 31)
#define VFIO_REGION_TYPE_PCI_VENDOR_MASK	(0xffff)
#define VFIO_REGION_TYPE_GFX			(1)
#define VFIO_REGION_TYPE_CCW			(2)
#define VFIO_REGION_TYPE_MIGRATION_DEPRECATED	(3)

/* subtypes of the 8086 vendor type */
#define VFIO_REGION_SUBTYPE_INTEL_IGD_OPREGION	(1)
#define VFIO_REGION_SUBTYPE_INTEL_IGD_HOST_CFG	(2)
#define VFIO_REGION_SUBTYPE_INTEL_IGD_LPC_CFG	(3)
/* subtype of the 10de vendor type */
#define VFIO_REGION_SUBTYPE_NVIDIA_NVLINK2_RAM	(1)
/* subtype of the 1014 vendor type */
#define VFIO_REGION_SUBTYPE_IBM_NVLINK2_ATSD	(1)
/* subtype of VFIO_REGION_TYPE_GFX */
#define VFIO_REGION_SUBTYPE_GFX_EDID		(1)

/* subtypes of VFIO_REGION_TYPE_CCW, layouts in <linux/vfio_ccw.h> */
#define VFIO_REGION_SUBTYPE_CCW_ASYNC_CMD	(1)
#define VFIO_REGION_SUBTYPE_CCW_SCHIB		(2)
#define VFIO_REGION_SUBTYPE_CCW_CRW		(3)

/* subtype of VFIO_REGION_TYPE_MIGRATION_DEPRECATED (v1 protocol) */
#define VFIO_REGION_SUBTYPE_MIGRATION_DEPRECATED (1)

/* further region capability ids */
#define VFIO_REGION_INFO_CAP_MSIX_MAPPABLE	3
#define VFIO_REGION_INFO_CAP_NVLINK2_SSATGT	4
#define VFIO_REGION_INFO_CAP_NVLINK2_LNKSPD	5

struct vfio_irq_info {
	__u32	argsz;
	__u32	flags;
	__u32	index;
	__u32	count;		/* irqs within this index */
};
#define VFIO_IRQ_INFO_EVENTFD		(1 << 0)
#define VFIO_IRQ_INFO_MASKABLE		(1 << 1)
#define VFIO_IRQ_INFO_AUTOMASKED	(1 << 2)
#define VFIO_IRQ_INFO_NORESIZE		(1 << 3)

#define VFIO_DEVICE_GET_IRQ_INFO	_IO(VFIO_TYPE, VFIO_BASE + 9)

/* one DATA_* and one ACTION_* flag; data[] holds count items */
struct vfio_irq_set {
	__u32	argsz;
	__u32	flags;
	__u32	index;
	__u32	start;
	__u32	count;
	__u8	data[];
};
#define VFIO_IRQ_SET_DATA_NONE		(1 << 0)
#define VFIO_IRQ_SET_DATA_BOOL		(1 << 1)	/* __u8 each */
#define VFIO_IRQ_SET_DATA_EVENTFD	(1 << 2)	/* __s32 each */
#define VFIO_IRQ_SET_ACTION_MASK	(1 << 3)
#define VFIO_IRQ_SET_ACTION_UNMASK	(1 << 4)
#define VFIO_IRQ_SET_ACTION_TRIGGER	(1 << 5)

#define VFIO_DEVICE_SET_IRQS		_IO(VFIO_TYPE, VFIO_BASE + 10)

#define VFIO_IRQ_SET_DATA_TYPE_MASK	(VFIO_IRQ_SET_DATA_NONE | \
					 VFIO_IRQ_SET_DATA_BOOL | \
					 VFIO_IRQ_SET_DATA_EVENTFD)
#define VFIO_IRQ_SET_ACTION_TYPE_MASK	(VFIO_IRQ_SET_ACTION_MASK | \
					 VFIO_IRQ_SET_ACTION_UNMASK | \
					 VFIO_IRQ_SET_ACTION_TRIGGER)

#define VFIO_DEVICE_RESET		_IO(VFIO_TYPE, VFIO_BASE + 11)

/* fixed region and irq indexes of vfio-pci devices */
enum {
	VFIO_PCI_BAR0_REGION_INDEX,
	VFIO_PCI_BAR1_REGION_INDEX,
	VFIO_PCI_BAR2_REGION_INDEX,
	VFIO_PCI_BAR3_REGION_INDEX,
	VFIO_PCI_BAR4_REGION_INDEX,
	VFIO_PCI_BAR5_REGION_INDEX,
	VFIO_PCI_ROM_REGION_INDEX,
	VFIO_PCI_CONFIG_REGION_INDEX,
	VFIO_PCI_VGA_REGION_INDEX,
	VFIO_PCI_NUM_REGIONS = 9	/* fixed: later ones use cap types */
};

enum {
	VFIO_PCI_INTX_IRQ_INDEX,
	VFIO_PCI_MSI_IRQ_INDEX,
	VFIO_PCI_MSIX_IRQ_INDEX,
	VFIO_PCI_ERR_IRQ_INDEX,
	VFIO_PCI_REQ_IRQ_INDEX,
	VFIO_PCI_NUM_IRQS
};

/*
 * vfio-ccw: region 0 is the I/O region (struct ccw_io_region); further
 * regions are found through VFIO_REGION_INFO_CAP_TYPE.
 */
enum {
	VFIO_CCW_CONFIG_REGION_INDEX,
	VFIO_CCW_NUM_REGIONS
};

enum {
	VFIO_CCW_IO_IRQ_INDEX,
	VFIO_CCW_CRW_IRQ_INDEX,
	VFIO_CCW_REQ_IRQ_INDEX,
	VFIO_CCW_NUM_IRQS
};

/* VFIO_DEVICE_FEATURE: flags carry the feature index and the operation */
struct vfio_device_feature {
	__u32	argsz;
	__u32	flags;
	__u8	data[];
};
#define VFIO_DEVICE_FEATURE_MASK	(0xffff)
#define VFIO_DEVICE_FEATURE_GET		(1 << 16)
#define VFIO_DEVICE_FEATURE_SET		(1 << 17)
#define VFIO_DEVICE_FEATURE_PROBE	(1 << 18)

#define VFIO_DEVICE_FEATURE		_IO(VFIO_TYPE, VFIO_BASE + 17)

#define VFIO_DEVICE_FEATURE_PCI_VF_TOKEN	(0)

/* migration (v2): supported protocols */
struct vfio_device_feature_migration {
	__aligned_u64 flags;
};
#define VFIO_MIGRATION_STOP_COPY	(1 << 0)
#define VFIO_MIGRATION_P2P		(1 << 1)

#define VFIO_DEVICE_FEATURE_MIGRATION 1

/* migration (v2): state transitions, data_fd carries the device state */
struct vfio_device_feature_mig_state {
	__u32 device_state;	/* enum vfio_device_mig_state */
	__s32 data_fd;
};

#define VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE 2

enum vfio_device_mig_state {
	VFIO_DEVICE_STATE_ERROR = 0,
	VFIO_DEVICE_STATE_STOP = 1,
	VFIO_DEVICE_STATE_RUNNING = 2,
	VFIO_DEVICE_STATE_STOP_COPY = 3,
	VFIO_DEVICE_STATE_RESUMING = 4,
	VFIO_DEVICE_STATE_RUNNING_P2P = 5,
};

/* ---- type1 IOMMU (container fd) ---- */

struct vfio_iommu_type1_info {
	__u32	argsz;
	__u32	flags;
	__u64	iova_pgsizes;	/* bitmap of supported page sizes */
	__u32	cap_offset;	/* first capability, with INFO_CAPS */
};
#define VFIO_IOMMU_INFO_PGSIZES	(1 << 0)
#define VFIO_IOMMU_INFO_CAPS	(1 << 1)

/* capability: usable IOVA ranges */
#define VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE	1

struct vfio_iova_range {
	__u64	start;
	__u64	end;
};

struct vfio_iommu_type1_info_cap_iova_range {
	struct	vfio_info_cap_header header;
	__u32	nr_iovas;
	__u32	reserved;
	struct	vfio_iova_range iova_ranges[];
};

/* capability: dirty page tracking limits */
#define VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION	2

struct vfio_iommu_type1_info_cap_migration {
	struct	vfio_info_cap_header header;
	__u32	flags;
	__u64	pgsize_bitmap;
	__u64	max_dirty_bitmap_size;	/* bytes */
};

/* capability: how many more DMA mappings are allowed */
#define VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL	3

struct vfio_iommu_type1_info_dma_avail {
	struct	vfio_info_cap_header header;
	__u32	avail;
};

#define VFIO_IOMMU_GET_INFO	_IO(VFIO_TYPE, VFIO_BASE + 12)

struct vfio_iommu_type1_dma_map {
	__u32	argsz;
	__u32	flags;
	__u64	vaddr;		/* process virtual address */
	__u64	iova;		/* device (I/O) virtual address */
	__u64	size;		/* bytes */
};
#define VFIO_DMA_MAP_FLAG_READ	(1 << 0)	/* device may read */
#define VFIO_DMA_MAP_FLAG_WRITE	(1 << 1)	/* device may write */
#define VFIO_DMA_MAP_FLAG_VADDR	(1 << 2)

#define VFIO_IOMMU_MAP_DMA	_IO(VFIO_TYPE, VFIO_BASE + 13)

struct vfio_bitmap {
	__u64	pgsize;		/* bytes per bit */
	__u64	size;		/* bytes of data */
	__u64 __user *data;	/* one bit per page */
};

/* with GET_DIRTY_BITMAP, data[] is a struct vfio_bitmap */
struct vfio_iommu_type1_dma_unmap {
	__u32	argsz;
	__u32	flags;
	__u64	iova;
	__u64	size;		/* bytes */
	__u8	data[];
};
#define VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP	(1 << 0)
#define VFIO_DMA_UNMAP_FLAG_ALL			(1 << 1)
#define VFIO_DMA_UNMAP_FLAG_VADDR		(1 << 2)

#define VFIO_IOMMU_UNMAP_DMA	_IO(VFIO_TYPE, VFIO_BASE + 14)

/* no-ops on type1, kept for the ioctl numbers */
#define VFIO_IOMMU_ENABLE	_IO(VFIO_TYPE, VFIO_BASE + 15)
#define VFIO_IOMMU_DISABLE	_IO(VFIO_TYPE, VFIO_BASE + 16)

/* dirty page tracking; with GET_BITMAP, data[] is ..._dirty_bitmap_get */
struct vfio_iommu_type1_dirty_bitmap {
	__u32	argsz;
	__u32	flags;
	__u8	data[];
};
#define VFIO_IOMMU_DIRTY_PAGES_FLAG_START	(1 << 0)
#define VFIO_IOMMU_DIRTY_PAGES_FLAG_STOP	(1 << 1)
#define VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP	(1 << 2)

struct vfio_iommu_type1_dirty_bitmap_get {
	__u64	iova;
	__u64	size;
	struct vfio_bitmap bitmap;
};

#define VFIO_IOMMU_DIRTY_PAGES	_IO(VFIO_TYPE, VFIO_BASE + 17)

#endif /* VFIO_H */

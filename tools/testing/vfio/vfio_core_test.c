// SPDX-License-Identifier: GPL-2.0
/*
 * The host's VFIO core with 6.1's uapi behaviour and errnos: the
 * container, groups, the emulated type1 IOMMU (MAP/UNMAP, pins and
 * their accounting, the unmap notification), device files and
 * VFIO_DEVICE_FEATURE, and the kvm-vfio device giving open_device the
 * VM.  A test mdev driver ("vfio_test", on a subchannel of its own css
 * driver) records what the core calls, so the core is tested apart from
 * vfio-ccw.
 */
#include "kselftest_harness.h"

#include <linux/kvm.h>
#include <linux/mdev.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <um/fault.h>
#include <um/init.h>
#include <um/vfio.h>

#include "vfio_util.h"
#include "../../../um/cio/css.h"

#define T_TYPE	V_SCH "/mdev_supported_types/vfio_test-t"
#define T_DRV	"/sys/bus/mdev/drivers/vfio_test_mdev"
#define T_PAGES	16

struct t_vdev {
	struct vfio_device vdev;
	int opens, closes, requests;
	struct kvm *open_kvm;		/* vdev->kvm seen by open_device */
	int unmaps;			/* ->dma_unmap calls */
	dma_addr_t pinned_iova;		/* what the test pinned, or ~0 */
	int pinned_n;
};

static struct t_vdev *t_dev;		/* the one mdev's device */
static struct mdev_parent t_parent;
static struct mdev_type t_type = { .sysfs_name = "t", .pretty_name = "test" };
static struct mdev_type *t_types[] = { &t_type };

static int t_open(struct vfio_device *vdev)
{
	struct t_vdev *t = container_of(vdev, struct t_vdev, vdev);

	t->opens++;
	t->open_kvm = vdev->kvm;
	return 0;
}

static void t_close(struct vfio_device *vdev)
{
	container_of(vdev, struct t_vdev, vdev)->closes++;
}

static void t_request(struct vfio_device *vdev, unsigned int count)
{
	container_of(vdev, struct t_vdev, vdev)->requests++;
}

/* as a driver must: drop the pins inside the range */
static void t_dma_unmap(struct vfio_device *vdev, u64 iova, u64 length)
{
	struct t_vdev *t = container_of(vdev, struct t_vdev, vdev);

	t->unmaps++;
	if (t->pinned_n && t->pinned_iova >= iova &&
	    t->pinned_iova < iova + length) {
		vfio_unpin_pages(vdev, t->pinned_iova, t->pinned_n);
		t->pinned_n = 0;
	}
}

static void t_release(struct vfio_device *vdev)
{
	vfio_free_device(vdev);
}

static const struct vfio_device_ops t_ops = {
	.open_device = t_open,
	.close_device = t_close,
	.request = t_request,
	.dma_unmap = t_dma_unmap,
	.release = t_release,
};

static int t_mdev_probe(struct mdev_device *mdev)
{
	struct t_vdev *t;
	int ret;

	t = vfio_alloc_device(t_vdev, vdev, &mdev->dev, &t_ops);
	if (IS_ERR(t))
		return PTR_ERR(t);
	ret = vfio_register_emulated_iommu_dev(&t->vdev);
	if (ret) {
		vfio_put_device(&t->vdev);
		return ret;
	}
	dev_set_drvdata(&mdev->dev, t);
	t_dev = t;
	return 0;
}

static void t_mdev_remove(struct mdev_device *mdev)
{
	struct t_vdev *t = dev_get_drvdata(&mdev->dev);

	vfio_unregister_group_dev(&t->vdev);
	vfio_put_device(&t->vdev);
	t_dev = NULL;
}

static struct mdev_driver t_mdev_driver = {
	.device_api = "vfio-test",
	.max_instances = 2,
	.driver = { .name = "vfio_test_mdev" },
	.probe = t_mdev_probe,
	.remove = t_mdev_remove,
};

static int t_sch_probe(struct subchannel *sch)
{
	return mdev_register_parent(&t_parent, &sch->dev, &t_mdev_driver,
				    t_types, 1);
}

static void t_sch_remove(struct subchannel *sch)
{
	mdev_unregister_parent(&t_parent);
}

static struct css_device_id t_ids[] = {
	{ .match_flags = 0x1, .type = SUBCHANNEL_TYPE_IO, },
	{ },
};

static struct css_driver t_sch_driver = {
	.drv = { .name = "vfio_test" },
	.subchannel_type = t_ids,
	.probe = t_sch_probe,
	.remove = t_sch_remove,
};

/* machine, drivers, the test mdev V_UUID; returns its group number */
static int t_setup(void)
{
	int ret;

	ret = v_machine("chpid 80\nccw 0.0.0100 null\n");
	if (ret)
		return ret;
	um_kernel_init();
	ret = mdev_register_driver(&t_mdev_driver);
	if (!ret)
		ret = css_driver_register(&t_sch_driver);
	if (!ret)
		ret = v_write(V_SCH "/driver_override", "vfio_test");
	if (ret >= 0)
		ret = v_write("/sys/bus/css/drivers/vfio_test/bind",
			      "0.0.0000");
	if (ret >= 0)
		ret = v_write(T_TYPE "/create", V_UUID);
	return ret < 0 ? ret : v_group_id(V_UUID);
}

#define ERRNO(call)	((call) < 0 ? -errno : 0)

TEST(container)
{
	int c, g, id;

	id = t_setup();
	ASSERT_LE(0, id);
	c = open("/dev/vfio/vfio", O_RDWR);
	ASSERT_LE(0, c);
	EXPECT_EQ(VFIO_API_VERSION, ioctl(c, VFIO_GET_API_VERSION));
	EXPECT_EQ(1, ioctl(c, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU));
	EXPECT_EQ(1, ioctl(c, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU));
	EXPECT_EQ(1, ioctl(c, VFIO_CHECK_EXTENSION, VFIO_UNMAP_ALL));
	EXPECT_EQ(0, ioctl(c, VFIO_CHECK_EXTENSION, VFIO_NOIOMMU_IOMMU));
	EXPECT_EQ(0, ioctl(c, VFIO_CHECK_EXTENSION, VFIO_UPDATE_VADDR));
	EXPECT_EQ(0, ioctl(c, VFIO_CHECK_EXTENSION, VFIO_DMA_CC_IOMMU));
	EXPECT_EQ(0, ioctl(c, VFIO_CHECK_EXTENSION, 0x4242));
	/* no group yet: no IOMMU, and other ioctls have no one to go to */
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU)));
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(c, VFIO_IOMMU_MAP_DMA, NULL)));
	g = v_open_group(id);
	ASSERT_LE(0, g);
	ASSERT_EQ(0, ioctl(g, VFIO_GROUP_SET_CONTAINER, &c));
	EXPECT_EQ(-ENODEV, ERRNO(ioctl(c, VFIO_SET_IOMMU, 0x4242)));
	EXPECT_EQ(-ENODEV, ERRNO(ioctl(c, VFIO_SET_IOMMU, VFIO_NOIOMMU_IOMMU)));
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(c, VFIO_SET_IOMMU, VFIO_UNMAP_ALL)));
	ASSERT_EQ(0, ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU));
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU)));
	/* with the IOMMU set: no domain, so coherent; no vaddr updates */
	EXPECT_EQ(1, ioctl(c, VFIO_CHECK_EXTENSION, VFIO_DMA_CC_IOMMU));
	EXPECT_EQ(0, ioctl(c, VFIO_CHECK_EXTENSION, VFIO_UPDATE_VADDR));
	EXPECT_EQ(-ENOTTY, ERRNO(ioctl(c, _IO(VFIO_TYPE, VFIO_BASE + 60))));
	/* the last group out returns the container to the unset state */
	ASSERT_EQ(0, ioctl(g, VFIO_GROUP_UNSET_CONTAINER));
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(c, VFIO_IOMMU_MAP_DMA, NULL)));
	ASSERT_EQ(0, ioctl(g, VFIO_GROUP_SET_CONTAINER, &c));
	EXPECT_EQ(0, ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1_NESTING_IOMMU));
	ASSERT_EQ(0, ioctl(g, VFIO_GROUP_UNSET_CONTAINER));
	ASSERT_EQ(0, ioctl(g, VFIO_GROUP_SET_CONTAINER, &c));
	EXPECT_EQ(0, ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU));
	close(g);
	close(c);
}

TEST(group)
{
	struct vfio_group_status st = { .argsz = sizeof(st) };
	int c, g, d, id, gid, zero = 0, efd;

	gid = id = t_setup();
	ASSERT_LE(0, id);
	g = v_open_group(id);
	ASSERT_LE(0, g);
	EXPECT_EQ(-EBUSY, ERRNO(v_open_group(id)));
	EXPECT_EQ(-ENOENT, ERRNO(v_open_group(id + 1)));
	ASSERT_EQ(0, ioctl(g, VFIO_GROUP_GET_STATUS, &st));
	EXPECT_EQ(VFIO_GROUP_FLAGS_VIABLE, st.flags);
	st.argsz = 4;
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(g, VFIO_GROUP_GET_STATUS, &st)));
	EXPECT_EQ(-EFAULT, ERRNO(ioctl(g, VFIO_GROUP_GET_STATUS, (void *)8)));
	EXPECT_EQ(-ENOTTY, ERRNO(ioctl(g, _IO(VFIO_TYPE, VFIO_BASE + 60))));
	/* no container yet */
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(g, VFIO_GROUP_UNSET_CONTAINER)));
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(g, VFIO_GROUP_GET_DEVICE_FD, V_UUID)));
	efd = eventfd(0, 0);
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(g, VFIO_GROUP_SET_CONTAINER, &efd)));
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(g, VFIO_GROUP_SET_CONTAINER, &g)));
	zero = 1000;
	EXPECT_EQ(-EBADF, ERRNO(ioctl(g, VFIO_GROUP_SET_CONTAINER, &zero)));
	EXPECT_EQ(-EFAULT, ERRNO(ioctl(g, VFIO_GROUP_SET_CONTAINER, NULL)));
	c = open("/dev/vfio/vfio", O_RDWR);
	ASSERT_EQ(0, ioctl(g, VFIO_GROUP_SET_CONTAINER, &c));
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(g, VFIO_GROUP_SET_CONTAINER, &c)));
	st.argsz = sizeof(st);
	ASSERT_EQ(0, ioctl(g, VFIO_GROUP_GET_STATUS, &st));
	EXPECT_EQ(VFIO_GROUP_FLAGS_VIABLE | VFIO_GROUP_FLAGS_CONTAINER_SET,
		  st.flags);
	/* a container without an IOMMU gives no device */
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(g, VFIO_GROUP_GET_DEVICE_FD, V_UUID)));
	ASSERT_EQ(0, ioctl(c, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU));
	EXPECT_EQ(-ENODEV, ERRNO(ioctl(g, VFIO_GROUP_GET_DEVICE_FD, V_UUID2)));
	EXPECT_EQ(-EFAULT, ERRNO(ioctl(g, VFIO_GROUP_GET_DEVICE_FD, NULL)));
	d = ioctl(g, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
	ASSERT_LE(0, d);
	EXPECT_EQ(1, t_dev->opens);
	/* a second file of the same device: one open_device */
	id = ioctl(g, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
	ASSERT_LE(0, id);
	EXPECT_EQ(1, t_dev->opens);
	close(id);
	EXPECT_EQ(0, t_dev->closes);
	EXPECT_EQ(-EBUSY, ERRNO(ioctl(g, VFIO_GROUP_UNSET_CONTAINER)));
	/* no ->ioctl: EINVAL; features: the core's checks, then ENOTTY */
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(d, VFIO_DEVICE_GET_INFO, NULL)));
	{
		struct vfio_device_feature f = { .argsz = sizeof(f) };

		f.flags = VFIO_DEVICE_FEATURE_PROBE |
			  VFIO_DEVICE_FEATURE_MIGRATION;
		EXPECT_EQ(-ENOTTY, ERRNO(ioctl(d, VFIO_DEVICE_FEATURE, &f)));
		f.flags = VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_SET |
			  VFIO_DEVICE_FEATURE_MIGRATION;
		EXPECT_EQ(-EINVAL, ERRNO(ioctl(d, VFIO_DEVICE_FEATURE, &f)));
		f.flags = 1u << 20;
		EXPECT_EQ(-EINVAL, ERRNO(ioctl(d, VFIO_DEVICE_FEATURE, &f)));
		f.argsz = 4;
		f.flags = VFIO_DEVICE_FEATURE_PROBE | 9;
		EXPECT_EQ(-EINVAL, ERRNO(ioctl(d, VFIO_DEVICE_FEATURE, &f)));
		EXPECT_EQ(-EFAULT, ERRNO(ioctl(d, VFIO_DEVICE_FEATURE,
					       (void *)8)));
	}
	close(d);
	EXPECT_EQ(1, t_dev->closes);
	EXPECT_EQ(0, ioctl(g, VFIO_GROUP_UNSET_CONTAINER));
	close(efd);
	close(c);
	close(g);
	/* the group file is free again */
	g = v_open_group(gid);
	EXPECT_LE(0, g);
	close(g);
}

struct t_vmm {
	int c, g;
	u8 *mem;
};

static int t_open_container(struct t_vmm *t, int id, unsigned long type)
{
	t->c = open("/dev/vfio/vfio", O_RDWR);
	t->g = v_open_group(id);
	t->mem = mmap(NULL, T_PAGES * 4096, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (t->c < 0 || t->g < 0 || t->mem == MAP_FAILED)
		return -errno;
	if (ioctl(t->g, VFIO_GROUP_SET_CONTAINER, &t->c) ||
	    ioctl(t->c, VFIO_SET_IOMMU, type))
		return -errno;
	return 0;
}

static int t_map(struct t_vmm *t, u64 iova, u64 vaddr, u64 size, u32 flags)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map), .flags = flags, .vaddr = vaddr,
		.iova = iova, .size = size,
	};

	return ERRNO(ioctl(t->c, VFIO_IOMMU_MAP_DMA, &map));
}

/* the size unmapped, or -errno */
static s64 t_unmap(struct t_vmm *t, u64 iova, u64 size, u32 flags)
{
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap), .flags = flags, .iova = iova,
		.size = size,
	};

	if (ioctl(t->c, VFIO_IOMMU_UNMAP_DMA, &unmap))
		return -errno;
	return unmap.size;
}

#define RW	(VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE)

TEST(map_unmap)
{
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map) };
	struct vfio_iommu_type1_info info = { .argsz = sizeof(info) };
	struct t_vmm t;
	u64 va;

	ASSERT_EQ(0, t_open_container(&t, t_setup(), VFIO_TYPE1v2_IOMMU));
	va = (unsigned long)t.mem;
	ASSERT_EQ(0, ioctl(t.c, VFIO_IOMMU_GET_INFO, &info));
	EXPECT_EQ(4096, info.iova_pgsizes);
	/* alignment, size, flags, wrap, argsz, bad pointer */
	EXPECT_EQ(-EINVAL, t_map(&t, 0x100, va, 4096, RW));
	EXPECT_EQ(-EINVAL, t_map(&t, 0, va + 1, 4096, RW));
	EXPECT_EQ(-EINVAL, t_map(&t, 0, va, 100, RW));
	EXPECT_EQ(-EINVAL, t_map(&t, 0, va, 0, RW));
	EXPECT_EQ(-EINVAL, t_map(&t, 0, va, 4096, 0));
	EXPECT_EQ(-EINVAL, t_map(&t, 0, va, 4096, RW | (1 << 7)));
	EXPECT_EQ(-EINVAL, t_map(&t, -4096ULL, va, 8192, RW));
	EXPECT_EQ(-EINVAL, t_map(&t, 0, va, 4096,
				 RW | VFIO_DMA_MAP_FLAG_VADDR));
	map.argsz = 8;
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(t.c, VFIO_IOMMU_MAP_DMA, &map)));
	EXPECT_EQ(-EFAULT, ERRNO(ioctl(t.c, VFIO_IOMMU_MAP_DMA, (void *)8)));
	/* two mappings; any overlap is EEXIST */
	ASSERT_EQ(0, t_map(&t, 0x10000, va, 8 * 4096, RW));
	ASSERT_EQ(0, t_map(&t, 0x20000, va + 8 * 4096, 4096,
			   VFIO_DMA_MAP_FLAG_READ));
	EXPECT_EQ(-EEXIST, t_map(&t, 0x17000, va, 2 * 4096, RW));
	EXPECT_EQ(-EEXIST, t_map(&t, 0xf000, va, 2 * 4096, RW));
	EXPECT_EQ(-EEXIST, t_map(&t, 0x10000, va, 4096, RW));
	/* vaddr updates: never with an mdev */
	EXPECT_EQ(-ENOENT, t_map(&t, 0x40000, va, 4096,
				 VFIO_DMA_MAP_FLAG_VADDR));
	EXPECT_EQ(-EINVAL, t_map(&t, 0x10000, va, 8 * 4096,
				 VFIO_DMA_MAP_FLAG_VADDR));
	EXPECT_EQ(-EBUSY, t_unmap(&t, 0x10000, 8 * 4096,
				  VFIO_DMA_UNMAP_FLAG_VADDR));
	/* unmap: alignment, bisection (v2), flags, nothing there */
	EXPECT_EQ(-EINVAL, t_unmap(&t, 0x10100, 4096, 0));
	EXPECT_EQ(-EINVAL, t_unmap(&t, 0x10000, 100, 0));
	EXPECT_EQ(-EINVAL, t_unmap(&t, 0x10000, 0, 0));
	EXPECT_EQ(-EINVAL, t_unmap(&t, 0x11000, 4096, 0));
	EXPECT_EQ(-EINVAL, t_unmap(&t, 0x10000, 4096, 0));
	EXPECT_EQ(-EINVAL, t_unmap(&t, 0x1000, 4096, VFIO_DMA_UNMAP_FLAG_ALL));
	EXPECT_EQ(-EINVAL, t_unmap(&t, 0x10000, 8 * 4096, 1 << 5));
	EXPECT_EQ(-EINVAL, t_unmap(&t, 0x10000, 8 * 4096,
				   VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP));
	EXPECT_EQ(0, t_unmap(&t, 0x100000, 4096, 0));
	/* one range covering both mappings */
	EXPECT_EQ(9 * 4096, t_unmap(&t, 0, 0x100000, 0));
	EXPECT_EQ(0, t_unmap(&t, 0, 0x100000, 0));
	ASSERT_EQ(0, t_map(&t, 0x10000, va, 4096, RW));
	EXPECT_EQ(4096, t_unmap(&t, 0, 0, VFIO_DMA_UNMAP_FLAG_ALL));
	close(t.g);
	close(t.c);
}

TEST(pins_and_unmap_notify)
{
	struct page *pages[4];
	struct t_vmm t;
	int d;
	u64 va;

	ASSERT_EQ(0, t_open_container(&t, t_setup(), VFIO_TYPE1v2_IOMMU));
	va = (unsigned long)t.mem;
	ASSERT_EQ(0, t_map(&t, 0x10000, va, 8 * 4096, RW));
	ASSERT_EQ(0, t_map(&t, 0x20000, va + 8 * 4096, 4096,
			   VFIO_DMA_MAP_FLAG_READ));
	d = ioctl(t.g, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
	ASSERT_LE(0, d);
	/* 6.1's argument checks */
	EXPECT_EQ(-EINVAL, vfio_pin_pages(&t_dev->vdev, 0x10000, 0,
					  IOMMU_READ, pages));
	EXPECT_EQ(-EINVAL, vfio_pin_pages(&t_dev->vdev, 0x10000, 1,
					  IOMMU_READ, NULL));
	EXPECT_EQ(-E2BIG, vfio_pin_pages(&t_dev->vdev, 0x10000,
					 VFIO_PIN_PAGES_MAX_ENTRIES + 1,
					 IOMMU_READ, pages));
	/* outside the mappings, or writing a read-only one */
	EXPECT_EQ(-EINVAL, vfio_pin_pages(&t_dev->vdev, 0x30000, 1,
					  IOMMU_READ, pages));
	EXPECT_EQ(-EPERM, vfio_pin_pages(&t_dev->vdev, 0x20000, 1,
					 IOMMU_READ | IOMMU_WRITE, pages));
	/* crossing the end of a mapping: nothing stays pinned */
	EXPECT_EQ(-EINVAL, vfio_pin_pages(&t_dev->vdev, 0x16000, 3,
					  IOMMU_READ, pages));
	EXPECT_EQ(0, um_vfio_pinned_pages());
	/* pinned: the page's address, counted once per page */
	ASSERT_EQ(4, vfio_pin_pages(&t_dev->vdev, 0x11000, 4,
				    IOMMU_READ | IOMMU_WRITE, pages));
	EXPECT_EQ(va + 4096, page_to_phys(pages[0]));
	EXPECT_EQ(va + 4 * 4096, page_to_phys(pages[3]));
	ASSERT_EQ(1, vfio_pin_pages(&t_dev->vdev, 0x11000, 1, IOMMU_READ,
				    pages));
	EXPECT_EQ(4, um_vfio_pinned_pages());
	vfio_unpin_pages(&t_dev->vdev, 0x11000, 1);
	EXPECT_EQ(4, um_vfio_pinned_pages());
	t_dev->pinned_iova = 0x11000;
	t_dev->pinned_n = 4;
	/* vfio_dma_rw through the IOVA */
	{
		char buf[8] = "abcdefg";

		EXPECT_EQ(0, vfio_dma_rw(&t_dev->vdev, 0x11ffc, buf, 8, true));
		EXPECT_EQ(0, memcmp(t.mem + 0x1ffc, "abcdefg", 8));
		EXPECT_EQ(-EINVAL, vfio_dma_rw(&t_dev->vdev, 0x17ffc, buf, 8,
					       false));
		EXPECT_EQ(-EPERM, vfio_dma_rw(&t_dev->vdev, 0x20000, buf, 8,
					      true));
	}
	/* unmapping the other mapping leaves the pins alone */
	EXPECT_EQ(4096, t_unmap(&t, 0x20000, 4096, 0));
	EXPECT_EQ(0, t_dev->unmaps);
	/* unmapping the pinned range asks the device first */
	EXPECT_EQ(8 * 4096, t_unmap(&t, 0x10000, 8 * 4096, 0));
	EXPECT_EQ(1, t_dev->unmaps);
	EXPECT_EQ(0, t_dev->pinned_n);
	EXPECT_EQ(0, um_vfio_pinned_pages());
	close(d);
	close(t.g);
	close(t.c);
}

TEST(pins_need_v2)
{
	struct page *pages[1];
	struct t_vmm t;
	int d;

	ASSERT_EQ(0, t_open_container(&t, t_setup(), VFIO_TYPE1_IOMMU));
	ASSERT_EQ(0, t_map(&t, 0, (unsigned long)t.mem, 4096, RW));
	d = ioctl(t.g, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
	ASSERT_LE(0, d);
	EXPECT_EQ(-EACCES, vfio_pin_pages(&t_dev->vdev, 0, 1, IOMMU_READ,
					  pages));
	/* v1: an unmap inside a mapping unmaps nothing, successfully */
	ASSERT_EQ(0, t_map(&t, 0x10000, (unsigned long)t.mem, 2 * 4096, RW));
	EXPECT_EQ(0, t_unmap(&t, 0x11000, 4096, 0));
	EXPECT_EQ(2 * 4096, t_unmap(&t, 0x10000, 4096, 0));
	close(d);
	close(t.g);
	close(t.c);
}

static int create_vm_vfio(int *vm)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_VFIO };
	int kvm = open("/dev/kvm", O_RDWR);

	if (kvm < 0)
		return -errno;
	*vm = ioctl(kvm, KVM_CREATE_VM, 0);
	close(kvm);
	if (*vm < 0)
		return -errno;
	if (ioctl(*vm, KVM_CREATE_DEVICE, &cd))
		return -errno;
	return cd.fd;
}

static int group_attr(int dev, unsigned long req, u64 attr, void *fdp)
{
	struct kvm_device_attr a = {
		.group = KVM_DEV_VFIO_GROUP, .attr = attr,
		.addr = (unsigned long)fdp,
	};

	return ERRNO(ioctl(dev, req, &a));
}

TEST(kvm_vfio)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_VFIO };
	struct kvm_device_attr a = { .group = 7 };
	int vm, kdev, d, bad = 1000, efd;
	struct t_vmm t;

	ASSERT_EQ(0, t_open_container(&t, t_setup(), VFIO_TYPE1v2_IOMMU));
	kdev = create_vm_vfio(&vm);
	ASSERT_LE(0, kdev);
	/* one per VM */
	EXPECT_EQ(-EBUSY, ERRNO(ioctl(vm, KVM_CREATE_DEVICE, &cd)));
	EXPECT_EQ(0, group_attr(kdev, KVM_HAS_DEVICE_ATTR,
				KVM_DEV_VFIO_GROUP_ADD, NULL));
	EXPECT_EQ(-ENXIO, group_attr(kdev, KVM_HAS_DEVICE_ATTR,
				     KVM_DEV_VFIO_GROUP_SET_SPAPR_TCE, NULL));
	EXPECT_EQ(-ENXIO, ERRNO(ioctl(kdev, KVM_SET_DEVICE_ATTR, &a)));
	EXPECT_EQ(-ENXIO, group_attr(kdev, KVM_SET_DEVICE_ATTR, 9, &t.g));
	EXPECT_EQ(-EFAULT, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				      KVM_DEV_VFIO_GROUP_ADD, (void *)8));
	EXPECT_EQ(-EBADF, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				     KVM_DEV_VFIO_GROUP_ADD, &bad));
	efd = eventfd(0, 0);
	EXPECT_EQ(-EINVAL, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				      KVM_DEV_VFIO_GROUP_ADD, &efd));
	EXPECT_EQ(-EINVAL, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				      KVM_DEV_VFIO_GROUP_ADD, &t.c));
	EXPECT_EQ(-ENOENT, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				      KVM_DEV_VFIO_GROUP_DEL, &t.g));
	ASSERT_EQ(0, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				KVM_DEV_VFIO_GROUP_ADD, &t.g));
	EXPECT_EQ(-EEXIST, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				      KVM_DEV_VFIO_GROUP_ADD, &t.g));
	/* open_device sees the VM */
	d = ioctl(t.g, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
	ASSERT_LE(0, d);
	EXPECT_NE(NULL, t_dev->open_kvm);
	close(d);
	EXPECT_EQ(NULL, t_dev->vdev.kvm);
	ASSERT_EQ(0, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				KVM_DEV_VFIO_GROUP_DEL, &t.g));
	EXPECT_EQ(-ENOENT, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				      KVM_DEV_VFIO_GROUP_DEL, &t.g));
	d = ioctl(t.g, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
	ASSERT_LE(0, d);
	EXPECT_EQ(NULL, t_dev->open_kvm);
	close(d);
	/* closing the kvm-vfio device forgets the VM too */
	ASSERT_EQ(0, group_attr(kdev, KVM_SET_DEVICE_ATTR,
				KVM_DEV_VFIO_GROUP_ADD, &t.g));
	close(kdev);
	d = ioctl(t.g, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
	ASSERT_LE(0, d);
	EXPECT_EQ(NULL, t_dev->open_kvm);
	close(d);
	close(efd);
	close(vm);
	close(t.g);
	close(t.c);
}

/* mdev sysfs of the test type: listing, names, instances, errnos */
TEST(mdev_sysfs)
{
	char buf[256];
	struct stat st;
	int fd;

	ASSERT_LE(0, t_setup());
	ASSERT_LT(0, v_read(T_TYPE "/available_instances", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", buf);
	ASSERT_LT(0, v_read(T_TYPE "/name", buf, sizeof(buf)));
	EXPECT_STREQ("test\n", buf);
	ASSERT_LT(0, v_read(T_TYPE "/device_api", buf, sizeof(buf)));
	EXPECT_STREQ("vfio-test\n", buf);
	EXPECT_EQ(-ENOENT, v_read(T_TYPE "/description", buf, sizeof(buf)));
	EXPECT_EQ(-EACCES, v_read(T_TYPE "/create", buf, sizeof(buf)));
	EXPECT_EQ(-EACCES, v_write(T_TYPE "/name", "x"));
	EXPECT_EQ(-EEXIST, v_write(T_TYPE "/create", V_UUID));
	EXPECT_EQ(-EINVAL, v_write(T_TYPE "/create", "not-a-uuid"));
	EXPECT_EQ(-EINVAL, v_write(T_TYPE "/create",
				   "6dfd3ec5-e8b3-4e18-a6fe-57bc9eecb92x"));
	ASSERT_EQ(36, v_write(T_TYPE "/create", V_UUID2));
	ASSERT_LT(0, v_read(T_TYPE "/available_instances", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
	EXPECT_EQ(-EUSERS, v_write(T_TYPE "/create",
				   "aaaaaaaa-2222-3333-4444-555555555555"));
	/* the links */
	ASSERT_EQ(0, lstat(V_MDEV, &st));
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	ASSERT_EQ(0, stat(V_MDEV, &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	ASSERT_EQ(0, lstat(V_MDEV "/iommu_group", &st));
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	EXPECT_LE(0, v_group_id(V_UUID));
	EXPECT_NE(v_group_id(V_UUID), v_group_id(V_UUID2));
	ASSERT_EQ(0, stat("/sys/kernel/iommu_groups", &st));
	/* bound to the test's mdev driver, which has both */
	ASSERT_LT(0, v_readlink(V_MDEV "/driver", buf, sizeof(buf)));
	EXPECT_STREQ("../../../../../bus/mdev/drivers/vfio_test_mdev", buf);
	ASSERT_EQ(0, stat(T_DRV, &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	ASSERT_LT(0, v_readlink(T_DRV "/" V_UUID2, buf, sizeof(buf)));
	EXPECT_STREQ("../../../css/devices/0.0.0000/" V_UUID2, buf);
	/* a file opened before the removal answers -ENODEV after it */
	fd = open(V_SCH "/" V_UUID2 "/remove", O_WRONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(2, v_write("/sys/bus/mdev/devices/" V_UUID2 "/remove",
			     "1\n"));
	EXPECT_EQ(-ENODEV, ERRNO(write(fd, "1", 1)));
	close(fd);
	EXPECT_EQ(-ENOENT, v_group_id(V_UUID2));
	EXPECT_EQ(-ENOENT, v_readlink(T_DRV "/" V_UUID2, buf, sizeof(buf)));
	EXPECT_EQ(-ENOENT, v_readlink("/sys/bus/mdev/drivers/none", buf,
				      sizeof(buf)));
	EXPECT_EQ(1, v_write(V_MDEV "/remove", "0"));
	EXPECT_EQ(-EINVAL, v_write(V_MDEV "/remove", "x"));
	ASSERT_LT(0, v_read(T_TYPE "/available_instances", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", buf);
}

/* fail-nth through the real interface: arm, call, give -errno */
static int fail_nth(int n)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", n);
	return v_write("/proc/thread-self/fail-nth", buf) < 0 ? -1 : 0;
}

/*
 * Every allocation of MAP_DMA, a pin, GET_DEVICE_FD and an mdev create
 * fails in turn: -ENOMEM, nothing left behind, and then it works.
 */
TEST(enomem_paths)
{
	struct page *pages[2];
	struct t_vmm t;
	long live;
	int n, d, ret;

	ASSERT_EQ(0, t_open_container(&t, t_setup(), VFIO_TYPE1v2_IOMMU));
	for (n = 1;; n++) {
		live = um_slab_live_objects();
		ASSERT_EQ(0, fail_nth(n));
		ret = t_map(&t, 0x10000, (unsigned long)t.mem, 4 * 4096, RW);
		fail_nth(0);
		if (!ret)
			break;
		ASSERT_EQ(-ENOMEM, ret);
		EXPECT_EQ(live, um_slab_live_objects());
	}
	for (n = 1;; n++) {
		live = um_slab_live_objects();
		ASSERT_EQ(0, fail_nth(n));
		d = ioctl(t.g, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
		ret = d < 0 ? -errno : 0;
		fail_nth(0);
		if (!ret)
			break;
		ASSERT_EQ(-ENOMEM, ret);
		EXPECT_EQ(live, um_slab_live_objects());
		EXPECT_EQ(t_dev->opens, t_dev->closes);
	}
	for (n = 1;; n++) {
		ASSERT_EQ(0, fail_nth(n));
		ret = vfio_pin_pages(&t_dev->vdev, 0x10000, 2, IOMMU_READ,
				     pages);
		fail_nth(0);
		if (ret == 2)
			break;
		ASSERT_EQ(-ENOMEM, ret);
		EXPECT_EQ(0, um_vfio_pinned_pages());
	}
	EXPECT_EQ(2, um_vfio_pinned_pages());
	vfio_unpin_pages(&t_dev->vdev, 0x10000, 2);
	close(d);
	for (n = 1;; n++) {
		ASSERT_EQ(0, fail_nth(n));
		ret = v_write(T_TYPE "/create", V_UUID2);
		fail_nth(0);
		if (ret > 0)
			break;
		ASSERT_EQ(-ENOMEM, ret);
		EXPECT_EQ(-ENOENT, v_group_id(V_UUID2));
	}
	EXPECT_LE(0, v_group_id(V_UUID2));
	close(t.g);
	close(t.c);
}

#define ROUNDS	2000

struct racer {
	struct t_vmm *t;
	int errors;
};

/* a driver's pins and unpins on mapping A */
static void *pinner(void *arg)
{
	struct racer *r = arg;
	struct page *pages[4];
	int i;

	for (i = 0; i < ROUNDS; i++) {
		if (vfio_pin_pages(&t_dev->vdev, 0x10000 + (i % 4) * 4096, 4,
				   IOMMU_READ | IOMMU_WRITE, pages) != 4)
			r->errors++;
		else
			vfio_unpin_pages(&t_dev->vdev,
					 0x10000 + (i % 4) * 4096, 4);
	}
	return NULL;
}

/* the VMM maps and unmaps mapping B meanwhile */
static void *mapper(void *arg)
{
	struct racer *r = arg;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		if (t_map(r->t, 0x40000, (unsigned long)r->t->mem + 8 * 4096,
			  4 * 4096, RW) ||
		    t_unmap(r->t, 0x40000, 4 * 4096, 0) != 4 * 4096)
			r->errors++;
	}
	return NULL;
}

/* and the driver reads guest memory through the IOVA */
static void *reader(void *arg)
{
	struct racer *r = arg;
	char buf[64];
	int i;

	for (i = 0; i < ROUNDS; i++)
		if (vfio_dma_rw(&t_dev->vdev, 0x10000 + i % 4096, buf,
				sizeof(buf), false))
			r->errors++;
	return NULL;
}

TEST(concurrent_pin_map_rw)
{
	struct racer r[3];
	pthread_t th[3];
	void *(*fn[3])(void *) = { pinner, mapper, reader };
	struct t_vmm t;
	int d, i;

	ASSERT_EQ(0, t_open_container(&t, t_setup(), VFIO_TYPE1v2_IOMMU));
	ASSERT_EQ(0, t_map(&t, 0x10000, (unsigned long)t.mem, 8 * 4096, RW));
	d = ioctl(t.g, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
	ASSERT_LE(0, d);
	for (i = 0; i < 3; i++) {
		r[i].t = &t;
		r[i].errors = 0;
		ASSERT_EQ(0, pthread_create(&th[i], NULL, fn[i], &r[i]));
	}
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, pthread_join(th[i], NULL));
		EXPECT_EQ(0, r[i].errors);
	}
	EXPECT_EQ(0, um_vfio_pinned_pages());
	close(d);
	close(t.g);
	close(t.c);
}

TEST_HARNESS_MAIN

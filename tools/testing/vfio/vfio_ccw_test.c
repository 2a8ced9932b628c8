// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ccw over the host's VFIO and mdev cores, through the paths and
 * ioctls a VMM uses on a real 6.1 host: binding with driver_override,
 * the mdev type's sysfs, the device's info, region and irq ioctls with
 * their errnos, and removal of an mdev that is open (the REQ eventfd
 * asks the VMM to let go; the removal waits for it).
 */
#include "kselftest_harness.h"

#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <um/vfio.h>

#include "vfio_util.h"

#define ERRNO(call)	((call) < 0 ? -errno : 0)

static const char machine[] = "chpid 80\nccw 0.0.0100 null\n";
#define MDEV_DRV	"/sys/bus/mdev/drivers/vfio_ccw_mdev"

TEST(bind_and_types)
{
	char buf[256];
	ssize_t n;

	ASSERT_EQ(0, v_machine(machine));
	/* unbound: no types */
	EXPECT_EQ(-ENOENT, v_read(V_TYPE "/name", buf, sizeof(buf)));
	EXPECT_EQ(-ENODEV, v_write("/sys/bus/css/drivers/vfio_ccw/unbind",
				   "0.0.0000"));
	ASSERT_EQ(0, v_bind());
	n = readlink(V_SCH "/driver", buf, sizeof(buf) - 1);
	ASSERT_LT(0, n);
	buf[n] = 0;
	EXPECT_STREQ("../../../../bus/css/drivers/vfio_ccw", buf);
	ASSERT_LT(0, v_read(V_TYPE "/name", buf, sizeof(buf)));
	EXPECT_STREQ("I/O subchannel (Non-QDIO)\n", buf);
	ASSERT_LT(0, v_read(V_TYPE "/device_api", buf, sizeof(buf)));
	EXPECT_STREQ("vfio-ccw\n", buf);
	ASSERT_LT(0, v_read(V_TYPE "/available_instances", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", buf);
	/* one instance per subchannel */
	ASSERT_EQ(36, v_write(V_TYPE "/create", V_UUID));
	ASSERT_LT(0, v_read(V_TYPE "/available_instances", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
	EXPECT_EQ(-EUSERS, v_write(V_TYPE "/create", V_UUID2));
	EXPECT_EQ(-EEXIST, v_write(V_TYPE "/create", V_UUID "\n"));
	n = readlink(V_TYPE "/devices/" V_UUID, buf, sizeof(buf) - 1);
	ASSERT_LT(0, n);
	buf[n] = 0;
	EXPECT_STREQ("../../../" V_UUID, buf);
	EXPECT_LE(0, v_group_id(V_UUID));
	/* bound to vfio_ccw's mdev driver, as on a real host */
	ASSERT_LT(0, v_readlink(V_MDEV "/driver", buf, sizeof(buf)));
	EXPECT_STREQ("../../../../../bus/mdev/drivers/vfio_ccw_mdev", buf);
	ASSERT_LT(0, v_readlink(MDEV_DRV "/" V_UUID, buf, sizeof(buf)));
	EXPECT_STREQ("../../../css/devices/0.0.0000/" V_UUID, buf);
	/* unbinding the parent removes its mdev */
	ASSERT_EQ(8, v_write("/sys/bus/css/drivers/vfio_ccw/unbind",
			     "0.0.0000"));
	EXPECT_EQ(-ENOENT, v_group_id(V_UUID));
	EXPECT_EQ(-ENOENT, v_readlink(MDEV_DRV "/" V_UUID, buf, sizeof(buf)));
	EXPECT_EQ(-ENOENT, v_read(V_TYPE "/name", buf, sizeof(buf)));
	/* and it comes back whole */
	ASSERT_EQ(8, v_write("/sys/bus/css/drivers/vfio_ccw/bind",
			     "0.0.0000"));
	ASSERT_LT(0, v_read(V_TYPE "/available_instances", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", buf);
}

TEST(device_ioctls)
{
	char rbuf[sizeof(struct vfio_region_info) + 64];
	struct vfio_region_info *ri = (void *)rbuf;
	struct vfio_region_info_cap_type *cap;
	struct vfio_device_info info = { .argsz = sizeof(info) };
	struct vfio_irq_info irq = { .argsz = sizeof(irq) };
	struct vfio_irq_set set = { .argsz = sizeof(set) };
	static const u32 sizes[] = { 124, 8, 52, 8 };
	struct vfio_device_feature f = { .argsz = sizeof(f) };
	void *volatile bad = (void *)8;	/* no user mapping has it */
	struct v_vmm v;
	char buf[256];
	unsigned int i;

	ASSERT_EQ(0, v_machine(machine));
	ASSERT_EQ(0, v_vmm_open(&v));
	ASSERT_EQ(0, ioctl(v.device, VFIO_DEVICE_GET_INFO, &info));
	EXPECT_EQ(VFIO_DEVICE_FLAGS_CCW | VFIO_DEVICE_FLAGS_RESET, info.flags);
	EXPECT_EQ(4, info.num_regions);
	EXPECT_EQ(3, info.num_irqs);
	info.argsz = 4;
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(v.device, VFIO_DEVICE_GET_INFO, &info)));
	EXPECT_EQ(-EFAULT, ERRNO(ioctl(v.device, VFIO_DEVICE_GET_INFO,
				       (void *)8)));
	for (i = 0; i < 4; i++) {
		memset(rbuf, 0, sizeof(rbuf));
		ri->argsz = sizeof(*ri);
		ri->index = i;
		ASSERT_EQ(0, ioctl(v.device, VFIO_DEVICE_GET_REGION_INFO, ri));
		EXPECT_EQ(sizes[i], ri->size);
		EXPECT_EQ((u64)i << 10, ri->offset);
		EXPECT_EQ(0, ri->cap_offset);
		if (!i) {
			EXPECT_EQ(sizeof(*ri), ri->argsz);
			continue;
		}
		/* too small for the chain: the size it needs */
		EXPECT_TRUE(ri->flags & VFIO_REGION_INFO_FLAG_CAPS);
		EXPECT_EQ(sizeof(*ri) + sizeof(*cap), ri->argsz);
		ri->argsz = sizeof(rbuf);
		ASSERT_EQ(0, ioctl(v.device, VFIO_DEVICE_GET_REGION_INFO, ri));
		ASSERT_EQ(sizeof(*ri), ri->cap_offset);
		cap = (void *)(rbuf + ri->cap_offset);
		EXPECT_EQ(VFIO_REGION_INFO_CAP_TYPE, cap->header.id);
		EXPECT_EQ(0, cap->header.next);
		EXPECT_EQ(VFIO_REGION_TYPE_CCW, cap->type);
		EXPECT_EQ(i, cap->subtype);
	}
	ri->argsz = sizeof(*ri);
	ri->index = 4;
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(v.device, VFIO_DEVICE_GET_REGION_INFO,
				       ri)));
	for (i = 0; i < 3; i++) {
		irq.index = i;
		ASSERT_EQ(0, ioctl(v.device, VFIO_DEVICE_GET_IRQ_INFO, &irq));
		EXPECT_EQ(1, irq.count);
		EXPECT_EQ(VFIO_IRQ_INFO_EVENTFD, irq.flags);
	}
	irq.index = 3;
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(v.device, VFIO_DEVICE_GET_IRQ_INFO,
				       &irq)));
	/* SET_IRQS: header checks of the core's helper */
	set.flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	set.count = 1;
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(v.device, VFIO_DEVICE_SET_IRQS, &set)));
	set.flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER;
	set.index = 3;
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(v.device, VFIO_DEVICE_SET_IRQS, &set)));
	set.index = 0;
	set.start = 1;
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(v.device, VFIO_DEVICE_SET_IRQS, &set)));
	set.start = 0;
	EXPECT_EQ(0, ioctl(v.device, VFIO_DEVICE_SET_IRQS, &set));
	set.argsz = 4;
	EXPECT_EQ(-EINVAL, ERRNO(ioctl(v.device, VFIO_DEVICE_SET_IRQS, &set)));
	/* unknown ioctl; features: none */
	EXPECT_EQ(-ENOTTY, ERRNO(ioctl(v.device, _IO(VFIO_TYPE, VFIO_BASE + 60))));
	f.flags = VFIO_DEVICE_FEATURE_PROBE | VFIO_DEVICE_FEATURE_MIGRATION;
	EXPECT_EQ(-ENOTTY, ERRNO(ioctl(v.device, VFIO_DEVICE_FEATURE, &f)));
	/* regions: bounds, read-only ones */
	EXPECT_EQ(-EINVAL, ERRNO(pread(v.device, buf, 8, 120)));
	EXPECT_EQ(8, pread(v.device, buf, 8, 1 << 10));
	EXPECT_EQ(-EINVAL, ERRNO(pwrite(v.device, buf, 8, 2 << 10)));
	EXPECT_EQ(-EINVAL, ERRNO(pread(v.device, buf, 8, 4 << 10)));
	EXPECT_EQ(-EFAULT, ERRNO(pread(v.device, bad, 8, 1 << 10)));
	EXPECT_EQ(0, ioctl(v.device, VFIO_DEVICE_RESET));
	v_vmm_close(&v);
}

struct remover {
	pthread_t thread;
	int ret;
};

static void *remove_mdev(void *arg)
{
	struct remover *r = arg;

	r->ret = v_write(V_MDEV "/remove", "1");
	return NULL;
}

/* removal of an open mdev: REQ eventfd, then it waits for the close */
TEST(remove_while_open)
{
	struct remover r;
	struct v_vmm v;
	char buf[16];
	int req;

	ASSERT_EQ(0, v_machine(machine));
	ASSERT_EQ(0, v_vmm_open(&v));
	req = eventfd(0, 0);
	ASSERT_LE(0, req);
	ASSERT_EQ(0, v_set_trigger(&v, VFIO_CCW_REQ_IRQ_INDEX, req));
	ASSERT_EQ(0, pthread_create(&r.thread, NULL, remove_mdev, &r));
	/* the VMM is asked; the mdev stays until it lets go */
	ASSERT_TRUE(v_wait_efd(req, 10000));
	EXPECT_LE(0, v_group_id(V_UUID));
	/* a second remove meanwhile: busy */
	EXPECT_EQ(-EAGAIN, v_write(V_MDEV "/remove", "1"));
	close(v.device);
	v.device = -1;
	ASSERT_EQ(0, pthread_join(r.thread, NULL));
	EXPECT_EQ(1, r.ret);
	EXPECT_EQ(-ENOENT, v_group_id(V_UUID));
	/* the group the VMM still holds is dead */
	{
		struct vfio_group_status st = { .argsz = sizeof(st) };

		EXPECT_EQ(-ENODEV, ERRNO(ioctl(v.group, VFIO_GROUP_GET_STATUS,
					       &st)));
		EXPECT_EQ(-ENODEV, ERRNO(ioctl(v.group,
					       VFIO_GROUP_GET_DEVICE_FD,
					       V_UUID)));
	}
	ASSERT_LT(0, v_read(V_TYPE "/available_instances", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", buf);
	EXPECT_EQ(0, um_vfio_pinned_pages());
	close(req);
	v_vmm_close(&v);
}

/*
 * Unmapping guest memory under a running program: the core asks
 * vfio-ccw (->dma_unmap), which resets the device and so unpins, before
 * the unmap completes.  The null device takes 5 s per command, so the
 * program is running when the unmap comes (if it were not, nothing
 * would be pinned and the same results would hold).
 */
TEST(unmap_during_io)
{
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap), .iova = 0, .size = V_MEM_SIZE,
	};
	struct ccw1 *ccw;
	struct v_vmm v;

	ASSERT_EQ(0, v_machine("chpid 80\nccw 0.0.0100 null latency=5000ms\n"));
	ASSERT_EQ(0, v_vmm_open(&v));
	ccw = (struct ccw1 *)(v.mem + 0x1000);
	ccw->cmd_code = CCW_CMD_SENSE_ID;
	ccw->flags = CCW_FLAG_SLI;
	ccw->count = 256;
	ccw->cda = 0x2000;
	ASSERT_EQ(sizeof(struct ccw_io_region), v_start(&v, 0x1000, false));
	EXPECT_LT(0, um_vfio_pinned_pages());
	ASSERT_EQ(0, ioctl(v.container, VFIO_IOMMU_UNMAP_DMA, &unmap));
	EXPECT_EQ(V_MEM_SIZE, unmap.size);
	EXPECT_EQ(0, um_vfio_pinned_pages());
	/* the device works again once memory is back */
	{
		struct vfio_iommu_type1_dma_map map = {
			.argsz = sizeof(map), .vaddr = (unsigned long)v.mem,
			.size = V_MEM_SIZE,
			.flags = VFIO_DMA_MAP_FLAG_READ |
				 VFIO_DMA_MAP_FLAG_WRITE,
		};

		ASSERT_EQ(0, ioctl(v.container, VFIO_IOMMU_MAP_DMA, &map));
	}
	v_vmm_close(&v);
	EXPECT_EQ(0, um_vfio_pinned_pages());
}

TEST_HARNESS_MAIN

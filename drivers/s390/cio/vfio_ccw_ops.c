// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ccw: the mediated device and its VFIO device file (regions,
 * interrupts, reset).
 */

#include <linux/eventfd.h>
#include <linux/file.h>
#include <linux/mdev.h>
#include <linux/nospec.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>
#include <linux/vfio_ccw_direct.h>

#include "vfio_ccw_private.h"

static const struct vfio_device_ops vfio_ccw_dev_ops;

static struct vfio_ccw_private *vdev_to_private(struct vfio_device *vdev)
{
	return container_of(vdev, struct vfio_ccw_private, vdev);
}

/* Close and open again; io_mutex held. */
static int vfio_ccw_reset_locked(struct vfio_ccw_private *private)
{
	vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_CLOSE);
	vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_OPEN);
	return private->state == VFIO_CCW_STATE_NOT_OPER ? -EINVAL : 0;
}

static int vfio_ccw_reset(struct vfio_ccw_private *private)
{
	int ret;

	mutex_lock(&private->io_mutex);
	ret = vfio_ccw_reset_locked(private);
	mutex_unlock(&private->io_mutex);
	return ret;
}

/* The VMM unmapped IOVA we may have pinned: drop every pin by a reset. */
static void vfio_ccw_dma_unmap(struct vfio_device *vdev, u64 iova, u64 length)
{
	struct vfio_ccw_private *private = vdev_to_private(vdev);

	mutex_lock(&private->io_mutex);
	if (cp_iova_pinned(&private->cp, iova, length))
		vfio_ccw_reset_locked(private);
	mutex_unlock(&private->io_mutex);
}

static int vfio_ccw_mdev_init_dev(struct vfio_device *vdev)
{
	init_completion(&vdev_to_private(vdev)->release_comp);
	return 0;
}

/*
 * The vfio_device is embedded in the subchannel's private data, which
 * outlives it: release only tells remove that the last user is gone.
 */
static void vfio_ccw_mdev_release_dev(struct vfio_device *vdev)
{
	struct vfio_ccw_private *private = vdev_to_private(vdev);

	cancel_work_sync(&private->io_work);
	cancel_work_sync(&private->crw_work);
	flush_work(&private->notoper_work);
	memset(vdev, 0, sizeof(*vdev));
	complete(&private->release_comp);
}

static int vfio_ccw_mdev_probe(struct mdev_device *mdev)
{
	struct vfio_ccw_private *private = dev_get_drvdata(mdev->dev.parent);
	int ret;

	if (private->state == VFIO_CCW_STATE_NOT_OPER)
		return -ENODEV;

	ret = vfio_init_device(&private->vdev, &mdev->dev, &vfio_ccw_dev_ops);
	if (ret)
		return ret;
	ret = vfio_register_emulated_iommu_dev(&private->vdev);
	if (ret) {
		vfio_put_device(&private->vdev);
		wait_for_completion(&private->release_comp);
		return ret;
	}
	dev_set_drvdata(&mdev->dev, private);
	return 0;
}

static void vfio_ccw_mdev_remove(struct mdev_device *mdev)
{
	struct vfio_ccw_private *private = dev_get_drvdata(mdev->dev.parent);

	/* Calls ->request() until the VMM closed the device. */
	vfio_unregister_group_dev(&private->vdev);
	vfio_put_device(&private->vdev);
	wait_for_completion(&private->release_comp);
}

static int vfio_ccw_mdev_open_device(struct vfio_device *vdev)
{
	struct vfio_ccw_private *private = vdev_to_private(vdev);
	int ret;

	ret = vfio_ccw_direct_open(private);
	if (ret)
		return ret;
	mutex_lock(&private->io_mutex);
	if (private->state == VFIO_CCW_STATE_NOT_OPER) {
		ret = -EINVAL;
		goto out;
	}
	private->irq_irbs.count = 0;
	private->user_irbs.count = 0;
	private->irb_unread = false;
	vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_OPEN);
	if (private->state == VFIO_CCW_STATE_NOT_OPER)
		ret = -EINVAL;
out:
	mutex_unlock(&private->io_mutex);
	if (ret)
		vfio_ccw_direct_release(private);
	return ret;
}

static void vfio_ccw_put_trigger(struct eventfd_ctx **trigger)
{
	if (*trigger) {
		eventfd_ctx_put(*trigger);
		*trigger = NULL;
	}
}

static void vfio_ccw_mdev_close_device(struct vfio_device *vdev)
{
	struct vfio_ccw_private *private = vdev_to_private(vdev);

	vfio_ccw_direct_close(private);
	mutex_lock(&private->io_mutex);
	vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_CLOSE);
	mutex_unlock(&private->io_mutex);

	/* Outside io_mutex: the works take it. */
	cancel_work_sync(&private->io_work);
	cancel_work_sync(&private->crw_work);
	flush_work(&private->notoper_work);

	mutex_lock(&private->io_mutex);
	private->irq_irbs.count = 0;
	private->user_irbs.count = 0;
	private->irb_unread = false;
	memset(&private->cur_irb, 0, sizeof(private->cur_irb));
	memset(private->io_region, 0, sizeof(*private->io_region));
	vfio_ccw_put_trigger(&private->io_trigger);
	vfio_ccw_put_trigger(&private->crw_trigger);
	vfio_ccw_put_trigger(&private->req_trigger);
	mutex_unlock(&private->io_mutex);
	vfio_ccw_flush_crws(private);
	vfio_ccw_direct_release(private);
}

static ssize_t vfio_ccw_io_region_read(struct vfio_ccw_private *private,
				       char __user *buf, size_t count,
				       loff_t pos)
{
	struct ccw_io_region *region = private->io_region;
	const loff_t irb_end = offsetof(struct ccw_io_region, irb_area) +
			       IRB_AREA_SIZE;
	ssize_t ret = count;

	if (!vfio_ccw_range_ok(pos, count, sizeof(*region)))
		return -EINVAL;
	mutex_lock(&private->io_mutex);
	if (copy_to_user(buf, (u8 *)region + pos, count)) {
		ret = -EFAULT;
	} else if (pos < irb_end && pos + count >= irb_end) {
		/* The IRB's last byte was read: present the next one. */
		vfio_ccw_io_region_consumed(private);
	}
	mutex_unlock(&private->io_mutex);
	return ret;
}

static ssize_t vfio_ccw_io_region_write(struct vfio_ccw_private *private,
					const char __user *buf, size_t count,
					loff_t pos)
{
	struct ccw_io_region *region = private->io_region;
	ssize_t ret;

	if (!vfio_ccw_range_ok(pos, count, sizeof(*region)))
		return -EINVAL;
	if (!mutex_trylock(&private->io_mutex))
		return -EAGAIN;
	ret = copy_from_user((u8 *)region + pos, buf, count);
	/*
	 * The IRB area is the driver's: a VMM writing the whole region (as
	 * QEMU does) must not wipe an IRB it has not read yet.
	 */
	memcpy(region->irb_area, &private->cur_irb, sizeof(private->cur_irb));
	if (ret) {
		ret = -EFAULT;
		goto out;
	}
	vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_IO_REQ);
	/* ret_code is a __u32 holding a negative errno */
	ret = region->ret_code ? (s32)region->ret_code : count;
out:
	mutex_unlock(&private->io_mutex);
	return ret;
}

static ssize_t vfio_ccw_mdev_read(struct vfio_device *vdev, char __user *buf,
				  size_t count, loff_t *ppos)
{
	struct vfio_ccw_private *private = vdev_to_private(vdev);
	u64 index = VFIO_CCW_OFFSET_TO_INDEX((u64)*ppos);
	loff_t pos = *ppos & VFIO_CCW_OFFSET_MASK;

	switch (index) {
	case VFIO_CCW_CONFIG_REGION_INDEX:
		return vfio_ccw_io_region_read(private, buf, count, pos);
	case VFIO_CCW_ASYNC_REGION_INDEX:
		return vfio_ccw_async_region_read(private, buf, count, pos);
	case VFIO_CCW_SCHIB_REGION_INDEX:
		return vfio_ccw_schib_region_read(private, buf, count, pos);
	case VFIO_CCW_CRW_REGION_INDEX:
		return vfio_ccw_crw_region_read(private, buf, count, pos);
	default:
		return -EINVAL;
	}
}

static ssize_t vfio_ccw_mdev_write(struct vfio_device *vdev,
				   const char __user *buf, size_t count,
				   loff_t *ppos)
{
	struct vfio_ccw_private *private = vdev_to_private(vdev);
	u64 index = VFIO_CCW_OFFSET_TO_INDEX((u64)*ppos);
	loff_t pos = *ppos & VFIO_CCW_OFFSET_MASK;

	switch (index) {
	case VFIO_CCW_CONFIG_REGION_INDEX:
		return vfio_ccw_io_region_write(private, buf, count, pos);
	case VFIO_CCW_ASYNC_REGION_INDEX:
		return vfio_ccw_async_region_write(private, buf, count, pos);
	default:
		/* schib and CRW regions are read-only */
		return -EINVAL;
	}
}

static const struct {
	size_t size;
	u32 flags;
	u32 subtype;
} vfio_ccw_regions[VFIO_CCW_NR_REGIONS] = {
	[VFIO_CCW_CONFIG_REGION_INDEX] = {
		sizeof(struct ccw_io_region),
		VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE, 0
	},
	[VFIO_CCW_ASYNC_REGION_INDEX] = {
		sizeof(struct ccw_cmd_region),
		VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE,
		VFIO_REGION_SUBTYPE_CCW_ASYNC_CMD
	},
	[VFIO_CCW_SCHIB_REGION_INDEX] = {
		sizeof(struct ccw_schib_region), VFIO_REGION_INFO_FLAG_READ,
		VFIO_REGION_SUBTYPE_CCW_SCHIB
	},
	[VFIO_CCW_CRW_REGION_INDEX] = {
		sizeof(struct ccw_crw_region), VFIO_REGION_INFO_FLAG_READ,
		VFIO_REGION_SUBTYPE_CCW_CRW
	},
};

static int vfio_ccw_get_region_info(unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_region_info, offset);
	struct vfio_info_cap caps = { .buf = NULL, .size = 0 };
	struct vfio_region_info_cap_type cap_type = {
		.header.id = VFIO_REGION_INFO_CAP_TYPE,
		.header.version = 1,
		.type = VFIO_REGION_TYPE_CCW,
	};
	struct vfio_region_info info;
	unsigned int index;
	int ret;

	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= VFIO_CCW_NR_REGIONS)
		return -EINVAL;
	index = array_index_nospec(info.index, VFIO_CCW_NR_REGIONS);

	info.offset = VFIO_CCW_INDEX_TO_OFFSET(index);
	info.size = vfio_ccw_regions[index].size;
	info.flags = vfio_ccw_regions[index].flags;
	info.cap_offset = 0;

	if (index != VFIO_CCW_CONFIG_REGION_INDEX) {
		cap_type.subtype = vfio_ccw_regions[index].subtype;
		ret = vfio_info_add_capability(&caps, &cap_type.header,
					       sizeof(cap_type));
		if (ret)
			return ret;
		info.flags |= VFIO_REGION_INFO_FLAG_CAPS;
		if (info.argsz < sizeof(info) + caps.size) {
			info.argsz = sizeof(info) + caps.size;
		} else {
			vfio_info_cap_shift(&caps, sizeof(info));
			if (copy_to_user((void __user *)arg + sizeof(info),
					 caps.buf, caps.size)) {
				kfree(caps.buf);
				return -EFAULT;
			}
			info.cap_offset = sizeof(info);
		}
		kfree(caps.buf);
	}

	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}

static struct eventfd_ctx **vfio_ccw_trigger(struct vfio_ccw_private *private,
					     unsigned int index)
{
	switch (index) {
	case VFIO_CCW_IO_IRQ_INDEX:
		return &private->io_trigger;
	case VFIO_CCW_CRW_IRQ_INDEX:
		return &private->crw_trigger;
	case VFIO_CCW_REQ_IRQ_INDEX:
		return &private->req_trigger;
	default:
		return NULL;
	}
}

/* io_mutex held. */
static int vfio_ccw_set_irqs(struct vfio_ccw_private *private,
			     struct vfio_irq_set *hdr, void __user *data)
{
	struct eventfd_ctx **ctx = vfio_ccw_trigger(private, hdr->index);
	struct eventfd_ctx *efdctx;
	u8 trigger;
	s32 fd;

	if (!ctx)
		return -EINVAL;
	if (!(hdr->flags & VFIO_IRQ_SET_ACTION_TRIGGER))
		return -EINVAL;

	switch (hdr->flags & VFIO_IRQ_SET_DATA_TYPE_MASK) {
	case VFIO_IRQ_SET_DATA_NONE:
		if (*ctx)
			eventfd_signal(*ctx, 1);
		return 0;
	case VFIO_IRQ_SET_DATA_BOOL:
		if (get_user(trigger, (u8 __user *)data))
			return -EFAULT;
		if (trigger && *ctx)
			eventfd_signal(*ctx, 1);
		return 0;
	case VFIO_IRQ_SET_DATA_EVENTFD:
		if (get_user(fd, (s32 __user *)data))
			return -EFAULT;
		if (fd == -1) {
			vfio_ccw_put_trigger(ctx);
			return 0;
		}
		if (fd < 0)
			return -EINVAL;
		efdctx = eventfd_ctx_fdget(fd);
		if (IS_ERR(efdctx))
			return PTR_ERR(efdctx);
		vfio_ccw_put_trigger(ctx);
		*ctx = efdctx;
		return 0;
	default:
		return -EINVAL;
	}
}

static long vfio_ccw_mdev_ioctl(struct vfio_device *vdev, unsigned int cmd,
				unsigned long arg)
{
	struct vfio_ccw_private *private = vdev_to_private(vdev);
	unsigned long minsz;
	int ret;

	switch (cmd) {
	case VFIO_DEVICE_GET_INFO: {
		struct vfio_device_info info;

		minsz = offsetofend(struct vfio_device_info, num_irqs);
		if (copy_from_user(&info, (void __user *)arg, minsz))
			return -EFAULT;
		if (info.argsz < minsz)
			return -EINVAL;
		info.flags = VFIO_DEVICE_FLAGS_CCW | VFIO_DEVICE_FLAGS_RESET;
		info.num_regions = VFIO_CCW_NR_REGIONS;
		info.num_irqs = VFIO_CCW_NUM_IRQS;
		return copy_to_user((void __user *)arg, &info, minsz) ?
			-EFAULT : 0;
	}
	case VFIO_DEVICE_GET_REGION_INFO:
		return vfio_ccw_get_region_info(arg);
	case VFIO_DEVICE_GET_IRQ_INFO: {
		struct vfio_irq_info info;

		minsz = offsetofend(struct vfio_irq_info, count);
		if (copy_from_user(&info, (void __user *)arg, minsz))
			return -EFAULT;
		if (info.argsz < minsz || info.index >= VFIO_CCW_NUM_IRQS)
			return -EINVAL;
		info.count = 1;
		info.flags = VFIO_IRQ_INFO_EVENTFD;
		return copy_to_user((void __user *)arg, &info, minsz) ?
			-EFAULT : 0;
	}
	case VFIO_DEVICE_SET_IRQS: {
		struct vfio_irq_set hdr;
		size_t data_size;

		minsz = offsetofend(struct vfio_irq_set, count);
		if (copy_from_user(&hdr, (void __user *)arg, minsz))
			return -EFAULT;
		ret = vfio_set_irqs_validate_and_prepare(&hdr, 1,
							 VFIO_CCW_NUM_IRQS,
							 &data_size);
		if (ret)
			return ret;
		mutex_lock(&private->io_mutex);
		ret = vfio_ccw_set_irqs(private, &hdr,
					(void __user *)(arg + minsz));
		mutex_unlock(&private->io_mutex);
		return ret;
	}
	case VFIO_DEVICE_RESET:
		return vfio_ccw_reset(private);
	default:
		return -ENOTTY;
	}
}

/* The mdev is being removed while open: ask the VMM to let go. */
static void vfio_ccw_mdev_request(struct vfio_device *vdev,
				  unsigned int count)
{
	struct vfio_ccw_private *private = vdev_to_private(vdev);

	mutex_lock(&private->io_mutex);
	if (private->req_trigger) {
		if (!(count % 10))
			dev_notice_ratelimited(private->vdev.dev,
					       "Relaying device request to user (#%u)\n",
					       count);
		eventfd_signal(private->req_trigger, 1);
	} else if (count == 0) {
		dev_notice(private->vdev.dev,
			   "No device request channel registered, blocked until released by user\n");
	}
	mutex_unlock(&private->io_mutex);
}

static int vfio_ccw_mdev_feature(struct vfio_device *vdev, u32 flags,
				 void __user *arg, size_t argsz)
{
	switch (flags & VFIO_DEVICE_FEATURE_MASK) {
	case VFIO_DEVICE_FEATURE_CCW_DIRECT:
		return vfio_ccw_direct_feature(vdev_to_private(vdev), flags,
					       arg, argsz);
	default:
		return -ENOTTY;
	}
}

static const struct vfio_device_ops vfio_ccw_dev_ops = {
	.init = vfio_ccw_mdev_init_dev,
	.release = vfio_ccw_mdev_release_dev,
	.open_device = vfio_ccw_mdev_open_device,
	.close_device = vfio_ccw_mdev_close_device,
	.read = vfio_ccw_mdev_read,
	.write = vfio_ccw_mdev_write,
	.ioctl = vfio_ccw_mdev_ioctl,
	.request = vfio_ccw_mdev_request,
	.dma_unmap = vfio_ccw_dma_unmap,
	.device_feature = vfio_ccw_mdev_feature,
};

struct mdev_driver vfio_ccw_mdev_driver = {
	.device_api = VFIO_DEVICE_API_CCW_STRING,
	.max_instances = 1,
	.driver = {
		.name = "vfio_ccw_mdev",
		.owner = THIS_MODULE,
		.mod_name = KBUILD_MODNAME,
	},
	.probe = vfio_ccw_mdev_probe,
	.remove = vfio_ccw_mdev_remove,
};

// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ccw asynchronous command region: HALT SUBCHANNEL and CLEAR
 * SUBCHANNEL while a channel program may be running.
 */

#include <linux/uaccess.h>

#include "vfio_ccw_private.h"

ssize_t vfio_ccw_async_region_read(struct vfio_ccw_private *private,
				   char __user *buf, size_t count, loff_t pos)
{
	struct ccw_cmd_region *region = private->cmd_region;
	ssize_t ret = count;

	if (!vfio_ccw_range_ok(pos, count, sizeof(*region)))
		return -EINVAL;
	mutex_lock(&private->io_mutex);
	if (copy_to_user(buf, (u8 *)region + pos, count))
		ret = -EFAULT;
	mutex_unlock(&private->io_mutex);
	return ret;
}

ssize_t vfio_ccw_async_region_write(struct vfio_ccw_private *private,
				    const char __user *buf, size_t count,
				    loff_t pos)
{
	struct ccw_cmd_region *region = private->cmd_region;
	ssize_t ret;

	if (!vfio_ccw_range_ok(pos, count, sizeof(*region)))
		return -EINVAL;
	/* A request already in progress: let the VMM retry. */
	if (!mutex_trylock(&private->io_mutex))
		return -EAGAIN;
	if (copy_from_user((u8 *)region + pos, buf, count)) {
		ret = -EFAULT;
		goto out;
	}
	vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_ASYNC_REQ);
	vfio_ccw_direct_cleared(private);
	/* ret_code is a __u32 holding a negative errno */
	ret = region->ret_code ? (s32)region->ret_code : count;
out:
	mutex_unlock(&private->io_mutex);
	return ret;
}

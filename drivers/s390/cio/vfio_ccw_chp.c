// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ccw channel-path regions: the subchannel-information block as
 * the real subchannel has it now, and channel report words for path
 * state changes.
 */

#include <linux/slab.h>
#include <linux/uaccess.h>

#include "cio.h"
#include "vfio_ccw_private.h"

ssize_t vfio_ccw_schib_region_read(struct vfio_ccw_private *private,
				   char __user *buf, size_t count, loff_t pos)
{
	struct ccw_schib_region *region = private->schib_region;
	struct subchannel *sch = private->sch;
	ssize_t ret = count;

	if (!vfio_ccw_range_ok(pos, count, sizeof(*region)))
		return -EINVAL;

	BUILD_BUG_ON(sizeof(sch->schib) != SCHIB_AREA_SIZE);
	mutex_lock(&private->io_mutex);
	spin_lock_irq(sch->lock);
	if (cio_update_schib(sch)) {
		spin_unlock_irq(sch->lock);
		ret = -ENODEV;
		goto out;
	}
	memcpy(region->schib_area, &sch->schib, sizeof(sch->schib));
	spin_unlock_irq(sch->lock);
	if (copy_to_user(buf, (u8 *)region + pos, count))
		ret = -EFAULT;
out:
	mutex_unlock(&private->io_mutex);
	return ret;
}

/*
 * Queue a channel report word; called from the css core's channel-path
 * handling (sleeping not allowed).  When VFIO_CCW_CRW_MAX are queued
 * the new one is dropped and the newest queued CRW gets the overflow
 * bit, as the channel subsystem does when its own CRW queue overflows.
 */
void vfio_ccw_queue_crw(struct vfio_ccw_private *private, unsigned int rsc,
			unsigned int erc, unsigned int rsid)
{
	struct vfio_ccw_crw *crw;
	unsigned long flags;

	crw = kzalloc(sizeof(*crw), GFP_ATOMIC);
	spin_lock_irqsave(&private->crw_lock, flags);
	if (!crw || private->crw_count >= VFIO_CCW_CRW_MAX) {
		if (!list_empty(&private->crw))
			list_last_entry(&private->crw, struct vfio_ccw_crw,
					next)->crw.oflw = 1;
		spin_unlock_irqrestore(&private->crw_lock, flags);
		kfree(crw);
		return;
	}
	crw->crw.rsc = rsc;
	crw->crw.erc = erc;
	crw->crw.rsid = rsid;
	list_add_tail(&crw->next, &private->crw);
	private->crw_count++;
	spin_unlock_irqrestore(&private->crw_lock, flags);
	queue_work(vfio_ccw_work_q, &private->crw_work);
}

void vfio_ccw_flush_crws(struct vfio_ccw_private *private)
{
	struct vfio_ccw_crw *crw, *tmp;
	unsigned long flags;
	LIST_HEAD(list);

	spin_lock_irqsave(&private->crw_lock, flags);
	list_splice_init(&private->crw, &list);
	private->crw_count = 0;
	spin_unlock_irqrestore(&private->crw_lock, flags);
	list_for_each_entry_safe(crw, tmp, &list, next)
		kfree(crw);
}

/* Each read takes one CRW off the queue (zeroes when there is none). */
ssize_t vfio_ccw_crw_region_read(struct vfio_ccw_private *private,
				 char __user *buf, size_t count, loff_t pos)
{
	struct ccw_crw_region *region = private->crw_region;
	struct vfio_ccw_crw *crw;
	bool more;
	ssize_t ret = count;

	if (!vfio_ccw_range_ok(pos, count, sizeof(*region)))
		return -EINVAL;

	spin_lock_irq(&private->crw_lock);
	crw = list_first_entry_or_null(&private->crw, struct vfio_ccw_crw,
				       next);
	if (crw) {
		list_del(&crw->next);
		private->crw_count--;
	}
	more = !list_empty(&private->crw);
	spin_unlock_irq(&private->crw_lock);

	mutex_lock(&private->io_mutex);
	memset(region, 0, sizeof(*region));
	if (crw)
		memcpy(&region->crw, &crw->crw, sizeof(region->crw));
	if (copy_to_user(buf, (u8 *)region + pos, count))
		ret = -EFAULT;
	mutex_unlock(&private->io_mutex);
	kfree(crw);

	/* Tell the VMM there is more to read. */
	if (more)
		queue_work(vfio_ccw_work_q, &private->crw_work);
	return ret;
}

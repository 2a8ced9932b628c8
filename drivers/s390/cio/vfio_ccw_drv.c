// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ccw: the css driver for I/O subchannels handed to a VMM through a
 * mediated device.  Binds to a subchannel, registers it as mdev parent,
 * takes its interrupts and channel-path events.
 */

#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>

#include <asm/irq.h>
#include <asm/isc.h>

#include "chp.h"
#include "cio.h"
#include "css.h"
#include "vfio_ccw_private.h"

struct workqueue_struct *vfio_ccw_work_q;

/*
 * Drain the subchannel: cancel, halt (up to 3 times), clear (up to 255
 * times), waiting up to 3 s for the interrupt of each, until it can be
 * disabled.  Called and returns with sch->lock held; drops it to wait.
 */
int vfio_ccw_sch_quiesce(struct subchannel *sch)
{
	struct vfio_ccw_private *private = dev_get_drvdata(&sch->dev);
	DECLARE_COMPLETION_ONSTACK(done);
	int iretry = 255;
	int ret;

	do {
		ret = cio_cancel_halt_clear(sch, &iretry);
		if (ret == -EIO) {
			dev_err(&sch->dev, "vfio_ccw: cannot quiesce subchannel\n");
			return ret;
		}
		if (ret == -EBUSY) {
			reinit_completion(&done);
			private->completion = &done;
			spin_unlock_irq(sch->lock);
			wait_for_completion_timeout(&done, 3 * HZ);
			spin_lock_irq(sch->lock);
			private->completion = NULL;
		}
		ret = cio_disable_subchannel(sch);
	} while (ret == -EBUSY);

	return ret;
}

/* Give the VMM the next queued IRB, if any; io_mutex held. */
static void vfio_ccw_deliver_next(struct vfio_ccw_private *private)
{
	struct irb irb;

	if (private->irb_unread || !vfio_ccw_irbq_pop(&private->user_irbs, &irb))
		return;
	private->cur_irb = irb;
	memcpy(private->io_region->irb_area, &irb, sizeof(irb));
	private->irb_unread = true;
	if (private->io_trigger)
		eventfd_signal(private->io_trigger, 1);
}

/* A read of the I/O region covered the whole IRB; io_mutex held. */
void vfio_ccw_io_region_consumed(struct vfio_ccw_private *private)
{
	private->irb_unread = false;
	vfio_ccw_deliver_next(private);
}

/*
 * The program's end: a function was performed and nothing of it is
 * left (active, pending or suspended).  Alert status counts too: a
 * device that answers busy at selection ends the start function with
 * alert status only, which is "unsolicited" by scsw_is_solicited().
 */
static bool vfio_ccw_irb_final(struct irb *irb)
{
	return (scsw_fctl(&irb->scsw) & (SCSW_FCTL_START_FUNC |
					  SCSW_FCTL_HALT_FUNC |
					  SCSW_FCTL_CLEAR_FUNC)) &&
	       !(scsw_actl(&irb->scsw) & (SCSW_ACTL_DEVACT | SCSW_ACTL_SCHACT |
					  SCSW_ACTL_RESUME_PEND |
					  SCSW_ACTL_START_PEND |
					  SCSW_ACTL_HALT_PEND |
					  SCSW_ACTL_CLEAR_PEND |
					  SCSW_ACTL_SUSPENDED));
}

static void vfio_ccw_sch_io_todo(struct work_struct *work)
{
	struct vfio_ccw_private *private =
		container_of(work, struct vfio_ccw_private, io_work);
	struct subchannel *sch = private->sch;
	struct irb irb;
	bool got, final;

	mutex_lock(&private->io_mutex);
	for (;;) {
		spin_lock_irq(sch->lock);
		got = vfio_ccw_irbq_pop(&private->irq_irbs, &irb);
		spin_unlock_irq(sch->lock);
		if (!got)
			break;

		final = vfio_ccw_irb_final(&irb);
		/* The guest must see its own CCW address, never ours. */
		if (!scsw_is_tm(&irb.scsw))
			cp_update_scsw(&private->cp, &irb.scsw);
		if (final && private->state == VFIO_CCW_STATE_CP_PENDING) {
			cp_free(&private->cp, &private->vdev);
			spin_lock_irq(sch->lock);
			if (private->state == VFIO_CCW_STATE_CP_PENDING)
				vfio_ccw_set_state(private, VFIO_CCW_STATE_IDLE);
			spin_unlock_irq(sch->lock);
		}
		/* bound: the guest's status and a FLIC interrupt instead */
		if (vfio_ccw_direct_deliver(private, &irb))
			continue;
		vfio_ccw_irbq_push(&private->user_irbs, &irb);
		vfio_ccw_deliver_next(private);
	}
	mutex_unlock(&private->io_mutex);
}

static void vfio_ccw_crw_todo(struct work_struct *work)
{
	struct vfio_ccw_private *private =
		container_of(work, struct vfio_ccw_private, crw_work);
	bool pending;

	spin_lock_irq(&private->crw_lock);
	pending = !list_empty(&private->crw);
	spin_unlock_irq(&private->crw_lock);

	mutex_lock(&private->io_mutex);
	if (pending && private->crw_trigger)
		eventfd_signal(private->crw_trigger, 1);
	mutex_unlock(&private->io_mutex);
}

static void vfio_ccw_notoper_todo(struct work_struct *work)
{
	struct vfio_ccw_private *private =
		container_of(work, struct vfio_ccw_private, notoper_work);

	mutex_lock(&private->io_mutex);
	cp_free(&private->cp, &private->vdev);
	mutex_unlock(&private->io_mutex);
}

/* Interrupt of the subchannel; the css core holds sch->lock. */
static void vfio_ccw_sch_irq(struct subchannel *sch)
{
	struct vfio_ccw_private *private = dev_get_drvdata(&sch->dev);

	inc_irq_stat(IRQIO_CIO);
	/* Between bind and probe's dev_set_drvdata() nothing is ours yet. */
	if (private)
		vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_INTERRUPT);
}

static void vfio_ccw_free_private(struct vfio_ccw_private *private)
{
	vfio_ccw_flush_crws(private);
	kfree(private->crw_region);
	kfree(private->schib_region);
	kfree(private->cmd_region);
	kfree(private->io_region);
	mutex_destroy(&private->direct.bind_mutex);
	mutex_destroy(&private->io_mutex);
	kfree(private);
}

static struct vfio_ccw_private *vfio_ccw_alloc_private(struct subchannel *sch)
{
	struct vfio_ccw_private *private;

	private = kzalloc(sizeof(*private), GFP_KERNEL);
	if (!private)
		return NULL;
	private->sch = sch;
	private->state = VFIO_CCW_STATE_STANDBY;
	mutex_init(&private->io_mutex);
	spin_lock_init(&private->crw_lock);
	INIT_LIST_HEAD(&private->crw);
	INIT_LIST_HEAD(&private->cp.chains);
	INIT_WORK(&private->io_work, vfio_ccw_sch_io_todo);
	INIT_WORK(&private->crw_work, vfio_ccw_crw_todo);
	INIT_WORK(&private->notoper_work, vfio_ccw_notoper_todo);
	vfio_ccw_direct_setup(private);

	private->io_region = kzalloc(sizeof(*private->io_region), GFP_KERNEL);
	private->cmd_region = kzalloc(sizeof(*private->cmd_region), GFP_KERNEL);
	private->schib_region = kzalloc(sizeof(*private->schib_region),
					GFP_KERNEL);
	private->crw_region = kzalloc(sizeof(*private->crw_region), GFP_KERNEL);
	if (!private->io_region || !private->cmd_region ||
	    !private->schib_region || !private->crw_region) {
		vfio_ccw_free_private(private);
		return NULL;
	}
	return private;
}

static int vfio_ccw_sch_probe(struct subchannel *sch)
{
	struct vfio_ccw_private *private;
	int ret;

	if (sch->schib.pmcw.qf) {
		dev_warn(&sch->dev, "vfio_ccw: QDIO subchannels are not supported\n");
		return -ENODEV;
	}

	private = vfio_ccw_alloc_private(sch);
	if (!private)
		return -ENOMEM;
	dev_set_drvdata(&sch->dev, private);

	private->mdev_type.sysfs_name = "io";
	private->mdev_type.pretty_name = "I/O subchannel (Non-QDIO)";
	private->mdev_types[0] = &private->mdev_type;
	ret = mdev_register_parent(&private->parent, &sch->dev,
				   &vfio_ccw_mdev_driver,
				   private->mdev_types, 1);
	if (ret) {
		dev_set_drvdata(&sch->dev, NULL);
		vfio_ccw_free_private(private);
		return ret;
	}
	return 0;
}

static void vfio_ccw_sch_remove(struct subchannel *sch)
{
	struct vfio_ccw_private *private = dev_get_drvdata(&sch->dev);

	/* Removes the mdev, which asks an open VMM to let go first. */
	mdev_unregister_parent(&private->parent);
	dev_set_drvdata(&sch->dev, NULL);
	flush_work(&private->notoper_work);
	cancel_work_sync(&private->crw_work);
	vfio_ccw_free_private(private);
}

static void vfio_ccw_sch_shutdown(struct subchannel *sch)
{
	struct vfio_ccw_private *private = dev_get_drvdata(&sch->dev);

	mutex_lock(&private->io_mutex);
	vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_CLOSE);
	mutex_unlock(&private->io_mutex);
	spin_lock_irq(sch->lock);
	vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_NOT_OPER);
	spin_unlock_irq(sch->lock);
}

static int vfio_ccw_sch_event(struct subchannel *sch, int process)
{
	struct vfio_ccw_private *private = dev_get_drvdata(&sch->dev);
	unsigned long flags;
	int rc = -EAGAIN;

	spin_lock_irqsave(sch->lock, flags);
	if (!device_is_registered(&sch->dev) || work_pending(&sch->todo_work))
		goto out;
	rc = 0;
	if (cio_update_schib(sch))
		vfio_ccw_fsm_event(private, VFIO_CCW_EVENT_NOT_OPER);
out:
	spin_unlock_irqrestore(sch->lock, flags);
	return rc;
}

static int vfio_ccw_chp_event(struct subchannel *sch,
			      struct chp_link *link, int event)
{
	struct vfio_ccw_private *private = dev_get_drvdata(&sch->dev);
	int mask = chp_ssd_get_mask(&sch->ssd_info, link);
	int retry = 255;

	if (!private || !mask)
		return 0;
	if (cio_update_schib(sch))
		return -ENODEV;

	switch (event) {
	case CHP_VARY_OFF:
		sch->opm &= ~mask;
		sch->lpm &= ~mask;
		if (sch->schib.pmcw.lpum & mask)
			cio_cancel_halt_clear(sch, &retry);
		break;
	case CHP_OFFLINE:
		if (sch->schib.pmcw.lpum & mask)
			cio_cancel_halt_clear(sch, &retry);
		vfio_ccw_queue_crw(private, CRW_RSC_CPATH, CRW_ERC_PERRN,
				   link->chpid.id);
		break;
	case CHP_VARY_ON:
		sch->opm |= mask;
		sch->lpm |= mask;
		break;
	case CHP_ONLINE:
		sch->lpm |= mask & sch->opm;
		vfio_ccw_queue_crw(private, CRW_RSC_CPATH, CRW_ERC_INIT,
				   link->chpid.id);
		break;
	}
	return 0;
}

static struct css_device_id vfio_ccw_sch_ids[] = {
	{ .match_flags = 0x1, .type = SUBCHANNEL_TYPE_IO, },
	{ },
};
MODULE_DEVICE_TABLE(css, vfio_ccw_sch_ids);

static struct css_driver vfio_ccw_sch_driver = {
	.drv = {
		.name = "vfio_ccw",
		.owner = THIS_MODULE,
	},
	.subchannel_type = vfio_ccw_sch_ids,
	.irq = vfio_ccw_sch_irq,
	.probe = vfio_ccw_sch_probe,
	.remove = vfio_ccw_sch_remove,
	.shutdown = vfio_ccw_sch_shutdown,
	.sch_event = vfio_ccw_sch_event,
	.chp_event = vfio_ccw_chp_event,
};

static int __init vfio_ccw_sch_init(void)
{
	int ret;

	vfio_ccw_work_q = alloc_ordered_workqueue("vfio-ccw", 0);
	if (!vfio_ccw_work_q)
		return -ENOMEM;
	ret = vfio_ccw_direct_init();
	if (ret)
		goto out_wq;

	ret = mdev_register_driver(&vfio_ccw_mdev_driver);
	if (ret)
		goto out_direct;

	isc_register(VFIO_CCW_ISC);
	ret = css_driver_register(&vfio_ccw_sch_driver);
	if (ret)
		goto out_mdev;
	return 0;

out_mdev:
	isc_unregister(VFIO_CCW_ISC);
	mdev_unregister_driver(&vfio_ccw_mdev_driver);
out_direct:
	vfio_ccw_direct_exit();
out_wq:
	destroy_workqueue(vfio_ccw_work_q);
	return ret;
}

static void __exit vfio_ccw_sch_exit(void)
{
	css_driver_unregister(&vfio_ccw_sch_driver);
	mdev_unregister_driver(&vfio_ccw_mdev_driver);
	isc_unregister(VFIO_CCW_ISC);
	vfio_ccw_direct_exit();
	destroy_workqueue(vfio_ccw_work_q);
}
module_init(vfio_ccw_sch_init);
module_exit(vfio_ccw_sch_exit);

MODULE_DESCRIPTION("VFIO passthrough of s390 I/O subchannels");
MODULE_LICENSE("GPL");

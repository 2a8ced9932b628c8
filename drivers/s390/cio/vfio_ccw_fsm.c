// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ccw finite state machine: what each request does in each state,
 * and the return codes the VMM sees in the regions' ret_code.
 */

#include <linux/string.h>
#include <linux/vfio.h>

#include <asm/isc.h>

#include "cio.h"
#include "ioasm.h"
#include "vfio_ccw_private.h"

/*
 * Queue of IRBs.  When full, the new IRB is merged into the newest
 * queued one: for command-mode status on both sides, the function,
 * status-control, device-status and subchannel-status bits are ORed
 * (no status bit is lost); everything else (activity control, CCW
 * address, count, ESW, ECW) is the new IRB's, which describes the later
 * state.  Otherwise the newest entry is replaced by the new IRB.
 */
void vfio_ccw_irbq_push(struct vfio_ccw_irbq *q, const struct irb *irb)
{
	struct irb *last;
	union scsw old;

	if (q->count < VFIO_CCW_IRB_QUEUE) {
		q->irb[(q->head + q->count) % VFIO_CCW_IRB_QUEUE] = *irb;
		q->count++;
		return;
	}
	last = &q->irb[(q->head + q->count - 1) % VFIO_CCW_IRB_QUEUE];
	old = last->scsw;
	*last = *irb;
	q->merged++;
	if (scsw_is_tm(&last->scsw) || scsw_is_tm(&old))
		return;
	last->scsw.cmd.fctl |= old.cmd.fctl;
	last->scsw.cmd.stctl |= old.cmd.stctl;
	last->scsw.cmd.dstat |= old.cmd.dstat;
	last->scsw.cmd.cstat |= old.cmd.cstat;
}

bool vfio_ccw_irbq_pop(struct vfio_ccw_irbq *q, struct irb *irb)
{
	if (!q->count)
		return false;
	*irb = q->irb[q->head];
	q->head = (q->head + 1) % VFIO_CCW_IRB_QUEUE;
	q->count--;
	return true;
}

/* Called with sch->lock held. */
static void fsm_notoper(struct vfio_ccw_private *private,
			enum vfio_ccw_event event)
{
	struct subchannel *sch = private->sch;

	/* The css core unregisters the subchannel from its own work. */
	css_sched_sch_todo(sch, SCH_TODO_UNREG);
	vfio_ccw_set_state(private, VFIO_CCW_STATE_NOT_OPER);
	/* Pinned pages are released in process context, under io_mutex. */
	queue_work(vfio_ccw_work_q, &private->notoper_work);
}

/* The same, from a process-context event (sch->lock not held). */
static void fsm_notoper_unlocked(struct vfio_ccw_private *private,
				 enum vfio_ccw_event event)
{
	spin_lock_irq(private->sch->lock);
	fsm_notoper(private, event);
	spin_unlock_irq(private->sch->lock);
}

static void fsm_nop(struct vfio_ccw_private *private,
		    enum vfio_ccw_event event)
{
}

static void fsm_io_error(struct vfio_ccw_private *private,
			 enum vfio_ccw_event event)
{
	private->io_region->ret_code = -EIO;
}

static void fsm_io_busy(struct vfio_ccw_private *private,
			enum vfio_ccw_event event)
{
	private->io_region->ret_code = -EBUSY;
}

static void fsm_io_retry(struct vfio_ccw_private *private,
			 enum vfio_ccw_event event)
{
	private->io_region->ret_code = -EAGAIN;
}

static void fsm_async_error(struct vfio_ccw_private *private,
			    enum vfio_ccw_event event)
{
	private->cmd_region->ret_code = -EIO;
}

static void fsm_async_retry(struct vfio_ccw_private *private,
			    enum vfio_ccw_event event)
{
	private->cmd_region->ret_code = -EAGAIN;
}

/* Interrupt on a subchannel we do not drive: make it quiet. */
static void fsm_disabled_irq(struct vfio_ccw_private *private,
			     enum vfio_ccw_event event)
{
	cio_disable_subchannel(private->sch);
}

/*
 * Interrupt, sch->lock held, irqs off.  The css core has stored the IRB
 * with TEST SUBCHANNEL into cio_irb of this CPU; keep a copy in order.
 */
static void fsm_irq(struct vfio_ccw_private *private,
		    enum vfio_ccw_event event)
{
	struct irb *irb = this_cpu_ptr(&cio_irb);

	vfio_ccw_irbq_push(&private->irq_irbs, irb);
	queue_work(vfio_ccw_work_q, &private->io_work);
	if (private->completion)
		complete(private->completion);
}

/* START SUBCHANNEL of the translated program; sch->lock held. */
int vfio_ccw_fsm_start(struct vfio_ccw_private *private)
{
	struct subchannel *sch = private->sch;
	union orb *orb;
	int ccode;
	u8 lpm;

	if (private->state != VFIO_CCW_STATE_CP_PROCESSING)
		return -ENODEV;
	/* The css core finds the subchannel from the intparm. */
	orb = cp_get_orb(&private->cp, (u32)(addr_t)sch, sch->lpm);
	ccode = ssch(sch->schid, orb);
	switch (ccode) {
	case 0:
		sch->schib.scsw.cmd.actl |= SCSW_ACTL_START_PEND;
		vfio_ccw_set_state(private, VFIO_CCW_STATE_CP_PENDING);
		return 0;
	case 1:		/* status pending */
	case 2:		/* busy */
		return -EBUSY;
	case 3:		/* device or paths not operational */
		lpm = orb->cmd.lpm;
		if (lpm)
			sch->lpm &= ~lpm;
		else
			sch->lpm = 0;
		if (cio_update_schib(sch))
			return -ENODEV;
		return sch->lpm ? -EACCES : -ENODEV;
	default:	/* program check on SSCH: an ORB we should not build */
		return -EIO;
	}
}

/* I/O region written in IDLE: run the guest's request. */
static void fsm_io_request(struct vfio_ccw_private *private,
			   enum vfio_ccw_event event)
{
	struct ccw_io_region *io_region = private->io_region;
	struct subchannel *sch = private->sch;
	union scsw scsw;
	union orb orb;
	int ret;

	spin_lock_irq(sch->lock);
	if (private->state != VFIO_CCW_STATE_IDLE) {
		spin_unlock_irq(sch->lock);
		io_region->ret_code = -EIO;
		return;
	}
	vfio_ccw_set_state(private, VFIO_CCW_STATE_CP_PROCESSING);
	spin_unlock_irq(sch->lock);

	/* union orb is 32 bytes; the region holds the 12 of a command ORB */
	BUILD_BUG_ON(sizeof(scsw) != SCSW_AREA_SIZE);
	BUILD_BUG_ON(sizeof(orb) < ORB_AREA_SIZE);
	memcpy(&scsw, io_region->scsw_area, sizeof(scsw));

	if (scsw.cmd.fctl & SCSW_FCTL_START_FUNC) {
		memset(&orb, 0, sizeof(orb));
		memcpy(&orb, io_region->orb_area, ORB_AREA_SIZE);
		if (orb.tm.b) {
			ret = -EOPNOTSUPP;	/* transport mode */
		} else {
			ret = cp_init(&private->cp, &orb);
			if (!ret) {
				ret = cp_prefetch(&private->cp, &private->vdev);
				if (!ret) {
					spin_lock_irq(sch->lock);
					ret = vfio_ccw_fsm_start(private);
					spin_unlock_irq(sch->lock);
				}
				/* every pin of a failed request goes now */
				if (ret)
					cp_free(&private->cp, &private->vdev);
			}
		}
	} else if (scsw.cmd.fctl & (SCSW_FCTL_HALT_FUNC |
				    SCSW_FCTL_CLEAR_FUNC)) {
		/* Halt and clear go through the async command region. */
		ret = -EOPNOTSUPP;
	} else {
		ret = -EINVAL;		/* no function requested */
	}

	io_region->ret_code = ret;
	if (ret) {
		spin_lock_irq(sch->lock);
		if (private->state == VFIO_CCW_STATE_CP_PROCESSING)
			vfio_ccw_set_state(private, VFIO_CCW_STATE_IDLE);
		spin_unlock_irq(sch->lock);
	}
}

/*
 * A status the user has not taken yet: still in the interrupt queue, in
 * the user queue or unread in the I/O region, or (direct injection) the
 * guest's pending status.  io_mutex and sch->lock held.
 */
static bool fsm_status_unseen(struct vfio_ccw_private *private)
{
	return private->irq_irbs.count || private->user_irbs.count ||
	       private->irb_unread || private->direct.pending;
}

static int fsm_do_halt(struct vfio_ccw_private *private)
{
	struct subchannel *sch = private->sch;
	int ret;

	spin_lock_irq(sch->lock);
	/*
	 * To the user the subchannel is status pending: the host's TSCH
	 * took the status, so a HALT now would find it idle and end with a
	 * second status (start, then halt) for one program.  Busy, as the
	 * status-pending cc 1 of HSCH gives it.
	 */
	if (fsm_status_unseen(private)) {
		spin_unlock_irq(sch->lock);
		return -EBUSY;
	}
	switch (hsch(sch->schid)) {
	case 0:
		sch->schib.scsw.cmd.actl |= SCSW_ACTL_HALT_PEND;
		ret = 0;
		break;
	case 1:
	case 2:
		ret = -EBUSY;
		break;
	default:
		ret = -ENODEV;
		break;
	}
	spin_unlock_irq(sch->lock);
	return ret;
}

static int fsm_do_clear(struct vfio_ccw_private *private)
{
	struct subchannel *sch = private->sch;
	int ret;

	spin_lock_irq(sch->lock);
	switch (csch(sch->schid)) {
	case 0:
		/* Clear ends every other function of the subchannel. */
		sch->schib.scsw.cmd.actl = SCSW_ACTL_CLEAR_PEND;
		ret = 0;
		break;
	default:	/* only cc 3 is possible */
		ret = -ENODEV;
		break;
	}
	spin_unlock_irq(sch->lock);
	return ret;
}

static void fsm_async_request(struct vfio_ccw_private *private,
			      enum vfio_ccw_event event)
{
	struct ccw_cmd_region *cmd_region = private->cmd_region;

	switch (cmd_region->command) {
	case VFIO_CCW_ASYNC_CMD_HSCH:
		cmd_region->ret_code = fsm_do_halt(private);
		break;
	case VFIO_CCW_ASYNC_CMD_CSCH:
		cmd_region->ret_code = fsm_do_clear(private);
		break;
	default:
		cmd_region->ret_code = -EINVAL;
		break;
	}
}

static void fsm_open(struct vfio_ccw_private *private,
		     enum vfio_ccw_event event)
{
	struct subchannel *sch = private->sch;

	spin_lock_irq(sch->lock);
	sch->isc = VFIO_CCW_ISC;
	if (cio_enable_subchannel(sch, (u32)(addr_t)sch))
		fsm_notoper(private, event);
	else
		vfio_ccw_set_state(private, VFIO_CCW_STATE_IDLE);
	spin_unlock_irq(sch->lock);
}

static void fsm_close(struct vfio_ccw_private *private,
		      enum vfio_ccw_event event)
{
	struct subchannel *sch = private->sch;
	int ret;

	spin_lock_irq(sch->lock);
	if (!sch->schib.pmcw.ena) {
		ret = 0;
	} else {
		ret = cio_disable_subchannel(sch);
		if (ret == -EBUSY)
			ret = vfio_ccw_sch_quiesce(sch);
	}
	/* No more interrupts: drop what the VMM will never read. */
	private->irq_irbs.count = 0;
	if (ret)
		fsm_notoper(private, event);
	else
		vfio_ccw_set_state(private, VFIO_CCW_STATE_STANDBY);
	spin_unlock_irq(sch->lock);

	cp_free(&private->cp, &private->vdev);
	cp_forget(&private->cp);
	private->user_irbs.count = 0;
	private->irb_unread = false;
}

fsm_func_t *vfio_ccw_jumptable[NR_VFIO_CCW_STATES][NR_VFIO_CCW_EVENTS] = {
	[VFIO_CCW_STATE_NOT_OPER] = {
		[VFIO_CCW_EVENT_NOT_OPER]	= fsm_nop,
		[VFIO_CCW_EVENT_IO_REQ]		= fsm_io_error,
		[VFIO_CCW_EVENT_ASYNC_REQ]	= fsm_async_error,
		[VFIO_CCW_EVENT_INTERRUPT]	= fsm_disabled_irq,
		[VFIO_CCW_EVENT_OPEN]		= fsm_nop,
		[VFIO_CCW_EVENT_CLOSE]		= fsm_nop,
	},
	[VFIO_CCW_STATE_STANDBY] = {
		[VFIO_CCW_EVENT_NOT_OPER]	= fsm_notoper,
		[VFIO_CCW_EVENT_IO_REQ]		= fsm_io_error,
		[VFIO_CCW_EVENT_ASYNC_REQ]	= fsm_async_error,
		[VFIO_CCW_EVENT_INTERRUPT]	= fsm_disabled_irq,
		[VFIO_CCW_EVENT_OPEN]		= fsm_open,
		[VFIO_CCW_EVENT_CLOSE]		= fsm_notoper_unlocked,
	},
	[VFIO_CCW_STATE_IDLE] = {
		[VFIO_CCW_EVENT_NOT_OPER]	= fsm_notoper,
		[VFIO_CCW_EVENT_IO_REQ]		= fsm_io_request,
		[VFIO_CCW_EVENT_ASYNC_REQ]	= fsm_async_request,
		[VFIO_CCW_EVENT_INTERRUPT]	= fsm_irq,
		[VFIO_CCW_EVENT_OPEN]		= fsm_notoper_unlocked,
		[VFIO_CCW_EVENT_CLOSE]		= fsm_close,
	},
	[VFIO_CCW_STATE_CP_PROCESSING] = {
		[VFIO_CCW_EVENT_NOT_OPER]	= fsm_notoper,
		[VFIO_CCW_EVENT_IO_REQ]		= fsm_io_retry,
		[VFIO_CCW_EVENT_ASYNC_REQ]	= fsm_async_retry,
		[VFIO_CCW_EVENT_INTERRUPT]	= fsm_irq,
		[VFIO_CCW_EVENT_OPEN]		= fsm_notoper_unlocked,
		[VFIO_CCW_EVENT_CLOSE]		= fsm_close,
	},
	[VFIO_CCW_STATE_CP_PENDING] = {
		[VFIO_CCW_EVENT_NOT_OPER]	= fsm_notoper,
		[VFIO_CCW_EVENT_IO_REQ]		= fsm_io_busy,
		[VFIO_CCW_EVENT_ASYNC_REQ]	= fsm_async_request,
		[VFIO_CCW_EVENT_INTERRUPT]	= fsm_irq,
		[VFIO_CCW_EVENT_OPEN]		= fsm_notoper_unlocked,
		[VFIO_CCW_EVENT_CLOSE]		= fsm_close,
	},
};

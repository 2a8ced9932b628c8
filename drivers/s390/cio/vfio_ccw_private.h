/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfio-ccw: private data of the driver, the FSM, the regions.
 *
 * Locking (outermost first; never take them in another order):
 *
 *  1. private->io_mutex (sleeping).  Protects the channel program (cp),
 *     the user-visible regions (io/cmd/schib/crw region contents), the
 *     user IRB queue (user_irbs, irb_unread), the eventfd triggers, and
 *     serialises the process-context FSM events: IO_REQ, ASYNC_REQ,
 *     OPEN, CLOSE.  Region writes only trylock it and return -EAGAIN
 *     when it is busy, as upstream does.  The I/O work takes it.
 *  2. sch->lock (spinlock, irq-safe; the css core holds it around
 *     ->irq() and ->sch_event()).  Protects private->state (written
 *     only under it; process context also holds io_mutex except for the
 *     NOT_OPER event), the interrupt IRB queue (irq_irbs), private->
 *     completion, and the subchannel itself (start/halt/clear,
 *     enable/disable, sch->lpm).
 *  3. private->crw_lock (spinlock, irq-safe).  Protects the CRW list.
 *
 * Nothing waits for the I/O work while holding io_mutex: quiesce waits
 * for a completion that the interrupt handler signals, not for the work.
 * close_device() cancels the works after dropping io_mutex.
 */

#ifndef _VFIO_CCW_PRIVATE_H_
#define _VFIO_CCW_PRIVATE_H_

#include <linux/completion.h>
#include <linux/eventfd.h>
#include <linux/mdev.h>
#include <linux/mutex.h>
#include <linux/vfio.h>
#include <linux/vfio_ccw.h>
#include <linux/workqueue.h>
#include <asm/crw.h>

#include "css.h"
#include "vfio_ccw_cp.h"
#include "vfio_ccw_direct.h"

/* Region i lives at file offset i << 10, as in upstream's uapi use. */
#define VFIO_CCW_OFFSET_SHIFT	10
#define VFIO_CCW_OFFSET_TO_INDEX(off)	((off) >> VFIO_CCW_OFFSET_SHIFT)
#define VFIO_CCW_INDEX_TO_OFFSET(i)	((u64)(i) << VFIO_CCW_OFFSET_SHIFT)
#define VFIO_CCW_OFFSET_MASK	((1ULL << VFIO_CCW_OFFSET_SHIFT) - 1)

/* Region indexes: 0 is the I/O region, then the typed extra regions. */
enum {
	VFIO_CCW_ASYNC_REGION_INDEX = VFIO_CCW_CONFIG_REGION_INDEX + 1,
	VFIO_CCW_SCHIB_REGION_INDEX,
	VFIO_CCW_CRW_REGION_INDEX,
	VFIO_CCW_NR_REGIONS
};

/*
 * IRBs waiting for the VMM.  The architecture keeps one status per
 * subchannel, but the host clears it with TEST SUBCHANNEL on every
 * interrupt, so several may arrive before the VMM reads the I/O region.
 * They are queued in order; only when VFIO_CCW_IRB_QUEUE are already
 * waiting is a new one merged into the newest queued one (see
 * vfio_ccw_irbq_push() for exactly how), so no status is lost.
 */
#define VFIO_CCW_IRB_QUEUE	16

struct vfio_ccw_irbq {
	struct irb irb[VFIO_CCW_IRB_QUEUE];
	unsigned int head;
	unsigned int count;
	unsigned long merged;	/* IRBs merged because the queue was full */
};

void vfio_ccw_irbq_push(struct vfio_ccw_irbq *q, const struct irb *irb);
bool vfio_ccw_irbq_pop(struct vfio_ccw_irbq *q, struct irb *irb);

/* Upper bound of queued channel report words; older ones are dropped. */
#define VFIO_CCW_CRW_MAX	64

struct vfio_ccw_crw {
	struct list_head next;
	struct crw crw;
};

/**
 * struct vfio_ccw_private - one I/O subchannel bound to vfio_ccw
 * @vdev: the VFIO device of the mdev (valid while an mdev exists)
 * @sch: the subchannel
 * @state: FSM state (enum vfio_ccw_state), written under sch->lock
 * @completion: signalled by the next interrupt while quiescing
 * @io_mutex: see the locking comment at the top of this file
 * @io_region: I/O region (index 0)
 * @cmd_region: asynchronous command region
 * @schib_region: schib region
 * @crw_region: CRW region
 * @cp: the channel program being run
 * @irq_irbs: IRBs from the interrupt handler, not yet processed
 * @user_irbs: processed IRBs the VMM has not read yet
 * @irb_unread: the IRB in @io_region has not been read yet
 * @cur_irb: the IRB shown in @io_region (writes to the area are undone)
 * @crw_lock: protects @crw and @crw_count
 * @crw: queued channel report words
 * @crw_count: entries in @crw
 * @io_trigger: I/O eventfd
 * @crw_trigger: CRW eventfd
 * @req_trigger: device-request eventfd
 * @io_work: processes @irq_irbs
 * @crw_work: signals @crw_trigger
 * @notoper_work: frees the channel program once not operational
 * @release_comp: the vfio_device was released
 * @parent: mdev parent of the subchannel
 * @mdev_type: the single mdev type "io"
 * @mdev_types: array of the types for mdev_register_parent()
 * @direct: direct injection (vfio_ccw_direct.h; its locks nest as there)
 */
struct vfio_ccw_private {
	struct vfio_device	vdev;
	struct subchannel	*sch;
	int			state;
	struct completion	*completion;
	struct mutex		io_mutex;
	struct ccw_io_region	*io_region;
	struct ccw_cmd_region	*cmd_region;
	struct ccw_schib_region	*schib_region;
	struct ccw_crw_region	*crw_region;

	struct channel_program	cp;
	struct vfio_ccw_irbq	irq_irbs;
	struct vfio_ccw_irbq	user_irbs;
	bool			irb_unread;
	struct irb		cur_irb;

	spinlock_t		crw_lock;
	struct list_head	crw;
	unsigned int		crw_count;

	struct eventfd_ctx	*io_trigger;
	struct eventfd_ctx	*crw_trigger;
	struct eventfd_ctx	*req_trigger;
	struct work_struct	io_work;
	struct work_struct	crw_work;
	struct work_struct	notoper_work;

	struct completion	release_comp;

	struct mdev_parent	parent;
	struct mdev_type	mdev_type;
	struct mdev_type	*mdev_types[1];

	struct vfio_ccw_direct_dev direct;
};

enum vfio_ccw_state {
	VFIO_CCW_STATE_NOT_OPER,
	VFIO_CCW_STATE_STANDBY,
	VFIO_CCW_STATE_IDLE,
	VFIO_CCW_STATE_CP_PROCESSING,
	VFIO_CCW_STATE_CP_PENDING,
	NR_VFIO_CCW_STATES
};

enum vfio_ccw_event {
	VFIO_CCW_EVENT_NOT_OPER,
	VFIO_CCW_EVENT_IO_REQ,
	VFIO_CCW_EVENT_INTERRUPT,
	VFIO_CCW_EVENT_ASYNC_REQ,
	VFIO_CCW_EVENT_OPEN,
	VFIO_CCW_EVENT_CLOSE,
	NR_VFIO_CCW_EVENTS
};

typedef void (fsm_func_t)(struct vfio_ccw_private *, enum vfio_ccw_event);
extern fsm_func_t *vfio_ccw_jumptable[NR_VFIO_CCW_STATES][NR_VFIO_CCW_EVENTS];

/*
 * NOT_OPER and INTERRUPT are raised with sch->lock held; IO_REQ,
 * ASYNC_REQ, OPEN and CLOSE with io_mutex held and sch->lock not held.
 */
static inline void vfio_ccw_fsm_event(struct vfio_ccw_private *private,
				      enum vfio_ccw_event event)
{
	vfio_ccw_jumptable[READ_ONCE(private->state)][event](private, event);
}

static inline void vfio_ccw_set_state(struct vfio_ccw_private *private,
				      enum vfio_ccw_state state)
{
	WRITE_ONCE(private->state, state);
}

/* pos/count inside a region of @size bytes, without overflow */
static inline bool vfio_ccw_range_ok(loff_t pos, size_t count, size_t size)
{
	return pos >= 0 && count <= size && pos <= size - count;
}

int vfio_ccw_sch_quiesce(struct subchannel *sch);
int vfio_ccw_fsm_start(struct vfio_ccw_private *private);

void vfio_ccw_io_region_consumed(struct vfio_ccw_private *private);

ssize_t vfio_ccw_async_region_read(struct vfio_ccw_private *private,
				   char __user *buf, size_t count,
				   loff_t pos);
ssize_t vfio_ccw_async_region_write(struct vfio_ccw_private *private,
				    const char __user *buf, size_t count,
				    loff_t pos);
ssize_t vfio_ccw_schib_region_read(struct vfio_ccw_private *private,
				   char __user *buf, size_t count,
				   loff_t pos);
ssize_t vfio_ccw_crw_region_read(struct vfio_ccw_private *private,
				 char __user *buf, size_t count, loff_t pos);
void vfio_ccw_queue_crw(struct vfio_ccw_private *private, unsigned int rsc,
			unsigned int erc, unsigned int rsid);
void vfio_ccw_flush_crws(struct vfio_ccw_private *private);

extern struct mdev_driver vfio_ccw_mdev_driver;
extern struct workqueue_struct *vfio_ccw_work_q;

#endif /* _VFIO_CCW_PRIVATE_H_ */

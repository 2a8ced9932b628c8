// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ccw's half of direct injection: the VFIO_DEVICE_FEATURE with which
 * the VMM binds the subchannel to a guest subchannel id, KVM's ops (the
 * guest's SSCH and TSCH served here), the completion queued on the VM's
 * FLIC, and the hand-back at unbind.  KVM is reached only through
 * symbol_get(): this module loads in a stock 6.1 kernel, whose kvm.ko
 * lacks kvm_s390_ccw_*, and then offers the classic path only.
 * Documentation/s390/direct-injection.rst, "The vfio-ccw half".
 */

#include <linux/delay.h>
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>
#include <linux/vfio_ccw_direct.h>
#include <asm/byteorder.h>

#include "vfio_ccw_private.h"

/* Drops VM references outside every lock (see vfio_ccw_direct_release). */
static struct workqueue_struct *vfio_ccw_put_wq;

/*
 * Control blocks: the guest has them in the architected big-endian
 * image; 6.1's structures in host memory are that image on s390 and its
 * mirror within each 32-bit word on a little-endian host.  Field widths
 * of each word, most significant first; 0 ends a word.
 */
static const u8 __maybe_unused cb_orb_words[] = {
	32, 0,
	4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8, 1, 6, 1, 0,
	32, 0,
};

/* SCSW (command mode) and format-0 ESW: the 8 words before the ECW. */
static const u8 __maybe_unused cb_irb_words[] = {
	4, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 7, 5, 0,
	32, 0,
	8, 8, 16, 0,
	1, 7, 8, 1, 5, 2, 2, 1, 1, 1, 3, 0,
	3, 1, 1, 1, 1, 1, 1, 1, 6, 16, 0,
	32, 0, 32, 0, 32, 0,
};

#define CB_ORB_WORDS	3
#define CB_IRB_WORDS	8

/* Convert @nwords words between the two images (@to_arch: host->arch). */
static void cb_convert(void *dst, const void *src, const u8 *widths,
		       unsigned int nwords, bool to_arch)
{
#ifdef __BIG_ENDIAN_BITFIELD
	memcpy(dst, src, 4 * nwords);
#else
	unsigned int i, acc;
	u32 in, out, mask;
	__be32 be;

	for (i = 0; i < nwords; i++, widths++) {
		memcpy(&in, src + 4 * i, 4);
		if (!to_arch) {
			be = (__force __be32)in;
			in = be32_to_cpu(be);
		}
		out = 0;
		for (acc = 0; *widths; acc += *widths, widths++) {
			mask = *widths == 32 ? ~0U : (1U << *widths) - 1;
			if (to_arch)
				out |= ((in >> acc) & mask) <<
				       (32 - acc - *widths);
			else
				out |= ((in >> (32 - acc - *widths)) & mask) <<
				       acc;
		}
		if (to_arch) {
			be = cpu_to_be32(out);
			memcpy(dst + 4 * i, &be, 4);
		} else {
			memcpy(dst + 4 * i, &out, 4);
		}
	}
#endif
}

/* @irb (host layout) as the 64-byte architected image TSCH stores */
static void irb_to_arch(void *arch, const struct irb *irb)
{
	BUILD_BUG_ON(sizeof(*irb) != 4 * CB_IRB_WORDS + sizeof(irb->ecw));
	cb_convert(arch, irb, cb_irb_words, CB_IRB_WORDS, true);
	memcpy(arch + 4 * CB_IRB_WORDS, irb->ecw, sizeof(irb->ecw));
}

/* ---- KVM's functions, taken with symbol_get() ---- */

static void direct_syms_put(struct vfio_ccw_direct_kvm *fn)
{
	if (fn->get_kvm)
		symbol_put(kvm_get_kvm);
	if (fn->put_kvm)
		symbol_put(kvm_put_kvm);
	if (fn->reg)
		symbol_put(kvm_s390_ccw_register);
	if (fn->unreg)
		symbol_put(kvm_s390_ccw_unregister);
	if (fn->update)
		symbol_put(kvm_s390_ccw_update);
	if (fn->inject)
		symbol_put(kvm_s390_ccw_inject);
	if (fn->withdraw)
		symbol_put(kvm_s390_ccw_withdraw);
	memset(fn, 0, sizeof(*fn));
}

/* All of them or none: false on a kernel without direct injection. */
static bool direct_syms_get(struct vfio_ccw_direct_kvm *fn)
{
	fn->get_kvm = symbol_get(kvm_get_kvm);
	fn->put_kvm = symbol_get(kvm_put_kvm);
	fn->reg = symbol_get(kvm_s390_ccw_register);
	fn->unreg = symbol_get(kvm_s390_ccw_unregister);
	fn->update = symbol_get(kvm_s390_ccw_update);
	fn->inject = symbol_get(kvm_s390_ccw_inject);
	fn->withdraw = symbol_get(kvm_s390_ccw_withdraw);
	if (fn->get_kvm && fn->put_kvm && fn->reg && fn->unreg &&
	    fn->update && fn->inject && fn->withdraw)
		return true;
	direct_syms_put(fn);
	return false;
}

static struct vfio_ccw_private *kdev_to_private(struct kvm_s390_ccw_dev *kd)
{
	return container_of(kd, struct vfio_ccw_private, direct.kdev);
}

/* ---- the guest's status ---- */

/*
 * A status while one is pending joins it, as on a real subchannel: the
 * status bits accumulate, the rest is the newer one's; the interrupt
 * already queued announces both.
 */
static void direct_merge(struct irb *held, const struct irb *irb)
{
	union scsw old = held->scsw;

	*held = *irb;
	if (scsw_is_tm(&old) || scsw_is_tm(&held->scsw))
		return;
	held->scsw.cmd.fctl |= old.cmd.fctl;
	held->scsw.cmd.stctl |= old.cmd.stctl;
	held->scsw.cmd.dstat |= old.cmd.dstat;
	held->scsw.cmd.cstat |= old.cmd.cstat;
}

/*
 * The completion work has an IRB (the guest's CCW address already):
 * while bound, make it the guest's pending status and queue its I/O
 * interrupt on the FLIC, both under io_mutex (KVM's dev->lock).  False
 * when not bound (or KVM unbound it): the classic path delivers it.
 */
bool vfio_ccw_direct_deliver(struct vfio_ccw_private *private,
			     const struct irb *irb)
{
	struct vfio_ccw_direct_dev *d = &private->direct;
	int ret;

	lockdep_assert_held(&private->io_mutex);
	if (!d->bound)
		return false;
	if (d->pending) {
		direct_merge(&d->irb, irb);
		return true;
	}
	ret = d->fn.inject(&d->kdev, d->intparm);
	if (ret == -ENODEV)
		return false;
	/*
	 * FLIC full or no memory: the status is pending all the same (the
	 * guest's TSCH finds it, its SSCH gets cc 1) and its interrupt is
	 * owed: @retry queues it as soon as KVM takes it.
	 */
	d->owed = !!ret;
	if (ret) {
		d->inject_failed++;
		queue_work(vfio_ccw_put_wq, &d->retry);
	}
	d->irb = *irb;
	d->pending = true;
	return true;
}

/*
 * Queue the owed interrupt, unless the status is gone (TSCH, CSCH) or
 * unbound (handed back owed).  While KVM still refuses, try again a
 * millisecond later: the guest frees the FLIC by taking interrupts.
 */
static void direct_retry_work(struct work_struct *work)
{
	struct vfio_ccw_direct_dev *d =
		container_of(work, struct vfio_ccw_direct_dev, retry);
	struct vfio_ccw_private *private = kdev_to_private(&d->kdev);
	bool again = false;
	int ret;

	mutex_lock(&private->io_mutex);
	if (d->bound && d->pending && d->owed) {
		ret = d->fn.inject(&d->kdev, d->intparm);
		/* -ENODEV: the VM went, nothing more to deliver to */
		d->owed = ret && ret != -ENODEV;
		again = d->owed;
	}
	mutex_unlock(&private->io_mutex);
	if (again) {
		usleep_range(1000, 2000);
		queue_work(vfio_ccw_put_wq, &d->retry);
	}
}

/* A CLEAR SUBCHANNEL from the async region succeeded; io_mutex held. */
void vfio_ccw_direct_cleared(struct vfio_ccw_private *private)
{
	struct vfio_ccw_direct_dev *d = &private->direct;

	if (private->cmd_region->command != VFIO_CCW_ASYNC_CMD_CSCH ||
	    private->cmd_region->ret_code || !d->bound)
		return;
	/*
	 * CSCH withdraws the pending status and its interruption request:
	 * both go here, under io_mutex, so that no completion can come
	 * between them (the VMM needs no CLEAR_IO_IRQ first).
	 */
	d->pending = false;
	d->owed = false;
	d->fn.withdraw(&d->kdev);
}

/* ---- KVM's ops ---- */

/* A channel program runs (state is written under sch->lock). */
static bool direct_busy(struct vfio_ccw_private *private)
{
	int state = READ_ONCE(private->state);

	return state == VFIO_CCW_STATE_CP_PROCESSING ||
	       state == VFIO_CCW_STATE_CP_PENDING;
}

/* The start path of an I/O region write, for an ORB from KVM. */
static int direct_start(struct vfio_ccw_private *private, union orb *orb)
{
	struct subchannel *sch = private->sch;
	int ret;

	if (orb->tm.b)
		return -EOPNOTSUPP;	/* transport mode */
	ret = cp_init(&private->cp, orb);
	if (ret)
		return ret;
	ret = cp_prefetch(&private->cp, &private->vdev);
	if (!ret) {
		spin_lock_irq(sch->lock);
		ret = vfio_ccw_fsm_start(private);
		spin_unlock_irq(sch->lock);
	}
	if (ret)
		cp_free(&private->cp, &private->vdev);
	return ret;
}

/*
 * A request the channel program translation refused: the guest sees a
 * started I/O ending at once with unit exception (QEMU's answer), the
 * CCW address at the program's first CCW.
 */
static void direct_unit_exception(struct vfio_ccw_private *private,
				  const union orb *orb)
{
	struct irb irb;

	memset(&irb, 0, sizeof(irb));
	irb.scsw.cmd.fctl = SCSW_FCTL_START_FUNC;
	irb.scsw.cmd.stctl = SCSW_STCTL_PRIM_STATUS | SCSW_STCTL_SEC_STATUS |
			     SCSW_STCTL_ALERT_STATUS | SCSW_STCTL_STATUS_PEND;
	irb.scsw.cmd.dstat = DEV_STAT_UNIT_EXCEP;
	irb.scsw.cmd.cpa = orb->cmd.cpa;
	vfio_ccw_direct_deliver(private, &irb);
}

static int direct_ssch(struct kvm_s390_ccw_dev *kdev,
		       const struct kvm_s390_ccw_orb *korb)
{
	struct vfio_ccw_private *private = kdev_to_private(kdev);
	struct vfio_ccw_direct_dev *d = &private->direct;
	struct subchannel *sch = private->sch;
	union orb orb;
	int state, cc;

	memset(&orb, 0, sizeof(orb));
	cb_convert(&orb, korb->word, cb_orb_words, CB_ORB_WORDS, false);

	mutex_lock(&private->io_mutex);
	if (!d->bound) {
		cc = -EOPNOTSUPP;
		goto out;
	}
	if (d->pending) {
		cc = 1;
		goto out;
	}
	spin_lock_irq(sch->lock);
	state = private->state;
	if (state == VFIO_CCW_STATE_IDLE)
		vfio_ccw_set_state(private, VFIO_CCW_STATE_CP_PROCESSING);
	spin_unlock_irq(sch->lock);
	if (state != VFIO_CCW_STATE_IDLE) {
		cc = state == VFIO_CCW_STATE_CP_PROCESSING ||
		     state == VFIO_CCW_STATE_CP_PENDING ? 2 : 3;
		goto out;
	}

	d->intparm = orb.cmd.intparm;
	switch (direct_start(private, &orb)) {
	case 0:
		cc = 0;
		break;
	case -EBUSY:
		cc = 2;
		break;
	case -ENODEV:
	case -EACCES:
		cc = 3;
		break;
	default:
		cc = -1;
		break;
	}
	if (cc) {
		spin_lock_irq(sch->lock);
		if (private->state == VFIO_CCW_STATE_CP_PROCESSING)
			vfio_ccw_set_state(private, VFIO_CCW_STATE_IDLE);
		spin_unlock_irq(sch->lock);
	}
	if (cc < 0) {
		direct_unit_exception(private, &orb);
		cc = 0;
	}
out:
	mutex_unlock(&private->io_mutex);
	return cc;
}

/* KVM holds io_mutex (dev->lock) across this and its dequeue. */
static int direct_tsch(struct kvm_s390_ccw_dev *kdev, struct irb *out)
{
	struct vfio_ccw_private *private = kdev_to_private(kdev);
	struct vfio_ccw_direct_dev *d = &private->direct;
	struct irb idle;

	lockdep_assert_held(&private->io_mutex);
	if (!d->bound)
		return -EOPNOTSUPP;
	if (d->pending) {
		irb_to_arch(out, &d->irb);
		d->pending = false;
		d->owed = false;
		return 1;
	}
	/* No status: the SCSW shows a start function still running. */
	memset(&idle, 0, sizeof(idle));
	if (direct_busy(private)) {
		idle.scsw.cmd.fctl = SCSW_FCTL_START_FUNC;
		idle.scsw.cmd.actl = SCSW_ACTL_SCHACT | SCSW_ACTL_DEVACT;
	}
	irb_to_arch(out, &idle);
	return 0;
}

static const struct kvm_s390_ccw_ops vfio_ccw_direct_ops = {
	.ssch = direct_ssch,
	.tsch = direct_tsch,
};

/* ---- bind, unbind, update: bind_mutex held ---- */

static int direct_bind(struct vfio_ccw_private *private,
		       const struct vfio_ccw_direct *req)
{
	struct vfio_ccw_direct_dev *d = &private->direct;
	int ret;

	if (d->bound)
		return -EBUSY;
	/* The kernel starts from an idle subchannel the VMM has drained. */
	mutex_lock(&private->io_mutex);
	ret = direct_busy(private) || private->irb_unread ||
	      private->user_irbs.count ? -EBUSY : 0;
	mutex_unlock(&private->io_mutex);
	if (ret)
		return ret;

	d->kdev.schid = req->schid;
	d->kdev.isc = req->isc;
	d->kdev.enabled = req->enabled;
	ret = d->fn.reg(d->kvm, &d->kdev);
	if (ret)
		return ret;
	mutex_lock(&private->io_mutex);
	d->bound = true;
	d->pending = false;
	d->owed = false;
	d->handed_back = false;
	d->back_owed = false;
	d->intparm = 0;
	mutex_unlock(&private->io_mutex);
	return 0;
}

/*
 * From now on completions take the classic path; a pending status is
 * kept for GET (HANDED_BACK): its interrupt is on the FLIC already, so
 * the VMM must not queue another.
 */
static int direct_unbind(struct vfio_ccw_private *private)
{
	struct vfio_ccw_direct_dev *d = &private->direct;

	if (!d->bound)
		return -ENODEV;
	mutex_lock(&private->io_mutex);
	d->bound = false;
	d->handed_back = d->pending;
	d->back_owed = d->pending && d->owed;
	if (d->pending)
		d->back = d->irb;
	d->pending = false;
	d->owed = false;
	mutex_unlock(&private->io_mutex);
	/*
	 * Outside io_mutex: both wait for what takes it (vcpus in the ops,
	 * the retry work, which finds nothing owed any more).
	 */
	cancel_work_sync(&d->retry);
	d->fn.unreg(&d->kdev);
	return 0;
}

static int direct_update(struct vfio_ccw_private *private,
			 const struct vfio_ccw_direct *req)
{
	struct vfio_ccw_direct_dev *d = &private->direct;

	if (!d->bound)
		return -ENODEV;
	if (req->schid != d->kdev.schid)
		return -EINVAL;
	return d->fn.update(&d->kdev, req->isc, req->enabled);
}

static void direct_get(struct vfio_ccw_private *private,
		       struct vfio_ccw_direct *req)
{
	struct vfio_ccw_direct_dev *d = &private->direct;

	mutex_lock(&private->io_mutex);
	if (d->bound) {
		req->schid = d->kdev.schid;
		req->isc = d->kdev.isc;
		req->enabled = d->kdev.enabled;
		req->state |= VFIO_CCW_DIRECT_STATE_BOUND;
		if (direct_busy(private))
			req->state |= VFIO_CCW_DIRECT_STATE_BUSY;
	}
	req->intparm = d->intparm;
	if (d->bound && d->pending) {
		req->state |= VFIO_CCW_DIRECT_STATE_STATUS_PENDING;
		if (d->owed)
			req->state |= VFIO_CCW_DIRECT_STATE_IRQ_OWED;
		irb_to_arch(req->irb, &d->irb);
	} else if (!d->bound && d->handed_back) {
		req->state |= VFIO_CCW_DIRECT_STATE_HANDED_BACK;
		if (d->back_owed)
			req->state |= VFIO_CCW_DIRECT_STATE_IRQ_OWED;
		irb_to_arch(req->irb, &d->back);
	}
	mutex_unlock(&private->io_mutex);
}

/* ---- the device feature ---- */

static bool direct_schid_ok(u32 schid)
{
	if (!(schid & KVM_S390_CCW_SCHID_ONE) ||
	    (schid & KVM_S390_CCW_SCHID_RSVD))
		return false;
	/* a nonzero cssid only in the MCSS-E form */
	return !KVM_S390_CCW_SCHID_CSSID(schid) ||
	       (schid & KVM_S390_CCW_SCHID_M);
}

/* The SET request is well formed: 0 or -EINVAL. */
static int direct_check_set(const struct vfio_ccw_direct *req)
{
	static const u8 zero[sizeof(req->irb)];

	if (req->state || req->intparm || memcmp(req->irb, zero, sizeof(zero)))
		return -EINVAL;
	switch (req->flags) {
	case VFIO_CCW_DIRECT_UNBIND:
		return req->schid || req->isc || req->enabled ? -EINVAL : 0;
	case VFIO_CCW_DIRECT_BIND:
	case VFIO_CCW_DIRECT_UPDATE:
		if (!direct_schid_ok(req->schid) || req->isc > 7 ||
		    req->enabled > 1)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;		/* none, several or unknown */
	}
}

/* Can the running kernel do it?  The symbols answer. */
static bool direct_available(struct vfio_ccw_private *private)
{
	struct vfio_ccw_direct_kvm fn = {};
	bool ok;

	mutex_lock(&private->direct.bind_mutex);
	ok = !!private->direct.kvm;
	mutex_unlock(&private->direct.bind_mutex);
	if (ok)
		return true;
	ok = direct_syms_get(&fn);
	if (ok)
		direct_syms_put(&fn);
	return ok;
}

int vfio_ccw_direct_feature(struct vfio_ccw_private *private, u32 flags,
			    void __user *arg, size_t argsz)
{
	struct vfio_ccw_direct_dev *d = &private->direct;
	struct vfio_ccw_direct req;
	int ret;

	if (!direct_available(private))
		return -ENOTTY;
	ret = vfio_check_feature(flags, argsz, VFIO_DEVICE_FEATURE_GET |
				 VFIO_DEVICE_FEATURE_SET, sizeof(req));
	if (ret != 1)
		return ret;	/* PROBE (0) or -EINVAL */
	ret = 0;
	if (copy_from_user(&req, arg, sizeof(req)))
		return -EFAULT;
	if (req.reserved0 || req.reserved1[0] || req.reserved1[1])
		return -EINVAL;
	if (flags & VFIO_DEVICE_FEATURE_SET) {
		ret = direct_check_set(&req);
		if (ret)
			return ret;
	} else if (req.flags) {
		return -EINVAL;
	}

	mutex_lock(&d->bind_mutex);
	if (!d->kvm) {
		ret = -EPERM;
	} else if (flags & VFIO_DEVICE_FEATURE_GET) {
		memset(&req, 0, sizeof(req));
		direct_get(private, &req);
	} else if (req.flags == VFIO_CCW_DIRECT_BIND) {
		ret = direct_bind(private, &req);
	} else if (req.flags == VFIO_CCW_DIRECT_UNBIND) {
		ret = direct_unbind(private);
	} else {
		ret = direct_update(private, &req);
	}
	mutex_unlock(&d->bind_mutex);
	if (!ret && (flags & VFIO_DEVICE_FEATURE_GET) &&
	    copy_to_user(arg, &req, sizeof(req)))
		ret = -EFAULT;
	return ret;
}

/* ---- open, close ---- */

void vfio_ccw_direct_setup(struct vfio_ccw_private *private)
{
	struct vfio_ccw_direct_dev *d = &private->direct;

	mutex_init(&d->bind_mutex);
	INIT_WORK(&d->retry, direct_retry_work);
	d->kdev.ops = &vfio_ccw_direct_ops;
	d->kdev.lock = &private->io_mutex;
}

/*
 * open_device, before anything else: with a VM (the group is in a
 * kvm-vfio device) and a kernel that can do direct injection, take a VM
 * reference (6.1: "driver must reference the kvm during open_device or
 * never touch it").  The caller holds the group lock: nothing here takes
 * kvm->lock.
 */
int vfio_ccw_direct_open(struct vfio_ccw_private *private)
{
	struct vfio_ccw_direct_dev *d = &private->direct;
	struct kvm *kvm = private->vdev.kvm;
	struct vfio_ccw_kvm_put *put;

	if (!kvm)
		return 0;
	put = kzalloc(sizeof(*put), GFP_KERNEL);
	if (!put)
		return -ENOMEM;
	mutex_lock(&d->bind_mutex);
	if (!d->kvm && direct_syms_get(&d->fn)) {
		d->fn.get_kvm(kvm);
		d->kvm = kvm;
		d->put = put;
		put = NULL;
	}
	mutex_unlock(&d->bind_mutex);
	kfree(put);
	return 0;
}

/* close_device, before the FSM closes: unbind, no driver lock held. */
void vfio_ccw_direct_close(struct vfio_ccw_private *private)
{
	struct vfio_ccw_direct_dev *d = &private->direct;

	mutex_lock(&d->bind_mutex);
	if (d->kvm)
		direct_unbind(private);
	mutex_unlock(&d->bind_mutex);
}

static void vfio_ccw_kvm_put_work(struct work_struct *work)
{
	struct vfio_ccw_kvm_put *put =
		container_of(work, struct vfio_ccw_kvm_put, work);

	put->fn.put_kvm(put->kvm);
	direct_syms_put(&put->fn);
	kfree(put);
}

/*
 * The end of close_device (or a failed open_device): drop the VM
 * reference.  The vfio core calls close_device under the group lock, and
 * the last reference destroys the VM, whose kvm-vfio device takes that
 * lock (the 2023 group-lock/kvm-lock deadlock): so the put runs from a
 * work item, outside every lock.  Nothing is bound any more.
 */
void vfio_ccw_direct_release(struct vfio_ccw_private *private)
{
	struct vfio_ccw_direct_dev *d = &private->direct;
	struct vfio_ccw_kvm_put *put;

	mutex_lock(&d->bind_mutex);
	put = d->put;
	if (put) {
		put->kvm = d->kvm;
		put->fn = d->fn;
		INIT_WORK(&put->work, vfio_ccw_kvm_put_work);
	}
	d->put = NULL;
	d->kvm = NULL;
	memset(&d->fn, 0, sizeof(d->fn));
	mutex_lock(&private->io_mutex);
	d->pending = false;
	d->owed = false;
	d->handed_back = false;
	d->back_owed = false;
	d->intparm = 0;
	mutex_unlock(&private->io_mutex);
	mutex_unlock(&d->bind_mutex);
	if (put)
		queue_work(vfio_ccw_put_wq, &put->work);
}

int vfio_ccw_direct_init(void)
{
	vfio_ccw_put_wq = alloc_workqueue("vfio-ccw-kvm", 0, 0);
	return vfio_ccw_put_wq ? 0 : -ENOMEM;
}

/* Module exit: every VM reference is dropped (and KVM's symbols). */
void vfio_ccw_direct_exit(void)
{
	destroy_workqueue(vfio_ccw_put_wq);
}

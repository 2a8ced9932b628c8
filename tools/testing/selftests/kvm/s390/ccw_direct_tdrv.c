// SPDX-License-Identifier: GPL-2.0
/*
 * The direct-injection test driver (see ccw_direct_util.h): kernel-side
 * code, as a subchannel driver would be, in the test program.
 *
 * Per slot, tdrv.lock (a mutex, as vfio-ccw's io_mutex) protects the
 * subchannel state (busy, status_pending, irb, intparm, counters). It is
 * dev.lock: KVM holds it around the tsch op, the ssch op takes it, and a
 * completion holds it across making the status pending and
 * kvm_s390_ccw_inject(), as <asm/kvm_s390_ccw.h> asks. Bind and unbind
 * run without it (they wait for the ops).
 */
#include <linux/errno.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <asm/byteorder.h>
#include <asm/kvm_s390_ccw.h>
#include <um/bug.h>

#include "ccw_direct_util.h"

struct tdrv_sch {
	struct kvm_s390_ccw_dev dev;
	struct kvm *kvm;		/* our reference, if taken */
	struct mutex lock;		/* protects everything below */
	bool busy;
	bool status_pending;
	u32 intparm;
	__be32 irb[16];
	int force_ssch, force_tsch;
	bool auto_complete;
	bool complete_in_tsch;		/* a completion races the next TSCH */
	struct tdrv_counts counts;
	struct work_struct done;	/* an auto completion */
};

static struct tdrv_sch tdrv[TDRV_SLOTS];

/* test code: set up before main(), as a driver's module_init would */
static void __attribute__((constructor)) tdrv_init(void)
{
	int i;

	for (i = 0; i < TDRV_SLOTS; i++)
		mutex_init(&tdrv[i].lock);
}

static struct tdrv_sch *to_sch(struct kvm_s390_ccw_dev *dev)
{
	return container_of(dev, struct tdrv_sch, dev);
}

/* lock held */
static int tdrv_complete_locked(struct tdrv_sch *s, unsigned int dstat)
{
	int rc;

	if (!s->busy || s->status_pending)
		return -EINVAL;
	s->status_pending = true;
	memset(s->irb, 0, sizeof(s->irb));
	/* SCSW: start function, alert + primary + secondary + pending */
	s->irb[0] = cpu_to_be32(0x00004017);
	s->irb[1] = cpu_to_be32(s->counts.orb[2] + 8);
	s->irb[2] = cpu_to_be32(dstat << 24);
	rc = symbol_get(kvm_s390_ccw_inject)(&s->dev, s->intparm);
	if (!rc)
		s->counts.injected++;
	return rc;
}

static void tdrv_done_work(struct work_struct *work)
{
	struct tdrv_sch *s = container_of(work, struct tdrv_sch, done);

	mutex_lock(&s->lock);
	tdrv_complete_locked(s, TDRV_DSTAT_OK);
	mutex_unlock(&s->lock);
}

static int tdrv_ssch(struct kvm_s390_ccw_dev *dev,
		     const struct kvm_s390_ccw_orb *orb)
{
	struct tdrv_sch *s = to_sch(dev);
	int i, cc;

	mutex_lock(&s->lock);
	s->counts.ssch++;
	for (i = 0; i < 3; i++)
		s->counts.orb[i] = be32_to_cpu(orb->word[i]);
	if (s->force_ssch != TDRV_NO_FORCE) {
		cc = s->force_ssch;
	} else if (s->status_pending) {
		cc = 1;
	} else if (s->busy) {
		cc = 2;
	} else {
		s->busy = true;
		s->intparm = s->counts.orb[0];
		cc = 0;
		if (s->auto_complete)
			schedule_work(&s->done);
	}
	mutex_unlock(&s->lock);
	return cc;
}

static int tdrv_tsch(struct kvm_s390_ccw_dev *dev, struct irb *irb)
{
	struct tdrv_sch *s = to_sch(dev);
	int pending;

	/* KVM holds s->lock (dev->lock) */
	s->counts.tsch++;
	if (s->complete_in_tsch) {
		/* as if it came between KVM's dequeue and this op */
		s->complete_in_tsch = false;
		tdrv_complete_locked(s, TDRV_DSTAT_OK);
	}
	if (s->force_tsch != TDRV_NO_FORCE)
		return s->force_tsch;
	pending = s->status_pending;
	if (pending) {
		memcpy(irb, s->irb, sizeof(*irb));
		s->counts.tsch_pending++;
		s->status_pending = false;
		s->busy = false;
	} else {
		/* no status: the SCSW shows a start function if one is on */
		memset(irb, 0, sizeof(*irb));
		if (s->busy)
			((__be32 *)irb)[0] = cpu_to_be32(0x00004000);
	}
	return pending;
}

static const struct kvm_s390_ccw_ops tdrv_ops = {
	.ssch = tdrv_ssch,
	.tsch = tdrv_tsch,
};

int tdrv_bind(int slot, int vm_fd, unsigned int schid, unsigned int isc,
	      int enabled, int take_ref, int with_ops, int auto_complete)
{
	struct tdrv_sch *s = &tdrv[slot];
	struct file *file;
	struct kvm *kvm;
	int rc;

	file = fget(vm_fd);
	if (!file)
		return -EBADF;
	kvm = file->private_data;
	if (rcu_access_pointer(s->dev.kvm)) {
		/* bound: ask again without touching the bound fields */
		rc = symbol_get(kvm_s390_ccw_register)(kvm, &s->dev);
		fput(file);
		return rc;
	}
	if (take_ref)
		kvm_get_kvm(kvm);
	fput(file);

	INIT_WORK(&s->done, tdrv_done_work);
	memset(&s->counts, 0, sizeof(s->counts));
	s->busy = s->status_pending = false;
	s->force_ssch = s->force_tsch = TDRV_NO_FORCE;
	s->auto_complete = auto_complete;
	s->dev.schid = schid;
	s->dev.isc = isc;
	s->dev.enabled = enabled;
	s->dev.ops = with_ops ? &tdrv_ops : NULL;
	s->dev.lock = &s->lock;
	rc = symbol_get(kvm_s390_ccw_register)(kvm, &s->dev);
	if (rc && take_ref)
		kvm_put_kvm(kvm);
	s->kvm = !rc && take_ref ? kvm : NULL;
	return rc;
}

void tdrv_unbind(int slot)
{
	struct tdrv_sch *s = &tdrv[slot];

	if (s->done.func)
		cancel_work_sync(&s->done);
	symbol_get(kvm_s390_ccw_unregister)(&s->dev);
	/* after every lock is released, as vfio-ccw's close_device does */
	if (s->kvm)
		kvm_put_kvm(s->kvm);
	s->kvm = NULL;
}

int tdrv_update(int slot, unsigned int isc, int enabled)
{
	return symbol_get(kvm_s390_ccw_update)(&tdrv[slot].dev, isc, enabled);
}

int tdrv_complete(int slot, unsigned int dstat)
{
	struct tdrv_sch *s = &tdrv[slot];
	int rc;

	mutex_lock(&s->lock);
	rc = tdrv_complete_locked(s, dstat);
	mutex_unlock(&s->lock);
	return rc;
}

int tdrv_inject(int slot, unsigned int intparm)
{
	struct tdrv_sch *s = &tdrv[slot];
	int rc;

	rc = symbol_get(kvm_s390_ccw_inject)(&s->dev, intparm);
	if (!rc) {
		mutex_lock(&s->lock);
		s->counts.injected++;
		mutex_unlock(&s->lock);
	}
	return rc;
}

int tdrv_withdraw(int slot)
{
	struct tdrv_sch *s = &tdrv[slot];
	int rc;

	/* under the status lock, as <asm/kvm_s390_ccw.h> asks */
	mutex_lock(&s->lock);
	rc = symbol_get(kvm_s390_ccw_withdraw)(&s->dev);
	mutex_unlock(&s->lock);
	return rc;
}

void tdrv_force_ssch(int slot, int rc)
{
	mutex_lock(&tdrv[slot].lock);
	tdrv[slot].force_ssch = rc;
	mutex_unlock(&tdrv[slot].lock);
}

void tdrv_force_tsch(int slot, int rc)
{
	mutex_lock(&tdrv[slot].lock);
	tdrv[slot].force_tsch = rc;
	mutex_unlock(&tdrv[slot].lock);
}

void tdrv_complete_in_next_tsch(int slot)
{
	mutex_lock(&tdrv[slot].lock);
	tdrv[slot].complete_in_tsch = true;
	mutex_unlock(&tdrv[slot].lock);
}

void tdrv_counts(int slot, struct tdrv_counts *c)
{
	struct tdrv_sch *s = &tdrv[slot];

	mutex_lock(&s->lock);
	*c = s->counts;
	c->busy = s->busy;
	c->status_pending = s->status_pending;
	mutex_unlock(&s->lock);
}

void tdrv_flush(void)
{
	int i;

	for (i = 0; i < TDRV_SLOTS; i++)
		if (tdrv[i].done.func)
			flush_work(&tdrv[i].done);
}

unsigned long tdrv_warn_count(void)
{
	return um_warn_count();
}

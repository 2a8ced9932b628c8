/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfio-ccw's half of direct injection (vfio_ccw_direct.c): the binding
 * of the subchannel to a guest subchannel id of the VM the device was
 * opened with, through <asm/kvm_s390_ccw.h>, reached with symbol_get().
 * Documentation/s390/direct-injection.rst, "The vfio-ccw half".
 *
 * Locking, with vfio_ccw_private.h's order:
 *  bind_mutex -> io_mutex -> sch->lock.  bind_mutex serializes bind,
 *  unbind, update and open/close's VM handling, and is held across
 *  kvm_s390_ccw_register/unregister(), which must not be called under
 *  io_mutex (the ops take it).  The guest's status (@pending, @owed,
 *  @irb, @intparm) and @bound are under io_mutex (KVM's dev->lock), so
 *  that a completion's status and its interrupt appear together and TSCH
 *  and CSCH (kvm_s390_ccw_withdraw()) take them together.  UNBIND waits
 *  for the @retry work (which takes io_mutex) under bind_mutex only.
 */
#ifndef _VFIO_CCW_DIRECT_H_
#define _VFIO_CCW_DIRECT_H_

#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <asm/cio.h>
#include <asm/kvm_s390_ccw.h>

struct kvm;
struct vfio_ccw_private;

/* KVM's functions, taken with symbol_get() when a VM is there. */
struct vfio_ccw_direct_kvm {
	void (*get_kvm)(struct kvm *kvm);
	void (*put_kvm)(struct kvm *kvm);
	int (*reg)(struct kvm *kvm, struct kvm_s390_ccw_dev *dev);
	void (*unreg)(struct kvm_s390_ccw_dev *dev);
	int (*update)(struct kvm_s390_ccw_dev *dev, u8 isc, bool enabled);
	int (*inject)(struct kvm_s390_ccw_dev *dev, u32 intparm);
	int (*withdraw)(struct kvm_s390_ccw_dev *dev);
};

/* The VM reference, dropped from a work item outside every lock. */
struct vfio_ccw_kvm_put {
	struct work_struct work;
	struct kvm *kvm;
	struct vfio_ccw_direct_kvm fn;
};

/**
 * struct vfio_ccw_direct_dev - direct-injection state of a subchannel
 * @kdev: what KVM sees (schid, ops, lock = &private->io_mutex, isc, ...)
 * @bind_mutex: see above
 * @kvm: the VM of the open device, referenced; under bind_mutex
 * @fn: KVM's functions while @kvm is set
 * @put: preallocated at open, queued at close
 * @bound: registered with KVM; under io_mutex (written under both)
 * @pending: the guest's status is pending in @irb; io_mutex
 * @owed: KVM refused @pending's interrupt: @retry queues it; io_mutex
 * @retry: retries the owed interrupt until it is queued
 * @irb: the guest's pending IRB (host layout, the guest's CCW address)
 * @intparm: the guest ORB's interruption parameter; io_mutex
 * @handed_back: the last unbind handed @back to the VMM; io_mutex
 * @back_owed: and its interrupt is not on the FLIC (the VMM queues it)
 * @back: that IRB
 * @inject_failed: injections KVM refused (retried by @retry)
 */
struct vfio_ccw_direct_dev {
	struct kvm_s390_ccw_dev kdev;
	struct mutex bind_mutex;
	struct kvm *kvm;
	struct vfio_ccw_direct_kvm fn;
	struct vfio_ccw_kvm_put *put;
	bool bound;
	bool pending;
	bool owed;
	struct work_struct retry;
	struct irb irb;
	u32 intparm;
	bool handed_back;
	bool back_owed;
	struct irb back;
	unsigned long inject_failed;
};

int vfio_ccw_direct_init(void);
void vfio_ccw_direct_exit(void);
void vfio_ccw_direct_setup(struct vfio_ccw_private *private);
int vfio_ccw_direct_open(struct vfio_ccw_private *private);
void vfio_ccw_direct_close(struct vfio_ccw_private *private);
void vfio_ccw_direct_release(struct vfio_ccw_private *private);
bool vfio_ccw_direct_deliver(struct vfio_ccw_private *private,
			     const struct irb *irb);
void vfio_ccw_direct_cleared(struct vfio_ccw_private *private);
int vfio_ccw_direct_feature(struct vfio_ccw_private *private, u32 flags,
			    void __user *arg, size_t argsz);

#endif /* _VFIO_CCW_DIRECT_H_ */

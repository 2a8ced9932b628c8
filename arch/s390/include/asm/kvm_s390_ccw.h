/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Direct injection: the interface between a channel-I/O passthrough
 * driver (vfio-ccw) and s390 KVM.  A project header (not in Linux 6.1):
 * Documentation/s390/direct-injection.rst has the design and the why.
 *
 * The driver embeds a struct kvm_s390_ccw_dev per passed-through
 * subchannel and binds it to the guest subchannel id the VMM gave it.
 * From then on KVM serves the guest's SSCH and TSCH for that id through
 * the ops, and the driver queues the subchannel's I/O interrupts on the
 * VM's floating interrupt list (FLIC) with kvm_s390_ccw_inject(), without
 * the VMM.
 *
 * The driver must not depend on these symbols at link time (a stock 6.1
 * kvm.ko lacks them): it takes them with symbol_get() and drops them with
 * symbol_put(); a NULL from symbol_get() means "no direct injection".
 *
 * Rules for the driver (the reasons are in the rst):
 * - Hold a reference on the VM (kvm_get_kvm() in open_device) from before
 *   kvm_s390_ccw_register() until after kvm_s390_ccw_unregister(), and
 *   drop it with kvm_put_kvm() only after releasing every lock.
 * - Calls for one dev (register, unregister, update) are serialized by the
 *   driver.
 * - register and unregister wait for the vcpus' calls into the ops to end:
 *   never call them holding a lock the ops take.
 * - dev->lock is the driver's lock over the subchannel's status: the
 *   completion makes the status pending and calls kvm_s390_ccw_inject()
 *   under it, and KVM holds it across the tsch op and the dequeue of the
 *   subchannel's interrupt, so that TSCH takes a status and its interrupt
 *   together; the driver calls kvm_s390_ccw_withdraw() under it where
 *   its CSCH drops the status, so that CSCH takes both too.
 *
 * Lock order: vcpu->mutex -> kvm_s390_ccw_srcu (read) -> dev->lock and
 * the driver's other locks (in the ops) -> kvm->arch.float_int.lock; the
 * driver's lock -> kvm_s390_ccw_srcu (read) -> float_int.lock (inject,
 * withdraw);
 * the FLIC's ccw_lock (register, unregister) nests inside nothing of
 * KVM's and takes none but the allocator's.
 */
#ifndef _ASM_S390_KVM_S390_CCW_H
#define _ASM_S390_KVM_S390_CCW_H

#include <linux/types.h>
#include <asm/cio.h>

struct kvm;
struct mutex;
struct kvm_s390_ccw_dev;

/* The subchannel id's "one" bit, M bit (MCSS-E form) and reserved bits. */
#define KVM_S390_CCW_SCHID_ONE		0x00010000U
#define KVM_S390_CCW_SCHID_M		0x00080000U
#define KVM_S390_CCW_SCHID_RSVD		0x00f00000U
#define KVM_S390_CCW_SCHID_CSSID(id)	((id) >> 24)
#define KVM_S390_CCW_SCHID_SSID(id)	(((id) >> 17) & 3)
#define KVM_S390_CCW_SCHID_NR(id)	((id) & 0xffff)

/*
 * The guest's ORB as KVM fetched it: architected, big-endian words. KVM
 * fetches the 12 bytes of a command-mode ORB, as QEMU does.
 */
#define KVM_S390_CCW_ORB_FETCH		12
struct kvm_s390_ccw_orb {
	__be32 word[8];		/* intparm, control word, cpa, rest 0 */
};

struct kvm_s390_ccw_ops {
	/*
	 * Start the guest's channel program (the guest's SSCH, validated
	 * by KVM: the ORB is well formed and the subchannel enabled).
	 * Return the condition code 0..3, or -EOPNOTSUPP to give the
	 * instruction to the VMM (nothing changed). May sleep. Called under
	 * kvm_s390_ccw_srcu on a vcpu thread.
	 */
	int (*ssch)(struct kvm_s390_ccw_dev *dev,
		    const struct kvm_s390_ccw_orb *orb);
	/*
	 * The guest's TSCH: fill @irb (the architected big-endian image of
	 * its first 64 bytes, as in the vfio-ccw I/O region; no extended-
	 * measurement words) with the subchannel's IRB and clear
	 * the status as TSCH does. Return 1 if the status was pending
	 * (cc 0), 0 if not (cc 1; the IRB is stored then too), or
	 * -EOPNOTSUPP (nothing changed). KVM has checked that the IRB can
	 * be stored. Called with dev->lock held. May sleep.
	 */
	int (*tsch)(struct kvm_s390_ccw_dev *dev, struct irb *irb);
};

struct kvm_s390_ccw_dev {
	/* set by the driver before register; read-only while bound */
	u32 schid;	/* guest subsystem-identification word (GR1 form) */
	const struct kvm_s390_ccw_ops *ops;
	struct mutex *lock;	/* the status lock (above) */
	/* set before register, then only through kvm_s390_ccw_update() */
	u8 isc;		/* the guest's ISC (PMCW) */
	bool enabled;	/* the guest's PMCW enabled bit */
	/* KVM's own: the VM bound to, under kvm_s390_ccw_srcu */
	struct kvm __rcu *kvm;
};

/*
 * Bind @dev to @kvm. 0; -EINVAL for a bad schid, ISC, missing ops or lock;
 * -EBUSY if @dev is bound or its schid is bound in @kvm already; -ENODEV
 * if @kvm has no FLIC; -ENOMEM.
 */
int kvm_s390_ccw_register(struct kvm *kvm, struct kvm_s390_ccw_dev *dev);
/*
 * Unbind @dev (a no-op if it is not bound) and wait until no vcpu is in
 * its ops and no injection for it is under way. Its queued interrupts
 * stay on the FLIC. Sleeps.
 */
void kvm_s390_ccw_unregister(struct kvm_s390_ccw_dev *dev);
/* The guest's MSCH changed the ISC or enablement: 0, -EINVAL, -ENODEV. */
int kvm_s390_ccw_update(struct kvm_s390_ccw_dev *dev, u8 isc, bool enabled);
/*
 * Queue an I/O interrupt for @dev's guest subchannel with @intparm and
 * the current guest ISC, and kick a vcpu. Process context (allocates).
 * 0; -ENODEV if not bound (any more); -EBUSY if the FLIC's queue is full;
 * -ENOMEM.
 */
int kvm_s390_ccw_inject(struct kvm_s390_ccw_dev *dev, u32 intparm);
/*
 * Withdraw every I/O interrupt of @dev's guest subchannel from the FLIC
 * (any ISC), as the CLEAR SUBCHANNEL the driver performs withdraws the
 * pending interruption condition. Call it with dev->lock held, in the
 * critical section that drops the status, so that the two go together.
 * The number withdrawn; -ENODEV if not bound (any more).
 */
int kvm_s390_ccw_withdraw(struct kvm_s390_ccw_dev *dev);

#endif /* _ASM_S390_KVM_S390_CCW_H */

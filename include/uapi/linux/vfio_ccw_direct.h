/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Direct injection for vfio-ccw: a VFIO_DEVICE_FEATURE of the vfio-ccw
 * device with which the VMM binds the device's subchannel to a guest
 * subchannel id of the VM the device belongs to (the VM whose kvm-vfio
 * device holds the device's group). While bound, s390 KVM serves the
 * guest's SSCH and TSCH for that id and the driver puts the subchannel's
 * I/O interrupts on the VM's FLIC, without the VMM.
 *
 * A project header (not in Linux): Documentation/s390/direct-injection.rst
 * has the semantics and the reasons.
 */
#ifndef _UAPI_LINUX_VFIO_CCW_DIRECT_H
#define _UAPI_LINUX_VFIO_CCW_DIRECT_H

#include <linux/types.h>

/*
 * The feature number, in struct vfio_device_feature's flags. Far above
 * upstream's sequence (0, 1, 2, ...) so that it cannot collide with a
 * number upstream hands out later.
 */
#define VFIO_DEVICE_FEATURE_CCW_DIRECT	0xcc00

/*
 * The payload (vfio_device_feature.data).
 *
 * SET: exactly one of the flags below.
 *  BIND    binds to @schid with @isc and @enabled.
 *  UNBIND  unbinds (@schid, @isc and @enabled must be zero).
 *  UPDATE  the guest's MSCH changed @isc or @enabled (@schid must be the
 *          bound one).
 *  @state, @intparm and @irb must be zero.
 * GET: flags must be zero; fills @schid, @isc, @enabled, @state, @intparm
 *  and @irb
 *  (the IRB the kernel holds for the guest's next TSCH, if @state has
 *  VFIO_CCW_DIRECT_STATE_STATUS_PENDING; after an UNBIND that handed a
 *  pending status back, the IRB handed back, with
 *  VFIO_CCW_DIRECT_STATE_HANDED_BACK); BUSY: a channel program the
 *  kernel started is still running; IRQ_OWED (with STATUS_PENDING or
 *  HANDED_BACK): the status's I/O interrupt is not on the FLIC, because
 *  KVM refused it (FLIC full, no memory).  While bound the kernel
 *  retries it until it is queued (the guest's TSCH finds the status
 *  meanwhile); handed back, the VMM must queue it itself.
 * PROBE: 0 if the driver and the kernel support direct injection.
 *
 * Errors: EINVAL for unknown or several flags, a nonzero reserved or
 * output field, a malformed @schid, @isc > 7, UPDATE with another
 * @schid; EPERM if the device is not associated with a VM (its group is
 * not in a kvm-vfio device); EBUSY for BIND while bound, or for a @schid
 * already bound in the VM; ENODEV for UNBIND or UPDATE while not bound;
 * ENOTTY (PROBE included) if the running kernel cannot do it.
 */
struct vfio_ccw_direct {
	__u32 flags;
#define VFIO_CCW_DIRECT_BIND		(1U << 0)
#define VFIO_CCW_DIRECT_UNBIND		(1U << 1)
#define VFIO_CCW_DIRECT_UPDATE		(1U << 2)
	/*
	 * The guest's subsystem-identification word, as in GR1 and in the
	 * interrupts the VMM enqueues for it: cssid << 24 | m << 19 |
	 * ssid << 17 | 1 << 16 | subchannel number.
	 */
	__u32 schid;
	__u8 isc;		/* the guest PMCW's ISC */
	__u8 enabled;		/* the guest PMCW's E bit: 0 or 1 */
	__u16 reserved0;
	__u32 state;
#define VFIO_CCW_DIRECT_STATE_BOUND		(1U << 0)
#define VFIO_CCW_DIRECT_STATE_STATUS_PENDING	(1U << 1)
#define VFIO_CCW_DIRECT_STATE_HANDED_BACK	(1U << 2)
#define VFIO_CCW_DIRECT_STATE_BUSY		(1U << 3)
#define VFIO_CCW_DIRECT_STATE_IRQ_OWED		(1U << 4)
	/*
	 * GET: the intparm of the guest's last ORB the kernel started (the
	 * one its interrupts carry; the VMM needs it for an I/O still in
	 * flight at UNBIND, which then completes the classic way).
	 */
	__u32 intparm;
	__u32 reserved1[2];
	__u8 irb[64];		/* architected IRB: SCSW, ESW, ECW */
};

#endif /* _UAPI_LINUX_VFIO_CCW_DIRECT_H */

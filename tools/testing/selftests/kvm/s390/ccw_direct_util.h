/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A test driver for direct injection: kernel-side code linked into the
 * test (ccw_direct_tdrv.c, built with the kernel-side flags) that binds
 * pretend subchannels to a VM with kvm_s390_ccw_register() and answers
 * the ops as vfio-ccw would, with a start function, a pending status and
 * an IRB per subchannel. Its completions run on a workqueue (process
 * context), as vfio-ccw's do. Only plain C types cross this interface:
 * the user-side test includes it too.
 */
#ifndef SELFTEST_KVM_S390_CCW_DIRECT_UTIL_H
#define SELFTEST_KVM_S390_CCW_DIRECT_UTIL_H

#define TDRV_SLOTS		8
/* tdrv_force_*(): no forced answer */
#define TDRV_NO_FORCE		(-1000)
/* device status of a completion: channel end | device end */
#define TDRV_DSTAT_OK		0x0c

struct tdrv_counts {
	unsigned int ssch;		/* ssch op calls */
	unsigned int tsch;		/* tsch op calls */
	unsigned int tsch_pending;	/* of which found the status pending */
	unsigned int orb[3];		/* the last ORB (host byte order) */
	unsigned int injected;		/* successful injections */
	int busy;			/* start function active */
	int status_pending;
};

/*
 * Bind slot @slot to the VM of @vm_fd as guest subchannel @schid.
 * @take_ref: hold a VM reference while bound (what a correct driver
 * does); @with_ops 0 leaves the ops out (to see EINVAL).
 * @auto_complete: every accepted SSCH completes from a work item.
 * Return kvm_s390_ccw_register()'s result.
 */
int tdrv_bind(int slot, int vm_fd, unsigned int schid, unsigned int isc,
	      int enabled, int take_ref, int with_ops, int auto_complete);
/* kvm_s390_ccw_unregister(), then drop the VM reference if held. */
void tdrv_unbind(int slot);
int tdrv_update(int slot, unsigned int isc, int enabled);
/* Make the status pending and inject, under the driver's lock. */
int tdrv_complete(int slot, unsigned int dstat);
/* kvm_s390_ccw_inject() on its own. */
int tdrv_inject(int slot, unsigned int intparm);
/* kvm_s390_ccw_withdraw() under the driver's lock. */
int tdrv_withdraw(int slot);
void tdrv_force_ssch(int slot, int rc);
void tdrv_force_tsch(int slot, int rc);
/* the next tsch op completes the I/O first, under the driver's lock */
void tdrv_complete_in_next_tsch(int slot);
void tdrv_counts(int slot, struct tdrv_counts *c);
/* wait until the work items of completions have run */
void tdrv_flush(void);
/* the host's count of WARN*() so far */
unsigned long tdrv_warn_count(void);

#endif /* SELFTEST_KVM_S390_CCW_DIRECT_UTIL_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * Direct injection for passed-through subchannels (not in 6.1): the
 * bindings of driver subchannels (struct kvm_s390_ccw_dev, see
 * <asm/kvm_s390_ccw.h>) to guest subchannel ids, the injection of their
 * I/O interrupts onto the FLIC, and the guest's SSCH and TSCH for a bound
 * subchannel, served here instead of in the VMM.
 * Documentation/s390/direct-injection.rst has the design.
 *
 * Where the bindings live: 6.1's struct kvm_arch has no field for them,
 * so, like the FLIC's other per-VM state, they hang off the FLIC device
 * (kvm->arch.flic->private), which lives as long as the VM.
 *
 * Locking:
 * - kvm_s390_ccw_srcu (one domain for all VMs) protects each VM's table
 *   of bindings and each dev's ->kvm: vcpus look a subchannel up and
 *   call its ops, injectors read dev->kvm, under the read side; unbinding
 *   waits for them with synchronize_srcu(). A domain of its own (not the
 *   FLIC's) because it must outlive a VM whose dev is unbound by force
 *   at VM destruction (the driver then still holds the dev).
 * - flic->ccw_lock serializes the writers of the table.
 * SRCU rather than the rwsem of vfio-ap's pqap_hook: a reader never
 * waits, so an injector holding a driver lock cannot deadlock against
 * an unbind waiting for a vcpu that waits for that lock.
 */
#include <linux/errno.h>
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/string.h>
#include <asm/byteorder.h>
#include <asm/kvm_host.h>
#include <asm/kvm_s390_ccw.h>

#include "kvm-s390.h"
#include "gaccess.h"

DEFINE_STATIC_SRCU(kvm_s390_ccw_srcu);

/* all I/O interruption subclasses, in CR6 format */
#define ALL_ISCS_MASK	(0xffUL << 24)

/* ORB control-word bits QEMU refuses (ctrl0 0x0004, ctrl1 0x3e, MIDAW) */
#define ORB_CTRL_INVALID	0x0004007eU
#define ORB_CPA_INVALID		0x80000000U

/*
 * Copied on register (which also drops the holes), published with
 * rcu_assign_pointer() under ccw_lock and read under kvm_s390_ccw_srcu.
 * Unregister only empties the dev's slot (WRITE_ONCE), so it needs no
 * memory and a lookup never misses another dev.
 */
struct kvm_s390_ccw_table {
	unsigned int nr;
	struct kvm_s390_ccw_dev *devs[];
};

static struct kvm_s390_flic *ccw_flic(struct kvm *kvm)
{
	/* pairs with the release in flic_create() */
	struct kvm_device *dev = smp_load_acquire(&kvm->arch.flic);

	return dev ? dev->private : NULL;
}

/*
 * A subsystem-identification word as the guest gives it in GR1, with M
 * left out: with cssid 0 the guest may or may not set M. Returns 0 for
 * a malformed one (a valid key always has the "one" bit).
 */
static u32 schid_key(u32 schid)
{
	if (!(schid & KVM_S390_CCW_SCHID_ONE) ||
	    (schid & KVM_S390_CCW_SCHID_RSVD))
		return 0;
	if (!(schid & KVM_S390_CCW_SCHID_M) && KVM_S390_CCW_SCHID_CSSID(schid))
		return 0;
	return schid & ~KVM_S390_CCW_SCHID_M;
}

/* Under kvm_s390_ccw_srcu. */
static struct kvm_s390_ccw_dev *ccw_lookup(struct kvm *kvm, u32 key)
{
	struct kvm_s390_flic *flic = ccw_flic(kvm);
	struct kvm_s390_ccw_table *tbl;
	unsigned int i;

	if (!flic)
		return NULL;
	tbl = srcu_dereference(flic->ccw_table, &kvm_s390_ccw_srcu);
	if (!tbl)
		return NULL;
	for (i = 0; i < tbl->nr; i++) {
		struct kvm_s390_ccw_dev *dev = READ_ONCE(tbl->devs[i]);

		if (dev && schid_key(dev->schid) == key)
			return dev;
	}
	return NULL;
}

/* @old without its holes, plus @add; ccw_lock held. */
static struct kvm_s390_ccw_table *
ccw_table_copy(struct kvm_s390_ccw_table *old, struct kvm_s390_ccw_dev *add)
{
	unsigned int i, n = (old ? old->nr : 0) + 1;
	struct kvm_s390_ccw_table *tbl;

	tbl = kzalloc(struct_size(tbl, devs, n), GFP_KERNEL_ACCOUNT);
	if (!tbl)
		return NULL;
	for (i = 0; old && i < old->nr; i++)
		if (old->devs[i])
			tbl->devs[tbl->nr++] = old->devs[i];
	tbl->devs[tbl->nr++] = add;
	return tbl;
}

static bool ccw_dev_valid(struct kvm_s390_ccw_dev *dev)
{
	return dev->ops && dev->ops->ssch && dev->ops->tsch && dev->lock &&
	       schid_key(dev->schid) && dev->isc <= MAX_ISC;
}

int kvm_s390_ccw_register(struct kvm *kvm, struct kvm_s390_ccw_dev *dev)
{
	struct kvm_s390_ccw_table *old, *tbl;
	struct kvm_s390_flic *flic;
	unsigned int i;

	if (!ccw_dev_valid(dev))
		return -EINVAL;
	/* the driver serializes calls for one dev: no lock needed here */
	if (rcu_access_pointer(dev->kvm))
		return -EBUSY;
	flic = ccw_flic(kvm);
	if (!flic)
		return -ENODEV;

	mutex_lock(&flic->ccw_lock);
	old = rcu_dereference_protected(flic->ccw_table,
					lockdep_is_held(&flic->ccw_lock));
	for (i = 0; old && i < old->nr; i++) {
		if (old->devs[i] &&
		    schid_key(old->devs[i]->schid) == schid_key(dev->schid)) {
			mutex_unlock(&flic->ccw_lock);
			return -EBUSY;
		}
	}
	tbl = ccw_table_copy(old, dev);
	if (!tbl) {
		mutex_unlock(&flic->ccw_lock);
		return -ENOMEM;
	}
	/* the dev is bound before a vcpu can find it */
	rcu_assign_pointer(dev->kvm, kvm);
	rcu_assign_pointer(flic->ccw_table, tbl);
	mutex_unlock(&flic->ccw_lock);

	synchronize_srcu(&kvm_s390_ccw_srcu);
	kfree(old);
	return 0;
}
EXPORT_SYMBOL_GPL(kvm_s390_ccw_register);

void kvm_s390_ccw_unregister(struct kvm_s390_ccw_dev *dev)
{
	struct kvm_s390_ccw_table *tbl;
	struct kvm_s390_flic *flic;
	struct kvm *kvm;
	unsigned int i;

	kvm = rcu_access_pointer(dev->kvm);
	if (!kvm)
		return;		/* never bound, or unbound by VM destruction */
	flic = ccw_flic(kvm);
	if (WARN_ON_ONCE(!flic))
		return;

	mutex_lock(&flic->ccw_lock);
	tbl = rcu_dereference_protected(flic->ccw_table,
					lockdep_is_held(&flic->ccw_lock));
	for (i = 0; tbl && i < tbl->nr; i++)
		if (tbl->devs[i] == dev)
			WRITE_ONCE(tbl->devs[i], NULL);
	RCU_INIT_POINTER(dev->kvm, NULL);
	mutex_unlock(&flic->ccw_lock);

	/* no vcpu is in dev's ops, no injection for dev under way */
	synchronize_srcu(&kvm_s390_ccw_srcu);
}
EXPORT_SYMBOL_GPL(kvm_s390_ccw_unregister);

int kvm_s390_ccw_update(struct kvm_s390_ccw_dev *dev, u8 isc, bool enabled)
{
	if (isc > MAX_ISC)
		return -EINVAL;
	if (!rcu_access_pointer(dev->kvm))
		return -ENODEV;
	/* read without a lock by injectors and by SSCH */
	WRITE_ONCE(dev->isc, isc);
	WRITE_ONCE(dev->enabled, enabled);
	return 0;
}
EXPORT_SYMBOL_GPL(kvm_s390_ccw_update);

int kvm_s390_ccw_inject(struct kvm_s390_ccw_dev *dev, u32 intparm)
{
	struct kvm_s390_interrupt_info *inti;
	struct kvm *kvm;
	int idx, rc;

	idx = srcu_read_lock(&kvm_s390_ccw_srcu);
	kvm = srcu_dereference(dev->kvm, &kvm_s390_ccw_srcu);
	if (!kvm) {
		rc = -ENODEV;
		goto out;
	}
	inti = kzalloc(sizeof(*inti), GFP_KERNEL_ACCOUNT);
	if (!inti) {
		rc = -ENOMEM;
		goto out;
	}
	inti->type = KVM_S390_INT_IO(0, KVM_S390_CCW_SCHID_CSSID(dev->schid),
				     KVM_S390_CCW_SCHID_SSID(dev->schid),
				     KVM_S390_CCW_SCHID_NR(dev->schid));
	inti->io.subchannel_id = dev->schid >> 16;
	inti->io.subchannel_nr = KVM_S390_CCW_SCHID_NR(dev->schid);
	inti->io.io_int_parm = intparm;
	inti->io.io_int_word = (u32)READ_ONCE(dev->isc) << 27;
	rc = kvm_s390_inject_float_inti(kvm, inti);
	if (rc) {
		kfree(inti);
		goto out;
	}
	kvm_s390_ccw_count_injected(kvm);
out:
	srcu_read_unlock(&kvm_s390_ccw_srcu, idx);
	return rc;
}
EXPORT_SYMBOL_GPL(kvm_s390_ccw_inject);

int kvm_s390_ccw_withdraw(struct kvm_s390_ccw_dev *dev)
{
	struct kvm_s390_interrupt_info *inti;
	struct kvm *kvm;
	int idx, n = 0;

	idx = srcu_read_lock(&kvm_s390_ccw_srcu);
	kvm = srcu_dereference(dev->kvm, &kvm_s390_ccw_srcu);
	if (!kvm) {
		n = -ENODEV;
		goto out;
	}
	/* any ISC: the guest's MSCH may have moved it since the queueing */
	while ((inti = kvm_s390_get_io_int(kvm, ALL_ISCS_MASK, dev->schid))) {
		kfree(inti);
		n++;
	}
out:
	srcu_read_unlock(&kvm_s390_ccw_srcu, idx);
	return n;
}
EXPORT_SYMBOL_GPL(kvm_s390_ccw_withdraw);

/*
 * The VM is going away with devs still bound: a driver that dropped its
 * VM reference too early (zPCI warns the same way). Unbind them so that
 * nothing is injected into the dead VM; the driver's later calls for
 * them find them unbound. Called before the floating interrupts are freed,
 * when no vcpu runs any more; also called when the VM has none.
 */
void kvm_s390_ccw_destroy_vm(struct kvm *kvm)
{
	struct kvm_s390_flic *flic = ccw_flic(kvm);
	struct kvm_s390_ccw_table *tbl;
	unsigned int i;

	if (!flic)
		return;
	mutex_lock(&flic->ccw_lock);
	tbl = rcu_dereference_protected(flic->ccw_table,
					lockdep_is_held(&flic->ccw_lock));
	RCU_INIT_POINTER(flic->ccw_table, NULL);
	for (i = 0; tbl && i < tbl->nr; i++) {
		if (!tbl->devs[i])
			continue;
		WARN(1, "kvm-s390: subchannel %08x bound at VM destruction\n",
		     tbl->devs[i]->schid);
		RCU_INIT_POINTER(tbl->devs[i]->kvm, NULL);
	}
	mutex_unlock(&flic->ccw_lock);
	if (!tbl)
		return;
	/* injections that saw the binding have queued their interrupt */
	synchronize_srcu(&kvm_s390_ccw_srcu);
	kfree(tbl);
}

void kvm_s390_ccw_init_flic(struct kvm_s390_flic *flic)
{
	mutex_init(&flic->ccw_lock);
	RCU_INIT_POINTER(flic->ccw_table, NULL);
}

/* ---- the instructions ---- */

/* QEMU's ORB checks: reserved control bits, MIDAW, cpa bit 0. */
static bool orb_valid(const struct kvm_s390_ccw_orb *orb)
{
	return !(be32_to_cpu(orb->word[1]) & ORB_CTRL_INVALID) &&
	       !(be32_to_cpu(orb->word[2]) & ORB_CPA_INVALID);
}

static int ccw_ssch(struct kvm_vcpu *vcpu, struct kvm_s390_ccw_dev *dev)
{
	struct kvm_s390_ccw_orb orb = {};
	u64 addr;
	int cc;

	addr = kvm_s390_get_base_disp_s(vcpu, NULL);
	if (addr & 3)
		return kvm_s390_inject_program_int(vcpu, PGM_SPECIFICATION);
	if (kvm_read_guest(vcpu->kvm, kvm_s390_real_to_abs(vcpu, addr),
			   &orb, KVM_S390_CCW_ORB_FETCH))
		return kvm_s390_inject_program_int(vcpu, PGM_ADDRESSING);
	if (!orb_valid(&orb))
		return kvm_s390_inject_program_int(vcpu, PGM_OPERAND);
	if (!READ_ONCE(dev->enabled)) {
		cc = 3;
	} else {
		cc = dev->ops->ssch(dev, &orb);
		if (cc == -EOPNOTSUPP)
			return cc;
		if (WARN_ON_ONCE(cc < 0 || cc > 3))
			return -EOPNOTSUPP;
	}
	kvm_s390_ccw_count(vcpu, instruction_ssch_kernel);
	kvm_s390_set_psw_cc(vcpu, cc);
	return 0;
}

/* Give a dequeued interrupt back; -EFAULT if even that fails. */
static int ccw_requeue(struct kvm *kvm, struct kvm_s390_interrupt_info *inti)
{
	if (!inti || !kvm_s390_reinject_io_int(kvm, inti))
		return 0;
	kfree(inti);
	return -EFAULT;
}

/*
 * TSCH for a bound subchannel. The IRB's place is checked first, so that
 * a TSCH that ends in an access exception changes nothing. Then, under
 * the driver's status lock, under which its completions make the status
 * pending and queue the interrupt, the driver takes the status and the
 * subchannel's queued interrupt is taken with it (any ISC, CR6 ignored,
 * as 6.1's TSCH): no interrupt stays behind for a status already
 * cleared, and none of a later status is taken.
 */
static int ccw_tsch(struct kvm_vcpu *vcpu, struct kvm_s390_ccw_dev *dev)
{
	struct kvm_s390_interrupt_info *inti = NULL;
	unsigned long gpa;
	struct irb irb;
	u64 addr;
	int pending;

	addr = kvm_s390_get_base_disp_s(vcpu, NULL);
	if (addr & 3)
		return kvm_s390_inject_program_int(vcpu, PGM_SPECIFICATION);
	gpa = kvm_s390_real_to_abs(vcpu, addr);
	if (kvm_read_guest(vcpu->kvm, gpa, &irb, sizeof(irb)))
		return kvm_s390_inject_program_int(vcpu, PGM_ADDRESSING);

	memset(&irb, 0, sizeof(irb));
	mutex_lock(dev->lock);
	pending = dev->ops->tsch(dev, &irb);
	if (pending >= 0)
		inti = kvm_s390_get_io_int(vcpu->kvm, ALL_ISCS_MASK,
					   dev->schid);
	mutex_unlock(dev->lock);
	if (pending < 0 || WARN_ON_ONCE(pending > 1)) {
		if (ccw_requeue(vcpu->kvm, inti))
			return -EFAULT;
		return -EOPNOTSUPP;
	}
	if (kvm_write_guest(vcpu->kvm, gpa, &irb, sizeof(irb))) {
		/* the memslot went away since the check: the status is lost */
		WARN_ON_ONCE(pending);
		if (ccw_requeue(vcpu->kvm, inti))
			return -EFAULT;
		return kvm_s390_inject_program_int(vcpu, PGM_ADDRESSING);
	}
	kfree(inti);
	kvm_s390_ccw_count(vcpu, instruction_tsch_kernel);
	kvm_s390_set_psw_cc(vcpu, pending ? 0 : 1);
	return 0;
}

/*
 * SSCH (0xb233) or TSCH (0xb235) of the guest, privileged state and CSS
 * support checked: served here if GR1 names a bound subchannel, else
 * -EOPNOTSUPP (the caller goes on as without direct injection).
 */
int kvm_s390_ccw_handle_io(struct kvm_vcpu *vcpu)
{
	u32 key = schid_key(vcpu->run->s.regs.gprs[1]);
	struct kvm_s390_ccw_dev *dev;
	int idx, rc = -EOPNOTSUPP;

	/* a malformed subchannel id never names a bound subchannel */
	if (!key)
		return rc;
	idx = srcu_read_lock(&kvm_s390_ccw_srcu);
	dev = ccw_lookup(vcpu->kvm, key);
	if (dev && vcpu->arch.sie_block->ipa == 0xb233)
		rc = ccw_ssch(vcpu, dev);
	else if (dev)
		rc = ccw_tsch(vcpu, dev);
	srcu_read_unlock(&kvm_s390_ccw_srcu, idx);
	return rc;
}

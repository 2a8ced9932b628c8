// SPDX-License-Identifier: GPL-2.0
/*
 * s390 interrupt handling for KVM: the pending state of floating (per VM)
 * and local (per vcpu) interrupts, their deliverability under the guest's
 * PSW and control-register masks, delivery through the lowcore before SIE
 * is entered and intercept requests for what cannot be taken yet, injection
 * with the choice of the vcpu to kick, enabled wait, the dequeue
 * helpers TSCH/TPI and CLEAR_IO_IRQ use, and the save/restore of a
 * vcpu's local interrupts (KVM_S390_GET/SET_IRQ_STATE).
 *
 * Data lives where Linux 6.1 keeps it: kvm->arch.float_int and
 * vcpu->arch.local_int, with the IRQ_PEND_* bit numbers as priorities
 * (a higher bit is delivered first).
 */

#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/kvm_host.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/asm-offsets.h>
#include <asm/ctl_reg.h>
#include <asm/kvm_host.h>

#include "kvm-s390.h"
#include "gaccess.h"

/* Program-interruption codes the delivery code looks at. */
#define PGM_PROTECTION_CODE		0x04
#define PGM_DATA_CODE			0x07
#define PGM_SEGMENT_TRANSLATION_CODE	0x10
#define PGM_PAGE_TRANSLATION_CODE	0x11
#define PGM_ASCE_TYPE_CODE		0x38
#define PGM_REGION_FIRST_TRANS_CODE	0x39
#define PGM_REGION_SECOND_TRANS_CODE	0x3a
#define PGM_REGION_THIRD_TRANS_CODE	0x3b
#define PGM_MONITOR_CODE		0x40
#define PGM_PER_BIT			0x80

/* --- masks ----------------------------------------------------------- */

int psw_extint_disabled(struct kvm_vcpu *vcpu)
{
	return !(vcpu->arch.sie_block->gpsw.mask & PSW_MASK_EXT);
}

static int psw_ioint_disabled(struct kvm_vcpu *vcpu)
{
	return !(vcpu->arch.sie_block->gpsw.mask & PSW_MASK_IO);
}

static int psw_mchk_disabled(struct kvm_vcpu *vcpu)
{
	return !(vcpu->arch.sie_block->gpsw.mask & PSW_MASK_MCHECK);
}

static int psw_interrupts_disabled(struct kvm_vcpu *vcpu)
{
	return psw_extint_disabled(vcpu) && psw_ioint_disabled(vcpu) &&
	       psw_mchk_disabled(vcpu);
}

/* CR6 bit of an ISC (bits 32..39 of the register) */
static u64 isc_to_isc_bits(int isc)
{
	return (0x80UL >> isc) << 24;
}

static u8 int_word_to_isc(u32 int_word)
{
	return (int_word & 0x38000000U) >> 27;
}

static int isc_to_irq_type(unsigned long isc)
{
	return IRQ_PEND_IO_ISC_0 - isc;
}

static int irq_type_to_isc(unsigned long irq_type)
{
	return IRQ_PEND_IO_ISC_0 - irq_type;
}

static unsigned long pending_irqs(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_float_interrupt *fi = &vcpu->kvm->arch.float_int;

	return (READ_ONCE(fi->pending_irqs) |
		READ_ONCE(vcpu->arch.local_int.pending_irqs)) &
	       ~READ_ONCE(fi->masked_irqs);
}

/*
 * The IRQ_PEND_* kinds @vcpu can take with its current PSW and control
 * registers, whether or not any is pending. Only the vcpu's own thread
 * (or one that owns the stopped vcpu) may call this.
 */
static unsigned long enabled_irqs(struct kvm_vcpu *vcpu, u64 mchk_cr14)
{
	const u64 *gcr = vcpu->arch.sie_block->gcr;
	unsigned long mask = (1UL << IRQ_PEND_COUNT) - 1;
	int isc;

	if (psw_extint_disabled(vcpu))
		mask &= ~IRQ_PEND_EXT_MASK;
	if (psw_ioint_disabled(vcpu)) {
		mask &= ~IRQ_PEND_IO_MASK;
	} else {
		for (isc = 0; isc <= MAX_ISC; isc++)
			if (!(gcr[6] & isc_to_isc_bits(isc)))
				mask &= ~(1UL << isc_to_irq_type(isc));
	}
	if (!(gcr[0] & CR0_EXTERNAL_CALL_SUBMASK))
		mask &= ~(1UL << IRQ_PEND_EXT_EXTERNAL);
	if (!(gcr[0] & CR0_EMERGENCY_SIGNAL_SUBMASK))
		mask &= ~(1UL << IRQ_PEND_EXT_EMERGENCY);
	if (!(gcr[0] & CR0_CLOCK_COMPARATOR_SUBMASK))
		mask &= ~(1UL << IRQ_PEND_EXT_CLOCK_COMP);
	if (!(gcr[0] & CR0_CPU_TIMER_SUBMASK))
		mask &= ~(1UL << IRQ_PEND_EXT_CPU_TIMER);
	if (!(gcr[0] & CR0_SERVICE_SIGNAL_SUBMASK))
		mask &= ~((1UL << IRQ_PEND_EXT_SERVICE) |
			  (1UL << IRQ_PEND_EXT_SERVICE_EV));
	if (psw_mchk_disabled(vcpu))
		mask &= ~IRQ_PEND_MCHK_MASK;
	/* a repressible machine check needs its subclass enabled in CR14 */
	if (!(gcr[14] & mchk_cr14))
		mask &= ~(1UL << IRQ_PEND_MCHK_REP);
	/* stop requests are the stop intercept's (intercept.c), not delivered */
	mask &= ~(1UL << IRQ_PEND_SIGP_STOP);
	return mask;
}

static unsigned long deliverable_irqs(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_float_interrupt *fi = &vcpu->kvm->arch.float_int;
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	unsigned long pending = pending_irqs(vcpu);
	u64 cr14 = 0;

	if (!pending)
		return 0;
	/* the subclasses of pending repressible machine checks (rare) */
	if (pending & (1UL << IRQ_PEND_MCHK_REP)) {
		spin_lock(&fi->lock);
		cr14 |= fi->mchk.cr14;
		spin_unlock(&fi->lock);
		spin_lock(&li->lock);
		cr14 |= li->irq.mchk.cr14;
		spin_unlock(&li->lock);
	}
	return pending & enabled_irqs(vcpu, cr14);
}

/* --- idle (enabled wait) bookkeeping ----------------------------------- */

static struct kvm_s390_flic *kvm_flic(struct kvm *kvm)
{
	struct kvm_device *dev = READ_ONCE(kvm->arch.flic);

	return dev ? dev->private : NULL;
}

static void __set_cpu_idle(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_flic *flic = kvm_flic(vcpu->kvm);

	/*
	 * Publish what this vcpu can take before it shows up as idle; a
	 * channel report is the only floating machine check.
	 */
	if (flic)
		atomic_set(&flic->wait_irqs[vcpu->vcpu_idx],
			   enabled_irqs(vcpu, CR14_CHANNEL_REPORT_SUBMASK));
	kvm_s390_set_cpuflags(vcpu, CPUSTAT_WAIT);
	set_bit(vcpu->vcpu_idx, vcpu->kvm->arch.idle_mask);
	/* pairs with the barrier in __floating_irq_kick() */
	smp_mb__after_atomic();
}

static void __unset_cpu_idle(struct kvm_vcpu *vcpu)
{
	kvm_s390_clear_cpuflags(vcpu, CPUSTAT_WAIT);
	clear_bit(vcpu->vcpu_idx, vcpu->kvm->arch.idle_mask);
}

static void __floating_irq_kick(struct kvm *kvm, unsigned long irq_bits,
				struct kvm_vcpu *skip);

/* the IRQ_PEND_* bits a floating interrupt can be pending under */
#define FLOAT_IRQ_MASK	(IRQ_PEND_IO_MASK | (1UL << IRQ_PEND_MCHK_REP) | \
			 (1UL << IRQ_PEND_EXT_SERVICE) |		 \
			 (1UL << IRQ_PEND_EXT_SERVICE_EV) |		 \
			 (1UL << IRQ_PEND_VIRTIO) |			 \
			 (1UL << IRQ_PEND_PFAULT_DONE))

/*
 * A kick goes to one vcpu. If that vcpu cannot take (all of) what is
 * pending after all, because it just took another interrupt and runs
 * disabled in the handler, or it changed its masks, it passes the rest
 * on to another vcpu, so a floating interrupt never waits for a vcpu
 * that will not take it while another one could.
 */
static void floating_irq_handoff(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_float_interrupt *fi = &vcpu->kvm->arch.float_int;
	unsigned long rest;

	if (atomic_read(&vcpu->kvm->online_vcpus) < 2)
		return;
	rest = READ_ONCE(fi->pending_irqs) & ~READ_ONCE(fi->masked_irqs) &
	       FLOAT_IRQ_MASK;
	if (rest)
		__floating_irq_kick(vcpu->kvm, rest, vcpu);
}

/* --- delivery -------------------------------------------------------- */

/* Store the current PSW as @old_psw and load the new one from @new_psw. */
static int swap_psw(struct kvm_vcpu *vcpu, unsigned long old_psw,
		    unsigned long new_psw)
{
	psw_t *psw = &vcpu->arch.sie_block->gpsw;
	int rc;

	rc = write_guest_lc_psw(vcpu, old_psw, psw);
	rc |= read_guest_lc_psw(vcpu, new_psw, psw);
	return rc;
}

/* An external interruption: code, cpu address / subcode, PSW swap. */
static int deliver_ext(struct kvm_vcpu *vcpu, u16 code, u16 cpu_addr)
{
	int rc;

	rc = put_guest_lc(vcpu, code, (u16 *)__LC_EXT_INT_CODE);
	rc |= put_guest_lc(vcpu, cpu_addr, (u16 *)__LC_EXT_CPU_ADDR);
	rc |= swap_psw(vcpu, __LC_EXT_OLD_PSW, __LC_EXT_NEW_PSW);
	return rc;
}

static int __must_check __deliver_machine_check(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_float_interrupt *fi = &vcpu->kvm->arch.float_int;
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	struct kvm_s390_mchk_info mchk = {};
	bool deliver = false;
	int rc;

	/*
	 * Local and floating machine checks are merged into one interruption
	 * (6.1 does the same): exigent ones always, the floating channel
	 * report only if CR14 enables its subclass.
	 */
	spin_lock(&li->lock);
	if (test_bit(IRQ_PEND_MCHK_EX, &li->pending_irqs) ||
	    test_bit(IRQ_PEND_MCHK_REP, &li->pending_irqs)) {
		mchk = li->irq.mchk;
		clear_bit(IRQ_PEND_MCHK_EX, &li->pending_irqs);
		clear_bit(IRQ_PEND_MCHK_REP, &li->pending_irqs);
		memset(&li->irq.mchk, 0, sizeof(mchk));
		deliver = true;
	}
	spin_unlock(&li->lock);

	spin_lock(&fi->lock);
	if (test_bit(IRQ_PEND_MCHK_REP, &fi->pending_irqs) &&
	    (vcpu->arch.sie_block->gcr[14] & fi->mchk.cr14)) {
		mchk.mcic |= fi->mchk.mcic;
		mchk.cr14 |= fi->mchk.cr14;
		memset(&fi->mchk, 0, sizeof(fi->mchk));
		clear_bit(IRQ_PEND_MCHK_REP, &fi->pending_irqs);
		deliver = true;
	}
	spin_unlock(&fi->lock);

	if (!deliver)
		return 0;

	vcpu->stat.deliver_machine_check++;
	rc = put_guest_lc(vcpu, mchk.mcic, (u64 *)__LC_MCCK_CODE);
	rc |= put_guest_lc(vcpu, mchk.ext_damage_code,
			   (u32 *)__LC_EXT_DAMAGE_CODE);
	rc |= put_guest_lc(vcpu, mchk.failing_storage_address,
			   (u64 *)__LC_MCCK_FAIL_STOR_ADDR);
	rc |= swap_psw(vcpu, __LC_MCK_OLD_PSW, __LC_MCK_NEW_PSW);
	return rc ? -EFAULT : 0;
}

static int __must_check __deliver_restart(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	spin_lock(&li->lock);
	clear_bit(IRQ_PEND_RESTART, &li->pending_irqs);
	spin_unlock(&li->lock);

	vcpu->stat.deliver_restart_signal++;
	return swap_psw(vcpu, __LC_RST_OLD_PSW,
			__LC_RST_NEW_PSW) ? -EFAULT : 0;
}

static int __must_check __deliver_set_prefix(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	u32 address;

	spin_lock(&li->lock);
	address = li->irq.prefix.address;
	li->irq.prefix.address = 0;
	clear_bit(IRQ_PEND_SET_PREFIX, &li->pending_irqs);
	spin_unlock(&li->lock);

	vcpu->stat.deliver_prefix_signal++;
	vcpu->arch.sie_block->prefix = address >> KVM_S390_PREFIX_SHIFT;
	return 0;
}

static int __must_check __deliver_emergency_signal(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	int cpu_addr;

	spin_lock(&li->lock);
	cpu_addr = find_first_bit(li->sigp_emerg_pending, KVM_MAX_VCPUS);
	clear_bit(cpu_addr, li->sigp_emerg_pending);
	if (bitmap_empty(li->sigp_emerg_pending, KVM_MAX_VCPUS))
		clear_bit(IRQ_PEND_EXT_EMERGENCY, &li->pending_irqs);
	spin_unlock(&li->lock);

	vcpu->stat.deliver_emergency_signal++;
	return deliver_ext(vcpu, KVM_S390_EXT_EMERGENCY, cpu_addr) ?
	       -EFAULT : 0;
}

static int __must_check __deliver_external_call(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	u16 code;

	spin_lock(&li->lock);
	code = li->irq.extcall.code;
	li->irq.extcall.code = 0;
	clear_bit(IRQ_PEND_EXT_EXTERNAL, &li->pending_irqs);
	spin_unlock(&li->lock);

	vcpu->stat.deliver_external_call++;
	return deliver_ext(vcpu, KVM_S390_EXT_EXTERNAL_CALL, code) ?
	       -EFAULT : 0;
}

static int __must_check __deliver_timer(struct kvm_vcpu *vcpu, int irq_type)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	u16 code;

	spin_lock(&li->lock);
	clear_bit(irq_type, &li->pending_irqs);
	spin_unlock(&li->lock);

	if (irq_type == IRQ_PEND_EXT_CLOCK_COMP) {
		vcpu->stat.deliver_ckc++;
		code = KVM_S390_EXT_CLOCK_COMP;
	} else {
		vcpu->stat.deliver_cputm++;
		code = KVM_S390_EXT_CPU_TIMER;
	}
	return deliver_ext(vcpu, code, 0) ? -EFAULT : 0;
}

static int __must_check __deliver_pfault_init(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	struct kvm_s390_ext_info ext;
	int rc;

	spin_lock(&li->lock);
	ext = li->irq.ext;
	clear_bit(IRQ_PEND_PFAULT_INIT, &li->pending_irqs);
	li->irq.ext.ext_params2 = 0;
	spin_unlock(&li->lock);

	rc = deliver_ext(vcpu, KVM_S390_EXT_CP_SERVICE,
			 KVM_S390_CP_PFAULT_INIT);
	rc |= put_guest_lc(vcpu, ext.ext_params2,
			   (u64 *)__LC_EXT_PARAMS2);
	return rc ? -EFAULT : 0;
}

/* Program exceptions the CPU nullifies: the PSW points at the instruction. */
static bool pgm_is_nullifying(u16 code)
{
	switch (code & ~PGM_PER_BIT) {
	case PGM_PROTECTION_CODE:
	case PGM_SEGMENT_TRANSLATION_CODE:
	case PGM_PAGE_TRANSLATION_CODE:
	case PGM_ASCE_TYPE_CODE:
	case PGM_REGION_FIRST_TRANS_CODE:
	case PGM_REGION_SECOND_TRANS_CODE:
	case PGM_REGION_THIRD_TRANS_CODE:
		return true;
	}
	return false;
}

static int __must_check __deliver_prog(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	struct kvm_s390_pgm_info pgm;
	u16 ilen, code;
	int rc = 0;

	spin_lock(&li->lock);
	pgm = li->irq.pgm;
	clear_bit(IRQ_PEND_PROG, &li->pending_irqs);
	memset(&li->irq.pgm, 0, sizeof(pgm));
	spin_unlock(&li->lock);

	/* the ILC is in bits 1-2 of the halfword, the same as the length */
	ilen = pgm.flags & KVM_S390_PGM_FLAGS_ILC_MASK;
	code = pgm.code;
	vcpu->stat.deliver_program++;

	switch (code & ~PGM_PER_BIT) {
	case PGM_PROTECTION_CODE:
	case PGM_SEGMENT_TRANSLATION_CODE:
	case PGM_PAGE_TRANSLATION_CODE:
	case PGM_ASCE_TYPE_CODE:
	case PGM_REGION_FIRST_TRANS_CODE:
	case PGM_REGION_SECOND_TRANS_CODE:
	case PGM_REGION_THIRD_TRANS_CODE:
		rc |= put_guest_lc(vcpu, pgm.trans_exc_code,
				   (u64 *)__LC_TRANS_EXC_CODE);
		rc |= put_guest_lc(vcpu, pgm.exc_access_id,
				   (u8 *)__LC_EXC_ACCESS_ID);
		rc |= put_guest_lc(vcpu, pgm.op_access_id,
				   (u8 *)__LC_OP_ACCESS_ID);
		break;
	case PGM_DATA_CODE:
		rc |= put_guest_lc(vcpu, pgm.data_exc_code,
				   (u32 *)__LC_DATA_EXC_CODE);
		break;
	case PGM_MONITOR_CODE:
		rc |= put_guest_lc(vcpu, pgm.mon_class_nr,
				   (u16 *)__LC_MON_CLASS_NR);
		rc |= put_guest_lc(vcpu, pgm.mon_code,
				   (u64 *)__LC_MON_CODE);
		break;
	}
	if (code & PGM_PER_BIT) {
		rc |= put_guest_lc(vcpu, pgm.per_code,
				   (u8 *)__LC_PER_CODE);
		rc |= put_guest_lc(vcpu, pgm.per_atmid,
				   (u8 *)__LC_PER_ATMID);
		rc |= put_guest_lc(vcpu, pgm.per_address,
				   (u64 *)__LC_PER_ADDRESS);
		rc |= put_guest_lc(vcpu, pgm.per_access_id,
				   (u8 *)__LC_PER_ACCESS_ID);
	}

	if (pgm_is_nullifying(code) &&
	    !(pgm.flags & KVM_S390_PGM_FLAGS_NO_REWIND))
		vcpu->arch.sie_block->gpsw.addr -= ilen;

	rc |= put_guest_lc(vcpu, ilen, (u16 *)__LC_PGM_ILC);
	rc |= put_guest_lc(vcpu, code, (u16 *)__LC_PGM_INT_CODE);
	rc |= swap_psw(vcpu, __LC_PGM_OLD_PSW, __LC_PGM_NEW_PSW);
	return rc ? -EFAULT : 0;
}

static int write_sclp(struct kvm_vcpu *vcpu, u32 parm)
{
	int rc;

	rc = deliver_ext(vcpu, KVM_S390_EXT_SERVICE_SIG, 0);
	rc |= put_guest_lc(vcpu, parm, (u32 *)__LC_EXT_PARAMS);
	return rc ? -EFAULT : 0;
}

static int __must_check __deliver_service(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_float_interrupt *fi = &vcpu->kvm->arch.float_int;
	struct kvm_s390_ext_info ext;

	spin_lock(&fi->lock);
	if (test_bit(IRQ_PEND_EXT_SERVICE, &fi->masked_irqs) ||
	    !test_bit(IRQ_PEND_EXT_SERVICE, &fi->pending_irqs)) {
		spin_unlock(&fi->lock);
		return 0;
	}
	ext = fi->srv_signal;
	memset(&fi->srv_signal, 0, sizeof(ext));
	clear_bit(IRQ_PEND_EXT_SERVICE, &fi->pending_irqs);
	clear_bit(IRQ_PEND_EXT_SERVICE_EV, &fi->pending_irqs);
	spin_unlock(&fi->lock);

	vcpu->stat.deliver_service_signal++;
	return write_sclp(vcpu, ext.ext_params);
}

static int __must_check __deliver_service_ev(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_float_interrupt *fi = &vcpu->kvm->arch.float_int;

	spin_lock(&fi->lock);
	if (!test_bit(IRQ_PEND_EXT_SERVICE_EV, &fi->pending_irqs)) {
		spin_unlock(&fi->lock);
		return 0;
	}
	/* only the event bits go; a pending SCCB stays for its own delivery */
	fi->srv_signal.ext_params &= ~KVM_S390_SCCB_EVENT_PENDING;
	clear_bit(IRQ_PEND_EXT_SERVICE_EV, &fi->pending_irqs);
	spin_unlock(&fi->lock);

	vcpu->stat.deliver_service_signal++;
	return write_sclp(vcpu, KVM_S390_SCCB_EVENT_PENDING);
}

/* Take the first entry of a floating list; clears the pending bit if empty. */
static struct kvm_s390_interrupt_info *
take_first(struct kvm *kvm, int list, int cntr, int irq_type)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	struct kvm_s390_interrupt_info *inti;

	inti = list_first_entry_or_null(&fi->lists[list],
					struct kvm_s390_interrupt_info, list);
	if (inti) {
		list_del(&inti->list);
		fi->counters[cntr] -= 1;
	}
	if (list_empty(&fi->lists[list]))
		clear_bit(irq_type, &fi->pending_irqs);
	return inti;
}

static int __must_check __deliver_pfault_done(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_float_interrupt *fi = &vcpu->kvm->arch.float_int;
	struct kvm_s390_interrupt_info *inti;
	int rc;

	spin_lock(&fi->lock);
	inti = take_first(vcpu->kvm, FIRQ_LIST_PFAULT, FIRQ_CNTR_PFAULT,
			  IRQ_PEND_PFAULT_DONE);
	spin_unlock(&fi->lock);
	if (!inti)
		return 0;

	rc = deliver_ext(vcpu, KVM_S390_EXT_CP_SERVICE,
			 KVM_S390_CP_PFAULT_DONE);
	rc |= put_guest_lc(vcpu, inti->ext.ext_params2,
			   (u64 *)__LC_EXT_PARAMS2);
	kfree(inti);
	return rc ? -EFAULT : 0;
}

static int __must_check __deliver_virtio(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_float_interrupt *fi = &vcpu->kvm->arch.float_int;
	struct kvm_s390_interrupt_info *inti;
	int rc;

	spin_lock(&fi->lock);
	inti = take_first(vcpu->kvm, FIRQ_LIST_VIRTIO, FIRQ_CNTR_VIRTIO,
			  IRQ_PEND_VIRTIO);
	spin_unlock(&fi->lock);
	if (!inti)
		return 0;

	vcpu->stat.deliver_virtio++;
	rc = deliver_ext(vcpu, KVM_S390_EXT_CP_SERVICE, KVM_S390_CP_VIRTIO);
	rc |= put_guest_lc(vcpu, inti->ext.ext_params,
			   (u32 *)__LC_EXT_PARAMS);
	rc |= put_guest_lc(vcpu, inti->ext.ext_params2,
			   (u64 *)__LC_EXT_PARAMS2);
	kfree(inti);
	return rc ? -EFAULT : 0;
}

static int __do_deliver_io(struct kvm_vcpu *vcpu, struct kvm_s390_io_info *io)
{
	int rc;

	rc = put_guest_lc(vcpu, io->subchannel_id,
			  (u16 *)__LC_SUBCHANNEL_ID);
	rc |= put_guest_lc(vcpu, io->subchannel_nr,
			   (u16 *)__LC_SUBCHANNEL_NR);
	rc |= put_guest_lc(vcpu, io->io_int_parm,
			   (u32 *)__LC_IO_INT_PARM);
	rc |= put_guest_lc(vcpu, io->io_int_word,
			   (u32 *)__LC_IO_INT_WORD);
	rc |= swap_psw(vcpu, __LC_IO_OLD_PSW, __LC_IO_NEW_PSW);
	return rc ? -EFAULT : 0;
}

static int __must_check __deliver_io(struct kvm_vcpu *vcpu,
				     unsigned long irq_type)
{
	struct kvm_s390_float_interrupt *fi = &vcpu->kvm->arch.float_int;
	struct kvm_s390_interrupt_info *inti;
	int isc = irq_type_to_isc(irq_type);
	int rc;

	spin_lock(&fi->lock);
	inti = take_first(vcpu->kvm, FIRQ_LIST_IO_ISC_0 + isc, FIRQ_CNTR_IO,
			  irq_type);
	spin_unlock(&fi->lock);
	if (!inti)
		return 0;

	vcpu->stat.deliver_io++;
	rc = __do_deliver_io(vcpu, &inti->io);
	kfree(inti);
	return rc;
}

/* Check whether an external call is pending (deliverable or not) */
int kvm_s390_ext_call_pending(struct kvm_vcpu *vcpu)
{
	return test_bit(IRQ_PEND_EXT_EXTERNAL,
			&vcpu->arch.local_int.pending_irqs);
}

int kvm_s390_vcpu_has_irq(struct kvm_vcpu *vcpu, int exclude_stop)
{
	if (deliverable_irqs(vcpu))
		return 1;
	if (!exclude_stop && kvm_s390_is_stop_irq_pending(vcpu))
		return 1;
	return 0;
}

int kvm_s390_handle_wait(struct kvm_vcpu *vcpu)
{
	vcpu->stat.exit_wait_state++;

	/* fast path */
	if (kvm_s390_vcpu_has_irq(vcpu, 0))
		return 0;

	if (psw_interrupts_disabled(vcpu))
		return -EOPNOTSUPP; /* disabled wait */

	/*
	 * There are no timer interrupts to wait for: the clock comparator
	 * and CPU timer are only delivered when injected.
	 */
	__set_cpu_idle(vcpu);
	floating_irq_handoff(vcpu);
	kvm_vcpu_halt(vcpu);
	/* injectors set it concurrently: it is only a hint */
	WRITE_ONCE(vcpu->valid_wakeup, false);
	__unset_cpu_idle(vcpu);
	return 0;
}

void kvm_s390_vcpu_wakeup(struct kvm_vcpu *vcpu)
{
	WRITE_ONCE(vcpu->valid_wakeup, true);
	kvm_vcpu_wake_up(vcpu);
}

/* Drop every local interrupt of @li; li->lock held. */
static void __clear_local_irqs(struct kvm_s390_local_interrupt *li)
{
	li->pending_irqs = 0;
	bitmap_zero(li->sigp_emerg_pending, KVM_MAX_VCPUS);
	memset(&li->irq, 0, sizeof(li->irq));
}

void kvm_s390_clear_local_irqs(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	spin_lock(&li->lock);
	__clear_local_irqs(li);
	spin_unlock(&li->lock);
}

/*
 * Intercept requests: what makes SIE leave the guest when it enables for
 * an interrupt that is pending but cannot be taken now. The PSW masks
 * are watched by the machine (CPUSTAT_IO_INT, CPUSTAT_EXT_INT, and
 * ICTL_LPSW for machine checks, which have no such flag); when the PSW
 * is enabled but a subclass mask is not, loading that control register
 * is intercepted (lctl). Only the vcpu's own thread sets lctl and ictl;
 * cpuflags are atomic, as injectors set them too.
 */
static void __reset_intercept_indicators(struct kvm_vcpu *vcpu)
{
	kvm_s390_clear_cpuflags(vcpu, CPUSTAT_IO_INT | CPUSTAT_EXT_INT |
				CPUSTAT_STOP_INT);
	vcpu->arch.sie_block->lctl = 0x0000;
	vcpu->arch.sie_block->ictl &= ~ICTL_LPSW;
}

static void set_intercept_indicators_io(struct kvm_vcpu *vcpu)
{
	if (!(pending_irqs(vcpu) & IRQ_PEND_IO_MASK))
		return;
	if (psw_ioint_disabled(vcpu))
		kvm_s390_set_cpuflags(vcpu, CPUSTAT_IO_INT);
	else
		vcpu->arch.sie_block->lctl |= LCTL_CR6;
}

static void set_intercept_indicators_ext(struct kvm_vcpu *vcpu)
{
	if (!(pending_irqs(vcpu) & IRQ_PEND_EXT_MASK))
		return;
	if (psw_extint_disabled(vcpu))
		kvm_s390_set_cpuflags(vcpu, CPUSTAT_EXT_INT);
	else
		vcpu->arch.sie_block->lctl |= LCTL_CR0;
}

static void set_intercept_indicators_mchk(struct kvm_vcpu *vcpu)
{
	if (!(pending_irqs(vcpu) & IRQ_PEND_MCHK_MASK))
		return;
	if (psw_mchk_disabled(vcpu))
		vcpu->arch.sie_block->ictl |= ICTL_LPSW;
	else
		vcpu->arch.sie_block->lctl |= LCTL_CR14;
}

static void set_intercept_indicators_stop(struct kvm_vcpu *vcpu)
{
	if (kvm_s390_is_stop_irq_pending(vcpu))
		kvm_s390_set_cpuflags(vcpu, CPUSTAT_STOP_INT);
}

/* Set interception requests for pending, non-deliverable interrupts */
static void set_intercept_indicators(struct kvm_vcpu *vcpu)
{
	set_intercept_indicators_io(vcpu);
	set_intercept_indicators_ext(vcpu);
	set_intercept_indicators_mchk(vcpu);
	set_intercept_indicators_stop(vcpu);
}

/*
 * Deliver what the guest can take under its current PSW and control
 * registers, before SIE is entered; the vcpu thread, under vcpu->mutex.
 */
int __must_check kvm_s390_deliver_pending_interrupts(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	unsigned long irq_type;
	unsigned long irqs;
	bool delivered = false;
	int rc = 0;

	__reset_intercept_indicators(vcpu);

	/* each delivery loads a new PSW, which may enable the next one */
	while ((irqs = deliverable_irqs(vcpu)) && !rc) {
		/* bits are in the reverse order of interrupt priority */
		irq_type = find_last_bit(&irqs, IRQ_PEND_COUNT);
		switch (irq_type) {
		case IRQ_PEND_IO_ISC_0:
		case IRQ_PEND_IO_ISC_1:
		case IRQ_PEND_IO_ISC_2:
		case IRQ_PEND_IO_ISC_3:
		case IRQ_PEND_IO_ISC_4:
		case IRQ_PEND_IO_ISC_5:
		case IRQ_PEND_IO_ISC_6:
		case IRQ_PEND_IO_ISC_7:
			rc = __deliver_io(vcpu, irq_type);
			break;
		case IRQ_PEND_MCHK_EX:
		case IRQ_PEND_MCHK_REP:
			rc = __deliver_machine_check(vcpu);
			break;
		case IRQ_PEND_PROG:
			rc = __deliver_prog(vcpu);
			break;
		case IRQ_PEND_EXT_EMERGENCY:
			rc = __deliver_emergency_signal(vcpu);
			break;
		case IRQ_PEND_EXT_EXTERNAL:
			rc = __deliver_external_call(vcpu);
			break;
		case IRQ_PEND_EXT_CLOCK_COMP:
		case IRQ_PEND_EXT_CPU_TIMER:
			rc = __deliver_timer(vcpu, irq_type);
			break;
		case IRQ_PEND_RESTART:
			rc = __deliver_restart(vcpu);
			break;
		case IRQ_PEND_SET_PREFIX:
			rc = __deliver_set_prefix(vcpu);
			break;
		case IRQ_PEND_PFAULT_INIT:
			rc = __deliver_pfault_init(vcpu);
			break;
		case IRQ_PEND_EXT_SERVICE:
			rc = __deliver_service(vcpu);
			break;
		case IRQ_PEND_EXT_SERVICE_EV:
			rc = __deliver_service_ev(vcpu);
			break;
		case IRQ_PEND_PFAULT_DONE:
			rc = __deliver_pfault_done(vcpu);
			break;
		case IRQ_PEND_VIRTIO:
			rc = __deliver_virtio(vcpu);
			break;
		default:
			WARN_ONCE(1, "Unknown pending irq type %ld", irq_type);
			spin_lock(&li->lock);
			clear_bit(irq_type, &li->pending_irqs);
			spin_unlock(&li->lock);
		}
		delivered = true;
	}
	if (delivered)
		floating_irq_handoff(vcpu);
	set_intercept_indicators(vcpu);
	return rc;
}

/* --- local injection -------------------------------------------------- */

static int __inject_prog(struct kvm_vcpu *vcpu, struct kvm_s390_irq *irq)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	struct kvm_s390_pgm_info *pgm = &irq->u.pgm;
	u16 ilen = 0;

	vcpu->stat.inject_program++;
	if (!(pgm->flags & KVM_S390_PGM_FLAGS_ILC_VALID)) {
		/* length of the intercepted instruction, from its opcode */
		if (vcpu->arch.sie_block->icptcode)
			ilen = ((vcpu->arch.sie_block->ipa >> 14) + 3) & ~1;
		if (ilen > 6 || ilen < 2)
			ilen = 4;
		pgm->flags &= ~KVM_S390_PGM_FLAGS_ILC_MASK;
		pgm->flags |= ilen | KVM_S390_PGM_FLAGS_ILC_VALID;
	}

	if (pgm->code == PGM_PER_BIT) {
		/* a PER event on its own: only the PER part changes */
		li->irq.pgm.code |= PGM_PER_BIT;
		li->irq.pgm.flags = pgm->flags;
		li->irq.pgm.per_address = pgm->per_address;
		li->irq.pgm.per_code = pgm->per_code;
		li->irq.pgm.per_atmid = pgm->per_atmid;
		li->irq.pgm.per_access_id = pgm->per_access_id;
	} else if (!(pgm->code & PGM_PER_BIT)) {
		/* keep a pending PER event, replace the exception */
		li->irq.pgm.code = (li->irq.pgm.code & PGM_PER_BIT) | pgm->code;
		li->irq.pgm.flags = pgm->flags;
		li->irq.pgm.trans_exc_code = pgm->trans_exc_code;
		li->irq.pgm.mon_code = pgm->mon_code;
		li->irq.pgm.data_exc_code = pgm->data_exc_code;
		li->irq.pgm.mon_class_nr = pgm->mon_class_nr;
		li->irq.pgm.exc_access_id = pgm->exc_access_id;
		li->irq.pgm.op_access_id = pgm->op_access_id;
	} else {
		li->irq.pgm = *pgm;
	}
	set_bit(IRQ_PEND_PROG, &li->pending_irqs);
	return 0;
}

static int __inject_pfault_init(struct kvm_vcpu *vcpu,
				struct kvm_s390_irq *irq)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	vcpu->stat.inject_pfault_init++;
	li->irq.ext = irq->u.ext;
	set_bit(IRQ_PEND_PFAULT_INIT, &li->pending_irqs);
	kvm_s390_set_cpuflags(vcpu, CPUSTAT_EXT_INT);
	return 0;
}

static int __inject_extcall(struct kvm_vcpu *vcpu, struct kvm_s390_irq *irq)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	vcpu->stat.inject_external_call++;
	/* sending vcpu invalid */
	if (!kvm_get_vcpu_by_id(vcpu->kvm, irq->u.extcall.code))
		return -EINVAL;
	/* the architecture has one external-call slot per cpu */
	if (test_and_set_bit(IRQ_PEND_EXT_EXTERNAL, &li->pending_irqs))
		return -EBUSY;
	li->irq.extcall = irq->u.extcall;
	kvm_s390_set_cpuflags(vcpu, CPUSTAT_EXT_INT);
	return 0;
}

static int __inject_set_prefix(struct kvm_vcpu *vcpu,
			       struct kvm_s390_irq *irq)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	vcpu->stat.inject_set_prefix++;
	/* SIGP SET PREFIX is only accepted by a stopped cpu */
	if (!is_vcpu_stopped(vcpu))
		return -EBUSY;
	li->irq.prefix = irq->u.prefix;
	set_bit(IRQ_PEND_SET_PREFIX, &li->pending_irqs);
	return 0;
}

static int __inject_sigp_stop(struct kvm_vcpu *vcpu, struct kvm_s390_irq *irq)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	vcpu->stat.inject_stop_signal++;
	if (irq->u.stop.flags & ~KVM_S390_STOP_FLAG_STORE_STATUS)
		return -EINVAL;
	if (is_vcpu_stopped(vcpu)) {
		/* nothing to stop; 6.1 stores status here if asked */
		return 0;
	}
	if (test_and_set_bit(IRQ_PEND_SIGP_STOP, &li->pending_irqs))
		return -EBUSY;
	li->irq.stop = irq->u.stop;
	kvm_s390_set_cpuflags(vcpu, CPUSTAT_STOP_INT);
	return 0;
}

static int __inject_sigp_restart(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	vcpu->stat.inject_restart++;
	set_bit(IRQ_PEND_RESTART, &li->pending_irqs);
	return 0;
}

static int __inject_sigp_emergency(struct kvm_vcpu *vcpu,
				   struct kvm_s390_irq *irq)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	vcpu->stat.inject_emergency_signal++;
	/* sending vcpu invalid */
	if (!kvm_get_vcpu_by_id(vcpu->kvm, irq->u.emerg.code))
		return -EINVAL;
	set_bit(irq->u.emerg.code, li->sigp_emerg_pending);
	set_bit(IRQ_PEND_EXT_EMERGENCY, &li->pending_irqs);
	kvm_s390_set_cpuflags(vcpu, CPUSTAT_EXT_INT);
	return 0;
}

static int __inject_mchk(struct kvm_vcpu *vcpu, struct kvm_s390_irq *irq)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	struct kvm_s390_mchk_info *mchk = &li->irq.mchk;

	vcpu->stat.inject_mchk++;
	/*
	 * Repressible conditions may come with exigent ones: masks and
	 * damage codes are combined, the failing address and the logout
	 * are the last ones reported.
	 */
	mchk->cr14 |= irq->u.mchk.cr14;
	mchk->mcic |= irq->u.mchk.mcic;
	mchk->ext_damage_code |= irq->u.mchk.ext_damage_code;
	mchk->failing_storage_address = irq->u.mchk.failing_storage_address;
	memcpy(&mchk->fixed_logout, &irq->u.mchk.fixed_logout,
	       sizeof(mchk->fixed_logout));
	if (mchk->mcic & MCHK_EX_MASK)
		set_bit(IRQ_PEND_MCHK_EX, &li->pending_irqs);
	else if (mchk->mcic & MCHK_REP_MASK)
		set_bit(IRQ_PEND_MCHK_REP, &li->pending_irqs);
	/*
	 * (6.1 sets no flag here: QEMU injects machine checks from the vcpu
	 * thread.) Make a running vcpu leave SIE and look, as the floating
	 * machine check does.
	 */
	kvm_s390_set_cpuflags(vcpu, CPUSTAT_STOP_INT);
	return 0;
}

static int __inject_timer(struct kvm_vcpu *vcpu, int irq_type)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	if (irq_type == IRQ_PEND_EXT_CLOCK_COMP)
		vcpu->stat.inject_ckc++;
	else
		vcpu->stat.inject_cputm++;
	set_bit(irq_type, &li->pending_irqs);
	kvm_s390_set_cpuflags(vcpu, CPUSTAT_EXT_INT);
	return 0;
}

static int do_inject_vcpu(struct kvm_vcpu *vcpu, struct kvm_s390_irq *irq)
{
	switch (irq->type) {
	case KVM_S390_PROGRAM_INT:
		return __inject_prog(vcpu, irq);
	case KVM_S390_SIGP_SET_PREFIX:
		return __inject_set_prefix(vcpu, irq);
	case KVM_S390_SIGP_STOP:
		return __inject_sigp_stop(vcpu, irq);
	case KVM_S390_RESTART:
		return __inject_sigp_restart(vcpu);
	case KVM_S390_INT_CLOCK_COMP:
		return __inject_timer(vcpu, IRQ_PEND_EXT_CLOCK_COMP);
	case KVM_S390_INT_CPU_TIMER:
		return __inject_timer(vcpu, IRQ_PEND_EXT_CPU_TIMER);
	case KVM_S390_INT_EXTERNAL_CALL:
		return __inject_extcall(vcpu, irq);
	case KVM_S390_INT_EMERGENCY:
		return __inject_sigp_emergency(vcpu, irq);
	case KVM_S390_MCHK:
		return __inject_mchk(vcpu, irq);
	case KVM_S390_INT_PFAULT_INIT:
		return __inject_pfault_init(vcpu, irq);
	default:
		/* floating types (I/O, virtio, service) included */
		return -EINVAL;
	}
}

int kvm_s390_inject_vcpu(struct kvm_vcpu *vcpu, struct kvm_s390_irq *irq)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	int rc;

	spin_lock(&li->lock);
	rc = do_inject_vcpu(vcpu, irq);
	spin_unlock(&li->lock);
	if (!rc)
		kvm_s390_vcpu_wakeup(vcpu);
	return rc;
}

int s390int_to_s390irq(struct kvm_s390_interrupt *s390int,
		       struct kvm_s390_irq *irq)
{
	irq->type = s390int->type;
	switch (irq->type) {
	case KVM_S390_PROGRAM_INT:
		if (s390int->parm & 0xffff0000)
			return -EINVAL;
		irq->u.pgm.code = s390int->parm;
		break;
	case KVM_S390_SIGP_SET_PREFIX:
		irq->u.prefix.address = s390int->parm;
		break;
	case KVM_S390_SIGP_STOP:
		irq->u.stop.flags = s390int->parm;
		break;
	case KVM_S390_INT_EXTERNAL_CALL:
		if (s390int->parm & 0xffff0000)
			return -EINVAL;
		irq->u.extcall.code = s390int->parm;
		break;
	case KVM_S390_INT_EMERGENCY:
		if (s390int->parm & 0xffff0000)
			return -EINVAL;
		irq->u.emerg.code = s390int->parm;
		break;
	case KVM_S390_MCHK:
		irq->u.mchk.mcic = s390int->parm64;
		break;
	case KVM_S390_INT_PFAULT_INIT:
		irq->u.ext.ext_params = s390int->parm;
		irq->u.ext.ext_params2 = s390int->parm64;
		break;
	case KVM_S390_RESTART:
	case KVM_S390_INT_CLOCK_COMP:
	case KVM_S390_INT_CPU_TIMER:
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

int kvm_s390_is_stop_irq_pending(struct kvm_vcpu *vcpu)
{
	return test_bit(IRQ_PEND_SIGP_STOP, &vcpu->arch.local_int.pending_irqs);
}

int kvm_s390_is_restart_irq_pending(struct kvm_vcpu *vcpu)
{
	return test_bit(IRQ_PEND_RESTART, &vcpu->arch.local_int.pending_irqs);
}

void kvm_s390_clear_stop_irq(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	spin_lock(&li->lock);
	li->irq.stop.flags = 0;
	clear_bit(IRQ_PEND_SIGP_STOP, &li->pending_irqs);
	spin_unlock(&li->lock);
}

/* --- vcpu interrupt state (KVM_S390_GET/SET_IRQ_STATE) ---------------- */

/*
 * Restore the local interrupts of @vcpu from @len bytes of struct
 * kvm_s390_irq at @irqstate (the caller checked @len). As 6.1: -EBUSY if
 * any local interrupt is pending already, each entry injected as with
 * KVM_S390_IRQ, the first failing one ends the call with its error.
 * Unlike 6.1, which leaves the entries before the failing one pending,
 * a failure restores the state from before the call (none pending), so
 * the call may be retried with a corrected buffer.
 */
int kvm_s390_set_irq_state(struct kvm_vcpu *vcpu, void __user *irqstate,
			   int len)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	struct kvm_s390_irq *buf;
	int n, r = 0;

	buf = vmalloc(len);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, irqstate, len)) {
		r = -EFAULT;
		goto out_free;
	}

	/* the whole buffer under one hold: nobody sees half a state */
	spin_lock(&li->lock);
	if (li->pending_irqs) {
		r = -EBUSY;
		goto out_unlock;
	}
	for (n = 0; n < len / (int)sizeof(*buf); n++) {
		r = do_inject_vcpu(vcpu, &buf[n]);
		if (r) {
			__clear_local_irqs(li);
			break;
		}
	}
out_unlock:
	spin_unlock(&li->lock);
out_free:
	vfree(buf);
	return r;
}

/* Fill @irq (zeroed) with the pending local interrupt @irq_type of @pl. */
static void store_local_irq(const struct kvm_s390_irq_payload *pl,
			    struct kvm_s390_irq *irq, unsigned long irq_type)
{
	switch (irq_type) {
	case IRQ_PEND_MCHK_EX:
	case IRQ_PEND_MCHK_REP:
		irq->type = KVM_S390_MCHK;
		irq->u.mchk = pl->mchk;
		break;
	case IRQ_PEND_PROG:
		irq->type = KVM_S390_PROGRAM_INT;
		irq->u.pgm = pl->pgm;
		break;
	case IRQ_PEND_PFAULT_INIT:
		irq->type = KVM_S390_INT_PFAULT_INIT;
		irq->u.ext = pl->ext;
		break;
	case IRQ_PEND_EXT_EXTERNAL:
		irq->type = KVM_S390_INT_EXTERNAL_CALL;
		irq->u.extcall = pl->extcall;
		break;
	case IRQ_PEND_EXT_CLOCK_COMP:
		irq->type = KVM_S390_INT_CLOCK_COMP;
		break;
	case IRQ_PEND_EXT_CPU_TIMER:
		irq->type = KVM_S390_INT_CPU_TIMER;
		break;
	case IRQ_PEND_SIGP_STOP:
		irq->type = KVM_S390_SIGP_STOP;
		irq->u.stop = pl->stop;
		break;
	case IRQ_PEND_RESTART:
		irq->type = KVM_S390_RESTART;
		break;
	case IRQ_PEND_SET_PREFIX:
		irq->type = KVM_S390_SIGP_SET_PREFIX;
		irq->u.prefix = pl->prefix;
		break;
	default:
		/* only the kinds above are ever pending locally */
		WARN_ONCE(1, "unknown local irq type %lu", irq_type);
		break;
	}
}

/*
 * Copy the local interrupts pending for @vcpu to @len bytes at @buf, one
 * struct kvm_s390_irq each, in 6.1's order: by IRQ_PEND_* bit (lowest
 * first) except emergency signals, then one emergency signal per
 * sending cpu address (ascending). Nothing is dequeued.
 *
 * Return: the bytes copied; -ENOBUFS if they do not fit in @len (6.1
 * may have copied a part by then, here nothing is); -EFAULT.
 *
 * Unlike 6.1, which reads the payloads without the lock while an
 * injector may change them, one snapshot under li->lock is copied out.
 */
int kvm_s390_get_irq_state(struct kvm_vcpu *vcpu, __u8 __user *buf, int len)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;
	DECLARE_BITMAP(sigp_emerg_pending, KVM_MAX_VCPUS);
	struct kvm_s390_irq_payload payload;
	unsigned long pending_irqs, irq_type;
	struct kvm_s390_irq irq;
	int cpuaddr, n = 0, count;

	spin_lock(&li->lock);
	pending_irqs = li->pending_irqs;
	bitmap_copy(sigp_emerg_pending, li->sigp_emerg_pending,
		    KVM_MAX_VCPUS);
	payload = li->irq;
	spin_unlock(&li->lock);

	if (!test_bit(IRQ_PEND_EXT_EMERGENCY, &pending_irqs))
		bitmap_zero(sigp_emerg_pending, KVM_MAX_VCPUS);
	clear_bit(IRQ_PEND_EXT_EMERGENCY, &pending_irqs);
	count = hweight_long(pending_irqs) +
		bitmap_weight(sigp_emerg_pending, KVM_MAX_VCPUS);
	if (len < 0 || count > len / (int)sizeof(irq))
		return -ENOBUFS;

	for_each_set_bit(irq_type, &pending_irqs, IRQ_PEND_COUNT) {
		memset(&irq, 0, sizeof(irq));
		store_local_irq(&payload, &irq, irq_type);
		if (copy_to_user(buf + n, &irq, sizeof(irq)))
			return -EFAULT;
		n += sizeof(irq);
	}
	for_each_set_bit(cpuaddr, sigp_emerg_pending, KVM_MAX_VCPUS) {
		memset(&irq, 0, sizeof(irq));
		irq.type = KVM_S390_INT_EMERGENCY;
		irq.u.emerg.code = cpuaddr;
		if (copy_to_user(buf + n, &irq, sizeof(irq)))
			return -EFAULT;
		n += sizeof(irq);
	}
	return n;
}

/* --- floating injection ---------------------------------------------- */

static int __inject_service(struct kvm *kvm,
			    struct kvm_s390_interrupt_info *inti)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	u32 parm = inti->ext.ext_params;

	spin_lock(&fi->lock);
	kvm->stat.inject_service_signal++;
	/* event-pending bits accumulate */
	fi->srv_signal.ext_params |= parm & KVM_S390_SCCB_EVENT_PENDING;
	if (fi->srv_signal.ext_params & KVM_S390_SCCB_EVENT_PENDING)
		set_bit(IRQ_PEND_EXT_SERVICE_EV, &fi->pending_irqs);
	/* a second SCCB while one is pending is dropped, as in 6.1 */
	if (!(fi->srv_signal.ext_params & KVM_S390_SCCB_MASK)) {
		fi->srv_signal.ext_params |= parm & KVM_S390_SCCB_MASK;
		set_bit(IRQ_PEND_EXT_SERVICE, &fi->pending_irqs);
	}
	spin_unlock(&fi->lock);
	kfree(inti);
	return 0;
}

/*
 * Append to a floating list. The VM statistics are counted under
 * fi->lock, so that concurrent injectors do not lose counts; like 6.1,
 * an attempt that finds the queue full is counted too.
 */
static int __inject_list(struct kvm *kvm, struct kvm_s390_interrupt_info *inti,
			 int list, int cntr, int limit, int irq_type,
			 u64 *stat)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;

	spin_lock(&fi->lock);
	(*stat)++;
	if (fi->counters[cntr] >= limit) {
		spin_unlock(&fi->lock);
		return -EBUSY;
	}
	fi->counters[cntr] += 1;
	list_add_tail(&inti->list, &fi->lists[list]);
	set_bit(irq_type, &fi->pending_irqs);
	spin_unlock(&fi->lock);
	return 0;
}

static int __inject_float_mchk(struct kvm *kvm,
			       struct kvm_s390_interrupt_info *inti)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;

	spin_lock(&fi->lock);
	kvm->stat.inject_float_mchk++;
	/* the channel-report subclass is the only floating machine check */
	fi->mchk.cr14 |= inti->mchk.cr14 & CR14_CHANNEL_REPORT_SUBMASK;
	fi->mchk.mcic |= inti->mchk.mcic;
	set_bit(IRQ_PEND_MCHK_REP, &fi->pending_irqs);
	spin_unlock(&fi->lock);
	kfree(inti);
	return 0;
}

/*
 * The IRQ_PEND_* bit a floating interrupt of @type is pending under, for
 * matching it against what a waiting vcpu can take.
 */
static unsigned long float_irq_bits(u64 type, u32 io_int_word)
{
	switch (type) {
	case KVM_S390_MCHK:
		return 1UL << IRQ_PEND_MCHK_REP;
	case KVM_S390_INT_SERVICE:
		return (1UL << IRQ_PEND_EXT_SERVICE) |
		       (1UL << IRQ_PEND_EXT_SERVICE_EV);
	case KVM_S390_INT_VIRTIO:
		return 1UL << IRQ_PEND_VIRTIO;
	case KVM_S390_INT_PFAULT_DONE:
		return 1UL << IRQ_PEND_PFAULT_DONE;
	default:
		return 1UL << isc_to_irq_type(int_word_to_isc(io_int_word));
	}
}

static void floating_irq_kick_one(struct kvm_vcpu *vcpu,
				  unsigned long irq_bits)
{
	if (irq_bits & IRQ_PEND_IO_MASK)
		kvm_s390_set_cpuflags(vcpu, CPUSTAT_IO_INT);
	else if (irq_bits & IRQ_PEND_MCHK_MASK)
		kvm_s390_set_cpuflags(vcpu, CPUSTAT_STOP_INT);
	else
		kvm_s390_set_cpuflags(vcpu, CPUSTAT_EXT_INT);
	kvm_s390_vcpu_wakeup(vcpu);
}

/* Wake every idle vcpu whose enabled interrupts the FLIC does not know. */
static void floating_irq_kick_unknown(struct kvm *kvm, unsigned long irq_bits,
				      struct kvm_vcpu *skip)
{
	struct kvm_s390_flic *flic = kvm_flic(kvm);
	int online_vcpus = atomic_read(&kvm->online_vcpus);
	struct kvm_vcpu *vcpu;
	int idx;

	for (idx = 0; idx < online_vcpus; idx++) {
		if (!test_bit(idx, kvm->arch.idle_mask))
			continue;
		vcpu = kvm_get_vcpu(kvm, idx);
		if (!vcpu || vcpu == skip || is_vcpu_stopped(vcpu))
			continue;
		if (!flic || !atomic_read(&flic->wait_irqs[idx]))
			floating_irq_kick_one(vcpu, irq_bits);
	}
}

/*
 * Find a destination vcpu for a floating interrupt and kick it: a vcpu in
 * enabled wait that can take it; failing that, every idle vcpu whose masks
 * are unknown and, round robin, one that is running (it takes the
 * interrupt as soon as it enables for it). Stopped
 * vcpus are never chosen; if every vcpu is stopped, the interrupt stays
 * pending until one is started.
 */
static void __floating_irq_kick(struct kvm *kvm, unsigned long irq_bits,
				struct kvm_vcpu *skip)
{
	struct kvm_s390_flic *flic = kvm_flic(kvm);
	struct kvm_vcpu *dst_vcpu = NULL, *unknown = NULL, *vcpu;
	int online_vcpus, idx, tries, can_take;

	online_vcpus = atomic_read(&kvm->online_vcpus);
	if (!online_vcpus)
		return;

	/* pairs with the barrier in __set_cpu_idle() */
	smp_mb();
	for (idx = 0; idx < online_vcpus; idx++) {
		if (!test_bit(idx, kvm->arch.idle_mask))
			continue;
		vcpu = kvm_get_vcpu(kvm, idx);
		if (!vcpu || vcpu == skip || is_vcpu_stopped(vcpu))
			continue;
		can_take = flic ? atomic_read(&flic->wait_irqs[idx]) : 0;
		if (!can_take) {
			/* went idle before the FLIC existed: may take it */
			if (!unknown)
				unknown = vcpu;
			continue;
		}
		if (!(can_take & irq_bits))
			continue;
		dst_vcpu = vcpu;
		break;
	}

	if (dst_vcpu) {
		floating_irq_kick_one(dst_vcpu, irq_bits);
		return;
	}
	/*
	 * Idle vcpus whose masks are unknown (there is no FLIC device, or
	 * they went idle before it existed) may be able to take it.  Waking
	 * just one could pick a vcpu that cannot while another sleeps on,
	 * so wake them all: those that can take it do, the others sleep on.
	 */
	if (unknown)
		floating_irq_kick_unknown(kvm, irq_bits, skip);
	/* and a running vcpu takes it as soon as it enables for it */
	for (tries = 0; tries < online_vcpus; tries++) {
		/* next_rr_cpu is a hint; racing updates only skew fairness */
		idx = (unsigned int)READ_ONCE(kvm->arch.float_int.next_rr_cpu) %
		      online_vcpus;
		WRITE_ONCE(kvm->arch.float_int.next_rr_cpu,
			   (idx + 1) % online_vcpus);
		vcpu = kvm_get_vcpu(kvm, idx);
		if (!vcpu || vcpu == skip || is_vcpu_stopped(vcpu) ||
		    is_vcpu_idle(vcpu))
			continue;
		floating_irq_kick_one(vcpu, irq_bits);
		return;
	}
}

/*
 * (not in 6.1 under this name: 6.1's __inject_vm) Queue one floating
 * interrupt; on success @inti belongs to the FLIC, on error to the caller.
 */
int kvm_s390_inject_float_inti(struct kvm *kvm,
			       struct kvm_s390_interrupt_info *inti)
{
	u64 type = inti->type;
	unsigned long bits = float_irq_bits(type, inti->io.io_int_word);
	int isc, rc;

	switch (type) {
	case KVM_S390_MCHK:
		rc = __inject_float_mchk(kvm, inti);
		break;
	case KVM_S390_INT_VIRTIO:
		rc = __inject_list(kvm, inti, FIRQ_LIST_VIRTIO,
				   FIRQ_CNTR_VIRTIO, KVM_S390_MAX_VIRTIO_IRQS,
				   IRQ_PEND_VIRTIO, &kvm->stat.inject_virtio);
		break;
	case KVM_S390_INT_SERVICE:
		rc = __inject_service(kvm, inti);
		break;
	case KVM_S390_INT_PFAULT_DONE:
		rc = __inject_list(kvm, inti, FIRQ_LIST_PFAULT,
				   FIRQ_CNTR_PFAULT,
				   KVM_S390_PFAULT_PER_VCPU * KVM_MAX_VCPUS,
				   IRQ_PEND_PFAULT_DONE,
				   &kvm->stat.inject_pfault_done);
		break;
	case KVM_S390_INT_IO_MIN ... KVM_S390_INT_IO_MAX:
		isc = int_word_to_isc(inti->io.io_int_word);
		rc = __inject_list(kvm, inti, FIRQ_LIST_IO_ISC_0 + isc,
				   FIRQ_CNTR_IO, KVM_S390_MAX_FLOAT_IRQS,
				   isc_to_irq_type(isc), &kvm->stat.inject_io);
		break;
	default:
		rc = -EINVAL;
	}
	if (rc)
		return rc;

	__floating_irq_kick(kvm, bits, NULL);
	return 0;
}

int kvm_s390_inject_vm(struct kvm *kvm, struct kvm_s390_interrupt *s390int)
{
	struct kvm_s390_interrupt_info *inti;
	int rc;

	inti = kzalloc(sizeof(*inti), GFP_KERNEL_ACCOUNT);
	if (!inti)
		return -ENOMEM;

	inti->type = s390int->type;
	switch (inti->type) {
	case KVM_S390_INT_VIRTIO:
		inti->ext.ext_params = s390int->parm;
		inti->ext.ext_params2 = s390int->parm64;
		break;
	case KVM_S390_INT_SERVICE:
		inti->ext.ext_params = s390int->parm;
		break;
	case KVM_S390_INT_PFAULT_DONE:
		inti->ext.ext_params2 = s390int->parm64;
		break;
	case KVM_S390_MCHK:
		inti->mchk.cr14 = s390int->parm; /* upper bits are not used */
		inti->mchk.mcic = s390int->parm64;
		break;
	case KVM_S390_INT_IO_MIN ... KVM_S390_INT_IO_MAX:
		inti->io.subchannel_id = s390int->parm >> 16;
		inti->io.subchannel_nr = s390int->parm & 0x0000ffffu;
		inti->io.io_int_parm = s390int->parm64 >> 32;
		inti->io.io_int_word = s390int->parm64 & 0xffffffffull;
		break;
	default:
		kfree(inti);
		return -EINVAL;
	}

	rc = kvm_s390_inject_float_inti(kvm, inti);
	if (rc)
		kfree(inti);
	return rc;
}

int kvm_s390_reinject_io_int(struct kvm *kvm,
			     struct kvm_s390_interrupt_info *inti)
{
	return kvm_s390_inject_float_inti(kvm, inti);
}

/* --- dequeue helpers (TSCH, TPI, CLEAR_IO_IRQ) ------------------------ */

static struct kvm_s390_interrupt_info *get_io_int(struct kvm *kvm, int isc,
						  u32 schid)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	struct list_head *isc_list = &fi->lists[FIRQ_LIST_IO_ISC_0 + isc];
	struct kvm_s390_interrupt_info *iter;
	u16 id = schid >> 16;
	u16 nr = schid & 0xffff;

	spin_lock(&fi->lock);
	list_for_each_entry(iter, isc_list, list) {
		if (schid && (id != iter->io.subchannel_id ||
			      nr != iter->io.subchannel_nr))
			continue;
		list_del_init(&iter->list);
		fi->counters[FIRQ_CNTR_IO] -= 1;
		if (list_empty(isc_list))
			clear_bit(isc_to_irq_type(isc), &fi->pending_irqs);
		spin_unlock(&fi->lock);
		return iter;
	}
	spin_unlock(&fi->lock);
	return NULL;
}

/*
 * Dequeue and return an I/O interrupt of any ISC enabled in @isc_mask
 * (CR6 format) for subchannel @schid (id << 16 | nr), or for any
 * subchannel when @schid is 0. ISCs are scanned 0..7, each FIFO.
 */
struct kvm_s390_interrupt_info *kvm_s390_get_io_int(struct kvm *kvm,
						    u64 isc_mask, u32 schid)
{
	struct kvm_s390_interrupt_info *inti = NULL;
	int isc;

	for (isc = 0; isc <= MAX_ISC && !inti; isc++)
		if (isc_mask & isc_to_isc_bits(isc))
			inti = get_io_int(kvm, isc, schid);
	return inti;
}

/* --- whole-VM state ---------------------------------------------------- */

void kvm_s390_float_irqs_init(struct kvm *kvm)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	int i;

	spin_lock_init(&fi->lock);
	mutex_init(&fi->ais_lock);
	for (i = 0; i < FIRQ_LIST_COUNT; i++)
		INIT_LIST_HEAD(&fi->lists[i]);
	for (i = 0; i < FIRQ_MAX_COUNT; i++)
		fi->counters[i] = 0;
	fi->pending_irqs = 0;
	fi->masked_irqs = 0;
	fi->next_rr_cpu = 0;
	fi->simm = 0;
	fi->nimm = 0;
	memset(&fi->mchk, 0, sizeof(fi->mchk));
	memset(&fi->srv_signal, 0, sizeof(fi->srv_signal));
}

void kvm_s390_local_irqs_init(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_local_interrupt *li = &vcpu->arch.local_int;

	spin_lock_init(&li->lock);
	li->pending_irqs = 0;
	bitmap_zero(li->sigp_emerg_pending, KVM_MAX_VCPUS);
	memset(&li->irq, 0, sizeof(li->irq));
}

void kvm_s390_clear_float_irqs(struct kvm *kvm)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	struct kvm_s390_interrupt_info *inti, *n;
	LIST_HEAD(doomed);
	int i;

	spin_lock(&fi->lock);
	/* vcpus read these two without the lock */
	WRITE_ONCE(fi->pending_irqs, 0);
	WRITE_ONCE(fi->masked_irqs, 0);
	memset(&fi->srv_signal, 0, sizeof(fi->srv_signal));
	memset(&fi->mchk, 0, sizeof(fi->mchk));
	for (i = 0; i < FIRQ_LIST_COUNT; i++)
		list_splice_tail_init(&fi->lists[i], &doomed);
	for (i = 0; i < FIRQ_MAX_COUNT; i++)
		fi->counters[i] = 0;
	spin_unlock(&fi->lock);

	/* free outside the lock: there may be 266250 of them */
	list_for_each_entry_safe(inti, n, &doomed, list)
		kfree(inti);
}

/* Fill one GET_ALL_IRQS entry; every byte is written. */
static void inti_to_irq(struct kvm_s390_interrupt_info *inti,
			struct kvm_s390_irq *irq)
{
	irq->type = inti->type;
	memset(&irq->u, 0, sizeof(irq->u));
	switch (inti->type) {
	case KVM_S390_INT_PFAULT_DONE:
	case KVM_S390_INT_VIRTIO:
		irq->u.ext = inti->ext;
		break;
	default:
		irq->u.io = inti->io;
		break;
	}
}

/*
 * GET_ALL_IRQS, under fi->lock so that the result is one state: every
 * pending floating interrupt in 6.1's order (I/O ISC 0..7, pfault done,
 * virtio, then the service signal and the floating machine check) into
 * @buf, if they fit in @cap entries. Nothing is dequeued.
 *
 * Return: the number of entries pending; @buf is filled only if that is
 * no more than @cap (else the caller grows @buf and asks again).
 */
int kvm_s390_get_float_irqs(struct kvm *kvm, struct kvm_s390_irq *buf,
			    int cap)
{
	struct kvm_s390_float_interrupt *fi = &kvm->arch.float_int;
	struct kvm_s390_interrupt_info *inti;
	bool srv, mchk;
	int i, n;

	spin_lock(&fi->lock);
	srv = test_bit(IRQ_PEND_EXT_SERVICE, &fi->pending_irqs) ||
	      test_bit(IRQ_PEND_EXT_SERVICE_EV, &fi->pending_irqs);
	mchk = test_bit(IRQ_PEND_MCHK_REP, &fi->pending_irqs);
	n = fi->counters[FIRQ_CNTR_IO] + fi->counters[FIRQ_CNTR_PFAULT] +
	    fi->counters[FIRQ_CNTR_VIRTIO] + srv + mchk;
	if (n > cap)
		goto out;
	n = 0;
	for (i = 0; i < FIRQ_LIST_COUNT; i++)
		list_for_each_entry(inti, &fi->lists[i], list)
			inti_to_irq(inti, &buf[n++]);
	if (srv) {
		memset(&buf[n], 0, sizeof(buf[n]));
		buf[n].type = KVM_S390_INT_SERVICE;
		buf[n++].u.ext = fi->srv_signal;
	}
	if (mchk) {
		memset(&buf[n], 0, sizeof(buf[n]));
		buf[n].type = KVM_S390_MCHK;
		buf[n++].u.mchk = fi->mchk;
	}
out:
	spin_unlock(&fi->lock);
	return n;
}

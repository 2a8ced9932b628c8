// SPDX-License-Identifier: GPL-2.0
/*
 * Intercepted instructions the kernel handles (6.1's priv.c and diag.c,
 * for the instructions this project's machine intercepts): the I/O
 * instructions (TPI and the interrupt part of TSCH in the kernel, SSCH
 * and TSCH of subchannels bound for direct injection in ccw_direct.c, the
 * rest to userspace), LPSWE and LCTLG when an interrupt waits for the
 * guest to enable for it, and DIAGNOSE 0x44.
 *
 * The guest runs with DAT off: storage operands are real addresses,
 * made absolute with the vcpu's prefix. Runs on the vcpu thread under
 * vcpu->mutex.
 */
#include <linux/errno.h>
#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/asm-offsets.h>
#include <asm/byteorder.h>
#include <asm/kvm_host.h>

#include "kvm-s390.h"
#include "gaccess.h"

/* all I/O interruption subclasses, in CR6 format */
#define ALL_ISCS_MASK	(0xffUL << 24)

/*
 * Store TPI's interruption code: two words at the operand, or with
 * operand 0 three words in the lowcore.  Return: 0 when stored, 1 when a
 * program exception was made pending instead, or -EFAULT (the lowcore
 * must be writable; the VMM has broken the guest).
 */
static int tpi_store_code(struct kvm_vcpu *vcpu, u64 addr,
			  const struct kvm_s390_interrupt_info *inti)
{
	__be32 code[3] = {
		cpu_to_be32(inti->io.subchannel_id << 16 |
			    inti->io.subchannel_nr),
		cpu_to_be32(inti->io.io_int_parm),
		cpu_to_be32(inti->io.io_int_word),
	};

	if (!addr)
		return write_guest_lc(vcpu, __LC_SUBCHANNEL_ID, code,
				      sizeof(code)) ? -EFAULT : 0;
	if (!kvm_write_guest(vcpu->kvm, kvm_s390_real_to_abs(vcpu, addr),
			     code, 2 * sizeof(code[0])))
		return 0;
	return kvm_s390_inject_program_int(vcpu, PGM_ADDRESSING) ? -EFAULT : 1;
}

/*
 * TPI: dequeue the first I/O interrupt the guest's CR6 enables and give
 * the program its interruption code (cc 1), or cc 0 if there is none.
 * An interrupt whose code cannot be stored goes back to its queue: the
 * instruction is suppressed, the interrupt neither lost nor taken twice.
 */
static int handle_tpi(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_interrupt_info *inti;
	u64 addr;
	int rc;

	vcpu->stat.instruction_tpi++;

	addr = kvm_s390_get_base_disp_s(vcpu, NULL);
	if (addr & 3)
		return kvm_s390_inject_program_int(vcpu, PGM_SPECIFICATION);

	inti = kvm_s390_get_io_int(vcpu->kvm, vcpu->arch.sie_block->gcr[6], 0);
	if (!inti) {
		kvm_s390_set_psw_cc(vcpu, 0);
		return 0;
	}
	rc = tpi_store_code(vcpu, addr, inti);
	if (!rc) {
		kfree(inti);
		kvm_s390_set_psw_cc(vcpu, 1);
		return 0;
	}
	if (kvm_s390_reinject_io_int(vcpu->kvm, inti)) {
		kfree(inti);
		return -EFAULT;
	}
	return rc < 0 ? rc : 0;
}

/*
 * TSCH belongs to the VMM, which owns the subchannels; only a pending
 * I/O interrupt for the named subchannel is the kernel's.  It is
 * dequeued here and its contents travel in kvm_run, with a flag, so the
 * VMM can put it back if the instruction ends in a program exception.
 */
static int handle_tsch(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	u64 schid = run->s.regs.gprs[1];
	struct kvm_s390_interrupt_info *inti = NULL;

	vcpu->stat.instruction_tsch++;

	memset(&run->s390_tsch, 0, sizeof(run->s390_tsch));
	run->exit_reason = KVM_EXIT_S390_TSCH;
	run->s390_tsch.ipb = vcpu->arch.sie_block->ipb;
	/* a subchannel id always has its "one" bit: 0 names none */
	if (schid)
		inti = kvm_s390_get_io_int(vcpu->kvm, ALL_ISCS_MASK, schid);
	if (inti) {
		run->s390_tsch.dequeued = 1;
		run->s390_tsch.subchannel_id = inti->io.subchannel_id;
		run->s390_tsch.subchannel_nr = inti->io.subchannel_nr;
		run->s390_tsch.io_int_parm = inti->io.io_int_parm;
		run->s390_tsch.io_int_word = inti->io.io_int_word;
		kfree(inti);
	}
	return -EREMOTE;
}

static int handle_io_inst(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;

	if (sie->gpsw.mask & PSW_MASK_PSTATE)
		return kvm_s390_inject_program_int(vcpu, PGM_PRIVILEGED_OP);

	if (READ_ONCE(vcpu->kvm->arch.css_support)) {
		/*
		 * TPI and the interrupt part of TSCH are the kernel's, and
		 * SSCH and TSCH for a subchannel bound for direct injection
		 */
		if (sie->ipa == 0xb236)
			return handle_tpi(vcpu);
		if (sie->ipa == 0xb233 || sie->ipa == 0xb235) {
			int rc = kvm_s390_ccw_handle_io(vcpu);

			if (rc != -EOPNOTSUPP)
				return rc;
		}
		if (sie->ipa == 0xb235)
			return handle_tsch(vcpu);
		vcpu->stat.instruction_io_other++;
		return -EOPNOTSUPP;
	}
	/* cc 3 keeps the guest from using a channel subsystem */
	kvm_s390_set_psw_cc(vcpu, 3);
	return 0;
}

/* The PSW a guest may load: 64-bit addressing and an address that fits. */
static bool is_valid_psw(psw_t *psw)
{
	if ((psw->mask & PSW_MASK_EA) && !(psw->mask & PSW_MASK_BA))
		return false;
	if (!(psw->mask & PSW_MASK_EA) && (psw->addr & ~0x7fffffffUL))
		return false;
	if (psw->addr & 1)
		return false;
	return true;
}

/* Intercepted while an interrupt waits for its mask (ICTL_LPSW). */
static int handle_lpswe(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	__be64 raw[2];
	u64 addr;

	vcpu->stat.instruction_lpswe++;

	if (sie->gpsw.mask & PSW_MASK_PSTATE)
		return kvm_s390_inject_program_int(vcpu, PGM_PRIVILEGED_OP);

	addr = kvm_s390_get_base_disp_s(vcpu, NULL);
	if (addr & 7)
		return kvm_s390_inject_program_int(vcpu, PGM_SPECIFICATION);
	if (kvm_read_guest(vcpu->kvm, kvm_s390_real_to_abs(vcpu, addr), raw,
			   sizeof(raw)))
		return kvm_s390_inject_program_int(vcpu, PGM_ADDRESSING);
	sie->gpsw.mask = be64_to_cpu(raw[0]);
	sie->gpsw.addr = be64_to_cpu(raw[1]);
	if (!is_valid_psw(&sie->gpsw))
		return kvm_s390_inject_program_int(vcpu, PGM_SPECIFICATION);
	return 0;
}

int kvm_s390_handle_b2(struct kvm_vcpu *vcpu)
{
	switch (vcpu->arch.sie_block->ipa & 0x00ff) {
	case 0x30 ... 0x3c:
	case 0x5f:
	case 0x76:
		return handle_io_inst(vcpu);
	case 0xb2:
		return handle_lpswe(vcpu);
	default:
		return -EOPNOTSUPP;
	}
}

/* Intercepted while an interrupt waits for a subclass mask (lctl). */
static int handle_lctlg(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	int reg1 = (sie->ipa & 0x00f0) >> 4;
	int reg3 = sie->ipa & 0x000f;
	int reg, nr_regs;
	__be64 ctl_array[16];
	u64 ga;

	vcpu->stat.instruction_lctlg++;

	if (sie->gpsw.mask & PSW_MASK_PSTATE)
		return kvm_s390_inject_program_int(vcpu, PGM_PRIVILEGED_OP);

	ga = kvm_s390_get_base_disp_rsy(vcpu, NULL);
	if (ga & 7)
		return kvm_s390_inject_program_int(vcpu, PGM_SPECIFICATION);

	nr_regs = ((reg3 - reg1) & 0xf) + 1;
	if (kvm_read_guest(vcpu->kvm, kvm_s390_real_to_abs(vcpu, ga),
			   ctl_array, nr_regs * sizeof(u64)))
		return kvm_s390_inject_program_int(vcpu, PGM_ADDRESSING);
	reg = reg1;
	nr_regs = 0;
	do {
		sie->gcr[reg] = be64_to_cpu(ctl_array[nr_regs++]);
		if (reg == reg3)
			break;
		reg = (reg + 1) % 16;
	} while (1);
	return 0;
}

int kvm_s390_handle_eb(struct kvm_vcpu *vcpu)
{
	switch (vcpu->arch.sie_block->ipb & 0x000000ff) {
	case 0x2f:
		return handle_lctlg(vcpu);
	default:
		return -EOPNOTSUPP;
	}
}

/* DIAGNOSE: 0x44 (time-slice end) is the kernel's, the rest userspace's. */
int kvm_s390_handle_diag(struct kvm_vcpu *vcpu)
{
	int code = kvm_s390_get_base_disp_rs(vcpu, NULL) & 0xffff;

	if (vcpu->arch.sie_block->gpsw.mask & PSW_MASK_PSTATE)
		return kvm_s390_inject_program_int(vcpu, PGM_PRIVILEGED_OP);

	switch (code) {
	case 0x44:
		/* nothing to give up the time slice to here */
		vcpu->stat.instruction_diagnose_44++;
		return 0;
	default:
		vcpu->stat.instruction_diagnose_other++;
		return -EOPNOTSUPP;
	}
}

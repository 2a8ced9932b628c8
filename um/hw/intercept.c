// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's handling of SIE intercepts of the simulated CPU (the
 * user-mode host's counterpart of 6.1's arch/s390/kvm/intercept.c and the
 * parts of priv.c/diag.c the simulated guests can reach).
 *
 * Returns 0 when the intercept was handled in the kernel (the guest goes
 * on), -EOPNOTSUPP when userspace must handle it (KVM_EXIT_S390_SIEIC),
 * -EREMOTE when kvm_run has been prepared for another exit, or another
 * -errno.  Runs on the vcpu thread under vcpu->mutex.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/kvm_host.h>
#include <asm/byteorder.h>

#include "../../arch/s390/kvm/kvm-s390.h"
#include "cpu.h"

/* all I/O interruption subclasses, in CR6 format */
#define ALL_ISCS_MASK	(0xffUL << 24)

static int handle_tpi(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_interrupt_info *inti;
	u64 addr = um_cpu_s_addr(vcpu);
	__be32 data[3];
	u64 abs;
	int len;

	vcpu->stat.instruction_tpi++;
	if (addr & 3)
		return kvm_s390_inject_program_int(vcpu, UM_PGM_SPECIFICATION);

	inti = kvm_s390_get_io_int(vcpu->kvm, vcpu->arch.sie_block->gcr[6], 0);
	if (!inti) {
		um_cpu_set_cc(vcpu, 0);
		return 0;
	}
	data[0] = cpu_to_be32(inti->io.subchannel_id << 16 |
			      inti->io.subchannel_nr);
	data[1] = cpu_to_be32(inti->io.io_int_parm);
	data[2] = cpu_to_be32(inti->io.io_int_word);
	/* an operand address gets two words, none the three in the lowcore */
	if (addr) {
		len = 8;
		abs = um_cpu_real_to_abs(vcpu, addr);
	} else {
		len = 12;
		abs = um_cpu_real_to_abs(vcpu, KVM_S390_LC_SUBCHANNEL_ID);
	}
	if (kvm_write_guest(vcpu->kvm, abs, data, len)) {
		/* nothing is lost: the interrupt goes back to its queue */
		if (kvm_s390_reinject_io_int(vcpu->kvm, inti)) {
			kfree(inti);
			return -EFAULT;
		}
		return addr ? kvm_s390_inject_program_int(vcpu,
							  UM_PGM_ADDRESSING) :
			      -EFAULT;
	}
	kfree(inti);
	um_cpu_set_cc(vcpu, 1);
	return 0;
}

/* TSCH: the interrupt part is the kernel's, the rest the VMM's. */
static int handle_tsch(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_interrupt_info *inti = NULL;
	struct kvm_run *run = vcpu->run;

	vcpu->stat.instruction_tsch++;
	if (run->s.regs.gprs[1])
		inti = kvm_s390_get_io_int(vcpu->kvm, ALL_ISCS_MASK,
					   run->s.regs.gprs[1]);
	run->exit_reason = KVM_EXIT_S390_TSCH;
	run->s390_tsch.dequeued = !!inti;
	if (inti) {
		run->s390_tsch.subchannel_id = inti->io.subchannel_id;
		run->s390_tsch.subchannel_nr = inti->io.subchannel_nr;
		run->s390_tsch.io_int_parm = inti->io.io_int_parm;
		run->s390_tsch.io_int_word = inti->io.io_int_word;
	}
	run->s390_tsch.ipb = vcpu->arch.sie_block->ipb;
	kfree(inti);
	return -EREMOTE;
}

static int handle_io_inst(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;

	if (!READ_ONCE(vcpu->kvm->arch.css_support)) {
		/* cc 3 keeps a guest from using a channel subsystem */
		um_cpu_set_cc(vcpu, 3);
		return 0;
	}
	if (sie->ipa == 0xb236)
		return handle_tpi(vcpu);
	if (sie->ipa == 0xb235)
		return handle_tsch(vcpu);
	vcpu->stat.instruction_io_other++;
	return -EOPNOTSUPP;
}

static int handle_diag(struct kvm_vcpu *vcpu)
{
	u16 code = um_cpu_s_addr(vcpu) & 0xffff;

	switch (code) {
	case 0x44:
		/* voluntary time-slice end: nothing to give up here */
		vcpu->stat.instruction_diagnose_44++;
		return 0;
	default:
		vcpu->stat.instruction_diagnose_other++;
		return -EOPNOTSUPP;
	}
}

static int handle_instruction(struct kvm_vcpu *vcpu)
{
	u16 ipa = vcpu->arch.sie_block->ipa;

	vcpu->stat.exit_instruction++;
	switch (ipa >> 8) {
	case 0x83:
		return handle_diag(vcpu);
	case 0xb2:
		switch (ipa & 0xff) {
		case 0x30 ... 0x3c:
		case 0x76:
			return handle_io_inst(vcpu);
		}
		return -EOPNOTSUPP;
	default:
		return -EOPNOTSUPP;
	}
}

int kvm_handle_sie_intercept(struct kvm_vcpu *vcpu)
{
	switch (vcpu->arch.sie_block->icptcode) {
	case ICPT_INST:
		return handle_instruction(vcpu);
	case ICPT_WAIT:
		return kvm_s390_handle_wait(vcpu);
	default:
		return -EOPNOTSUPP;
	}
}

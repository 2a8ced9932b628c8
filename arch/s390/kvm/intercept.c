// SPDX-License-Identifier: GPL-2.0
/*
 * What the kernel does when SIE leaves the guest with an intercept
 * (6.1's intercept.c, for the intercepts this project's machine
 * produces).
 *
 * Each handler returns 0 when the guest can go on, -EOPNOTSUPP when
 * userspace must handle the intercept (KVM_EXIT_S390_SIEIC), -EREMOTE
 * when kvm_run has been prepared for another exit, or another -errno.
 * They run on the vcpu thread under vcpu->mutex.
 */
#include <linux/errno.h>
#include <linux/kvm_host.h>
#include <asm/asm-offsets.h>
#include <asm/kvm_host.h>

#include "kvm-s390.h"
#include "gaccess.h"

static int handle_stop(struct kvm_vcpu *vcpu)
{
	vcpu->stat.exit_stop_request++;

	/* delay the stop if any non-stop interrupt is pending */
	if (kvm_s390_vcpu_has_irq(vcpu, 1))
		return 0;
	if (!kvm_s390_is_stop_irq_pending(vcpu))
		return 0;
	/*
	 * Stopped: userspace sees the stop intercept. Storing the status
	 * (KVM_S390_STOP_FLAG_STORE_STATUS) is not implemented.
	 */
	kvm_s390_vcpu_stop(vcpu);
	return -EOPNOTSUPP;
}

/*
 * The machine gives a validity intercept when it cannot run the state
 * description. 6.1 fails KVM_RUN with -EINVAL (and warns). The simulated
 * machine also gives one when the guest can only loop on program
 * interruptions (a program new PSW with nothing to execute, see
 * Documentation/s390/guest-model.rst): that is reported as an internal
 * error with the program-interruption code and the failing address,
 * which a VMM can act on.
 */
static int handle_validity(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	int viwhy = sie->ipb >> 16;
	struct kvm_run *run = vcpu->run;
	psw_t old;

	vcpu->stat.exit_validity++;
	if (viwhy != KVM_S390_VIR_PGM_LOOP)
		return -EINVAL;

	if (read_guest_lc_psw(vcpu, __LC_PGM_OLD_PSW, &old))
		old = sie->gpsw;
	run->exit_reason = KVM_EXIT_INTERNAL_ERROR;
	run->internal.suberror = KVM_INTERNAL_ERROR_DELIVERY_EV;
	run->internal.ndata = 2;
	run->internal.data[0] = sie->iprcc;
	run->internal.data[1] = old.addr;
	return -EREMOTE;
}

static int handle_instruction(struct kvm_vcpu *vcpu)
{
	vcpu->stat.exit_instruction++;

	switch (vcpu->arch.sie_block->ipa >> 8) {
	case 0x83:
		return kvm_s390_handle_diag(vcpu);
	case 0xb2:
		return kvm_s390_handle_b2(vcpu);
	case 0xeb:
		return kvm_s390_handle_eb(vcpu);
	default:
		return -EOPNOTSUPP;
	}
}

int kvm_handle_sie_intercept(struct kvm_vcpu *vcpu)
{
	switch (vcpu->arch.sie_block->icptcode) {
	case ICPT_EXTREQ:
		vcpu->stat.exit_external_request++;
		return 0;
	case ICPT_IOREQ:
		vcpu->stat.exit_io_request++;
		return 0;
	case ICPT_INST:
		return handle_instruction(vcpu);
	case ICPT_WAIT:
		return kvm_s390_handle_wait(vcpu);
	case ICPT_VALIDITY:
		return handle_validity(vcpu);
	case ICPT_STOP:
		return handle_stop(vcpu);
	default:
		return -EOPNOTSUPP;
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_RUN for s390 on the simulated CPU (the run loop of 6.1's
 * arch/s390/kvm/kvm-s390.c: kvm_arch_vcpu_ioctl_run, __vcpu_run,
 * vcpu_pre_run/vcpu_post_run, sync_regs/store_regs), and the vcpu
 * hooks the core needs from the CPU model: creation, kicks, wake-ups and
 * halting in enabled wait.
 *
 * Everything here runs under vcpu->mutex (the core's vcpu ioctl lock),
 * except the kick and wake-up hooks, which any thread may call.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/sched/signal.h>
#include <linux/kvm_host.h>

#include "../../arch/s390/kvm/kvm-s390.h"
#include "../hw/cpu.h"
#include "kvm_um.h"

/* ---- enabled wait ---- */

int kvm_arch_vcpu_runnable(struct kvm_vcpu *vcpu)
{
	return kvm_s390_vcpu_has_irq(vcpu, 0);
}

/* Why a halted vcpu must get up (6.1: kvm_vcpu_check_block). */
static bool vcpu_check_block(struct kvm_vcpu *vcpu)
{
	return kvm_arch_vcpu_runnable(vcpu) || signal_pending(current) ||
	       um_cpu_kick_pending(vcpu);
}

/*
 * Sleep in enabled wait until an interrupt can be taken, a signal
 * arrives or the vcpu is kicked (6.1: kvm_vcpu_halt, without polling).
 */
void kvm_vcpu_halt(struct kvm_vcpu *vcpu)
{
	int rc;

	vcpu->stat.generic.blocking = 1;
	rc = wait_event_interruptible(vcpu->wq, vcpu_check_block(vcpu));
	vcpu->stat.generic.blocking = 0;
	if (!rc && kvm_arch_vcpu_runnable(vcpu))
		vcpu->stat.generic.halt_wakeup++;
}

static bool um_vcpu_wake_up(struct kvm_vcpu *vcpu)
{
	bool waiting = waitqueue_active(&vcpu->wq);

	wake_up_interruptible(&vcpu->wq);
	return waiting;
}

static void um_vcpu_kick(struct kvm_vcpu *vcpu)
{
	um_cpu_kick(vcpu);
	/* a vcpu about to halt sees the kick in vcpu_check_block() */
	wake_up_interruptible(&vcpu->wq);
}

/* ---- register synchronisation with kvm_run ---- */

static void sync_regs(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	struct kvm_run *run = vcpu->run;

	sie->gpsw.mask = run->psw_mask;
	sie->gpsw.addr = run->psw_addr;
	if (run->kvm_dirty_regs & KVM_SYNC_PREFIX)
		sie->prefix = (run->s.regs.prefix & 0x7fffe000u) >>
			      GUEST_PREFIX_SHIFT;
	if (run->kvm_dirty_regs & KVM_SYNC_CRS)
		memcpy(sie->gcr, run->s.regs.crs, sizeof(sie->gcr));
	if (run->kvm_dirty_regs & KVM_SYNC_ARCH0) {
		sie->todpr = run->s.regs.todpr;
		sie->pp = run->s.regs.pp;
		sie->gbea = run->s.regs.gbea;
	}
	/* gprs and access registers are used in place in kvm_run */
	run->kvm_dirty_regs = 0;
}

static void store_regs(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	struct kvm_run *run = vcpu->run;

	run->psw_mask = sie->gpsw.mask;
	run->psw_addr = sie->gpsw.addr;
	run->s.regs.prefix = sie->prefix << GUEST_PREFIX_SHIFT;
	memcpy(run->s.regs.crs, sie->gcr, sizeof(run->s.regs.crs));
	run->s.regs.todpr = sie->todpr;
	run->s.regs.pp = sie->pp;
	run->s.regs.gbea = sie->gbea;
}

/* ---- the run loop ---- */

static int vcpu_pre_run(struct kvm_vcpu *vcpu)
{
	/* a kick only makes the guest come out and look: it has */
	um_cpu_test_and_clear_kick(vcpu);
	return 0;
}

static int vcpu_post_run(struct kvm_vcpu *vcpu, int exit_reason)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	struct kvm_run *run = vcpu->run;
	int rc;

	if (exit_reason < 0)
		return exit_reason;	/* interrupt delivery failed */
	if (exit_reason == UM_CPU_EXIT_INTERNAL) {
		um_cpu_internal_error(vcpu, run);
		return -EREMOTE;
	}
	if (sie->icptcode > 0) {
		rc = kvm_handle_sie_intercept(vcpu);
		if (rc != -EOPNOTSUPP)
			return rc;
		run->exit_reason = KVM_EXIT_S390_SIEIC;
		run->s390_sieic.icptcode = sie->icptcode;
		run->s390_sieic.ipa = sie->ipa;
		run->s390_sieic.ipb = sie->ipb;
		return -EREMOTE;
	}
	vcpu->stat.exit_null++;
	return 0;
}

static int __vcpu_run(struct kvm_vcpu *vcpu)
{
	int rc;

	do {
		rc = vcpu_pre_run(vcpu);
		if (rc)
			break;
		rc = vcpu_post_run(vcpu, um_cpu_sie(vcpu));
	} while (!signal_pending(current) && !rc);
	return rc;
}

int kvm_arch_vcpu_ioctl_run(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	int rc;

	if (run->immediate_exit)
		return -EINTR;
	if (run->kvm_valid_regs & ~KVM_SYNC_S390_VALID_FIELDS ||
	    run->kvm_dirty_regs & ~KVM_SYNC_S390_VALID_FIELDS)
		return -EINVAL;

	/* no user-controlled cpu state: KVM_RUN starts a stopped vcpu */
	kvm_s390_clear_cpuflags(vcpu, CPUSTAT_STOPPED);
	sync_regs(vcpu);
	rc = __vcpu_run(vcpu);
	if (signal_pending(current) && !rc) {
		run->exit_reason = KVM_EXIT_INTR;
		rc = -EINTR;
	}
	if (rc == -EREMOTE)
		rc = 0;		/* kvm_run has been prepared for userspace */
	store_regs(vcpu);
	vcpu->stat.exit_userspace++;
	return rc;
}

/* ---- hooks of the core ---- */

static const struct kvm_um_arch_ops um_s390_arch_ops = {
	.vcpu_create	= um_cpu_create,
	.vcpu_destroy	= um_cpu_destroy,
	.vcpu_kick	= um_vcpu_kick,
	.vcpu_wake_up	= um_vcpu_wake_up,
};

static int __init kvm_s390_run_init(void)
{
	kvm_um_set_arch_ops(&um_s390_arch_ops);
	return 0;
}
subsys_initcall(kvm_s390_run_init);

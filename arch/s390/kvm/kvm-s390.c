// SPDX-License-Identifier: GPL-2.0
/*
 * The s390 part of KVM that is not interrupt code: capabilities,
 * KVM_ENABLE_CAP, VM and vcpu set-up, the vcpu state ioctls and resets,
 * and the run loop around SIE (kvm_arch_vcpu_ioctl_run, __vcpu_run,
 * vcpu_pre_run/vcpu_post_run, sync_regs/store_regs).
 *
 * Names, signatures and semantics follow Linux 6.1's file of the same
 * name for the subset this project implements; what 6.1 has and this
 * file does not (gmap, ucontrol, CMMA, storage keys, crypto, PV, vsie,
 * timers, guest debugging, ONE_REG, MEM_OP) is not offered as a
 * capability.
 *
 * Locking: vcpu ioctls other than the async ones run under vcpu->mutex
 * (taken by the core), so the sie block and kvm_run are only touched by
 * the vcpu's own thread; cpuflags are atomic, as the interrupt code sets
 * them from any thread. kvm->lock serialises the capabilities that must
 * come before the first vcpu; start_stop_lock serialises stopping.
 */
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kvm.h>
#include <linux/kvm_host.h>
#include <linux/minmax.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/kvm_host.h>

#include "kvm-s390.h"

/*
 * The most local interrupts a vcpu can have pending (an emergency signal
 * per possible sender and fewer than 32 other kinds), the limit of
 * KVM_S390_SET_IRQ_STATE.
 */
#define LOCAL_IRQS 32
#define VCPU_IRQS_MAX_BUF (sizeof(struct kvm_s390_irq) * \
			   (KVM_MAX_VCPUS + LOCAL_IRQS))

/* ---- capabilities ---- */

int kvm_vm_ioctl_check_extension(struct kvm *kvm, long ext)
{
	int r;

	switch (ext) {
	case KVM_CAP_S390_PSW:
	case KVM_CAP_S390_CSS_SUPPORT:
	case KVM_CAP_DEVICE_CTRL:
	case KVM_CAP_S390_IRQCHIP:
	case KVM_CAP_IMMEDIATE_EXIT:
	case KVM_CAP_S390_INJECT_IRQ:
	case KVM_CAP_S390_IRQ_STATE:
	case KVM_CAP_S390_AIS:
	case KVM_CAP_S390_AIS_MIGRATION:
	case KVM_CAP_S390_VCPU_RESETS:
	case KVM_CAP_IRQFD:
		r = 1;
		break;
	case KVM_CAP_IRQ_ROUTING:
		r = KVM_MAX_IRQ_ROUTES;
		break;
	case KVM_CAP_NR_VCPUS:
	case KVM_CAP_MAX_VCPUS:
	case KVM_CAP_MAX_VCPU_ID:
		/* the machine has the ESCA */
		r = KVM_S390_ESCA_CPU_SLOTS;
		if (ext == KVM_CAP_NR_VCPUS)
			r = min_t(unsigned int, num_online_cpus(), r);
		break;
	default:
		r = 0;
	}
	return r;
}

int kvm_vm_ioctl_enable_cap(struct kvm *kvm, struct kvm_enable_cap *cap)
{
	int r;

	if (cap->flags)
		return -EINVAL;

	switch (cap->cap) {
	case KVM_CAP_S390_CSS_SUPPORT:
		/*
		 * Channel-subsystem instructions go out to userspace instead
		 * of getting cc 3; no way back. 6.1 takes this on a vcpu fd,
		 * but it is VM state there too.
		 */
		WRITE_ONCE(kvm->arch.css_support, 1);
		r = 0;
		break;
	case KVM_CAP_S390_IRQCHIP:
		/* allows KVM_CREATE_IRQCHIP; there is no way back */
		WRITE_ONCE(kvm->arch.use_irqchip, 1);
		r = 0;
		break;
	case KVM_CAP_S390_AIS:
		/* facility 72 for the guest: the CPU model is fixed with vcpus */
		mutex_lock(&kvm->lock);
		if (kvm->created_vcpus) {
			r = -EBUSY;
		} else {
			set_kvm_facility(kvm->arch.model.fac_mask,
					 KVM_S390_FAC_AIS);
			set_kvm_facility(kvm->arch.model.fac_list,
					 KVM_S390_FAC_AIS);
			r = 0;
		}
		mutex_unlock(&kvm->lock);
		break;
	default:
		r = -EINVAL;
		break;
	}
	return r;
}

/* ---- module and VM ---- */

int kvm_arch_init(void *opaque)
{
	/* the FLIC is the s390 irqchip: a device type of kvm.ko */
	return kvm_register_device_ops(&kvm_flic_ops, KVM_DEV_TYPE_FLIC);
}

int kvm_arch_init_vm(struct kvm *kvm, unsigned long type)
{
	/* KVM_VM_S390_UCONTROL needs CONFIG_KVM_S390_UCONTROL: not here */
	if (type)
		return -EINVAL;

	kvm_s390_float_irqs_init(kvm);
	spin_lock_init(&kvm->arch.start_stop_lock);
	kvm->arch.mem_limit = KVM_S390_NO_MEM_LIMIT;
	kvm->arch.use_irqchip = 0;
	kvm->arch.css_support = 0;
	return 0;
}

/*
 * Floating interrupts and adapters are VM state (they outlive the FLIC
 * device): they go with the VM, after its devices and vcpus.
 */
void kvm_arch_destroy_vm(struct kvm *kvm)
{
	/* 6.1 destroys devices after this: no injection after the clear */
	kvm_s390_ccw_destroy_vm(kvm);
	kvm_s390_clear_float_irqs(kvm);
	kvm_s390_destroy_adapters(kvm);
}

long kvm_arch_vm_ioctl(struct file *filp, unsigned int ioctl,
		       unsigned long arg)
{
	struct kvm *kvm = filp->private_data;
	struct kvm_s390_interrupt s390int;

	switch (ioctl) {
	case KVM_S390_INTERRUPT:
		/* the legacy injection of a floating interrupt */
		if (copy_from_user(&s390int, (void __user *)arg,
				   sizeof(s390int)))
			return -EFAULT;
		return kvm_s390_inject_vm(kvm, &s390int);
	}
	return -ENOTTY;
}

/* ---- vcpu start/stop ---- */

/* Without user-controlled cpu state, KVM_RUN starts a stopped vcpu. */
void kvm_s390_vcpu_start(struct kvm_vcpu *vcpu)
{
	spin_lock(&vcpu->kvm->arch.start_stop_lock);
	kvm_s390_clear_cpuflags(vcpu, CPUSTAT_STOPPED);
	spin_unlock(&vcpu->kvm->arch.start_stop_lock);
}

/* A stop takes a pending SIGP STOP with it. */
void kvm_s390_vcpu_stop(struct kvm_vcpu *vcpu)
{
	spin_lock(&vcpu->kvm->arch.start_stop_lock);
	kvm_s390_clear_stop_irq(vcpu);
	kvm_s390_set_cpuflags(vcpu, CPUSTAT_STOPPED);
	spin_unlock(&vcpu->kvm->arch.start_stop_lock);
}

/* ---- vcpu creation and resets ---- */

int kvm_arch_vcpu_precreate(struct kvm *kvm, unsigned int id)
{
	/* the ESCA has KVM_S390_ESCA_CPU_SLOTS entries */
	if (id >= KVM_S390_ESCA_CPU_SLOTS)
		return -EINVAL;
	return 0;
}

static void kvm_arch_vcpu_ioctl_normal_reset(struct kvm_vcpu *vcpu)
{
	vcpu->arch.pfault_token = KVM_S390_PFAULT_TOKEN_INVALID;
	kvm_s390_vcpu_stop(vcpu);
	kvm_s390_clear_local_irqs(vcpu);
}

static void kvm_arch_vcpu_ioctl_initial_reset(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	struct kvm_sync_regs *regs = &vcpu->run->s.regs;

	/* the initial reset is a superset of the normal reset */
	kvm_arch_vcpu_ioctl_normal_reset(vcpu);

	/* the initial CPU reset of the architecture, but no switch to ESA */
	sie->gpsw.mask = 0;
	sie->gpsw.addr = 0;
	sie->prefix = 0;
	sie->cputm = 0;
	sie->ckc = 0;
	memset(sie->gcr, 0, sizeof(sie->gcr));
	sie->gcr[0] = CR0_INITIAL_MASK;
	sie->gcr[14] = CR14_INITIAL_MASK;
	sie->gbea = 1;
	sie->pp = 0;
	sie->todpr = 0;

	/* and the same in the sync regs userspace sees */
	memset(regs->crs, 0, sizeof(regs->crs));
	regs->crs[0] = CR0_INITIAL_MASK;
	regs->crs[14] = CR14_INITIAL_MASK;
	vcpu->run->psw_addr = 0;
	vcpu->run->psw_mask = 0;
	regs->prefix = 0;
	regs->todpr = 0;
	regs->cputm = 0;
	regs->ckc = 0;
	regs->pp = 0;
	regs->gbea = 1;
	regs->fpc = 0;
}

static void kvm_arch_vcpu_ioctl_clear_reset(struct kvm_vcpu *vcpu)
{
	struct kvm_sync_regs *regs = &vcpu->run->s.regs;

	/* the clear reset is a superset of the initial reset */
	kvm_arch_vcpu_ioctl_initial_reset(vcpu);

	memset(&regs->gprs, 0, sizeof(regs->gprs));
	memset(&regs->vrs, 0, sizeof(regs->vrs));
	memset(&regs->acrs, 0, sizeof(regs->acrs));
	memset(&regs->gscb, 0, sizeof(regs->gscb));
	regs->etoken = 0;
	regs->etoken_extension = 0;
}

int kvm_arch_vcpu_create(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie;

	sie = kzalloc(sizeof(*sie), GFP_KERNEL_ACCOUNT);
	if (!sie)
		return -ENOMEM;
	vcpu->arch.sie_block = sie;
	kvm_s390_local_irqs_init(vcpu);
	atomic_set(&sie->cpuflags, CPUSTAT_ZARCH | CPUSTAT_SM |
				   CPUSTAT_STOPPED);
	sie->icpua = vcpu->vcpu_id;
	vcpu->run->kvm_valid_regs = KVM_SYNC_PREFIX | KVM_SYNC_GPRS |
				    KVM_SYNC_ACRS | KVM_SYNC_CRS |
				    KVM_SYNC_ARCH0 | KVM_SYNC_PFAULT;
	kvm_arch_vcpu_ioctl_initial_reset(vcpu);
	return 0;
}

void kvm_arch_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	kvm_s390_clear_local_irqs(vcpu);
	kfree(vcpu->arch.sie_block);
	vcpu->arch.sie_block = NULL;
}

/* ---- vcpu state ---- */

int kvm_arch_vcpu_ioctl_get_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs)
{
	memcpy(&regs->gprs, &vcpu->run->s.regs.gprs, sizeof(regs->gprs));
	return 0;
}

int kvm_arch_vcpu_ioctl_set_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs)
{
	memcpy(&vcpu->run->s.regs.gprs, &regs->gprs, sizeof(regs->gprs));
	return 0;
}

int kvm_arch_vcpu_ioctl_get_sregs(struct kvm_vcpu *vcpu,
				  struct kvm_sregs *sregs)
{
	memcpy(&sregs->acrs, &vcpu->run->s.regs.acrs, sizeof(sregs->acrs));
	memcpy(&sregs->crs, &vcpu->arch.sie_block->gcr, sizeof(sregs->crs));
	return 0;
}

int kvm_arch_vcpu_ioctl_set_sregs(struct kvm_vcpu *vcpu,
				  struct kvm_sregs *sregs)
{
	memcpy(&vcpu->run->s.regs.acrs, &sregs->acrs, sizeof(sregs->acrs));
	memcpy(&vcpu->arch.sie_block->gcr, &sregs->crs, sizeof(sregs->crs));
	return 0;
}

/*
 * Interrupt injection into a vcpu runs without vcpu->mutex, so that a
 * VMM thread can inject into a vcpu that sits in KVM_RUN.
 * -ENOIOCTLCMD: not an async ioctl.
 */
long kvm_arch_vcpu_async_ioctl(struct file *filp, unsigned int ioctl,
			       unsigned long arg)
{
	struct kvm_vcpu *vcpu = filp->private_data;
	void __user *argp = (void __user *)arg;
	struct kvm_s390_interrupt s390int;
	struct kvm_s390_irq s390irq = {};

	switch (ioctl) {
	case KVM_S390_IRQ:
		if (copy_from_user(&s390irq, argp, sizeof(s390irq)))
			return -EFAULT;
		return kvm_s390_inject_vcpu(vcpu, &s390irq);
	case KVM_S390_INTERRUPT:
		if (copy_from_user(&s390int, argp, sizeof(s390int)))
			return -EFAULT;
		if (s390int_to_s390irq(&s390int, &s390irq))
			return -EINVAL;
		return kvm_s390_inject_vcpu(vcpu, &s390irq);
	}
	return -ENOIOCTLCMD;
}

long kvm_arch_vcpu_ioctl(struct file *filp, unsigned int ioctl,
			 unsigned long arg)
{
	struct kvm_vcpu *vcpu = filp->private_data;
	void __user *argp = (void __user *)arg;
	struct kvm_s390_irq_state irq_state;

	switch (ioctl) {
	case KVM_S390_CLEAR_RESET:
		kvm_arch_vcpu_ioctl_clear_reset(vcpu);
		return 0;
	case KVM_S390_INITIAL_RESET:
		kvm_arch_vcpu_ioctl_initial_reset(vcpu);
		return 0;
	case KVM_S390_NORMAL_RESET:
		kvm_arch_vcpu_ioctl_normal_reset(vcpu);
		return 0;
	case KVM_S390_SET_IRQ_STATE:
		/*
		 * flags and reserved[] are not looked at, as in 6.1: QEMU
		 * never zeroed them, so they can never carry meaning.
		 */
		if (copy_from_user(&irq_state, argp, sizeof(irq_state)))
			return -EFAULT;
		if (irq_state.len > VCPU_IRQS_MAX_BUF || irq_state.len == 0 ||
		    irq_state.len % sizeof(struct kvm_s390_irq))
			return -EINVAL;
		return kvm_s390_set_irq_state(vcpu,
					      u64_to_user_ptr(irq_state.buf),
					      irq_state.len);
	case KVM_S390_GET_IRQ_STATE:
		if (copy_from_user(&irq_state, argp, sizeof(irq_state)))
			return -EFAULT;
		if (irq_state.len == 0)
			return -EINVAL;
		/* what is pending always fits in VCPU_IRQS_MAX_BUF */
		return kvm_s390_get_irq_state(vcpu,
					      u64_to_user_ptr(irq_state.buf),
					      min_t(u32, irq_state.len,
						    VCPU_IRQS_MAX_BUF));
	default:
		return -ENOTTY;
	}
}

/* ---- the run loop ---- */

int kvm_arch_vcpu_runnable(struct kvm_vcpu *vcpu)
{
	return kvm_s390_vcpu_has_irq(vcpu, 0);
}

static void sync_regs(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	struct kvm_run *run = vcpu->run;

	sie->gpsw.mask = run->psw_mask;
	sie->gpsw.addr = run->psw_addr;
	if (run->kvm_dirty_regs & KVM_SYNC_PREFIX)
		sie->prefix = (run->s.regs.prefix & 0x7fffe000u) >>
			      KVM_S390_PREFIX_SHIFT;
	if (run->kvm_dirty_regs & KVM_SYNC_CRS)
		memcpy(sie->gcr, run->s.regs.crs, sizeof(sie->gcr));
	if (run->kvm_dirty_regs & KVM_SYNC_ARCH0) {
		sie->todpr = run->s.regs.todpr;
		sie->pp = run->s.regs.pp;
		sie->gbea = run->s.regs.gbea;
	}
	if (run->kvm_dirty_regs & KVM_SYNC_PFAULT) {
		vcpu->arch.pfault_token = run->s.regs.pft;
		vcpu->arch.pfault_select = run->s.regs.pfs;
		vcpu->arch.pfault_compare = run->s.regs.pfc;
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
	run->s.regs.prefix = kvm_s390_get_prefix(vcpu);
	memcpy(run->s.regs.crs, sie->gcr, sizeof(run->s.regs.crs));
	run->s.regs.todpr = sie->todpr;
	run->s.regs.pp = sie->pp;
	run->s.regs.gbea = sie->gbea;
	run->s.regs.pft = vcpu->arch.pfault_token;
	run->s.regs.pfs = vcpu->arch.pfault_select;
	run->s.regs.pfc = vcpu->arch.pfault_compare;
}

static int vcpu_pre_run(struct kvm_vcpu *vcpu)
{
	int rc;

	/*
	 * Interrupts are delivered before SIE is entered: the guest starts
	 * at the handler. Those that cannot be taken yet leave intercept
	 * requests in the sie block (cpuflags, lctl, ictl), so SIE comes
	 * back when the guest enables for them.
	 */
	rc = kvm_s390_deliver_pending_interrupts(vcpu);
	if (rc)
		return rc;
	vcpu->arch.sie_block->icptcode = 0;
	return 0;
}

static int vcpu_post_run(struct kvm_vcpu *vcpu, int exit_reason)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	struct kvm_run *run = vcpu->run;
	int rc;

	if (exit_reason < 0)
		return exit_reason;
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
	int rc, exit_reason;

	do {
		rc = vcpu_pre_run(vcpu);
		if (rc)
			break;
		exit_reason = sie64a(vcpu->arch.sie_block,
				     vcpu->run->s.regs.gprs);
		rc = vcpu_post_run(vcpu, exit_reason);
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
	kvm_s390_vcpu_start(vcpu);
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

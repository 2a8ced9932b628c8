// SPDX-License-Identifier: GPL-2.0-only
/*
 * The s390 arch part of the KVM core (the subset of
 * arch/s390/kvm/kvm-s390.c that is pure state): capabilities,
 * KVM_ENABLE_CAP, VM/vcpu initialisation, the memslot rules of s390 and
 * the vcpu state ioctls (GET/SET_REGS, GET/SET_SREGS, GET/SET_IRQ_STATE).
 * KVM_RUN is the CPU model's (um/kvm/run.c).
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "kvm_mm.h"
#include "../../arch/s390/kvm/kvm-s390.h"

/*
 * The most local interrupts a vcpu can have pending (an emergency signal
 * per possible sender and fewer than 32 other kinds), in bytes, the
 * limit of KVM_S390_SET_IRQ_STATE (6.1 kvm-s390.c).
 */
#define LOCAL_IRQS 32
#define VCPU_IRQS_MAX_BUF (sizeof(struct kvm_s390_irq) * \
			   (KVM_MAX_VCPUS + LOCAL_IRQS))

/* Initial control registers after a vcpu reset (6.1 kvm_host.h). */
#define CR0_INITIAL_MASK	0xe0UL
#define CR14_INITIAL_MASK	0xc2000000UL

/* ---- capabilities ---- */

/*
 * One row per capability the core implements.  @value answers
 * KVM_CHECK_EXTENSION (NULL: 1); @enable handles KVM_ENABLE_CAP on the
 * VM (NULL: not enableable -> EINVAL).  Add a row when a feature lands.
 */
struct kvm_s390_cap {
	long cap;
	long (*value)(struct kvm *kvm, long cap);
	int (*enable)(struct kvm *kvm, struct kvm_enable_cap *cap);
};

static long cap_vcpus(struct kvm *kvm, long cap)
{
	long r = KVM_S390_ESCA_CPU_SLOTS;

	if (cap == KVM_CAP_NR_VCPUS)
		r = min_t(long, num_online_cpus(), r);
	return r;
}

/*
 * KVM_ENABLE_CAP(KVM_CAP_S390_CSS_SUPPORT): the channel-subsystem
 * instructions go out to userspace instead of getting cc 3 (6.1 does the
 * same; it cannot be disabled again).
 */
static int cap_enable_css(struct kvm *kvm, struct kvm_enable_cap *cap)
{
	WRITE_ONCE(kvm->arch.css_support, 1);
	return 0;
}

/*
 * KVM_ENABLE_CAP(KVM_CAP_S390_AIS): offer facility 72 (adapter-interruption
 * suppression) to the guest.  The CPU model is fixed once a vcpu exists.
 */
static int cap_enable_ais(struct kvm *kvm, struct kvm_enable_cap *cap)
{
	int r = 0;

	mutex_lock(&kvm->lock);
	if (kvm->created_vcpus) {
		r = -EBUSY;
	} else {
		set_kvm_facility(kvm->arch.model.fac_mask, KVM_S390_FAC_AIS);
		set_kvm_facility(kvm->arch.model.fac_list, KVM_S390_FAC_AIS);
	}
	mutex_unlock(&kvm->lock);
	return r;
}

/*
 * KVM_ENABLE_CAP(KVM_CAP_S390_IRQCHIP): allow KVM_CREATE_IRQCHIP, which
 * sets up adapter routing (um/kvm/irqchip.c).  As 6.1: no way back.
 */
static int cap_enable_irqchip(struct kvm *kvm, struct kvm_enable_cap *cap)
{
	WRITE_ONCE(kvm->arch.use_irqchip, 1);
	return 0;
}

static long cap_irq_routes(struct kvm *kvm, long cap)
{
	return KVM_MAX_IRQ_ROUTES;
}

static const struct kvm_s390_cap kvm_s390_caps[] = {
	{ .cap = KVM_CAP_S390_PSW },
	{ .cap = KVM_CAP_S390_CSS_SUPPORT, .enable = cap_enable_css },
	{ .cap = KVM_CAP_DEVICE_CTRL },
	{ .cap = KVM_CAP_NR_VCPUS, .value = cap_vcpus },
	{ .cap = KVM_CAP_MAX_VCPUS, .value = cap_vcpus },
	{ .cap = KVM_CAP_MAX_VCPU_ID, .value = cap_vcpus },
	/* the FLIC: floating interrupts, vcpu injection, AIS */
	{ .cap = KVM_CAP_S390_INJECT_IRQ },
	{ .cap = KVM_CAP_S390_IRQ_STATE },
	{ .cap = KVM_CAP_S390_AIS, .enable = cap_enable_ais },
	{ .cap = KVM_CAP_S390_AIS_MIGRATION },
	/* adapter routing and irqfd (no KVM_CAP_IRQFD_RESAMPLE: not done) */
	{ .cap = KVM_CAP_S390_IRQCHIP, .enable = cap_enable_irqchip },
	{ .cap = KVM_CAP_IRQ_ROUTING, .value = cap_irq_routes },
	{ .cap = KVM_CAP_IRQFD },
	{ .cap = KVM_CAP_IMMEDIATE_EXIT }, { .cap = KVM_CAP_INTERNAL_ERROR_DATA },
};

static const struct kvm_s390_cap *find_cap(long cap)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kvm_s390_caps); i++)
		if (kvm_s390_caps[i].cap == cap)
			return &kvm_s390_caps[i];
	return NULL;
}

long kvm_arch_check_extension(struct kvm *kvm, long ext, bool *found)
{
	const struct kvm_s390_cap *c = find_cap(ext);

	*found = c;
	if (!c)
		return 0;
	return c->value ? c->value(kvm, ext) : 1;
}

int kvm_vm_ioctl_enable_cap(struct kvm *kvm, struct kvm_enable_cap *cap)
{
	const struct kvm_s390_cap *c;

	if (cap->flags)
		return -EINVAL;
	c = find_cap(cap->cap);
	if (!c || !c->enable)
		return -EINVAL;
	return c->enable(kvm, cap);
}

/* ---- VM ---- */

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
	kvm_s390_clear_float_irqs(kvm);
	kvm_s390_destroy_adapters(kvm);
}

long kvm_arch_vm_ioctl(struct kvm *kvm, unsigned int ioctl,
		       unsigned long arg)
{
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

/*
 * s390 memslots begin and end on a segment (1 MB) boundary, in host and
 * in guest, and stay below the VM's memory limit.
 */
int kvm_arch_prepare_memory_region(struct kvm *kvm,
				   const struct kvm_userspace_memory_region *mem)
{
	if (mem->userspace_addr & 0xffffful)
		return -EINVAL;
	if (mem->memory_size & 0xffffful)
		return -EINVAL;
	if (kvm->arch.mem_limit != KVM_S390_NO_MEM_LIMIT &&
	    mem->guest_phys_addr + mem->memory_size > kvm->arch.mem_limit)
		return -EINVAL;
	return 0;
}

/* ---- vcpu ---- */

int kvm_arch_vcpu_precreate(struct kvm *kvm, unsigned int id)
{
	/* the ESCA has KVM_S390_ESCA_CPU_SLOTS entries */
	if (id >= KVM_S390_ESCA_CPU_SLOTS)
		return -EINVAL;
	return 0;
}

static void kvm_s390_vcpu_initial_reset(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;

	memset(&sie->gpsw, 0, sizeof(sie->gpsw));
	sie->prefix = 0;
	memset(sie->gcr, 0, sizeof(sie->gcr));
	sie->gcr[0] = CR0_INITIAL_MASK;
	sie->gcr[14] = CR14_INITIAL_MASK;
	sie->ckc = 0;
	sie->todpr = 0;
	vcpu->arch.pfault_token = KVM_S390_PFAULT_TOKEN_INVALID;
}

int kvm_arch_vcpu_create(struct kvm_vcpu *vcpu)
{
	struct kvm_s390_sie_block *sie;

	sie = kzalloc(sizeof(*sie), GFP_KERNEL);
	if (!sie)
		return -ENOMEM;
	vcpu->arch.sie_block = sie;
	kvm_s390_local_irqs_init(vcpu);
	atomic_set(&sie->cpuflags, CPUSTAT_ZARCH | CPUSTAT_SM |
				   CPUSTAT_STOPPED);
	sie->icpua = vcpu->vcpu_id;
	kvm_s390_vcpu_initial_reset(vcpu);
	vcpu->run->kvm_valid_regs = KVM_SYNC_PREFIX | KVM_SYNC_GPRS |
				    KVM_SYNC_ACRS | KVM_SYNC_CRS |
				    KVM_SYNC_ARCH0;
	return 0;
}

void kvm_arch_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	kvm_s390_clear_local_irqs(vcpu);
	kfree(vcpu->arch.sie_block);
	vcpu->arch.sie_block = NULL;
}

/* ---- vcpu state ioctls ---- */

static long vcpu_get_regs(struct kvm_vcpu *vcpu, void __user *argp)
{
	struct kvm_regs regs;

	memset(&regs, 0, sizeof(regs));
	memcpy(&regs.gprs, &vcpu->run->s.regs.gprs, sizeof(regs.gprs));
	return copy_to_user(argp, &regs, sizeof(regs)) ? -EFAULT : 0;
}

static long vcpu_set_regs(struct kvm_vcpu *vcpu, void __user *argp)
{
	struct kvm_regs regs;

	if (copy_from_user(&regs, argp, sizeof(regs)))
		return -EFAULT;
	memcpy(&vcpu->run->s.regs.gprs, &regs.gprs, sizeof(regs.gprs));
	return 0;
}

static long vcpu_get_sregs(struct kvm_vcpu *vcpu, void __user *argp)
{
	struct kvm_sregs sregs;

	memset(&sregs, 0, sizeof(sregs));
	memcpy(&sregs.acrs, &vcpu->run->s.regs.acrs, sizeof(sregs.acrs));
	memcpy(&sregs.crs, &vcpu->arch.sie_block->gcr, sizeof(sregs.crs));
	return copy_to_user(argp, &sregs, sizeof(sregs)) ? -EFAULT : 0;
}

static long vcpu_set_sregs(struct kvm_vcpu *vcpu, void __user *argp)
{
	struct kvm_sregs sregs;

	if (copy_from_user(&sregs, argp, sizeof(sregs)))
		return -EFAULT;
	memcpy(&vcpu->run->s.regs.acrs, &sregs.acrs, sizeof(sregs.acrs));
	memcpy(&vcpu->arch.sie_block->gcr, &sregs.crs, sizeof(sregs.crs));
	return 0;
}

/*
 * KVM_S390_SET_IRQ_STATE / KVM_S390_GET_IRQ_STATE: migration of the
 * vcpu's local interrupts. flags and reserved[] are not looked at, as in
 * 6.1: QEMU never zeroed them, so they can never carry meaning.
 */
static long vcpu_set_irq_state(struct kvm_vcpu *vcpu, void __user *argp)
{
	struct kvm_s390_irq_state irq_state;

	if (copy_from_user(&irq_state, argp, sizeof(irq_state)))
		return -EFAULT;
	if (irq_state.len > VCPU_IRQS_MAX_BUF || irq_state.len == 0 ||
	    irq_state.len % sizeof(struct kvm_s390_irq))
		return -EINVAL;
	return kvm_s390_set_irq_state(vcpu,
				      u64_to_user_ptr(irq_state.buf),
				      irq_state.len);
}

static long vcpu_get_irq_state(struct kvm_vcpu *vcpu, void __user *argp)
{
	struct kvm_s390_irq_state irq_state;

	if (copy_from_user(&irq_state, argp, sizeof(irq_state)))
		return -EFAULT;
	if (irq_state.len == 0)
		return -EINVAL;
	/*
	 * Any length is accepted; what is pending always fits in
	 * VCPU_IRQS_MAX_BUF, so a longer buffer is as good as that (and
	 * the length stays an int).
	 */
	return kvm_s390_get_irq_state(vcpu,
				      u64_to_user_ptr(irq_state.buf),
				      min_t(u32, irq_state.len,
					    VCPU_IRQS_MAX_BUF));
}

/*
 * Interrupt injection into a vcpu runs without vcpu->mutex (6.1's
 * kvm_arch_vcpu_async_ioctl), so that a VMM thread can inject into a vcpu
 * that sits in KVM_RUN.  -ENOIOCTLCMD: not an async ioctl.
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

long kvm_arch_vcpu_ioctl(struct kvm_vcpu *vcpu, unsigned int ioctl,
			 unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	switch (ioctl) {
	case KVM_RUN:
		if (arg)
			return -EINVAL;
		return kvm_arch_vcpu_ioctl_run(vcpu);	/* um/kvm/run.c */
	case KVM_GET_REGS:
		return vcpu_get_regs(vcpu, argp);
	case KVM_SET_REGS:
		return vcpu_set_regs(vcpu, argp);
	case KVM_GET_SREGS:
		return vcpu_get_sregs(vcpu, argp);
	case KVM_SET_SREGS:
		return vcpu_set_sregs(vcpu, argp);
	case KVM_S390_SET_IRQ_STATE:
		return vcpu_set_irq_state(vcpu, argp);
	case KVM_S390_GET_IRQ_STATE:
		return vcpu_get_irq_state(vcpu, argp);
	default:
		return -ENOTTY;
	}
}

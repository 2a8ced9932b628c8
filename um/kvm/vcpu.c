// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcpus: KVM_CREATE_VCPU and the vcpu fd (ioctl dispatch, mmap of
 * kvm_run).
 *
 * vcpus are never freed before their VM: the vcpu fd holds a VM
 * reference and kvm_destroy_vcpus() runs from the VM's destruction.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/anon_inodes.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include "kvm_mm.h"

/* ---- halting and waking (6.1: kvm_vcpu_halt, kvm_vcpu_kick) ---- */

static bool kvm_vcpu_kicked(struct kvm_vcpu *vcpu)
{
	return kvm_um_arch && kvm_um_arch->vcpu_kicked &&
	       kvm_um_arch->vcpu_kicked(vcpu);
}

/* Why a halted vcpu must get up (6.1: kvm_vcpu_check_block). */
static bool kvm_vcpu_check_block(struct kvm_vcpu *vcpu)
{
	return kvm_arch_vcpu_runnable(vcpu) || signal_pending(current) ||
	       kvm_vcpu_kicked(vcpu);
}

/*
 * Sleep in enabled wait until an interrupt can be taken, a signal
 * arrives or the vcpu is kicked (without halt polling).
 */
void kvm_vcpu_halt(struct kvm_vcpu *vcpu)
{
	int rc;

	vcpu->stat.generic.blocking = 1;
	rc = wait_event_interruptible(vcpu->wq, kvm_vcpu_check_block(vcpu));
	vcpu->stat.generic.blocking = 0;
	if (!rc && kvm_arch_vcpu_runnable(vcpu))
		vcpu->stat.generic.halt_wakeup++;
}

bool kvm_vcpu_wake_up(struct kvm_vcpu *vcpu)
{
	bool waiting = waitqueue_active(&vcpu->wq);

	wake_up_interruptible(&vcpu->wq);
	return waiting;
}

/* Make a running vcpu leave the guest (the machine's kick) or wake it. */
void kvm_vcpu_kick(struct kvm_vcpu *vcpu)
{
	if (kvm_vcpu_wake_up(vcpu))
		return;
	if (kvm_um_arch && kvm_um_arch->vcpu_kick)
		kvm_um_arch->vcpu_kick(vcpu);
	/* a vcpu about to halt sees the kick in kvm_vcpu_check_block() */
	wake_up_interruptible(&vcpu->wq);
}

/* ---- the vcpu fd ---- */

/* The register ioctls: the core copies, the arch fills in. */
static long kvm_vcpu_ioctl_regs(struct kvm_vcpu *vcpu, unsigned int ioctl,
				void __user *argp)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	int r;

	switch (ioctl) {
	case KVM_GET_REGS:
		memset(&regs, 0, sizeof(regs));
		r = kvm_arch_vcpu_ioctl_get_regs(vcpu, &regs);
		if (!r && copy_to_user(argp, &regs, sizeof(regs)))
			r = -EFAULT;
		return r;
	case KVM_SET_REGS:
		if (copy_from_user(&regs, argp, sizeof(regs)))
			return -EFAULT;
		return kvm_arch_vcpu_ioctl_set_regs(vcpu, &regs);
	case KVM_GET_SREGS:
		memset(&sregs, 0, sizeof(sregs));
		r = kvm_arch_vcpu_ioctl_get_sregs(vcpu, &sregs);
		if (!r && copy_to_user(argp, &sregs, sizeof(sregs)))
			r = -EFAULT;
		return r;
	default:
		if (copy_from_user(&sregs, argp, sizeof(sregs)))
			return -EFAULT;
		return kvm_arch_vcpu_ioctl_set_sregs(vcpu, &sregs);
	}
}

static long kvm_vcpu_ioctl(struct file *filp, unsigned int ioctl,
			   unsigned long arg)
{
	struct kvm_vcpu *vcpu = filp->private_data;
	long r;

	if (kvm_um_other_mm(vcpu->kvm) || vcpu->kvm->vm_dead)
		return -EIO;
	/* not a KVM ioctl at all (e.g. TCGETS): EINVAL, as upstream */
	if (unlikely(_IOC_TYPE(ioctl) != KVMIO))
		return -EINVAL;

	/*
	 * Some ioctls (interrupt injection) must reach a vcpu while another
	 * thread holds its mutex in KVM_RUN.
	 */
	r = kvm_arch_vcpu_async_ioctl(filp, ioctl, arg);
	if (r != -ENOIOCTLCMD)
		return r;

	/* one ioctl per vcpu at a time; a signal aborts the wait */
	if (mutex_lock_killable(&vcpu->mutex))
		return -EINTR;
	switch (ioctl) {
	case KVM_RUN:
		r = -EINVAL;
		if (arg)
			break;
		r = kvm_arch_vcpu_ioctl_run(vcpu);
		break;
	case KVM_GET_REGS:
	case KVM_SET_REGS:
	case KVM_GET_SREGS:
	case KVM_SET_SREGS:
		r = kvm_vcpu_ioctl_regs(vcpu, ioctl, (void __user *)arg);
		break;
	case KVM_GET_STATS_FD:
		r = kvm_vcpu_ioctl_get_stats_fd(vcpu);
		break;
	default:
		r = kvm_arch_vcpu_ioctl(filp, ioctl, arg);
		break;
	}
	mutex_unlock(&vcpu->mutex);
	return r;
}

/*
 * Only the kvm_run page exists on s390 (no pio, no coalesced mmio, no
 * dirty ring).  Upstream accepts any length and faults with SIGBUS past
 * the page; a user-mode mapping cannot fault lazily, so a mapping that
 * goes past it is refused with EINVAL instead.
 */
static int kvm_vcpu_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct kvm_vcpu *vcpu = file->private_data;

	if (vma->vm_pgoff != 0 || vma_pages(vma) != 1)
		return -EINVAL;
	vma->vm_private_data = vcpu->run;
	return 0;
}

static int kvm_vcpu_release(struct inode *inode, struct file *filp)
{
	struct kvm_vcpu *vcpu = filp->private_data;

	kvm_put_kvm(vcpu->kvm);
	return 0;
}

static const struct file_operations kvm_vcpu_fops = {
	.release	= kvm_vcpu_release,
	.unlocked_ioctl	= kvm_vcpu_ioctl,
	.mmap		= kvm_vcpu_mmap,
	.llseek		= noop_llseek,
};

static int create_vcpu_fd(struct kvm_vcpu *vcpu)
{
	char name[8 + 20];

	snprintf(name, sizeof(name), "kvm-vcpu:%d", vcpu->vcpu_id);
	return anon_inode_getfd(name, &kvm_vcpu_fops, vcpu,
				O_RDWR | O_CLOEXEC);
}

/* ---- creation and destruction ---- */

static void kvm_vcpu_init(struct kvm_vcpu *vcpu, struct kvm *kvm, u32 id)
{
	mutex_init(&vcpu->mutex);
	init_waitqueue_head(&vcpu->wq);
	vcpu->kvm = kvm;
	vcpu->vcpu_id = id;
	vcpu->cpu = -1;
	vcpu->ready = true;
	snprintf(vcpu->stats_id, sizeof(vcpu->stats_id), "kvm-%s/vcpu-%d",
		 kvm->stats_id + 4, id);
}

static void kvm_vcpu_free(struct kvm_vcpu *vcpu)
{
	if (kvm_um_arch && kvm_um_arch->vcpu_destroy)
		kvm_um_arch->vcpu_destroy(vcpu);
	kvm_arch_vcpu_destroy(vcpu);
	free_page((unsigned long)vcpu->run);
	kfree(vcpu);
}

static struct kvm_vcpu *kvm_vcpu_alloc(struct kvm *kvm, u32 id)
{
	struct kvm_vcpu *vcpu;
	int r;

	vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL);
	if (!vcpu)
		return ERR_PTR(-ENOMEM);
	vcpu->run = (struct kvm_run *)get_zeroed_page(GFP_KERNEL);
	if (!vcpu->run) {
		kfree(vcpu);
		return ERR_PTR(-ENOMEM);
	}
	kvm_vcpu_init(vcpu, kvm, id);
	r = kvm_arch_vcpu_create(vcpu);
	if (r)
		goto free_run;
	if (kvm_um_arch && kvm_um_arch->vcpu_create) {
		r = kvm_um_arch->vcpu_create(vcpu);
		if (r)
			goto arch_destroy;
	}
	return vcpu;

arch_destroy:
	kvm_arch_vcpu_destroy(vcpu);
free_run:
	free_page((unsigned long)vcpu->run);
	kfree(vcpu);
	return ERR_PTR(r);
}

int kvm_vm_ioctl_create_vcpu(struct kvm *kvm, u32 id)
{
	struct kvm_vcpu *vcpu;
	int r;

	if (id >= KVM_MAX_VCPU_IDS)
		return -EINVAL;

	mutex_lock(&kvm->lock);
	if (kvm->created_vcpus >= kvm->max_vcpus) {
		mutex_unlock(&kvm->lock);
		return -EINVAL;
	}
	r = kvm_arch_vcpu_precreate(kvm, id);
	if (r) {
		mutex_unlock(&kvm->lock);
		return r;
	}
	kvm->created_vcpus++;
	mutex_unlock(&kvm->lock);

	vcpu = kvm_vcpu_alloc(kvm, id);
	if (IS_ERR(vcpu)) {
		r = PTR_ERR(vcpu);
		goto vcpu_decrement;
	}

	mutex_lock(&kvm->lock);
	if (kvm_get_vcpu_by_id(kvm, id)) {
		r = -EEXIST;
		goto unlock_vcpu_destroy;
	}
	vcpu->vcpu_idx = atomic_read(&kvm->online_vcpus);

	/* the fd holds a VM reference from now on */
	kvm_get_kvm(kvm);
	r = create_vcpu_fd(vcpu);
	if (r < 0) {
		kvm_put_kvm_no_destroy(kvm);
		goto unlock_vcpu_destroy;
	}
	WRITE_ONCE(kvm->vcpus[vcpu->vcpu_idx], vcpu);
	/* pairs with smp_rmb() in kvm_get_vcpu(): vcpu before count */
	smp_wmb();
	atomic_inc(&kvm->online_vcpus);
	mutex_unlock(&kvm->lock);
	return r;

unlock_vcpu_destroy:
	mutex_unlock(&kvm->lock);
	kvm_vcpu_free(vcpu);
vcpu_decrement:
	mutex_lock(&kvm->lock);
	kvm->created_vcpus--;
	mutex_unlock(&kvm->lock);
	return r;
}

/* From the VM's destruction: no fd and no mapping refers to a vcpu. */
void kvm_destroy_vcpus(struct kvm *kvm)
{
	int i, n = atomic_read(&kvm->online_vcpus);

	for (i = 0; i < n; i++) {
		kvm_vcpu_free(kvm->vcpus[i]);
		kvm->vcpus[i] = NULL;
	}
	atomic_set(&kvm->online_vcpus, 0);
	kvm->created_vcpus = 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM core stand-in: /dev/kvm, the system ioctls, VM life cycle and the
 * VM ioctls (modeled on virt/kvm/kvm_main.c; errnos match Linux 6.1).
 *
 * Life cycle: a VM lives while anything references it (kvm->users_count):
 * the VM fd, every vcpu fd, device fd and stats fd (and, through the
 * vcpu file, every mmap of a kvm_run page).  The last kvm_put_kvm()
 * destroys devices, vcpus and memslots in that order.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/anon_inodes.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <um/syscall.h>
#include "kvm_mm.h"

const struct kvm_um_arch_ops *kvm_um_arch;

void kvm_um_set_arch_ops(const struct kvm_um_arch_ops *ops)
{
	kvm_um_arch = ops;
}

static atomic_t kvm_vm_seq = ATOMIC_INIT(0);	/* names stats ids */

/*
 * 6.1's struct kvm records its creator's address space (kvm->mm), and
 * the VM, vcpu and device ioctls fail with -EIO in any other: a fork()ed
 * child inherits the fds and may close them (dropping only its
 * references), not use them.  The host's struct kvm has no mm, so it
 * lives next to it: the copy of the in-process kernel that created the
 * VM (um_mm_id, bumped in every fork()ed child).
 */
struct kvm_um_vm {
	struct kvm kvm;
	unsigned long mm_id;	/* set at creation */
};

bool kvm_um_other_mm(struct kvm *kvm)
{
	return container_of(kvm, struct kvm_um_vm, kvm)->mm_id != um_mm_id;
}

static void kvm_um_free_vm(struct kvm *kvm)
{
	kfree(container_of(kvm, struct kvm_um_vm, kvm));
}

/* ---- references ---- */

void kvm_get_kvm(struct kvm *kvm)
{
	refcount_inc(&kvm->users_count);
}

/* Only for callers that may race with the last put (e.g. lookups). */
bool kvm_get_kvm_safe(struct kvm *kvm)
{
	return refcount_inc_not_zero(&kvm->users_count);
}

static void kvm_destroy_vm(struct kvm *kvm)
{
	kvm_destroy_devices(kvm);
	kvm_destroy_vcpus(kvm);
	if (kvm_um_arch && kvm_um_arch->vm_destroy)
		kvm_um_arch->vm_destroy(kvm);
	kvm_arch_destroy_vm(kvm);
	kvm_free_irq_routing(kvm);
	kvm_free_memslots(kvm);
	cleanup_srcu_struct(&kvm->irq_srcu);
	cleanup_srcu_struct(&kvm->srcu);
	kvm_um_free_vm(kvm);
}

void kvm_put_kvm(struct kvm *kvm)
{
	if (refcount_dec_and_test(&kvm->users_count))
		kvm_destroy_vm(kvm);
}

/*
 * Drop a reference taken for an fd that could not be created; the VM fd
 * still holds one, so this can never be the last.
 */
void kvm_put_kvm_no_destroy(struct kvm *kvm)
{
	WARN_ON(refcount_dec_and_test(&kvm->users_count));
}

/* ---- VM ioctls ---- */

static long kvm_vm_ioctl_check_extension_generic(struct kvm *kvm, long arg)
{
	switch (arg) {
	case KVM_CAP_USER_MEMORY:
	case KVM_CAP_DESTROY_MEMORY_REGION_WORKS:
	case KVM_CAP_JOIN_MEMORY_REGIONS_WORKS:
	case KVM_CAP_CHECK_EXTENSION_VM:
	case KVM_CAP_ENABLE_CAP_VM:
	case KVM_CAP_BINARY_STATS_FD:
	case KVM_CAP_INTERNAL_ERROR_DATA:
		return 1;
	case KVM_CAP_NR_MEMSLOTS:
		return KVM_USER_MEM_SLOTS;
	default:
		return -1;	/* not generic: ask the arch */
	}
}

long kvm_vm_check_extension(struct kvm *kvm, long ext)
{
	long r;

	r = kvm_vm_ioctl_check_extension_generic(kvm, ext);
	if (r >= 0)
		return r;
	/* only what is implemented is advertised: unknown is 0 */
	return kvm_vm_ioctl_check_extension(kvm, ext);
}

static long kvm_vm_ioctl_set_memory(struct kvm *kvm, void __user *argp)
{
	struct kvm_userspace_memory_region mem;

	if (copy_from_user(&mem, argp, sizeof(mem)))
		return -EFAULT;
	return kvm_vm_ioctl_set_memory_region(kvm, &mem);
}

static long kvm_vm_ioctl_dirty_log(struct kvm *kvm, void __user *argp)
{
	struct kvm_dirty_log log;

	if (copy_from_user(&log, argp, sizeof(log)))
		return -EFAULT;
	return kvm_vm_ioctl_get_dirty_log(kvm, &log);
}

static long kvm_vm_ioctl_enable(struct kvm *kvm, void __user *argp)
{
	struct kvm_enable_cap cap;

	if (copy_from_user(&cap, argp, sizeof(cap)))
		return -EFAULT;
	return kvm_vm_ioctl_enable_cap(kvm, &cap);
}

static long kvm_vm_ioctl_device(struct kvm *kvm, void __user *argp)
{
	struct kvm_create_device cd;
	long r;

	if (copy_from_user(&cd, argp, sizeof(cd)))
		return -EFAULT;
	r = kvm_ioctl_create_device(kvm, &cd);
	if (r)
		return r;
	/*
	 * The fd exists now; upstream leaves it open when this copy fails
	 * and so do we (the program cannot learn the number, close(2) of
	 * the VM's other fds still tears everything down).
	 */
	if (copy_to_user(argp, &cd, sizeof(cd)))
		return -EFAULT;
	return 0;
}

static long kvm_vm_ioctl(struct file *filp, unsigned int ioctl,
			 unsigned long arg)
{
	struct kvm *kvm = filp->private_data;
	void __user *argp = (void __user *)arg;

	if (kvm_um_other_mm(kvm) || kvm->vm_dead)
		return -EIO;

	switch (ioctl) {
	case KVM_CREATE_IRQCHIP:
	case KVM_SET_GSI_ROUTING:
	case KVM_IRQFD:
		return kvm_vm_ioctl_irqchip(kvm, ioctl, arg);
	case KVM_CREATE_VCPU:
		return kvm_vm_ioctl_create_vcpu(kvm, arg);
	case KVM_SET_USER_MEMORY_REGION:
		return kvm_vm_ioctl_set_memory(kvm, argp);
	case KVM_GET_DIRTY_LOG:
		return kvm_vm_ioctl_dirty_log(kvm, argp);
	case KVM_CHECK_EXTENSION:
		return kvm_vm_check_extension(kvm, arg);
	case KVM_ENABLE_CAP:
		return kvm_vm_ioctl_enable(kvm, argp);
	case KVM_CREATE_DEVICE:
		return kvm_vm_ioctl_device(kvm, argp);
	case KVM_GET_STATS_FD:
		return kvm_vm_ioctl_get_stats_fd(kvm);
	default:
		return kvm_arch_vm_ioctl(filp, ioctl, arg);
	}
}

static int kvm_vm_release(struct inode *inode, struct file *filp)
{
	/* irqfds live as long as the VM fd (um/kvm/irqfd.c) */
	kvm_irqfd_release(filp->private_data);
	kvm_put_kvm(filp->private_data);
	return 0;
}

static const struct file_operations kvm_vm_fops = {
	.release	= kvm_vm_release,
	.unlocked_ioctl	= kvm_vm_ioctl,
	.llseek		= noop_llseek,
};

/* ---- VM creation ---- */

static struct kvm *kvm_create_vm(unsigned long type)
{
	struct kvm_um_vm *um_vm;
	struct kvm *kvm;
	int r;

	um_vm = kzalloc(sizeof(*um_vm), GFP_KERNEL);
	if (!um_vm)
		return ERR_PTR(-ENOMEM);
	um_vm->mm_id = um_mm_id;
	kvm = &um_vm->kvm;

	spin_lock_init(&kvm->mmu_lock);
	mutex_init(&kvm->lock);
	mutex_init(&kvm->irq_lock);
	mutex_init(&kvm->slots_lock);
	INIT_LIST_HEAD(&kvm->devices);
	INIT_LIST_HEAD(&kvm->vm_list);
	refcount_set(&kvm->users_count, 1);
	kvm->max_vcpus = KVM_MAX_VCPUS;
	snprintf(kvm->stats_id, sizeof(kvm->stats_id), "kvm-%d",
		 atomic_inc_return(&kvm_vm_seq));

	r = -ENOMEM;
	if (init_srcu_struct(&kvm->srcu))
		goto out_free;
	if (init_srcu_struct(&kvm->irq_srcu))
		goto out_srcu;
	r = kvm_init_memslots(kvm);
	if (r)
		goto out_irq_srcu;
	r = kvm_arch_init_vm(kvm, type);
	if (r)
		goto out_memslots;
	if (kvm_um_arch && kvm_um_arch->vm_init) {
		r = kvm_um_arch->vm_init(kvm);
		if (r)
			goto out_arch;
	}
	return kvm;

out_arch:
	kvm_arch_destroy_vm(kvm);
out_memslots:
	kvm_free_memslots(kvm);
out_irq_srcu:
	cleanup_srcu_struct(&kvm->irq_srcu);
out_srcu:
	cleanup_srcu_struct(&kvm->srcu);
out_free:
	kvm_um_free_vm(kvm);
	return ERR_PTR(r);
}

static int kvm_dev_ioctl_create_vm(unsigned long type)
{
	struct kvm *kvm;
	int fd;

	kvm = kvm_create_vm(type);
	if (IS_ERR(kvm))
		return PTR_ERR(kvm);
	fd = anon_inode_getfd("kvm-vm", &kvm_vm_fops, kvm, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		kvm_put_kvm(kvm);
	return fd;
}

/* ---- /dev/kvm ---- */

static long kvm_dev_ioctl(struct file *filp, unsigned int ioctl,
			  unsigned long arg)
{
	switch (ioctl) {
	case KVM_GET_API_VERSION:
		return arg ? -EINVAL : KVM_API_VERSION;
	case KVM_CREATE_VM:
		return kvm_dev_ioctl_create_vm(arg);
	case KVM_CHECK_EXTENSION:
		return kvm_vm_check_extension(NULL, arg);
	case KVM_GET_VCPU_MMAP_SIZE:
		/* struct kvm_run; s390 has no pio or coalesced-mmio page */
		return arg ? -EINVAL : PAGE_SIZE;
	default:
		/* s390's kvm_arch_dev_ioctl: only KVM_S390_ENABLE_SIE */
		return ioctl == KVM_S390_ENABLE_SIE ? 0 : -EINVAL;
	}
}

static const struct file_operations kvm_chardev_ops = {
	.unlocked_ioctl	= kvm_dev_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice kvm_dev = {
	.minor	= KVM_MINOR,
	.name	= "kvm",
	.fops	= &kvm_chardev_ops,
};

static int __init kvm_init(void)
{
	int r;

	BUILD_BUG_ON(sizeof(struct kvm_run) > PAGE_SIZE);
	/* as 6.1's kvm_init(): the arch first (it registers the FLIC) */
	r = kvm_arch_init(NULL);
	if (r)
		return r;
	return misc_register(&kvm_dev);
}
module_init(kvm_init);

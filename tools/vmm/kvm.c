// SPDX-License-Identifier: GPL-2.0
/*
 * The machine: /dev/kvm, a VM with one memory slot, the FLIC, channel
 * subsystem support and, when there are passthrough devices, the
 * kvm-vfio device with every group added (as QEMU does, so vfio-ccw's
 * open_device learns its VM).  Only the uapi, no helper library.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "vmm.h"

#define SEG_SIZE	(1UL << 20)	/* memslots are segment aligned */

static int create_flic(struct vmm *v)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_FLIC };

	if (ioctl(v->vm_fd, KVM_CREATE_DEVICE, &cd))
		return -errno;
	v->flic_fd = cd.fd;
	return 0;
}

static int add_vcpu(struct vmm *v, int id)
{
	struct vcpu *c = &v->vcpus[id];
	long size;

	c->vmm = v;
	c->id = id;
	c->fd = ioctl(v->vm_fd, KVM_CREATE_VCPU, id);
	if (c->fd < 0)
		return -errno;
	size = ioctl(v->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < (long)sizeof(struct kvm_run))
		return -EINVAL;
	c->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);
	if (c->run == MAP_FAILED)
		return -errno;
	c->stats_fd = ioctl(c->fd, KVM_GET_STATS_FD, 0);
	if (c->stats_fd < 0)
		return -errno;
	/* its own lowcore: the prefix, through the sync regs as QEMU does */
	c->run->s.regs.prefix = G_PREFIX_BASE + id * 0x2000UL;
	c->run->kvm_dirty_regs |= KVM_SYNC_PREFIX;
	v->nr_vcpus++;
	return 0;
}

int kvm_machine_init(struct vmm *v, int nr_vcpus)
{
	struct kvm_userspace_memory_region slot = { 0 };
	struct kvm_enable_cap cap = { .cap = KVM_CAP_S390_CSS_SUPPORT };
	int i, ret;

	v->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (v->kvm_fd < 0)
		return -errno;
	if (ioctl(v->kvm_fd, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		return -EINVAL;
	if (ioctl(v->kvm_fd, KVM_CHECK_EXTENSION,
		  KVM_CAP_S390_CSS_SUPPORT) <= 0)
		return -EOPNOTSUPP;
	v->vm_fd = ioctl(v->kvm_fd, KVM_CREATE_VM, 0);
	if (v->vm_fd < 0)
		return -errno;
	v->stats_fd = ioctl(v->vm_fd, KVM_GET_STATS_FD, 0);
	if (v->stats_fd < 0)
		return -errno;
	v->mem_size = VMM_MEM_SIZE;
	v->map = mmap(NULL, v->mem_size + SEG_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (v->map == MAP_FAILED)
		return -errno;
	v->mem = (uint8_t *)(((uintptr_t)v->map + SEG_SIZE - 1) &
			     ~(SEG_SIZE - 1));
	slot.memory_size = v->mem_size;
	slot.userspace_addr = (uintptr_t)v->mem;
	if (ioctl(v->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot))
		return -errno;
	ret = create_flic(v);
	if (ret)
		return ret;
	for (i = 0; i < nr_vcpus; i++) {
		ret = add_vcpu(v, i);
		if (ret)
			return ret;
	}
	/* the VMM, not the kernel, emulates the channel subsystem */
	if (ioctl(v->vm_fd, KVM_ENABLE_CAP, &cap))
		return -errno;
	return 0;
}

void kvm_machine_exit(struct vmm *v)
{
	int i;

	for (i = 0; i < v->nr_vcpus; i++) {
		close(v->vcpus[i].stats_fd);
		close(v->vcpus[i].fd);
	}
	if (v->kvm_vfio_fd > 0)
		close(v->kvm_vfio_fd);
	if (v->stats_fd > 0)
		close(v->stats_fd);
	if (v->flic_fd > 0)
		close(v->flic_fd);
	if (v->vm_fd > 0)
		close(v->vm_fd);
	if (v->kvm_fd > 0)
		close(v->kvm_fd);
	if (v->map && v->map != MAP_FAILED)
		munmap(v->map, v->mem_size + SEG_SIZE);
}

void *gpa_to_hva(struct vmm *v, uint64_t gpa, uint64_t len)
{
	if (gpa >= v->mem_size || len > v->mem_size - gpa)
		return NULL;
	return v->mem + gpa;
}

/*
 * A test's way to a VMM that leaves the kvm-vfio device out (as an old
 * QEMU could): vfio-ccw's device then has no VM and refuses direct
 * injection (EPERM), which must fall back to the classic path.
 */
bool vmm_no_kvm_vfio;

int kvm_vfio_add_group(struct vmm *v, int group_fd)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_VFIO };
	struct kvm_device_attr attr = {
		.group = KVM_DEV_VFIO_GROUP,
		.attr = KVM_DEV_VFIO_GROUP_ADD,
		.addr = (uint64_t)(uintptr_t)&group_fd,
	};

	if (vmm_no_kvm_vfio)
		return 0;
	if (v->kvm_vfio_fd <= 0) {
		if (ioctl(v->vm_fd, KVM_CREATE_DEVICE, &cd))
			return -errno;
		v->kvm_vfio_fd = cd.fd;
	}
	return ioctl(v->kvm_vfio_fd, KVM_SET_DEVICE_ATTR, &attr) ? -errno : 0;
}

static int flic_enqueue(struct vmm *v, struct kvm_s390_irq *irq)
{
	struct kvm_device_attr attr = {
		.group = KVM_DEV_FLIC_ENQUEUE,
		.addr = (uint64_t)(uintptr_t)irq,
		.attr = sizeof(*irq),
	};

	count_syscall();
	return ioctl(v->flic_fd, KVM_SET_DEVICE_ATTR, &attr) ? -errno : 0;
}

/* one I/O interruption, as QEMU's css_inject_io_interrupt() makes it */
int kvm_flic_enqueue_io(struct vmm *v, uint16_t schid_hi, uint16_t schnr,
			uint32_t intparm, uint8_t isc)
{
	struct kvm_s390_irq irq = {
		.type = KVM_S390_INT_IO(0, schid_hi >> 8, (schid_hi >> 1) & 3,
					schnr),
	};

	irq.u.io.subchannel_id = schid_hi;
	irq.u.io.subchannel_nr = schnr;
	irq.u.io.io_int_parm = intparm;
	irq.u.io.io_int_word = (uint32_t)isc << 27;
	return flic_enqueue(v, &irq);
}

/*
 * A channel report pending: a floating machine check with the
 * channel-report subclass (CR14 bit 35) and QEMU's interruption code
 * (channel report pending plus the validity bits a guest checks).
 */
int kvm_inject_crw_mchk(struct vmm *v)
{
	struct kvm_s390_irq irq = {
		.type = KVM_S390_MCHK,
		.u.mchk.cr14 = 1U << 28,
		.u.mchk.mcic = 0x00400f1d40330000ULL,
	};

	return flic_enqueue(v, &irq);
}

/* drop a gone subchannel's pending interruptions */
int kvm_flic_clear_io(struct vmm *v, uint32_t schid)
{
	struct kvm_device_attr attr = {
		.group = KVM_DEV_FLIC_CLEAR_IO_IRQ,
		.addr = (uint64_t)(uintptr_t)&schid,
		.attr = sizeof(schid),
	};

	return ioctl(v->flic_fd, KVM_SET_DEVICE_ATTR, &attr) ? -errno : 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * VMM side of the guest programs of the simulated CPU (see
 * tools/include/s390/vm.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "s390/vm.h"

#define SEG_SIZE	(1UL << 20)	/* s390 memslots are segment aligned */

struct sim_vm *sim_vm_create(void)
{
	struct kvm_userspace_memory_region region = { 0 };
	struct sim_vm *vm;
	int err;

	vm = calloc(1, sizeof(*vm));
	if (!vm)
		return NULL;
	vm->kvm_fd = open("/dev/kvm", O_RDWR);
	if (vm->kvm_fd < 0)
		goto free;
	vm->fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->fd < 0)
		goto close_kvm;
	vm->mem_size = VM_MEM_SIZE;
	vm->map = mmap(NULL, vm->mem_size + SEG_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (vm->map == MAP_FAILED)
		goto close_vm;
	vm->mem = (void *)(((uintptr_t)vm->map + SEG_SIZE - 1) &
			   ~(SEG_SIZE - 1));
	region.slot = 0;
	region.guest_phys_addr = 0;
	region.memory_size = vm->mem_size;
	region.userspace_addr = (uintptr_t)vm->mem;
	if (ioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &region))
		goto unmap;
	return vm;

unmap:
	err = errno;
	munmap(vm->map, vm->mem_size + SEG_SIZE);
	errno = err;
close_vm:
	err = errno;
	close(vm->fd);
	errno = err;
close_kvm:
	err = errno;
	close(vm->kvm_fd);
	errno = err;
free:
	err = errno;
	free(vm);
	errno = err;
	return NULL;
}

void sim_vm_free(struct sim_vm *vm)
{
	int i;

	if (!vm)
		return;
	for (i = 0; i < vm->nr_vcpus; i++) {
		munmap(vm->vcpus[i].run, sizeof(struct kvm_run) > 4096 ?
		       sizeof(struct kvm_run) : 4096);
		close(vm->vcpus[i].fd);
	}
	close(vm->fd);
	close(vm->kvm_fd);
	munmap(vm->map, vm->mem_size + SEG_SIZE);
	free(vm);
}

int sim_vm_enable_cap(struct sim_vm *vm, uint32_t cap, uint64_t arg0)
{
	struct kvm_enable_cap ec = { .cap = cap, .args[0] = arg0 };

	return ioctl(vm->fd, KVM_ENABLE_CAP, &ec);
}

struct sim_vcpu *sim_vcpu_add(struct sim_vm *vm, int id)
{
	struct sim_vcpu *vcpu;
	long size;

	if (vm->nr_vcpus >= VM_MAX_VCPUS) {
		errno = ENOSPC;
		return NULL;
	}
	vcpu = &vm->vcpus[vm->nr_vcpus];
	vcpu->vm = vm;
	vcpu->id = id;
	vcpu->fd = ioctl(vm->fd, KVM_CREATE_VCPU, id);
	if (vcpu->fd < 0)
		return NULL;
	size = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < 0)
		size = 4096;
	vcpu->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
			 vcpu->fd, 0);
	if (vcpu->run == MAP_FAILED) {
		close(vcpu->fd);
		return NULL;
	}
	vm->nr_vcpus++;
	/* its own lowcore, through the sync regs as QEMU does */
	vcpu->run->s.regs.prefix = VM_PREFIX_BASE + vm->nr_vcpus * 0x2000UL -
				   0x2000UL;
	vcpu->run->kvm_dirty_regs |= KVM_SYNC_PREFIX;
	return vcpu;
}

void *sim_gpa2hva(struct sim_vm *vm, uint64_t gpa)
{
	if (gpa >= vm->mem_size)
		return NULL;
	return (char *)vm->mem + gpa;
}

void *sim_real2hva(struct sim_vcpu *vcpu, uint64_t gra)
{
	uint64_t prefix = vcpu->run->s.regs.prefix;

	if (gra < 0x2000)
		gra += prefix;
	else if (gra >= prefix && gra < prefix + 0x2000)
		gra -= prefix;
	return sim_gpa2hva(vcpu->vm, gra);
}

void sim_vcpu_set_entry(struct sim_vcpu *vcpu, guest_code_t fn, uint64_t arg)
{
	uint64_t addr = VM_CODE_BASE + (vcpu - vcpu->vm->vcpus) * 32;

	code_desc_write(sim_gpa2hva(vcpu->vm, addr), fn, arg);
	vcpu->run->psw_mask = PSW_MASK_64;
	vcpu->run->psw_addr = addr;
}

int sim_vcpu_run(struct sim_vcpu *vcpu)
{
	return ioctl(vcpu->fd, KVM_RUN, 0) ? -errno : 0;
}

uint64_t sim_get_ucall(struct sim_vcpu *vcpu, struct ucall *uc)
{
	struct kvm_run *run = vcpu->run;
	struct ucall ucall = { 0 };
	void *p;

	if (run->exit_reason == KVM_EXIT_S390_SIEIC &&
	    run->s390_sieic.icptcode == 4 &&
	    (run->s390_sieic.ipa >> 8) == 0x83 &&
	    (run->s390_sieic.ipb >> 16) == 0x501) {
		p = sim_real2hva(vcpu,
				 run->s.regs.gprs[run->s390_sieic.ipa & 0xf]);
		if (p)
			memcpy(&ucall, p, sizeof(ucall));
	}
	if (uc)
		*uc = ucall;
	return ucall.cmd;
}

bool sim_exit_is_insn(struct sim_vcpu *vcpu, uint16_t ipa)
{
	struct kvm_run *run = vcpu->run;

	return run->exit_reason == KVM_EXIT_S390_SIEIC &&
	       run->s390_sieic.icptcode == 4 && run->s390_sieic.ipa == ipa;
}

uint64_t sim_s_operand(struct sim_vcpu *vcpu)
{
	uint32_t ipb = vcpu->run->exit_reason == KVM_EXIT_S390_TSCH ?
		       vcpu->run->s390_tsch.ipb : vcpu->run->s390_sieic.ipb;
	unsigned int b2 = ipb >> 28;

	return (b2 ? vcpu->run->s.regs.gprs[b2] : 0) + ((ipb >> 16) & 0xfff);
}

void sim_set_cc(struct sim_vcpu *vcpu, unsigned int cc)
{
	vcpu->run->psw_mask = (vcpu->run->psw_mask & ~PSW_MASK_CC) |
			      ((uint64_t)(cc & 3) << 44);
}

unsigned int sim_get_cc(struct sim_vcpu *vcpu)
{
	return PSW_CC(vcpu->run->psw_mask);
}

int sim_inject_pgm(struct sim_vcpu *vcpu, uint16_t code)
{
	struct kvm_s390_irq irq = {
		.type = KVM_S390_PROGRAM_INT,
		.u.pgm.code = code,
	};

	return ioctl(vcpu->fd, KVM_S390_IRQ, &irq) ? -errno : 0;
}

int sim_inject_emergency(struct sim_vcpu *vcpu, uint16_t src)
{
	struct kvm_s390_irq irq = {
		.type = KVM_S390_INT_EMERGENCY,
		.u.emerg.code = src,
	};

	return ioctl(vcpu->fd, KVM_S390_IRQ, &irq) ? -errno : 0;
}

int sim_inject_io(struct sim_vm *vm, uint32_t schid, uint32_t intparm,
		  unsigned int isc)
{
	struct kvm_s390_interrupt s390int = {
		.type = KVM_S390_INT_IO(0, (schid >> 24) & 0xff,
					(schid >> 17) & 3, schid & 0xffff),
		.parm = schid,
		.parm64 = (uint64_t)intparm << 32 | (uint64_t)(isc & 7) << 27,
	};

	return ioctl(vm->fd, KVM_S390_INTERRUPT, &s390int) ? -errno : 0;
}

int sim_vcpu_stats_fd(struct sim_vcpu *vcpu)
{
	return ioctl(vcpu->fd, KVM_GET_STATS_FD, 0);
}

int64_t stats_read(int stats_fd, const char *name)
{
	struct kvm_stats_header h;
	struct kvm_stats_desc *d;
	size_t dsize;
	int64_t ret = -1;
	uint64_t val;
	char *descs;
	uint32_t i;

	if (pread(stats_fd, &h, sizeof(h), 0) != sizeof(h))
		return -1;
	dsize = sizeof(*d) + h.name_size;
	descs = malloc(dsize * h.num_desc);
	if (!descs)
		return -1;
	if (pread(stats_fd, descs, dsize * h.num_desc, h.desc_offset) !=
	    (ssize_t)(dsize * h.num_desc))
		goto out;
	for (i = 0; i < h.num_desc; i++) {
		d = (struct kvm_stats_desc *)(descs + i * dsize);
		if (strncmp(d->name, name, h.name_size))
			continue;
		if (pread(stats_fd, &val, sizeof(val),
			  h.data_offset + d->offset) == sizeof(val))
			ret = val;
		break;
	}
out:
	free(descs);
	return ret;
}

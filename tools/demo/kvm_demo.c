// SPDX-License-Identifier: GPL-2.0
/*
 * What "make run" shows until the VMM (tools/vmm) exists: a VM with two
 * vcpus and a FLIC, driven only through the real interface
 * (/dev/kvm, ioctl, mmap).  Each vcpu runs a small guest that starts I/O
 * on a subchannel (SSCH), which leaves KVM_RUN as an instruction
 * intercept; this program answers it as QEMU's ioinst handler would (cc 0)
 * and completes the "I/O" by enqueueing an I/O interrupt into the FLIC
 * with the guest's intparm.  The guest takes it through its I/O new PSW
 * in enabled wait.  At the end the FLIC is empty and the VM's binary
 * statistics show what happened.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include "s390/vm.h"

#define NR_VCPUS	2
#define NR_IOS		4
#define ISC		3
/* in the vcpu's lowcore: the last intparm and subchannel the handler saw */
#define SEEN_PARM	0x1200
#define SEEN_SCHID	0x1208
#define ORB_ADDR	0x200000UL

static void die(const char *what)
{
	fprintf(stderr, "kvm_demo: %s: %s\n", what, strerror(errno));
	exit(1);
}

static uint32_t schid_of(int vcpu)
{
	return 0x00010000u | (uint32_t)vcpu;	/* ssid 0, subchannel n */
}

/* I/O interruption handler: remember what the lowcore says */
static void io_handler(void)
{
	guest_write64(SEEN_PARM, guest_read32(LC_IO_INT_PARM));
	guest_write64(SEEN_SCHID, guest_read32(LC_SUBCHANNEL_ID) & 0xffff);
}

/* The guest: start I/O, wait for its interrupt, report, NR_IOS times. */
static void guest_main(uint64_t vcpu)
{
	uint64_t orb = ORB_ADDR + vcpu * 32;
	int i;

	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_load(6, 0x80000000UL >> ISC);
	for (i = 0; i < NR_IOS; i++) {
		guest_write32(orb, 0xd0000000u + (uint32_t)(vcpu << 8) + i);
		if (ssch(schid_of((int)vcpu), orb) != 0)
			ucall(UCALL_ABORT, 0);
		enabled_wait(PSW_MASK_IO);
		ucall(UCALL_SYNC, 2, guest_read64(SEEN_SCHID),
		      guest_read64(SEEN_PARM));
	}
	ucall(UCALL_DONE, 0);
}

/* Complete an SSCH: cc 0 now, an I/O interrupt for the subchannel later. */
static void vmm_ssch(struct sim_vcpu *vcpu, int flic_fd)
{
	uint32_t schid = (uint32_t)vcpu->run->s.regs.gprs[1];
	uint32_t *orb = sim_gpa2hva(vcpu->vm, sim_s_operand(vcpu));
	struct kvm_s390_irq irq = {
		.type = KVM_S390_INT_IO(0, 0, schid >> 17 & 3, schid & 0xffff),
	};
	struct kvm_device_attr attr = {
		.group = KVM_DEV_FLIC_ENQUEUE,
		.addr = (uint64_t)(uintptr_t)&irq,
		.attr = sizeof(irq),
	};

	irq.u.io.subchannel_id = (uint16_t)(schid >> 16);
	irq.u.io.subchannel_nr = (uint16_t)schid;
	irq.u.io.io_int_parm = be32toh(orb[0]);
	irq.u.io.io_int_word = ISC << 27;
	sim_set_cc(vcpu, 0);
	if (ioctl(flic_fd, KVM_SET_DEVICE_ATTR, &attr))
		die("FLIC enqueue");
}

static void run_vcpu(struct sim_vcpu *vcpu, int flic_fd)
{
	struct ucall uc;

	for (;;) {
		if (sim_vcpu_run(vcpu))
			die("KVM_RUN");
		switch (sim_get_ucall(vcpu, &uc)) {
		case UCALL_SYNC:
			printf("  vcpu %d: I/O interrupt for subchannel 0.0.%04x, intparm %#lx\n",
			       vcpu->id, (unsigned int)(uc.args[0] & 0xffff),
			       (unsigned long)uc.args[1]);
			continue;
		case UCALL_DONE:
			return;
		case UCALL_NONE:
			break;
		default:
			fprintf(stderr, "kvm_demo: guest aborted\n");
			exit(1);
		}
		if (!sim_exit_is_insn(vcpu, 0xb233)) {
			fprintf(stderr, "kvm_demo: unexpected exit %u\n",
				vcpu->run->exit_reason);
			exit(1);
		}
		vmm_ssch(vcpu, flic_fd);
	}
}

static void print_stats(int vm_fd)
{
	struct kvm_stats_header hdr;
	struct kvm_stats_desc *d;
	size_t dsz;
	char *descs;
	int fd, i;

	fd = ioctl(vm_fd, KVM_GET_STATS_FD, NULL);
	if (fd < 0)
		die("KVM_GET_STATS_FD");
	if (pread(fd, &hdr, sizeof(hdr), 0) != sizeof(hdr))
		die("stats header");
	dsz = sizeof(*d) + hdr.name_size;
	descs = calloc(hdr.num_desc, dsz);
	if (!descs || pread(fd, descs, dsz * hdr.num_desc, hdr.desc_offset) !=
	    (ssize_t)(dsz * hdr.num_desc))
		die("stats descriptors");
	printf("VM statistics (binary stats fd):\n");
	for (i = 0; i < (int)hdr.num_desc; i++) {
		uint64_t v;

		d = (struct kvm_stats_desc *)(descs + i * dsz);
		if (strncmp(d->name, "inject_", 7))
			continue;
		if (pread(fd, &v, sizeof(v), hdr.data_offset + d->offset) != 8)
			die("stats data");
		printf("  %-24s %lu\n", d->name, (unsigned long)v);
	}
	free(descs);
	close(fd);
}

int main(void)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_FLIC };
	struct sim_vcpu *vcpus[NR_VCPUS];
	struct sim_vm *vm;
	int i;

	vm = sim_vm_create();
	if (!vm)
		die("creating a VM");
	printf("/dev/kvm: API version %d; VM created\n",
	       ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0));
	/* the VMM, not the kernel, emulates the channel subsystem */
	if (sim_vm_enable_cap(vm, KVM_CAP_S390_CSS_SUPPORT, 0))
		die("KVM_ENABLE_CAP(CSS_SUPPORT)");
	if (ioctl(vm->fd, KVM_CREATE_DEVICE, &cd))
		die("KVM_CREATE_DEVICE(FLIC)");
	printf("FLIC created (device fd %u)\n", cd.fd);
	for (i = 0; i < NR_VCPUS; i++) {
		vcpus[i] = sim_vcpu_add(vm, i);
		if (!vcpus[i])
			die("KVM_CREATE_VCPU");
		sim_vcpu_set_entry(vcpus[i], guest_main, i);
	}
	printf("%d vcpus, each starting %d I/Os:\n", NR_VCPUS, NR_IOS);
	for (i = 0; i < NR_VCPUS; i++)
		run_vcpu(vcpus[i], cd.fd);
	print_stats(vm->fd);
	close(cd.fd);
	sim_vm_free(vm);
	printf("done\n");
	return 0;
}

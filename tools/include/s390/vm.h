/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMM side of the s390 selftests: a VM with one memslot at guest
 * absolute 0, vcpus with their own lowcore (prefix), guest programs
 * started from code descriptors, ucalls and intercept decoding.
 * Written against the syscall interface only.
 */
#ifndef SELFTEST_KVM_S390_KVM_UTIL_H
#define SELFTEST_KVM_S390_KVM_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/kvm.h>

#include "s390/guest.h"
#include "s390/ucall.h"

#define VM_MEM_SIZE		(4UL << 20)
/* vcpu n: lowcore (prefix area) at VM_PREFIX_BASE + n * 8K */
#define VM_PREFIX_BASE		0x100000UL
/* vcpu n: its entry descriptor at VM_CODE_BASE + n * 32 */
#define VM_CODE_BASE		0x080000UL
#define VM_MAX_VCPUS		16

struct kvm_vm;

struct kvm_vcpu {
	struct kvm_vm *vm;
	int id;
	int fd;
	struct kvm_run *run;
};

struct kvm_vm {
	int kvm_fd;
	int fd;
	void *mem;		/* guest absolute 0 */
	void *map;		/* the mapping, before 1 MiB alignment */
	uint64_t mem_size;
	int nr_vcpus;
	struct kvm_vcpu vcpus[VM_MAX_VCPUS];
};

/* Return NULL with errno set on failure. */
struct kvm_vm *vm_create(void);
void kvm_vm_free(struct kvm_vm *vm);
struct kvm_vcpu *vm_vcpu_add(struct kvm_vm *vm, int id);
int vm_enable_cap(struct kvm_vm *vm, uint32_t cap, uint64_t arg0);

/* Host pointer for guest absolute @gpa, NULL outside memory. */
void *addr_gpa2hva(struct kvm_vm *vm, uint64_t gpa);
/* Host pointer for guest real @gra of @vcpu (prefixing applies). */
void *vcpu_real2hva(struct kvm_vcpu *vcpu, uint64_t gra);

/* Start @fn(@arg) on the vcpu at the next KVM_RUN (64-bit, disabled). */
void vcpu_set_entry(struct kvm_vcpu *vcpu, guest_code_t fn, uint64_t arg);
/* KVM_RUN: 0 or -errno. */
int _vcpu_run(struct kvm_vcpu *vcpu);

/* ucall: the command (UCALL_NONE if the exit was not a ucall). */
uint64_t get_ucall(struct kvm_vcpu *vcpu, struct ucall *uc);

/* Intercept decoding, as QEMU's ioinst handlers do it. */
bool vcpu_exit_is_insn(struct kvm_vcpu *vcpu, uint16_t ipa);
uint64_t vcpu_s_operand(struct kvm_vcpu *vcpu);
void vcpu_set_cc(struct kvm_vcpu *vcpu, unsigned int cc);
unsigned int vcpu_get_cc(struct kvm_vcpu *vcpu);
/* KVM_S390_IRQ of a program interruption (what QEMU injects). */
int vcpu_inject_pgm(struct kvm_vcpu *vcpu, uint16_t code);
/* KVM_S390_IRQ of an emergency signal from cpu address @src. */
int vcpu_inject_emergency(struct kvm_vcpu *vcpu, uint16_t src);
/* KVM_S390_INTERRUPT (VM) of a floating I/O interrupt. */
int vm_inject_io(struct kvm_vm *vm, uint32_t schid, uint32_t intparm,
		 unsigned int isc);

/*
 * Binary statistics: KVM_GET_STATS_FD of the vcpu (call it while no
 * KVM_RUN is in progress: it takes the vcpu mutex), and the value of
 * counter @name read from such an fd (-1 if there is no such counter).
 */
int vcpu_stats_fd(struct kvm_vcpu *vcpu);
int64_t stats_read(int stats_fd, const char *name);

#endif /* SELFTEST_KVM_S390_KVM_UTIL_H */

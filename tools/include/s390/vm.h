/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMM side of the guest programs of the simulated CPU, for the selftests,
 * the benchmarks: a VM with one memslot at guest absolute 0,
 * vcpus with their own lowcore (prefix), guest programs started from code
 * descriptors, ucalls and intercept decoding.  Written against the
 * syscall interface only.
 *
 * Named sim_* because the semantics are not those of upstream's
 * selftests library (tools/testing/selftests/kvm/lib/kvm_util.c):
 * nothing here asserts; calls report failure to the caller.
 */
#ifndef TOOLS_S390_VM_H
#define TOOLS_S390_VM_H

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

struct sim_vm;

struct sim_vcpu {
	struct sim_vm *vm;
	int id;
	int fd;
	struct kvm_run *run;
};

struct sim_vm {
	int kvm_fd;
	int fd;
	void *mem;		/* guest absolute 0 */
	void *map;		/* the mapping, before 1 MiB alignment */
	uint64_t mem_size;
	int nr_vcpus;
	struct sim_vcpu vcpus[VM_MAX_VCPUS];
};

/* Return NULL with errno set on failure. */
struct sim_vm *sim_vm_create(void);
void sim_vm_free(struct sim_vm *vm);
struct sim_vcpu *sim_vcpu_add(struct sim_vm *vm, int id);
int sim_vm_enable_cap(struct sim_vm *vm, uint32_t cap, uint64_t arg0);

/* Host pointer for guest absolute @gpa, NULL outside memory. */
void *sim_gpa2hva(struct sim_vm *vm, uint64_t gpa);
/* Host pointer for guest real @gra of @vcpu (prefixing applies). */
void *sim_real2hva(struct sim_vcpu *vcpu, uint64_t gra);

/* Start @fn(@arg) on the vcpu at the next KVM_RUN (64-bit, disabled). */
void sim_vcpu_set_entry(struct sim_vcpu *vcpu, guest_code_t fn, uint64_t arg);
/* KVM_RUN: 0 or -errno. */
int sim_vcpu_run(struct sim_vcpu *vcpu);

/* ucall: the command (UCALL_NONE if the exit was not a ucall). */
uint64_t sim_get_ucall(struct sim_vcpu *vcpu, struct ucall *uc);

/* Intercept decoding, as QEMU's ioinst handlers do it. */
bool sim_exit_is_insn(struct sim_vcpu *vcpu, uint16_t ipa);
uint64_t sim_s_operand(struct sim_vcpu *vcpu);
void sim_set_cc(struct sim_vcpu *vcpu, unsigned int cc);
unsigned int sim_get_cc(struct sim_vcpu *vcpu);
/* KVM_S390_IRQ of a program interruption (what QEMU injects). */
int sim_inject_pgm(struct sim_vcpu *vcpu, uint16_t code);
/* KVM_S390_IRQ of an emergency signal from cpu address @src. */
int sim_inject_emergency(struct sim_vcpu *vcpu, uint16_t src);
/* KVM_S390_INTERRUPT (VM) of a floating I/O interrupt. */
int sim_inject_io(struct sim_vm *vm, uint32_t schid, uint32_t intparm,
		  unsigned int isc);

/*
 * Binary statistics: KVM_GET_STATS_FD of the vcpu (call it while no
 * KVM_RUN is in progress: it takes the vcpu mutex), and the value of
 * counter @name read from such an fd (-1 if there is no such counter).
 */
int sim_vcpu_stats_fd(struct sim_vcpu *vcpu);
int64_t stats_read(int stats_fd, const char *name);

#endif /* TOOLS_S390_VM_H */

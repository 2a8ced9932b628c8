/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated z CPU: what KVM_RUN (um/kvm/run.c) and the intercept
 * handlers (um/hw/intercept.c) see of it.  Host-only.
 *
 * The "hardware" runs a guest program on a coroutine per vcpu (see
 * Documentation/s390/guest-model.rst).  um_cpu_sie() plays the part of
 * the SIE instruction: it runs the guest until it needs the hypervisor,
 * with sie_block->icptcode saying why (0: the guest was only preempted).
 */
#ifndef UM_HW_CPU_H
#define UM_HW_CPU_H

#include <linux/types.h>
#include <linux/kvm_host.h>
#include <asm/ptrace.h>

/* Code descriptor: the only "instruction" that starts host code. */
#define UM_CODE_DESC_MAGIC	0x533339302d434f44ULL	/* "S390-COD" */
#define UM_CODE_DESC_SIZE	24	/* be64 magic, be64 fn, be64 arg */

/* Why um_cpu_sie() returned, besides a SIE intercept. */
enum um_cpu_exit {
	UM_CPU_EXIT_SIE = 0,	/* sie_block->icptcode is valid (0 = none) */
	UM_CPU_EXIT_INTERNAL,	/* the CPU cannot go on: internal error */
	UM_CPU_EXIT_FAULT,	/* interrupt delivery failed (-errno) */
};

/* Program-interruption codes the CPU model raises itself. */
#define UM_PGM_OPERATION	0x0001
#define UM_PGM_PRIVILEGED_OP	0x0002
#define UM_PGM_ADDRESSING	0x0005
#define UM_PGM_SPECIFICATION	0x0006

int um_cpu_create(struct kvm_vcpu *vcpu);
void um_cpu_destroy(struct kvm_vcpu *vcpu);

/*
 * Run the guest of @vcpu until it traps (the caller is KVM_RUN, holding
 * vcpu->mutex).  Returns an enum um_cpu_exit value, or -errno for
 * UM_CPU_EXIT_FAULT; um_cpu_internal_error() fills kvm_run for
 * UM_CPU_EXIT_INTERNAL.
 */
int um_cpu_sie(struct kvm_vcpu *vcpu);
void um_cpu_internal_error(struct kvm_vcpu *vcpu, struct kvm_run *run);

/* Make a running vcpu leave the guest soon (any thread). */
void um_cpu_kick(struct kvm_vcpu *vcpu);
bool um_cpu_kick_pending(struct kvm_vcpu *vcpu);
/* Consume a pending kick; true if there was one (vcpu thread). */
bool um_cpu_test_and_clear_kick(struct kvm_vcpu *vcpu);

/* Guest real address -> absolute address, with the vcpu's prefix. */
static inline u64 um_cpu_real_to_abs(struct kvm_vcpu *vcpu, u64 gra)
{
	u64 prefix = (u64)vcpu->arch.sie_block->prefix << GUEST_PREFIX_SHIFT;

	if (gra < 2 * PAGE_SIZE)
		gra += prefix;
	else if (gra >= prefix && gra < prefix + 2 * PAGE_SIZE)
		gra -= prefix;
	return gra;
}

/* The condition code: PSW mask bits 18-19. */
static inline void um_cpu_set_cc(struct kvm_vcpu *vcpu, unsigned long cc)
{
	psw_t *psw = &vcpu->arch.sie_block->gpsw;

	psw->mask = (psw->mask & ~(3UL << 44)) | ((cc & 3) << 44);
}

/* Instruction operands as the hardware decodes them. */
static inline u64 um_cpu_s_addr(struct kvm_vcpu *vcpu)
{
	u32 ipb = vcpu->arch.sie_block->ipb;
	u32 b2 = ipb >> 28;
	u64 d2 = (ipb >> 16) & 0xfff;

	return (b2 ? vcpu->run->s.regs.gprs[b2] : 0) + d2;
}

/* intercept.c: the hypervisor's side of intercepts (6.1: intercept.c). */
int kvm_handle_sie_intercept(struct kvm_vcpu *vcpu);

#endif /* UM_HW_CPU_H */

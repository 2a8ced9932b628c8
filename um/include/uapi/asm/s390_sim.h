/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The instruction interface of the user-mode host's simulated z CPU
 * (um/hw/cpu.c): what a guest program, C code running on a vcpu inside
 * KVM_RUN, has instead of machine instructions.  The host implements
 * these; guest libraries and programs call them.  See
 * Documentation/s390/guest-model.rst.
 */
#ifndef _UAPI_ASM_S390_SIM_H
#define _UAPI_ASM_S390_SIM_H

#include <linux/types.h>

/*
 * A code descriptor, the only "instruction" that starts host code: at an
 * 8-byte aligned guest real address, big-endian magic, function pointer
 * and argument.  When the PSW address names one, the CPU calls
 * fn(arg) on the vcpu's guest stack.
 */
#define S390_SIM_CODE_DESC_MAGIC	0x533339302d434f44ULL	/* "S390-COD" */
#define S390_SIM_CODE_DESC_SIZE		24

/* The general registers of the running vcpu (r & 15). */
__u64 s390_sim_get_gpr(unsigned int r);
void s390_sim_set_gpr(unsigned int r, __u64 val);
/* The PSW address of the running program (its descriptor). */
__u64 s390_sim_psw_addr(void);
/* Guest storage by real address, or NULL; one memslot, no prefix edge. */
void *s390_sim_real_to_host(__u64 gra, __u64 len);
/* A preemption point: signals, kicks and interrupts are seen here. */
void s390_sim_relax(void);
/*
 * Execute one instruction split as the hardware splits it for an
 * intercept (ipa = first halfword, ipb = the next two); returns the
 * condition code afterwards.
 */
unsigned int s390_sim_exec(__u16 ipa, __u32 ipb);

#endif /* _UAPI_ASM_S390_SIM_H */

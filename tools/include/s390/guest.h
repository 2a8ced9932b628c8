/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest side of the simulated z CPU: what a guest program (C code
 * started from a code descriptor) has instead of assembler.  See
 * Documentation/s390/guest-model.rst.
 *
 * Storage is addressed by guest real address (DAT off); the lowcore of
 * the running CPU is at real 0..0x1fff (prefixing applies).  Instructions
 * go through s390_sim_exec() split as the hardware splits them for an
 * intercept (ipa = first halfword, ipb = the next two), operands in the
 * general registers.  The library uses GPR 1 for subchannel ids and
 * GUEST_BASE_REG as the base register of storage operands.
 */
#ifndef SELFTEST_KVM_S390_GUEST_H
#define SELFTEST_KVM_S390_GUEST_H

#include <stdint.h>
#include <stddef.h>

/* the instruction set of the simulated CPU: s390_sim_*() */
#include <asm/s390_sim.h>

/* ---- architected values ---- */
#define PSW_MASK_PER		0x4000000000000000ULL
#define PSW_MASK_DAT		0x0400000000000000ULL
#define PSW_MASK_IO		0x0200000000000000ULL
#define PSW_MASK_EXT		0x0100000000000000ULL
#define PSW_MASK_MCHECK		0x0004000000000000ULL
#define PSW_MASK_WAIT		0x0002000000000000ULL
#define PSW_MASK_PSTATE		0x0001000000000000ULL
#define PSW_MASK_CC		0x0000300000000000ULL
#define PSW_MASK_EA		0x0000000100000000ULL
#define PSW_MASK_BA		0x0000000080000000ULL
#define PSW_MASK_64		(PSW_MASK_EA | PSW_MASK_BA)
#define PSW_CC(mask)		(((mask) >> 44) & 3)

/* CR0 external-interruption subclass masks, CR6 I/O-interruption subclasses */
#define CR0_EMERGENCY_SIGNAL	0x4000ULL
#define CR0_EXTERNAL_CALL	0x2000ULL
#define CR0_CLOCK_COMPARATOR	0x0800ULL
#define CR0_CPU_TIMER		0x0400ULL
#define CR0_SERVICE_SIGNAL	0x0200ULL
#define CR6_ISC_BIT(isc)		((0x80ULL >> (isc)) << 24)

#define LC_EXT_PARAMS		0x080
#define LC_EXT_CPU_ADDR		0x084
#define LC_EXT_INT_CODE		0x086
#define LC_PGM_ILC		0x08c
#define LC_PGM_CODE		0x08e
#define LC_SUBCHANNEL_ID	0x0b8
#define LC_SUBCHANNEL_NR	0x0ba
#define LC_IO_INT_PARM		0x0bc
#define LC_IO_INT_WORD		0x0c0
#define LC_MCCK_CODE		0x0e8
#define LC_EXT_OLD_PSW		0x130
#define LC_PGM_OLD_PSW		0x150
#define LC_MCK_OLD_PSW		0x160
#define LC_IO_OLD_PSW		0x170
#define LC_EXT_NEW_PSW		0x1b0
#define LC_PGM_NEW_PSW		0x1d0
#define LC_MCK_NEW_PSW		0x1e0
#define LC_IO_NEW_PSW		0x1f0

/*
 * Lowcore bytes the library uses for itself (unassigned in the
 * architected lowcore, per CPU because of prefixing): operand scratch,
 * the ucall block and the code descriptors of the interrupt handlers.
 */
#define LC_GUEST_SCRATCH	0x1000	/* 64 bytes */
#define LC_GUEST_UCALL		0x1040	/* struct ucall */
#define LC_GUEST_HANDLERS	0x1100	/* 4 descriptors of 24 bytes */

#define GUEST_BASE_REG		2

/* ---- code descriptors ---- */
#define CODE_DESC_MAGIC		S390_SIM_CODE_DESC_MAGIC
#define CODE_DESC_SIZE		S390_SIM_CODE_DESC_SIZE

typedef void (*guest_code_t)(uint64_t arg);

/* Write a descriptor (big-endian magic, function, argument) at @hva. */
void code_desc_write(void *hva, guest_code_t fn, uint64_t arg);

/* ---- storage ---- */
/* Host pointer for @len bytes at guest real address @gra; asserts. */
void *guest_ptr(uint64_t gra, uint64_t len);
uint16_t guest_read16(uint64_t gra);
uint32_t guest_read32(uint64_t gra);
uint64_t guest_read64(uint64_t gra);
void guest_write32(uint64_t gra, uint32_t val);
void guest_write64(uint64_t gra, uint64_t val);

/* ---- PSW and control registers ---- */
uint64_t psw_mask_get(void);			/* EPSW */
void psw_load(uint64_t mask, uint64_t addr);	/* LPSWE */
void psw_mask_set(uint64_t mask);		/* LPSWE of (mask, here) */
void ctl_load(unsigned int cr, uint64_t val);	/* LCTLG cr,cr */
uint64_t ctl_store(unsigned int cr);		/* STCTG cr,cr */
void ctl_set_bit(unsigned int cr, uint64_t bits);
void ctl_clear_bit(unsigned int cr, uint64_t bits);
/*
 * Enter an enabled wait with @int_mask (PSW_MASK_IO/EXT/MCHECK) added;
 * returns after one interrupt was handled (the handler epilogue clears
 * the wait bit of the old PSW), with the PSW masks from before the wait.
 */
void enabled_wait(uint64_t int_mask);
/* A preemption point for busy loops. */
static inline void cpu_relax(void)
{
	s390_sim_relax();
}

/* ---- interrupt handlers ---- */
enum guest_irq_class {
	GUEST_IRQ_EXT,
	GUEST_IRQ_PGM,
	GUEST_IRQ_MCHK,
	GUEST_IRQ_IO,
};
typedef void (*guest_irq_handler_t)(void);

/*
 * Install @fn as the handler of @cls on this CPU: a descriptor in the
 * lowcore and the new PSW (64-bit mode, all interrupts disabled)
 * pointing at it.  The library's prologue saves the GPRs, the epilogue
 * restores them and loads the old PSW without the wait bit.
 */
void guest_install_handler(enum guest_irq_class cls, guest_irq_handler_t fn);

/* ---- channel-subsystem instructions; each returns the cc ---- */
int ssch(uint32_t schid, uint64_t orb);
int tsch(uint32_t schid, uint64_t irb);
int stsch(uint32_t schid, uint64_t schib);
int msch(uint32_t schid, uint64_t schib);
int hsch(uint32_t schid);
int csch(uint32_t schid);
int xsch(uint32_t schid);
int rsch(uint32_t schid);
int tpi(uint64_t addr);
int stcrw(uint64_t addr);
/* Any S-format instruction: GR1 = @gr1, operand at base reg + 0. */
int s390_io_insn(uint16_t ipa, uint32_t gr1, uint64_t operand);

/* DIAGNOSE r1,r3,d2(b2) with b2 = 0 */
void diag(unsigned int r1, unsigned int r3, uint16_t code);

#endif /* SELFTEST_KVM_S390_GUEST_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * Guest library of the simulated z CPU (see include/s390/guest.h).
 * Runs on a vcpu's guest stack, inside KVM_RUN.
 */
#include <endian.h>
#include <string.h>

#include "s390/guest.h"
#include "s390/ucall.h"

void code_desc_write(void *hva, guest_code_t fn, uint64_t arg)
{
	uint64_t d[3] = {
		htobe64(CODE_DESC_MAGIC),
		htobe64((uint64_t)(uintptr_t)fn),
		htobe64(arg),
	};

	memcpy(hva, d, sizeof(d));
}

void *guest_ptr(uint64_t gra, uint64_t len)
{
	void *p = s390_sim_real_to_host(gra, len);

	GUEST_ASSERT(p);
	return p;
}

/*
 * Aligned words are accessed in one piece, as the machine does
 * (block-concurrent): a VMM thread polling guest memory sees either the
 * old or the new value, and the accesses are atomic for the compiler and
 * ThreadSanitizer too.
 */
uint16_t guest_read16(uint64_t gra)
{
	uint16_t v;

	memcpy(&v, guest_ptr(gra, 2), 2);
	return be16toh(v);
}

uint32_t guest_read32(uint64_t gra)
{
	uint32_t *p = guest_ptr(gra, 4), v;

	if (!(gra & 3))
		return be32toh(__atomic_load_n(p, __ATOMIC_RELAXED));
	memcpy(&v, p, 4);
	return be32toh(v);
}

uint64_t guest_read64(uint64_t gra)
{
	uint64_t *p = guest_ptr(gra, 8), v;

	if (!(gra & 7))
		return be64toh(__atomic_load_n(p, __ATOMIC_RELAXED));
	memcpy(&v, p, 8);
	return be64toh(v);
}

void guest_write32(uint64_t gra, uint32_t val)
{
	uint32_t *p = guest_ptr(gra, 4);

	val = htobe32(val);
	if (!(gra & 3))
		__atomic_store_n(p, val, __ATOMIC_RELAXED);
	else
		memcpy(p, &val, 4);
}

void guest_write64(uint64_t gra, uint64_t val)
{
	uint64_t *p = guest_ptr(gra, 8);

	val = htobe64(val);
	if (!(gra & 7))
		__atomic_store_n(p, val, __ATOMIC_RELAXED);
	else
		memcpy(p, &val, 8);
}

/*
 * S format: B2 in bits 0-3 of ipb's first halfword, D2 (12 bits) in 4-15.
 * A displacement that does not fit would silently address something
 * else: stop the guest instead.
 */
static uint32_t s_ipb(unsigned int b2, unsigned int d2)
{
	GUEST_ASSERT(d2 <= 0xfff);
	return (uint32_t)b2 << 28 | (uint32_t)d2 << 16;
}

uint64_t psw_mask_get(void)
{
	s390_sim_exec(0xb98d, (3u << 4 | 4u) << 16);	/* EPSW 3,4 */
	return (s390_sim_get_gpr(3) & 0xffffffffULL) << 32 |
	       (s390_sim_get_gpr(4) & 0xffffffffULL);
}

void psw_load(uint64_t mask, uint64_t addr)
{
	guest_write64(LC_GUEST_SCRATCH, mask);
	guest_write64(LC_GUEST_SCRATCH + 8, addr);
	/* the scratch area is above the 12-bit displacement: base register */
	s390_sim_set_gpr(GUEST_BASE_REG, LC_GUEST_SCRATCH);
	s390_sim_exec(0xb2b2, s_ipb(GUEST_BASE_REG, 0));
}

void psw_mask_set(uint64_t mask)
{
	psw_load(mask, s390_sim_psw_addr());
}

/* RSY format: ipa = opcode byte r1 r3, ipb = B2 DL2 DH2 opcode byte. */
static void ctl_op(unsigned int cr, uint8_t op)
{
	s390_sim_set_gpr(GUEST_BASE_REG, LC_GUEST_SCRATCH);
	s390_sim_exec(0xeb00 | (cr & 15) << 4 | (cr & 15),
		      s_ipb(GUEST_BASE_REG, 0) | op);
}

void ctl_load(unsigned int cr, uint64_t val)
{
	guest_write64(LC_GUEST_SCRATCH, val);
	ctl_op(cr, 0x2f);		/* LCTLG */
}

uint64_t ctl_store(unsigned int cr)
{
	ctl_op(cr, 0x25);		/* STCTG */
	return guest_read64(LC_GUEST_SCRATCH);
}

void ctl_set_bit(unsigned int cr, uint64_t bits)
{
	ctl_load(cr, ctl_store(cr) | bits);
}

void ctl_clear_bit(unsigned int cr, uint64_t bits)
{
	ctl_load(cr, ctl_store(cr) & ~bits);
}

void enabled_wait(uint64_t int_mask)
{
	uint64_t mask = psw_mask_get();

	psw_mask_set(mask | int_mask | PSW_MASK_WAIT);
	/* as an idle loop does: the masks from before the wait again */
	psw_mask_set(mask);
}

/* ---- interrupt handlers ---- */

static const struct {
	uint16_t old_psw, new_psw;
} irq_lc[] = {
	[GUEST_IRQ_EXT]  = { LC_EXT_OLD_PSW, LC_EXT_NEW_PSW },
	[GUEST_IRQ_PGM]  = { LC_PGM_OLD_PSW, LC_PGM_NEW_PSW },
	[GUEST_IRQ_MCHK] = { LC_MCK_OLD_PSW, LC_MCK_NEW_PSW },
	[GUEST_IRQ_IO]   = { LC_IO_OLD_PSW, LC_IO_NEW_PSW },
};

/*
 * Prologue and epilogue around a C handler, as an assembler stub does
 * on the machine: save and restore the GPRs, then LPSWE the old PSW.
 * The wait bit is dropped so that an interrupted enabled wait returns.
 */
static void irq_trampoline(uint64_t arg, enum guest_irq_class cls)
{
	guest_irq_handler_t fn = (guest_irq_handler_t)(uintptr_t)arg;
	uint64_t gprs[16];
	uint64_t old;
	int i;

	for (i = 0; i < 16; i++)
		gprs[i] = s390_sim_get_gpr(i);
	fn();
	old = irq_lc[cls].old_psw;
	guest_write64(old, guest_read64(old) & ~PSW_MASK_WAIT);
	for (i = 0; i < 16; i++)
		s390_sim_set_gpr(i, gprs[i]);
	/* LPSWE old(0): no base register, nothing clobbered */
	s390_sim_exec(0xb2b2, s_ipb(0, old));
}

static void ext_trampoline(uint64_t arg)
{
	irq_trampoline(arg, GUEST_IRQ_EXT);
}

static void pgm_trampoline(uint64_t arg)
{
	irq_trampoline(arg, GUEST_IRQ_PGM);
}

static void mchk_trampoline(uint64_t arg)
{
	irq_trampoline(arg, GUEST_IRQ_MCHK);
}

static void io_trampoline(uint64_t arg)
{
	irq_trampoline(arg, GUEST_IRQ_IO);
}

static const guest_code_t trampolines[] = {
	[GUEST_IRQ_EXT] = ext_trampoline,
	[GUEST_IRQ_PGM] = pgm_trampoline,
	[GUEST_IRQ_MCHK] = mchk_trampoline,
	[GUEST_IRQ_IO] = io_trampoline,
};

void guest_install_handler(enum guest_irq_class cls, guest_irq_handler_t fn)
{
	uint64_t desc = LC_GUEST_HANDLERS + cls * CODE_DESC_SIZE;

	code_desc_write(guest_ptr(desc, CODE_DESC_SIZE), trampolines[cls],
			(uint64_t)(uintptr_t)fn);
	guest_write64(irq_lc[cls].new_psw, PSW_MASK_64);
	guest_write64(irq_lc[cls].new_psw + 8, desc);
}

/* ---- channel-subsystem instructions ---- */

int s390_io_insn(uint16_t ipa, uint32_t gr1, uint64_t operand)
{
	s390_sim_set_gpr(1, gr1);
	s390_sim_set_gpr(GUEST_BASE_REG, operand);
	return s390_sim_exec(ipa, s_ipb(GUEST_BASE_REG, 0));
}

int ssch(uint32_t schid, uint64_t orb)
{
	return s390_io_insn(0xb233, schid, orb);
}

int tsch(uint32_t schid, uint64_t irb)
{
	return s390_io_insn(0xb235, schid, irb);
}

int stsch(uint32_t schid, uint64_t schib)
{
	return s390_io_insn(0xb234, schid, schib);
}

int msch(uint32_t schid, uint64_t schib)
{
	return s390_io_insn(0xb232, schid, schib);
}

int hsch(uint32_t schid)
{
	return s390_io_insn(0xb231, schid, 0);
}

int csch(uint32_t schid)
{
	return s390_io_insn(0xb230, schid, 0);
}

int xsch(uint32_t schid)
{
	return s390_io_insn(0xb276, schid, 0);
}

int rsch(uint32_t schid)
{
	return s390_io_insn(0xb238, schid, 0);
}

int tpi(uint64_t addr)
{
	s390_sim_set_gpr(GUEST_BASE_REG, addr);
	return s390_sim_exec(0xb236, s_ipb(GUEST_BASE_REG, 0));
}

int stcrw(uint64_t addr)
{
	s390_sim_set_gpr(GUEST_BASE_REG, addr);
	return s390_sim_exec(0xb239, s_ipb(GUEST_BASE_REG, 0));
}

void diag(unsigned int r1, unsigned int r3, uint16_t code)
{
	s390_sim_exec(0x8300 | (r1 & 15) << 4 | (r3 & 15), s_ipb(0, code));
}

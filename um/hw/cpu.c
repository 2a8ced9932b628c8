// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated z CPU.
 *
 * A guest program is C code of the test or VMM, started through "code
 * descriptors" in guest memory (S390_SIM_CODE_DESC_*): when the PSW address
 * names a descriptor, the CPU calls its function on the vcpu's own stack
 * (a coroutine, coroutine.h).  Everything the guest does to the machine
 * goes through the s390_sim_*() "instructions" below (the ABI in
 * <uapi/asm/s390_sim.h>), which are the instruction boundaries: the
 * only places where the CPU looks at the intercept requests the kernel
 * left in the sie block, at signals and kicks, and where the guest can be
 * suspended: an intercept switches back to the kernel's run loop (out of
 * sie64a()), and the next sie64a() resumes it right there.
 *
 * Nesting: the kernel delivers interrupts between two SIE entries; when
 * the CPU is entered again at a PSW that an interruption loaded (the
 * lowcore's new PSW of a class, whose old PSW is where the guest left),
 * it calls the handler's function on top of the interrupted one.
 * cpu->frame[] records the PSW address each nesting level runs at; a
 * handler that loads the interrupted PSW again (LPSWE of the old PSW)
 * returns to the level below.  Any other change of the PSW address
 * abandons the host call stack (the coroutine starts afresh at the new
 * address) — just as the hardware forgets where it was.
 *
 * All of it runs on the vcpu's thread, under vcpu->mutex (KVM_RUN), except
 * um_cpu_kick(), which only sets an atomic flag.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sched/signal.h>
#include <linux/kvm_host.h>
#include <asm/asm-offsets.h>
#include <asm/byteorder.h>
#include <asm/kvm_host.h>
#include <uapi/asm/s390_sim.h>

#include "kvm_um.h"
#include "coroutine.h"
#include "cpu.h"

#define UM_CPU_STACK_SIZE	(1024 * 1024)
#define UM_CPU_MAX_DEPTH	32

/* interruption classes whose new PSW the kernel can have loaded */
#define UM_CPU_MAX_CHAIN	6

struct um_cpu {
	struct kvm_vcpu *vcpu;
	struct um_coro coro;
	bool started;		/* the coroutine has been entered */
	int depth;		/* current nesting level */
	u64 frame[UM_CPU_MAX_DEPTH];	/* PSW address of each level */
	u64 resume_addr;	/* PSW address when the guest left */
	bool restart;		/* the guest branched away: reset the stack */
	bool lpswe;		/* left for an intercepted LPSWE */
	psw_t lpswe_psw;	/* ... whose operand was this PSW */
	/*
	 * The intercepted LPSWE went back to the level below and the kernel
	 * delivered interruptions there (cpu->chain): this level returns
	 * without looking at the PSW, the level below takes them.
	 */
	bool unwind;
	/* handlers the kernel loaded while the guest was out, outermost first */
	u64 chain[UM_CPU_MAX_CHAIN];
	int chain_len;
	atomic_t kick;		/* exit request from any thread */
};

/* The vcpu whose guest runs on this thread (set around um_coro_enter). */
static __thread struct um_cpu *um_cur_cpu;

static inline struct um_cpu *to_cpu(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.sie_block->um_cpu;
}

/* Guest real address -> absolute address, with the vcpu's prefix. */
static u64 cpu_real_to_abs(struct um_cpu *cpu, u64 gra)
{
	u64 prefix = (u64)cpu->vcpu->arch.sie_block->prefix <<
		     GUEST_PREFIX_SHIFT;

	if (gra < 2 * PAGE_SIZE)
		gra += prefix;
	else if (gra >= prefix && gra < prefix + 2 * PAGE_SIZE)
		gra -= prefix;
	return gra;
}

static inline psw_t *cpu_psw(struct um_cpu *cpu)
{
	return &cpu->vcpu->arch.sie_block->gpsw;
}

/* Called from guest code: there must be a CPU under it. */
static struct um_cpu *cur_cpu(void)
{
	struct um_cpu *cpu = um_cur_cpu;

	BUG_ON(!cpu);
	return cpu;
}

/* Leave SIE with @icptcode (sie64a() returns); back when re-entered. */
static void cpu_yield(struct um_cpu *cpu, u8 icptcode)
{
	cpu->vcpu->arch.sie_block->icptcode = icptcode;
	cpu->resume_addr = cpu_psw(cpu)->addr;
	um_coro_yield(&cpu->coro);
}

/*
 * Unrecoverable for the guest: it could only loop taking program
 * interruptions.  Leave with a validity intercept and stay here; each
 * further KVM_RUN reports the same until the VMM loads another PSW
 * (which restarts the coroutine).
 */
static void __noreturn cpu_internal_error(struct um_cpu *cpu, u16 code)
{
	struct kvm_s390_sie_block *sie = cpu->vcpu->arch.sie_block;

	for (;;) {
		sie->ipb = KVM_S390_VIR_PGM_LOOP << 16;
		sie->iprcc = code;
		cpu_yield(cpu, ICPT_VALIDITY);
	}
}

static int cpu_read_real(struct um_cpu *cpu, u64 gra, void *buf, size_t len)
{
	return kvm_read_guest(cpu->vcpu->kvm,
			      cpu_real_to_abs(cpu, gra), buf, len);
}

static int cpu_write_real(struct um_cpu *cpu, u64 gra, const void *buf,
			  size_t len)
{
	return kvm_write_guest(cpu->vcpu->kvm,
			       cpu_real_to_abs(cpu, gra), buf, len);
}

/* Look up the code descriptor at a PSW address. */
static bool cpu_fetch(struct um_cpu *cpu, u64 addr,
		      void (**fn)(u64 arg), u64 *arg)
{
	__be64 desc[3];

	if (addr & 7)
		return false;
	if (cpu_read_real(cpu, addr, desc, sizeof(desc)))
		return false;
	if (be64_to_cpu(desc[0]) != S390_SIM_CODE_DESC_MAGIC || !desc[1])
		return false;
	*fn = (void (*)(u64))(uintptr_t)be64_to_cpu(desc[1]);
	*arg = be64_to_cpu(desc[2]);
	return true;
}

/*
 * A program interruption detected by the CPU itself (no intercept):
 * store code, ILC and old PSW in the lowcore, load the program new PSW.
 * With no code behind the new PSW the guest could only loop taking
 * operation exceptions: that is an internal error for the VMM.
 */
static void cpu_program_int(struct um_cpu *cpu, u16 code, u16 ilc)
{
	psw_t *psw = cpu_psw(cpu);
	__be64 old[2] = { cpu_to_be64(psw->mask), cpu_to_be64(psw->addr) };
	__be64 new[2];
	__be16 c = cpu_to_be16(code), l = cpu_to_be16(ilc << 1);
	void (*fn)(u64);
	u64 arg;

	if (cpu_write_real(cpu, __LC_PGM_ILC, &l, 2) ||
	    cpu_write_real(cpu, __LC_PGM_INT_CODE, &c, 2) ||
	    cpu_write_real(cpu, __LC_PGM_OLD_PSW, old, 16) ||
	    cpu_read_real(cpu, __LC_PGM_NEW_PSW, new, 16))
		cpu_internal_error(cpu, code);
	psw->mask = be64_to_cpu(new[0]);
	psw->addr = be64_to_cpu(new[1]);
	if (!(psw->mask & PSW_MASK_WAIT) && !cpu_fetch(cpu, psw->addr, &fn, &arg))
		cpu_internal_error(cpu, code);
}

static void cpu_exec_level(struct um_cpu *cpu, int depth);
static void cpu_take_interrupts(struct um_cpu *cpu);

/* Has the program at level @depth gone back to the level below? */
static bool cpu_level_left(struct um_cpu *cpu, int depth)
{
	return depth > 0 &&
	       (cpu->unwind || cpu_psw(cpu)->addr == cpu->frame[depth - 1]);
}

/* Back at level @depth from the one above: take what was left for it. */
static void cpu_level_back(struct um_cpu *cpu, int depth)
{
	cpu->depth = depth;
	cpu->unwind = false;
	cpu_take_interrupts(cpu);
}

/* Run what a newly loaded (interrupt) PSW points at, one level up. */
static void cpu_run_nested(struct um_cpu *cpu)
{
	int depth = cpu->depth;

	if (depth + 1 >= UM_CPU_MAX_DEPTH)
		cpu_internal_error(cpu, PGM_SPECIFICATION);
	cpu_exec_level(cpu, depth + 1);
	cpu_level_back(cpu, depth);
}

/*
 * Run the handlers of the interruptions the kernel delivered while the
 * guest was out (sie64a() found them): each on top of the level below,
 * the innermost first; each returns when it loads its old PSW again.
 */
static void cpu_nest(struct um_cpu *cpu, int depth, const u64 *chain, int n)
{
	if (depth + 1 >= UM_CPU_MAX_DEPTH)
		cpu_internal_error(cpu, PGM_SPECIFICATION);
	if (n > 1) {
		/* an interruption taken before this handler's first one */
		cpu->frame[depth + 1] = chain[0];
		cpu->depth = depth + 1;
		cpu_nest(cpu, depth + 1, chain + 1, n - 1);
	}
	cpu_exec_level(cpu, depth + 1);
	cpu_level_back(cpu, depth);
}

/*
 * Run the handlers the kernel delivered for this level; again while a
 * handler's LPSWE back here brought more (cpu->unwind).  Not while this
 * level is itself being left: those are the level below's.
 */
static void cpu_take_interrupts(struct um_cpu *cpu)
{
	u64 chain[UM_CPU_MAX_CHAIN];
	int n;

	while (!cpu->unwind && (n = cpu->chain_len)) {
		memcpy(chain, cpu->chain, n * sizeof(chain[0]));
		cpu->chain_len = 0;
		cpu_nest(cpu, cpu->depth, chain, n);
	}
}

/* Leave the guest with an intercept and come back when it is done. */
static void cpu_intercept(struct um_cpu *cpu, u8 icptcode)
{
	cpu_yield(cpu, icptcode);
	cpu_take_interrupts(cpu);
}

/*
 * The intercept the sie block asks for under the current PSW, 0 if none:
 * an interruption request the guest is now enabled for.
 */
static u8 cpu_intercept_request(struct um_cpu *cpu)
{
	struct kvm_s390_sie_block *sie = cpu->vcpu->arch.sie_block;
	u32 flags = atomic_read(&sie->cpuflags);
	u64 mask = sie->gpsw.mask;

	if (flags & CPUSTAT_STOP_INT)
		return ICPT_STOP;
	if ((flags & CPUSTAT_IO_INT) && (mask & PSW_MASK_IO))
		return ICPT_IOREQ;
	if ((flags & CPUSTAT_EXT_INT) && (mask & PSW_MASK_EXT))
		return ICPT_EXTREQ;
	return 0;
}

/*
 * An instruction boundary: leave for what the sie block asks, and for a
 * wait PSW (kvm_s390_handle_wait() sleeps for an enabled wait, a
 * disabled one goes out to the VMM).  Returns when the guest can go on.
 */
static void cpu_boundary(struct um_cpu *cpu)
{
	u8 icptcode;

	for (;;) {
		icptcode = cpu_intercept_request(cpu);
		if (!icptcode && (cpu_psw(cpu)->mask & PSW_MASK_WAIT))
			icptcode = ICPT_WAIT;
		if (!icptcode)
			return;
		cpu_intercept(cpu, icptcode);
	}
}

/*
 * Execute the program at the PSW, at nesting level @depth.  Returns only
 * when the PSW goes back to the level below (a handler's LPSWE of its
 * old PSW); level 0 never returns.
 */
static void cpu_exec_level(struct um_cpu *cpu, int depth)
{
	psw_t *psw = cpu_psw(cpu);
	void (*fn)(u64);
	u64 arg;

	for (;;) {
		cpu->depth = depth;
		cpu->frame[depth] = psw->addr;
		if (cpu_level_left(cpu, depth))
			return;
		cpu_boundary(cpu);
		if (cpu_level_left(cpu, depth))
			return;
		if (psw->addr != cpu->frame[depth])
			continue;
		if (!cpu_fetch(cpu, psw->addr, &fn, &arg)) {
			/* suppressing: the old PSW points past a 2-byte op */
			psw->addr += 2;
			cpu_program_int(cpu, PGM_OPERATION, 1);
			continue;
		}
		fn(arg);
		cpu->depth = depth;
		if (cpu_level_left(cpu, depth))
			return;
		if (psw->addr == cpu->frame[depth]) {
			/* the program ended: stop in a disabled wait */
			psw->mask = (psw->mask & (PSW_MASK_EA | PSW_MASK_BA)) |
				    PSW_MASK_WAIT;
		}
	}
}

static void cpu_main(void *arg)
{
	struct um_cpu *cpu = arg;

	for (;;)
		cpu_exec_level(cpu, 0);
}

/* ------------------------------------------------------------------ */
/* The hypervisor side                                                 */

/*
 * The guest is entered at another PSW than the one it was left at (@to;
 * its mask too if @exact): did the kernel deliver interruptions there?
 * Walk back from the PSW through the lowcore: a class whose new PSW is
 * this one, and whose old PSW leads (maybe through more such classes)
 * to @to.  The handlers found go into cpu->chain, outermost first.
 */
static bool cpu_find_interrupts(struct um_cpu *cpu, const psw_t *to,
				bool exact)
{
	static const u16 old_psw[] = {
		__LC_RST_OLD_PSW, __LC_EXT_OLD_PSW, __LC_SVC_OLD_PSW,
		__LC_PGM_OLD_PSW, __LC_MCK_OLD_PSW, __LC_IO_OLD_PSW,
	};
	static const u16 new_psw[] = {
		__LC_RST_NEW_PSW, __LC_EXT_NEW_PSW, __LC_SVC_NEW_PSW,
		__LC_PGM_NEW_PSW, __LC_MCK_NEW_PSW, __LC_IO_NEW_PSW,
	};
	u64 found[UM_CPU_MAX_CHAIN];
	psw_t cur = *cpu_psw(cpu);
	__be64 raw[2];
	int n = 0, i, c;

	while (cur.addr != to->addr || (exact && cur.mask != to->mask)) {
		if (n == UM_CPU_MAX_CHAIN)
			return false;
		for (c = 0; c < ARRAY_SIZE(new_psw); c++) {
			if (cpu_read_real(cpu, new_psw[c], raw, sizeof(raw)))
				return false;
			if (be64_to_cpu(raw[0]) == cur.mask &&
			    be64_to_cpu(raw[1]) == cur.addr)
				break;
		}
		if (c == ARRAY_SIZE(new_psw) ||
		    cpu_read_real(cpu, old_psw[c], raw, sizeof(raw)))
			return false;
		found[n++] = cur.addr;
		cur.mask = be64_to_cpu(raw[0]);
		cur.addr = be64_to_cpu(raw[1]);
	}
	for (i = 0; i < n; i++)
		cpu->chain[i] = found[n - 1 - i];
	cpu->chain_len = n;
	return true;
}

/*
 * Left for an intercepted LPSWE back to the level below (a handler's
 * return): did the kernel load it, maybe delivering interruptions there?
 * Those are the level below's to take (cpu->unwind).  The PSW alone
 * cannot tell: such a handler's address may be the one the guest left
 * at (the same class's handler again), so look for the LPSWE's operand
 * as the old PSW of a delivery.
 */
static bool cpu_lpswe_back(struct um_cpu *cpu, u64 addr)
{
	if (!cpu->lpswe || !cpu->depth ||
	    cpu->lpswe_psw.addr != cpu->frame[cpu->depth - 1])
		return false;
	if (addr == cpu->lpswe_psw.addr)
		return true;
	if (!cpu_find_interrupts(cpu, &cpu->lpswe_psw, true))
		return false;
	cpu->unwind = true;
	return true;
}

/* SIE: run the guest of @sie_block until it needs the hypervisor. */
int sie64a(struct kvm_s390_sie_block *sie_block, u64 *gprs)
{
	struct um_cpu *cpu = sie_block->um_cpu;
	u64 addr = sie_block->gpsw.addr;

	/* the kernel has just looked at everything a kick asks for */
	atomic_set(&cpu->kick, 0);
	cpu->chain_len = 0;
	if (cpu->started && !cpu->restart && !cpu_lpswe_back(cpu, addr) &&
	    addr != cpu->resume_addr) {
		psw_t left = { .addr = cpu->resume_addr };

		if (!cpu_find_interrupts(cpu, &left, false))
			cpu->restart = true;
	}
	/* any other PSW loaded from outside abandons the guest's stack */
	if (cpu->started && cpu->restart) {
		um_coro_reset(&cpu->coro);
		cpu->restart = false;
		cpu->unwind = false;
	}
	cpu->lpswe = false;
	cpu->started = true;
	sie_block->icptcode = 0;
	um_cur_cpu = cpu;
	um_coro_enter(&cpu->coro);
	um_cur_cpu = NULL;
	return 0;
}

void um_cpu_kick(struct kvm_vcpu *vcpu)
{
	atomic_set(&to_cpu(vcpu)->kick, 1);
}

bool um_cpu_kick_pending(struct kvm_vcpu *vcpu)
{
	return atomic_read(&to_cpu(vcpu)->kick);
}

int um_cpu_create(struct kvm_vcpu *vcpu)
{
	struct um_cpu *cpu;
	int rc;

	cpu = kzalloc(sizeof(*cpu), GFP_KERNEL);
	if (!cpu)
		return -ENOMEM;
	cpu->vcpu = vcpu;
	rc = um_coro_init(&cpu->coro, UM_CPU_STACK_SIZE, cpu_main, cpu);
	if (rc) {
		kfree(cpu);
		return rc;
	}
	vcpu->arch.sie_block->um_cpu = cpu;
	return 0;
}

void um_cpu_destroy(struct kvm_vcpu *vcpu)
{
	struct um_cpu *cpu = to_cpu(vcpu);

	if (!cpu)
		return;
	um_coro_destroy(&cpu->coro);
	kfree(cpu);
	vcpu->arch.sie_block->um_cpu = NULL;
}

/* The machine plugs into the KVM core stand-in as the hardware would. */
static const struct kvm_um_arch_ops um_cpu_arch_ops = {
	.vcpu_create	= um_cpu_create,
	.vcpu_destroy	= um_cpu_destroy,
	.vcpu_kick	= um_cpu_kick,
	.vcpu_kicked	= um_cpu_kick_pending,
};

static int __init um_cpu_init(void)
{
	kvm_um_set_arch_ops(&um_cpu_arch_ops);
	return 0;
}
subsys_initcall(um_cpu_init);

/* ------------------------------------------------------------------ */
/* The guest side: the instructions (<uapi/asm/s390_sim.h>)             */

u64 s390_sim_get_gpr(unsigned int r)
{
	return cur_cpu()->vcpu->run->s.regs.gprs[r & 15];
}

void s390_sim_set_gpr(unsigned int r, u64 val)
{
	cur_cpu()->vcpu->run->s.regs.gprs[r & 15] = val;
}

/* Like LARL of the current instruction: the running level's address. */
u64 s390_sim_psw_addr(void)
{
	struct um_cpu *cpu = cur_cpu();

	return cpu->frame[cpu->depth];
}

/*
 * Guest storage by real address, as a host pointer (DAT is off).  The
 * range must stay in one memslot and must not cross the prefix area.
 */
void *s390_sim_real_to_host(u64 gra, u64 len)
{
	struct um_cpu *cpu = cur_cpu();
	struct kvm_vcpu *vcpu = cpu->vcpu;
	u64 abs = cpu_real_to_abs(cpu, gra);
	struct kvm_memory_slot *slot;
	unsigned long hva;
	gfn_t gfn = gpa_to_gfn(abs);

	if (len == 0 || abs + len < abs)
		return NULL;
	if (cpu_real_to_abs(cpu, gra + len - 1) != abs + len - 1)
		return NULL;
	slot = gfn_to_memslot(vcpu->kvm, gfn);
	if (!slot || gpa_to_gfn(abs + len - 1) >= slot->base_gfn + slot->npages)
		return NULL;
	hva = gfn_to_hva_memslot(slot, gfn);
	return (void *)(hva + offset_in_page(abs));
}

/* A preemption point for guest busy loops. */
void s390_sim_relax(void)
{
	struct um_cpu *cpu = cur_cpu();

	um_coro_signal_point();
	if (signal_pending(current) || atomic_read(&cpu->kick))
		cpu_intercept(cpu, 0);
	cpu_boundary(cpu);
}

/* A new PSW was loaded, by the CPU or by the kernel for the CPU. */
static void cpu_psw_loaded(struct um_cpu *cpu)
{
	psw_t *psw = cpu_psw(cpu);
	int depth = cpu->depth;

	if (cpu->unwind)
		return;		/* back below, with interruptions: caller returns */
	if (psw->addr == cpu->frame[depth]) {
		/*
		 * Same program goes on, maybe after a wait; masks it just
		 * enabled take a pending interrupt before the next instruction.
		 */
		cpu_boundary(cpu);
		return;
	}
	if (depth > 0 && psw->addr == cpu->frame[depth - 1])
		return;		/* back to the interrupted level: caller returns */
	/* a branch elsewhere: the host stack of this program is gone */
	cpu->restart = true;
	cpu_yield(cpu, 0);
	BUG();
}

/* LPSWE: S format. Returns nonzero if a program interruption was taken. */
static int cpu_lpswe(struct um_cpu *cpu, u16 ipa, u32 ipb)
{
	struct kvm_s390_sie_block *sie = cpu->vcpu->arch.sie_block;
	unsigned int b2 = ipb >> 28;
	u64 addr = (b2 ? cpu->vcpu->run->s.regs.gprs[b2] : 0) +
		   ((ipb >> 16) & 0xfff);
	psw_t *psw = cpu_psw(cpu);
	__be64 new[2];

	if (sie->ictl & ICTL_LPSW) {
		/* the kernel wants to see the new masks first: intercepted */
		sie->ipa = ipa;
		sie->ipb = ipb;
		cpu->lpswe = true;
		cpu->lpswe_psw.addr = ~0ULL;	/* an operand it will refuse */
		if (!(addr & 7) && !cpu_read_real(cpu, addr, new, sizeof(new))) {
			cpu->lpswe_psw.mask = be64_to_cpu(new[0]);
			cpu->lpswe_psw.addr = be64_to_cpu(new[1]);
		}
		cpu_intercept(cpu, ICPT_INST);
		cpu_psw_loaded(cpu);
		return 0;
	}
	if (addr & 7) {
		cpu_program_int(cpu, PGM_SPECIFICATION, 2);
		return -1;
	}
	if (cpu_read_real(cpu, addr, new, sizeof(new))) {
		cpu_program_int(cpu, PGM_ADDRESSING, 2);
		return -1;
	}
	psw->mask = be64_to_cpu(new[0]);
	psw->addr = be64_to_cpu(new[1]);
	cpu_psw_loaded(cpu);
	return 0;
}

/* LCTLG/STCTG: RSY format, control registers r1..r3 (wrapping). */
static void cpu_ctlg(struct um_cpu *cpu, u16 ipa, u32 ipb, bool load)
{
	struct kvm_s390_sie_block *sie = cpu->vcpu->arch.sie_block;
	unsigned int r1 = (ipa >> 4) & 15, r3 = ipa & 15, b2 = ipb >> 28;
	s64 d2 = ((ipb >> 16) & 0xfff) | (((s64)(s8)(ipb >> 8)) << 12);
	u64 addr = (b2 ? cpu->vcpu->run->s.regs.gprs[b2] : 0) + d2;
	unsigned int n = ((r3 - r1) & 15) + 1, i;
	u16 lctl = 0;
	__be64 v[16];

	for (i = 0; i < n; i++)
		lctl |= 0x8000 >> ((r1 + i) & 15);
	if (load && (sie->lctl & lctl)) {
		/* a pending interrupt waits for one of these: intercepted */
		sie->ipa = ipa;
		sie->ipb = ipb;
		cpu_intercept(cpu, ICPT_INST);
		cpu_boundary(cpu);
		return;
	}
	if (addr & 7) {
		cpu_program_int(cpu, PGM_SPECIFICATION, 3);
		return;
	}
	if (load) {
		if (cpu_read_real(cpu, addr, v, n * 8)) {
			cpu_program_int(cpu, PGM_ADDRESSING, 3);
			return;
		}
		for (i = 0; i < n; i++)
			sie->gcr[(r1 + i) & 15] = be64_to_cpu(v[i]);
		cpu_boundary(cpu);
		return;
	}
	for (i = 0; i < n; i++)
		v[i] = cpu_to_be64(sie->gcr[(r1 + i) & 15]);
	if (cpu_write_real(cpu, addr, v, n * 8))
		cpu_program_int(cpu, PGM_ADDRESSING, 3);
}

/* Instruction length code from the first two opcode bits. */
static u16 insn_ilc(u16 ipa)
{
	switch (ipa >> 14) {
	case 0:
		return 1;
	case 3:
		return 3;
	default:
		return 2;
	}
}

static bool insn_is_privileged(u16 ipa, u32 ipb)
{
	switch (ipa >> 8) {
	case 0x83:		/* DIAGNOSE */
		return true;
	case 0xb2:
		return (ipa & 0xff) != 0x4a;	/* not ESTA-like ones */
	case 0xeb:
		return (ipb & 0xff) == 0x2f || (ipb & 0xff) == 0x25;
	default:
		return false;
	}
}

/*
 * Execute one instruction, given as the hardware splits it for an
 * intercept (ipa = first halfword, ipb = the next two).  Returns the
 * condition code afterwards.
 */
unsigned int s390_sim_exec(u16 ipa, u32 ipb)
{
	struct um_cpu *cpu = cur_cpu();
	struct kvm_vcpu *vcpu = cpu->vcpu;
	struct kvm_s390_sie_block *sie = vcpu->arch.sie_block;
	psw_t *psw = &sie->gpsw;
	u64 here = psw->addr;
	int depth = cpu->depth;

	if (insn_is_privileged(ipa, ipb) && (psw->mask & PSW_MASK_PSTATE)) {
		cpu_program_int(cpu, PGM_PRIVILEGED_OP, insn_ilc(ipa));
		goto taken;
	}
	switch (ipa >> 8) {
	case 0x83:		/* DIAGNOSE: always intercepted */
		sie->ipa = ipa;
		sie->ipb = ipb;
		cpu_intercept(cpu, ICPT_INST);
		cpu_boundary(cpu);
		break;
	case 0xb2:
		switch (ipa & 0xff) {
		case 0x30: case 0x31: case 0x32: case 0x33: case 0x34:
		case 0x35: case 0x36: case 0x37: case 0x38: case 0x39:
		case 0x3a: case 0x3b: case 0x3c: case 0x76:
			/* channel-subsystem instructions: intercepted */
			sie->ipa = ipa;
			sie->ipb = ipb;
			cpu_intercept(cpu, ICPT_INST);
			cpu_boundary(cpu);
			break;
		case 0xb2:	/* LPSWE */
			if (cpu_lpswe(cpu, ipa, ipb))
				goto taken;
			return (psw->mask >> 44) & 3;
		default:
			cpu_program_int(cpu, PGM_OPERATION, 2);
			goto taken;
		}
		break;
	case 0xb9:
		if ((ipa & 0xff) == 0x8d) {	/* EPSW r1,r2 */
			unsigned int r1 = (ipb >> 20) & 15, r2 = (ipb >> 16) & 15;
			u64 *g = vcpu->run->s.regs.gprs;

			g[r1] = (g[r1] & ~0xffffffffUL) | (psw->mask >> 32);
			if (r2)
				g[r2] = (g[r2] & ~0xffffffffUL) |
					(psw->mask & 0xffffffffUL);
			break;
		}
		cpu_program_int(cpu, PGM_OPERATION, 2);
		goto taken;
	case 0xeb:
		if ((ipb & 0xff) == 0x2f || (ipb & 0xff) == 0x25) {
			cpu_ctlg(cpu, ipa, ipb, (ipb & 0xff) == 0x2f);
			if (psw->addr != here)
				goto taken;
			break;
		}
		cpu_program_int(cpu, PGM_OPERATION, 3);
		goto taken;
	default:
		cpu_program_int(cpu, PGM_OPERATION, insn_ilc(ipa));
		goto taken;
	}
	return (psw->mask >> 44) & 3;

taken:
	/*
	 * A program interruption was taken instead: run its handler here;
	 * it comes back when it loads the old PSW (which points at us).
	 */
	if (psw->addr != here) {
		cpu->depth = depth;
		cpu_run_nested(cpu);
	}
	return (psw->mask >> 44) & 3;
}

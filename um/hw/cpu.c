// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated z CPU.
 *
 * A guest program is C code of the test or VMM, started through "code
 * descriptors" in guest memory (UM_CODE_DESC_*): when the PSW address
 * names a descriptor, the CPU calls its function on the vcpu's own stack
 * (a coroutine, coroutine.h).  Everything the guest does to the machine
 * goes through the s390_sim_*() "instructions" below, which are the only
 * places where the CPU looks at interrupts, signals and kicks and where
 * the guest can be suspended: an intercepted instruction or a wait
 * switches back to KVM_RUN, and the next KVM_RUN resumes it right there.
 *
 * Nesting: taking an interrupt while a function runs calls the handler's
 * function on top of it.  cpu->frame[] records the PSW address each
 * nesting level runs at; a handler that loads the interrupted PSW again
 * (LPSWE of the old PSW) returns to the level below.  Any other change
 * of the PSW address abandons the host call stack (the coroutine starts
 * afresh at the new address) — just as the hardware forgets where it was.
 *
 * All of it runs on the vcpu's thread, under vcpu->mutex (KVM_RUN), except
 * um_cpu_kick(), which only sets an atomic flag.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sched/signal.h>
#include <linux/kvm_host.h>
#include <asm/byteorder.h>

#include "../../arch/s390/kvm/kvm-s390.h"
#include "coroutine.h"
#include "cpu.h"

#define UM_CPU_STACK_SIZE	(1024 * 1024)
#define UM_CPU_MAX_DEPTH	32

struct um_cpu {
	struct kvm_vcpu *vcpu;
	struct um_coro coro;
	bool started;		/* the coroutine has been entered */
	int depth;		/* current nesting level */
	u64 frame[UM_CPU_MAX_DEPTH];	/* PSW address of each level */
	u64 resume_addr;	/* PSW address when the guest yielded */
	int exit;		/* enum um_cpu_exit of the last yield */
	bool restart;		/* the guest branched away: reset the stack */
	int fault;		/* -errno for UM_CPU_EXIT_FAULT */
	u64 error_code;		/* for UM_CPU_EXIT_INTERNAL */
	u64 error_addr;
	atomic_t kick;		/* exit request from any thread */
};

/* The vcpu whose guest runs on this thread (set around um_coro_enter). */
static __thread struct um_cpu *um_cur_cpu;

static inline struct um_cpu *to_cpu(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.um_cpu;
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

static void cpu_yield(struct um_cpu *cpu, int exit)
{
	cpu->exit = exit;
	cpu->resume_addr = cpu_psw(cpu)->addr;
	um_coro_yield(&cpu->coro);
}

/*
 * Unrecoverable for the guest: report to KVM_RUN and stay here.  Each
 * further KVM_RUN reports the same until the VMM loads another PSW
 * (which restarts the coroutine).
 */
static void __noreturn cpu_internal_error(struct um_cpu *cpu, u64 code,
					   u64 addr)
{
	cpu->error_code = code;
	cpu->error_addr = addr;
	for (;;)
		cpu_yield(cpu, UM_CPU_EXIT_INTERNAL);
}

static int cpu_read_real(struct um_cpu *cpu, u64 gra, void *buf, size_t len)
{
	return kvm_read_guest(cpu->vcpu->kvm,
			      um_cpu_real_to_abs(cpu->vcpu, gra), buf, len);
}

static int cpu_write_real(struct um_cpu *cpu, u64 gra, const void *buf,
			  size_t len)
{
	return kvm_write_guest(cpu->vcpu->kvm,
			       um_cpu_real_to_abs(cpu->vcpu, gra), buf, len);
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
	if (be64_to_cpu(desc[0]) != UM_CODE_DESC_MAGIC || !desc[1])
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
	u64 arg, bad = psw->addr;

	if (cpu_write_real(cpu, KVM_S390_LC_PGM_ILC, &l, 2) ||
	    cpu_write_real(cpu, KVM_S390_LC_PGM_CODE, &c, 2) ||
	    cpu_write_real(cpu, KVM_S390_LC_PGM_OLD_PSW, old, 16) ||
	    cpu_read_real(cpu, KVM_S390_LC_PGM_NEW_PSW, new, 16))
		cpu_internal_error(cpu, code, bad);
	psw->mask = be64_to_cpu(new[0]);
	psw->addr = be64_to_cpu(new[1]);
	if (!(psw->mask & PSW_MASK_WAIT) && !cpu_fetch(cpu, psw->addr, &fn, &arg))
		cpu_internal_error(cpu, code, bad);
}

static void cpu_exec_level(struct um_cpu *cpu, int depth);

/* Run what a newly loaded (interrupt) PSW points at, one level up. */
static void cpu_run_nested(struct um_cpu *cpu)
{
	int depth = cpu->depth;

	if (depth + 1 >= UM_CPU_MAX_DEPTH)
		cpu_internal_error(cpu, UM_PGM_SPECIFICATION, cpu_psw(cpu)->addr);
	cpu_exec_level(cpu, depth + 1);
	cpu->depth = depth;
}

/*
 * Deliver what the interrupt controller has for this vcpu under the
 * current PSW and control registers; handlers run nested and return
 * here when they load the interrupted PSW again.
 */
static void cpu_check_irqs(struct um_cpu *cpu)
{
	struct kvm_vcpu *vcpu = cpu->vcpu;
	psw_t *psw = cpu_psw(cpu);
	psw_t old;
	int rc;

	while (kvm_s390_vcpu_has_irq(vcpu, 0)) {
		old = *psw;
		rc = kvm_s390_deliver_pending_interrupts(vcpu);
		if (rc) {
			cpu->fault = rc;
			cpu_yield(cpu, UM_CPU_EXIT_FAULT);
			continue;
		}
		if (psw->addr == old.addr && psw->mask == old.mask)
			break;		/* pending, but nothing was taken */
		cpu_run_nested(cpu);
	}
}

/*
 * The PSW has the wait bit: deliver what can be taken; otherwise leave
 * the guest with a wait intercept (kvm_s390_handle_wait() sleeps for an
 * enabled wait, a disabled one goes out to the VMM).
 */
static void cpu_wait(struct um_cpu *cpu)
{
	struct kvm_vcpu *vcpu = cpu->vcpu;

	while (cpu_psw(cpu)->mask & PSW_MASK_WAIT) {
		if (kvm_s390_vcpu_has_irq(vcpu, 0)) {
			u64 mask = cpu_psw(cpu)->mask;

			cpu_check_irqs(cpu);
			if (cpu_psw(cpu)->mask != mask)
				continue;
		}
		vcpu->arch.sie_block->icptcode = ICPT_WAIT;
		cpu_yield(cpu, UM_CPU_EXIT_SIE);
	}
}

/* After the hypervisor ran: interrupts are taken between instructions. */
static void cpu_resume(struct um_cpu *cpu)
{
	cpu_check_irqs(cpu);
	if (cpu_psw(cpu)->mask & PSW_MASK_WAIT)
		cpu_wait(cpu);
}

/* Leave the guest with an intercept and come back when it is done. */
static void cpu_intercept(struct um_cpu *cpu, u8 icptcode)
{
	cpu->vcpu->arch.sie_block->icptcode = icptcode;
	cpu_yield(cpu, UM_CPU_EXIT_SIE);
	cpu_resume(cpu);
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
		if (depth > 0 && psw->addr == cpu->frame[depth - 1])
			return;
		cpu_check_irqs(cpu);
		if (depth > 0 && psw->addr == cpu->frame[depth - 1])
			return;
		if (psw->mask & PSW_MASK_WAIT) {
			cpu_wait(cpu);
			continue;
		}
		if (!cpu_fetch(cpu, psw->addr, &fn, &arg)) {
			/* suppressing: the old PSW points past a 2-byte op */
			psw->addr += 2;
			cpu_program_int(cpu, UM_PGM_OPERATION, 1);
			continue;
		}
		fn(arg);
		cpu->depth = depth;
		if (depth > 0 && psw->addr == cpu->frame[depth - 1])
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

int um_cpu_sie(struct kvm_vcpu *vcpu)
{
	struct um_cpu *cpu = to_cpu(vcpu);

	/* A PSW loaded from outside abandons the guest's call stack. */
	if (cpu->started && (cpu->restart ||
			     vcpu->arch.sie_block->gpsw.addr != cpu->resume_addr)) {
		um_coro_reset(&cpu->coro);
		cpu->restart = false;
	}
	cpu->started = true;
	vcpu->arch.sie_block->icptcode = 0;
	um_cur_cpu = cpu;
	um_coro_enter(&cpu->coro);
	um_cur_cpu = NULL;
	return cpu->exit == UM_CPU_EXIT_FAULT ? cpu->fault : cpu->exit;
}

void um_cpu_internal_error(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	struct um_cpu *cpu = to_cpu(vcpu);

	run->exit_reason = KVM_EXIT_INTERNAL_ERROR;
	run->internal.suberror = KVM_INTERNAL_ERROR_DELIVERY_EV;
	run->internal.ndata = 2;
	run->internal.data[0] = cpu->error_code;
	run->internal.data[1] = cpu->error_addr;
}

void um_cpu_kick(struct kvm_vcpu *vcpu)
{
	atomic_set(&to_cpu(vcpu)->kick, 1);
}

bool um_cpu_kick_pending(struct kvm_vcpu *vcpu)
{
	return atomic_read(&to_cpu(vcpu)->kick);
}

bool um_cpu_test_and_clear_kick(struct kvm_vcpu *vcpu)
{
	return atomic_xchg(&to_cpu(vcpu)->kick, 0);
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
	vcpu->arch.um_cpu = cpu;
	return 0;
}

void um_cpu_destroy(struct kvm_vcpu *vcpu)
{
	struct um_cpu *cpu = to_cpu(vcpu);

	if (!cpu)
		return;
	um_coro_destroy(&cpu->coro);
	kfree(cpu);
	vcpu->arch.um_cpu = NULL;
}

/* ------------------------------------------------------------------ */
/* The guest side: the instructions (declared for guests in            */
/* tools/testing/selftests/kvm/include/s390/guest.h)                    */

u64 s390_sim_get_gpr(unsigned int r);
void s390_sim_set_gpr(unsigned int r, u64 val);
u64 s390_sim_psw_addr(void);
void *s390_sim_real_to_host(u64 gra, u64 len);
void s390_sim_relax(void);
unsigned int s390_sim_exec(u16 ipa, u32 ipb);

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
	u64 abs = um_cpu_real_to_abs(vcpu, gra);
	struct kvm_memory_slot *slot;
	unsigned long hva;
	gfn_t gfn = gpa_to_gfn(abs);

	if (len == 0 || abs + len < abs)
		return NULL;
	if (um_cpu_real_to_abs(vcpu, gra + len - 1) != abs + len - 1)
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
	else
		cpu_check_irqs(cpu);
}

static int cpu_lpswe(struct um_cpu *cpu, u64 addr)
{
	psw_t *psw = cpu_psw(cpu);
	int depth = cpu->depth;
	__be64 new[2];

	if (addr & 7) {
		cpu_program_int(cpu, UM_PGM_SPECIFICATION, 2);
		return -1;
	}
	if (cpu_read_real(cpu, addr, new, sizeof(new))) {
		cpu_program_int(cpu, UM_PGM_ADDRESSING, 2);
		return -1;
	}
	psw->mask = be64_to_cpu(new[0]);
	psw->addr = be64_to_cpu(new[1]);
	if (psw->addr == cpu->frame[depth]) {
		/*
		 * Same program goes on, maybe after a wait; masks it just
		 * enabled take a pending interrupt before the next instruction.
		 */
		if (psw->mask & PSW_MASK_WAIT)
			cpu_wait(cpu);
		else
			cpu_check_irqs(cpu);
		return 0;
	}
	if (depth > 0 && psw->addr == cpu->frame[depth - 1])
		return 0;	/* back to the interrupted level: caller returns */
	/* a branch elsewhere: the host stack of this program is gone */
	cpu->restart = true;
	cpu->vcpu->arch.sie_block->icptcode = 0;
	cpu_yield(cpu, UM_CPU_EXIT_SIE);
	BUG();
}

/* LCTLG/STCTG: RSY format, control registers r1..r3 (wrapping). */
static void cpu_ctlg(struct um_cpu *cpu, u16 ipa, u32 ipb, bool load)
{
	struct kvm_s390_sie_block *sie = cpu->vcpu->arch.sie_block;
	unsigned int r1 = (ipa >> 4) & 15, r3 = ipa & 15, b2 = ipb >> 28;
	s64 d2 = ((ipb >> 16) & 0xfff) | (((s64)(s8)(ipb >> 8)) << 12);
	u64 addr = (b2 ? cpu->vcpu->run->s.regs.gprs[b2] : 0) + d2;
	unsigned int n = ((r3 - r1) & 15) + 1, i;
	__be64 v[16];

	if (addr & 7) {
		cpu_program_int(cpu, UM_PGM_SPECIFICATION, 3);
		return;
	}
	if (load) {
		if (cpu_read_real(cpu, addr, v, n * 8)) {
			cpu_program_int(cpu, UM_PGM_ADDRESSING, 3);
			return;
		}
		for (i = 0; i < n; i++)
			sie->gcr[(r1 + i) & 15] = be64_to_cpu(v[i]);
		/* new subclass masks may make something deliverable */
		cpu_check_irqs(cpu);
		return;
	}
	for (i = 0; i < n; i++)
		v[i] = cpu_to_be64(sie->gcr[(r1 + i) & 15]);
	if (cpu_write_real(cpu, addr, v, n * 8))
		cpu_program_int(cpu, UM_PGM_ADDRESSING, 3);
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
		cpu_program_int(cpu, UM_PGM_PRIVILEGED_OP, insn_ilc(ipa));
		goto taken;
	}
	switch (ipa >> 8) {
	case 0x83:		/* DIAGNOSE: always intercepted */
		sie->ipa = ipa;
		sie->ipb = ipb;
		cpu_intercept(cpu, ICPT_INST);
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
			break;
		case 0xb2:	/* LPSWE */
			sie->ipb = ipb;
			if (cpu_lpswe(cpu, um_cpu_s_addr(vcpu)))
				goto taken;
			return (psw->mask >> 44) & 3;
		default:
			cpu_program_int(cpu, UM_PGM_OPERATION, 2);
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
		cpu_program_int(cpu, UM_PGM_OPERATION, 2);
		goto taken;
	case 0xeb:
		if ((ipb & 0xff) == 0x2f || (ipb & 0xff) == 0x25) {
			cpu_ctlg(cpu, ipa, ipb, (ipb & 0xff) == 0x2f);
			if (psw->addr != here)
				goto taken;
			break;
		}
		cpu_program_int(cpu, UM_PGM_OPERATION, 3);
		goto taken;
	default:
		cpu_program_int(cpu, UM_PGM_OPERATION, insn_ilc(ipa));
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

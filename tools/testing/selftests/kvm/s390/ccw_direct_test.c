// SPDX-License-Identifier: GPL-2.0
/*
 * Direct injection, KVM's half: a test driver (ccw_direct_tdrv.c,
 * kernel-side, as vfio-ccw would be) binds pretend subchannels to a VM
 * with kvm_s390_ccw_register(); guests issue SSCH, TSCH and TPI for bound
 * and unbound subchannel ids. Checked: which instructions the kernel
 * serves (no exit to the VMM) and which it leaves to the VMM, the
 * condition codes and program exceptions, interrupts queued by the
 * driver reaching the guest with its intparm and ISC under CR6, the
 * registration errnos, unbinding with an interrupt pending, the VM going
 * away while bound, and injection racing an unbind (TSan).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#include "kselftest_harness.h"
#include "s390/vm.h"
#include "flic_util.h"
#include "ccw_direct_util.h"

#define BOUND		0x00010005u	/* ssid 0, subchannel 5 */
#define BOUND_M		0x00090005u	/* the same, MCSS-E form (M set) */
#define BOUND2		0x00030007u	/* ssid 1, subchannel 7 */
#define UNBOUND		0x00010009u

#define ORB_GRA		0x60000UL
#define IRB_GRA		0x61000UL
#define CCW_GRA		0x62000UL
#define RES_GRA		0x70000UL	/* what guest handlers saw */
#define BAD_GRA		(VM_MEM_SIZE + 0x1000)	/* outside guest memory */

#define INTPARM		0xfeed0001u
#define ORB_CTRL	0x0080ff00u	/* format 1, all paths */

#define PGM_PRIVILEGED_OP	0x02
#define PGM_ADDRESSING		0x05
#define PGM_SPECIFICATION	0x06
#define PGM_OPERAND_CODE	0x15

#define SSCH		0xb233
#define TSCH		0xb235
#define TPI_INSN	0xb236
#define VMM_CC		3		/* the cc the VMM gives on an exit */

/* ---- a guest that runs a list of I/O instructions ---- */

struct step {
	uint16_t ipa;
	uint32_t gr1;
	uint64_t operand;
};

struct script {
	int n;
	struct step steps[16];
};

struct result {
	int cc;
	int pgm;		/* program-interruption code, 0 if none */
	int exits;		/* exits to the VMM during the step */
	int tsch_dequeued;	/* KVM_EXIT_S390_TSCH: an interrupt came */
	uint32_t tsch_intparm;
};

static void pgm_noop(void)
{
}

static void guest_script(uint64_t arg)
{
	const struct script *sc = (const void *)(uintptr_t)arg;
	int i, cc;

	guest_install_handler(GUEST_IRQ_PGM, pgm_noop);
	/* every ISC for TPI; the PSW keeps I/O interruptions off */
	ctl_load(6, 0xffUL << 24);
	for (i = 0; i < sc->n; i++) {
		guest_write32(LC_PGM_ILC, 0);
		cc = s390_io_insn(sc->steps[i].ipa, sc->steps[i].gr1,
				  sc->steps[i].operand);
		GUEST_SYNC_ARGS(i, cc, guest_read16(LC_PGM_CODE), 0, 0);
	}
	GUEST_DONE();
}

typedef void (*hook_t)(int stage, void *ctx);

/*
 * Run @sc; per step its result. A step that leaves to the VMM gets
 * VMM_CC. @hook runs after each step, with the guest stopped.
 */
static int run_script(struct sim_vcpu *vcpu, const struct script *sc,
		      struct result *res, hook_t hook, void *ctx)
{
	struct kvm_run *run = vcpu->run;
	int stage = 0, exits = 0;
	struct ucall uc;

	memset(res, 0, sizeof(*res) * sc->n);
	sim_vcpu_set_entry(vcpu, guest_script, (uintptr_t)sc);
	for (;;) {
		if (sim_vcpu_run(vcpu))
			return -1;
		switch (sim_get_ucall(vcpu, &uc)) {
		case UCALL_SYNC:
			if (stage >= sc->n)
				return -2;
			res[stage].cc = uc.args[2];
			res[stage].pgm = uc.args[3];
			res[stage].exits = exits;
			exits = 0;
			if (hook)
				hook(stage, ctx);
			stage++;
			continue;
		case UCALL_DONE:
			return stage;
		case UCALL_ABORT:
			return -3;
		}
		exits++;
		if (stage < sc->n && run->exit_reason == KVM_EXIT_S390_TSCH) {
			res[stage].tsch_dequeued += run->s390_tsch.dequeued;
			res[stage].tsch_intparm = run->s390_tsch.io_int_parm;
		}
		sim_set_cc(vcpu, VMM_CC);
	}
}

/* ---- fixture: a VM with a FLIC, CSS support, one vcpu ---- */

FIXTURE(direct) {
	struct sim_vm *vm;
	struct sim_vcpu *vcpu;
	int flic;
};

static void write_orb(struct sim_vm *vm, uint64_t gra, uint32_t intparm,
		      uint32_t ctrl, uint32_t cpa)
{
	uint32_t *orb = sim_gpa2hva(vm, gra);

	orb[0] = htobe32(intparm);
	orb[1] = htobe32(ctrl);
	orb[2] = htobe32(cpa);
}

FIXTURE_SETUP(direct)
{
	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	ASSERT_EQ(0, sim_vm_enable_cap(self->vm, KVM_CAP_S390_CSS_SUPPORT, 0));
	self->flic = create_flic(self->vm->fd);
	ASSERT_LE(0, self->flic);
	self->vcpu = sim_vcpu_add(self->vm, 0);
	ASSERT_NE(NULL, self->vcpu);
	write_orb(self->vm, ORB_GRA, INTPARM, ORB_CTRL, CCW_GRA);
}

FIXTURE_TEARDOWN(direct)
{
	int i;

	for (i = 0; i < TDRV_SLOTS; i++)
		tdrv_unbind(i);
	if (self->flic >= 0)
		close(self->flic);
	sim_vm_free(self->vm);
}

/* ---- registration ---- */

TEST_F(direct, register_errnos)
{
	struct sim_vm *other;

	/* the "one" bit missing, reserved bits, a cssid without M */
	EXPECT_EQ(-EINVAL, tdrv_bind(0, self->vm->fd, 0x5, 3, 1, 1, 1, 0));
	EXPECT_EQ(-EINVAL, tdrv_bind(0, self->vm->fd, 0x00110005, 3, 1, 1,
				     1, 0));
	EXPECT_EQ(-EINVAL, tdrv_bind(0, self->vm->fd, 0x01010005, 3, 1, 1,
				     1, 0));
	EXPECT_EQ(-EINVAL, tdrv_bind(0, self->vm->fd, BOUND, 8, 1, 1, 1, 0));
	EXPECT_EQ(-EINVAL, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 0, 0));
	/* a cssid with M is fine */
	EXPECT_EQ(0, tdrv_bind(0, self->vm->fd, 0xfe090005, 3, 1, 1, 1, 0));
	tdrv_unbind(0);

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	/* the same guest subchannel twice, in either form */
	EXPECT_EQ(-EBUSY, tdrv_bind(1, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	EXPECT_EQ(-EBUSY, tdrv_bind(1, self->vm->fd, BOUND_M, 3, 1, 1, 1, 0));
	EXPECT_EQ(0, tdrv_bind(1, self->vm->fd, BOUND2, 3, 1, 1, 1, 0));
	/* a bound dev cannot be bound again, in this VM or another */
	EXPECT_EQ(-EBUSY, tdrv_bind(0, self->vm->fd, UNBOUND, 3, 1, 1, 1, 0));
	other = sim_vm_create();
	ASSERT_NE(NULL, other);
	/* a VM without a FLIC has nowhere to queue */
	EXPECT_EQ(-ENODEV, tdrv_bind(2, other->fd, BOUND, 3, 1, 1, 1, 0));
	sim_vm_free(other);

	EXPECT_EQ(-EINVAL, tdrv_update(0, 8, 1));
	EXPECT_EQ(0, tdrv_update(0, 7, 0));
	tdrv_unbind(0);
	EXPECT_EQ(-ENODEV, tdrv_update(0, 3, 1));
	EXPECT_EQ(-ENODEV, tdrv_inject(0, 1));
	/* unbinding twice is harmless; the id is free again */
	tdrv_unbind(0);
	EXPECT_EQ(0, tdrv_bind(2, self->vm->fd, BOUND_M, 3, 1, 1, 1, 0));
}

/* ---- SSCH ---- */

static void complete_after_stage1(int stage, void *ctx)
{
	if (stage == 1)
		*(int *)ctx = tdrv_complete(0, TDRV_DSTAT_OK);
}

TEST_F(direct, ssch_in_kernel_for_bound_only)
{
	const struct script sc = { 5, {
		{ SSCH, BOUND, ORB_GRA },	/* cc 0: started */
		{ SSCH, BOUND, ORB_GRA },	/* cc 2: busy */
		{ SSCH, BOUND, ORB_GRA },	/* cc 1: status pending */
		{ SSCH, BOUND_M, ORB_GRA },	/* the same subchannel */
		{ SSCH, UNBOUND, ORB_GRA },	/* the VMM's */
	} };
	struct result res[5];
	struct tdrv_counts c;
	int done = -1;

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	ASSERT_EQ(5, run_script(self->vcpu, &sc, res, complete_after_stage1,
				&done));
	EXPECT_EQ(0, done);
	EXPECT_EQ(0, res[0].cc);
	EXPECT_EQ(2, res[1].cc);
	EXPECT_EQ(1, res[2].cc);
	EXPECT_EQ(1, res[3].cc);
	EXPECT_EQ(VMM_CC, res[4].cc);
	EXPECT_EQ(0, res[0].exits + res[1].exits + res[2].exits +
		  res[3].exits);
	EXPECT_EQ(1, res[4].exits);
	tdrv_counts(0, &c);
	EXPECT_EQ(4, c.ssch);
	EXPECT_EQ(INTPARM, c.orb[0]);
	EXPECT_EQ(ORB_CTRL, c.orb[1]);
	EXPECT_EQ(CCW_GRA, c.orb[2]);
	EXPECT_EQ(4, stat_of(self->vcpu->fd, "instruction_ssch_kernel"));
	EXPECT_EQ(1, stat_of(self->vm->fd, "io_direct_injected"));
}

TEST_F(direct, ssch_exceptions_and_cc3)
{
	const struct script sc = { 8, {
		{ SSCH, BOUND, ORB_GRA + 2 },	/* specification */
		{ SSCH, BOUND, BAD_GRA },	/* addressing */
		{ SSCH, BOUND, ORB_GRA + 0x100 },	/* ctrl0 0x0004 */
		{ SSCH, BOUND, ORB_GRA + 0x200 },	/* ctrl1 0x02 */
		{ SSCH, BOUND, ORB_GRA + 0x300 },	/* MIDAW */
		{ SSCH, BOUND, ORB_GRA + 0x400 },	/* cpa bit 0 */
		{ SSCH, 0x00000005, ORB_GRA },	/* no "one" bit: VMM's */
		{ SSCH, BOUND, ORB_GRA },	/* disabled: cc 3 */
	} };
	struct result res[8];
	struct tdrv_counts c;
	int i;

	write_orb(self->vm, ORB_GRA + 0x100, 1, ORB_CTRL | 0x00040000,
		  CCW_GRA);
	write_orb(self->vm, ORB_GRA + 0x200, 1, ORB_CTRL | 0x02, CCW_GRA);
	write_orb(self->vm, ORB_GRA + 0x300, 1, ORB_CTRL | 0x40, CCW_GRA);
	write_orb(self->vm, ORB_GRA + 0x400, 1, ORB_CTRL,
		  0x80000000 | CCW_GRA);
	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 0, 1, 1, 0));
	ASSERT_EQ(8, run_script(self->vcpu, &sc, res, NULL, NULL));
	EXPECT_EQ(PGM_SPECIFICATION, res[0].pgm);
	EXPECT_EQ(PGM_ADDRESSING, res[1].pgm);
	for (i = 2; i < 6; i++)
		EXPECT_EQ(PGM_OPERAND_CODE, res[i].pgm);
	for (i = 0; i < 6; i++)
		EXPECT_EQ(0, res[i].exits);
	EXPECT_EQ(1, res[6].exits);
	EXPECT_EQ(0, res[7].exits);
	EXPECT_EQ(0, res[7].pgm);
	EXPECT_EQ(3, res[7].cc);
	tdrv_counts(0, &c);
	EXPECT_EQ(0, c.ssch);
}

static void force_at_stage(int stage, void *ctx)
{
	if (stage == 0)
		tdrv_force_ssch(0, 3);
	if (stage == 1)
		tdrv_force_ssch(0, TDRV_NO_FORCE);
}

TEST_F(direct, ssch_driver_cc_and_fallback)
{
	const struct script sc = { 3, {
		{ SSCH, BOUND, ORB_GRA },	/* driver: -EOPNOTSUPP */
		{ SSCH, BOUND, ORB_GRA },	/* driver: cc 3 */
		{ SSCH, BOUND, ORB_GRA },	/* driver: cc 0 */
	} };
	struct result res[3];

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	tdrv_force_ssch(0, -EOPNOTSUPP);
	ASSERT_EQ(3, run_script(self->vcpu, &sc, res, force_at_stage, NULL));
	EXPECT_EQ(1, res[0].exits);
	EXPECT_EQ(VMM_CC, res[0].cc);
	EXPECT_EQ(0, res[1].exits);
	EXPECT_EQ(3, res[1].cc);
	EXPECT_EQ(0, res[2].exits);
	EXPECT_EQ(0, res[2].cc);
	EXPECT_EQ(2, stat_of(self->vcpu->fd, "instruction_ssch_kernel"));
}

/* ---- a whole I/O: SSCH, the interrupt, TSCH; no exit at all ---- */

static void io_handler(void)
{
	guest_write32(RES_GRA, guest_read32(LC_SUBCHANNEL_ID));
	guest_write32(RES_GRA + 4, guest_read32(LC_IO_INT_PARM));
	guest_write32(RES_GRA + 8, guest_read32(LC_IO_INT_WORD));
	guest_write32(RES_GRA + 12, guest_read32(RES_GRA + 12) + 1);
}

static void guest_one_io(uint64_t isc)
{
	int cc0, cc1, cc2;

	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_load(6, CR6_ISC_BIT(isc));
	cc0 = ssch(BOUND, ORB_GRA);
	while (!guest_read32(RES_GRA + 12))
		enabled_wait(PSW_MASK_IO);
	cc1 = tsch(BOUND, IRB_GRA);
	cc2 = tsch(BOUND, IRB_GRA + 0x100);
	GUEST_SYNC_ARGS(0, cc0, cc1, cc2, 0);
	GUEST_DONE();
}

TEST_F(direct, io_completes_without_exits)
{
	uint32_t *res = sim_gpa2hva(self->vm, RES_GRA);
	uint32_t *irb = sim_gpa2hva(self->vm, IRB_GRA);
	uint32_t *irb2 = sim_gpa2hva(self->vm, IRB_GRA + 0x100);
	struct ucall uc;
	int i;

	memset(irb2, 0xff, 64);
	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 1));
	sim_vcpu_set_entry(self->vcpu, guest_one_io, 3);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	/* the first exit is the guest's report: no exit on the way */
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	EXPECT_EQ(0, uc.args[2]);	/* SSCH */
	EXPECT_EQ(0, uc.args[3]);	/* TSCH: status pending */
	EXPECT_EQ(1, uc.args[4]);	/* TSCH: none */
	EXPECT_EQ(BOUND, be32toh(res[0]));
	EXPECT_EQ(INTPARM, be32toh(res[1]));
	EXPECT_EQ(3u << 27, be32toh(res[2]));
	EXPECT_EQ(1, be32toh(res[3]));
	EXPECT_EQ(0x00004017, be32toh(irb[0]));
	EXPECT_EQ(CCW_GRA + 8, be32toh(irb[1]));
	EXPECT_EQ(TDRV_DSTAT_OK << 24, be32toh(irb[2]));
	/* cc 1 stores the IRB too: an idle subchannel's */
	for (i = 0; i < 16; i++)
		EXPECT_EQ(0, irb2[i]);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
	EXPECT_EQ(1, stat_of(self->vcpu->fd, "instruction_ssch_kernel"));
	EXPECT_EQ(2, stat_of(self->vcpu->fd, "instruction_tsch_kernel"));
	EXPECT_EQ(2, stat_of(self->vcpu->fd, "exit_userspace"));
	EXPECT_EQ(1, stat_of(self->vm->fd, "io_direct_injected"));
	EXPECT_EQ(0, flic_io_irqs(self->flic, BOUND, NULL, NULL));
}

/* ---- TPI, CR6, TSCH cc 1 ---- */

static void guest_tpi(uint64_t isc)
{
	int cc0, cc1, cc2, cc3;

	ctl_load(6, CR6_ISC_BIT(3));
	cc0 = tpi(0);			/* ISC @isc is masked */
	ctl_load(6, CR6_ISC_BIT(3) | CR6_ISC_BIT(isc));
	cc1 = tpi(0);
	cc2 = tpi(0);
	cc3 = tsch(BOUND, IRB_GRA);	/* no status: cc 1 */
	GUEST_SYNC_ARGS(0, cc0, cc1, cc2, cc3);
	GUEST_DONE();
}

TEST_F(direct, tpi_takes_it_under_cr6)
{
	struct ucall uc;
	uint32_t *lc;
	struct tdrv_counts c;

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 5, 1, 1, 1, 0));
	ASSERT_EQ(0, tdrv_inject(0, 0xabc));
	sim_vcpu_set_entry(self->vcpu, guest_tpi, 5);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	EXPECT_EQ(0, uc.args[2]);
	EXPECT_EQ(1, uc.args[3]);
	EXPECT_EQ(0, uc.args[4]);
	EXPECT_EQ(1, uc.args[5]);
	lc = sim_real2hva(self->vcpu, LC_SUBCHANNEL_ID);
	EXPECT_EQ(BOUND, be32toh(lc[0]));
	EXPECT_EQ(0xabc, be32toh(lc[1]));
	EXPECT_EQ(5u << 27, be32toh(lc[2]));
	tdrv_counts(0, &c);
	EXPECT_EQ(1, c.tsch);
	EXPECT_EQ(0, c.tsch_pending);
}

TEST_F(direct, update_changes_the_isc)
{
	uint32_t word = 0;

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 2, 1, 1, 1, 0));
	ASSERT_EQ(0, tdrv_update(0, 6, 1));
	ASSERT_EQ(0, tdrv_inject(0, 7));
	EXPECT_EQ(1, flic_io_irqs(self->flic, BOUND, NULL, &word));
	EXPECT_EQ(6u << 27, word);
}

/* ---- TSCH exceptions: nothing changes ---- */

static void start_and_complete(int stage, void *ctx)
{
	if (stage != 0)
		return;
	*(int *)ctx = tdrv_complete(0, TDRV_DSTAT_OK);
}

TEST_F(direct, tsch_exceptions_keep_the_status)
{
	const struct script sc = { 4, {
		{ SSCH, BOUND, ORB_GRA },
		{ TSCH, BOUND, IRB_GRA + 2 },	/* specification */
		{ TSCH, BOUND, BAD_GRA },	/* addressing */
		{ TSCH, BOUND, IRB_GRA },	/* cc 0 */
	} };
	struct result res[4];
	struct tdrv_counts c;
	int done = -1;

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	ASSERT_EQ(4, run_script(self->vcpu, &sc, res, start_and_complete,
				&done));
	EXPECT_EQ(0, done);
	EXPECT_EQ(PGM_SPECIFICATION, res[1].pgm);
	EXPECT_EQ(PGM_ADDRESSING, res[2].pgm);
	EXPECT_EQ(0, res[3].pgm);
	EXPECT_EQ(0, res[3].cc);
	EXPECT_EQ(0, res[0].exits + res[1].exits + res[2].exits +
		  res[3].exits);
	tdrv_counts(0, &c);
	EXPECT_EQ(1, c.tsch);		/* only the one that stored */
	EXPECT_EQ(0, c.status_pending);
	EXPECT_EQ(0, flic_io_irqs(self->flic, BOUND, NULL, NULL));
}

static void tsch_fallback_hook(int stage, void *ctx)
{
	if (stage == 0) {
		*(int *)ctx = tdrv_complete(0, TDRV_DSTAT_OK);
		tdrv_force_tsch(0, -EOPNOTSUPP);
	}
}

TEST_F(direct, tsch_fallback_hands_the_interrupt_to_the_vmm)
{
	const struct script sc = { 2, {
		{ SSCH, BOUND, ORB_GRA },
		{ TSCH, BOUND, IRB_GRA },	/* driver says: the VMM's */
	} };
	struct result res[2];
	int done = -1;

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	ASSERT_EQ(2, run_script(self->vcpu, &sc, res, tsch_fallback_hook,
				&done));
	EXPECT_EQ(0, done);
	EXPECT_EQ(1, res[1].exits);
	EXPECT_EQ(1, res[1].tsch_dequeued);
	EXPECT_EQ(INTPARM, res[1].tsch_intparm);
	EXPECT_EQ(0, flic_io_irqs(self->flic, BOUND, NULL, NULL));
}

static void race_next_tsch(int stage, void *ctx)
{
	if (stage == 0)
		tdrv_complete_in_next_tsch(0);
}

/*
 * A completion between TSCH's dequeue and the driver taking the status:
 * TSCH takes the status and the interrupt both, none is left behind.
 */
TEST_F(direct, completion_racing_tsch_leaves_no_interrupt)
{
	const struct script sc = { 3, {
		{ SSCH, BOUND, ORB_GRA },
		{ TSCH, BOUND, IRB_GRA },	/* cc 0 */
		{ TPI_INSN, 0, 0 },		/* cc 0: nothing left */
	} };
	struct result res[3];
	struct tdrv_counts c;

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	ASSERT_EQ(3, run_script(self->vcpu, &sc, res, race_next_tsch, NULL));
	EXPECT_EQ(0, res[1].cc);
	EXPECT_EQ(0, res[2].cc);
	tdrv_counts(0, &c);
	EXPECT_EQ(1, c.injected);
	EXPECT_EQ(1, c.tsch_pending);
	EXPECT_EQ(0, flic_io_irqs(self->flic, BOUND, NULL, NULL));
}

/* ---- unbind with an interrupt pending: it stays, exactly once ---- */

static void unbind_after_stage0(int stage, void *ctx)
{
	int *rc = ctx;

	if (stage != 0)
		return;
	rc[0] = tdrv_complete(0, TDRV_DSTAT_OK);
	tdrv_unbind(0);
	rc[1] = flic_io_irqs(rc[2], BOUND, (uint32_t *)&rc[3], NULL);
	rc[4] = tdrv_inject(0, 1);
}

TEST_F(direct, unbind_leaves_the_interrupt_once)
{
	const struct script sc = { 3, {
		{ SSCH, BOUND, ORB_GRA },
		{ TSCH, BOUND, IRB_GRA },	/* the VMM's now */
		{ TSCH, BOUND, IRB_GRA },	/* and nothing left */
	} };
	struct result res[3];
	int ctx[5] = { -1, -1, self->flic, 0, 0 };

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	ASSERT_EQ(3, run_script(self->vcpu, &sc, res, unbind_after_stage0,
				ctx));
	EXPECT_EQ(0, ctx[0]);
	EXPECT_EQ(1, ctx[1]);
	EXPECT_EQ(INTPARM, (uint32_t)ctx[3]);
	EXPECT_EQ(-ENODEV, ctx[4]);
	EXPECT_EQ(0, res[0].exits);
	EXPECT_EQ(1, res[1].exits);
	EXPECT_EQ(1, res[1].tsch_dequeued);
	EXPECT_EQ(INTPARM, res[1].tsch_intparm);
	EXPECT_EQ(1, res[2].exits);
	EXPECT_EQ(0, res[2].tsch_dequeued);
}

/*
 * Withdraw (the driver's CSCH): every interrupt of the subchannel goes,
 * whatever its ISC; another subchannel's and the VMM's stay.  Unbound:
 * -ENODEV, nothing touched.
 */
TEST_F(direct, withdraw_takes_the_subchannels_interrupts_only)
{
	struct kvm_s390_irq other = io_irq(0x42, 0x77, 3);

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	EXPECT_EQ(0, tdrv_withdraw(0));
	ASSERT_EQ(0, tdrv_inject(0, INTPARM));
	ASSERT_EQ(0, tdrv_update(0, 6, 1));
	ASSERT_EQ(0, tdrv_inject(0, INTPARM + 1));
	ASSERT_EQ(0, enqueue(self->flic, &other, 1));
	ASSERT_EQ(2, flic_io_irqs(self->flic, BOUND, NULL, NULL));
	EXPECT_EQ(2, tdrv_withdraw(0));
	EXPECT_EQ(0, flic_io_irqs(self->flic, BOUND, NULL, NULL));
	EXPECT_EQ(1, flic_io_irqs(self->flic, 0x00010042, NULL, NULL));
	EXPECT_EQ(0, tdrv_withdraw(0));
	ASSERT_EQ(0, tdrv_inject(0, INTPARM));
	tdrv_unbind(0);
	EXPECT_EQ(-ENODEV, tdrv_withdraw(0));
	EXPECT_EQ(1, flic_io_irqs(self->flic, BOUND, NULL, NULL));
	EXPECT_EQ(1, flic_io_irqs(self->flic, 0x00010042, NULL, NULL));
}

/* ---- the VM goes away while bound ---- */

TEST_F(direct, vm_destroyed_while_bound_without_a_reference)
{
	unsigned long warns = tdrv_warn_count();

	/* a driver that forgot its VM reference */
	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 0, 1, 0));
	ASSERT_EQ(0, tdrv_inject(0, 1));
	close(self->flic);
	self->flic = -1;
	sim_vm_free(self->vm);
	self->vm = NULL;
	/* KVM warned and unbound: nothing goes into the dead VM */
	EXPECT_EQ(warns + 1, tdrv_warn_count());
	EXPECT_EQ(-ENODEV, tdrv_inject(0, 2));
	EXPECT_EQ(-ENODEV, tdrv_update(0, 3, 1));
}

TEST_F(direct, vm_outlives_its_fds_while_the_driver_holds_it)
{
	unsigned long warns = tdrv_warn_count();

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	close(self->flic);
	self->flic = -1;
	sim_vm_free(self->vm);
	self->vm = NULL;
	/* still bound: the VM exists until the driver lets go */
	EXPECT_EQ(0, tdrv_inject(0, 1));
	tdrv_unbind(0);
	EXPECT_EQ(warns, tdrv_warn_count());
	EXPECT_EQ(-ENODEV, tdrv_inject(0, 2));
}

/* ---- injection racing an unbind: every interrupt taken once ---- */

struct race {
	int ok, enodev, other;
};

static void *injector(void *arg)
{
	struct race *r = arg;
	unsigned int i;
	int rc;

	for (i = 0; ; i++) {
		rc = tdrv_inject(0, i);
		if (!rc)
			r->ok++;
		else if (rc == -ENODEV)
			break;
		else
			r->other++;
	}
	r->enodev = 1;
	return NULL;
}

/*
 * Take interrupts with TPI until the VMM's end marker (an interrupt for
 * another subchannel, queued on the same ISC after all the driver's, so
 * it comes last: each ISC's queue is FIFO).
 */
static void guest_tpi_loop(uint64_t isc)
{
	uint64_t n = 0;

	ctl_load(6, CR6_ISC_BIT(isc));
	for (;;) {
		if (!tpi(0)) {
			cpu_relax();
			continue;
		}
		if (guest_read16(LC_SUBCHANNEL_NR) == (UNBOUND & 0xffff))
			break;
		n++;
	}
	GUEST_SYNC_ARGS(0, n, 0, 0, 0);
	GUEST_DONE();
}

struct vcpu_job {
	struct sim_vcpu *vcpu;
	uint64_t taken;
	int rc;
};

static void *vcpu_thread(void *arg)
{
	struct vcpu_job *job = arg;
	struct ucall uc;

	job->rc = sim_vcpu_run(job->vcpu);
	if (!job->rc && sim_get_ucall(job->vcpu, &uc) == UCALL_SYNC)
		job->taken = uc.args[2];
	else
		job->rc = -1;
	return NULL;
}

TEST_F(direct, inject_races_unbind)
{
	struct vcpu_job job = { .vcpu = self->vcpu };
	struct race r = {};
	struct tdrv_counts c;
	pthread_t t, v;

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 4, 1, 1, 1, 0));
	sim_vcpu_set_entry(self->vcpu, guest_tpi_loop, 4);
	ASSERT_EQ(0, pthread_create(&v, NULL, vcpu_thread, &job));
	ASSERT_EQ(0, pthread_create(&t, NULL, injector, &r));
	do {
		tdrv_counts(0, &c);
	} while (c.injected < 200);
	tdrv_unbind(0);
	ASSERT_EQ(0, pthread_join(t, NULL));
	/* every successful injection is queued by now: the end marker */
	ASSERT_EQ(0, sim_inject_io(self->vm, UNBOUND, 0, 4));
	ASSERT_EQ(0, pthread_join(v, NULL));
	ASSERT_EQ(0, job.rc);
	EXPECT_EQ(1, r.enodev);
	EXPECT_EQ(0, r.other);
	EXPECT_LE(200, r.ok);
	EXPECT_EQ(r.ok, job.taken);
	EXPECT_EQ(0, flic_io_irqs(self->flic, BOUND, NULL, NULL));
}

/* ---- two subchannels on two ISCs: CR6 decides which comes first ---- */

static void guest_two_iscs(uint64_t arg)
{
	uint32_t first, second;
	int cc0, cc1, cc2;

	ctl_load(6, CR6_ISC_BIT(6));
	cc0 = tpi(0);
	first = guest_read32(LC_SUBCHANNEL_ID);
	ctl_load(6, CR6_ISC_BIT(2));
	cc1 = tpi(0);
	second = guest_read32(LC_SUBCHANNEL_ID);
	cc2 = tpi(0);
	GUEST_SYNC_ARGS(0, cc0, cc1, cc2, (uint64_t)first << 32 | second);
	GUEST_DONE();
}

TEST_F(direct, two_subchannels_two_iscs)
{
	struct ucall uc;

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 2, 1, 1, 1, 0));
	ASSERT_EQ(0, tdrv_bind(1, self->vm->fd, BOUND2, 6, 1, 1, 1, 0));
	/* BOUND's first: ISC 2 would win if both were enabled */
	ASSERT_EQ(0, tdrv_inject(0, 0x22));
	ASSERT_EQ(0, tdrv_inject(1, 0x66));
	sim_vcpu_set_entry(self->vcpu, guest_two_iscs, 0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	EXPECT_EQ(1, uc.args[2]);
	EXPECT_EQ(1, uc.args[3]);
	EXPECT_EQ(0, uc.args[4]);
	EXPECT_EQ(BOUND2, uc.args[5] >> 32);
	EXPECT_EQ(BOUND, uc.args[5] & 0xffffffff);
	EXPECT_EQ(2, stat_of(self->vm->fd, "io_direct_injected"));
}

/* ---- privileged operation: the kernel path changes nothing there ---- */

/* DIAGNOSE (the ucall) is privileged too: report from the handler */
static void pgm_report(void)
{
	GUEST_SYNC(guest_read16(LC_PGM_CODE));
}

static void guest_problem_state(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_PGM, pgm_report);
	psw_mask_set(psw_mask_get() | PSW_MASK_PSTATE);
	ssch(BOUND, ORB_GRA);
	tsch(BOUND, IRB_GRA);
	/* no way back to the supervisor state without an SVC: spin */
	for (;;)
		cpu_relax();
}

TEST_F(direct, privileged_operation_in_problem_state)
{
	struct tdrv_counts c;
	struct ucall uc;
	int i;

	ASSERT_EQ(0, tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0));
	sim_vcpu_set_entry(self->vcpu, guest_problem_state, 0);
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
		ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
		EXPECT_EQ(PGM_PRIVILEGED_OP, uc.args[1]);
	}
	tdrv_counts(0, &c);
	EXPECT_EQ(0, c.ssch + c.tsch);
}

/* ---- several vcpus, each its own subchannel and ISC, many I/Os ---- */

#define NR_IO		100
#define NR_SMP		4
/* per vcpu, in its lowcore (unused by the library): handled, intparm */
#define LC_T_COUNT	0x1800
#define LC_T_PARM	0x1804

static void smp_io_handler(void)
{
	guest_write32(LC_T_COUNT, guest_read32(LC_T_COUNT) + 1);
	guest_write32(LC_T_PARM, guest_read32(LC_IO_INT_PARM));
}

/* vcpu @i: subchannel 0x10 + i on ISC 1 + i; CR6 enables only that */
static void guest_smp_io(uint64_t i)
{
	uint32_t schid = 0x00010010 + i, seen = 0;
	uint64_t orb = ORB_GRA + i * 0x100, irb = IRB_GRA + i * 0x100;
	int n, bad = 0;

	guest_install_handler(GUEST_IRQ_IO, smp_io_handler);
	guest_write32(LC_T_COUNT, 0);
	ctl_load(6, CR6_ISC_BIT(1 + i));
	for (n = 0; n < NR_IO; n++) {
		guest_write32(orb, 0x1000 * (i + 1) + n);
		if (ssch(schid, orb))
			bad++;
		while (guest_read32(LC_T_COUNT) == seen)
			enabled_wait(PSW_MASK_IO);
		seen++;
		if (guest_read32(LC_T_PARM) != 0x1000 * (i + 1) + n)
			bad++;
		if (tsch(schid, irb) != 0)
			bad++;
	}
	GUEST_SYNC_ARGS(0, seen, bad, 0, 0);
	GUEST_DONE();
}

struct smp_job {
	struct sim_vcpu *vcpu;
	struct ucall uc;
	int runs;
	int rc;
};

static void *smp_thread(void *arg)
{
	struct smp_job *job = arg;

	job->rc = sim_vcpu_run(job->vcpu);
	job->runs = 1;
	if (!job->rc && sim_get_ucall(job->vcpu, &job->uc) != UCALL_SYNC)
		job->rc = -1;
	return NULL;
}

TEST_F(direct, smp_many_ios_exactly_once)
{
	struct smp_job jobs[NR_SMP] = {};
	struct kvm_s390_irq *irqs;
	struct tdrv_counts c;
	pthread_t t[NR_SMP];
	int i;

	for (i = 0; i < NR_SMP; i++) {
		uint64_t orb = ORB_GRA + i * 0x100;

		write_orb(self->vm, orb, 0, ORB_CTRL, CCW_GRA);
		ASSERT_EQ(0, tdrv_bind(i, self->vm->fd, 0x00010010 + i, 1 + i,
				       1, 1, 1, 1));
		jobs[i].vcpu = i ? sim_vcpu_add(self->vm, i) : self->vcpu;
		ASSERT_NE(NULL, jobs[i].vcpu);
		sim_vcpu_set_entry(jobs[i].vcpu, guest_smp_io, i);
	}
	for (i = 0; i < NR_SMP; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, smp_thread, &jobs[i]));
	for (i = 0; i < NR_SMP; i++) {
		ASSERT_EQ(0, pthread_join(t[i], NULL));
		/* the first exit of each vcpu is its report */
		ASSERT_EQ(0, jobs[i].rc);
		EXPECT_EQ(NR_IO, jobs[i].uc.args[2]);
		EXPECT_EQ(0, jobs[i].uc.args[3]);
		tdrv_counts(i, &c);
		EXPECT_EQ(NR_IO, c.ssch);
		EXPECT_EQ(NR_IO, c.tsch_pending);
		EXPECT_EQ(NR_IO, c.injected);
	}
	EXPECT_EQ(NR_SMP * NR_IO, stat_of(self->vm->fd, "io_direct_injected"));
	EXPECT_EQ(0, get_all_irqs(self->flic, &irqs));
	free(irqs);
}

/* ---- allocation failures: ENOMEM, nothing half done ---- */

static int fail_nth_fd = -1;

static void fail_nth_set(int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d", n);

	if (pwrite(fail_nth_fd, buf, len, 0) != len)
		abort();
}

/* 0 once the injected failure fired */
static int fail_nth_get(void)
{
	char buf[16] = { 0 };

	if (pread(fail_nth_fd, buf, sizeof(buf) - 1, 0) < 0)
		abort();
	return atoi(buf);
}

TEST_F(direct, allocation_failures)
{
	int n, rc;

	fail_nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (fail_nth_fd < 0)
		SKIP(return, "no /proc/thread-self/fail-nth");
	/* a second binding copies the table: fail each allocation */
	ASSERT_EQ(0, tdrv_bind(1, self->vm->fd, BOUND2, 3, 1, 1, 1, 0));
	for (n = 1; n < 100; n++) {
		fail_nth_set(n);
		rc = tdrv_bind(0, self->vm->fd, BOUND, 3, 1, 1, 1, 0);
		if (fail_nth_get() != 0)
			break;
		EXPECT_EQ(-ENOMEM, rc);
		EXPECT_EQ(-ENODEV, tdrv_inject(0, 1));
	}
	fail_nth_set(0);
	EXPECT_GT(n, 1);
	EXPECT_EQ(0, rc);

	fail_nth_set(1);
	EXPECT_EQ(-ENOMEM, tdrv_inject(0, 5));
	EXPECT_EQ(0, fail_nth_get());
	fail_nth_set(0);
	EXPECT_EQ(0, flic_io_irqs(self->flic, BOUND, NULL, NULL));
	EXPECT_EQ(0, tdrv_inject(0, 6));
	EXPECT_EQ(1, flic_io_irqs(self->flic, BOUND, NULL, NULL));

	/* unbinding allocates nothing, so it cannot fail */
	fail_nth_set(1);
	tdrv_unbind(0);
	EXPECT_EQ(1, fail_nth_get());
	fail_nth_set(0);
	EXPECT_EQ(-ENODEV, tdrv_inject(0, 7));
	/* the other binding still works */
	EXPECT_EQ(0, tdrv_inject(1, 8));
	close(fail_nth_fd);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Channel-I/O instruction intercepts of the simulated CPU, served by a
 * VMM loop the way QEMU's ioinst handlers do: decode ipa/ipb and the
 * registers, emulate in guest memory, set the cc, re-enter.  Also the
 * program interruptions: privileged operation (detected by the CPU),
 * operand exception (injected by the VMM with KVM_S390_IRQ), and the
 * same guest on several vcpus at once.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "kselftest_harness.h"
#include "s390/vm.h"

#define SCHID(nr)	(0x00010000u | (nr))
#define OPERAND		0x60000UL	/* guest real, per test */

static const uint16_t io_ops[] = {
	0xb233, 0xb235, 0xb234, 0xb232, 0xb231, 0xb230, 0xb276, 0xb238,
	0xb239,
};

/* Each instruction once; the cc the VMM sets comes back. */
static void guest_all_io(uint64_t base)
{
	unsigned int i;
	int cc;

	for (i = 0; i < sizeof(io_ops) / sizeof(io_ops[0]); i++) {
		if (io_ops[i] == 0xb239)
			cc = stcrw(base + i * 0x100);
		else
			cc = s390_io_insn(io_ops[i], SCHID(i),
					  base + i * 0x100);
		GUEST_ASSERT_EQ(cc, (int)(i % 4));
	}
	GUEST_DONE();
}

/* A VMM's instruction handler: check the decode, store, set the cc. */
static int serve_io(struct sim_vcpu *vcpu, uint64_t base, unsigned int i)
{
	struct kvm_run *run = vcpu->run;
	uint32_t *op;

	if (io_ops[i] == 0xb235) {
		/* TSCH: KVM looked for an interrupt first (none queued) */
		if (run->exit_reason != KVM_EXIT_S390_TSCH ||
		    run->s390_tsch.dequeued)
			return -1;
		if (run->s390_tsch.ipb != (uint32_t)GUEST_BASE_REG << 28)
			return -2;
	} else {
		if (!sim_exit_is_insn(vcpu, io_ops[i]))
			return -1;
		if (run->s390_sieic.ipb != (uint32_t)GUEST_BASE_REG << 28)
			return -2;
	}
	if (sim_s_operand(vcpu) != base + i * 0x100)
		return -3;
	if (io_ops[i] != 0xb239 && run->s.regs.gprs[1] != SCHID(i))
		return -4;
	op = sim_real2hva(vcpu, sim_s_operand(vcpu));
	if (!op)
		return -5;
	*op = htobe32(0xc0ffee00 | i);
	sim_set_cc(vcpu, i % 4);
	return 0;
}

static int vmm_loop(struct sim_vcpu *vcpu, uint64_t base)
{
	struct ucall uc;
	unsigned int i;
	int rc;

	for (i = 0; ; i++) {
		rc = sim_vcpu_run(vcpu);
		if (rc)
			return rc;
		switch (sim_get_ucall(vcpu, &uc)) {
		case UCALL_DONE:
			return i == sizeof(io_ops) / sizeof(io_ops[0]) ? 0 : -6;
		case UCALL_ABORT:
			return -7;
		}
		if (i >= sizeof(io_ops) / sizeof(io_ops[0]))
			return -8;
		rc = serve_io(vcpu, base, i);
		if (rc)
			return rc;
	}
}

FIXTURE(io) {
	struct sim_vm *vm;
};

FIXTURE_SETUP(io)
{
	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	ASSERT_EQ(0, sim_vm_enable_cap(self->vm, KVM_CAP_S390_CSS_SUPPORT, 0));
}

FIXTURE_TEARDOWN(io)
{
	sim_vm_free(self->vm);
}

TEST_F(io, every_instruction_reaches_the_vmm)
{
	struct sim_vcpu *vcpu = sim_vcpu_add(self->vm, 0);
	unsigned int i;
	uint32_t *op;

	ASSERT_NE(NULL, vcpu);
	sim_vcpu_set_entry(vcpu, guest_all_io, OPERAND);
	ASSERT_EQ(0, vmm_loop(vcpu, OPERAND));
	for (i = 0; i < sizeof(io_ops) / sizeof(io_ops[0]); i++) {
		op = sim_gpa2hva(self->vm, OPERAND + i * 0x100);
		ASSERT_EQ(0xc0ffee00 | i, be32toh(*op));
	}
}

struct vcpu_job {
	struct sim_vcpu *vcpu;
	uint64_t base;
	int rc;
};

static void *vcpu_thread(void *arg)
{
	struct vcpu_job *job = arg;

	job->rc = vmm_loop(job->vcpu, job->base);
	return NULL;
}

TEST_F(io, four_vcpus_at_once)
{
	struct vcpu_job jobs[4];
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++) {
		jobs[i].vcpu = sim_vcpu_add(self->vm, i);
		ASSERT_NE(NULL, jobs[i].vcpu);
		jobs[i].base = OPERAND + i * 0x1000;
		sim_vcpu_set_entry(jobs[i].vcpu, guest_all_io, jobs[i].base);
	}
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, vcpu_thread,
					    &jobs[i]));
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, pthread_join(t[i], NULL));
		EXPECT_EQ(0, jobs[i].rc);
	}
}

/* ---- program interruptions ---- */

static void pgm_report(void)
{
	GUEST_SYNC(guest_read32(LC_PGM_ILC) & 0xffff);
}

static void guest_problem_state_ssch(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_PGM, pgm_report);
	psw_mask_set(psw_mask_get() | PSW_MASK_PSTATE);
	ssch(SCHID(0), OPERAND);
	/* the handler returned here, still in problem state: again */
	ssch(SCHID(0), OPERAND);
	/* no way back to the supervisor state without an SVC: spin */
	for (;;)
		cpu_relax();
}

TEST_F(io, privileged_operation_in_problem_state)
{
	struct sim_vcpu *vcpu = sim_vcpu_add(self->vm, 0);
	uint16_t *code;

	ASSERT_NE(NULL, vcpu);
	sim_vcpu_set_entry(vcpu, guest_problem_state_ssch, 0);
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	/* no intercept: the first exit is the handler's report */
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(vcpu, NULL));
	code = sim_real2hva(vcpu, LC_PGM_CODE);
	ASSERT_EQ(2, be16toh(*code));
	*code = 0;
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(vcpu, NULL));
	ASSERT_EQ(2, be16toh(*code));
	ASSERT_TRUE(be64toh(*(uint64_t *)sim_real2hva(vcpu, LC_PGM_OLD_PSW)) &
		    PSW_MASK_PSTATE);
}

static void guest_bad_schid(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_PGM, pgm_report);
	ssch(0x1234, OPERAND);		/* bit 0x10000 missing */
	GUEST_DONE();
}

TEST_F(io, operand_exception_injected_by_vmm)
{
	struct sim_vcpu *vcpu = sim_vcpu_add(self->vm, 0);
	uint16_t *code;

	ASSERT_NE(NULL, vcpu);
	sim_vcpu_set_entry(vcpu, guest_bad_schid, 0);
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_TRUE(sim_exit_is_insn(vcpu, 0xb233));
	ASSERT_EQ(0x1234, vcpu->run->s.regs.gprs[1]);
	/* QEMU: !(schid & 0x10000) -> operand exception */
	ASSERT_EQ(0, sim_inject_pgm(vcpu, 0x15));
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(vcpu, NULL));
	code = sim_real2hva(vcpu, LC_PGM_CODE);
	ASSERT_EQ(0x15, be16toh(*code));
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(vcpu, NULL));
}

TEST_HARNESS_MAIN

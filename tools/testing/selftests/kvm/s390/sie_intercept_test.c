// SPDX-License-Identifier: GPL-2.0
/*
 * The intercept requests the kernel leaves in the sie block for an
 * interrupt the guest cannot take yet, and the simulated CPU leaving SIE
 * for them: a subclass mask loaded by LCTLG (lctl), a machine check
 * enabled by LPSWE (ICTL_LPSW), and an I/O interrupt injected while a
 * busy guest runs enabled (CPUSTAT_IO_INT). Each time the interrupt is
 * taken before the guest's next instruction, and the counters show the
 * intercept that did it.  And an intercepted LPSWE out of a handler after
 * which the kernel delivers the next interruption of the same class.
 */
#include <pthread.h>
#include <sched.h>
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "s390/vm.h"

#define AREA		0x90000UL	/* guest absolute: handler log */
#define SCHID(nr)	(0x00010000u | (nr))
#define TEST_ISC	3
#define MCIC_SD		(1ULL << 63)	/* system damage: exigent */

/* handlers count their runs and remember the interruption code */
static void ext_handler(void)
{
	guest_write64(AREA, guest_read64(AREA) + 1);
	guest_write64(AREA + 8, guest_read16(LC_EXT_INT_CODE));
}

static void mchk_handler(void)
{
	guest_write64(AREA, guest_read64(AREA) + 1);
	guest_write64(AREA + 8, guest_read64(LC_MCCK_CODE));
}

static void io_handler(void)
{
	guest_write64(AREA, guest_read64(AREA) + 1);
	guest_write64(AREA + 8, guest_read32(LC_IO_INT_PARM));
}

/* EXT enabled in the PSW, the emergency subclass only later by LCTLG. */
static void guest_lctlg(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_EXT, ext_handler);
	ctl_clear_bit(0, CR0_EMERGENCY_SIGNAL);
	psw_mask_set(psw_mask_get() | PSW_MASK_EXT);
	GUEST_SYNC(1);		/* the VMM injects an emergency signal */
	GUEST_ASSERT_EQ(guest_read64(AREA), 0);
	ctl_set_bit(0, CR0_EMERGENCY_SIGNAL);
	/* taken right after the LCTLG */
	GUEST_SYNC_ARGS(2, guest_read64(AREA), guest_read64(AREA + 8), 0, 0);
	GUEST_DONE();
}

/* Machine checks disabled in the PSW, enabled by LPSWE. */
static void guest_lpswe(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_MCHK, mchk_handler);
	GUEST_SYNC(1);		/* the VMM injects a machine check */
	GUEST_ASSERT_EQ(guest_read64(AREA), 0);
	psw_mask_set(psw_mask_get() | PSW_MASK_MCHECK);
	GUEST_SYNC_ARGS(2, guest_read64(AREA), guest_read64(AREA + 8), 0, 0);
	GUEST_DONE();
}

/* Busy and enabled for I/O until the handler has run. */
static void guest_busy_io(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_load(6, CR6_ISC_BIT(TEST_ISC));
	psw_mask_set(psw_mask_get() | PSW_MASK_IO);
	guest_write64(AREA + 16, 1);	/* running: the VMM may inject */
	while (!guest_read64(AREA))
		cpu_relax();
	GUEST_SYNC_ARGS(2, guest_read64(AREA), guest_read64(AREA + 8), 0, 0);
	GUEST_DONE();
}

/*
 * Two I/O interruptions queued and a machine check kept disabled: the
 * first handler's LPSWE back to the wait is intercepted (ICTL_LPSW), and
 * the kernel delivers the second one right there, at the same handler
 * address the guest left from; it must run once, at the level below.
 */
static void guest_io_twice(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	guest_install_handler(GUEST_IRQ_MCHK, mchk_handler);
	ctl_load(6, CR6_ISC_BIT(TEST_ISC));
	GUEST_SYNC(1);	/* the VMM injects a machine check, two I/O */
	enabled_wait(PSW_MASK_IO);
	GUEST_SYNC_ARGS(2, guest_read64(AREA), guest_read64(AREA + 8), 0, 0);
	psw_mask_set(psw_mask_get() | PSW_MASK_MCHECK);
	GUEST_SYNC_ARGS(3, guest_read64(AREA), guest_read64(AREA + 8), 0, 0);
	GUEST_DONE();
}

FIXTURE(icpt) {
	struct sim_vm *vm;
	struct sim_vcpu *vcpu;
	int stats_fd;
};

FIXTURE_SETUP(icpt)
{
	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	self->vcpu = sim_vcpu_add(self->vm, 0);
	ASSERT_NE(NULL, self->vcpu);
	self->stats_fd = sim_vcpu_stats_fd(self->vcpu);
	ASSERT_LE(0, self->stats_fd);
}

FIXTURE_TEARDOWN(icpt)
{
	close(self->stats_fd);
	sim_vm_free(self->vm);
}

static void run_sync(struct __test_metadata *_metadata,
		     struct sim_vcpu *vcpu, uint64_t stage, struct ucall *uc)
{
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(vcpu, uc));
	ASSERT_EQ(stage, uc->args[1]);
}

TEST_F(icpt, lctlg_of_a_subclass_mask)
{
	struct ucall uc;

	sim_vcpu_set_entry(self->vcpu, guest_lctlg, 0);
	run_sync(_metadata, self->vcpu, 1, &uc);
	ASSERT_EQ(0, sim_inject_emergency(self->vcpu, 0));
	run_sync(_metadata, self->vcpu, 2, &uc);
	EXPECT_EQ(1, uc.args[2]);		/* the handler ran once */
	EXPECT_EQ(0x1201, uc.args[3]);
	EXPECT_EQ(1, stats_read(self->stats_fd, "instruction_lctlg"));
	EXPECT_EQ(1, stats_read(self->stats_fd, "deliver_emergency_signal"));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	EXPECT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
}

TEST_F(icpt, lpswe_enabling_machine_checks)
{
	struct kvm_s390_irq mchk = {
		.type = KVM_S390_MCHK, .u.mchk.mcic = MCIC_SD,
	};
	struct ucall uc;

	sim_vcpu_set_entry(self->vcpu, guest_lpswe, 0);
	run_sync(_metadata, self->vcpu, 1, &uc);
	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_S390_IRQ, &mchk));
	run_sync(_metadata, self->vcpu, 2, &uc);
	EXPECT_EQ(1, uc.args[2]);
	EXPECT_EQ(MCIC_SD, uc.args[3]);
	EXPECT_EQ(1, stats_read(self->stats_fd, "instruction_lpswe"));
	EXPECT_EQ(1, stats_read(self->stats_fd, "deliver_machine_check"));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	EXPECT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
}

TEST_F(icpt, lpswe_out_of_a_handler_into_the_next_interrupt)
{
	struct kvm_s390_irq mchk = {
		.type = KVM_S390_MCHK, .u.mchk.mcic = MCIC_SD,
	};
	struct ucall uc;

	sim_vcpu_set_entry(self->vcpu, guest_io_twice, 0);
	run_sync(_metadata, self->vcpu, 1, &uc);
	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_S390_IRQ, &mchk));
	ASSERT_EQ(0, sim_inject_io(self->vm, SCHID(1), 0x11, TEST_ISC));
	ASSERT_EQ(0, sim_inject_io(self->vm, SCHID(2), 0x22, TEST_ISC));
	run_sync(_metadata, self->vcpu, 2, &uc);
	EXPECT_EQ(2, uc.args[2]);		/* each handler once */
	EXPECT_EQ(0x22, uc.args[3]);		/* the second one last */
	/* both handlers' LPSWEs were intercepted: the check was pending */
	EXPECT_LE(2, stats_read(self->stats_fd, "instruction_lpswe"));
	EXPECT_EQ(2, stats_read(self->stats_fd, "deliver_io"));
	run_sync(_metadata, self->vcpu, 3, &uc);
	EXPECT_EQ(3, uc.args[2]);
	EXPECT_EQ(MCIC_SD, uc.args[3]);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	EXPECT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
}

struct runner {
	struct sim_vcpu *vcpu;
	int rc;
};

static void *run_thread(void *arg)
{
	struct runner *r = arg;

	r->rc = sim_vcpu_run(r->vcpu);
	return NULL;
}

TEST_F(icpt, io_request_of_a_running_guest)
{
	volatile uint64_t *area = sim_gpa2hva(self->vm, AREA);
	struct runner r = { .vcpu = self->vcpu };
	struct ucall uc;
	pthread_t t;

	sim_vcpu_set_entry(self->vcpu, guest_busy_io, 0);
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, &r));
	while (!__atomic_load_n(&area[2], __ATOMIC_RELAXED))
		sched_yield();
	ASSERT_EQ(0, sim_inject_io(self->vm, SCHID(9), 0x99, TEST_ISC));
	ASSERT_EQ(0, pthread_join(t, NULL));
	ASSERT_EQ(0, r.rc);
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(2, uc.args[1]);
	EXPECT_EQ(1, uc.args[2]);
	EXPECT_EQ(0x99, uc.args[3]);
	EXPECT_EQ(1, stats_read(self->stats_fd, "exit_io_request"));
	EXPECT_EQ(1, stats_read(self->stats_fd, "deliver_io"));
}

TEST_HARNESS_MAIN

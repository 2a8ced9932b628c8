// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_RUN exits of the simulated CPU: ucalls, immediate_exit, a signal
 * stopping a busy guest, a program that ends (disabled wait), operation
 * exceptions and the internal-error exit, resuming after each.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "kselftest_harness.h"
#include "s390/vm.h"

#define FLAG_ADDR	0x90000UL	/* guest absolute, shared */

static void guest_sync_three(uint64_t arg)
{
	int i;

	for (i = 0; i < 3; i++)
		GUEST_SYNC(arg + i);
	GUEST_DONE();
}

FIXTURE(run) {
	struct sim_vm *vm;
	struct sim_vcpu *vcpu;
};

FIXTURE_SETUP(run)
{
	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	self->vcpu = sim_vcpu_add(self->vm, 0);
	ASSERT_NE(NULL, self->vcpu);
}

FIXTURE_TEARDOWN(run)
{
	sim_vm_free(self->vm);
}

TEST_F(run, ucall_resumes_where_it_stopped)
{
	struct ucall uc;
	int i;

	sim_vcpu_set_entry(self->vcpu, guest_sync_three, 40);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
		ASSERT_EQ(KVM_EXIT_S390_SIEIC, self->vcpu->run->exit_reason);
		ASSERT_EQ(4, self->vcpu->run->s390_sieic.icptcode);
		ASSERT_EQ(0x8302, self->vcpu->run->s390_sieic.ipa);
		ASSERT_EQ(0x05010000, self->vcpu->run->s390_sieic.ipb);
		ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
		ASSERT_EQ(40 + i, uc.args[1]);
	}
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
}

TEST_F(run, immediate_exit)
{
	struct ucall uc;

	sim_vcpu_set_entry(self->vcpu, guest_sync_three, 7);
	self->vcpu->run->immediate_exit = 1;
	ASSERT_EQ(-EINTR, sim_vcpu_run(self->vcpu));
	self->vcpu->run->immediate_exit = 0;
	/* the guest had not started: the first ucall is the first sync */
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(7, uc.args[1]);
}

/* The program returns: the CPU stops in a disabled wait. */
static void guest_returns(uint64_t arg)
{
}

TEST_F(run, program_end_is_disabled_wait)
{
	sim_vcpu_set_entry(self->vcpu, guest_returns, 0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(KVM_EXIT_S390_SIEIC, self->vcpu->run->exit_reason);
	ASSERT_EQ(0x1c, self->vcpu->run->s390_sieic.icptcode);
	ASSERT_TRUE(self->vcpu->run->psw_mask & PSW_MASK_WAIT);
	ASSERT_FALSE(self->vcpu->run->psw_mask &
		     (PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK));
	/* stays there */
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(0x1c, self->vcpu->run->s390_sieic.icptcode);
	/* a new PSW starts a new program */
	sim_vcpu_set_entry(self->vcpu, guest_sync_three, 1);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, NULL));
}

TEST_F(run, no_code_no_handler_is_internal_error)
{
	self->vcpu->run->psw_mask = PSW_MASK_64;
	self->vcpu->run->psw_addr = 0x70000;	/* nothing there */
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(KVM_EXIT_INTERNAL_ERROR, self->vcpu->run->exit_reason);
	ASSERT_EQ(KVM_INTERNAL_ERROR_DELIVERY_EV,
		  self->vcpu->run->internal.suberror);
	ASSERT_EQ(1, self->vcpu->run->internal.data[0]);	/* operation */
}

static void pgm_record(void)
{
	GUEST_SYNC(guest_read32(LC_PGM_ILC) & 0xffff);
	GUEST_DONE();
}

static void guest_jumps_nowhere(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_PGM, pgm_record);
	psw_load(PSW_MASK_64, 0x70000);
	GUEST_ASSERT(0);	/* never comes back */
}

TEST_F(run, operation_exception_through_program_new_psw)
{
	uint16_t *code;
	uint64_t *old;
	struct ucall uc;

	sim_vcpu_set_entry(self->vcpu, guest_jumps_nowhere, 0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	code = sim_real2hva(self->vcpu, LC_PGM_CODE);
	ASSERT_EQ(1, be16toh(*code));
	old = sim_real2hva(self->vcpu, LC_PGM_OLD_PSW);
	ASSERT_EQ(0x70002, be64toh(old[1]));	/* suppressed, ILC 1 */
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
}

/* ---- stopping a busy guest with a signal + immediate_exit ---- */

static struct kvm_run *sig_run;

static void sig_handler(int sig)
{
	sig_run->immediate_exit = 1;
}

static void guest_spin(uint64_t flag)
{
	while (!guest_read64(flag)) {
		guest_write64(flag + 8, guest_read64(flag + 8) + 1);
		cpu_relax();
	}
	GUEST_DONE();
}

struct runner {
	struct sim_vcpu *vcpu;
	int rc;
	int exit_reason;
	volatile int started;
};

static void *run_thread(void *arg)
{
	struct runner *r = arg;

	r->started = 1;
	r->rc = sim_vcpu_run(r->vcpu);
	r->exit_reason = r->vcpu->run->exit_reason;
	return NULL;
}

TEST_F(run, signal_stops_busy_guest)
{
	uint64_t *flag = sim_gpa2hva(self->vm, FLAG_ADDR);
	struct runner r = { .vcpu = self->vcpu };
	struct sigaction sa = { .sa_handler = sig_handler };
	uint64_t count;
	pthread_t t;

	sig_run = self->vcpu->run;
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	sim_vcpu_set_entry(self->vcpu, guest_spin, FLAG_ADDR);
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, &r));
	/* wait until the guest has looped at least once */
	while (!__atomic_load_n(&flag[1], __ATOMIC_RELAXED))
		sched_yield();
	ASSERT_EQ(0, pthread_kill(t, SIGUSR1));
	ASSERT_EQ(0, pthread_join(t, NULL));
	ASSERT_EQ(-EINTR, r.rc);
	ASSERT_EQ(KVM_EXIT_INTR, r.exit_reason);
	ASSERT_EQ(1, self->vcpu->run->immediate_exit);

	/* immediate_exit still set: no guest progress at all */
	count = be64toh(flag[1]);
	ASSERT_EQ(-EINTR, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(count, be64toh(flag[1]));

	/* resume the loop where it was, then let it finish */
	self->vcpu->run->immediate_exit = 0;
	flag[0] = htobe64(1);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
	ASSERT_EQ(count, be64toh(flag[1]));
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Waits of the simulated CPU: an enabled wait sleeps in KVM_RUN until an
 * interrupt it can take is injected from another thread (a local one
 * with KVM_S390_IRQ on the vcpu fd, a floating one with
 * KVM_S390_INTERRUPT on the VM fd); a masked one does not end it; a
 * pending one ends it without sleeping; a disabled wait goes out to the
 * VMM; a signal makes KVM_RUN return -EINTR from the wait.
 *
 * The injecting thread knows the vcpu sleeps when the vcpu's "blocking"
 * statistic reads 1 (set around the sleep, as upstream does).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "s390/vm.h"

#define AREA		0x90000UL	/* guest absolute, shared */
#define SCHID(nr)	(0x00010000u | (nr))
#define TEST_ISC	3

/* ---- guest side ---- */

static void ext_handler(void)
{
	/* the interruption code stays in the lowcore for the program */
}

static void io_handler(void)
{
}

/* Tell the VMM that the next thing the guest does is the wait. */
static void announce_wait(uint64_t area)
{
	guest_write64(area, guest_read64(area) + 1);
}

static void guest_wait_ext(uint64_t area)
{
	guest_install_handler(GUEST_IRQ_EXT, ext_handler);
	ctl_set_bit(0, CR0_EMERGENCY_SIGNAL);
	announce_wait(area);
	enabled_wait(PSW_MASK_EXT);
	GUEST_SYNC(guest_read32(LC_EXT_CPU_ADDR));
	GUEST_DONE();
}

static void guest_wait_io(uint64_t area)
{
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_set_bit(6, CR6_ISC_BIT(TEST_ISC));
	announce_wait(area);
	enabled_wait(PSW_MASK_IO);
	GUEST_SYNC_ARGS(1, guest_read32(LC_SUBCHANNEL_ID),
			guest_read32(LC_IO_INT_PARM),
			guest_read32(LC_IO_INT_WORD), 0);
	GUEST_DONE();
}

/*
 * Emergency signals are masked (CR0), I/O interrupts of TEST_ISC are
 * not: only the I/O interrupt ends the wait.  Then the emergency signal
 * is enabled and taken at once.
 */
static void guest_wait_masked(uint64_t area)
{
	guest_install_handler(GUEST_IRQ_EXT, ext_handler);
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_clear_bit(0, CR0_EMERGENCY_SIGNAL);
	ctl_set_bit(6, CR6_ISC_BIT(TEST_ISC));
	guest_write32(LC_EXT_CPU_ADDR, 0);
	announce_wait(area);
	enabled_wait(PSW_MASK_EXT | PSW_MASK_IO);
	/* the I/O interrupt, not the external one */
	GUEST_ASSERT_EQ(guest_read32(LC_EXT_CPU_ADDR), 0);
	GUEST_SYNC_ARGS(1, guest_read32(LC_SUBCHANNEL_ID),
			guest_read32(LC_IO_INT_PARM), 0, 0);
	ctl_set_bit(0, CR0_EMERGENCY_SIGNAL);
	psw_mask_set(psw_mask_get() | PSW_MASK_EXT);
	GUEST_SYNC(guest_read32(LC_EXT_CPU_ADDR));
	GUEST_DONE();
}

static void guest_disabled_wait(uint64_t code)
{
	psw_load(PSW_MASK_64 | PSW_MASK_WAIT, code);
	GUEST_ASSERT(0);
}

/* ---- VMM side ---- */

struct runner {
	struct sim_vcpu *vcpu;
	int rc;
	uint32_t exit_reason;
};

static void *run_thread(void *arg)
{
	struct runner *r = arg;

	r->rc = sim_vcpu_run(r->vcpu);
	r->exit_reason = r->vcpu->run->exit_reason;
	return NULL;
}

/* Until the vcpu sleeps in enabled wait (it cannot leave it alone). */
static void wait_until_blocking(int stats_fd)
{
	while (stats_read(stats_fd, "blocking") != 1)
		sched_yield();
}

FIXTURE(wait) {
	struct sim_vm *vm;
	struct sim_vcpu *vcpu;
	int stats_fd;
	volatile uint64_t *area;
};

FIXTURE_SETUP(wait)
{
	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	self->vcpu = sim_vcpu_add(self->vm, 0);
	ASSERT_NE(NULL, self->vcpu);
	self->stats_fd = sim_vcpu_stats_fd(self->vcpu);
	ASSERT_LE(0, self->stats_fd);
	self->area = sim_gpa2hva(self->vm, AREA);
	ASSERT_EQ(0, stats_read(self->stats_fd, "blocking"));
}

FIXTURE_TEARDOWN(wait)
{
	close(self->stats_fd);
	sim_vm_free(self->vm);
}

TEST_F(wait, emergency_signal_from_another_thread)
{
	struct runner r = { .vcpu = self->vcpu };
	struct ucall uc;
	pthread_t t;

	sim_vcpu_set_entry(self->vcpu, guest_wait_ext, AREA);
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, &r));
	wait_until_blocking(self->stats_fd);
	/* KVM_S390_IRQ does not wait for the vcpu mutex KVM_RUN holds */
	ASSERT_EQ(0, sim_inject_emergency(self->vcpu, 0));
	ASSERT_EQ(0, pthread_join(t, NULL));

	ASSERT_EQ(0, r.rc);
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	/* cpu address 0, code 0x1201 */
	ASSERT_EQ(0x00001201, uc.args[1]);
	ASSERT_EQ(1, be64toh(self->area[0]));
	EXPECT_EQ(1, stats_read(self->stats_fd, "exit_wait_state"));
	EXPECT_EQ(1, stats_read(self->stats_fd, "halt_wakeup"));
	EXPECT_EQ(1, stats_read(self->stats_fd, "inject_emergency_signal"));
	EXPECT_EQ(1, stats_read(self->stats_fd, "deliver_emergency_signal"));
	EXPECT_EQ(0, stats_read(self->stats_fd, "blocking"));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
}

TEST_F(wait, floating_io_interrupt_from_another_thread)
{
	struct runner r = { .vcpu = self->vcpu };
	struct ucall uc;
	pthread_t t;

	sim_vcpu_set_entry(self->vcpu, guest_wait_io, AREA);
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, &r));
	wait_until_blocking(self->stats_fd);
	ASSERT_EQ(0, sim_inject_io(self->vm, SCHID(5), 0xfeed0005, TEST_ISC));
	ASSERT_EQ(0, pthread_join(t, NULL));

	ASSERT_EQ(0, r.rc);
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(SCHID(5), uc.args[2]);
	ASSERT_EQ(0xfeed0005, uc.args[3]);
	ASSERT_EQ(TEST_ISC << 27, uc.args[4]);
	EXPECT_EQ(1, stats_read(self->stats_fd, "halt_wakeup"));
	EXPECT_EQ(1, stats_read(self->stats_fd, "deliver_io"));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
}

TEST_F(wait, masked_interrupt_does_not_end_the_wait)
{
	struct runner r = { .vcpu = self->vcpu };
	struct ucall uc;
	pthread_t t;

	sim_vcpu_set_entry(self->vcpu, guest_wait_masked, AREA);
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, &r));
	wait_until_blocking(self->stats_fd);
	ASSERT_EQ(0, sim_inject_emergency(self->vcpu, 0));
	ASSERT_EQ(0, sim_inject_io(self->vm, SCHID(7), 0x77, TEST_ISC));
	ASSERT_EQ(0, pthread_join(t, NULL));

	ASSERT_EQ(0, r.rc);
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(SCHID(7), uc.args[2]);
	ASSERT_EQ(0x77, uc.args[3]);
	EXPECT_EQ(0, stats_read(self->stats_fd, "deliver_emergency_signal"));
	EXPECT_EQ(1, stats_read(self->stats_fd, "deliver_io"));
	/* enabling the subclass delivers the one still pending */
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(0x00001201, uc.args[1]);
	EXPECT_EQ(1, stats_read(self->stats_fd, "deliver_emergency_signal"));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
}

TEST_F(wait, pending_interrupt_ends_the_wait_without_sleeping)
{
	struct ucall uc;

	ASSERT_EQ(0, sim_inject_emergency(self->vcpu, 0));
	sim_vcpu_set_entry(self->vcpu, guest_wait_ext, AREA);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(0x00001201, uc.args[1]);
	/* taken when the wait PSW was loaded: no wait intercept at all */
	EXPECT_EQ(0, stats_read(self->stats_fd, "exit_wait_state"));
	EXPECT_EQ(0, stats_read(self->stats_fd, "halt_wakeup"));
	EXPECT_EQ(1, stats_read(self->stats_fd, "deliver_emergency_signal"));
}

TEST_F(wait, disabled_wait_goes_to_the_vmm)
{
	sim_vcpu_set_entry(self->vcpu, guest_disabled_wait, 0xdead0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(KVM_EXIT_S390_SIEIC, self->vcpu->run->exit_reason);
	ASSERT_EQ(0x1c, self->vcpu->run->s390_sieic.icptcode);
	ASSERT_EQ(PSW_MASK_64 | PSW_MASK_WAIT, self->vcpu->run->psw_mask);
	ASSERT_EQ(0xdead0, self->vcpu->run->psw_addr);
	EXPECT_EQ(1, stats_read(self->stats_fd, "exit_wait_state"));
	EXPECT_EQ(0, stats_read(self->stats_fd, "halt_wakeup"));
	/* an interrupt cannot end a disabled wait: it stays pending */
	ASSERT_EQ(0, sim_inject_emergency(self->vcpu, 0));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(0x1c, self->vcpu->run->s390_sieic.icptcode);
	EXPECT_EQ(0, stats_read(self->stats_fd, "deliver_emergency_signal"));
}

/* ---- a signal in enabled wait ---- */

static __thread struct kvm_run *thread_run;
static int handled;

static void sig_immediate_exit(int sig)
{
	if (thread_run)
		thread_run->immediate_exit = 1;
	__atomic_add_fetch(&handled, 1, __ATOMIC_SEQ_CST);
}

static void sig_count(int sig)
{
	__atomic_add_fetch(&handled, 1, __ATOMIC_SEQ_CST);
}

static void *run_thread_sig(void *arg)
{
	struct runner *r = arg;

	thread_run = r->vcpu->run;
	return run_thread(arg);
}

static void signal_in_wait(struct __test_metadata *_metadata,
			   FIXTURE_DATA(wait) *self, void (*handler)(int),
			   int flags)
{
	struct runner r = { .vcpu = self->vcpu };
	struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
	struct ucall uc;
	pthread_t t;

	handled = 0;
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	sim_vcpu_set_entry(self->vcpu, guest_wait_ext, AREA);
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread_sig, &r));
	wait_until_blocking(self->stats_fd);
	ASSERT_EQ(0, pthread_kill(t, SIGUSR1));
	ASSERT_EQ(0, pthread_join(t, NULL));

	ASSERT_EQ(-EINTR, r.rc);
	ASSERT_EQ(KVM_EXIT_INTR, r.exit_reason);
	ASSERT_EQ(1, handled);
	/* still in the enabled wait */
	ASSERT_EQ(PSW_MASK_WAIT | PSW_MASK_EXT,
		  self->vcpu->run->psw_mask & (PSW_MASK_WAIT | PSW_MASK_EXT));
	EXPECT_EQ(0, stats_read(self->stats_fd, "halt_wakeup"));
	EXPECT_EQ(0, stats_read(self->stats_fd, "blocking"));

	/* an interrupt while nobody runs the vcpu: taken on the next run */
	self->vcpu->run->immediate_exit = 0;
	ASSERT_EQ(0, sim_inject_emergency(self->vcpu, 0));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(0x00001201, uc.args[1]);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
	signal(SIGUSR1, SIG_DFL);
}

TEST_F(wait, signal_with_immediate_exit_handler)
{
	signal_in_wait(_metadata, self, sig_immediate_exit, 0);
}

TEST_F(wait, signal_with_plain_handler)
{
	signal_in_wait(_metadata, self, sig_count, 0);
}

/* KVM_RUN is never restarted, SA_RESTART or not (as upstream). */
TEST_F(wait, signal_with_sa_restart_handler)
{
	signal_in_wait(_metadata, self, sig_count, SA_RESTART);
}

/*
 * Without a FLIC device the kernel does not know which interrupts an
 * idle vcpu can take.  Three vcpus wait, each enabled for another ISC;
 * a floating I/O interrupt must reach the one that can take it, whichever
 * vcpu the kick tries first.
 */
static void guest_wait_isc(uint64_t isc)
{
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_load(6, CR6_ISC_BIT(isc));
	enabled_wait(PSW_MASK_IO);
	GUEST_SYNC_ARGS(1, guest_read32(LC_SUBCHANNEL_ID),
			guest_read32(LC_IO_INT_WORD), 0, 0);
	GUEST_DONE();
}

TEST(floating_kick_without_flic_reaches_a_vcpu_that_can_take_it)
{
	struct runner r[3];
	pthread_t t[3];
	struct sim_vm *vm;
	struct ucall uc;
	int stats[3], i, n;

	vm = sim_vm_create();
	ASSERT_NE(NULL, vm);
	for (i = 0; i < 3; i++) {
		r[i].vcpu = sim_vcpu_add(vm, i);
		ASSERT_NE(NULL, r[i].vcpu);
		stats[i] = sim_vcpu_stats_fd(r[i].vcpu);
		ASSERT_LE(0, stats[i]);
		sim_vcpu_set_entry(r[i].vcpu, guest_wait_isc, i);
		ASSERT_EQ(0, pthread_create(&t[i], NULL, run_thread, &r[i]));
	}
	for (i = 0; i < 3; i++)
		wait_until_blocking(stats[i]);
	/* the last vcpu first: the others are idle but masked for ISC 2 */
	for (n = 2; n >= 0; n--) {
		ASSERT_EQ(0, sim_inject_io(vm, SCHID(n), n, n));
		ASSERT_EQ(0, pthread_join(t[n], NULL));
		ASSERT_EQ(0, r[n].rc);
		ASSERT_EQ(UCALL_SYNC, sim_get_ucall(r[n].vcpu, &uc));
		ASSERT_EQ(SCHID(n), uc.args[2]);
		ASSERT_EQ((uint64_t)n << 27, uc.args[3]);
		EXPECT_EQ(1, stats_read(stats[n], "deliver_io"));
	}
	for (i = 0; i < 3; i++)
		close(stats[i]);
	sim_vm_free(vm);
}

TEST_HARNESS_MAIN

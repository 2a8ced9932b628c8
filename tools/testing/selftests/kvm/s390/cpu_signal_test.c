// SPDX-License-Identifier: GPL-2.0
/*
 * Signals and KVM_RUN on the simulated CPU with a busy guest: a handled
 * signal on the vcpu thread makes KVM_RUN return -EINTR with
 * KVM_EXIT_INTR (never restarted, SA_RESTART or not); the guest resumes
 * exactly where it was; a blocked signal does not stop the guest; a
 * handler setting immediate_exit keeps the next KVM_RUN from entering.
 * A handler may make syscalls of its own on the interrupted thread
 * (KVM_RUN still returns -EINTR), and a program's own SIGSEGV handler
 * does not take over the kernel's user accesses (EFAULT stays EFAULT).
 */
#include <errno.h>
#include <setjmp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "s390/vm.h"

#define AREA		0x90000UL	/* guest absolute: stop flag, counter */

/*
 * Count in guest memory and on the guest stack until the VMM sets the
 * stop flag; the two agree only if the loop was never restarted.
 */
static void guest_spin(uint64_t area)
{
	uint64_t n = 0;

	while (!guest_read64(area)) {
		guest_write64(area + 8, guest_read64(area + 8) + 1);
		n++;
		cpu_relax();
	}
	GUEST_SYNC(n);
	GUEST_DONE();
}

static __thread struct kvm_run *thread_run;
static int handled;

static void sig_count(int sig)
{
	__atomic_add_fetch(&handled, 1, __ATOMIC_SEQ_CST);
}

static void sig_immediate_exit(int sig)
{
	if (thread_run)
		thread_run->immediate_exit = 1;
	__atomic_add_fetch(&handled, 1, __ATOMIC_SEQ_CST);
}

struct runner {
	struct sim_vcpu *vcpu;
	int rc;
	uint32_t exit_reason;
	bool block_sigusr1;
};

static void *run_thread(void *arg)
{
	struct runner *r = arg;
	sigset_t set;

	if (r->block_sigusr1) {
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
	}
	thread_run = r->vcpu->run;
	r->rc = sim_vcpu_run(r->vcpu);
	r->exit_reason = r->vcpu->run->exit_reason;
	return NULL;
}

FIXTURE(sig) {
	struct sim_vm *vm;
	struct sim_vcpu *vcpu;
	uint64_t *area;
};

FIXTURE_SETUP(sig)
{
	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	self->vcpu = sim_vcpu_add(self->vm, 0);
	ASSERT_NE(NULL, self->vcpu);
	self->area = sim_gpa2hva(self->vm, AREA);
	handled = 0;
}

FIXTURE_TEARDOWN(sig)
{
	signal(SIGUSR1, SIG_DFL);
	sim_vm_free(self->vm);
}

static uint64_t guest_count(FIXTURE_DATA(sig) *self)
{
	/* the guest writes it concurrently, in one piece */
	return be64toh(__atomic_load_n(&self->area[1], __ATOMIC_RELAXED));
}

/*
 * Run the guest on a thread until it has counted past @past (the guest
 * only runs inside KVM_RUN and never leaves the loop on its own, so the
 * signal is certain to find the thread in KVM_RUN), then signal it.
 */
static void run_and_signal(struct __test_metadata *_metadata,
			   FIXTURE_DATA(sig) *self, struct runner *r,
			   uint64_t past)
{
	pthread_t t;

	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, r));
	while (guest_count(self) <= past)
		sched_yield();
	ASSERT_EQ(0, pthread_kill(t, SIGUSR1));
	ASSERT_EQ(0, pthread_join(t, NULL));
}

static void busy_guest(struct __test_metadata *_metadata,
		       FIXTURE_DATA(sig) *self, int flags)
{
	struct sigaction sa = { .sa_handler = sig_count, .sa_flags = flags };
	struct runner r = { .vcpu = self->vcpu };
	struct ucall uc;
	uint64_t count;

	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	sim_vcpu_set_entry(self->vcpu, guest_spin, AREA);

	run_and_signal(_metadata, self, &r, 0);
	ASSERT_EQ(-EINTR, r.rc);
	ASSERT_EQ(KVM_EXIT_INTR, r.exit_reason);
	ASSERT_EQ(1, handled);
	count = guest_count(self);

	/* the loop goes on from where it was: the count only grows */
	run_and_signal(_metadata, self, &r, count);
	ASSERT_EQ(-EINTR, r.rc);
	ASSERT_EQ(KVM_EXIT_INTR, r.exit_reason);
	ASSERT_EQ(2, handled);
	ASSERT_LT(count, guest_count(self));
	count = guest_count(self);

	/* no signal: the guest leaves the loop when told */
	__atomic_store_n(&self->area[0], htobe64(1), __ATOMIC_RELAXED);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(count, uc.args[1]);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
	ASSERT_EQ(2, handled);
}

TEST_F(sig, busy_guest_plain_handler)
{
	busy_guest(_metadata, self, 0);
}

TEST_F(sig, busy_guest_sa_restart_handler)
{
	busy_guest(_metadata, self, SA_RESTART);
}

TEST_F(sig, immediate_exit_from_handler)
{
	struct sigaction sa = { .sa_handler = sig_immediate_exit };
	struct runner r = { .vcpu = self->vcpu };
	struct ucall uc;
	uint64_t count;

	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	sim_vcpu_set_entry(self->vcpu, guest_spin, AREA);
	run_and_signal(_metadata, self, &r, 0);
	ASSERT_EQ(-EINTR, r.rc);
	ASSERT_EQ(KVM_EXIT_INTR, r.exit_reason);
	ASSERT_EQ(1, self->vcpu->run->immediate_exit);

	/* immediate_exit: KVM_RUN does not enter the guest at all */
	count = guest_count(self);
	ASSERT_EQ(-EINTR, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(count, guest_count(self));

	self->vcpu->run->immediate_exit = 0;
	__atomic_store_n(&self->area[0], htobe64(1), __ATOMIC_RELAXED);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(count, uc.args[1]);
	ASSERT_EQ(count, guest_count(self));
}

static struct {
	FIXTURE_DATA(sig) *self;
	pthread_t vcpu_thread;
} blocked;

static void *stop_guest_later(void *arg)
{
	/* the guest counts only inside KVM_RUN: it is running now */
	while (guest_count(blocked.self) == 0)
		sched_yield();
	pthread_kill(blocked.vcpu_thread, SIGUSR1);
	__atomic_store_n(&blocked.self->area[0], htobe64(1),
			 __ATOMIC_RELAXED);
	return NULL;
}

/* A signal the vcpu thread blocks stays pending; the guest goes on. */
TEST_F(sig, blocked_signal_does_not_stop_the_guest)
{
	struct sigaction sa = { .sa_handler = sig_count };
	struct runner r = { .vcpu = self->vcpu, .block_sigusr1 = true };
	struct ucall uc;
	pthread_t t, helper;

	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	sim_vcpu_set_entry(self->vcpu, guest_spin, AREA);
	blocked.self = self;
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, &r));
	blocked.vcpu_thread = t;
	ASSERT_EQ(0, pthread_create(&helper, NULL, stop_guest_later, NULL));
	ASSERT_EQ(0, pthread_join(helper, NULL));
	ASSERT_EQ(0, pthread_join(t, NULL));
	/* the guest saw the stop flag: it was not interrupted */
	ASSERT_EQ(0, r.rc);
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(0, handled);
}

/* ---- a handler making a syscall of its own ---- */

static void ext_handler(void)
{
}

/* Enabled wait for an emergency signal, announced in the area first. */
static void guest_wait_ext(uint64_t area)
{
	guest_install_handler(GUEST_IRQ_EXT, ext_handler);
	ctl_set_bit(0, CR0_EMERGENCY_SIGNAL);
	guest_write64(area, guest_read64(area) + 1);
	enabled_wait(PSW_MASK_EXT);
	GUEST_SYNC(guest_read32(LC_EXT_CPU_ADDR));
	GUEST_DONE();
}

static int routed_fd;
static int routed_ret;

/* a routed ioctl from the handler, on the interrupted thread */
static void sig_routed_ioctl(int sig)
{
	int err = errno;

	routed_ret = ioctl(routed_fd, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY);
	errno = err;
	__atomic_add_fetch(&handled, 1, __ATOMIC_SEQ_CST);
}

/*
 * The handler's own ioctl enters and leaves the syscall layer on the
 * thread that sleeps in KVM_RUN's enabled wait: KVM_RUN must still see
 * the signal and return -EINTR (not go back to sleep for good).
 */
TEST_F(sig, handler_with_syscall_interrupts_enabled_wait)
{
	struct sigaction sa = { .sa_handler = sig_routed_ioctl };
	struct runner r = { .vcpu = self->vcpu };
	struct ucall uc;
	int stats_fd;
	pthread_t t;

	stats_fd = sim_vcpu_stats_fd(self->vcpu);
	ASSERT_LE(0, stats_fd);
	routed_fd = self->vm->fd;
	routed_ret = -2;
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	sim_vcpu_set_entry(self->vcpu, guest_wait_ext, AREA);
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, &r));
	/* the vcpu sleeps in the enabled wait (it cannot leave it alone) */
	while (stats_read(stats_fd, "blocking") != 1)
		sched_yield();
	ASSERT_EQ(0, pthread_kill(t, SIGUSR1));
	ASSERT_EQ(0, pthread_join(t, NULL));

	ASSERT_EQ(-EINTR, r.rc);
	ASSERT_EQ(KVM_EXIT_INTR, r.exit_reason);
	ASSERT_EQ(1, handled);
	ASSERT_EQ(1, routed_ret);
	ASSERT_EQ(PSW_MASK_WAIT | PSW_MASK_EXT,
		  self->vcpu->run->psw_mask & (PSW_MASK_WAIT | PSW_MASK_EXT));

	/*
	 * A signal handled between syscalls (its handler's syscall
	 * included) interrupts none of the later ones: the wait ends with
	 * the interrupt, not with -EINTR.
	 */
	ASSERT_EQ(0, sim_inject_emergency(self->vcpu, 0));
	ASSERT_EQ(0, raise(SIGUSR1));
	ASSERT_EQ(2, handled);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	ASSERT_EQ(0x00001201, uc.args[1]);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu, NULL));
	close(stats_fd);
}

/* ---- the program's own SIGSEGV handler ---- */

static sigjmp_buf segv_jb;
static volatile int segv_hits;

static void segv_handler(int sig)
{
	segv_hits++;
	siglongjmp(segv_jb, 1);
}

/*
 * With a SIGSEGV handler of the program installed, a bad pointer given
 * to an ioctl still makes it fail with EFAULT (the handler never runs),
 * while a fault of the program itself still reaches the handler; the
 * program sees its own dispositions as the old ones.
 */
TEST_F(sig, own_sigsegv_handler_keeps_efault)
{
	struct sigaction sa = { .sa_handler = segv_handler }, orig, old;
	int *volatile bad = (int *)8;
	int ret = 0, err = 0;

	segv_hits = 0;
	/* SIG_DFL, or a sanitizer's handler */
	ASSERT_EQ(0, sigaction(SIGSEGV, NULL, &orig));
	ASSERT_EQ(0, sigaction(SIGSEGV, &sa, &old));
	EXPECT_TRUE(old.sa_handler == orig.sa_handler);
	EXPECT_EQ(orig.sa_flags & SA_SIGINFO, old.sa_flags & SA_SIGINFO);

	if (!sigsetjmp(segv_jb, 1)) {
		ret = ioctl(self->vm->fd, KVM_SET_USER_MEMORY_REGION,
			    (void *)8);
		err = errno;
	}
	ASSERT_EQ(0, segv_hits);
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(EFAULT, err);

	/* a fault of the program goes to its handler */
	if (!sigsetjmp(segv_jb, 1))
		*bad = 1;
	ASSERT_EQ(1, segv_hits);

	/* and the kernel's guard still works after that */
	if (!sigsetjmp(segv_jb, 1)) {
		ret = ioctl(self->vm->fd, KVM_SET_USER_MEMORY_REGION,
			    (void *)8);
		err = errno;
	}
	ASSERT_EQ(1, segv_hits);
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(EFAULT, err);

	/* the old actions are the program's own ones */
	ASSERT_EQ(0, sigaction(SIGSEGV, NULL, &old));
	EXPECT_TRUE(old.sa_handler == segv_handler);
	EXPECT_TRUE(signal(SIGSEGV, SIG_DFL) == segv_handler);
	ASSERT_EQ(0, sigaction(SIGSEGV, NULL, &old));
	EXPECT_TRUE(old.sa_handler == SIG_DFL);
	ASSERT_EQ(0, sigaction(SIGSEGV, &orig, NULL));

	/* SIGBUS too (its old action need not be SIG_DFL: sanitizers) */
	ASSERT_EQ(0, sigaction(SIGBUS, NULL, &orig));
	ASSERT_EQ(0, sigaction(SIGBUS, &sa, &old));
	EXPECT_TRUE(old.sa_handler == orig.sa_handler);
	EXPECT_TRUE(signal(SIGBUS, SIG_DFL) == segv_handler);
	ASSERT_EQ(0, sigaction(SIGBUS, &old, NULL));
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * irqfd end to end with a running guest: host threads signal many
 * irqfds while the guest takes the adapter interrupts, clears its
 * summary bit and then scans and clears its indicators, as a virtio-ccw
 * driver does. Every signal must be accounted for: either seen by the
 * guest or coalesced into a bit the guest saw later; a lost interrupt
 * would leave a bit set forever. Also: deassign and route replacement
 * during a storm, closing a VM with irqfds still assigned, and the
 * signaller's-context injection: after write(2) returns the interrupt is
 * already in the FLIC (as irqfd_wakeup() does it on a real kernel), a
 * write the host cannot see (a raw system call) still arrives, and a
 * reused descriptor number is not mistaken for the irqfd.
 */
#include <dirent.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "kselftest_harness.h"
#include "irq_util.h"
#include "s390/vm.h"

#define IND_GPA		0x200000UL
#define SUM_GPA		0x201000UL
#define OBS_GPA		0x202000UL	/* u64 per irqfd: bits seen */
#define STOP_GPA	0x203000UL	/* u64: set by the host */
#define NIRQ_GPA	0x203008UL	/* u64: adapter interrupts taken */
#define NFD		16
#define ISC		3
#define STOP_ISC	7
#define CR6_ISC(isc)	(0x80000000UL >> (isc))
#define WAIT_LOOPS	200000		/* x 100us: a hang, not a threshold */

/* ---- the guest ---- */

static uint64_t *gp64(uint64_t gra)
{
	return guest_ptr(gra, 8);
}

static void io_handler(void)
{
	uint8_t *sum = guest_ptr(SUM_GPA, 1);
	uint8_t *ind = guest_ptr(IND_GPA, NFD / 8);
	uint8_t v;
	int i, b;

	if (!(guest_read32(LC_IO_INT_WORD) & 0x80000000u))
		return;		/* the host's stop interrupt */
	__atomic_fetch_add(gp64(NIRQ_GPA), 1, __ATOMIC_RELAXED);
	/* summary first, then the indicators: nothing slips between */
	__atomic_fetch_and(sum, (uint8_t)~0x80, __ATOMIC_SEQ_CST);
	for (i = 0; i < NFD / 8; i++) {
		v = __atomic_exchange_n(&ind[i], 0, __ATOMIC_SEQ_CST);
		for (b = 0; b < 8; b++)
			if (v & (0x80 >> b))
				__atomic_fetch_add(gp64(OBS_GPA + 8 * (i * 8 + b)),
						   1, __ATOMIC_RELAXED);
	}
}

static void guest_main(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_load(6, CR6_ISC(ISC) | CR6_ISC(STOP_ISC));
	while (!__atomic_load_n(gp64(STOP_GPA), __ATOMIC_ACQUIRE))
		enabled_wait(PSW_MASK_IO);
	GUEST_DONE();
}

/* ---- the host ---- */

struct storm {
	struct sim_vm *vm;
	struct sim_vcpu *vcpu;
	int flic;
	int efd[NFD];
	uint64_t sent[NFD];
	pthread_t vcpu_thread;
	uint64_t ucall;
	int stop_signalling;		/* atomic */
};

static void *vcpu_fn(void *arg)
{
	struct storm *s = arg;
	struct ucall uc;

	do {
		if (sim_vcpu_run(s->vcpu))
			break;
		s->ucall = sim_get_ucall(s->vcpu, &uc);
		if (s->ucall == UCALL_ABORT)
			fprintf(stderr, "# guest: %s:%lu: %s\n",
				(char *)(uintptr_t)uc.args[0],
				(unsigned long)uc.args[1],
				(char *)(uintptr_t)uc.args[2]);
	} while (s->ucall != UCALL_DONE && s->ucall != UCALL_ABORT);
	return NULL;
}

static uint64_t *hp64(struct storm *s, uint64_t gpa)
{
	return sim_gpa2hva(s->vm, gpa);
}

/* VM, FLIC, adapter, NFD routed and assigned irqfds; no vcpu yet. */
static int setup_vm(struct storm *s)
{
	struct route r[NFD];
	int i;

	memset(s, 0, sizeof(*s));
	s->vm = sim_vm_create();
	if (!s->vm)
		return -1;
	s->flic = create_flic(s->vm->fd);
	if (s->flic < 0 || enable_irqchip(s->vm->fd) ||
	    register_adapter(s->flic, 0, ISC, true, false, false))
		return -1;
	for (i = 0; i < NFD; i++) {
		r[i] = (struct route){ .gsi = i, .ind = IND_GPA, .ind_off = i,
				       .sum = SUM_GPA };
		s->efd[i] = eventfd(0, EFD_CLOEXEC);
		if (s->efd[i] < 0)
			return -1;
	}
	if (set_routes(s->vm->fd, r, NFD))
		return -1;
	for (i = 0; i < NFD; i++)
		if (irqfd(s->vm->fd, s->efd[i], i, 0))
			return -1;
	return 0;
}

static int setup(struct storm *s)
{
	if (setup_vm(s))
		return -1;
	s->vcpu = sim_vcpu_add(s->vm, 0);
	if (!s->vcpu)
		return -1;
	sim_vcpu_set_entry(s->vcpu, guest_main, 0);
	return pthread_create(&s->vcpu_thread, NULL, vcpu_fn, s);
}

/* All counters consumed, then every irqfd deassigned (no injection left). */
static int quiesce(struct storm *s)
{
	int i;

	for (i = 0; i < NFD; i++) {
		while (efd_pending(s->efd[i]))
			sched_yield();
		if (irqfd(s->vm->fd, s->efd[i], i, KVM_IRQFD_FLAG_DEASSIGN))
			return -1;
	}
	return 0;
}

/* The guest has taken everything: indicators and summary all clear. */
static bool wait_guest_clean(struct storm *s)
{
	uint8_t *ind = sim_gpa2hva(s->vm, IND_GPA);
	uint8_t *sum = sim_gpa2hva(s->vm, SUM_GPA);
	long n;
	int i;

	for (n = 0; n < WAIT_LOOPS; n++) {
		bool clean = !__atomic_load_n(sum, __ATOMIC_SEQ_CST);

		for (i = 0; i < NFD / 8; i++)
			clean &= !__atomic_load_n(&ind[i], __ATOMIC_SEQ_CST);
		if (clean)
			return true;
		usleep(100);
	}
	return false;
}

static int stop_guest(struct storm *s)
{
	struct kvm_s390_irq stop = io_irq(0x42, 0, STOP_ISC);

	__atomic_store_n(hp64(s, STOP_GPA), 1, __ATOMIC_RELEASE);
	if (enqueue(s->flic, &stop, 1))
		return -1;
	return pthread_join(s->vcpu_thread, NULL);
}

static void teardown(struct storm *s)
{
	int i;

	for (i = 0; i < NFD; i++)
		if (s->efd[i] > 0)
			close(s->efd[i]);
	if (s->flic > 0)
		close(s->flic);
	if (s->vm)
		sim_vm_free(s->vm);
}

#define NSIG_THREADS	4
#define ROUNDS		10
#define PER_ROUND	200

struct signaller {
	struct storm *s;
	int t;
	int per_fd;		/* 0: until stop_signalling */
};

static void *signal_fn(void *arg)
{
	struct signaller *g = arg;
	struct storm *s = g->s;
	int k, i;

	for (k = 0; 
	     g->per_fd ? k < g->per_fd :
	     !__atomic_load_n(&s->stop_signalling, __ATOMIC_RELAXED); k++) {
		for (i = g->t; i < NFD; i += NSIG_THREADS) {
			efd_signal(s->efd[i]);
			__atomic_fetch_add(&s->sent[i], 1, __ATOMIC_RELAXED);
		}
		if (!(k % 16))
			sched_yield();
	}
	return NULL;
}

static void run_signallers(struct storm *s, pthread_t *th,
			   struct signaller *g, int per_fd)
{
	int t;

	for (t = 0; t < NSIG_THREADS; t++) {
		g[t] = (struct signaller){ .s = s, .t = t, .per_fd = per_fd };
		pthread_create(&th[t], NULL, signal_fn, &g[t]);
	}
}

TEST(storm_accounting)
{
	struct signaller g[NSIG_THREADS];
	pthread_t th[NSIG_THREADS];
	struct storm s;
	uint64_t seen_total = 0, sent_total = 0, obs;
	int64_t delivered;
	int r, t, i;

	ASSERT_EQ(0, setup(&s));
	for (r = 0; r < ROUNDS; r++) {
		run_signallers(&s, th, g, PER_ROUND);
		for (t = 0; t < NSIG_THREADS; t++)
			pthread_join(th[t], NULL);
		/* no lost wake-up: whatever was set gets taken */
		ASSERT_TRUE(wait_guest_clean(&s)) TH_LOG("round %d", r);
	}
	/* strict end: no injection in flight, then everything taken */
	ASSERT_EQ(0, quiesce(&s));
	ASSERT_TRUE(wait_guest_clean(&s));
	ASSERT_EQ(0, stop_guest(&s));
	ASSERT_EQ(UCALL_DONE, s.ucall);

	for (i = 0; i < NFD; i++) {
		obs = __atomic_load_n(hp64(&s, OBS_GPA + 8 * i),
				      __ATOMIC_RELAXED);
		EXPECT_EQ(ROUNDS * PER_ROUND, s.sent[i]);
		/* at least once per round, never more than signalled */
		EXPECT_LE(ROUNDS, obs) TH_LOG("irqfd %d", i);
		EXPECT_GE(s.sent[i], obs);
		EXPECT_FALSE(efd_pending(s.efd[i]));
		seen_total += obs;
		sent_total += s.sent[i];
	}
	/* every injected interrupt reached the guest (+1: the stop) */
	delivered = stat_of(s.vcpu->fd, "deliver_io");
	EXPECT_EQ(stat_of(s.vm->fd, "inject_io"), delivered);
	EXPECT_EQ(*hp64(&s, NIRQ_GPA) + 1, (uint64_t)delivered);
	EXPECT_EQ(0, adapter_irqs(s.flic, ISC));
	TH_LOG("%lu signals, %lu indicator bits seen, %lu interrupts",
	       (unsigned long)sent_total, (unsigned long)seen_total,
	       (unsigned long)*hp64(&s, NIRQ_GPA));
	teardown(&s);
}

TEST(deassign_and_reroute_during_storm)
{
	struct signaller g[NSIG_THREADS];
	pthread_t th[NSIG_THREADS];
	struct route rt[NFD];
	struct storm s;
	int it, i;

	ASSERT_EQ(0, setup(&s));
	for (i = 0; i < NFD; i++)
		rt[i] = (struct route){ .gsi = i, .ind = IND_GPA,
					.ind_off = i, .sum = SUM_GPA };
	run_signallers(&s, th, g, 0);
	for (it = 0; it < 300; it++) {
		i = it % NFD;
		ASSERT_EQ(0, irqfd(s.vm->fd, s.efd[i], i,
				   KVM_IRQFD_FLAG_DEASSIGN));
		ASSERT_EQ(0, irqfd(s.vm->fd, s.efd[i], i, 0));
		if (!(it % 7))
			ASSERT_EQ(0, set_routes(s.vm->fd, rt, NFD));
		if (!(it % 50)) {
			for (i = 0; i < NFD; i++)
				ASSERT_EQ(0, irqfd(s.vm->fd, s.efd[i], i,
						   KVM_IRQFD_FLAG_DEASSIGN));
			for (i = 0; i < NFD; i++)
				ASSERT_EQ(0, irqfd(s.vm->fd, s.efd[i], i, 0));
		}
	}
	__atomic_store_n(&s.stop_signalling, 1, __ATOMIC_RELAXED);
	for (i = 0; i < NSIG_THREADS; i++)
		pthread_join(th[i], NULL);
	/* a last signal each, with every irqfd assigned: all arrive */
	for (i = 0; i < NFD; i++)
		efd_signal(s.efd[i]);
	ASSERT_EQ(0, quiesce(&s));
	ASSERT_TRUE(wait_guest_clean(&s));
	ASSERT_EQ(0, stop_guest(&s));
	ASSERT_EQ(UCALL_DONE, s.ucall);
	for (i = 0; i < NFD; i++)
		EXPECT_LE(1, *hp64(&s, OBS_GPA + 8 * i));
	teardown(&s);
}

/* Closing the VM with irqfds assigned and signals in flight. */
TEST(close_vm_with_irqfds)
{
	struct storm s;
	int i;

	ASSERT_EQ(0, setup(&s));
	for (i = 0; i < NFD; i++)
		efd_signal(s.efd[i]);
	ASSERT_EQ(0, stop_guest(&s));
	teardown(&s);
	/* the eventfds outlive the VM and still work */
	ASSERT_EQ(0, 0);
}

/* ---- injection in the signaller's context ---- */

/* Indicator bit of gsi @i (swap: MSB first) and the summary bit. */
static bool ind_set(struct storm *s, int i)
{
	uint8_t *ind = sim_gpa2hva(s->vm, IND_GPA);

	return __atomic_load_n(&ind[i / 8], __ATOMIC_SEQ_CST) & (0x80 >> i % 8);
}

static bool sum_set(struct storm *s)
{
	uint8_t *sum = sim_gpa2hva(s->vm, SUM_GPA);

	return __atomic_load_n(sum, __ATOMIC_SEQ_CST) & 0x80;
}

/*
 * The host proves a written descriptor number still names the irqfd's
 * eventfd with kcmp(2); without it (some user-mode emulators) only the
 * waiter injects.
 */
static bool have_kcmp(int fd)
{
	pid_t pid = getpid();

	return syscall(SYS_kcmp, pid, pid, 0 /* KCMP_FILE */, fd, fd) == 0;
}

/*
 * write(2) on an irqfd: when it returns, the counter is consumed and the
 * indicator, the summary and the adapter interrupt are all there. No
 * sleep, no poll: had the injection been left to another thread, the
 * FLIC would be empty here (or only sometimes not).
 */
TEST(write_injects_before_returning)
{
	struct storm s;
	int i;

	ASSERT_EQ(0, setup_vm(&s));
	if (!have_kcmp(s.efd[0])) {
		teardown(&s);
		SKIP(return, "kcmp(2) not available");
	}
	for (i = 0; i < NFD; i++) {
		efd_signal(s.efd[i]);
		EXPECT_FALSE(efd_pending(s.efd[i])) TH_LOG("irqfd %d", i);
		EXPECT_TRUE(ind_set(&s, i)) TH_LOG("irqfd %d", i);
		EXPECT_TRUE(sum_set(&s));
		/* the first signal raised it, the others coalesced */
		ASSERT_EQ(1, adapter_irqs(s.flic, ISC)) TH_LOG("irqfd %d", i);
	}
	EXPECT_EQ(1, stat_of(s.vm->fd, "inject_io"));
	teardown(&s);
}

/* A write the host cannot see: the waiter thread injects it. */
TEST(raw_write_injected_by_waiter)
{
	uint64_t one = 1;
	struct storm s;
	long n;

	ASSERT_EQ(0, setup_vm(&s));
	ASSERT_EQ(sizeof(one), syscall(SYS_write, s.efd[5], &one,
				       sizeof(one)));
	for (n = 0; n < WAIT_LOOPS; n++) {
		if (adapter_irqs(s.flic, ISC) == 1)
			break;
		usleep(100);
	}
	ASSERT_EQ(1, adapter_irqs(s.flic, ISC));
	EXPECT_TRUE(ind_set(&s, 5));
	EXPECT_TRUE(sum_set(&s));
	EXPECT_FALSE(efd_pending(s.efd[5]));
	teardown(&s);
}

/*
 * The irqfd's descriptor is closed and its number reused by another
 * eventfd: the irqfd is gone with the old eventfd (as upstream), and a
 * write to the new one is a plain write. It stays in the new eventfd,
 * nothing is injected. A write to a pipe on the number is plain too.
 */
TEST(reused_descriptor_number_does_not_inject)
{
	uint64_t one = 1, cnt = 0;
	struct storm s;
	int old, fd, rd, p[2];

	ASSERT_EQ(0, setup_vm(&s));
	old = s.efd[3];
	ASSERT_EQ(0, close(old));
	fd = eventfd(0, EFD_CLOEXEC);
	ASSERT_EQ(old, fd);	/* the lowest free number */
	s.efd[3] = fd;
	efd_signal(fd);
	/* write(2) returned: a synchronous injection would be done now */
	EXPECT_TRUE(efd_pending(fd));
	EXPECT_EQ(0, adapter_irqs(s.flic, ISC));
	EXPECT_FALSE(ind_set(&s, 3));
	EXPECT_FALSE(sum_set(&s));
	ASSERT_EQ(sizeof(cnt), read(fd, &cnt, sizeof(cnt)));
	EXPECT_EQ(1, cnt);

	/* and not an eventfd at all */
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, pipe(p));
	s.efd[3] = -1;
	ASSERT_EQ(old, p[0]);
	/* keep a reader, put the write end on the number */
	rd = dup(p[0]);
	ASSERT_LE(0, rd);
	ASSERT_EQ(old, dup2(p[1], old));
	ASSERT_EQ(sizeof(one), write(old, &one, sizeof(one)));
	EXPECT_EQ(0, adapter_irqs(s.flic, ISC));
	EXPECT_FALSE(ind_set(&s, 3));
	ASSERT_EQ(sizeof(cnt), read(rd, &cnt, sizeof(cnt)));
	close(old);
	close(p[1]);
	close(rd);

	/* the other irqfds are unaffected */
	efd_signal(s.efd[4]);
	if (have_kcmp(s.efd[4]))
		EXPECT_EQ(1, adapter_irqs(s.flic, ISC));
	teardown(&s);
}

/* Deassign, then write: nothing is injected, synchronously or later. */
TEST(write_after_deassign_does_not_inject)
{
	struct storm s;

	ASSERT_EQ(0, setup_vm(&s));
	ASSERT_EQ(0, irqfd(s.vm->fd, s.efd[2], 2, KVM_IRQFD_FLAG_DEASSIGN));
	efd_signal(s.efd[2]);
	EXPECT_TRUE(efd_pending(s.efd[2]));
	EXPECT_EQ(0, adapter_irqs(s.flic, ISC));
	EXPECT_FALSE(ind_set(&s, 2));
	/* re-assign: the pending signal arrives (waiter, level-triggered) */
	ASSERT_EQ(0, irqfd(s.vm->fd, s.efd[2], 2, 0));
	ASSERT_EQ(0, efd_settle(s.vm->fd, s.efd[2], 2));
	EXPECT_EQ(1, adapter_irqs(s.flic, ISC));
	EXPECT_TRUE(ind_set(&s, 2));
	teardown(&s);
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/*
 * Closing an assigned irqfd's last descriptor detaches and frees the
 * irqfd, as 6.1 does on the eventfd's release (EPOLLHUP): 2,000
 * assign+close cycles leave no descriptor behind (each leaked one
 * before; the default limit is 1,024). The detach is a work item, as
 * upstream, so the count settles shortly after.
 */
TEST(close_detaches_irqfd)
{
	uint64_t one = 1;
	struct storm s;
	int base, i, fd, dfd;
	long n;

	ASSERT_EQ(0, setup_vm(&s));
	base = count_fds();
	ASSERT_LT(0, base);
	for (i = 0; i < 2000; i++) {
		fd = eventfd(0, EFD_CLOEXEC);
		ASSERT_LE(0, fd) TH_LOG("cycle %d", i);
		ASSERT_EQ(0, irqfd(s.vm->fd, fd, 3, 0));
		ASSERT_EQ(0, close(fd));
	}
	/* 5 s: a generous bound for 2,000 work items, under the timeout */
	for (n = 0; n < 50000 && count_fds() != base; n++)
		usleep(100);
	ASSERT_EQ(base, count_fds());
	EXPECT_EQ(0, adapter_irqs(s.flic, ISC));

	/* not the last descriptor: the irqfd stays and injects */
	fd = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, irqfd(s.vm->fd, fd, 6, 0));
	dfd = dup(fd);
	ASSERT_LE(0, dfd);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(sizeof(one), write(dfd, &one, sizeof(one)));
	for (n = 0; n < WAIT_LOOPS && adapter_irqs(s.flic, ISC) != 1; n++)
		usleep(100);
	EXPECT_EQ(1, adapter_irqs(s.flic, ISC));
	EXPECT_TRUE(ind_set(&s, 6));
	ASSERT_EQ(0, close(dfd));
	teardown(&s);
}

/*
 * The VMM made the indicator page read-only, or unmapped the summary
 * page: an irqfd signalled then must not kill the process (6.1 cannot
 * pin such a page and drops the injection), whether the write(2) path,
 * the waiter (raw write) or the work item runs it. Nothing is injected;
 * once the memory is back, signals work again.
 */
TEST(unwritable_guest_memory_drops_injection)
{
	uint64_t one = 1;
	struct storm s;
	void *ind, *sum;

	ASSERT_EQ(0, setup_vm(&s));
	ind = sim_gpa2hva(s.vm, IND_GPA);
	sum = sim_gpa2hva(s.vm, SUM_GPA);

	ASSERT_EQ(0, mprotect(ind, 4096, PROT_READ));
	efd_signal(s.efd[1]);
	ASSERT_EQ(0, efd_settle(s.vm->fd, s.efd[1], 1));
	ASSERT_EQ(sizeof(one), syscall(SYS_write, s.efd[2], &one,
				       sizeof(one)));
	ASSERT_EQ(0, efd_settle(s.vm->fd, s.efd[2], 2));
	EXPECT_EQ(0, adapter_irqs(s.flic, ISC));
	EXPECT_FALSE(sum_set(&s));
	ASSERT_EQ(0, mprotect(ind, 4096, PROT_READ | PROT_WRITE));
	EXPECT_FALSE(ind_set(&s, 1));
	EXPECT_FALSE(ind_set(&s, 2));

	ASSERT_EQ(0, munmap(sum, 4096));
	efd_signal(s.efd[3]);
	ASSERT_EQ(0, efd_settle(s.vm->fd, s.efd[3], 3));
	EXPECT_EQ(0, adapter_irqs(s.flic, ISC));
	ASSERT_EQ(sum, mmap(sum, 4096, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	/* no bit was set for a dropped injection */
	EXPECT_FALSE(ind_set(&s, 3));

	/* restored: signals inject again */
	efd_signal(s.efd[4]);
	ASSERT_EQ(0, efd_settle(s.vm->fd, s.efd[4], 4));
	EXPECT_EQ(1, adapter_irqs(s.flic, ISC));
	EXPECT_TRUE(ind_set(&s, 4));
	EXPECT_TRUE(sum_set(&s));
	teardown(&s);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency of the floating interrupt state: threads inject I/O
 * interrupts with unique interruption parameters while two vcpus take
 * them and other threads run GET_ALL_IRQS and CLEAR_IRQS. Each guest
 * marks every parameter it sees in its own bitmap; at the end every
 * interrupt must have been delivered exactly once or cleared, none
 * invented, with the statistics agreeing. Meant to run under
 * ThreadSanitizer too.
 *
 * Which interrupts a CLEAR_IRQS dropped is known exactly: the clearer
 * keeps the injectors out (not the vcpus) while it takes a GET_ALL_IRQS
 * snapshot and clears, so whatever it dropped is in that snapshot. An
 * interrupt that was never delivered must be in one of those snapshots.
 */
#include <endian.h>
#include <pthread.h>
#include <stdatomic.h>

#include "kselftest_harness.h"
#include "flic_util.h"
#include "s390/vm.h"

#define NR_VCPUS	2
#define NR_INJECTORS	2
#ifndef PER_INJECTOR
#define PER_INJECTOR	20000
#endif
#define NR_IDS		(NR_INJECTORS * PER_INJECTOR)
#define BITMAP_GPA(n)	(0x200000UL + (n) * 0x10000UL)
#define STOP_GPA(n)	(0x2f0000UL + (n) * 8)
#define DUP_GPA(n)	(0x2f0100UL + (n) * 8)
#define STOP_ID		0xfffffff0U	/* io_int_parm asking a vcpu to end */
/*
 * The vcpu number, in a lowcore word nobody else uses (LC_GUEST_SCRATCH
 * is the library's operand scratch: ctl_load() overwrites it).
 */
#define LC_TEST_CPU	0x1180

static void io_handler(void)
{
	uint32_t id = guest_read32(LC_IO_INT_PARM);
	uint64_t cpu = guest_read64(LC_TEST_CPU);
	uint64_t word = BITMAP_GPA(cpu) + (id / 32) * 4;
	uint32_t bits, bit = 1U << (id % 32);

	if (id == STOP_ID) {
		/* return with I/O disabled: the other stop is for the other */
		guest_write64(LC_IO_OLD_PSW,
			      guest_read64(LC_IO_OLD_PSW) & ~PSW_MASK_IO);
		guest_write64(STOP_GPA(cpu), 1);
		return;
	}
	if (id >= NR_IDS)
		return;
	bits = guest_read32(word);
	if (bits & bit)
		guest_write64(DUP_GPA(cpu), guest_read64(DUP_GPA(cpu)) + 1);
	guest_write32(word, bits | bit);
}

static void guest_main(uint64_t cpu)
{
	guest_write64(LC_TEST_CPU, cpu);
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_load(6, 0xff000000UL);
	while (!guest_read64(STOP_GPA(cpu)))
		enabled_wait(PSW_MASK_IO);
	GUEST_DONE();
}

struct ctx {
	struct sim_vm *vm;
	int flic_fd;
	atomic_int injectors_left;
	atomic_int stop_readers;
	/* injectors hold it shared per enqueue, the clearer exclusively */
	pthread_rwlock_t clear_lock;
	int injected[NR_INJECTORS];
	int busy[NR_INJECTORS];
	int clears;
	int snapshots;
	/* ids pending at some CLEAR_IRQS: the only ones that may be lost */
	uint8_t may_be_cleared[NR_IDS];
	int run_rc[NR_VCPUS];
	uint64_t ucall[NR_VCPUS];
	int with_clear;
};

struct targ {
	struct ctx *c;
	int n;
};

static int enqueue_locked(struct ctx *c, struct kvm_s390_irq *irq, int n)
{
	int r, e;

	pthread_rwlock_rdlock(&c->clear_lock);
	r = enqueue(c->flic_fd, irq, n);
	e = errno;
	pthread_rwlock_unlock(&c->clear_lock);
	errno = e;
	return r;
}

static void *injector(void *p)
{
	struct targ *t = p;
	struct kvm_s390_irq irq[4];
	int i, k;

	for (i = 0; i < PER_INJECTOR; i += 4) {
		for (k = 0; k < 4; k++)
			irq[k] = io_irq((i + k) & 0xff,
					t->n * PER_INJECTOR + i + k,
					(i + k) % 8);
		/* some single, some batched */
		if (i % 8) {
			if (enqueue_locked(t->c, irq, 4) == 0) {
				t->c->injected[t->n] += 4;
				continue;
			}
		}
		for (k = 0; k < 4; k++) {
			while (enqueue_locked(t->c, &irq[k], 1)) {
				if (errno != EBUSY)
					return NULL;
				t->c->busy[t->n]++;
				usleep(100);
			}
			t->c->injected[t->n]++;
		}
	}
	atomic_fetch_sub(&t->c->injectors_left, 1);
	return NULL;
}

/* every entry must be a well-formed I/O interrupt of ours */
static void check_snapshot(struct kvm_s390_irq *out, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (out[i].type > KVM_S390_INT_IO_MAX ||
		    out[i].u.io.io_int_parm >= NR_IDS)
			abort();
}

static void *reader(void *p)
{
	struct ctx *c = p;
	struct kvm_s390_irq *out;
	int n;

	while (!atomic_load(&c->stop_readers)) {
		n = get_all_irqs(c->flic_fd, &out);
		if (n < 0)
			continue;
		check_snapshot(out, n);
		free(out);
		c->snapshots++;
	}
	return NULL;
}

static void *clearer(void *p)
{
	struct ctx *c = p;
	struct kvm_s390_irq *out;
	int n, i;

	while (atomic_load(&c->injectors_left)) {
		usleep(2000);
		pthread_rwlock_wrlock(&c->clear_lock);
		n = get_all_irqs(c->flic_fd, &out);
		if (n >= 0) {
			check_snapshot(out, n);
			for (i = 0; i < n; i++)
				c->may_be_cleared[out[i].u.io.io_int_parm] = 1;
			flic_set(c->flic_fd, KVM_DEV_FLIC_CLEAR_IRQS, 0, 0);
			c->clears++;
		}
		pthread_rwlock_unlock(&c->clear_lock);
		free(out);
	}
	return NULL;
}

struct rarg {
	struct ctx *c;
	int n;
};

static void *runner(void *p)
{
	struct rarg *r = p;
	struct sim_vcpu *vcpu = &r->c->vm->vcpus[r->n];

	struct ucall uc;

	r->c->run_rc[r->n] = sim_vcpu_run(vcpu);
	r->c->ucall[r->n] = sim_get_ucall(vcpu, &uc);
	if (r->c->ucall[r->n] == UCALL_ABORT)
		fprintf(stderr, "# vcpu %d: guest assertion %s:%lu: %s\n",
			r->n, (const char *)(uintptr_t)uc.args[0],
			(unsigned long)uc.args[1],
			(const char *)(uintptr_t)uc.args[2]);
	return NULL;
}

static void stress(struct __test_metadata *_metadata, int with_clear)
{
	static struct ctx c;
	pthread_t inj[NR_INJECTORS], rd, clr, run[NR_VCPUS];
	struct targ targs[NR_INJECTORS];
	struct rarg rargs[NR_VCPUS];
	struct kvm_s390_irq *out;
	struct kvm_s390_irq stop = io_irq(0xff, STOP_ID, 7);
	int sfd[NR_VCPUS];
	uint64_t delivered = 0, dups = 0, injected = 0, stat_deliver = 0;
	uint64_t lost = 0, cleared = 0;
	int i, n, id;

	memset(&c, 0, sizeof(c));
	c.with_clear = with_clear;
	pthread_rwlock_init(&c.clear_lock, NULL);
	c.vm = sim_vm_create();
	ASSERT_NE(NULL, c.vm);
	c.flic_fd = create_flic(c.vm->fd);
	ASSERT_GE(c.flic_fd, 0);
	for (i = 0; i < NR_VCPUS; i++) {
		ASSERT_NE(NULL, sim_vcpu_add(c.vm, i));
		sim_vcpu_set_entry(&c.vm->vcpus[i], guest_main, i);
		/* before KVM_RUN: the ioctl would wait for the running vcpu */
		sfd[i] = ioctl(c.vm->vcpus[i].fd, KVM_GET_STATS_FD, NULL);
		ASSERT_GE(sfd[i], 0);
	}
	atomic_store(&c.injectors_left, NR_INJECTORS);

	for (i = 0; i < NR_VCPUS; i++) {
		rargs[i] = (struct rarg){ &c, i };
		ASSERT_EQ(0, pthread_create(&run[i], NULL, runner, &rargs[i]));
	}
	ASSERT_EQ(0, pthread_create(&rd, NULL, reader, &c));
	if (with_clear)
		ASSERT_EQ(0, pthread_create(&clr, NULL, clearer, &c));
	for (i = 0; i < NR_INJECTORS; i++) {
		targs[i] = (struct targ){ &c, i };
		ASSERT_EQ(0, pthread_create(&inj[i], NULL, injector,
					    &targs[i]));
	}
	for (i = 0; i < NR_INJECTORS; i++)
		pthread_join(inj[i], NULL);
	atomic_store(&c.stop_readers, 1);
	pthread_join(rd, NULL);
	if (with_clear)
		pthread_join(clr, NULL);

	/* the vcpus drain what is left */
	do {
		n = get_all_irqs(c.flic_fd, &out);
		ASSERT_GE(n, 0);
		free(out);
		if (n)
			usleep(1000);
	} while (n);

	/* one stop per vcpu; a vcpu takes one and disables I/O */
	for (i = 0; i < NR_VCPUS; i++)
		ASSERT_EQ(0, enqueue(c.flic_fd, &stop, 1));
	for (i = 0; i < NR_VCPUS; i++) {
		pthread_join(run[i], NULL);
		EXPECT_EQ(0, c.run_rc[i]);
		EXPECT_EQ(UCALL_DONE, c.ucall[i]);
	}

	for (i = 0; i < NR_INJECTORS; i++) {
		EXPECT_EQ(PER_INJECTOR, c.injected[i]);
		injected += c.injected[i];
	}
	for (id = 0; id < NR_IDS; id++) {
		int seen = 0;

		for (i = 0; i < NR_VCPUS; i++) {
			uint32_t *bm = sim_gpa2hva(c.vm, BITMAP_GPA(i));

			if (be32toh(bm[id / 32]) & (1U << (id % 32)))
				seen++;
		}
		if (seen > 1)
			dups++;
		delivered += seen;
		if (!seen) {
			cleared++;
			if (!c.may_be_cleared[id])
				lost++;
		}
	}
	for (i = 0; i < NR_VCPUS; i++) {
		dups += be64toh(*(uint64_t *)sim_gpa2hva(c.vm, DUP_GPA(i)));
		/* minus the stop interrupt */
		stat_deliver += stats_read(sfd[i], "deliver_io") - 1;
		close(sfd[i]);
	}
	/*
	 * The real checks. Every id was injected (above), so with no
	 * duplicate and none lost (without a clearer nothing may be
	 * cleared) the delivered and cleared counts follow: not asserted.
	 */
	EXPECT_EQ(0, dups);
	/* never delivered, and not pending at any CLEAR_IRQS */
	EXPECT_EQ(0, lost);
	/* each delivery counted once, nothing invented */
	EXPECT_EQ(stat_deliver, delivered);
	EXPECT_EQ(injected + c.busy[0] + c.busy[1] + NR_VCPUS,
		  stat_of(c.vm->fd, "inject_io"));
	TH_LOG("injected %lu delivered %lu cleared %lu (%d clears, %d snapshots)",
	       (unsigned long)injected, (unsigned long)delivered,
	       (unsigned long)cleared, c.clears, c.snapshots);
	pthread_rwlock_destroy(&c.clear_lock);

	close(c.flic_fd);
	sim_vm_free(c.vm);
}

TEST(inject_deliver_snapshot)
{
	stress(_metadata, 0);
}

TEST(inject_deliver_snapshot_clear)
{
	stress(_metadata, 1);
}

TEST_HARNESS_MAIN

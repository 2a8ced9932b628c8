// SPDX-License-Identifier: GPL-2.0
/*
 * A VMM in miniature: several vcpus on their own threads run a guest
 * that drives one subchannel each with the channel-subsystem
 * instructions, forever.  The VMM serves the intercepts the way QEMU's
 * ioinst handlers do (decode ipa/ipb and the general registers, check
 * the operands, emulate against its subchannel model, set the cc or
 * inject a program interruption), a "device" thread completes the
 * started I/O asynchronously with floating I/O interrupts, and the test
 * finally stops every vcpu with a signal whose handler sets
 * immediate_exit.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "s390/vm.h"

#define NR_VCPUS	4
#define ROUNDS		40	/* I/O round trips each vcpu makes at least */
#define AREA		0x90000UL	/* guest absolute: per-vcpu counters */
#define DATA(n)		(0x40000UL + (n) * 0x1000UL)	/* ORB, IRB, SCHIB */
#define ORB(n)		(DATA(n) + 0x000)
#define IRB(n)		(DATA(n) + 0x100)
#define SCHIB(n)	(DATA(n) + 0x200)
#define LC_PGM_COUNT	0x1800	/* guest's own lowcore word */
#define SCHID(nr)	(0x00010000u | (nr))

#define PGM_OPERAND		0x15
#define PGM_SPECIFICATION	0x06

/* PMCW word 1: ISC in bits 2-4, enabled bit 8, valid bit 15, devno */
#define PMCW_ISC(isc)		((uint32_t)(isc) << 27)
#define PMCW_ENABLED		0x00800000u
#define PMCW_VALID		0x00010000u
/* SCSW word 2: device status channel end + device end */
#define DSTAT_CE_DE		0x0c000000u

/* ---------------------------------------------------------- guest */

static void io_handler(void)
{
}

static void pgm_handler(void)
{
	guest_write32(LC_PGM_COUNT, guest_read32(LC_PGM_COUNT) + 1);
}

static void guest_io_loop(uint64_t n)
{
	uint32_t schid = SCHID(n), round;
	int cc;

	guest_install_handler(GUEST_IRQ_IO, io_handler);
	guest_install_handler(GUEST_IRQ_PGM, pgm_handler);
	guest_write32(LC_PGM_COUNT, 0);
	/* only this vcpu's subchannel interrupts, ISC n, come here */
	ctl_load(6, CR6_ISC_BIT(n));

	/* operand checks, program interruptions injected by the VMM */
	ssch(0x1234, ORB(n));			/* "one" bit missing */
	GUEST_ASSERT_EQ(guest_read32(LC_PGM_ILC) & 0xffff, PGM_OPERAND);
	stsch(schid, SCHIB(n) + 2);		/* not word aligned */
	GUEST_ASSERT_EQ(guest_read32(LC_PGM_ILC) & 0xffff,
			PGM_SPECIFICATION);
	GUEST_ASSERT_EQ(guest_read32(LC_PGM_COUNT), 2);

	/* no such subchannel */
	GUEST_ASSERT_EQ(stsch(SCHID(0x100), SCHIB(n)), 3);

	/* enable the subchannel for ISC n */
	GUEST_ASSERT_EQ(stsch(schid, SCHIB(n)), 0);
	GUEST_ASSERT(guest_read32(SCHIB(n) + 4) & PMCW_VALID);
	guest_write32(SCHIB(n) + 4, (guest_read32(SCHIB(n) + 4) &
				     0xffff) | PMCW_ISC(n) | PMCW_ENABLED);
	GUEST_ASSERT_EQ(msch(schid, SCHIB(n)), 0);

	for (round = 1; ; round++) {
		guest_write32(ORB(n), round);		/* interruption parm */
		guest_write32(ORB(n) + 4, 0);
		guest_write32(ORB(n) + 8, 0x1000);	/* channel program */
		GUEST_ASSERT_EQ(ssch(schid, ORB(n)), 0);
		/* started again before the status is cleared: cc 2 busy */
		cc = ssch(schid, ORB(n));
		GUEST_ASSERT(cc == 2 || cc == 1);

		while (guest_read32(LC_IO_INT_PARM) != round)
			enabled_wait(PSW_MASK_IO);
		GUEST_ASSERT_EQ(guest_read32(LC_SUBCHANNEL_ID), schid);
		GUEST_ASSERT_EQ(guest_read32(LC_IO_INT_WORD), PMCW_ISC(n));

		GUEST_ASSERT_EQ(tsch(schid, IRB(n)), 0);
		GUEST_ASSERT_EQ(guest_read32(IRB(n) + 8) & 0xff000000u,
				DSTAT_CE_DE);
		/* status withdrawn: nothing pending any more */
		GUEST_ASSERT_EQ(tsch(schid, IRB(n)), 1);

		guest_write64(AREA + n * 8, round);
	}
}

/* ------------------------------------------------------------ VMM */

struct subch {
	uint32_t intparm;	/* from the last SSCH */
	uint32_t pmcw1;		/* ISC, enabled, valid, devno */
	bool busy;		/* started, the device has not completed */
	bool status_pending;
	unsigned int started;	/* SSCHs accepted */
};

static struct css {
	pthread_mutex_t lock;	/* protects sch[], stop */
	pthread_cond_t work;
	struct subch sch[NR_VCPUS];
	struct sim_vm *vm;
	bool stop;
} css = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.work = PTHREAD_COND_INITIALIZER,
};

/* QEMU's ioinst_disassemble_sch_ident(): the subchannel, or -1. */
static int sch_ident(uint32_t reg1, bool *valid)
{
	*valid = (reg1 & 0x10000) && !((reg1 >> 24) && !(reg1 & 0x80000));
	if (!*valid || (reg1 & 0xfff80000) || (reg1 & 0xffff) >= NR_VCPUS)
		return -1;
	return reg1 & 0xffff;
}

static uint32_t guest_get32(struct sim_vcpu *vcpu, uint64_t gra)
{
	uint32_t v;

	memcpy(&v, sim_real2hva(vcpu, gra), 4);
	return be32toh(v);
}

static void guest_put32(struct sim_vcpu *vcpu, uint64_t gra, uint32_t val)
{
	val = htobe32(val);
	memcpy(sim_real2hva(vcpu, gra), &val, 4);
}

/* The "device": completes started I/O from its own thread. */
static void *device_thread(void *arg)
{
	int i, rc = 0;

	pthread_mutex_lock(&css.lock);
	while (!css.stop && !rc) {
		bool idle = true;

		for (i = 0; i < NR_VCPUS; i++) {
			struct subch *s = &css.sch[i];

			if (!s->busy)
				continue;
			idle = false;
			s->busy = false;
			s->status_pending = true;
			rc = sim_inject_io(css.vm, SCHID(i), s->intparm,
					   (s->pmcw1 >> 27) & 7);
		}
		if (idle)
			pthread_cond_wait(&css.work, &css.lock);
	}
	pthread_mutex_unlock(&css.lock);
	return (void *)(long)rc;
}

/*
 * One intercepted instruction, as QEMU's ioinst_handle_*(): operand
 * checks first (program interruption), then cc 3 for a subchannel that
 * does not exist, then the function.  Returns 0 or a negative error.
 */
static int ioinst(struct sim_vcpu *vcpu, uint16_t ipa)
{
	uint32_t reg1 = vcpu->run->s.regs.gprs[1];
	uint64_t addr = sim_s_operand(vcpu);
	struct subch *s;
	bool valid;
	int nr, cc = 0;

	nr = sch_ident(reg1, &valid);
	if (!valid)
		return sim_inject_pgm(vcpu, PGM_OPERAND);
	if (ipa != 0xb231 && ipa != 0xb230 && (addr & 3))
		return sim_inject_pgm(vcpu, PGM_SPECIFICATION);
	if (nr < 0) {
		sim_set_cc(vcpu, 3);
		return 0;
	}
	s = &css.sch[nr];
	pthread_mutex_lock(&css.lock);
	switch (ipa) {
	case 0xb234:		/* STSCH */
		guest_put32(vcpu, addr, s->intparm);
		guest_put32(vcpu, addr + 4, s->pmcw1);
		break;
	case 0xb232:		/* MSCH */
		s->intparm = guest_get32(vcpu, addr);
		s->pmcw1 = (guest_get32(vcpu, addr + 4) & 0x38800000u) |
			   PMCW_VALID | nr;
		break;
	case 0xb233:		/* SSCH */
		if (guest_get32(vcpu, addr + 8) & 0x80000000u) {
			cc = -1;	/* invalid ORB: operand exception */
			break;
		}
		if (s->status_pending) {
			cc = 1;
			break;
		}
		if (s->busy) {
			cc = 2;
			break;
		}
		s->intparm = guest_get32(vcpu, addr);
		s->busy = true;
		s->started++;
		pthread_cond_signal(&css.work);
		break;
	case 0xb235:		/* TSCH */
		if (!s->status_pending) {
			cc = 1;
			break;
		}
		s->status_pending = false;
		guest_put32(vcpu, addr, 0x00004007);	/* start, pending */
		guest_put32(vcpu, addr + 4, 0x1008);
		guest_put32(vcpu, addr + 8, DSTAT_CE_DE);
		break;
	default:
		pthread_mutex_unlock(&css.lock);
		return -EOPNOTSUPP;
	}
	pthread_mutex_unlock(&css.lock);
	if (cc < 0)
		return sim_inject_pgm(vcpu, PGM_OPERAND);
	sim_set_cc(vcpu, cc);
	return 0;
}

static __thread struct kvm_run *thread_run;

static void stop_handler(int sig)
{
	if (thread_run)
		thread_run->immediate_exit = 1;
}

struct vmm_vcpu {
	struct sim_vcpu *vcpu;
	int rc;			/* -EINTR when stopped, else what went wrong */
	char why[160];
	unsigned long exits;
};

static void *vmm_vcpu_thread(void *arg)
{
	struct vmm_vcpu *v = arg;
	struct sim_vcpu *vcpu = v->vcpu;
	struct kvm_run *run = vcpu->run;
	struct ucall uc;
	int rc;

	thread_run = run;
	for (;;) {
		rc = sim_vcpu_run(vcpu);
		if (rc)
			break;
		v->exits++;
		if (sim_get_ucall(vcpu, &uc) == UCALL_ABORT) {
			snprintf(v->why, sizeof(v->why), "guest: %s:%lu: %s",
				 (char *)uc.args[0], (unsigned long)uc.args[1],
				 (char *)uc.args[2]);
			rc = -EFAULT;
			break;
		}
		if (run->exit_reason == KVM_EXIT_S390_TSCH) {
			rc = ioinst(vcpu, 0xb235);
		} else if (run->exit_reason == KVM_EXIT_S390_SIEIC &&
			   run->s390_sieic.icptcode == 4 &&
			   (run->s390_sieic.ipa >> 8) == 0xb2) {
			rc = ioinst(vcpu, run->s390_sieic.ipa);
		} else {
			snprintf(v->why, sizeof(v->why),
				 "unexpected exit %u icpt %#x ipa %#x",
				 run->exit_reason, run->s390_sieic.icptcode,
				 run->s390_sieic.ipa);
			rc = -EPROTO;
		}
		if (rc)
			break;
	}
	if (rc == -EINTR && run->exit_reason != KVM_EXIT_INTR &&
	    !run->immediate_exit) {
		snprintf(v->why, sizeof(v->why), "EINTR, exit reason %u",
			 run->exit_reason);
		rc = -EPROTO;
	}
	__atomic_store_n(&v->rc, rc, __ATOMIC_SEQ_CST);
	return NULL;
}

TEST(vmm_serves_smp_guest_and_stops_it)
{
	struct sigaction sa = { .sa_handler = stop_handler };
	struct kvm_create_device flic = { .type = KVM_DEV_TYPE_FLIC };
	struct vmm_vcpu v[NR_VCPUS];
	uint64_t *done;
	pthread_t t[NR_VCPUS], dev;
	void *dev_rc;
	int i, n;

	css.vm = sim_vm_create();
	ASSERT_NE(NULL, css.vm);
	ASSERT_EQ(0, sim_vm_enable_cap(css.vm, KVM_CAP_S390_CSS_SUPPORT, 0));
	/* QEMU always has a FLIC: it steers floating interrupts */
	ASSERT_EQ(0, ioctl(css.vm->fd, KVM_CREATE_DEVICE, &flic));
	for (i = 0; i < NR_VCPUS; i++)
		css.sch[i].pmcw1 = PMCW_VALID | i;
	done = sim_gpa2hva(css.vm, AREA);
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));

	memset(v, 0, sizeof(v));
	for (i = 0; i < NR_VCPUS; i++) {
		v[i].vcpu = sim_vcpu_add(css.vm, i);
		ASSERT_NE(NULL, v[i].vcpu);
		sim_vcpu_set_entry(v[i].vcpu, guest_io_loop, i);
	}
	ASSERT_EQ(0, pthread_create(&dev, NULL, device_thread, NULL));
	for (i = 0; i < NR_VCPUS; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, vmm_vcpu_thread,
					    &v[i]));

	/* every vcpu makes progress at the same time */
	for (i = 0; i < NR_VCPUS; i++) {
		while (be64toh(__atomic_load_n(&done[i], __ATOMIC_RELAXED)) <
		       ROUNDS &&
		       !__atomic_load_n(&v[i].rc, __ATOMIC_SEQ_CST))
			sched_yield();
	}
	for (i = 0; i < NR_VCPUS; i++)
		ASSERT_EQ(0, pthread_kill(t[i], SIGUSR1));
	for (i = 0; i < NR_VCPUS; i++)
		ASSERT_EQ(0, pthread_join(t[i], NULL));

	pthread_mutex_lock(&css.lock);
	css.stop = true;
	pthread_cond_signal(&css.work);
	pthread_mutex_unlock(&css.lock);
	ASSERT_EQ(0, pthread_join(dev, &dev_rc));
	ASSERT_EQ(NULL, dev_rc);

	for (i = 0; i < NR_VCPUS; i++) {
		TH_LOG("vcpu %d: %lu exits, %u I/O started, %lu completed %s",
		       i, v[i].exits, css.sch[i].started,
		       (unsigned long)be64toh(done[i]), v[i].why);
		EXPECT_EQ(-EINTR, v[i].rc);
		n = css.sch[i].started - be64toh(done[i]);
		/* stopped between SSCH and the end of the round, or not */
		EXPECT_TRUE(n == 0 || n == 1);
		EXPECT_LE(ROUNDS, be64toh(done[i]));
	}
	sim_vm_free(css.vm);
	signal(SIGUSR1, SIG_DFL);
}

TEST_HARNESS_MAIN

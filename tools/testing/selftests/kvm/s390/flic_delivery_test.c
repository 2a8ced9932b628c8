// SPDX-License-Identifier: GPL-2.0
/*
 * Delivery of floating and local interrupts to guests: priority order,
 * PSW/CR0/CR6/CR14 masks, lowcore contents, the wake-up of a vcpu in
 * enabled wait, the choice of the vcpu that can take an interrupt, and
 * the deliver_* statistics.
 *
 * Guest handlers append what they see to a log in guest memory
 * (IRQ_LOG_GPA): the class and the lowcore fields of each interruption.
 */
#include <endian.h>
#include <pthread.h>

#include "kselftest_harness.h"
#include "flic_util.h"
#include "s390/vm.h"
#include "../include/s390/irq_log.h"


#define CR0_SERVICE	0x200UL
#define CR0_EMERG	0x4000UL
#define CR0_EXTCALL	0x2000UL
#define CR14_CRW	(1UL << 28)
#define CR6_ISC(isc)	(0x80000000UL >> (isc))

static void io_handler(void)
{
	irq_log_add(GUEST_IRQ_IO, guest_read16(LC_SUBCHANNEL_ID), guest_read16(LC_SUBCHANNEL_NR),
		guest_read32(LC_IO_INT_PARM), guest_read32(LC_IO_INT_WORD));
}

static void ext_handler(void)
{
	irq_log_add(GUEST_IRQ_EXT, guest_read16(LC_EXT_INT_CODE), guest_read16(LC_EXT_CPU_ADDR),
		guest_read32(LC_EXT_PARAMS), 0);
}

static void mchk_handler(void)
{
	irq_log_add(GUEST_IRQ_MCHK, guest_read64(LC_MCCK_CODE), 0, 0, 0);
}

static void pgm_handler(void)
{
	irq_log_add(GUEST_IRQ_PGM, guest_read16(LC_PGM_CODE), guest_read16(LC_PGM_ILC), 0, 0);
}

static void install_all(void)
{
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	guest_install_handler(GUEST_IRQ_EXT, ext_handler);
	guest_install_handler(GUEST_IRQ_MCHK, mchk_handler);
	guest_install_handler(GUEST_IRQ_PGM, pgm_handler);
}

/* arg: CR6 value. Enable everything, wait once, report. */
static void guest_take_all(uint64_t cr6)
{
	install_all();
	ctl_set_bit(0, CR0_SERVICE | CR0_EMERG | CR0_EXTCALL);
	ctl_load(6, cr6);
	ctl_set_bit(14, CR14_CRW);
	enabled_wait(PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK);
	GUEST_DONE();
}

/* arg: CR6 value. Only I/O, one interrupt. */
static void guest_wait_io(uint64_t cr6)
{
	install_all();
	ctl_load(6, cr6);
	enabled_wait(PSW_MASK_IO);
	GUEST_DONE();
}

static void run_to_done(struct __test_metadata *_metadata,
			struct sim_vcpu *vcpu)
{
	struct ucall uc;

	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(vcpu, &uc)) {
		TH_LOG("exit reason %u", vcpu->run->exit_reason);
	}
}

FIXTURE(dlv) {
	struct sim_vm *vm;
	int flic_fd;
};

FIXTURE_SETUP(dlv)
{
	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	self->flic_fd = create_flic(self->vm->fd);
	ASSERT_GE(self->flic_fd, 0);
}

FIXTURE_TEARDOWN(dlv)
{
	close(self->flic_fd);
	sim_vm_free(self->vm);
}

TEST_F(dlv, priority_and_lowcore)
{
	struct kvm_s390_irq in[] = {
		io_irq(0x25, 0xcafe0005, 5),
		ext_irq(KVM_S390_INT_SERVICE, 0x8ff8, 0),
		io_irq(0x20, 0xcafe0000, 0),
		{ .type = KVM_S390_MCHK },
	};
	struct sim_vcpu *vcpu = sim_vcpu_add(self->vm, 0);
	struct irq_log_entry e;

	ASSERT_NE(NULL, vcpu);
	in[3].u.mchk.cr14 = CR14_CRW;
	in[3].u.mchk.mcic = 0x00400f1d40330000ULL;
	ASSERT_EQ(0, enqueue(self->flic_fd, in, 4));
	sim_vcpu_set_entry(vcpu, guest_take_all, 0xff000000UL);
	run_to_done(_metadata, vcpu);

	ASSERT_EQ(4, irq_log_count(self->vm));
	e = irq_log_at(self->vm, 0);
	EXPECT_EQ(GUEST_IRQ_MCHK, e.cls);
	EXPECT_EQ(0x00400f1d40330000ULL, e.a);
	e = irq_log_at(self->vm, 1);
	EXPECT_EQ(GUEST_IRQ_EXT, e.cls);
	EXPECT_EQ(0x2401, e.a);
	EXPECT_EQ(0x8ff8, e.c);
	e = irq_log_at(self->vm, 2);
	EXPECT_EQ(GUEST_IRQ_IO, e.cls);
	EXPECT_EQ(SCH_ID(0), e.a);
	EXPECT_EQ(0x20, e.b);
	EXPECT_EQ(0xcafe0000, e.c);
	EXPECT_EQ(IO_WORD(0), e.d);
	e = irq_log_at(self->vm, 3);
	EXPECT_EQ(GUEST_IRQ_IO, e.cls);
	EXPECT_EQ(0x25, e.b);
	EXPECT_EQ(IO_WORD(5), e.d);

	EXPECT_EQ(2, stat_of(vcpu->fd, "deliver_io"));
	EXPECT_EQ(1, stat_of(vcpu->fd, "deliver_service_signal"));
	EXPECT_EQ(1, stat_of(vcpu->fd, "deliver_machine_check"));
}

TEST_F(dlv, cr6_isc_mask)
{
	struct kvm_s390_irq in[] = {
		io_irq(2, 2, 2), io_irq(6, 6, 6), io_irq(7, 7, 2),
	};
	struct sim_vcpu *vcpu = sim_vcpu_add(self->vm, 0);
	struct kvm_s390_irq *out;

	ASSERT_NE(NULL, vcpu);
	ASSERT_EQ(0, enqueue(self->flic_fd, in, 3));
	sim_vcpu_set_entry(vcpu, guest_wait_io, CR6_ISC(6));
	run_to_done(_metadata, vcpu);
	ASSERT_EQ(1, irq_log_count(self->vm));
	EXPECT_EQ(6, irq_log_at(self->vm, 0).b);
	/* ISC 2 stays pending, FIFO intact */
	ASSERT_EQ(2, get_all_irqs(self->flic_fd, &out));
	EXPECT_EQ(2, out[0].u.io.subchannel_nr);
	EXPECT_EQ(7, out[1].u.io.subchannel_nr);
	free(out);
}

TEST_F(dlv, service_needs_cr0)
{
	struct kvm_s390_irq s = ext_irq(KVM_S390_INT_SERVICE, 0x1000, 0);
	struct sim_vcpu *vcpu = sim_vcpu_add(self->vm, 0);
	struct kvm_s390_irq in = io_irq(1, 1, 1);
	struct kvm_s390_irq *out;

	ASSERT_NE(NULL, vcpu);
	ASSERT_EQ(0, enqueue(self->flic_fd, &s, 1));
	ASSERT_EQ(0, enqueue(self->flic_fd, &in, 1));
	/* guest_wait_io enables only I/O: the service signal stays */
	sim_vcpu_set_entry(vcpu, guest_wait_io, 0xff000000UL);
	run_to_done(_metadata, vcpu);
	ASSERT_EQ(1, get_all_irqs(self->flic_fd, &out));
	EXPECT_EQ(KVM_S390_INT_SERVICE, out[0].type);
	free(out);
}

struct runner {
	struct sim_vcpu *vcpu;
	int rc;
	uint64_t ucall;
};

static void *run_thread(void *p)
{
	struct runner *r = p;

	r->rc = sim_vcpu_run(r->vcpu);
	r->ucall = sim_get_ucall(r->vcpu, NULL);
	return NULL;
}

/*
 * Wait until the vcpu has entered its enabled wait once. The stats fd is
 * opened before KVM_RUN: KVM_GET_STATS_FD is a vcpu ioctl and waits for
 * the running vcpu, reading the fd does not.
 */
static void wait_for_wait_state(int stats_fd)
{
	while (stats_read(stats_fd, "exit_wait_state") < 1)
		usleep(1000);
}

TEST_F(dlv, wake_waiting_vcpu)
{
	struct sim_vcpu *vcpu = sim_vcpu_add(self->vm, 0);
	struct kvm_s390_irq in = io_irq(0x33, 0x33, 3);
	struct runner r = { .vcpu = vcpu };
	pthread_t t;
	int sfd;

	ASSERT_NE(NULL, vcpu);
	sfd = ioctl(vcpu->fd, KVM_GET_STATS_FD, NULL);
	ASSERT_GE(sfd, 0);
	sim_vcpu_set_entry(vcpu, guest_wait_io, 0xff000000UL);
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, &r));
	wait_for_wait_state(sfd);
	close(sfd);
	ASSERT_EQ(0, enqueue(self->flic_fd, &in, 1));
	pthread_join(t, NULL);
	EXPECT_EQ(0, r.rc);
	EXPECT_EQ(UCALL_DONE, r.ucall);
	ASSERT_EQ(1, irq_log_count(self->vm));
	EXPECT_EQ(0x33, irq_log_at(self->vm, 0).b);
	EXPECT_EQ(1, stat_of(vcpu->fd, "deliver_io"));
}

/*
 * Two vcpus wait, each for its own ISC: every interrupt must reach the
 * vcpu that can take it, whichever waited first.
 */
TEST_F(dlv, kick_the_vcpu_that_can_take_it)
{
	struct sim_vcpu *v0 = sim_vcpu_add(self->vm, 0);
	struct sim_vcpu *v1 = sim_vcpu_add(self->vm, 1);
	struct runner r0 = { .vcpu = v0 }, r1 = { .vcpu = v1 };
	struct kvm_s390_irq a = io_irq(0x11, 1, 1), b = io_irq(0x22, 2, 2);
	pthread_t t0, t1;
	int s0, s1;

	ASSERT_NE(NULL, v0);
	ASSERT_NE(NULL, v1);
	s0 = ioctl(v0->fd, KVM_GET_STATS_FD, NULL);
	s1 = ioctl(v1->fd, KVM_GET_STATS_FD, NULL);
	ASSERT_GE(s0, 0);
	ASSERT_GE(s1, 0);
	sim_vcpu_set_entry(v0, guest_wait_io, CR6_ISC(1));
	sim_vcpu_set_entry(v1, guest_wait_io, CR6_ISC(2));
	ASSERT_EQ(0, pthread_create(&t0, NULL, run_thread, &r0));
	ASSERT_EQ(0, pthread_create(&t1, NULL, run_thread, &r1));
	wait_for_wait_state(s0);
	wait_for_wait_state(s1);
	close(s0);
	close(s1);
	ASSERT_EQ(0, enqueue(self->flic_fd, &b, 1));
	pthread_join(t1, NULL);
	EXPECT_EQ(UCALL_DONE, r1.ucall);
	ASSERT_EQ(0, enqueue(self->flic_fd, &a, 1));
	pthread_join(t0, NULL);
	EXPECT_EQ(UCALL_DONE, r0.ucall);
	EXPECT_EQ(1, stat_of(v0->fd, "deliver_io"));
	EXPECT_EQ(1, stat_of(v1->fd, "deliver_io"));
}

static void guest_local(uint64_t arg)
{
	install_all();
	ctl_set_bit(0, CR0_EMERG | CR0_EXTCALL);
	/* the host injects now: a program interruption is taken at once */
	GUEST_SYNC(0);
	enabled_wait(PSW_MASK_EXT);
	GUEST_DONE();
}

TEST_F(dlv, local_interrupts)
{
	struct sim_vcpu *v0 = sim_vcpu_add(self->vm, 0);
	struct sim_vcpu *v1 = sim_vcpu_add(self->vm, 1);
	struct kvm_s390_irq irq;
	struct irq_log_entry e;
	struct ucall uc;

	ASSERT_NE(NULL, v0);
	ASSERT_NE(NULL, v1);
	/* handlers first: program interruptions cannot be masked */
	sim_vcpu_set_entry(v0, guest_local, 0);
	ASSERT_EQ(0, sim_vcpu_run(v0));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(v0, &uc));
	memset(&irq, 0, sizeof(irq));
	irq.type = KVM_S390_PROGRAM_INT;
	irq.u.pgm.code = 0x0006;	/* specification */
	irq.u.pgm.flags = KVM_S390_PGM_FLAGS_ILC_VALID | 4;
	ASSERT_EQ(0, ioctl(v0->fd, KVM_S390_IRQ, &irq));
	irq.type = KVM_S390_INT_EMERGENCY;
	irq.u.emerg.code = 1;
	ASSERT_EQ(0, ioctl(v0->fd, KVM_S390_IRQ, &irq));
	irq.type = KVM_S390_INT_EXTERNAL_CALL;
	irq.u.extcall.code = 1;
	ASSERT_EQ(0, ioctl(v0->fd, KVM_S390_IRQ, &irq));

	run_to_done(_metadata, v0);
	/* program first (taken at once), then emergency > external call */
	ASSERT_EQ(3, irq_log_count(self->vm));
	e = irq_log_at(self->vm, 0);
	EXPECT_EQ(GUEST_IRQ_PGM, e.cls);
	EXPECT_EQ(6, e.a);
	EXPECT_EQ(4, e.b);
	e = irq_log_at(self->vm, 1);
	EXPECT_EQ(GUEST_IRQ_EXT, e.cls);
	EXPECT_EQ(0x1201, e.a);
	EXPECT_EQ(1, e.b);
	e = irq_log_at(self->vm, 2);
	EXPECT_EQ(0x1202, e.a);
	EXPECT_EQ(1, e.b);
	EXPECT_EQ(1, stat_of(v0->fd, "deliver_program"));
	EXPECT_EQ(1, stat_of(v0->fd, "deliver_emergency_signal"));
	EXPECT_EQ(1, stat_of(v0->fd, "deliver_external_call"));
}

TEST_HARNESS_MAIN

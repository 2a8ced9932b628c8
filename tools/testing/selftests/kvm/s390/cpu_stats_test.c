// SPDX-License-Identifier: GPL-2.0
/*
 * The counters of the simulated CPU and its intercept handling in the
 * binary statistics (KVM_GET_STATS_FD): a guest does a known sequence of
 * intercepted and non-intercepted instructions, waits and exits, and
 * every counter must come out exactly.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "s390/vm.h"

#define AREA		0x90000UL	/* guest absolute */
#define OPERAND		0x60000UL
#define SCHID(nr)	(0x00010000u | (nr))
#define TEST_ISC	2

static void ext_handler(void)
{
}

static void guest_sequence(uint64_t area)
{
	int cc;

	/* executed by the CPU itself, as SIE does: no intercepts */
	ctl_set_bit(6, CR6_ISC_BIT(TEST_ISC));
	ctl_set_bit(0, CR0_EMERGENCY_SIGNAL);
	GUEST_ASSERT(psw_mask_get() & PSW_MASK_64);

	/* handled in the kernel: intercepts, but no exit to userspace */
	diag(0, 0, 0x44);
	diag(0, 0, 0x44);
	cc = tpi(OPERAND);		/* nothing pending */
	GUEST_ASSERT_EQ(cc, 0);
	GUEST_SYNC(1);			/* the VMM queues an I/O interrupt */
	cc = tpi(OPERAND);		/* two words at the operand */
	GUEST_ASSERT_EQ(cc, 1);
	GUEST_ASSERT_EQ(guest_read32(OPERAND), SCHID(3));
	GUEST_ASSERT_EQ(guest_read32(OPERAND + 4), 0x33);
	GUEST_SYNC(2);			/* and another one */
	cc = tpi(0);			/* three words in the lowcore */
	GUEST_ASSERT_EQ(cc, 1);
	GUEST_ASSERT_EQ(guest_read32(LC_SUBCHANNEL_ID), SCHID(4));
	GUEST_ASSERT_EQ(guest_read32(LC_IO_INT_PARM), 0x44);
	GUEST_ASSERT_EQ(guest_read32(LC_IO_INT_WORD), TEST_ISC << 27);

	/* to the VMM */
	cc = ssch(SCHID(0), OPERAND);
	GUEST_ASSERT_EQ(cc, 0);
	cc = tsch(SCHID(0), OPERAND);
	GUEST_ASSERT_EQ(cc, 1);

	/* an enabled wait the VMM ends from another thread */
	guest_install_handler(GUEST_IRQ_EXT, ext_handler);
	guest_write64(area, 1);
	enabled_wait(PSW_MASK_EXT);
	GUEST_SYNC(3);
	/* returning ends in a disabled wait */
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

TEST(counters_of_a_known_sequence)
{
	struct sim_vm *vm = sim_vm_create();
	struct sim_vcpu *vcpu;
	struct runner r;
	struct ucall uc;
	int fd, vm_fd;
	pthread_t t;

	ASSERT_NE(NULL, vm);
	ASSERT_EQ(0, sim_vm_enable_cap(vm, KVM_CAP_S390_CSS_SUPPORT, 0));
	vcpu = sim_vcpu_add(vm, 0);
	ASSERT_NE(NULL, vcpu);
	fd = sim_vcpu_stats_fd(vcpu);
	ASSERT_LE(0, fd);
	vm_fd = ioctl(vm->fd, KVM_GET_STATS_FD, 0);
	ASSERT_LE(0, vm_fd);
	sim_vcpu_set_entry(vcpu, guest_sequence, AREA);

	/* not entered: not counted */
	vcpu->run->immediate_exit = 1;
	ASSERT_EQ(-EINTR, sim_vcpu_run(vcpu));
	vcpu->run->immediate_exit = 0;
	EXPECT_EQ(0, stats_read(fd, "exit_userspace"));

	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(vcpu, &uc));
	ASSERT_EQ(1, uc.args[1]);
	EXPECT_EQ(1, stats_read(fd, "exit_userspace"));
	EXPECT_EQ(2, stats_read(fd, "instruction_diagnose_44"));
	EXPECT_EQ(1, stats_read(fd, "instruction_tpi"));
	EXPECT_EQ(1, stats_read(fd, "instruction_diagnose_other"));
	/* 2 x DIAG 44, TPI, DIAG 501 */
	EXPECT_EQ(4, stats_read(fd, "exit_instruction"));

	ASSERT_EQ(0, sim_inject_io(vm, SCHID(3), 0x33, TEST_ISC));
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(vcpu, &uc));
	ASSERT_EQ(2, uc.args[1]);
	ASSERT_EQ(0, sim_inject_io(vm, SCHID(4), 0x44, TEST_ISC));

	/* SSCH */
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_TRUE(sim_exit_is_insn(vcpu, 0xb233));
	EXPECT_EQ(1, stats_read(fd, "instruction_io_other"));
	EXPECT_EQ(3, stats_read(fd, "instruction_tpi"));
	sim_set_cc(vcpu, 0);

	/* TSCH: the kernel looks for an interrupt of the subchannel first */
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(KVM_EXIT_S390_TSCH, vcpu->run->exit_reason);
	ASSERT_EQ(0, vcpu->run->s390_tsch.dequeued);
	EXPECT_EQ(1, stats_read(fd, "instruction_tsch"));
	sim_set_cc(vcpu, 1);

	/* the enabled wait, ended by an emergency signal */
	r.vcpu = vcpu;
	ASSERT_EQ(0, pthread_create(&t, NULL, run_thread, &r));
	while (stats_read(fd, "blocking") != 1)
		sched_yield();
	ASSERT_EQ(0, sim_inject_emergency(vcpu, 0));
	ASSERT_EQ(0, pthread_join(t, NULL));
	ASSERT_EQ(0, r.rc);
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(vcpu, &uc));
	ASSERT_EQ(3, uc.args[1]);

	/* the program returns: disabled wait */
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(KVM_EXIT_S390_SIEIC, vcpu->run->exit_reason);
	ASSERT_EQ(0x1c, vcpu->run->s390_sieic.icptcode);

	EXPECT_EQ(6, stats_read(fd, "exit_userspace"));
	/* 2 x DIAG 44, 3 x TPI, SSCH, TSCH, 3 x DIAG 501 */
	EXPECT_EQ(10, stats_read(fd, "exit_instruction"));
	EXPECT_EQ(2, stats_read(fd, "instruction_diagnose_44"));
	EXPECT_EQ(3, stats_read(fd, "instruction_diagnose_other"));
	EXPECT_EQ(3, stats_read(fd, "instruction_tpi"));
	EXPECT_EQ(1, stats_read(fd, "instruction_tsch"));
	EXPECT_EQ(1, stats_read(fd, "instruction_io_other"));
	/* the enabled one (slept, woken) and the disabled one */
	EXPECT_EQ(2, stats_read(fd, "exit_wait_state"));
	EXPECT_EQ(1, stats_read(fd, "halt_wakeup"));
	EXPECT_EQ(0, stats_read(fd, "blocking"));
	EXPECT_EQ(1, stats_read(fd, "deliver_emergency_signal"));
	/* TPI took both I/O interrupts: none was delivered */
	EXPECT_EQ(0, stats_read(fd, "deliver_io"));
	EXPECT_EQ(2, stats_read(vm_fd, "inject_io"));
	/* the guest was never only preempted */
	EXPECT_EQ(0, stats_read(fd, "exit_null"));
	/*
	 * LCTLG, STCTG, EPSW, LPSWE are executed by the CPU (as SIE does),
	 * and program interruptions never leave it: never counted.
	 */
	EXPECT_EQ(0, stats_read(fd, "instruction_lctlg"));
	EXPECT_EQ(0, stats_read(fd, "instruction_stctg"));
	EXPECT_EQ(0, stats_read(fd, "instruction_epsw"));
	EXPECT_EQ(0, stats_read(fd, "instruction_lpswe"));
	EXPECT_EQ(0, stats_read(fd, "exit_program_interruption"));

	close(vm_fd);
	close(fd);
	sim_vm_free(vm);
}

/* Each vcpu counts its own exits. */
static void guest_diags(uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++)
		diag(0, 0, 0x44);
	GUEST_DONE();
}

TEST(counters_are_per_vcpu)
{
	struct sim_vm *vm = sim_vm_create();
	struct sim_vcpu *vcpu[3];
	int fd[3], i;

	ASSERT_NE(NULL, vm);
	for (i = 0; i < 3; i++) {
		vcpu[i] = sim_vcpu_add(vm, i);
		ASSERT_NE(NULL, vcpu[i]);
		fd[i] = sim_vcpu_stats_fd(vcpu[i]);
		ASSERT_LE(0, fd[i]);
		sim_vcpu_set_entry(vcpu[i], guest_diags, 5 * (i + 1));
	}
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, sim_vcpu_run(vcpu[i]));
		ASSERT_EQ(UCALL_DONE, sim_get_ucall(vcpu[i], NULL));
	}
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(5 * (i + 1),
			  stats_read(fd[i], "instruction_diagnose_44"));
		EXPECT_EQ(5 * (i + 1) + 1,
			  stats_read(fd[i], "exit_instruction"));
		EXPECT_EQ(1, stats_read(fd[i], "exit_userspace"));
		close(fd[i]);
	}
	sim_vm_free(vm);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * The vcpu resets KVM_S390_NORMAL_RESET, KVM_S390_INITIAL_RESET and
 * KVM_S390_CLEAR_RESET (KVM_CAP_S390_VCPU_RESETS), with 6.1's semantics:
 * each is a superset of the one before. Every reset drops the vcpu's
 * pending local interrupts (seen through KVM_S390_GET_IRQ_STATE) and
 * leaves floating ones alone; the initial reset loads the architected
 * initial PSW, prefix and control registers into the vcpu and the sync
 * regs; only the clear reset zeroes the general and access registers.
 * What a reset must not touch is checked too, after a guest dirtied it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "flic_util.h"
#include "s390/vm.h"

#define VCPU_ID		3	/* not 0: ids are not indexes */
#define LOCAL_IRQS	32
#define ENTRY2		0x90000UL	/* guest absolute, free in the VM */
#define CR0_INIT	0xe0UL
#define CR14_INIT	0xc2000000UL

/* values the guest leaves in registers a reset may or may not clear */
#define GPR0		0xffff000000000000ULL
#define GPR1		0x0000555500000000ULL
#define GPR3		0x00000000aaaa0000ULL
#define ACR9		1

static void guest_dirty(uint64_t arg)
{
	ctl_load(2, 0x10);
	ctl_load(8, 1);
	ctl_load(10, 1);
	ctl_load(11, -1ULL);
	s390_sim_set_gpr(0, GPR0);
	s390_sim_set_gpr(1, GPR1);
	s390_sim_set_gpr(3, GPR3);
	GUEST_SYNC(1);
	GUEST_DONE();
}

FIXTURE(reset) {
	struct sim_vm *vm;
	struct sim_vcpu *vcpu;
	int flic;
};

static int irq_count(int vcpu_fd)
{
	struct kvm_s390_irq buf[VCPU_ID + 1 + LOCAL_IRQS];
	struct kvm_s390_irq_state st = {
		.buf = (uintptr_t)buf, .len = sizeof(buf),
	};
	int bytes = ioctl(vcpu_fd, KVM_S390_GET_IRQ_STATE, &st);

	/* the answer is in bytes */
	return bytes < 0 ? bytes : bytes / (int)IRQ_SZ;
}

/*
 * Run the guest to its sync point with an access register set, then leave local interrupts (one through SET_IRQ_STATE, as 6.1's
 * resets test does, more through KVM_S390_IRQ) and a floating one pending.
 */
FIXTURE_SETUP(reset)
{
	struct kvm_s390_irq emerg = {
		.type = KVM_S390_INT_EMERGENCY, .u.emerg.code = VCPU_ID,
	};
	struct kvm_s390_irq_state st = {
		.buf = (uintptr_t)&emerg, .len = sizeof(emerg),
	};
	struct kvm_s390_irq irq = { .type = KVM_S390_INT_EXTERNAL_CALL };
	struct kvm_s390_irq io = io_irq(5, 0x55, 3);
	struct kvm_sregs sregs;
	struct ucall uc;

	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	self->flic = create_flic(self->vm->fd);
	ASSERT_LE(0, self->flic);
	self->vcpu = sim_vcpu_add(self->vm, VCPU_ID);
	ASSERT_NE(NULL, self->vcpu);
	sim_vcpu_set_entry(self->vcpu, guest_dirty, 0);
	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_GET_SREGS, &sregs));
	sregs.acrs[9] = ACR9;
	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_SET_SREGS, &sregs));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	/* the library gives every vcpu its own prefix: not the reset one */
	ASSERT_NE(0, self->vcpu->run->s.regs.prefix);

	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_S390_SET_IRQ_STATE, &st));
	irq.u.extcall.code = VCPU_ID;
	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_S390_IRQ, &irq));
	irq = (struct kvm_s390_irq){ .type = KVM_S390_PROGRAM_INT };
	irq.u.pgm.code = 0x15;
	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_S390_IRQ, &irq));
	ASSERT_EQ(3, irq_count(self->vcpu->fd));
	ASSERT_EQ(0, enqueue(self->flic, &io, 1));
}

FIXTURE_TEARDOWN(reset)
{
	sim_vm_free(self->vm);
}

/* every reset: no local interrupt left, the floating one still there */
static void assert_normal(struct __test_metadata *_metadata,
			  struct sim_vcpu *vcpu, int flic)
{
	struct kvm_s390_irq *all;

	EXPECT_EQ(0, irq_count(vcpu->fd));
	EXPECT_EQ(KVM_S390_PFAULT_TOKEN_INVALID, vcpu->run->s.regs.pft);
	ASSERT_EQ(1, get_all_irqs(flic, &all));
	EXPECT_EQ(KVM_S390_INT_IO(0, 0, 0, 5), all[0].type);
	EXPECT_EQ(5, all[0].u.io.subchannel_nr);
	EXPECT_EQ(0x55, all[0].u.io.io_int_parm);
	free(all);
}

/* what the guest loaded into CR2, 8, 10, 11 survives a normal reset */
static void assert_normal_noclear(struct __test_metadata *_metadata,
				  struct sim_vcpu *vcpu)
{
	struct kvm_sregs sregs;

	ASSERT_EQ(0, ioctl(vcpu->fd, KVM_GET_SREGS, &sregs));
	EXPECT_EQ(0x10, sregs.crs[2]);
	EXPECT_EQ(1, sregs.crs[8]);
	EXPECT_EQ(1, sregs.crs[10]);
	EXPECT_EQ(-1ULL, sregs.crs[11]);
	EXPECT_EQ(0x10, vcpu->run->s.regs.crs[2]);
	EXPECT_EQ(-1ULL, vcpu->run->s.regs.crs[11]);
}

/* general and access registers survive all but the clear reset */
static void assert_initial_noclear(struct __test_metadata *_metadata,
				   struct sim_vcpu *vcpu)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;

	ASSERT_EQ(0, ioctl(vcpu->fd, KVM_GET_REGS, &regs));
	EXPECT_EQ(GPR0, regs.gprs[0]);
	EXPECT_EQ(GPR1, regs.gprs[1]);
	EXPECT_EQ(GPR3, regs.gprs[3]);
	EXPECT_EQ(GPR0, vcpu->run->s.regs.gprs[0]);
	ASSERT_EQ(0, ioctl(vcpu->fd, KVM_GET_SREGS, &sregs));
	EXPECT_EQ(ACR9, sregs.acrs[9]);
	EXPECT_EQ(ACR9, vcpu->run->s.regs.acrs[9]);
}

static void assert_initial(struct __test_metadata *_metadata,
			   struct sim_vcpu *vcpu)
{
	struct kvm_sync_regs *sync = &vcpu->run->s.regs;
	struct kvm_sregs sregs;
	int i;

	ASSERT_EQ(0, ioctl(vcpu->fd, KVM_GET_SREGS, &sregs));
	for (i = 0; i < 16; i++) {
		uint64_t want = i == 0 ? CR0_INIT : i == 14 ? CR14_INIT : 0;

		EXPECT_EQ(want, sregs.crs[i]);
		EXPECT_EQ(want, sync->crs[i]);
	}
	EXPECT_EQ(0, vcpu->run->psw_mask);
	EXPECT_EQ(0, vcpu->run->psw_addr);
	EXPECT_EQ(0, sync->prefix);
	EXPECT_EQ(0, sync->todpr);
	EXPECT_EQ(0, sync->cputm);
	EXPECT_EQ(0, sync->ckc);
	EXPECT_EQ(0, sync->pp);
	EXPECT_EQ(1, sync->gbea);
	EXPECT_EQ(0, sync->fpc);
}

static void assert_clear(struct __test_metadata *_metadata,
			 struct sim_vcpu *vcpu)
{
	static const uint8_t zero[512];
	struct kvm_sync_regs *sync = &vcpu->run->s.regs;
	struct kvm_sregs sregs;
	struct kvm_regs regs;

	ASSERT_EQ(0, ioctl(vcpu->fd, KVM_GET_REGS, &regs));
	EXPECT_EQ(0, memcmp(regs.gprs, zero, sizeof(regs.gprs)));
	ASSERT_EQ(0, ioctl(vcpu->fd, KVM_GET_SREGS, &sregs));
	EXPECT_EQ(0, memcmp(sregs.acrs, zero, sizeof(sregs.acrs)));
	EXPECT_EQ(0, memcmp(sync->gprs, zero, sizeof(sync->gprs)));
	EXPECT_EQ(0, memcmp(sync->acrs, zero, sizeof(sync->acrs)));
	EXPECT_EQ(0, memcmp(sync->vrs, zero, sizeof(sync->vrs)));
}

TEST(capability)
{
	struct sim_vm *vm = sim_vm_create();

	ASSERT_NE(NULL, vm);
	EXPECT_EQ(1, ioctl(vm->fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_S390_VCPU_RESETS));
	/* what upstream's selftest library needs before it creates a VM */
	EXPECT_EQ(1, ioctl(vm->fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_IMMEDIATE_EXIT));
	EXPECT_EQ(1, ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_IMMEDIATE_EXIT));
	EXPECT_EQ(1, ioctl(vm->fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_INTERNAL_ERROR_DATA));
	sim_vm_free(vm);
}

TEST_F(reset, normal)
{
	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_S390_NORMAL_RESET, 0));
	assert_normal(_metadata, self->vcpu, self->flic);
	assert_normal_noclear(_metadata, self->vcpu);
	assert_initial_noclear(_metadata, self->vcpu);
}

TEST_F(reset, initial)
{
	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_S390_INITIAL_RESET, 0));
	assert_normal(_metadata, self->vcpu, self->flic);
	assert_initial(_metadata, self->vcpu);
	assert_initial_noclear(_metadata, self->vcpu);
}

TEST_F(reset, clear)
{
	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_S390_CLEAR_RESET, 0));
	assert_normal(_metadata, self->vcpu, self->flic);
	assert_initial(_metadata, self->vcpu);
	assert_clear(_metadata, self->vcpu);
}

/*
 * After an initial reset the vcpu runs again from a PSW the VMM loads
 * (prefix 0 now): no interrupt pending before the reset is taken. The
 * entry is a new code descriptor: the simulated CPU cannot tell a PSW
 * loaded again at the address it left from one it was left at.
 */
TEST_F(reset, vcpu_runs_after_initial_reset)
{
	struct ucall uc;

	ASSERT_EQ(0, ioctl(self->vcpu->fd, KVM_S390_INITIAL_RESET, 0));
	code_desc_write(sim_gpa2hva(self->vm, ENTRY2), guest_dirty, 0);
	self->vcpu->run->psw_mask = PSW_MASK_64;
	self->vcpu->run->psw_addr = ENTRY2;
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu, &uc));
	EXPECT_EQ(0, irq_count(self->vcpu->fd));
}

/*
 * A SIGP stop pending on a started vcpu: KVM_RUN leaves with the stop
 * intercept once no other interrupt can be taken, the stop consumed.
 */
TEST(stop_intercept)
{
	struct kvm_s390_irq stop = { .type = KVM_S390_SIGP_STOP };
	struct sim_vm *vm = sim_vm_create();
	struct sim_vcpu *vcpu;
	struct ucall uc;

	ASSERT_NE(NULL, vm);
	vcpu = sim_vcpu_add(vm, VCPU_ID);
	ASSERT_NE(NULL, vcpu);
	sim_vcpu_set_entry(vcpu, guest_dirty, 0);
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(vcpu, &uc));
	ASSERT_EQ(0, ioctl(vcpu->fd, KVM_S390_IRQ, &stop));
	ASSERT_EQ(1, irq_count(vcpu->fd));
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	ASSERT_EQ(KVM_EXIT_S390_SIEIC, vcpu->run->exit_reason);
	EXPECT_EQ(0x28, vcpu->run->s390_sieic.icptcode);
	EXPECT_EQ(0, irq_count(vcpu->fd));
	/* started again: the guest goes on where it stopped */
	ASSERT_EQ(0, sim_vcpu_run(vcpu));
	EXPECT_EQ(UCALL_DONE, sim_get_ucall(vcpu, NULL));
	sim_vm_free(vm);
}

TEST_HARNESS_MAIN

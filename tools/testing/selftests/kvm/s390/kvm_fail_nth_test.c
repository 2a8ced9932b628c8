// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failures through the kernel's fault-injection interface:
 * make the Nth allocation of KVM_CREATE_VM, KVM_CREATE_VCPU, ... fail for
 * every N until the call succeeds.  Each failure must be ENOMEM and leave
 * nothing behind (no descriptor, no half-made vcpu).  Every operation
 * allocates, so at least one round must have failed: a success at N = 1
 * means the injection never fired and nothing was tested.
 * Needs CONFIG_FAULT_INJECTION (and _DEBUG_FS) on a real kernel.
 */
#include <stdio.h>
#include "kselftest_harness.h"
#include "../include/kvm_s390_test.h"

static int fail_nth_fd = -1;

static int fail_nth_open(void)
{
	fail_nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	return fail_nth_fd;
}

static void fail_nth_set(int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d", n);

	if (pwrite(fail_nth_fd, buf, len, 0) != len)
		abort();
}

/* 0 once the injected failure fired */
static int fail_nth_get(void)
{
	char buf[16] = { 0 };

	if (pread(fail_nth_fd, buf, sizeof(buf) - 1, 0) < 0)
		abort();
	return atoi(buf);
}

typedef int (*op_fn)(int fd, unsigned long arg);

static int op_create_vm(int kvm, unsigned long arg)
{
	return ioctl(kvm, KVM_CREATE_VM, 0);
}

static int op_create_vcpu(int vm, unsigned long id)
{
	return ioctl(vm, KVM_CREATE_VCPU, id);
}

static int op_stats_fd(int fd, unsigned long arg)
{
	return ioctl(fd, KVM_GET_STATS_FD, 0);
}

/*
 * Fail allocation 1, 2, ... of @op until it succeeds.  Returns the
 * successful result (a descriptor); each failing round must be ENOMEM,
 * and there must have been one.
 */
static int until_success(struct __test_metadata *_metadata, op_fn op,
			 int fd, unsigned long arg)
{
	int n, r, lowest = lowest_free_fd();

	for (n = 1; n < 1000; n++) {
		fail_nth_set(n);
		r = op(fd, arg);
		if (fail_nth_get() != 0) {
			/* fewer than n allocations: it went through */
			fail_nth_set(0);
			EXPECT_GE(r, 0);
			EXPECT_GT(n, 1) TH_LOG("no injected failure fired");
			return r;
		}
		EXPECT_EQ(-1, r) TH_LOG("n=%d succeeded with a failed alloc", n);
		if (r >= 0) {
			close(r);
			continue;
		}
		EXPECT_EQ(ENOMEM, errno) TH_LOG("n=%d errno %d", n, errno);
		EXPECT_EQ(lowest, lowest_free_fd()) TH_LOG("n=%d leaked", n);
	}
	fail_nth_set(0);
	return -1;
}

FIXTURE(fail_nth) {
	int kvm_fd;
};

FIXTURE_SETUP(fail_nth)
{
	self->kvm_fd = open_kvm();
	ASSERT_GE(self->kvm_fd, 0);
	if (fail_nth_open() < 0)
		SKIP(return, "no /proc/thread-self/fail-nth");
}

FIXTURE_TEARDOWN(fail_nth)
{
	close(fail_nth_fd);
	close(self->kvm_fd);
}

TEST_F(fail_nth, read_back)
{
	fail_nth_set(5);
	EXPECT_EQ(5, fail_nth_get());
	fail_nth_set(0);
	EXPECT_EQ(0, fail_nth_get());
}

TEST_F(fail_nth, create_vm)
{
	int vm = until_success(_metadata, op_create_vm, self->kvm_fd, 0);

	ASSERT_GE(vm, 0);
	EXPECT_EQ(1, ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY));
	close(vm);
}

TEST_F(fail_nth, create_vcpu)
{
	int vm = create_vm(self->kvm_fd), vcpu, again;

	ASSERT_GE(vm, 0);
	vcpu = until_success(_metadata, op_create_vcpu, vm, 7);
	ASSERT_GE(vcpu, 0);
	/* the failed rounds left no vcpu 7 behind, the success did */
	again = ioctl(vm, KVM_CREATE_VCPU, 7);
	EXPECT_EQ(-1, again);
	EXPECT_EQ(EEXIST, errno);
	close(vcpu);
	close(vm);
}

TEST_F(fail_nth, stats_fds)
{
	int vm = create_vm(self->kvm_fd), vcpu, fd;

	ASSERT_GE(vm, 0);
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	ASSERT_GE(vcpu, 0);
	fd = until_success(_metadata, op_stats_fd, vm, 0);
	EXPECT_GE(fd, 0);
	close(fd);
	fd = until_success(_metadata, op_stats_fd, vcpu, 0);
	EXPECT_GE(fd, 0);
	close(fd);
	close(vcpu);
	close(vm);
}

TEST_F(fail_nth, memslot)
{
	int vm = create_vm(self->kvm_fd), n, r;
	void *mem = alloc_seg_aligned(SEG_SIZE);

	ASSERT_GE(vm, 0);
	ASSERT_NE(NULL, mem);
	for (n = 1; n < 100; n++) {
		fail_nth_set(n);
		r = set_region(vm, 0, KVM_MEM_LOG_DIRTY_PAGES, 0, SEG_SIZE,
			       mem);
		if (fail_nth_get() != 0)
			break;
		EXPECT_EQ(-1, r);
		EXPECT_EQ(ENOMEM, errno);
	}
	fail_nth_set(0);
	EXPECT_EQ(0, r);
	/* the dirty bitmap at least is allocated: some round failed */
	EXPECT_GT(n, 1) TH_LOG("no injected failure fired");
	/* exactly one slot exists: deleting works once */
	EXPECT_EQ(0, set_region(vm, 0, 0, 0, 0, mem));
	EXPECT_EQ(-1, set_region(vm, 0, 0, 0, 0, mem));
	close(vm);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * vcpus: creation limits and errnos, the kvm_run mapping, the register
 * state ioctls and EFAULT on bad pointers.
 */
#include <sys/ioctl.h>
#include "kselftest_harness.h"
#include "../include/kvm_s390_test.h"

FIXTURE(vcpu) {
	int kvm_fd;
	int vm_fd;
};

FIXTURE_SETUP(vcpu)
{
	self->kvm_fd = open_kvm();
	ASSERT_GE(self->kvm_fd, 0);
	self->vm_fd = create_vm(self->kvm_fd);
	ASSERT_GE(self->vm_fd, 0);
}

FIXTURE_TEARDOWN(vcpu)
{
	close(self->vm_fd);
	close(self->kvm_fd);
}

TEST_F(vcpu, create_and_duplicate)
{
	int a = ioctl(self->vm_fd, KVM_CREATE_VCPU, 0);
	int b = ioctl(self->vm_fd, KVM_CREATE_VCPU, 1);

	ASSERT_GE(a, 0);
	ASSERT_GE(b, 0);
	EXPECT_NE(a, b);
	EXPECT_EQ(-1, ioctl(self->vm_fd, KVM_CREATE_VCPU, 0));
	EXPECT_EQ(EEXIST, errno);
	/* still EEXIST once the first fd is gone: the vcpu stays */
	close(a);
	EXPECT_EQ(-1, ioctl(self->vm_fd, KVM_CREATE_VCPU, 0));
	EXPECT_EQ(EEXIST, errno);
	close(b);
}

TEST_F(vcpu, id_limits)
{
	int max_id = ioctl(self->vm_fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_MAX_VCPU_ID);
	int fd;

	ASSERT_GT(max_id, 0);
	fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, max_id - 1);
	EXPECT_GE(fd, 0);
	close(fd);
	EXPECT_EQ(-1, ioctl(self->vm_fd, KVM_CREATE_VCPU, max_id));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->vm_fd, KVM_CREATE_VCPU, 255));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->vm_fd, KVM_CREATE_VCPU, 1UL << 20));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(vcpu, create_all)
{
	int max_id = ioctl(self->vm_fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_MAX_VCPU_ID);
	int i, fd;

	for (i = 0; i < max_id; i++) {
		fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, i);
		ASSERT_GE(fd, 0) TH_LOG("vcpu %d: %s", i, strerror(errno));
		close(fd);
	}
}

TEST_F(vcpu, mmap_kvm_run)
{
	int size = ioctl(self->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	int fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, 0);
	struct kvm_run *run, *run2;

	ASSERT_GE(fd, 0);
	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, run);
	EXPECT_EQ(0, run->immediate_exit);
	EXPECT_EQ(0, run->exit_reason);
	/* two mappings see the same page */
	run2 = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, run2);
	run->immediate_exit = 1;
	EXPECT_EQ(1, run2->immediate_exit);
	run->immediate_exit = 0;
	EXPECT_EQ(0, munmap(run2, size));
	EXPECT_EQ(0, munmap(run, size));
	/* bad offsets and flags, as mmap(2) says */
	EXPECT_EQ(MAP_FAILED, mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

TEST_F(vcpu, regs_round_trip)
{
	int fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, 0);
	struct kvm_regs regs, back;
	int i;

	ASSERT_GE(fd, 0);
	for (i = 0; i < 16; i++)
		regs.gprs[i] = 0x0123456789abcdefULL * (i + 1);
	EXPECT_EQ(0, ioctl(fd, KVM_SET_REGS, &regs));
	memset(&back, 0, sizeof(back));
	EXPECT_EQ(0, ioctl(fd, KVM_GET_REGS, &back));
	EXPECT_EQ(0, memcmp(&regs, &back, sizeof(regs)));
	close(fd);
}

TEST_F(vcpu, sregs_round_trip)
{
	int fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, 0);
	struct kvm_sregs sregs, back;
	int i;

	ASSERT_GE(fd, 0);
	/* after creation the control registers have their reset values */
	ASSERT_EQ(0, ioctl(fd, KVM_GET_SREGS, &sregs));
	EXPECT_EQ(0xe0, sregs.crs[0]);
	EXPECT_EQ(0xc2000000, sregs.crs[14]);
	for (i = 0; i < 16; i++) {
		sregs.acrs[i] = 0x1000 + i;
		sregs.crs[i] = 0xfedcba9876543210ULL - i;
	}
	EXPECT_EQ(0, ioctl(fd, KVM_SET_SREGS, &sregs));
	memset(&back, 0, sizeof(back));
	EXPECT_EQ(0, ioctl(fd, KVM_GET_SREGS, &back));
	EXPECT_EQ(0, memcmp(&sregs, &back, sizeof(sregs)));
	close(fd);
}

TEST_F(vcpu, bad_pointers)
{
	int fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, 0);
	unsigned long cmds[] = {
		KVM_GET_REGS, KVM_SET_REGS, KVM_GET_SREGS, KVM_SET_SREGS,
	};
	int i;

	ASSERT_GE(fd, 0);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(-1, ioctl(fd, cmds[i], BAD_PTR));
		EXPECT_EQ(EFAULT, errno);
	}
	close(fd);
}

TEST_F(vcpu, unknown_ioctl)
{
	int fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, 0);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(-1, ioctl(fd, _IO(KVMIO, 0xfe), 0));
	EXPECT_EQ(ENOTTY, errno);
	close(fd);
}

/*
 * An ioctl of another type (a tty one): the vcpu fd refuses it with
 * EINVAL before looking at it; the VM and device fds pass it to the
 * arch / device code, which does not know it (ENOTTY), as upstream.
 */
TEST_F(vcpu, foreign_ioctl)
{
	int fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, 0);
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_FLIC };
	char buf[256];

	ASSERT_GE(fd, 0);
	EXPECT_EQ(-1, ioctl(fd, TCGETS, buf));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->vm_fd, TCGETS, buf));
	EXPECT_EQ(ENOTTY, errno);
	ASSERT_EQ(0, ioctl(self->vm_fd, KVM_CREATE_DEVICE, &cd));
	EXPECT_EQ(-1, ioctl(cd.fd, TCGETS, buf));
	EXPECT_EQ(ENOTTY, errno);
	close(cd.fd);
	close(fd);
}

/* an anon-inode file has no positional I/O: ESPIPE (EINVAL if pos < 0) */
TEST_F(vcpu, no_pread)
{
	int fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, 0);
	char buf[8] = { 0 };

	ASSERT_GE(fd, 0);
	EXPECT_EQ(-1, pread(fd, buf, sizeof(buf), 0));
	EXPECT_EQ(ESPIPE, errno);
	EXPECT_EQ(-1, pwrite(fd, buf, sizeof(buf), 0));
	EXPECT_EQ(ESPIPE, errno);
	EXPECT_EQ(-1, pread(fd, buf, sizeof(buf), -1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, pread(self->vm_fd, buf, sizeof(buf), 0));
	EXPECT_EQ(ESPIPE, errno);
	/* plain read(): the file has no read method */
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

TEST_HARNESS_MAIN

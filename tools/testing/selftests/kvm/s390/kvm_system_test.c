// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/kvm and the system ioctls: API version, capabilities, VM creation
 * and the vcpu mmap size, with the errnos of Linux 6.1 on s390.
 */
#include "kselftest_harness.h"
#include "../include/kvm_s390_test.h"

FIXTURE(kvm) {
	int kvm_fd;
};

FIXTURE_SETUP(kvm)
{
	self->kvm_fd = open_kvm();
	ASSERT_GE(self->kvm_fd, 0);
}

FIXTURE_TEARDOWN(kvm)
{
	close(self->kvm_fd);
}

TEST_F(kvm, api_version)
{
	EXPECT_EQ(KVM_API_VERSION, ioctl(self->kvm_fd, KVM_GET_API_VERSION, 0));
	EXPECT_EQ(-1, ioctl(self->kvm_fd, KVM_GET_API_VERSION, 1));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(kvm, vcpu_mmap_size)
{
	int size = ioctl(self->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);

	EXPECT_GE(size, (int)sizeof(struct kvm_run));
	EXPECT_GE(size, getpagesize());
	EXPECT_EQ(0, size % getpagesize());
	EXPECT_EQ(-1, ioctl(self->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 1));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(kvm, unknown_system_ioctl)
{
	EXPECT_EQ(-1, ioctl(self->kvm_fd, _IO(KVMIO, 0xfe), 0));
	EXPECT_EQ(EINVAL, errno);
}

static void check_caps(struct __test_metadata *_metadata, int fd)
{
	int max_vcpus = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);
	int nr_vcpus = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_VCPUS);

	EXPECT_EQ(1, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY));
	EXPECT_EQ(1, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_DEVICE_CTRL));
	EXPECT_EQ(1, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_S390_PSW));
	EXPECT_EQ(1, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_BINARY_STATS_FD));
	EXPECT_EQ(1, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_ENABLE_CAP_VM));
	EXPECT_EQ(1, ioctl(fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_CHECK_EXTENSION_VM));
	EXPECT_EQ(32767, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_MEMSLOTS));
	/* 64 (BSCA), 248 (ESCA) or 255: never more than KVM_MAX_VCPUS */
	EXPECT_GE(max_vcpus, 64);
	EXPECT_LE(max_vcpus, 255);
	EXPECT_EQ(max_vcpus, ioctl(fd, KVM_CHECK_EXTENSION,
				   KVM_CAP_MAX_VCPU_ID));
	EXPECT_GE(nr_vcpus, 1);
	EXPECT_LE(nr_vcpus, max_vcpus);
	/* unknown capabilities are 0, never an error */
	EXPECT_EQ(0, ioctl(fd, KVM_CHECK_EXTENSION, 0x7fffffff));
	EXPECT_EQ(0, ioctl(fd, KVM_CHECK_EXTENSION, -1L));
}

TEST_F(kvm, check_extension_system)
{
	check_caps(_metadata, self->kvm_fd);
}

TEST_F(kvm, check_extension_vm)
{
	int vm = create_vm(self->kvm_fd);

	ASSERT_GE(vm, 0);
	check_caps(_metadata, vm);
	close(vm);
}

TEST_F(kvm, create_vm_type)
{
	EXPECT_EQ(-1, ioctl(self->kvm_fd, KVM_CREATE_VM, 2));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->kvm_fd, KVM_CREATE_VM, -1UL));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(kvm, several_vms_one_fd)
{
	int vm[4], i;

	for (i = 0; i < 4; i++) {
		vm[i] = create_vm(self->kvm_fd);
		ASSERT_GE(vm[i], 0);
		EXPECT_NE(self->kvm_fd, vm[i]);
	}
	/* each VM is its own: the same vcpu id works in both */
	for (i = 0; i < 4; i++) {
		int vcpu = ioctl(vm[i], KVM_CREATE_VCPU, 0);

		EXPECT_GE(vcpu, 0);
		close(vcpu);
	}
	for (i = 0; i < 4; i++)
		EXPECT_EQ(0, close(vm[i]));
}

TEST_F(kvm, vm_outlives_dev_kvm)
{
	int vm = create_vm(self->kvm_fd);

	ASSERT_GE(vm, 0);
	close(self->kvm_fd);
	self->kvm_fd = open_kvm();
	EXPECT_EQ(1, ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY));
	EXPECT_EQ(0, close(vm));
}

TEST_F(kvm, unknown_vm_ioctl)
{
	int vm = create_vm(self->kvm_fd);

	ASSERT_GE(vm, 0);
	EXPECT_EQ(-1, ioctl(vm, _IO(KVMIO, 0xfe), 0));
	EXPECT_EQ(ENOTTY, errno);
	close(vm);
}

TEST_F(kvm, enable_cap_errors)
{
	struct kvm_enable_cap cap = { .cap = 0x7fffffff };
	int vm = create_vm(self->kvm_fd);

	ASSERT_GE(vm, 0);
	EXPECT_EQ(-1, ioctl(vm, KVM_ENABLE_CAP, &cap));
	EXPECT_EQ(EINVAL, errno);
	cap.cap = KVM_CAP_USER_MEMORY;	/* exists, cannot be enabled */
	EXPECT_EQ(-1, ioctl(vm, KVM_ENABLE_CAP, &cap));
	EXPECT_EQ(EINVAL, errno);
	cap.flags = 1;
	EXPECT_EQ(-1, ioctl(vm, KVM_ENABLE_CAP, &cap));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(vm, KVM_ENABLE_CAP, BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
	close(vm);
}

TEST_F(kvm, closed_fd_is_ebadf)
{
	int vm = create_vm(self->kvm_fd);

	ASSERT_GE(vm, 0);
	EXPECT_EQ(0, close(vm));
	EXPECT_EQ(-1, close(vm));
	EXPECT_EQ(EBADF, errno);
	/* the descriptor is gone (qemu-user answers ioctl() with ENOSYS) */
	EXPECT_EQ(-1, ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY));
	EXPECT_EQ(-1, fcntl(vm, F_GETFD));
	EXPECT_EQ(EBADF, errno);
}

TEST_HARNESS_MAIN

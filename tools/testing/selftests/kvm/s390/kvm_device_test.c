// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_CREATE_DEVICE and the device registry, seen from userspace.
 *
 * No device type is registered by the core itself (the FLIC registers
 * KVM_DEV_TYPE_FLIC when it lands and brings its own attribute tests), so
 * the registry is tested through the types s390 never has: ENODEV for
 * creation and for the TEST flag, EFAULT before anything else.
 */
#include "kselftest_harness.h"
#include "../include/kvm_s390_test.h"

FIXTURE(device) {
	int kvm_fd;
	int vm_fd;
};

FIXTURE_SETUP(device)
{
	self->kvm_fd = open_kvm();
	ASSERT_GE(self->kvm_fd, 0);
	self->vm_fd = create_vm(self->kvm_fd);
	ASSERT_GE(self->vm_fd, 0);
}

FIXTURE_TEARDOWN(device)
{
	close(self->vm_fd);
	close(self->kvm_fd);
}

static int create_dev(int vm, uint32_t type, uint32_t flags)
{
	struct kvm_create_device cd = { .type = type, .flags = flags,
					.fd = -1 };

	return ioctl(vm, KVM_CREATE_DEVICE, &cd);
}

TEST_F(device, unknown_types)
{
	uint32_t types[] = {
		KVM_DEV_TYPE_FSL_MPIC_20, KVM_DEV_TYPE_XICS,
		KVM_DEV_TYPE_ARM_VGIC_V2, KVM_DEV_TYPE_MAX,
		KVM_DEV_TYPE_MAX + 1, 0xffffffff,
	};
	unsigned int i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		EXPECT_EQ(-1, create_dev(self->vm_fd, types[i], 0));
		EXPECT_EQ(ENODEV, errno);
		EXPECT_EQ(-1, create_dev(self->vm_fd, types[i],
					 KVM_CREATE_DEVICE_TEST));
		EXPECT_EQ(ENODEV, errno);
	}
}

TEST_F(device, bad_pointer)
{
	EXPECT_EQ(-1, ioctl(self->vm_fd, KVM_CREATE_DEVICE, BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(device, advertised)
{
	EXPECT_EQ(1, ioctl(self->vm_fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_DEVICE_CTRL));
}

TEST_HARNESS_MAIN

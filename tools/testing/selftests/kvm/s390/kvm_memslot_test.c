// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_SET_USER_MEMORY_REGION: every rule and errno of Linux 6.1 on s390
 * (1 MB segment alignment, no read-only slots), plus KVM_GET_DIRTY_LOG.
 */
#include "kselftest_harness.h"
#include "../include/kvm_s390_test.h"
#include "irq_util.h"

#define MEM_SIZE	(4 * SEG_SIZE)

FIXTURE(memslot) {
	int kvm_fd;
	int vm_fd;
	char *mem;
};

FIXTURE_SETUP(memslot)
{
	self->kvm_fd = open_kvm();
	ASSERT_GE(self->kvm_fd, 0);
	self->vm_fd = create_vm(self->kvm_fd);
	ASSERT_GE(self->vm_fd, 0);
	self->mem = alloc_seg_aligned(MEM_SIZE);
	ASSERT_NE(NULL, self->mem);
}

FIXTURE_TEARDOWN(memslot)
{
	close(self->vm_fd);
	close(self->kvm_fd);
}

#define EXPECT_ERRNO(err, call)				\
	do {						\
		EXPECT_EQ(-1, (call));			\
		EXPECT_EQ(err, errno);			\
	} while (0)

TEST_F(memslot, create_and_noop)
{
	EXPECT_EQ(0, set_region(self->vm_fd, 0, 0, 0, SEG_SIZE, self->mem));
	/* the same region again changes nothing */
	EXPECT_EQ(0, set_region(self->vm_fd, 0, 0, 0, SEG_SIZE, self->mem));
	EXPECT_EQ(0, set_region(self->vm_fd, 1, 0, SEG_SIZE, SEG_SIZE,
				self->mem + SEG_SIZE));
}

TEST_F(memslot, alignment)
{
	int vm = self->vm_fd;
	char *m = self->mem;

	EXPECT_ERRNO(EINVAL, set_region(vm, 0, 0, 0, SEG_SIZE + 1, m));
	EXPECT_ERRNO(EINVAL, set_region(vm, 0, 0, 0x800, SEG_SIZE, m));
	EXPECT_ERRNO(EINVAL, set_region(vm, 0, 0, 0, SEG_SIZE, m + 8));
	/* s390: userspace address and size on a segment boundary */
	EXPECT_ERRNO(EINVAL, set_region(vm, 0, 0, 0, SEG_SIZE, m + 4096));
	EXPECT_ERRNO(EINVAL, set_region(vm, 0, 0, 0, 4096, m));
	EXPECT_ERRNO(EINVAL, set_region(vm, 0, 0, 0, SEG_SIZE + 4096, m));
	/* the guest address wraps */
	EXPECT_ERRNO(EINVAL, set_region(vm, 0, 0, -SEG_SIZE & ~4095UL,
					2 * SEG_SIZE, m));
}

TEST_F(memslot, flags)
{
	/* s390 has no read-only memory */
	EXPECT_ERRNO(EINVAL, set_region(self->vm_fd, 0, KVM_MEM_READONLY, 0,
					SEG_SIZE, self->mem));
	EXPECT_ERRNO(EINVAL, set_region(self->vm_fd, 0, 0x80, 0, SEG_SIZE,
					self->mem));
	EXPECT_EQ(0, set_region(self->vm_fd, 0, KVM_MEM_LOG_DIRTY_PAGES, 0,
				SEG_SIZE, self->mem));
}

TEST_F(memslot, slot_ids)
{
	int vm = self->vm_fd;

	EXPECT_ERRNO(EINVAL, set_region(vm, 1 << 16, 0, 0, SEG_SIZE,
					self->mem));
	EXPECT_ERRNO(EINVAL, set_region(vm, 32767, 0, 0, SEG_SIZE,
					self->mem));
	EXPECT_EQ(0, set_region(vm, 32766, 0, 0, SEG_SIZE, self->mem));
}

TEST_F(memslot, overlap)
{
	int vm = self->vm_fd;
	char *m = self->mem;

	ASSERT_EQ(0, set_region(vm, 0, 0, SEG_SIZE, 2 * SEG_SIZE, m));
	EXPECT_ERRNO(EEXIST, set_region(vm, 1, 0, 0, 2 * SEG_SIZE,
					m + 2 * SEG_SIZE));
	EXPECT_ERRNO(EEXIST, set_region(vm, 1, 0, 2 * SEG_SIZE, SEG_SIZE,
					m + 2 * SEG_SIZE));
	EXPECT_ERRNO(EEXIST, set_region(vm, 1, 0, 2 * SEG_SIZE,
					2 * SEG_SIZE, m + 2 * SEG_SIZE));
	/* adjacent is fine; the same host memory twice is fine too */
	EXPECT_EQ(0, set_region(vm, 1, 0, 3 * SEG_SIZE, SEG_SIZE, m));
	EXPECT_EQ(0, set_region(vm, 2, 0, 0, SEG_SIZE, m + 3 * SEG_SIZE));
}

TEST_F(memslot, modify)
{
	int vm = self->vm_fd;
	char *m = self->mem;

	ASSERT_EQ(0, set_region(vm, 0, 0, 0, SEG_SIZE, m));
	/* size and host address of a slot are fixed */
	EXPECT_ERRNO(EINVAL, set_region(vm, 0, 0, 0, 2 * SEG_SIZE, m));
	EXPECT_ERRNO(EINVAL, set_region(vm, 0, 0, 0, SEG_SIZE, m + SEG_SIZE));
	/* moving and changing flags are allowed */
	EXPECT_EQ(0, set_region(vm, 0, 0, 8 * SEG_SIZE, SEG_SIZE, m));
	EXPECT_EQ(0, set_region(vm, 0, KVM_MEM_LOG_DIRTY_PAGES, 8 * SEG_SIZE,
				SEG_SIZE, m));
	EXPECT_EQ(0, set_region(vm, 0, 0, 8 * SEG_SIZE, SEG_SIZE, m));
	/* a move into another slot overlaps */
	ASSERT_EQ(0, set_region(vm, 1, 0, 0, SEG_SIZE, m + SEG_SIZE));
	EXPECT_ERRNO(EEXIST, set_region(vm, 0, 0, 0, SEG_SIZE, m));
}

TEST_F(memslot, delete)
{
	int vm = self->vm_fd;

	EXPECT_ERRNO(EINVAL, set_region(vm, 5, 0, 0, 0, self->mem));
	ASSERT_EQ(0, set_region(vm, 5, 0, 0, SEG_SIZE, self->mem));
	EXPECT_EQ(0, set_region(vm, 5, 0, 0, 0, self->mem));
	EXPECT_ERRNO(EINVAL, set_region(vm, 5, 0, 0, 0, self->mem));
	/* the range is free again */
	EXPECT_EQ(0, set_region(vm, 6, 0, 0, SEG_SIZE, self->mem));
}

TEST_F(memslot, many_slots)
{
	int i;

	for (i = 0; i < 64; i++)
		ASSERT_EQ(0, set_region(self->vm_fd, 64 - i, 0,
					(uint64_t)i * SEG_SIZE, SEG_SIZE,
					self->mem));
	for (i = 0; i < 64; i += 2)
		ASSERT_EQ(0, set_region(self->vm_fd, 64 - i, 0, 0, 0,
					self->mem));
	EXPECT_ERRNO(EEXIST, set_region(self->vm_fd, 100, 0, SEG_SIZE,
					SEG_SIZE, self->mem));
	EXPECT_EQ(0, set_region(self->vm_fd, 100, 0, 0, SEG_SIZE,
				self->mem));
}

TEST_F(memslot, dirty_log)
{
	unsigned long bitmap[SEG_SIZE / 4096 / (8 * sizeof(long))];
	struct kvm_dirty_log log = { .slot = 0, .dirty_bitmap = bitmap };
	size_t i;

	ASSERT_EQ(0, set_region(self->vm_fd, 0, 0, 0, SEG_SIZE, self->mem));
	EXPECT_ERRNO(ENOENT, ioctl(self->vm_fd, KVM_GET_DIRTY_LOG, &log));
	ASSERT_EQ(0, set_region(self->vm_fd, 0, KVM_MEM_LOG_DIRTY_PAGES, 0,
				SEG_SIZE, self->mem));
	memset(bitmap, 0xff, sizeof(bitmap));
	EXPECT_EQ(0, ioctl(self->vm_fd, KVM_GET_DIRTY_LOG, &log));
	for (i = 0; i < sizeof(bitmap) / sizeof(bitmap[0]); i++)
		EXPECT_EQ(0, bitmap[i]);
	log.slot = 3;
	EXPECT_ERRNO(ENOENT, ioctl(self->vm_fd, KVM_GET_DIRTY_LOG, &log));
	log.slot = 0;
	log.dirty_bitmap = BAD_PTR;
	EXPECT_ERRNO(EFAULT, ioctl(self->vm_fd, KVM_GET_DIRTY_LOG, &log));
	EXPECT_ERRNO(EFAULT, ioctl(self->vm_fd, KVM_GET_DIRTY_LOG, BAD_PTR));
}

#define LOG_LONGS	(SEG_SIZE / 4096 / (8 * sizeof(long)))

/*
 * Have the kernel dirty guest pages @ind_gfn and @sum_gfn: an adapter
 * interrupt through an irqfd sets an indicator and a summary bit and
 * marks both pages dirty (mark_page_dirty() in the route's set path).
 * Once the irqfd is deassigned the injection has completed.
 */
static void kernel_dirty(struct __test_metadata *_metadata, int vm,
			 uint64_t ind_gfn, uint64_t sum_gfn)
{
	struct route r = { .gsi = 0, .adapter = 0, .ind = ind_gfn * 4096,
			   .sum = sum_gfn * 4096 };
	int flic, efd;

	ASSERT_EQ(0, enable_irqchip(vm));
	flic = create_flic(vm);
	ASSERT_GE(flic, 0);
	ASSERT_EQ(0, register_adapter(flic, 0, 3, true, false, false));
	ASSERT_EQ(0, set_routes(vm, &r, 1));
	efd = eventfd(0, EFD_CLOEXEC);
	ASSERT_GE(efd, 0);
	ASSERT_EQ(0, irqfd(vm, efd, 0, 0));
	efd_signal(efd);
	while (efd_pending(efd))
		sched_yield();
	ASSERT_EQ(0, irqfd(vm, efd, 0, KVM_IRQFD_FLAG_DEASSIGN));
	close(efd);
	close(flic);
}

/* The log of slot 0 holds exactly the pages @a and @b. */
static void expect_log(struct __test_metadata *_metadata, int vm,
		       unsigned int a, unsigned int b)
{
	unsigned long bitmap[LOG_LONGS], want[LOG_LONGS] = { 0 };
	struct kvm_dirty_log log = { .slot = 0, .dirty_bitmap = bitmap };
	size_t i;

	want[a / (8 * sizeof(long))] |= 1UL << (a % (8 * sizeof(long)));
	want[b / (8 * sizeof(long))] |= 1UL << (b % (8 * sizeof(long)));
	memset(bitmap, 0, sizeof(bitmap));
	ASSERT_EQ(0, ioctl(vm, KVM_GET_DIRTY_LOG, &log));
	for (i = 0; i < LOG_LONGS; i++)
		EXPECT_EQ(want[i], bitmap[i]) TH_LOG("word %zu", i);
}

/* a fault on the copy-out loses no dirty bit */
TEST_F(memslot, dirty_log_fault_keeps_bits)
{
	struct kvm_dirty_log log = { .slot = 0, .dirty_bitmap = BAD_PTR };
	unsigned long bitmap[LOG_LONGS];
	int vm = self->vm_fd;
	size_t i;

	ASSERT_EQ(0, set_region(vm, 0, KVM_MEM_LOG_DIRTY_PAGES, 0, SEG_SIZE,
				self->mem));
	kernel_dirty(_metadata, vm, 2, 69);
	EXPECT_ERRNO(EFAULT, ioctl(vm, KVM_GET_DIRTY_LOG, &log));
	EXPECT_ERRNO(EFAULT, ioctl(vm, KVM_GET_DIRTY_LOG, &log));
	expect_log(_metadata, vm, 2, 69);
	/* a successful get clears: the next one has nothing */
	memset(bitmap, 0xff, sizeof(bitmap));
	log.dirty_bitmap = bitmap;
	ASSERT_EQ(0, ioctl(vm, KVM_GET_DIRTY_LOG, &log));
	for (i = 0; i < LOG_LONGS; i++)
		EXPECT_EQ(0, bitmap[i]);
}

/* moving a logged slot keeps its (slot-relative) dirty bits */
TEST_F(memslot, dirty_log_survives_move)
{
	int vm = self->vm_fd;

	ASSERT_EQ(0, set_region(vm, 0, KVM_MEM_LOG_DIRTY_PAGES, 0, SEG_SIZE,
				self->mem));
	kernel_dirty(_metadata, vm, 7, 200);
	ASSERT_EQ(0, set_region(vm, 0, KVM_MEM_LOG_DIRTY_PAGES,
				8 * SEG_SIZE, SEG_SIZE, self->mem));
	expect_log(_metadata, vm, 7, 200);
}

TEST_F(memslot, bad_pointer)
{
	EXPECT_ERRNO(EFAULT, ioctl(self->vm_fd, KVM_SET_USER_MEMORY_REGION,
				   BAD_PTR));
}

TEST_HARNESS_MAIN

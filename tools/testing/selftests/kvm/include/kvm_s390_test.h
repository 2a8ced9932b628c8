/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the s390 KVM selftests.  Only the real syscall
 * interface (open/ioctl/mmap/close) and <linux/kvm.h>; unlike the guest
 * library (tools/lib/s390), nothing here needs the user-mode host.
 */
#ifndef SELFTEST_KVM_S390_TEST_H
#define SELFTEST_KVM_S390_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kvm.h>

#define SEG_SIZE	(1UL << 20)	/* s390 memslots are 1 MB aligned */

/* An address that is never mapped: the first page. */
#define BAD_PTR		((void *)8)

static inline int open_kvm(void)
{
	return open("/dev/kvm", O_RDWR | O_CLOEXEC);
}

static inline int create_vm(int kvm_fd)
{
	return ioctl(kvm_fd, KVM_CREATE_VM, 0);
}

/* @size bytes of anonymous memory at a 1 MB aligned address. */
static inline void *alloc_seg_aligned(size_t size)
{
	uintptr_t p;
	void *m;

	m = mmap(NULL, size + SEG_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	p = ((uintptr_t)m + SEG_SIZE - 1) & ~(SEG_SIZE - 1);
	return (void *)p;
}

static inline int set_region(int vm_fd, uint32_t slot, uint32_t flags,
			     uint64_t gpa, uint64_t size, void *uaddr)
{
	struct kvm_userspace_memory_region r = {
		.slot = slot,
		.flags = flags,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (uintptr_t)uaddr,
	};

	return ioctl(vm_fd, KVM_SET_USER_MEMORY_REGION, &r);
}

/* The lowest free descriptor number: equal before/after = no fd leak. */
static inline int lowest_free_fd(void)
{
	int fd = dup(0);

	if (fd >= 0)
		close(fd);
	return fd;
}

#endif /* SELFTEST_KVM_S390_TEST_H */

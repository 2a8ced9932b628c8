// SPDX-License-Identifier: GPL-2.0
/*
 * s390 adapter interrupt routing through the syscall interface:
 * capabilities, the errnos of KVM_CREATE_IRQCHIP / KVM_SET_GSI_ROUTING /
 * KVM_IRQFD, and what an irqfd signal does to guest memory and the FLIC:
 * indicator and summary bits numbered as upstream (swap = 1 and 0,
 * offsets across words and up to the page end), coalescing while the
 * summary bit is set, masked adapters and AIS single mode.
 */
#include <fcntl.h>

#include "kselftest_harness.h"
#include "irq_util.h"
#include "s390/vm.h"

#define IND_GPA		0x200000UL	/* indicator page */
#define SUM_GPA		0x201000UL	/* summary page */
#define FAR_GPA		(64UL << 20)	/* not backed by a memslot */
#define ISC		3
/* KVM_DEV_FLIC_AISM modes (kernel-internal names in 6.1) */
#define KVM_S390_AIS_MODE_ALL		0
#define KVM_S390_AIS_MODE_SINGLE	1

FIXTURE(rt) {
	struct sim_vm *vm;
	int flic;
	int efd;
};

FIXTURE_SETUP(rt)
{
	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	self->flic = create_flic(self->vm->fd);
	ASSERT_GE(self->flic, 0);
	self->efd = eventfd(0, EFD_CLOEXEC);
	ASSERT_GE(self->efd, 0);
}

FIXTURE_TEARDOWN(rt)
{
	close(self->efd);
	close(self->flic);
	sim_vm_free(self->vm);
}

static uint8_t *gmem(struct sim_vm *vm, uint64_t gpa)
{
	return sim_gpa2hva(vm, gpa);
}

/*
 * Guest memory is shared with the kernel's injections (the irqfd waiter
 * thread): read and write it atomically, as a guest CPU would.
 */
static uint8_t ld8(const uint8_t *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void st8(uint8_t *p, uint8_t v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

static void clear_page(uint8_t *p)
{
	int i;

	for (i = 0; i < 4096; i++)
		st8(&p[i], 0);
}

static int count_set_bytes(const uint8_t *p, size_t len)
{
	size_t i;
	int n = 0;

	for (i = 0; i < len; i++)
		n += ld8(&p[i]) != 0;
	return n;
}

TEST_F(rt, caps)
{
	int fd = self->vm->fd;

	EXPECT_EQ(1, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_S390_IRQCHIP));
	EXPECT_EQ(4096, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_IRQ_ROUTING));
	EXPECT_EQ(1, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_IRQFD));
	/* resampling irqfds are not implemented, so not advertised */
	EXPECT_EQ(0, ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_IRQFD_RESAMPLE));
}

TEST_F(rt, create_irqchip_needs_cap)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_S390_IRQCHIP };

	EXPECT_EQ(-1, ioctl(self->vm->fd, KVM_CREATE_IRQCHIP, 0));
	EXPECT_EQ(EINVAL, errno);
	cap.flags = 1;
	EXPECT_EQ(-1, ioctl(self->vm->fd, KVM_ENABLE_CAP, &cap));
	EXPECT_EQ(EINVAL, errno);
	cap.flags = 0;
	ASSERT_EQ(0, ioctl(self->vm->fd, KVM_ENABLE_CAP, &cap));
	EXPECT_EQ(0, ioctl(self->vm->fd, KVM_CREATE_IRQCHIP, 0));
}

/*
 * As 6.1: routes need no irqchip (upstream's 2026 s390 irq_routing
 * selftest sets them without one), still checked entry by entry, and
 * KVM_CREATE_IRQCHIP then installs its empty table over them.
 */
TEST_F(rt, routing_before_irqchip)
{
	struct route r = { .gsi = 0, .ind = IND_GPA, .sum = SUM_GPA };
	struct route bad = { .gsi = 0, .ind = IND_GPA, .sum = SUM_GPA,
			     .ind_off = 4096 * 8 };

	EXPECT_EQ(0, set_routes(self->vm->fd, &r, 1));
	EXPECT_EQ(-1, set_routes(self->vm->fd, &bad, 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, set_routes(self->vm->fd, &r, 1));
	ASSERT_EQ(0, enable_irqchip(self->vm->fd));
	EXPECT_EQ(0, set_routes(self->vm->fd, &r, 1));
}

TEST_F(rt, routing_errnos)
{
	struct kvm_irq_routing *rt;
	struct route r[2] = {
		{ .gsi = 1, .ind = IND_GPA, .sum = SUM_GPA },
		{ .gsi = 1, .ind = IND_GPA, .sum = SUM_GPA, .ind_off = 1 },
	};
	int fd = self->vm->fd;

	ASSERT_EQ(0, enable_irqchip(fd));
	rt = calloc(1, sizeof(*rt) + 2 * sizeof(rt->entries[0]));
	ASSERT_NE(NULL, rt);

	/* every type but the s390 adapter */
	rt->nr = 1;
	rt->entries[0].type = KVM_IRQ_ROUTING_IRQCHIP;
	EXPECT_EQ(-1, ioctl(fd, KVM_SET_GSI_ROUTING, rt));
	EXPECT_EQ(EINVAL, errno);
	rt->entries[0].type = KVM_IRQ_ROUTING_MSI;
	EXPECT_EQ(-1, ioctl(fd, KVM_SET_GSI_ROUTING, rt));
	EXPECT_EQ(EINVAL, errno);
	rt->entries[0].type = 42;
	EXPECT_EQ(-1, ioctl(fd, KVM_SET_GSI_ROUTING, rt));
	EXPECT_EQ(EINVAL, errno);

	/* entry flags, table flags, too many entries, gsi range */
	rt->entries[0].type = KVM_IRQ_ROUTING_S390_ADAPTER;
	rt->entries[0].u.adapter.ind_addr = IND_GPA;
	rt->entries[0].u.adapter.summary_addr = SUM_GPA;
	rt->entries[0].flags = 1;
	EXPECT_EQ(-1, ioctl(fd, KVM_SET_GSI_ROUTING, rt));
	EXPECT_EQ(EINVAL, errno);
	rt->entries[0].flags = 0;
	rt->flags = 1;
	EXPECT_EQ(-1, ioctl(fd, KVM_SET_GSI_ROUTING, rt));
	EXPECT_EQ(EINVAL, errno);
	rt->flags = 0;
	rt->nr = 4097;
	EXPECT_EQ(-1, ioctl(fd, KVM_SET_GSI_ROUTING, rt));
	EXPECT_EQ(EINVAL, errno);
	rt->nr = 1;
	rt->entries[0].gsi = 4096;
	EXPECT_EQ(-1, ioctl(fd, KVM_SET_GSI_ROUTING, rt));
	EXPECT_EQ(EINVAL, errno);
	rt->entries[0].gsi = 4095;
	EXPECT_EQ(0, ioctl(fd, KVM_SET_GSI_ROUTING, rt));
	/* an empty table is fine */
	rt->nr = 0;
	EXPECT_EQ(0, ioctl(fd, KVM_SET_GSI_ROUTING, rt));
	free(rt);

	/* a gsi has at most one non-irqchip route */
	EXPECT_EQ(-1, set_routes(fd, r, 2));
	EXPECT_EQ(EINVAL, errno);
	r[1].gsi = 2;
	EXPECT_EQ(0, set_routes(fd, r, 2));

	/* bad pointers */
	EXPECT_EQ(-1, ioctl(fd, KVM_SET_GSI_ROUTING, (void *)8));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(rt, indicator_range_and_memslots)
{
	struct route r = { .gsi = 0, .ind = IND_GPA, .sum = SUM_GPA };
	int fd = self->vm->fd;

	ASSERT_EQ(0, enable_irqchip(fd));
	r.ind_off = 4096 * 8;
	EXPECT_EQ(-1, set_routes(fd, &r, 1));
	EXPECT_EQ(EINVAL, errno);
	r.ind_off = 4096 * 8 - 4;
	EXPECT_EQ(0, set_routes(fd, &r, 1));
	/* addr + offset / 8 leaves the page of addr */
	r.ind = IND_GPA + 0x800;
	r.ind_off = 0x800 * 8;
	EXPECT_EQ(-1, set_routes(fd, &r, 1));
	EXPECT_EQ(EINVAL, errno);
	r.ind_off = 0x800 * 8 - 1;
	EXPECT_EQ(0, set_routes(fd, &r, 1));
	r.ind_off = ~0ULL;
	EXPECT_EQ(-1, set_routes(fd, &r, 1));
	EXPECT_EQ(EINVAL, errno);
	r.ind_off = 0;
	r.sum_off = 4096 * 8;
	EXPECT_EQ(-1, set_routes(fd, &r, 1));
	EXPECT_EQ(EINVAL, errno);
	r.sum = SUM_GPA + 4095;
	r.sum_off = 7;
	EXPECT_EQ(0, set_routes(fd, &r, 1));
	r.sum_off = 8;
	EXPECT_EQ(-1, set_routes(fd, &r, 1));
	EXPECT_EQ(EINVAL, errno);

	/* guest physical addresses without a memslot */
	r.sum = SUM_GPA;
	r.sum_off = 0;
	r.ind = FAR_GPA;
	EXPECT_EQ(-1, set_routes(fd, &r, 1));
	EXPECT_EQ(EFAULT, errno);
	r.ind = IND_GPA;
	r.sum = FAR_GPA;
	EXPECT_EQ(-1, set_routes(fd, &r, 1));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(rt, irqfd_errnos)
{
	int fd = self->vm->fd, efd2, devnull;

	ASSERT_EQ(0, enable_irqchip(fd));
	EXPECT_EQ(-1, irqfd(fd, self->efd, 0, KVM_IRQFD_FLAG_RESAMPLE));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, irqfd(fd, self->efd, 0, 4));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, irqfd(fd, -1, 0, 0));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, irqfd(fd, 1000, 0, 0));
	EXPECT_EQ(EBADF, errno);
	devnull = open("/dev/null", O_RDWR);
	ASSERT_GE(devnull, 0);
	EXPECT_EQ(-1, irqfd(fd, devnull, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	close(devnull);
	EXPECT_EQ(-1, ioctl(fd, KVM_IRQFD, (void *)8));
	EXPECT_EQ(EFAULT, errno);

	EXPECT_EQ(0, irqfd(fd, self->efd, 0, 0));
	/* one eventfd drives one irqfd, even under another gsi or fd */
	EXPECT_EQ(-1, irqfd(fd, self->efd, 5, 0));
	EXPECT_EQ(EBUSY, errno);
	efd2 = dup(self->efd);
	EXPECT_EQ(-1, irqfd(fd, efd2, 0, 0));
	EXPECT_EQ(EBUSY, errno);
	close(efd2);
	/* deassigning what is not assigned is not an error */
	EXPECT_EQ(0, irqfd(fd, self->efd, 7, KVM_IRQFD_FLAG_DEASSIGN));
	EXPECT_EQ(0, irqfd(fd, self->efd, 0, KVM_IRQFD_FLAG_DEASSIGN));
	EXPECT_EQ(0, irqfd(fd, self->efd, 0, KVM_IRQFD_FLAG_DEASSIGN));
	EXPECT_EQ(0, irqfd(fd, self->efd, 5, 0));
}

/* One signal through a fresh route; check the page contents. */
static void one_bit(struct __test_metadata *_metadata, struct sim_vm *vm,
		    int flic, int efd, bool swap, uint64_t ind_in_page,
		    uint64_t ind_off, uint64_t sum_in_page, uint32_t sum_off)
{
	struct route r = {
		.gsi = 3, .adapter = swap ? 0 : 1,
		.ind = IND_GPA + ind_in_page, .ind_off = ind_off,
		.sum = SUM_GPA + sum_in_page, .sum_off = sum_off,
	};
	uint8_t *ind = gmem(vm, IND_GPA), *sum = gmem(vm, SUM_GPA);
	uint64_t byte;
	uint8_t mask;
	int before = adapter_irqs(flic, ISC);

	clear_page(ind);
	clear_page(sum);
	ASSERT_EQ(0, set_routes(vm->fd, &r, 1));
	efd_signal(efd);
	ASSERT_EQ(0, efd_settle(vm->fd, efd, 3));

	ind_pos(r.ind, ind_off, swap, &byte, &mask);
	ASSERT_LT(byte, 4096);
	EXPECT_EQ(mask, ld8(&ind[byte])) {
		TH_LOG("swap %d addr +%#lx off %lu: byte %lu",
		       swap, (unsigned long)ind_in_page,
		       (unsigned long)ind_off, (unsigned long)byte);
	}
	EXPECT_EQ(1, count_set_bytes(ind, 4096));
	ind_pos(r.sum, sum_off, swap, &byte, &mask);
	EXPECT_EQ(mask, ld8(&sum[byte]));
	EXPECT_EQ(1, count_set_bytes(sum, 4096));
	EXPECT_EQ(before + 1, adapter_irqs(flic, ISC));
}

static const struct { uint64_t addr, off; } bit_cases[] = {
	{ 0, 0 }, { 0, 1 }, { 0, 7 }, { 0, 8 }, { 0, 13 }, { 0, 63 },
	{ 0, 64 }, { 0, 127 }, { 0, 128 }, { 0x10, 13 }, { 3, 5 },
	{ 0x7, 60 }, { 0xff8, 63 }, { 0xff0, 127 }, { 0xfff, 7 },
	{ 0, 4096 * 8 - 4 }, { 0, 4096 * 8 - 1 }, { 0x800, 0x800 * 8 - 1 },
};

TEST_F(rt, indicator_bits_swap)
{
	int i;

	ASSERT_EQ(0, enable_irqchip(self->vm->fd));
	ASSERT_EQ(0, register_adapter(self->flic, 0, ISC, true, false, false));
	ASSERT_EQ(0, irqfd(self->vm->fd, self->efd, 3, 0));
	for (i = 0; i < ARRAY_SIZE(bit_cases); i++)
		one_bit(_metadata, self->vm, self->flic, self->efd, true,
			bit_cases[i].addr, bit_cases[i].off,
			bit_cases[i].addr, bit_cases[i].off % 64);
}

TEST_F(rt, indicator_bits_noswap)
{
	int i;

	ASSERT_EQ(0, enable_irqchip(self->vm->fd));
	ASSERT_EQ(0, register_adapter(self->flic, 1, ISC, false, false,
				      false));
	ASSERT_EQ(0, irqfd(self->vm->fd, self->efd, 3, 0));
	for (i = 0; i < ARRAY_SIZE(bit_cases); i++)
		one_bit(_metadata, self->vm, self->flic, self->efd, false,
			bit_cases[i].addr, bit_cases[i].off,
			bit_cases[i].addr, bit_cases[i].off % 64);
}

TEST_F(rt, coalesce_while_summary_set)
{
	struct route r[2] = {
		{ .gsi = 1, .ind = IND_GPA, .ind_off = 1, .sum = SUM_GPA },
		{ .gsi = 2, .ind = IND_GPA, .ind_off = 2, .sum = SUM_GPA },
	};
	uint8_t *ind = gmem(self->vm, IND_GPA), *sum = gmem(self->vm, SUM_GPA);
	int efd2 = eventfd(0, EFD_CLOEXEC), fd = self->vm->fd;

	ASSERT_GE(efd2, 0);
	ASSERT_EQ(0, enable_irqchip(fd));
	ASSERT_EQ(0, register_adapter(self->flic, 0, ISC, true, false, false));
	ASSERT_EQ(0, set_routes(fd, r, 2));
	ASSERT_EQ(0, irqfd(fd, self->efd, 1, 0));
	ASSERT_EQ(0, irqfd(fd, efd2, 2, 0));

	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 1));
	EXPECT_EQ(0x40, ld8(&ind[0]));
	EXPECT_EQ(0x80, ld8(&sum[0]));
	EXPECT_EQ(1, adapter_irqs(self->flic, ISC));

	/* summary still set: indicator yes, interrupt no */
	efd_signal(efd2);
	ASSERT_EQ(0, efd_settle(fd, efd2, 2));
	EXPECT_EQ(0x60, ld8(&ind[0]));
	EXPECT_EQ(1, adapter_irqs(self->flic, ISC));
	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 1));
	EXPECT_EQ(1, adapter_irqs(self->flic, ISC));

	/* the guest cleared the summary: the next signal interrupts */
	st8(&sum[0], 0);
	st8(&ind[0], 0);
	efd_signal(efd2);
	ASSERT_EQ(0, efd_settle(fd, efd2, 2));
	EXPECT_EQ(0x20, ld8(&ind[0]));
	EXPECT_EQ(0x80, ld8(&sum[0]));
	EXPECT_EQ(2, adapter_irqs(self->flic, ISC));
	/* a burst before the irqfd looks is one injection */
	st8(&sum[0], 0);
	efd_signal(efd2);
	efd_signal(efd2);
	efd_signal(efd2);
	ASSERT_EQ(0, efd_settle(fd, efd2, 2));
	EXPECT_EQ(3, adapter_irqs(self->flic, ISC));
	close(efd2);
}

TEST_F(rt, masked_adapter)
{
	struct route r = { .gsi = 0, .adapter = 4, .ind = IND_GPA,
			   .sum = SUM_GPA, .ind_off = 9 };
	uint8_t *ind = gmem(self->vm, IND_GPA), *sum = gmem(self->vm, SUM_GPA);
	int fd = self->vm->fd;

	ASSERT_EQ(0, enable_irqchip(fd));
	ASSERT_EQ(0, register_adapter(self->flic, 4, ISC, true, true, false));
	ASSERT_EQ(0, modify_adapter(self->flic, 4, KVM_S390_IO_ADAPTER_MASK,
				    1, 0));
	ASSERT_EQ(0, set_routes(fd, &r, 1));
	ASSERT_EQ(0, irqfd(fd, self->efd, 0, 0));

	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 0));
	EXPECT_EQ(0x40, ld8(&ind[1]));
	EXPECT_EQ(0x80, ld8(&sum[0]));
	EXPECT_EQ(0, adapter_irqs(self->flic, ISC));

	ASSERT_EQ(0, modify_adapter(self->flic, 4, KVM_S390_IO_ADAPTER_MASK,
				    0, 0));
	/* summary was left set while masked: still coalesced */
	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 0));
	EXPECT_EQ(0, adapter_irqs(self->flic, ISC));
	st8(&sum[0], 0);
	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 0));
	EXPECT_EQ(1, adapter_irqs(self->flic, ISC));
}

/*
 * AIS single mode on a suppressible (PCI-style) adapter: one interrupt,
 * then silence until AISM re-arms the ISC. Indicators are set anyway.
 */
TEST_F(rt, ais_single_mode)
{
	struct route r = { .gsi = 9, .adapter = 8, .ind = IND_GPA,
			   .sum = SUM_GPA, .ind_off = 0, .sum_off = 0 };
	uint8_t *ind = gmem(self->vm, IND_GPA), *sum = gmem(self->vm, SUM_GPA);
	int fd = self->vm->fd, isc = 5;

	ASSERT_EQ(0, enable_ais(fd));
	ASSERT_EQ(0, enable_irqchip(fd));
	ASSERT_EQ(0, register_adapter(self->flic, 8, isc, true, false, true));
	ASSERT_EQ(0, set_ais_mode(self->flic, isc, KVM_S390_AIS_MODE_SINGLE));
	ASSERT_EQ(0, set_routes(fd, &r, 1));
	ASSERT_EQ(0, irqfd(fd, self->efd, 9, 0));

	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 9));
	EXPECT_EQ(0x80, ld8(&ind[0]));
	EXPECT_EQ(1, adapter_irqs(self->flic, isc));

	/* no-more-interrupts now: summary cleared, still suppressed */
	st8(&sum[0], 0);
	st8(&ind[0], 0);
	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 9));
	EXPECT_EQ(0x80, ld8(&ind[0]));
	EXPECT_EQ(0x80, ld8(&sum[0]));
	EXPECT_EQ(1, adapter_irqs(self->flic, isc));
	/* AIRQ_INJECT (QEMU's path for PCI) is suppressed the same way */
	EXPECT_EQ(0, flic_set(self->flic, KVM_DEV_FLIC_AIRQ_INJECT, 8, 0));
	EXPECT_EQ(1, adapter_irqs(self->flic, isc));

	/* the guest's SIC re-arms: one more */
	ASSERT_EQ(0, set_ais_mode(self->flic, isc, KVM_S390_AIS_MODE_SINGLE));
	st8(&sum[0], 0);
	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 9));
	EXPECT_EQ(2, adapter_irqs(self->flic, isc));

	/* ALL mode: every non-coalesced signal interrupts */
	ASSERT_EQ(0, set_ais_mode(self->flic, isc, KVM_S390_AIS_MODE_ALL));
	st8(&sum[0], 0);
	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 9));
	st8(&sum[0], 0);
	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 9));
	EXPECT_EQ(4, adapter_irqs(self->flic, isc));
}

/* QEMU's sequence for a virtio-ccw device: register, map, route, irqfd. */
TEST_F(rt, qemu_sequence)
{
	struct route r = { .gsi = 0, .adapter = 3, .ind = IND_GPA + 0x40,
			   .sum = SUM_GPA + 3, .ind_off = 2, .sum_off = 3 };
	uint8_t *ind = gmem(self->vm, IND_GPA), *sum = gmem(self->vm, SUM_GPA);
	int fd = self->vm->fd;

	ASSERT_EQ(0, enable_irqchip(fd));
	ASSERT_EQ(0, register_adapter(self->flic, 3, 3, true, false, false));
	ASSERT_EQ(0, modify_adapter(self->flic, 3, KVM_S390_IO_ADAPTER_MAP,
				    0, IND_GPA));
	ASSERT_EQ(0, modify_adapter(self->flic, 3, KVM_S390_IO_ADAPTER_MAP,
				    0, SUM_GPA));
	ASSERT_EQ(0, set_routes(fd, &r, 1));
	ASSERT_EQ(0, irqfd(fd, self->efd, 0, 0));
	efd_signal(self->efd);
	ASSERT_EQ(0, efd_settle(fd, self->efd, 0));
	EXPECT_EQ(0x20, ld8(&ind[0x40]));
	EXPECT_EQ(0x10, ld8(&sum[3]));
	EXPECT_EQ(1, adapter_irqs(self->flic, 3));
	EXPECT_EQ(0, irqfd(fd, self->efd, 0, KVM_IRQFD_FLAG_DEASSIGN));
	EXPECT_EQ(0, modify_adapter(self->flic, 3, KVM_S390_IO_ADAPTER_UNMAP,
				    0, IND_GPA));
	EXPECT_EQ(0, modify_adapter(self->flic, 3, KVM_S390_IO_ADAPTER_UNMAP,
				    0, SUM_GPA));
}

/* A signal sent before the assign is not lost. */
TEST_F(rt, signal_before_assign)
{
	struct route r = { .gsi = 0, .ind = IND_GPA, .sum = SUM_GPA };
	int fd = self->vm->fd;

	ASSERT_EQ(0, enable_irqchip(fd));
	ASSERT_EQ(0, register_adapter(self->flic, 0, ISC, true, false, false));
	ASSERT_EQ(0, set_routes(fd, &r, 1));
	efd_signal(self->efd);
	ASSERT_EQ(0, irqfd(fd, self->efd, 0, 0));
	ASSERT_EQ(0, efd_settle(fd, self->efd, 0));
	EXPECT_EQ(0x80, ld8(gmem(self->vm, IND_GPA)));
	EXPECT_EQ(1, adapter_irqs(self->flic, ISC));
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * The FLIC device's attribute groups: the errno matrix of get/set/has on
 * every group (with AIS off, as upstream's ucontrol selftest checks, and
 * on), argument checks, limits, merge rules, adapters, maps, AIS modes,
 * the legacy KVM_S390_INTERRUPT ioctls and the inject_* statistics.
 */
#include <pthread.h>
#include <sys/mman.h>

#include "kselftest_harness.h"
#include "flic_util.h"

FIXTURE(flic) {
	int kvm_fd;
	int vm_fd;
	int flic_fd;
};

FIXTURE_SETUP(flic)
{
	self->kvm_fd = open_kvm();
	ASSERT_GE(self->kvm_fd, 0);
	self->vm_fd = create_vm(self->kvm_fd);
	ASSERT_GE(self->vm_fd, 0);
	self->flic_fd = create_flic(self->vm_fd);
	ASSERT_GE(self->flic_fd, 0);
}

FIXTURE_TEARDOWN(flic)
{
	close(self->flic_fd);
	close(self->vm_fd);
	close(self->kvm_fd);
}

TEST_F(flic, one_per_vm)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_FLIC,
					.flags = KVM_CREATE_DEVICE_TEST };

	EXPECT_EQ(-1, create_flic(self->vm_fd));
	EXPECT_EQ(EINVAL, errno);
	/* the test flag only asks whether the type exists */
	EXPECT_EQ(0, ioctl(self->vm_fd, KVM_CREATE_DEVICE, &cd));
}

TEST_F(flic, has_attr)
{
	uint32_t g;

	for (g = KVM_DEV_FLIC_GET_ALL_IRQS; g <= KVM_DEV_FLIC_AISM_ALL; g++) {
		EXPECT_EQ(0, flic_has(self->flic_fd, g, 0, 0));
		EXPECT_EQ(0, flic_has(self->flic_fd, g, ~0ULL, 8));
	}
	EXPECT_EQ(-1, flic_has(self->flic_fd, 0, 0, 0));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, flic_has(self->flic_fd, 12, 0, 0));
	EXPECT_EQ(ENXIO, errno);
	EXPECT_EQ(-1, flic_has(self->flic_fd, 0xffffffff, 0, 0));
	EXPECT_EQ(ENXIO, errno);
}

/* What upstream's ucontrol_test expects from a FLIC with AIS off. */
TEST_F(flic, ucontrol_matrix_ais_off)
{
	struct kvm_s390_io_adapter ad = { .id = 1, .isc = 3 };
	struct kvm_s390_io_adapter_req req = { .id = 1, .type = 0 };
	struct kvm_s390_ais_req ais = { .isc = 0, .mode = 0 };
	struct kvm_s390_ais_all all = {};
	uint32_t schid = 0x00010001;
	char buf[PAGE_SZ];
	int fd = self->flic_fd;

	/* GET_ALL_IRQS: get ok, set EINVAL */
	EXPECT_EQ(0, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS, sizeof(buf),
			      (uintptr_t)buf));
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_GET_ALL_IRQS, sizeof(buf),
			       (uintptr_t)buf));
	EXPECT_EQ(EINVAL, errno);

	/* ENQUEUE, CLEAR_IRQS, ADAPTER_REGISTER, AIRQ_INJECT: get EINVAL */
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_ENQUEUE, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ENQUEUE, 0, 0));
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_CLEAR_IRQS, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_CLEAR_IRQS, 0, 0));
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_APF_ENABLE, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_APF_ENABLE, 0, 0));
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_APF_DISABLE_WAIT, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_APF_DISABLE_WAIT, 0, 0));
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			       (uintptr_t)&ad));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			      (uintptr_t)&ad));
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));

	/* ADAPTER_MODIFY with type 0 */
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(EINVAL, errno);

	/* CLEAR_IO_IRQ with attr 32 */
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_CLEAR_IO_IRQ, 32,
			       (uintptr_t)&schid));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_CLEAR_IO_IRQ, 32,
			       (uintptr_t)&schid));
	EXPECT_EQ(EINVAL, errno);

	/* AISM: get EINVAL, set EOPNOTSUPP */
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&ais));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&ais));
	EXPECT_EQ(EOPNOTSUPP, errno);

	/* AISM_ALL: both EOPNOTSUPP (attr >= 2 for get) */
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_AISM_ALL, 8,
			       (uintptr_t)&all));
	EXPECT_EQ(EOPNOTSUPP, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_AISM_ALL, 8,
			       (uintptr_t)&all));
	EXPECT_EQ(EOPNOTSUPP, errno);
	/* the size check comes first */
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_AISM_ALL, 1,
			       (uintptr_t)&all));
	EXPECT_EQ(EINVAL, errno);

	/* unknown groups: EINVAL for get and set (has gives ENXIO) */
	EXPECT_EQ(-1, flic_get(fd, 12, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, 12, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, 0, 0, 0));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(flic, get_all_irqs_args)
{
	struct kvm_s390_irq irqs[3] = {
		io_irq(1, 11, 0), io_irq(2, 22, 0), io_irq(3, 33, 0),
	};
	struct kvm_s390_irq out[3];
	int fd = self->flic_fd;
	void *ro;

	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS, 0,
			       (uintptr_t)out));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS,
			       KVM_S390_FLIC_MAX_BUFFER + 1, (uintptr_t)out));
	EXPECT_EQ(EINVAL, errno);
	/* the maximum itself is fine */
	EXPECT_EQ(0, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS,
			      KVM_S390_FLIC_MAX_BUFFER, (uintptr_t)out));

	ASSERT_EQ(0, enqueue(fd, irqs, 3));
	/* too small: ENOMEM, nothing copied, nothing lost */
	memset(out, 0xa5, sizeof(out));
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS, 2 * IRQ_SZ + 71,
			       (uintptr_t)out));
	EXPECT_EQ(ENOMEM, errno);
	EXPECT_EQ(0xa5a5a5a5a5a5a5a5ULL, out[0].type);
	/* copy fault: EFAULT, nothing lost */
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS, sizeof(out),
			       (uintptr_t)BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
	/* exact fit */
	EXPECT_EQ(3, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS, sizeof(out),
			      (uintptr_t)out));
	EXPECT_EQ(0, memcmp(irqs, out, sizeof(out)));
	/* and again: GET_ALL_IRQS never dequeues */
	EXPECT_EQ(3, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS, sizeof(out),
			      (uintptr_t)out));

	/* a read-only buffer cannot take the entries: EFAULT */
	ro = mmap(NULL, 2 * PAGE_SZ, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	ASSERT_EQ(0, mprotect(ro, 2 * PAGE_SZ, PROT_READ));
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS, 2 * PAGE_SZ,
			       (uintptr_t)ro));
	EXPECT_EQ(EFAULT, errno);
	/* as 6.1: only the entries' bytes are written, the rest may be RO */
	ASSERT_EQ(0, mprotect(ro, PAGE_SZ, PROT_READ | PROT_WRITE));
	EXPECT_EQ(3, flic_get(fd, KVM_DEV_FLIC_GET_ALL_IRQS, 2 * PAGE_SZ,
			      (uintptr_t)ro));
	EXPECT_EQ(0, memcmp(irqs, ro, sizeof(irqs)));
	munmap(ro, 2 * PAGE_SZ);
}

TEST_F(flic, get_all_irqs_order)
{
	struct kvm_s390_irq in[] = {
		ext_irq(KVM_S390_INT_SERVICE, 0x1000, 0),
		{ .type = KVM_S390_MCHK },
		ext_irq(KVM_S390_INT_VIRTIO, 7, 0x77),
		io_irq(0x10, 1, 7),
		ext_irq(KVM_S390_INT_PFAULT_DONE, 0, 0x1234),
		io_irq(0x11, 2, 3),
		io_irq(0x12, 3, 0),
		io_irq(0x13, 4, 3),
	};
	struct kvm_s390_irq *out;
	int n;

	in[1].u.mchk.cr14 = 1 << 28;
	in[1].u.mchk.mcic = 0x00400f1d40330000ULL;
	ASSERT_EQ(0, enqueue(self->flic_fd, in, 8));
	n = get_all_irqs(self->flic_fd, &out);
	ASSERT_EQ(8, n);
	/* I/O by ISC, FIFO within one; pfault; virtio; service; mchk */
	EXPECT_EQ(0, memcmp(&out[0], &in[6], IRQ_SZ));
	EXPECT_EQ(0, memcmp(&out[1], &in[5], IRQ_SZ));
	EXPECT_EQ(0, memcmp(&out[2], &in[7], IRQ_SZ));
	EXPECT_EQ(0, memcmp(&out[3], &in[3], IRQ_SZ));
	EXPECT_EQ(0, memcmp(&out[4], &in[4], IRQ_SZ));
	EXPECT_EQ(0, memcmp(&out[5], &in[2], IRQ_SZ));
	EXPECT_EQ(0, memcmp(&out[6], &in[0], IRQ_SZ));
	EXPECT_EQ(KVM_S390_MCHK, out[7].type);
	EXPECT_EQ(1 << 28, out[7].u.mchk.cr14);
	EXPECT_EQ(in[1].u.mchk.mcic, out[7].u.mchk.mcic);
	free(out);
}

TEST_F(flic, enqueue_args)
{
	struct kvm_s390_irq irqs[2] = { io_irq(1, 1, 0), io_irq(2, 2, 0) };
	struct kvm_s390_irq bad;
	struct kvm_s390_irq *out;
	int fd = self->flic_fd;
	uint64_t types[] = {
		KVM_S390_INT_PFAULT_INIT, KVM_S390_PROGRAM_INT,
		KVM_S390_SIGP_STOP, KVM_S390_RESTART, KVM_S390_INT_EMERGENCY,
		KVM_S390_INT_EXTERNAL_CALL, KVM_S390_INT_CLOCK_COMP,
		KVM_S390_INT_CPU_TIMER, KVM_S390_SIGP_SET_PREFIX,
		0xfffe0006, 0x100000000ULL, ~0ULL,
	};
	unsigned int i;

	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ENQUEUE, 71,
			       (uintptr_t)irqs));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ENQUEUE, IRQ_SZ + 1,
			       (uintptr_t)irqs));
	EXPECT_EQ(EINVAL, errno);
	/* a multiple of 72 beyond the maximum */
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ENQUEUE,
			       (KVM_S390_FLIC_MAX_BUFFER / IRQ_SZ + 1) * IRQ_SZ,
			       (uintptr_t)irqs));
	EXPECT_EQ(EINVAL, errno);
	/*
	 * Differs from upstream: the length is a u64. Upstream truncates
	 * 0xfffffff0 to the int -16, which as a size_t is a multiple of 72
	 * and not above the maximum, so it returns 0 having done nothing.
	 */
	EXPECT_EQ(0, (uint64_t)(int64_t)(int32_t)0xfffffff0U % IRQ_SZ);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ENQUEUE, 0xfffffff0ULL,
			       (uintptr_t)irqs));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ENQUEUE,
			       0x100000000ULL * IRQ_SZ, (uintptr_t)irqs));
	EXPECT_EQ(EINVAL, errno);
	/* zero length: nothing, whatever the address */
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ENQUEUE, 0, (uintptr_t)BAD_PTR));
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ENQUEUE, IRQ_SZ,
			       (uintptr_t)BAD_PTR));
	EXPECT_EQ(EFAULT, errno);

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		bad = ext_irq(types[i], 0, 0);
		EXPECT_EQ(-1, enqueue(fd, &bad, 1));
		EXPECT_EQ(EINVAL, errno);
	}

	/* element by element, no rollback: the first one stays */
	irqs[1].type = KVM_S390_INT_PFAULT_INIT;
	EXPECT_EQ(-1, enqueue(fd, irqs, 2));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(1, get_all_irqs(fd, &out));
	EXPECT_EQ(0, memcmp(&out[0], &irqs[0], IRQ_SZ));
	free(out);
}

TEST_F(flic, service_merge)
{
	struct kvm_s390_irq a = ext_irq(KVM_S390_INT_SERVICE, 0x2000 | 1, 0);
	struct kvm_s390_irq b = ext_irq(KVM_S390_INT_SERVICE, 0x3000 | 2, 0);
	struct kvm_s390_irq *out;

	ASSERT_EQ(0, enqueue(self->flic_fd, &a, 1));
	ASSERT_EQ(0, enqueue(self->flic_fd, &b, 1));
	ASSERT_EQ(1, get_all_irqs(self->flic_fd, &out));
	/* event bits OR-ed, the second SCCB dropped */
	EXPECT_EQ(KVM_S390_INT_SERVICE, out[0].type);
	EXPECT_EQ(0x2000 | 3, out[0].u.ext.ext_params);
	free(out);
	EXPECT_EQ(2, stat_of(self->vm_fd, "inject_service_signal"));
}

TEST_F(flic, mchk_merge)
{
	struct kvm_s390_irq m = { .type = KVM_S390_MCHK };
	struct kvm_s390_irq *out;

	m.u.mchk.cr14 = (1 << 28) | 0xff;
	m.u.mchk.mcic = 0x1;
	ASSERT_EQ(0, enqueue(self->flic_fd, &m, 1));
	m.u.mchk.cr14 = 0;
	m.u.mchk.mcic = 0x100;
	ASSERT_EQ(0, enqueue(self->flic_fd, &m, 1));
	ASSERT_EQ(1, get_all_irqs(self->flic_fd, &out));
	EXPECT_EQ(1 << 28, out[0].u.mchk.cr14);
	EXPECT_EQ(0x101, out[0].u.mchk.mcic);
	free(out);
	EXPECT_EQ(2, stat_of(self->vm_fd, "inject_float_mchk"));
}

TEST_F(flic, clear_irqs)
{
	struct kvm_s390_irq in[] = {
		io_irq(1, 1, 2), ext_irq(KVM_S390_INT_SERVICE, 8, 0),
		ext_irq(KVM_S390_INT_VIRTIO, 1, 2),
		ext_irq(KVM_S390_INT_PFAULT_DONE, 0, 3),
		{ .type = KVM_S390_MCHK, .u.mchk.cr14 = 1 << 28 },
	};
	struct kvm_s390_irq *out;

	ASSERT_EQ(0, enqueue(self->flic_fd, in, 5));
	ASSERT_EQ(5, get_all_irqs(self->flic_fd, &out));
	free(out);
	EXPECT_EQ(0, flic_set(self->flic_fd, KVM_DEV_FLIC_CLEAR_IRQS, 0, 0));
	EXPECT_EQ(0, get_all_irqs(self->flic_fd, &out));
	free(out);
	/* counters went too: the full limit is available again */
}

TEST_F(flic, clear_io_irq)
{
	struct kvm_s390_irq in[] = {
		io_irq(5, 1, 3), io_irq(6, 2, 1), io_irq(5, 3, 0),
	};
	struct kvm_s390_irq *out;
	uint32_t schid = (uint32_t)SCH_ID(0) << 16 | 5;
	uint32_t zero = 0;
	struct kvm_device_attr a = {
		.flags = 1, .group = KVM_DEV_FLIC_CLEAR_IO_IRQ, .attr = 4,
		.addr = (uintptr_t)&schid,
	};
	int fd = self->flic_fd;

	ASSERT_EQ(0, enqueue(fd, in, 3));
	EXPECT_EQ(-1, ioctl(fd, KVM_SET_DEVICE_ATTR, &a));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_CLEAR_IO_IRQ, 8,
			       (uintptr_t)&schid));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_CLEAR_IO_IRQ, 4,
			       (uintptr_t)&zero));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_CLEAR_IO_IRQ, 4,
			       (uintptr_t)BAD_PTR));
	EXPECT_EQ(EFAULT, errno);

	/* at most one, scanning ISC 0 first: removes parm 3 */
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_CLEAR_IO_IRQ, 4,
			      (uintptr_t)&schid));
	ASSERT_EQ(2, get_all_irqs(fd, &out));
	EXPECT_EQ(2, out[0].u.io.io_int_parm);
	EXPECT_EQ(1, out[1].u.io.io_int_parm);
	free(out);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_CLEAR_IO_IRQ, 4,
			      (uintptr_t)&schid));
	/* nothing left for it: still 0 */
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_CLEAR_IO_IRQ, 4,
			      (uintptr_t)&schid));
	ASSERT_EQ(1, get_all_irqs(fd, &out));
	EXPECT_EQ(6, out[0].u.io.subchannel_nr);
	free(out);
}

static int fill(int fd, struct kvm_s390_irq proto, size_t n)
{
	struct kvm_s390_irq *v = malloc(n * IRQ_SZ);
	size_t i;
	int r;

	if (!v)
		return -1;
	for (i = 0; i < n; i++)
		v[i] = proto;
	r = enqueue(fd, v, n);
	free(v);
	return r;
}

TEST_F(flic, limit_io)
{
	struct kvm_s390_irq one = io_irq(1, 0, 4);
	struct kvm_s390_irq *out;

	/* over all ISCs together */
	ASSERT_EQ(0, fill(self->flic_fd, io_irq(1, 0, 0),
			  KVM_S390_MAX_FLOAT_IRQS - 1));
	EXPECT_EQ(0, enqueue(self->flic_fd, &one, 1));
	EXPECT_EQ(-1, enqueue(self->flic_fd, &one, 1));
	EXPECT_EQ(EBUSY, errno);
	one.u.io.io_int_word = AI_WORD(7);
	one.type = KVM_S390_INT_IO(1, 0, 0, 0);
	EXPECT_EQ(-1, enqueue(self->flic_fd, &one, 1));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(KVM_S390_MAX_FLOAT_IRQS, get_all_irqs(self->flic_fd, &out));
	free(out);
	/* other kinds have their own limits */
	one = ext_irq(KVM_S390_INT_VIRTIO, 0, 0);
	EXPECT_EQ(0, enqueue(self->flic_fd, &one, 1));
	EXPECT_EQ(0, flic_set(self->flic_fd, KVM_DEV_FLIC_CLEAR_IRQS, 0, 0));
	one = io_irq(1, 0, 4);
	EXPECT_EQ(0, enqueue(self->flic_fd, &one, 1));
}

TEST_F(flic, limit_virtio)
{
	struct kvm_s390_irq v = ext_irq(KVM_S390_INT_VIRTIO, 1, 2);

	ASSERT_EQ(0, fill(self->flic_fd, v, 87381));
	EXPECT_EQ(-1, enqueue(self->flic_fd, &v, 1));
	EXPECT_EQ(EBUSY, errno);
}

TEST_F(flic, limit_pfault_done)
{
	struct kvm_s390_irq p = ext_irq(KVM_S390_INT_PFAULT_DONE, 0, 9);
	long max = 64 * 255;	/* ASYNC_PF_PER_VCPU * KVM_MAX_VCPUS */

	ASSERT_EQ(0, fill(self->flic_fd, p, max));
	EXPECT_EQ(-1, enqueue(self->flic_fd, &p, 1));
	EXPECT_EQ(EBUSY, errno);
}

TEST_F(flic, adapter_register)
{
	struct kvm_s390_io_adapter ad = { .id = 0, .isc = 7, .maskable = 1 };
	int fd = self->flic_fd;

	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			      (uintptr_t)&ad));
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			       (uintptr_t)&ad));
	EXPECT_EQ(EINVAL, errno);
	ad.id = 63;
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			      (uintptr_t)&ad));
	ad.id = 64;
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			       (uintptr_t)&ad));
	EXPECT_EQ(EINVAL, errno);
	/* differs from upstream: the ISC is validated */
	ad.id = 5;
	ad.isc = 8;
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			       (uintptr_t)&ad));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			       (uintptr_t)BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(flic, adapter_mask_and_inject)
{
	struct kvm_s390_io_adapter ad = { .id = 2, .isc = 5, .maskable = 1 };
	struct kvm_s390_io_adapter nm = { .id = 3, .isc = 1 };
	struct kvm_s390_io_adapter_req req = { .id = 2,
		.type = KVM_S390_IO_ADAPTER_MASK, .mask = 1 };
	struct kvm_s390_irq *out;
	int fd = self->flic_fd;

	ASSERT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			      (uintptr_t)&ad));
	ASSERT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			      (uintptr_t)&nm));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			      (uintptr_t)&req));
	req.mask = 0;
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			      (uintptr_t)&req));
	/* not maskable */
	req.id = 3;
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(EINVAL, errno);
	/* unknown adapter comes first, even with a bad type */
	req.id = 9;
	req.type = 77;
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(EINVAL, errno);
	req.id = 2;
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)BAD_PTR));
	EXPECT_EQ(EFAULT, errno);

	/* AIRQ_INJECT: unknown id EINVAL; else an adapter I/O interrupt */
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 4, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT,
			       0x100000002ULL, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 2, 0));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 3, 0));
	ASSERT_EQ(2, get_all_irqs(fd, &out));
	EXPECT_EQ(KVM_S390_INT_IO(1, 0, 0, 0), out[0].type);
	EXPECT_EQ(AI_WORD(1), out[0].u.io.io_int_word);
	EXPECT_EQ(0, out[0].u.io.subchannel_id);
	EXPECT_EQ(AI_WORD(5), out[1].u.io.io_int_word);
	free(out);
	EXPECT_EQ(2, stat_of(self->vm_fd, "inject_io"));
}

TEST_F(flic, adapter_maps)
{
	struct kvm_s390_io_adapter ad = { .id = 1, .isc = 2 };
	struct kvm_s390_io_adapter_req req = { .id = 1,
		.type = KVM_S390_IO_ADAPTER_MAP, .addr = 0x1000 };
	void *mem = alloc_seg_aligned(SEG_SIZE);
	int fd = self->flic_fd;
	int i;

	ASSERT_NE(NULL, mem);
	ASSERT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			      (uintptr_t)&ad));
	/* no memslot yet: EFAULT */
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(EFAULT, errno);
	ASSERT_EQ(0, set_region(self->vm_fd, 0, 0, 0, SEG_SIZE, mem));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			      (uintptr_t)&req));
	req.addr = SEG_SIZE;	/* just past the slot */
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(EFAULT, errno);

	/* a page that cannot be pinned for writing: EFAULT, as a pin */
	req.addr = 0x1000;
	ASSERT_EQ(0, mprotect(mem, PAGE_SZ * 2, PROT_READ));
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(EFAULT, errno);
	ASSERT_EQ(0, mprotect(mem, PAGE_SZ * 2, PROT_READ | PROT_WRITE));

	/* unmap of an address never mapped: ENOENT (upstream since 2026) */
	req.type = KVM_S390_IO_ADAPTER_UNMAP;
	req.addr = 0x2000;
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(ENOENT, errno);
	req.addr = 0x1000;
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			      (uintptr_t)&req));
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(ENOENT, errno);

	/* at most 256 maps per VM */
	req.type = KVM_S390_IO_ADAPTER_MAP;
	for (i = 0; i < 256; i++) {
		req.addr = i * PAGE_SZ;
		ASSERT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
				      (uintptr_t)&req));
	}
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			       (uintptr_t)&req));
	EXPECT_EQ(EINVAL, errno);
	req.type = KVM_S390_IO_ADAPTER_UNMAP;
	req.addr = 7 * PAGE_SZ;
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			      (uintptr_t)&req));
	req.type = KVM_S390_IO_ADAPTER_MAP;
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_MODIFY, 0,
			      (uintptr_t)&req));
}

TEST_F(flic, legacy_vm_interrupt)
{
	struct kvm_s390_interrupt s = {
		.type = KVM_S390_INT_IO(0, 0, 0, 9),
		.parm = (uint32_t)SCH_ID(0) << 16 | 9,
		.parm64 = (uint64_t)0xabcd << 32 | IO_WORD(6),
	};
	struct kvm_s390_irq *out;

	EXPECT_EQ(0, ioctl(self->vm_fd, KVM_S390_INTERRUPT, &s));
	s.type = KVM_S390_INT_VIRTIO;
	s.parm = 0x11;
	s.parm64 = 0x22;
	EXPECT_EQ(0, ioctl(self->vm_fd, KVM_S390_INTERRUPT, &s));
	s.type = KVM_S390_PROGRAM_INT;
	EXPECT_EQ(-1, ioctl(self->vm_fd, KVM_S390_INTERRUPT, &s));
	EXPECT_EQ(EINVAL, errno);
	s.type = KVM_S390_INT_PFAULT_INIT;
	EXPECT_EQ(-1, ioctl(self->vm_fd, KVM_S390_INTERRUPT, &s));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->vm_fd, KVM_S390_INTERRUPT, BAD_PTR));
	EXPECT_EQ(EFAULT, errno);

	ASSERT_EQ(2, get_all_irqs(self->flic_fd, &out));
	EXPECT_EQ(KVM_S390_INT_IO(0, 0, 0, 9), out[0].type);
	EXPECT_EQ(SCH_ID(0), out[0].u.io.subchannel_id);
	EXPECT_EQ(9, out[0].u.io.subchannel_nr);
	EXPECT_EQ(0xabcd, out[0].u.io.io_int_parm);
	EXPECT_EQ(IO_WORD(6), out[0].u.io.io_int_word);
	EXPECT_EQ(KVM_S390_INT_VIRTIO, out[1].type);
	EXPECT_EQ(0x11, out[1].u.ext.ext_params);
	EXPECT_EQ(0x22, out[1].u.ext.ext_params2);
	free(out);
	EXPECT_EQ(1, stat_of(self->vm_fd, "inject_io"));
	EXPECT_EQ(1, stat_of(self->vm_fd, "inject_virtio"));
}

TEST_F(flic, destroy_keeps_state)
{
	struct kvm_s390_irq in = io_irq(3, 3, 3);

	ASSERT_EQ(0, enqueue(self->flic_fd, &in, 1));
	close(self->flic_fd);
	/* the device lives with the VM: still one per VM */
	self->flic_fd = create_flic(self->vm_fd);
	EXPECT_EQ(-1, self->flic_fd);
	EXPECT_EQ(EINVAL, errno);
	/* the interrupt is still pending for the VM */
	self->flic_fd = -1;
	EXPECT_EQ(1, stat_of(self->vm_fd, "inject_io"));
}

/* ---- AIS ---- */

FIXTURE(ais) {
	int kvm_fd;
	int vm_fd;
	int flic_fd;
};

FIXTURE_SETUP(ais)
{
	self->kvm_fd = open_kvm();
	ASSERT_GE(self->kvm_fd, 0);
	self->vm_fd = create_vm(self->kvm_fd);
	ASSERT_GE(self->vm_fd, 0);
	ASSERT_GT(ioctl(self->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_S390_AIS),
		  0);
	ASSERT_GT(ioctl(self->vm_fd, KVM_CHECK_EXTENSION,
			KVM_CAP_S390_AIS_MIGRATION), 0);
	ASSERT_EQ(0, enable_ais(self->vm_fd));
	self->flic_fd = create_flic(self->vm_fd);
	ASSERT_GE(self->flic_fd, 0);
}

FIXTURE_TEARDOWN(ais)
{
	close(self->flic_fd);
	close(self->vm_fd);
	close(self->kvm_fd);
}

TEST(ais_after_vcpu_is_ebusy)
{
	int kvm = open_kvm(), vm, vcpu;

	ASSERT_GE(kvm, 0);
	vm = create_vm(kvm);
	ASSERT_GE(vm, 0);
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	ASSERT_GE(vcpu, 0);
	EXPECT_EQ(-1, enable_ais(vm));
	EXPECT_EQ(EBUSY, errno);
	close(vcpu);
	close(vm);
	close(kvm);
}

TEST_F(ais, matrix)
{
	struct kvm_s390_ais_req req = { .isc = 3, .mode = 1 };
	struct kvm_s390_ais_all all = { .simm = 0x12, .nimm = 0x02 };
	struct kvm_s390_ais_all got = {};
	int fd = self->flic_fd;

	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&req));
	req.isc = 8;
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&req));
	EXPECT_EQ(EINVAL, errno);
	req.isc = 0;
	req.mode = 2;
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&req));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&req));
	EXPECT_EQ(EINVAL, errno);

	EXPECT_EQ(0, flic_get(fd, KVM_DEV_FLIC_AISM_ALL, 2, (uintptr_t)&got));
	EXPECT_EQ(0x10, got.simm);	/* ISC 3 single */
	EXPECT_EQ(0, got.nimm);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AISM_ALL, 2, (uintptr_t)&all));
	EXPECT_EQ(0, flic_get(fd, KVM_DEV_FLIC_AISM_ALL, 2, (uintptr_t)&got));
	EXPECT_EQ(0x12, got.simm);
	EXPECT_EQ(0x02, got.nimm);
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_AISM_ALL, 1, (uintptr_t)&got));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, flic_get(fd, KVM_DEV_FLIC_AISM_ALL, 2,
			       (uintptr_t)BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, flic_set(fd, KVM_DEV_FLIC_AISM_ALL, 2,
			       (uintptr_t)BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
}

static int pending(int fd)
{
	struct kvm_s390_irq *out;
	int n = get_all_irqs(fd, &out);

	if (n >= 0)
		free(out);
	return n;
}

TEST_F(ais, single_mode)
{
	struct kvm_s390_io_adapter sup = { .id = 1, .isc = 3,
		.flags = KVM_S390_ADAPTER_SUPPRESSIBLE };
	struct kvm_s390_io_adapter plain = { .id = 2, .isc = 3 };
	struct kvm_s390_ais_req req = { .isc = 3, .mode = 1 };
	struct kvm_s390_ais_all got;
	int fd = self->flic_fd;

	ASSERT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			      (uintptr_t)&sup));
	ASSERT_EQ(0, flic_set(fd, KVM_DEV_FLIC_ADAPTER_REGISTER, 0,
			      (uintptr_t)&plain));

	/* ALL mode: every injection arrives */
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(2, pending(fd));
	flic_set(fd, KVM_DEV_FLIC_CLEAR_IRQS, 0, 0);

	/* SINGLE: one, then no-more-interrupts */
	ASSERT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&req));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(0, flic_get(fd, KVM_DEV_FLIC_AISM_ALL, 2, (uintptr_t)&got));
	EXPECT_EQ(0x10, got.simm);
	EXPECT_EQ(0x10, got.nimm);
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(1, pending(fd));
	/* a non-suppressible adapter on the same ISC is not affected */
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 2, 0));
	EXPECT_EQ(2, pending(fd));
	/* re-arm: one more */
	ASSERT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&req));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(3, pending(fd));
	/* back to ALL */
	req.mode = 0;
	ASSERT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AISM, 0, (uintptr_t)&req));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(0, flic_set(fd, KVM_DEV_FLIC_AIRQ_INJECT, 1, 0));
	EXPECT_EQ(5, pending(fd));
}

/* ---- vcpu-local injection ---- */

TEST_F(flic, vcpu_irq_ioctls)
{
	struct kvm_s390_irq irq = { .type = KVM_S390_PROGRAM_INT };
	struct kvm_s390_interrupt s = { .type = KVM_S390_INT_EMERGENCY };
	int vcpu0 = ioctl(self->vm_fd, KVM_CREATE_VCPU, 0);
	int vcpu1 = ioctl(self->vm_fd, KVM_CREATE_VCPU, 1);

	ASSERT_GE(vcpu0, 0);
	ASSERT_GE(vcpu1, 0);
	irq.u.pgm.code = 1;
	EXPECT_EQ(0, ioctl(vcpu0, KVM_S390_IRQ, &irq));
	EXPECT_EQ(1, stat_of(vcpu0, "inject_program"));

	irq.type = KVM_S390_INT_EXTERNAL_CALL;
	irq.u.extcall.code = 1;
	EXPECT_EQ(0, ioctl(vcpu0, KVM_S390_IRQ, &irq));
	/* one external-call slot */
	EXPECT_EQ(-1, ioctl(vcpu0, KVM_S390_IRQ, &irq));
	EXPECT_EQ(EBUSY, errno);
	/* no such sender */
	irq.u.extcall.code = 7;
	EXPECT_EQ(-1, ioctl(vcpu1, KVM_S390_IRQ, &irq));
	EXPECT_EQ(EINVAL, errno);

	s.parm = 1;
	EXPECT_EQ(0, ioctl(vcpu0, KVM_S390_INTERRUPT, &s));
	s.parm = 0x10000;
	EXPECT_EQ(-1, ioctl(vcpu0, KVM_S390_INTERRUPT, &s));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(1, stat_of(vcpu0, "inject_emergency_signal"));

	/* floating types are not local */
	irq = io_irq(1, 1, 1);
	EXPECT_EQ(-1, ioctl(vcpu0, KVM_S390_IRQ, &irq));
	EXPECT_EQ(EINVAL, errno);
	s.type = KVM_S390_INT_SERVICE;
	EXPECT_EQ(-1, ioctl(vcpu0, KVM_S390_INTERRUPT, &s));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(vcpu0, KVM_S390_IRQ, BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
	close(vcpu1);
	close(vcpu0);
}

TEST_HARNESS_MAIN

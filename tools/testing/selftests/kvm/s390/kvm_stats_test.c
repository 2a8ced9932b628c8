// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_GET_STATS_FD on VMs and vcpus: the binary layout (header, id,
 * descriptors, data), the s390 counter names the FLIC and the CPU model
 * bump, and read()/pread() at any offset.
 */
#include "kselftest_harness.h"
#include "../include/kvm_s390_test.h"

struct stats {
	struct kvm_stats_header hdr;
	char id[256];
	char *desc;		/* num_desc descriptors of desc_size bytes */
	size_t desc_size;
	uint64_t *data;
	size_t data_size;
};

static int read_stats(struct __test_metadata *_metadata, int fd,
		      struct stats *s)
{
	size_t n;
	unsigned int i;

	ASSERT_EQ(sizeof(s->hdr), pread(fd, &s->hdr, sizeof(s->hdr), 0));
	EXPECT_EQ(0, s->hdr.flags);
	EXPECT_EQ(48, s->hdr.name_size);	/* KVM_STATS_NAME_SIZE */
	EXPECT_GT(s->hdr.num_desc, 0);
	EXPECT_EQ(sizeof(s->hdr), s->hdr.id_offset);
	EXPECT_EQ(s->hdr.id_offset + s->hdr.name_size, s->hdr.desc_offset);
	s->desc_size = sizeof(struct kvm_stats_desc) + s->hdr.name_size;
	EXPECT_EQ(s->hdr.desc_offset + s->hdr.num_desc * s->desc_size,
		  s->hdr.data_offset);
	ASSERT_EQ(s->hdr.name_size, pread(fd, s->id, s->hdr.name_size,
					   s->hdr.id_offset));
	n = s->hdr.num_desc * s->desc_size;
	s->desc = malloc(n);
	ASSERT_EQ(n, pread(fd, s->desc, n, s->hdr.desc_offset));
	s->data_size = 0;
	for (i = 0; i < s->hdr.num_desc; i++) {
		struct kvm_stats_desc *d = (void *)(s->desc + i * s->desc_size);
		size_t end = d->offset + d->size * sizeof(uint64_t);

		EXPECT_NE(0, d->name[0]);
		EXPECT_GT(d->size, 0);
		if (end > s->data_size)
			s->data_size = end;
	}
	s->data = malloc(s->data_size);
	ASSERT_EQ(s->data_size, pread(fd, s->data, s->data_size,
				      s->hdr.data_offset));
	return 0;
}

static struct kvm_stats_desc *find(struct stats *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->hdr.num_desc; i++) {
		struct kvm_stats_desc *d = (void *)(s->desc + i * s->desc_size);

		if (!strcmp(d->name, name))
			return d;
	}
	return NULL;
}

static void free_stats(struct stats *s)
{
	free(s->desc);
	free(s->data);
}

FIXTURE(stats) {
	int kvm_fd, vm_fd, vcpu_fd;
};

FIXTURE_SETUP(stats)
{
	self->kvm_fd = open_kvm();
	ASSERT_GE(self->kvm_fd, 0);
	self->vm_fd = create_vm(self->kvm_fd);
	ASSERT_GE(self->vm_fd, 0);
	self->vcpu_fd = ioctl(self->vm_fd, KVM_CREATE_VCPU, 3);
	ASSERT_GE(self->vcpu_fd, 0);
}

FIXTURE_TEARDOWN(stats)
{
	close(self->vcpu_fd);
	close(self->vm_fd);
	close(self->kvm_fd);
}

TEST_F(stats, vm_layout)
{
	const char *names[] = {
		"remote_tlb_flush", "inject_io", "inject_float_mchk",
		"inject_pfault_done", "inject_service_signal",
		"inject_virtio",
	};
	int fd = ioctl(self->vm_fd, KVM_GET_STATS_FD, 0);
	struct stats s;
	unsigned int i;

	ASSERT_GE(fd, 0);
	read_stats(_metadata, fd, &s);
	EXPECT_EQ(0, strncmp(s.id, "kvm-", 4)) TH_LOG("id %s", s.id);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct kvm_stats_desc *d = find(&s, names[i]);

		ASSERT_NE(NULL, d) TH_LOG("no %s", names[i]);
		EXPECT_EQ(KVM_STATS_TYPE_CUMULATIVE,
			  d->flags & KVM_STATS_TYPE_MASK);
		EXPECT_EQ(1, d->size);
		EXPECT_EQ(0, s.data[d->offset / 8]);
	}
	free_stats(&s);
	close(fd);
}

TEST_F(stats, vcpu_layout)
{
	const char *names[] = {
		"halt_wakeup", "deliver_io", "deliver_service_signal",
		"deliver_machine_check", "instruction_tsch",
		"instruction_tpi", "instruction_io_other", "exit_wait_state",
	};
	int fd = ioctl(self->vcpu_fd, KVM_GET_STATS_FD, 0);
	struct kvm_stats_desc *d;
	struct stats s;
	unsigned int i;

	ASSERT_GE(fd, 0);
	read_stats(_metadata, fd, &s);
	EXPECT_NE(NULL, strstr(s.id, "vcpu-3")) TH_LOG("id %s", s.id);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		d = find(&s, names[i]);
		ASSERT_NE(NULL, d) TH_LOG("no %s", names[i]);
		EXPECT_EQ(0, s.data[d->offset / 8]);
	}
	d = find(&s, "halt_wait_hist");
	ASSERT_NE(NULL, d);
	EXPECT_EQ(KVM_STATS_TYPE_LOG_HIST, d->flags & KVM_STATS_TYPE_MASK);
	EXPECT_EQ(32, d->size);
	free_stats(&s);
	close(fd);
}

/* Reading in odd-sized pieces gives the same bytes as one pread. */
TEST_F(stats, chunked_reads)
{
	int fd = ioctl(self->vm_fd, KVM_GET_STATS_FD, 0);
	char whole[16384], pieces[16384];
	ssize_t total, n, got = 0;

	ASSERT_GE(fd, 0);
	total = pread(fd, whole, sizeof(whole), 0);
	ASSERT_GT(total, (ssize_t)sizeof(struct kvm_stats_header));
	ASSERT_LT(total, (ssize_t)sizeof(whole));
	while ((n = read(fd, pieces + got, 7)) > 0)
		got += n;
	EXPECT_EQ(0, n);
	EXPECT_EQ(total, got);
	EXPECT_EQ(0, memcmp(whole, pieces, total));
	/* at and past the end: nothing */
	EXPECT_EQ(0, pread(fd, pieces, 8, total));
	EXPECT_EQ(0, pread(fd, pieces, 8, total + 100));
	EXPECT_EQ(8, pread(fd, pieces, 8, total - 8));
	close(fd);
}

TEST_F(stats, read_only_and_efault)
{
	int fd = ioctl(self->vm_fd, KVM_GET_STATS_FD, 0);
	/* volatile: the compiler must not see (and warn about) the value */
	void *volatile bad = BAD_PTR;
	char buf[8] = { 0 };

	ASSERT_GE(fd, 0);
	EXPECT_EQ(-1, pread(fd, bad, 8, 0));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, write(fd, buf, sizeof(buf)));
	EXPECT_EQ(EBADF, errno);
	close(fd);
}

/*
 * Stats fds allow pread() but not pwrite(): the missing FMODE_PWRITE is
 * seen before the read-only mode (ESPIPE, not EBADF); a negative offset
 * is refused before either (EINVAL).
 */
TEST_F(stats, positional_io_errnos)
{
	int fds[2] = {
		ioctl(self->vm_fd, KVM_GET_STATS_FD, 0),
		ioctl(self->vcpu_fd, KVM_GET_STATS_FD, 0),
	};
	char buf[8] = { 0 };
	int i;

	for (i = 0; i < 2; i++) {
		ASSERT_GE(fds[i], 0);
		EXPECT_EQ(8, pread(fds[i], buf, sizeof(buf), 0));
		EXPECT_EQ(-1, pwrite(fds[i], buf, sizeof(buf), 0));
		EXPECT_EQ(ESPIPE, errno);
		EXPECT_EQ(-1, pread(fds[i], buf, sizeof(buf), -1));
		EXPECT_EQ(EINVAL, errno);
		EXPECT_EQ(-1, pwrite(fds[i], buf, sizeof(buf), -8));
		EXPECT_EQ(EINVAL, errno);
		close(fds[i]);
	}
}

TEST_HARNESS_MAIN

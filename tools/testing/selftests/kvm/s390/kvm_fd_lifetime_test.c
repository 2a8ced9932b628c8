// SPDX-License-Identifier: GPL-2.0
/*
 * A VM lives while any of its fds or kvm_run mappings does: close them
 * in every order, many times, and check that nothing crashes, nothing
 * stays mapped twice and no descriptor leaks.
 */
#include "kselftest_harness.h"
#include "../include/kvm_s390_test.h"

enum { VM, VCPU, STATS, RUN, NR_OBJS };

struct objs {
	int vm, vcpu, stats;
	struct kvm_run *run;
	int run_size;
};

static void drop(struct objs *o, int what)
{
	switch (what) {
	case VM:
		close(o->vm);
		break;
	case VCPU:
		close(o->vcpu);
		break;
	case STATS:
		close(o->stats);
		break;
	case RUN:
		munmap(o->run, o->run_size);
		break;
	}
}

static int make(struct __test_metadata *_metadata, int kvm, struct objs *o)
{
	o->run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	o->vm = create_vm(kvm);
	if (o->vm < 0)
		return -1;
	o->vcpu = ioctl(o->vm, KVM_CREATE_VCPU, 0);
	o->stats = ioctl(o->vcpu, KVM_GET_STATS_FD, 0);
	o->run = mmap(NULL, o->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      o->vcpu, 0);
	EXPECT_GE(o->vcpu, 0);
	EXPECT_GE(o->stats, 0);
	EXPECT_NE(MAP_FAILED, o->run);
	return 0;
}

/* the 24 orders of closing four things */
static void nth_permutation(int n, int perm[NR_OBJS])
{
	int avail[NR_OBJS] = { VM, VCPU, STATS, RUN };
	int left = NR_OBJS, i, j, f;

	for (i = 0; i < NR_OBJS; i++) {
		for (f = 1, j = 2; j < left; j++)
			f *= j;
		j = n / f;
		n %= f;
		perm[i] = avail[j];
		for (; j < left - 1; j++)
			avail[j] = avail[j + 1];
		left--;
	}
}

TEST(all_close_orders)
{
	int kvm = open_kvm();
	int lowest, round, p, i, perm[NR_OBJS];
	struct objs o;

	ASSERT_GE(kvm, 0);
	lowest = lowest_free_fd();
	for (round = 0; round < 20; round++) {
		for (p = 0; p < 24; p++) {
			nth_permutation(p, perm);
			ASSERT_EQ(0, make(_metadata, kvm, &o));
			for (i = 0; i < NR_OBJS; i++) {
				/* what is left must still work */
				if (perm[i] != RUN && i > 0 &&
				    perm[i] == VCPU) {
					struct kvm_regs regs;

					EXPECT_EQ(0, ioctl(o.vcpu,
						KVM_GET_REGS, &regs));
				}
				drop(&o, perm[i]);
			}
		}
	}
	EXPECT_EQ(lowest, lowest_free_fd());
	close(kvm);
}

TEST(run_page_outlives_fds)
{
	int kvm = open_kvm();
	struct objs o;

	ASSERT_GE(kvm, 0);
	ASSERT_EQ(0, make(_metadata, kvm, &o));
	close(o.stats);
	close(o.vcpu);
	close(o.vm);
	close(kvm);
	/* the page is still the vcpu's and still writable */
	o.run->immediate_exit = 1;
	EXPECT_EQ(1, o.run->immediate_exit);
	EXPECT_EQ(0, munmap(o.run, o.run_size));
}

TEST(vcpu_fd_keeps_vm)
{
	int kvm = open_kvm();
	struct kvm_sregs sregs;
	struct objs o;

	ASSERT_GE(kvm, 0);
	ASSERT_EQ(0, make(_metadata, kvm, &o));
	close(o.vm);
	EXPECT_EQ(0, ioctl(o.vcpu, KVM_GET_SREGS, &sregs));
	EXPECT_EQ(0xe0, sregs.crs[0]);
	close(o.vcpu);
	/* the stats fd alone keeps the VM (and its vcpu) alive */
	EXPECT_GT(pread(o.stats, &sregs, 16, 0), 0);
	close(o.stats);
	munmap(o.run, o.run_size);
	close(kvm);
}

TEST(many_vms_and_vcpus)
{
	int kvm = open_kvm();
	int lowest = lowest_free_fd();
	int vm[8], vcpu[8][4], i, j;

	ASSERT_GE(kvm, 0);
	for (i = 0; i < 8; i++) {
		vm[i] = create_vm(kvm);
		ASSERT_GE(vm[i], 0);
		for (j = 0; j < 4; j++) {
			vcpu[i][j] = ioctl(vm[i], KVM_CREATE_VCPU, j);
			ASSERT_GE(vcpu[i][j], 0);
		}
	}
	for (i = 0; i < 8; i += 2)
		close(vm[i]);
	for (i = 0; i < 8; i++)
		for (j = 0; j < 4; j++)
			close(vcpu[i][j]);
	for (i = 1; i < 8; i += 2)
		close(vm[i]);
	EXPECT_EQ(lowest, lowest_free_fd());
	close(kvm);
}

TEST_HARNESS_MAIN

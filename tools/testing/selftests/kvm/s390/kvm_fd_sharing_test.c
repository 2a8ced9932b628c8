// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptors that share one open file, as the kernel shares it:
 * dup()/dup2()/dup3()/fcntl(F_DUPFD*) of a KVM fd, the fds a fork()ed
 * child inherits (its VM, vcpu and device ioctls fail with EIO, as in
 * 6.1 where kvm->mm != current->mm, and its close only drops its
 * reference), and I/O racing with close() and reopen of the number: a
 * call runs on the file or fails with EBADF, nothing else.
 */
#define _GNU_SOURCE	/* dup3 */
#include <pthread.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "../include/kvm_s390_test.h"
#include "irq_util.h"

#define IND_GPA		0x10000UL
#define SUM_GPA		0x11000UL
#define ISC		3

static int check_ext(int fd)
{
	return ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY);
}

/*
 * The errno of an ioctl that reaches the host kernel (a closed or plain
 * descriptor): @want, or ENOSYS under qemu-user (how the s390x build
 * runs here), which answers an ioctl it cannot translate with ENOSYS
 * before it looks at the descriptor.
 */
static bool real_ioctl_errno(int err, int want)
{
#if defined(__s390x__)
	if (err == ENOSYS)
		return true;
#endif
	return err == want;
}

/* Open descriptors of this process (host threads' fds included). */
static int nr_open_fds(void)
{
	int fd, n = 0, max = lowest_free_fd() + 256;

	for (fd = 0; fd < max; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			n++;
	return n;
}

/* ---- dup ---- */

TEST(dup_shares_the_file)
{
	int kvm = open_kvm(), vm, d, vcpu, efd, base, with_irqfd;

	ASSERT_LE(0, kvm);
	vm = create_vm(kvm);
	ASSERT_LE(0, vm);
	d = dup(vm);
	ASSERT_LE(0, d);
	ASSERT_NE(vm, d);
	/* the same VM behind both numbers */
	EXPECT_EQ(1, check_ext(d));
	vcpu = ioctl(d, KVM_CREATE_VCPU, 0);
	EXPECT_LE(0, vcpu);
	/* vcpu 0 exists now, whichever number created it */
	EXPECT_EQ(-1, ioctl(vm, KVM_CREATE_VCPU, 0));
	EXPECT_EQ(EEXIST, errno);
	close(vcpu);

	/* an irqfd: its host descriptors go only when the VM file goes */
	efd = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, efd);
	base = nr_open_fds();
	ASSERT_EQ(0, enable_irqchip(vm));
	ASSERT_EQ(0, irqfd(d, efd, 0, 0));
	with_irqfd = nr_open_fds();
	EXPECT_LT(base, with_irqfd);

	/* closing one leaves the other working */
	ASSERT_EQ(0, close(vm));
	EXPECT_EQ(1, check_ext(d));
	EXPECT_EQ(with_irqfd - 1, nr_open_fds());
	/* the last one releases the VM: the irqfd's descriptors go */
	ASSERT_EQ(0, close(d));
	EXPECT_EQ(base - 2, nr_open_fds());
	EXPECT_EQ(-1, check_ext(d));
	EXPECT_TRUE(real_ioctl_errno(errno, EBADF)) TH_LOG("errno %d", errno);
	close(efd);
	close(kvm);
}

TEST(dup2_dup3_fcntl)
{
	int kvm = open_kvm(), vm, null, d, fl;

	ASSERT_LE(0, kvm);
	vm = create_vm(kvm);
	ASSERT_LE(0, vm);

	/* onto an open plain file: it is closed, the number is the VM */
	null = open("/dev/null", O_RDWR);
	ASSERT_LE(0, null);
	ASSERT_EQ(null, dup2(vm, null));
	EXPECT_EQ(1, check_ext(null));
	EXPECT_EQ(0, fcntl(null, F_GETFD) & FD_CLOEXEC);
	/* onto itself: nothing happens */
	EXPECT_EQ(vm, dup2(vm, vm));
	EXPECT_EQ(1, check_ext(vm));
	EXPECT_EQ(-1, dup3(vm, vm, 0));
	EXPECT_EQ(EINVAL, errno);

	/* onto another routed number: that file is dropped and replaced */
	d = dup(kvm);
	ASSERT_LE(0, d);
	EXPECT_EQ(KVM_API_VERSION, ioctl(d, KVM_GET_API_VERSION, 0));
	ASSERT_EQ(d, dup3(vm, d, O_CLOEXEC));
	EXPECT_EQ(1, check_ext(d));
	EXPECT_EQ(-1, ioctl(d, KVM_GET_API_VERSION, 0));
	EXPECT_EQ(FD_CLOEXEC, fcntl(d, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(-1, dup3(vm, d, O_NONBLOCK));
	EXPECT_EQ(EINVAL, errno);

	/* a plain file onto a routed number: it is plain now */
	ASSERT_EQ(0, close(null));
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, null);
	ASSERT_EQ(d, dup2(null, d));
	EXPECT_EQ(-1, check_ext(d));
	EXPECT_TRUE(real_ioctl_errno(errno, ENOTTY)) TH_LOG("errno %d", errno);
	EXPECT_EQ(0, write(d, "x", 1) - 1);
	ASSERT_EQ(0, close(d));

	/* F_DUPFD and F_DUPFD_CLOEXEC: the lowest free number >= arg */
	d = fcntl(vm, F_DUPFD, 200);
	ASSERT_LE(200, d);
	EXPECT_EQ(1, check_ext(d));
	EXPECT_EQ(0, fcntl(d, F_GETFD) & FD_CLOEXEC);
	ASSERT_EQ(0, close(d));
	d = fcntl(vm, F_DUPFD_CLOEXEC, 300);
	ASSERT_LE(300, d);
	EXPECT_EQ(1, check_ext(d));
	EXPECT_EQ(FD_CLOEXEC, fcntl(d, F_GETFD) & FD_CLOEXEC);

	/* the status flags are the file's: shared by every number */
	fl = fcntl(vm, F_GETFL);
	ASSERT_LE(0, fl);
	EXPECT_EQ(O_RDWR, fl & O_ACCMODE);
	EXPECT_EQ(0, fl & O_NONBLOCK);
	ASSERT_EQ(0, fcntl(d, F_SETFL, fl | O_NONBLOCK));
	EXPECT_EQ(O_NONBLOCK, fcntl(vm, F_GETFL) & O_NONBLOCK);
	/* the access mode cannot change */
	ASSERT_EQ(0, fcntl(vm, F_SETFL, O_RDONLY));
	EXPECT_EQ(O_RDWR, fcntl(d, F_GETFL) & O_ACCMODE);
	ASSERT_EQ(0, close(d));

	/* bad numbers */
	EXPECT_EQ(-1, dup(-1));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, dup2(vm, -1));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, fcntl(vm, F_DUPFD, -1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(1, check_ext(vm));
	close(vm);
	close(null);
	close(kvm);
}

/* ---- I/O racing with close ---- */

struct race {
	int fd;			/* the number cycled; stays the same */
	int stop;		/* atomic */
	long ops, bad;		/* atomic */
	int bad_ret, bad_errno, bad_op;
};

/*
 * /dev/kvm has no read or write: a call that reaches the file gives
 * EINVAL, one that finds the number closed EBADF.  Anything else (a
 * count: the call hit something that is not the file; ENOTTY; a return
 * that is not -1) is the bug.
 */
static void race_check(struct race *r, int op, long ret, int err)
{
	bool ok;

	if (op == 0)
		ok = ret == KVM_API_VERSION ||
		     (ret == -1 && real_ioctl_errno(err, EBADF));
	else
		ok = ret == -1 && (err == EINVAL || err == EBADF);
	__atomic_fetch_add(&r->ops, 1, __ATOMIC_RELAXED);
	if (!ok && !__atomic_fetch_add(&r->bad, 1, __ATOMIC_RELAXED)) {
		r->bad_ret = (int)ret;
		r->bad_errno = err;
		r->bad_op = op;
	}
}

static void *race_io(void *arg)
{
	struct race *r = arg;
	char buf[8] = "";
	long ret;
	int op = 0;

	while (!__atomic_load_n(&r->stop, __ATOMIC_RELAXED)) {
		errno = 0;
		switch (op) {
		case 0:
			ret = ioctl(r->fd, KVM_GET_API_VERSION, 0);
			break;
		case 1:
			ret = read(r->fd, buf, sizeof(buf));
			break;
		case 2:
			ret = write(r->fd, buf, sizeof(buf));
			break;
		case 3:
			ret = pread(r->fd, buf, sizeof(buf), 0);
			break;
		default:
			ret = pwrite(r->fd, buf, sizeof(buf), 0);
			break;
		}
		race_check(r, op, ret, errno);
		op = (op + 1) % 5;
	}
	return NULL;
}

TEST(io_racing_with_close_and_reopen)
{
	struct timespec t0, t;
	struct race r = { };
	pthread_t th[3];
	long cycles = 0;
	int i, fd;

	/* closing a descriptor other threads use is, to TSan, a race */
#if defined(__SANITIZE_THREAD__)
	SKIP(return, "the race on the descriptor is the test, TSan reports it");
#endif
	r.fd = open_kvm();
	ASSERT_LE(0, r.fd);
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, race_io, &r));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		ASSERT_EQ(0, close(r.fd));
		fd = open_kvm();
		/* the lowest free number: the same one again */
		ASSERT_EQ(r.fd, fd);
		cycles++;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000 +
		 (t.tv_nsec - t0.tv_nsec) / 1000000 < 1500 &&
		 !__atomic_load_n(&r.bad, __ATOMIC_RELAXED));
	__atomic_store_n(&r.stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	TH_LOG("%ld close/open cycles, %ld calls", cycles, r.ops);
	EXPECT_EQ(0, r.bad) TH_LOG("op %d returned %d, errno %d", r.bad_op,
				   r.bad_ret, r.bad_errno);
	EXPECT_LT(0, r.ops);
	close(r.fd);
}

/* ---- fork ---- */

static bool ind_set(uint8_t *mem, int i)
{
	return __atomic_load_n(&mem[IND_GPA + i / 8], __ATOMIC_SEQ_CST) &
	       (0x80 >> i % 8);
}

static long cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

/* What the child found, one bit per check (0: all as 6.1). */
enum {
	CHILD_VM_IOCTL = 1, CHILD_VCPU_IOCTL = 2, CHILD_DEV_IOCTL = 4,
	CHILD_SYS_IOCTL = 8, CHILD_CLOSE = 16, CHILD_MMAP = 32,
};

static int child(int kvm, int vm, int vcpu, int flic, int efd)
{
	struct kvm_device_attr attr = { .group = KVM_DEV_FLIC_CLEAR_IRQS };
	struct kvm_regs regs;
	int bad = 0;

	if (check_ext(vm) != -1 || errno != EIO)
		bad |= CHILD_VM_IOCTL;
	if (ioctl(vm, KVM_CREATE_VCPU, 1) != -1 || errno != EIO)
		bad |= CHILD_VM_IOCTL;
	if (ioctl(vcpu, KVM_GET_REGS, &regs) != -1 || errno != EIO)
		bad |= CHILD_VCPU_IOCTL;
	if (ioctl(flic, KVM_HAS_DEVICE_ATTR, &attr) != -1 || errno != EIO)
		bad |= CHILD_DEV_IOCTL;
	/* /dev/kvm is not tied to an mm */
	if (ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION ||
	    check_ext(kvm) != 1)
		bad |= CHILD_SYS_IOCTL;
	/* the child's signal is the parent's irqfd's */
	efd_signal(efd);
	/* dropping its references tears nothing down */
	if (close(flic) || close(vcpu) || close(vm) || close(kvm))
		bad |= CHILD_CLOSE;
	return bad;
}

TEST(fork_child_cannot_touch_the_parent_vm)
{
	struct kvm_device_attr attr = { .group = KVM_DEV_FLIC_CLEAR_IRQS };
	struct route rt[2] = {
		{ .gsi = 0, .ind = IND_GPA, .ind_off = 0, .sum = SUM_GPA },
		{ .gsi = 1, .ind = IND_GPA, .ind_off = 1, .sum = SUM_GPA },
	};
	int kvm, vm, vcpu, flic, efd[2], status, i;
	uint64_t one = 1;
	uint8_t *mem;
	long t0, spent;
	pid_t pid;

	kvm = open_kvm();
	ASSERT_LE(0, kvm);
	vm = create_vm(kvm);
	ASSERT_LE(0, vm);
	mem = alloc_seg_aligned(SEG_SIZE);
	ASSERT_NE(NULL, mem);
	memset(mem, 0, SEG_SIZE);
	ASSERT_EQ(0, set_region(vm, 0, 0, 0, SEG_SIZE, mem));
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	ASSERT_LE(0, vcpu);
	flic = create_flic(vm);
	ASSERT_LE(0, flic);
	ASSERT_EQ(0, enable_irqchip(vm));
	ASSERT_EQ(0, register_adapter(flic, 0, ISC, true, false, false));
	ASSERT_EQ(0, set_routes(vm, rt, 2));
	for (i = 0; i < 2; i++) {
		efd[i] = eventfd(0, EFD_CLOEXEC);
		ASSERT_LE(0, efd[i]);
		ASSERT_EQ(0, irqfd(vm, efd[i], i, 0));
	}

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(child(kvm, vm, vcpu, flic, efd[1]));
	for (i = 0; i < 10000 && !waitpid(pid, &status, WNOHANG); i++)
		usleep(1000);
	if (i == 10000) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		ASSERT_TRUE(0) TH_LOG("the child hangs in its close()");
	}
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	/* the child's signal reached the parent's VM (queued last) */
	for (i = 0; i < 10000 && adapter_irqs(flic, ISC) != 1; i++)
		usleep(1000);
	EXPECT_EQ(1, adapter_irqs(flic, ISC));
	EXPECT_TRUE(ind_set(mem, 1));
	EXPECT_FALSE(efd_pending(efd[1]));

	/* the parent's waiter still watches its eventfds */
	ASSERT_EQ(sizeof(one), syscall(SYS_write, efd[0], &one, sizeof(one)));
	for (i = 0; i < 10000 && !ind_set(mem, 0); i++)
		usleep(1000);
	EXPECT_TRUE(ind_set(mem, 0));
	EXPECT_FALSE(efd_pending(efd[0]));

	/* and sleeps when there is nothing to do */
	t0 = cpu_ms();
	usleep(300 * 1000);
	spent = cpu_ms() - t0;
	EXPECT_GT(100, spent) TH_LOG("%ld ms of CPU in 300 ms idle", spent);

	/* everything still works in the parent */
	EXPECT_EQ(1, check_ext(vm));
	EXPECT_EQ(0, ioctl(flic, KVM_SET_DEVICE_ATTR, &attr));
	EXPECT_EQ(0, adapter_irqs(flic, ISC));
	ASSERT_EQ(0, close(flic));
	ASSERT_EQ(0, close(vcpu));
	ASSERT_EQ(0, close(vm));
	close(efd[0]);
	close(efd[1]);
	close(kvm);
}

/* A VM the child creates itself is its own. */
TEST(fork_child_own_vm)
{
	int kvm = open_kvm(), status;
	pid_t pid;

	ASSERT_LE(0, kvm);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int vm = create_vm(kvm), vcpu;

		if (vm < 0 || check_ext(vm) != 1)
			_exit(1);
		vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
		if (vcpu < 0 || close(vcpu) || close(vm))
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(kvm);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * irqfd benchmark: eventfd signal -> guest adapter-interrupt handler.
 *
 * irqfd:  the eventfd is a KVM irqfd on an s390 adapter route; the
 *         kernel sets indicator + summary and injects inside the
 *         signaller's write(2) (irqfd_wakeup), as a real kernel does.
 * relay:  what a VMM does without irqfd: a thread read(2)s the eventfd,
 *         sets indicator and summary bits in guest memory and calls
 *         KVM_DEV_FLIC_AIRQ_INJECT through the ioctl.
 *
 * 1. Latency: ping-pong, the host signals and spins until the guest's
 *    handler has counted the interrupt (mean round trip).
 * 2. Throughput: one thread signals as fast as it can for a fixed time;
 *    guest handler runs per second (signals in between coalesce).
 * Ratios are relay / irqfd for latency, irqfd / relay for throughput.
 *
 * Usage: irqfd_bench [latency-iterations]
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "s390/vm.h"

#define IND_GPA		0x200000UL
#define SUM_GPA		0x201000UL
#define CNT_GPA		0x202000UL	/* u64: handler runs */
#define STOP_GPA	0x202008UL
#define ISC		3
#define STOP_ISC	7
#define CR6_ISC(isc)	(0x80000000UL >> (isc))

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* ---- guest ---- */

static void io_handler(void)
{
	uint8_t *sum = guest_ptr(SUM_GPA, 1), *ind = guest_ptr(IND_GPA, 1);

	if (!(guest_read32(LC_IO_INT_WORD) & 0x80000000u))
		return;
	__atomic_store_n(sum, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(ind, 0, __ATOMIC_SEQ_CST);
	__atomic_fetch_add((uint64_t *)guest_ptr(CNT_GPA, 8), 1,
			   __ATOMIC_RELEASE);
}

static void guest_main(uint64_t arg)
{
	uint64_t *stop = guest_ptr(STOP_GPA, 8);

	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_load(6, CR6_ISC(ISC) | CR6_ISC(STOP_ISC));
	while (!__atomic_load_n(stop, __ATOMIC_ACQUIRE))
		enabled_wait(PSW_MASK_IO);
	GUEST_DONE();
}

/* ---- host ---- */

struct bench {
	struct sim_vm *vm;
	struct sim_vcpu *vcpu;
	int flic, efd;
	pthread_t vcpu_thread, relay_thread;
	int relay_stop;			/* atomic */
};

static void *vcpu_fn(void *arg)
{
	struct bench *b = arg;

	while (!sim_vcpu_run(b->vcpu))
		if (sim_get_ucall(b->vcpu, NULL) == UCALL_DONE)
			break;
	return NULL;
}

static int flic_set(int fd, uint32_t group, uint64_t attr, void *addr)
{
	struct kvm_device_attr a = { .group = group, .attr = attr,
				     .addr = (uintptr_t)addr };

	return ioctl(fd, KVM_SET_DEVICE_ATTR, &a);
}

/* The VMM's relay: read, set the bits, inject through the FLIC. */
static void *relay_fn(void *arg)
{
	struct bench *b = arg;
	uint8_t *ind = sim_gpa2hva(b->vm, IND_GPA);
	uint8_t *sum = sim_gpa2hva(b->vm, SUM_GPA);
	uint64_t cnt;

	while (read(b->efd, &cnt, sizeof(cnt)) == sizeof(cnt)) {
		if (__atomic_load_n(&b->relay_stop, __ATOMIC_ACQUIRE))
			break;
		__atomic_fetch_or(ind, 0x80, __ATOMIC_SEQ_CST);
		if (__atomic_fetch_or(sum, 0x80, __ATOMIC_SEQ_CST) & 0x80)
			continue;
		if (flic_set(b->flic, KVM_DEV_FLIC_AIRQ_INJECT, 0, NULL))
			die("AIRQ_INJECT");
	}
	return NULL;
}

static void setup(struct bench *b, bool use_irqfd)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_S390_IRQCHIP };
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_FLIC };
	struct kvm_s390_io_adapter a = { .id = 0, .isc = ISC, .swap = 1 };
	struct {
		struct kvm_irq_routing r;
		struct kvm_irq_routing_entry e;
	} rt;
	struct kvm_irqfd fd;

	memset(b, 0, sizeof(*b));
	b->vm = sim_vm_create();
	if (!b->vm)
		die("sim_vm_create");
	if (ioctl(b->vm->fd, KVM_CREATE_DEVICE, &cd))
		die("KVM_CREATE_DEVICE");
	b->flic = cd.fd;
	if (flic_set(b->flic, KVM_DEV_FLIC_ADAPTER_REGISTER, 0, &a))
		die("ADAPTER_REGISTER");
	b->efd = eventfd(0, EFD_CLOEXEC);
	if (b->efd < 0)
		die("eventfd");
	if (use_irqfd) {
		if (ioctl(b->vm->fd, KVM_ENABLE_CAP, &cap) ||
		    ioctl(b->vm->fd, KVM_CREATE_IRQCHIP, 0))
			die("irqchip");
		memset(&rt, 0, sizeof(rt));
		rt.r.nr = 1;
		rt.e.type = KVM_IRQ_ROUTING_S390_ADAPTER;
		rt.e.u.adapter.ind_addr = IND_GPA;
		rt.e.u.adapter.summary_addr = SUM_GPA;
		if (ioctl(b->vm->fd, KVM_SET_GSI_ROUTING, &rt))
			die("KVM_SET_GSI_ROUTING");
		memset(&fd, 0, sizeof(fd));
		fd.fd = b->efd;
		if (ioctl(b->vm->fd, KVM_IRQFD, &fd))
			die("KVM_IRQFD");
	} else {
		pthread_create(&b->relay_thread, NULL, relay_fn, b);
	}
	b->vcpu = sim_vcpu_add(b->vm, 0);
	if (!b->vcpu)
		die("sim_vcpu_add");
	sim_vcpu_set_entry(b->vcpu, guest_main, 0);
	pthread_create(&b->vcpu_thread, NULL, vcpu_fn, b);
}

static void teardown(struct bench *b, bool use_irqfd)
{
	struct kvm_s390_irq stop;
	struct kvm_device_attr a;
	uint64_t one = 1;

	memset(&stop, 0, sizeof(stop));
	stop.type = KVM_S390_INT_IO(0, 0, 0, 1);
	stop.u.io.subchannel_id = 1;
	stop.u.io.io_int_word = STOP_ISC << 27;
	__atomic_store_n((uint64_t *)sim_gpa2hva(b->vm, STOP_GPA), 1,
			 __ATOMIC_RELEASE);
	a = (struct kvm_device_attr){ .group = KVM_DEV_FLIC_ENQUEUE,
				      .attr = sizeof(stop),
				      .addr = (uintptr_t)&stop };
	if (ioctl(b->flic, KVM_SET_DEVICE_ATTR, &a))
		die("ENQUEUE");
	pthread_join(b->vcpu_thread, NULL);
	if (!use_irqfd) {
		__atomic_store_n(&b->relay_stop, 1, __ATOMIC_RELEASE);
		if (write(b->efd, &one, sizeof(one)) != sizeof(one))
			die("write");
		pthread_join(b->relay_thread, NULL);
	}
	close(b->efd);
	close(b->flic);
	sim_vm_free(b->vm);
}

static uint64_t handled(struct bench *b)
{
	return __atomic_load_n((uint64_t *)sim_gpa2hva(b->vm, CNT_GPA),
			       __ATOMIC_ACQUIRE);
}

/* mean signal -> handler time, seconds */
static double latency(bool use_irqfd, long iters)
{
	struct bench b;
	uint64_t one = 1, seen;
	double t0, t;
	long i;

	setup(&b, use_irqfd);
	t0 = now();
	for (i = 0; i < iters; i++) {
		seen = handled(&b);
		if (write(b.efd, &one, sizeof(one)) != sizeof(one))
			die("write");
		while (handled(&b) == seen)
			sched_yield();
	}
	t = now() - t0;
	teardown(&b, use_irqfd);
	return t / iters;
}

/* guest handler runs per second while one thread signals flat out */
static double throughput(bool use_irqfd, double secs, uint64_t *signals)
{
	struct bench b;
	uint64_t one = 1, n = 0, h0;
	double t0, t;

	setup(&b, use_irqfd);
	h0 = handled(&b);
	t0 = now();
	do {
		if (write(b.efd, &one, sizeof(one)) != sizeof(one))
			die("write");
		n++;
	} while ((n & 63) || (t = now() - t0) < secs);
	/* let the last signal arrive: wait until the counter is consumed */
	for (;;) {
		struct pollfd p = { .fd = b.efd, .events = POLLIN };

		if (poll(&p, 1, 0) != 1)
			break;
		sched_yield();
	}
	t = now() - t0;
	h0 = handled(&b) - h0;
	teardown(&b, use_irqfd);
	*signals = n;
	return h0 / t;
}

int main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 20000;
	double li, lr, ti, tr;
	uint64_t si, sr;

	li = latency(true, iters);
	lr = latency(false, iters);
	printf("latency (signal -> guest handler, %ld round trips):\n", iters);
	printf("  irqfd (in write(2)):        %8.2f us\n", li * 1e6);
	printf("  relay (read + AIRQ_INJECT): %8.2f us\n", lr * 1e6);
	printf("  ratio relay/irqfd:          %8.2f\n", lr / li);

	ti = throughput(true, 1.0, &si);
	tr = throughput(false, 1.0, &sr);
	printf("throughput (one signalling thread, 1 s):\n");
	printf("  irqfd: %10.0f handler runs/s (%lu signals)\n", ti,
	       (unsigned long)si);
	printf("  relay: %10.0f handler runs/s (%lu signals)\n", tr,
	       (unsigned long)sr);
	printf("  ratio irqfd/relay:          %8.2f\n", ti / tr);
	return 0;
}

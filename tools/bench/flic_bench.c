// SPDX-License-Identifier: GPL-2.0
/*
 * FLIC benchmarks.
 *
 * 1. GET_ALL_IRQS of a full FLIC (266250 pending I/O interrupts, 19 MB)
 *    against a memcpy() of the same number of bytes, measured in the same
 *    run (goal: at most 2x).
 * 2. Enqueue-to-delivery throughput: one vcpu takes I/O interrupts in an
 *    enabled-wait loop while one, then two threads inject them; reported
 *    in interrupts per second and as the ratio of two to one injector.
 *
 * Usage: flic_bench [iterations]
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "s390/vm.h"

#define IRQ_SZ		sizeof(struct kvm_s390_irq)
#define NR_FULL		KVM_S390_MAX_FLOAT_IRQS

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int flic_attr(int fd, unsigned long req, uint32_t group,
		     uint64_t attr, uint64_t addr)
{
	struct kvm_device_attr a = { .group = group, .attr = attr,
				     .addr = addr };

	return ioctl(fd, req, &a);
}

static int create_flic(int vm_fd)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_FLIC };

	return ioctl(vm_fd, KVM_CREATE_DEVICE, &cd) ? -1 : (int)cd.fd;
}

static struct kvm_s390_irq io_irq(uint32_t n)
{
	struct kvm_s390_irq irq;

	memset(&irq, 0, sizeof(irq));
	irq.type = KVM_S390_INT_IO(0, 0, 0, n & 0xffff);
	irq.u.io.subchannel_id = 1;
	irq.u.io.subchannel_nr = n & 0xffff;
	irq.u.io.io_int_parm = n;
	irq.u.io.io_int_word = (n % 8) << 27;
	return irq;
}

static void die(const char *what)
{
	fprintf(stderr, "flic_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void bench_get_all(int iters)
{
	size_t len = (size_t)NR_FULL * IRQ_SZ;
	struct kvm_s390_irq *in = malloc(len);
	char *out = malloc(KVM_S390_FLIC_MAX_BUFFER);
	char *src = malloc(len);
	int kvm, vm, flic, i, n;
	double t, t_get = 1e9, t_cpy = 1e9;

	if (!in || !out || !src)
		die("malloc");
	kvm = open("/dev/kvm", O_RDWR);
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	flic = create_flic(vm);
	if (kvm < 0 || vm < 0 || flic < 0)
		die("VM/FLIC");
	for (i = 0; i < NR_FULL; i++)
		in[i] = io_irq(i);
	if (flic_attr(flic, KVM_SET_DEVICE_ATTR, KVM_DEV_FLIC_ENQUEUE, len,
		      (uintptr_t)in))
		die("ENQUEUE");
	memset(out, 1, KVM_S390_FLIC_MAX_BUFFER);
	memcpy(src, in, len);

	for (i = 0; i < iters; i++) {
		t = now();
		n = flic_attr(flic, KVM_GET_DEVICE_ATTR,
			      KVM_DEV_FLIC_GET_ALL_IRQS,
			      KVM_S390_FLIC_MAX_BUFFER, (uintptr_t)out);
		t = now() - t;
		if (n != NR_FULL)
			die("GET_ALL_IRQS");
		if (t < t_get)
			t_get = t;
		t = now();
		memcpy(out, src, len);
		__asm__ __volatile__("" ::: "memory");
		t = now() - t;
		if (t < t_cpy)
			t_cpy = t;
	}
	printf("get_all_irqs: %d entries, %zu bytes: GET_ALL_IRQS %.3f ms, "
	       "memcpy %.3f ms, ratio %.2f (goal <= 2)\n", NR_FULL, len,
	       t_get * 1e3, t_cpy * 1e3, t_get / t_cpy);
	close(flic);
	close(vm);
	close(kvm);
	free(in);
	free(out);
	free(src);
}

/* ---- enqueue -> delivery ---- */

#define STOP_GPA	0x2f0000UL
#define STOP_PARM	0xffffffffU

static void io_handler(void)
{
	if (guest_read32(LC_IO_INT_PARM) == STOP_PARM)
		guest_write64(STOP_GPA, 1);
}

static void guest_loop(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	ctl_load(6, 0xff000000UL);
	while (!guest_read64(STOP_GPA))
		enabled_wait(PSW_MASK_IO);
	GUEST_DONE();
}

struct inj {
	int flic;
	int count;
	int base;
};

static void *injector(void *p)
{
	struct inj *j = p;
	struct kvm_s390_irq irq;
	int i;

	for (i = 0; i < j->count; i++) {
		irq = io_irq(j->base + i);
		while (flic_attr(j->flic, KVM_SET_DEVICE_ATTR,
				 KVM_DEV_FLIC_ENQUEUE, IRQ_SZ,
				 (uintptr_t)&irq))
			if (errno != EBUSY)
				die("ENQUEUE");
	}
	return NULL;
}

static void *run_vcpu(void *p)
{
	struct sim_vcpu *vcpu = p;

	if (sim_vcpu_run(vcpu) || sim_get_ucall(vcpu, NULL) != UCALL_DONE)
		die("KVM_RUN");
	return NULL;
}

/* from a stats fd opened before KVM_RUN (the ioctl waits for the vcpu) */
static int64_t deliver_io(int fd)
{
	struct kvm_stats_header h;
	struct kvm_stats_desc *d;
	size_t dsz;
	char *descs;
	uint64_t v = 0;
	uint32_t i;

	if (fd < 0 || pread(fd, &h, sizeof(h), 0) != sizeof(h))
		die("stats");
	dsz = sizeof(*d) + h.name_size;
	descs = malloc(h.num_desc * dsz);
	if (pread(fd, descs, h.num_desc * dsz, h.desc_offset) < 0)
		die("stats");
	for (i = 0; i < h.num_desc; i++) {
		d = (void *)(descs + i * dsz);
		if (!strcmp(d->name, "deliver_io"))
			pread(fd, &v, 8, h.data_offset + d->offset);
	}
	free(descs);
	return v;
}

static double bench_throughput(int nr_threads, int total)
{
	struct kvm_s390_irq stop = io_irq(0);
	struct sim_vm *vm = sim_vm_create();
	struct inj j[2];
	pthread_t t[2], rt;
	struct sim_vcpu *vcpu;
	double t0, t1;
	int flic, sfd, i;

	if (!vm)
		die("sim_vm_create");
	flic = create_flic(vm->fd);
	vcpu = sim_vcpu_add(vm, 0);
	if (flic < 0 || !vcpu)
		die("FLIC/vcpu");
	sim_vcpu_set_entry(vcpu, guest_loop, 0);
	sfd = ioctl(vcpu->fd, KVM_GET_STATS_FD, NULL);
	if (sfd < 0)
		die("KVM_GET_STATS_FD");
	pthread_create(&rt, NULL, run_vcpu, vcpu);

	t0 = now();
	for (i = 0; i < nr_threads; i++) {
		j[i] = (struct inj){ flic, total / nr_threads,
				     i * (total / nr_threads) };
		pthread_create(&t[i], NULL, injector, &j[i]);
	}
	for (i = 0; i < nr_threads; i++)
		pthread_join(t[i], NULL);
	while (deliver_io(sfd) < total)
		usleep(100);
	t1 = now();

	stop.u.io.io_int_parm = STOP_PARM;
	if (flic_attr(flic, KVM_SET_DEVICE_ATTR, KVM_DEV_FLIC_ENQUEUE, IRQ_SZ,
		      (uintptr_t)&stop))
		die("ENQUEUE stop");
	pthread_join(rt, NULL);
	close(sfd);
	close(flic);
	sim_vm_free(vm);
	return total / (t1 - t0);
}

int main(int argc, char **argv)
{
	int iters = argc > 1 ? atoi(argv[1]) : 5;
	int total = 200000;
	double one, two;

	bench_get_all(iters);
	one = bench_throughput(1, total);
	two = bench_throughput(2, total);
	printf("enqueue->delivery: 1 injector %.0f irq/s, 2 injectors %.0f "
	       "irq/s, ratio %.2f\n", one, two, two / one);
	return 0;
}

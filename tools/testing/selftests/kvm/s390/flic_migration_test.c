// SPDX-License-Identifier: GPL-2.0
/*
 * Migrating the floating interrupt state the way QEMU does it
 * (hw/intc/s390_flic_kvm.c): save with APF_DISABLE_WAIT, GET_ALL_IRQS
 * from a one-page buffer doubling on ENOMEM, AISM_ALL get; the stream is
 * a big-endian u64 count and the raw 72-byte entries; load into a fresh
 * VM with APF_ENABLE, one ENQUEUE of everything, AISM_ALL set. The
 * restored VM must report exactly the same GET_ALL_IRQS, and a guest on
 * it must take the interrupts in the same order as on the source.
 */
#include <endian.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "kselftest_harness.h"
#include "flic_util.h"
#include "s390/vm.h"

struct vm {
	int kvm_fd, vm_fd, flic_fd;
};

static int vm_open(struct vm *v, int ais)
{
	v->kvm_fd = open_kvm();
	if (v->kvm_fd < 0)
		return -1;
	v->vm_fd = create_vm(v->kvm_fd);
	if (v->vm_fd < 0)
		return -1;
	if (ais && enable_ais(v->vm_fd))
		return -1;
	v->flic_fd = create_flic(v->vm_fd);
	return v->flic_fd < 0 ? -1 : 0;
}

static void vm_close(struct vm *v)
{
	close(v->flic_fd);
	close(v->vm_fd);
	close(v->kvm_fd);
}

/* QEMU's save: returns a malloc'ed stream and its size, or NULL. */
static void *save(struct vm *v, size_t *size, struct kvm_s390_ais_all *ais)
{
	struct kvm_s390_irq *irqs;
	uint64_t be;
	char *stream;
	int n;

	if (flic_set(v->flic_fd, KVM_DEV_FLIC_APF_DISABLE_WAIT, 0, 0))
		return NULL;
	n = get_all_irqs(v->flic_fd, &irqs);
	if (n < 0)
		return NULL;
	if (ais && flic_get(v->flic_fd, KVM_DEV_FLIC_AISM_ALL, sizeof(*ais),
			    (uintptr_t)ais))
		return NULL;
	*size = sizeof(be) + n * IRQ_SZ;
	stream = malloc(*size);
	be = htobe64(n);
	memcpy(stream, &be, sizeof(be));
	memcpy(stream + sizeof(be), irqs, n * IRQ_SZ);
	free(irqs);
	return stream;
}

static int load(struct vm *v, const char *stream,
		const struct kvm_s390_ais_all *ais)
{
	uint64_t be, n;

	memcpy(&be, stream, sizeof(be));
	n = be64toh(be);
	if (flic_set(v->flic_fd, KVM_DEV_FLIC_APF_ENABLE, 0, 0))
		return -1;
	if (n && flic_set(v->flic_fd, KVM_DEV_FLIC_ENQUEUE, n * IRQ_SZ,
			  (uintptr_t)(stream + sizeof(be))))
		return -1;
	if (ais && flic_set(v->flic_fd, KVM_DEV_FLIC_AISM_ALL, sizeof(*ais),
			    (uintptr_t)ais))
		return -1;
	return 0;
}

static void populate(struct __test_metadata *_metadata, struct vm *v,
		     int n_io)
{
	struct kvm_s390_irq *in = calloc(n_io + 5, IRQ_SZ);
	int i;

	ASSERT_NE(NULL, in);
	for (i = 0; i < n_io; i++)
		in[i] = io_irq(i & 0xffff, 0x10000 + i, (i * 7) % 8);
	in[n_io] = ext_irq(KVM_S390_INT_SERVICE, 0x7ff8 | 1, 0);
	in[n_io + 1] = ext_irq(KVM_S390_INT_VIRTIO, 0x1234, 0x5678abcdULL);
	in[n_io + 2] = ext_irq(KVM_S390_INT_PFAULT_DONE, 0, 0xfeedULL);
	in[n_io + 3].type = KVM_S390_MCHK;
	in[n_io + 3].u.mchk.cr14 = 1 << 28;
	in[n_io + 3].u.mchk.mcic = 0x00400f1d40330000ULL;
	in[n_io + 4] = io_irq(0, 0, 0);
	in[n_io + 4].type = KVM_S390_INT_IO(1, 0, 0, 0);
	in[n_io + 4].u.io.subchannel_id = 0;
	in[n_io + 4].u.io.io_int_word = AI_WORD(2);
	ASSERT_EQ(0, enqueue(v->flic_fd, in, n_io + 5));
	free(in);
}

static void round_trip(struct __test_metadata *_metadata, int n_io, int ais)
{
	struct kvm_s390_ais_all a = { .simm = 0x28, .nimm = 0x08 }, b = {};
	struct kvm_s390_irq *before, *after;
	struct vm src, dst;
	size_t size;
	char *stream;
	int n1, n2;

	ASSERT_EQ(0, vm_open(&src, ais));
	ASSERT_EQ(0, vm_open(&dst, ais));
	populate(_metadata, &src, n_io);
	if (ais)
		ASSERT_EQ(0, flic_set(src.flic_fd, KVM_DEV_FLIC_AISM_ALL, 2,
				      (uintptr_t)&a));
	n1 = get_all_irqs(src.flic_fd, &before);
	ASSERT_EQ(n_io + 5, n1);

	stream = save(&src, &size, ais ? &b : NULL);
	ASSERT_NE(NULL, stream);
	ASSERT_EQ(sizeof(uint64_t) + n1 * IRQ_SZ, size);
	/* saving changed nothing on the source */
	n2 = get_all_irqs(src.flic_fd, &after);
	ASSERT_EQ(n1, n2);
	EXPECT_EQ(0, memcmp(before, after, n1 * IRQ_SZ));
	free(after);

	ASSERT_EQ(0, load(&dst, stream, ais ? &b : NULL));
	n2 = get_all_irqs(dst.flic_fd, &after);
	ASSERT_EQ(n1, n2);
	EXPECT_EQ(0, memcmp(before, after, n1 * IRQ_SZ));
	if (ais) {
		memset(&b, 0, sizeof(b));
		ASSERT_EQ(0, flic_get(dst.flic_fd, KVM_DEV_FLIC_AISM_ALL, 2,
				      (uintptr_t)&b));
		EXPECT_EQ(a.simm, b.simm);
		EXPECT_EQ(a.nimm, b.nimm);
	}
	free(after);
	free(before);
	free(stream);
	vm_close(&src);
	vm_close(&dst);
}

TEST(round_trip_small)
{
	round_trip(_metadata, 40, 0);
}

TEST(round_trip_ais)
{
	round_trip(_metadata, 1000, 1);
}

/* Every I/O slot used: the buffer doubles up to 32 MiB. */
TEST(round_trip_full)
{
	round_trip(_metadata, KVM_S390_MAX_FLOAT_IRQS - 1, 0);
}

TEST(empty)
{
	struct kvm_s390_irq *out;
	struct vm src, dst;
	size_t size;
	char *stream;

	ASSERT_EQ(0, vm_open(&src, 0));
	ASSERT_EQ(0, vm_open(&dst, 0));
	stream = save(&src, &size, NULL);
	ASSERT_NE(NULL, stream);
	EXPECT_EQ(sizeof(uint64_t), size);
	ASSERT_EQ(0, load(&dst, stream, NULL));
	EXPECT_EQ(0, get_all_irqs(dst.flic_fd, &out));
	free(out);
	free(stream);
	vm_close(&src);
	vm_close(&dst);
}

/* QEMU's reset: APF_DISABLE_WAIT, AISM(ALL) per ISC, CLEAR_IRQS, APF_ENABLE */
TEST(reset)
{
	struct kvm_s390_ais_req req = { .mode = 0 };	/* ALL */
	struct kvm_s390_ais_all all = { .simm = 0xff, .nimm = 0xff };
	struct kvm_s390_irq *out;
	struct vm v;

	ASSERT_EQ(0, vm_open(&v, 1));
	populate(_metadata, &v, 10);
	ASSERT_EQ(0, flic_set(v.flic_fd, KVM_DEV_FLIC_AISM_ALL, 2,
			      (uintptr_t)&all));
	ASSERT_EQ(0, flic_set(v.flic_fd, KVM_DEV_FLIC_APF_DISABLE_WAIT, 0, 0));
	for (req.isc = 0; req.isc < 8; req.isc++)
		ASSERT_EQ(0, flic_set(v.flic_fd, KVM_DEV_FLIC_AISM, 0,
				      (uintptr_t)&req));
	ASSERT_EQ(0, flic_set(v.flic_fd, KVM_DEV_FLIC_CLEAR_IRQS, 0, 0));
	ASSERT_EQ(0, flic_set(v.flic_fd, KVM_DEV_FLIC_APF_ENABLE, 0, 0));
	EXPECT_EQ(0, get_all_irqs(v.flic_fd, &out));
	free(out);
	ASSERT_EQ(0, flic_get(v.flic_fd, KVM_DEV_FLIC_AISM_ALL, 2,
			      (uintptr_t)&all));
	EXPECT_EQ(0, all.simm);
	EXPECT_EQ(0, all.nimm);
	vm_close(&v);
}

/* ---- the guest's view: both VMs deliver in the same order ---- */

#define LOG_GPA		0x300000UL	/* u64 count, then entries */
#define LOG_MAX		64
#define CR0_SERVICE	0x200UL
#define CR14_CRW	(1UL << 28)

struct entry {
	uint64_t cls, a, b;
};

static void log_add(uint64_t cls, uint64_t a, uint64_t b)
{
	uint64_t n = guest_read64(LOG_GPA);
	uint64_t e = LOG_GPA + 8 + n * sizeof(struct entry);

	if (n >= LOG_MAX)
		return;
	guest_write64(e, cls);
	guest_write64(e + 8, a);
	guest_write64(e + 16, b);
	guest_write64(LOG_GPA, n + 1);
}

static void io_handler(void)
{
	log_add(GUEST_IRQ_IO, guest_read32(LC_IO_INT_PARM),
		guest_read32(LC_IO_INT_WORD));
}

static void ext_handler(void)
{
	/* cpu address (the CP-service subcode) and interruption code */
	log_add(GUEST_IRQ_EXT, guest_read32(LC_EXT_CPU_ADDR),
		guest_read32(LC_EXT_PARAMS));
}

static void mchk_handler(void)
{
	log_add(GUEST_IRQ_MCHK, guest_read64(LC_MCCK_CODE), 0);
}

/* Take @n interrupts of any class, then report. */
static void guest_take(uint64_t n)
{
	guest_install_handler(GUEST_IRQ_IO, io_handler);
	guest_install_handler(GUEST_IRQ_EXT, ext_handler);
	guest_install_handler(GUEST_IRQ_MCHK, mchk_handler);
	ctl_set_bit(0, CR0_SERVICE);
	ctl_load(6, 0xff000000UL);
	ctl_set_bit(14, CR14_CRW);
	while (guest_read64(LOG_GPA) < n)
		enabled_wait(PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK);
	GUEST_DONE();
}

/* Run a guest that takes @n interrupts; the log, in host byte order. */
static int take_all(struct sim_vm *vm, int n, struct entry *log)
{
	struct sim_vcpu *vcpu = sim_vcpu_add(vm, 0);
	const uint64_t *raw;
	int i;

	if (!vcpu)
		return -1;
	sim_vcpu_set_entry(vcpu, guest_take, n);
	if (sim_vcpu_run(vcpu))
		return -1;
	if (sim_get_ucall(vcpu, NULL) != UCALL_DONE)
		return -2;
	raw = sim_gpa2hva(vm, LOG_GPA);
	if ((int)be64toh(raw[0]) != n)
		return -3;
	for (i = 0; i < n; i++) {
		log[i].cls = be64toh(raw[1 + 3 * i]);
		log[i].a = be64toh(raw[2 + 3 * i]);
		log[i].b = be64toh(raw[3 + 3 * i]);
	}
	return 0;
}

TEST(guest_order)
{
	/*
	 * populate() queues N_IO + 5 entries; the service signal carries an
	 * SCCB and event bits, which are two interruptions (as in 6.1).
	 */
	enum { N_IO = 40, N_SAVED = N_IO + 5, N = N_SAVED + 1 };
	struct entry slog[N], dlog[N];
	struct kvm_s390_irq *saved;
	struct sim_vm *svm, *dvm;
	struct vm src, dst;
	size_t size;
	char *stream;
	int i, k, n;

	svm = sim_vm_create();
	ASSERT_NE(NULL, svm);
	dvm = sim_vm_create();
	ASSERT_NE(NULL, dvm);
	src = (struct vm){ svm->kvm_fd, svm->fd, create_flic(svm->fd) };
	dst = (struct vm){ dvm->kvm_fd, dvm->fd, create_flic(dvm->fd) };
	ASSERT_GE(src.flic_fd, 0);
	ASSERT_GE(dst.flic_fd, 0);

	populate(_metadata, &src, N_IO);
	stream = save(&src, &size, NULL);
	ASSERT_NE(NULL, stream);
	ASSERT_EQ(0, load(&dst, stream, NULL));
	saved = (struct kvm_s390_irq *)(stream + sizeof(uint64_t));

	ASSERT_EQ(0, take_all(svm, N, slog));
	ASSERT_EQ(0, take_all(dvm, N, dlog));
	for (i = 0; i < N; i++) {
		EXPECT_EQ(slog[i].cls, dlog[i].cls);
		EXPECT_EQ(slog[i].a, dlog[i].a);
		EXPECT_EQ(slog[i].b, dlog[i].b);
	}
	/*
	 * Machine check, then the external ones by priority: service
	 * events, the SCCB, pfault done, virtio; then I/O.
	 */
	EXPECT_EQ(GUEST_IRQ_MCHK, slog[0].cls);
	EXPECT_EQ(0x00400f1d40330000ULL, slog[0].a);
	EXPECT_EQ(0x2401, slog[1].a);
	EXPECT_EQ(3, slog[1].b);
	EXPECT_EQ(0x2401, slog[2].a);
	EXPECT_EQ(0x7ff8, slog[2].b);
	EXPECT_EQ(0x06802603, slog[3].a);
	EXPECT_EQ(0x0d002603, slog[4].a);
	EXPECT_EQ(0x1234, slog[4].b);
	for (i = 1; i < 5; i++)
		EXPECT_EQ(GUEST_IRQ_EXT, slog[i].cls);
	/* I/O in GET_ALL_IRQS order: ISC 0..7, FIFO within an ISC */
	for (i = 5, k = 0, n = 0; k < N_SAVED; k++) {
		if (saved[k].type > KVM_S390_INT_IO_MAX)
			continue;
		n++;
		ASSERT_GT(N, i);
		EXPECT_EQ(GUEST_IRQ_IO, slog[i].cls);
		EXPECT_EQ(saved[k].u.io.io_int_parm, slog[i].a);
		EXPECT_EQ(saved[k].u.io.io_int_word, slog[i].b);
		i++;
	}
	EXPECT_EQ(N_IO + 1, n);
	/* nothing left on either side */
	EXPECT_EQ(0, get_all_irqs(src.flic_fd, &saved));
	free(saved);
	EXPECT_EQ(0, get_all_irqs(dst.flic_fd, &saved));
	free(saved);

	free(stream);
	close(src.flic_fd);
	close(dst.flic_fd);
	sim_vm_free(svm);
	sim_vm_free(dvm);
}

/*
 * GET_ALL_IRQS of a long queue while it changes at both
 * ends: one thread appends to ISC 0..NR_ISCS-1 in turn (intparm = ISC's
 * next sequence number), another removes the head of each ISC in turn
 * with CLEAR_IO_IRQ. The remover always leaves MOVING_KEEP entries per
 * ISC and the injector stays at most MOVING_SLACK rounds ahead of it, so
 * every real state holds MOVING_KEEP to MOVING_KEEP + MOVING_SLACK + 1
 * entries per ISC. Every snapshot must be one state: per ISC a
 * contiguous increasing run of such a length, and, as both ends move
 * round-robin, heads and tails level across the ISCs up to one step. A
 * torn copy (heads of one moment, tails of a later one) is too long.
 */
#define NR_ISCS		4
#define MOVING_KEEP	2500	/* entries per ISC: 10000 in all */
#define MOVING_SLACK	8
#ifndef MOVING_ROUNDS
#define MOVING_ROUNDS	4000
#endif
#define MOVING_BUF	((NR_ISCS * (MOVING_KEEP + MOVING_ROUNDS) + 8) * IRQ_SZ)

struct moving {
	int flic_fd;
	atomic_int injected[NR_ISCS];	/* published after ENQUEUE returns */
	atomic_int removed[NR_ISCS];
	atomic_int done;
	atomic_int errors;
};

static struct kvm_s390_irq moving_irq(int isc, int seq)
{
	struct kvm_s390_irq irq = io_irq(seq & 0xffff, seq, isc);

	/* one subchannel id per ISC: CLEAR_IO_IRQ then takes that head */
	irq.u.io.subchannel_id = (uint16_t)(isc << 8 | 1);
	return irq;
}

static void *moving_injector(void *p)
{
	struct moving *m = p;
	struct kvm_s390_irq irq[NR_ISCS];
	int r, isc, seq;

	for (r = 0; r < MOVING_ROUNDS; r++) {
		seq = MOVING_KEEP + r;
		for (isc = 0; isc < NR_ISCS; isc++) {
			while (atomic_load(&m->removed[isc]) <
			       r - MOVING_SLACK && !atomic_load(&m->errors))
				sched_yield();
			irq[isc] = moving_irq(isc, seq);
		}
		if (enqueue(m->flic_fd, irq, NR_ISCS)) {
			atomic_fetch_add(&m->errors, 1);
			break;
		}
		for (isc = 0; isc < NR_ISCS; isc++)
			atomic_store(&m->injected[isc], seq + 1);
	}
	return NULL;
}

static void *moving_remover(void *p)
{
	struct moving *m = p;
	int r, isc;
	uint32_t schid;

	for (r = 0; r < MOVING_ROUNDS && !atomic_load(&m->errors); r++) {
		for (isc = 0; isc < NR_ISCS; isc++) {
			/* keep MOVING_KEEP queued: the head is r */
			while (atomic_load(&m->injected[isc]) <=
			       r + MOVING_KEEP && !atomic_load(&m->errors))
				sched_yield();
			schid = (uint32_t)(isc << 8 | 1) << 16 | (r & 0xffff);
			if (flic_set(m->flic_fd, KVM_DEV_FLIC_CLEAR_IO_IRQ,
				     sizeof(schid), (uintptr_t)&schid)) {
				atomic_fetch_add(&m->errors, 1);
				return NULL;
			}
			atomic_store(&m->removed[isc], r + 1);
		}
	}
	return NULL;
}

/*
 * Check one snapshot; head[] and tail[] get the first and one past the
 * last sequence number of each ISC. Returns 0 or the index of the first
 * bad entry plus one.
 */
static int moving_check(const struct kvm_s390_irq *irq, int n,
			int *head, int *tail)
{
	int i, isc, prev = -1;

	for (isc = 0; isc < NR_ISCS; isc++)
		head[isc] = tail[isc] = -1;
	for (i = 0; i < n; i++) {
		uint32_t seq = irq[i].u.io.io_int_parm;

		isc = (irq[i].u.io.io_int_word >> 27) & 7;
		if (irq[i].type != KVM_S390_INT_IO(0, 0, 0, seq & 0xffff) ||
		    isc >= NR_ISCS || isc < prev ||
		    irq[i].u.io.subchannel_id != (isc << 8 | 1) ||
		    irq[i].u.io.subchannel_nr != (seq & 0xffff))
			return i + 1;
		if (isc != prev)
			head[isc] = seq;
		else if ((int)seq != tail[isc])
			return i + 1;	/* a gap or a duplicate */
		tail[isc] = seq + 1;
		prev = isc;
	}
	return 0;
}

/* levels[0] >= levels[1] >= ... >= levels[0] - 1, all there */
static int level_round_robin(const int *lv)
{
	int isc;

	for (isc = 0; isc < NR_ISCS; isc++)
		if (lv[isc] < 0)
			return 0;
	for (isc = 1; isc < NR_ISCS; isc++)
		if (lv[isc] > lv[isc - 1])
			return 0;
	return lv[NR_ISCS - 1] >= lv[0] - 1;
}

TEST(get_all_irqs_moving_queue)
{
	struct kvm_s390_irq *in, *out;
	int head[NR_ISCS], tail[NR_ISCS];
	pthread_t inj, rem;
	struct moving m = {};
	int i, n, isc, snaps = 0, busy;
	struct vm v;

	ASSERT_EQ(0, vm_open(&v, 0));
	m.flic_fd = v.flic_fd;
	in = calloc(NR_ISCS * MOVING_KEEP, IRQ_SZ);
	out = malloc(MOVING_BUF);
	ASSERT_NE(NULL, in);
	ASSERT_NE(NULL, out);
	/* round-robin from the start, so the levels hold from the start */
	for (i = 0; i < MOVING_KEEP; i++)
		for (isc = 0; isc < NR_ISCS; isc++)
			in[i * NR_ISCS + isc] = moving_irq(isc, i);
	ASSERT_EQ(0, enqueue(v.flic_fd, in, NR_ISCS * MOVING_KEEP));
	for (isc = 0; isc < NR_ISCS; isc++)
		atomic_store(&m.injected[isc], MOVING_KEEP);

	ASSERT_EQ(0, pthread_create(&inj, NULL, moving_injector, &m));
	ASSERT_EQ(0, pthread_create(&rem, NULL, moving_remover, &m));
	do {
		busy = atomic_load(&m.removed[NR_ISCS - 1]) < MOVING_ROUNDS &&
		       !atomic_load(&m.errors);
		n = flic_get(v.flic_fd, KVM_DEV_FLIC_GET_ALL_IRQS, MOVING_BUF,
			     (uintptr_t)out);
		ASSERT_LE(NR_ISCS * MOVING_KEEP, n);
		ASSERT_EQ(0, moving_check(out, n, head, tail)) {
			TH_LOG("snapshot %d of %d entries torn", snaps, n);
		}
		ASSERT_TRUE(level_round_robin(head));
		ASSERT_TRUE(level_round_robin(tail));
		for (isc = 0; isc < NR_ISCS; isc++) {
			ASSERT_LE(MOVING_KEEP, tail[isc] - head[isc]);
			ASSERT_GE(MOVING_KEEP + MOVING_SLACK + 1,
				  tail[isc] - head[isc]) {
				TH_LOG("snapshot %d: ISC %d holds %d..%d",
				       snaps, isc, head[isc], tail[isc] - 1);
			}
		}
		snaps++;
	} while (busy);
	pthread_join(inj, NULL);
	pthread_join(rem, NULL);
	ASSERT_EQ(0, atomic_load(&m.errors));
	TH_LOG("%d snapshots while the queue moved", snaps);

	/* at rest: exactly what is left */
	n = flic_get(v.flic_fd, KVM_DEV_FLIC_GET_ALL_IRQS, MOVING_BUF,
		     (uintptr_t)out);
	ASSERT_EQ(NR_ISCS * MOVING_KEEP, n);
	ASSERT_EQ(0, moving_check(out, n, head, tail));
	for (isc = 0; isc < NR_ISCS; isc++) {
		EXPECT_EQ(MOVING_ROUNDS, head[isc]);
		EXPECT_EQ(MOVING_KEEP + MOVING_ROUNDS, tail[isc]);
	}
	free(in);
	free(out);
	vm_close(&v);
}

/*
 * The same while the whole queue is dropped and refilled: one thread
 * does CLEAR_IRQS, then one ENQUEUE of MOVING_KEEP entries per ISC in
 * turn, their intparm carrying an epoch above the sequence number. A
 * real state is one epoch's queue, filled round-robin up to some point:
 * a copy that followed list positions across the clear would read freed
 * or reused nodes and mix epochs or lose the round-robin fill.
 */
#define REFILL_EPOCHS	60

struct refill {
	int flic_fd;
	atomic_int done;
	atomic_int errors;
};

static void *refiller(void *p)
{
	struct refill *f = p;
	struct kvm_s390_irq *in = calloc(NR_ISCS * MOVING_KEEP, IRQ_SZ);
	int e, i, isc;

	if (!in) {
		atomic_fetch_add(&f->errors, 1);
		return NULL;
	}
	for (e = 1; e <= REFILL_EPOCHS; e++) {
		for (i = 0; i < MOVING_KEEP; i++)
			for (isc = 0; isc < NR_ISCS; isc++)
				in[i * NR_ISCS + isc] =
					moving_irq(isc, e << 16 | i);
		if (flic_set(f->flic_fd, KVM_DEV_FLIC_CLEAR_IRQS, 0, 0) ||
		    enqueue(f->flic_fd, in, NR_ISCS * MOVING_KEEP)) {
			atomic_fetch_add(&f->errors, 1);
			break;
		}
	}
	free(in);
	atomic_store(&f->done, 1);
	return NULL;
}

TEST(get_all_irqs_clear_refill)
{
	int head[NR_ISCS], tail[NR_ISCS], len[NR_ISCS];
	struct kvm_s390_irq *out;
	struct refill f = {};
	int n, isc, epoch, snaps = 0, busy;
	pthread_t thr;
	struct vm v;

	ASSERT_EQ(0, vm_open(&v, 0));
	f.flic_fd = v.flic_fd;
	out = malloc(MOVING_BUF);
	ASSERT_NE(NULL, out);
	ASSERT_EQ(0, pthread_create(&thr, NULL, refiller, &f));
	do {
		busy = !atomic_load(&f.done);
		n = flic_get(v.flic_fd, KVM_DEV_FLIC_GET_ALL_IRQS, MOVING_BUF,
			     (uintptr_t)out);
		ASSERT_LE(0, n);
		ASSERT_GE(NR_ISCS * MOVING_KEEP, n);
		ASSERT_EQ(0, moving_check(out, n, head, tail));
		epoch = n ? (int)out[0].u.io.io_int_parm >> 16 : 0;
		for (isc = 0; isc < NR_ISCS; isc++) {
			len[isc] = 0;
			if (head[isc] < 0)
				continue;
			/* one epoch, from its first entry */
			ASSERT_EQ(epoch << 16, head[isc]) {
				TH_LOG("snapshot %d: ISC %d starts at %#x",
				       snaps, isc, head[isc]);
			}
			len[isc] = tail[isc] - head[isc];
		}
		/* filled round-robin: level up to one step */
		for (isc = 1; isc < NR_ISCS; isc++)
			if (len[isc] > len[isc - 1] || len[isc] < len[0] - 1)
				break;
		ASSERT_EQ(NR_ISCS, isc) {
			TH_LOG("snapshot %d: ISC %d has %d, ISC 0 %d",
			       snaps, isc, len[isc], len[0]);
		}
		snaps++;
	} while (busy);
	pthread_join(thr, NULL);
	ASSERT_EQ(0, atomic_load(&f.errors));
	TH_LOG("%d snapshots while the queue was refilled", snaps);
	free(out);
	vm_close(&v);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_S390_GET_IRQ_STATE / KVM_S390_SET_IRQ_STATE: the migration of a
 * vcpu's local interrupts. The errno matrix of both ioctls, the entries
 * and their order, a round trip into a vcpu of a second VM, and a guest
 * on that VM taking the restored interrupts in priority order with the
 * right lowcore contents.
 */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "flic_util.h"
#include "s390/vm.h"
#include "../include/s390/irq_log.h"

/* 6.1's limit of SET_IRQ_STATE: (KVM_MAX_VCPUS + 32) entries, s390: 255 */
#define MAX_ENTRIES	(255 + 32)
#define MAX_BUF		(MAX_ENTRIES * IRQ_SZ)

#define LC_EXT_PARAMS2	0x11b8

#define CR0_EMERG	0x4000UL
#define CR0_EXTCALL	0x2000UL
#define CR0_CKC		0x0800UL
#define CR0_CPUTM	0x0400UL

#define MCIC_SD		(1ULL << 63)	/* system damage: exigent */

static long get_state(int fd, void *buf, uint32_t len, uint32_t flags)
{
	struct kvm_s390_irq_state st = {
		.buf = (uintptr_t)buf, .len = len, .flags = flags,
	};

	return ioctl(fd, KVM_S390_GET_IRQ_STATE, &st);
}

static long set_state(int fd, const void *buf, uint32_t len, uint32_t flags)
{
	struct kvm_s390_irq_state st = {
		.buf = (uintptr_t)buf, .len = len, .flags = flags,
	};

	return ioctl(fd, KVM_S390_SET_IRQ_STATE, &st);
}

static int inject(int vcpu_fd, struct kvm_s390_irq irq)
{
	return ioctl(vcpu_fd, KVM_S390_IRQ, &irq);
}

static struct kvm_s390_irq mk(uint64_t type)
{
	struct kvm_s390_irq irq;

	memset(&irq, 0, sizeof(irq));
	irq.type = type;
	return irq;
}

static struct kvm_s390_irq pgm(uint16_t code)
{
	struct kvm_s390_irq irq = mk(KVM_S390_PROGRAM_INT);

	irq.u.pgm.code = code;
	irq.u.pgm.flags = KVM_S390_PGM_FLAGS_ILC_VALID | 4;
	return irq;
}

static struct kvm_s390_irq emerg(uint16_t src)
{
	struct kvm_s390_irq irq = mk(KVM_S390_INT_EMERGENCY);

	irq.u.emerg.code = src;
	return irq;
}

static struct kvm_s390_irq extcall(uint16_t src)
{
	struct kvm_s390_irq irq = mk(KVM_S390_INT_EXTERNAL_CALL);

	irq.u.extcall.code = src;
	return irq;
}

static struct kvm_s390_irq pfault_init(uint64_t token)
{
	struct kvm_s390_irq irq = mk(KVM_S390_INT_PFAULT_INIT);

	irq.u.ext.ext_params2 = token;
	return irq;
}

/* A VM with vcpus 0..3 (the senders of signals must exist). */
static struct sim_vm *vm4(void)
{
	struct sim_vm *vm = sim_vm_create();
	int i;

	if (!vm)
		return NULL;
	for (i = 0; i < 4; i++)
		if (!sim_vcpu_add(vm, i))
			return NULL;
	return vm;
}

/*
 * The mix the tests inject into a stopped vcpu, and what GET_IRQ_STATE
 * reports for it: by IRQ_PEND_* bit, lowest first (set prefix, restart,
 * pfault init, CPU timer, clock comparator, external call, program,
 * exigent machine check), then one emergency signal per sender.
 */
static void inject_mix(struct __test_metadata *_metadata, int fd)
{
	struct kvm_s390_irq irq;

	ASSERT_EQ(0, inject(fd, emerg(3)));
	ASSERT_EQ(0, inject(fd, pgm(0x0006)));
	ASSERT_EQ(0, inject(fd, emerg(1)));
	ASSERT_EQ(0, inject(fd, extcall(2)));
	ASSERT_EQ(0, inject(fd, mk(KVM_S390_INT_CPU_TIMER)));
	ASSERT_EQ(0, inject(fd, emerg(2)));
	ASSERT_EQ(0, inject(fd, mk(KVM_S390_INT_CLOCK_COMP)));
	ASSERT_EQ(0, inject(fd, pfault_init(0x1234567890abcdefULL)));
	ASSERT_EQ(0, inject(fd, mk(KVM_S390_RESTART)));
	irq = mk(KVM_S390_SIGP_SET_PREFIX);
	irq.u.prefix.address = 0x4000;
	ASSERT_EQ(0, inject(fd, irq));
	irq = mk(KVM_S390_MCHK);
	irq.u.mchk.mcic = MCIC_SD;
	irq.u.mchk.cr14 = 1UL << 28;
	irq.u.mchk.failing_storage_address = 0x5000;
	ASSERT_EQ(0, inject(fd, irq));
}

#define MIX_N	11

static void check_mix(struct __test_metadata *_metadata,
		      const struct kvm_s390_irq *s)
{
	static const uint64_t types[MIX_N] = {
		KVM_S390_SIGP_SET_PREFIX, KVM_S390_RESTART,
		KVM_S390_INT_PFAULT_INIT, KVM_S390_INT_CPU_TIMER,
		KVM_S390_INT_CLOCK_COMP, KVM_S390_INT_EXTERNAL_CALL,
		KVM_S390_PROGRAM_INT, KVM_S390_MCHK,
		KVM_S390_INT_EMERGENCY, KVM_S390_INT_EMERGENCY,
		KVM_S390_INT_EMERGENCY,
	};
	int i;

	for (i = 0; i < MIX_N; i++)
		EXPECT_EQ(types[i], s[i].type) {
			TH_LOG("entry %d", i);
		}
	EXPECT_EQ(0x4000, s[0].u.prefix.address);
	EXPECT_EQ(0x1234567890abcdefULL, s[2].u.ext.ext_params2);
	EXPECT_EQ(2, s[5].u.extcall.code);
	EXPECT_EQ(6, s[6].u.pgm.code);
	EXPECT_EQ(KVM_S390_PGM_FLAGS_ILC_VALID | 4, s[6].u.pgm.flags);
	EXPECT_EQ(MCIC_SD, s[7].u.mchk.mcic);
	EXPECT_EQ(0x5000, s[7].u.mchk.failing_storage_address);
	EXPECT_EQ(1, s[8].u.emerg.code);
	EXPECT_EQ(2, s[9].u.emerg.code);
	EXPECT_EQ(3, s[10].u.emerg.code);
}

FIXTURE(st) {
	struct sim_vm *vm;
	int fd;			/* vcpu 0 */
	struct kvm_s390_irq buf[MAX_ENTRIES + 1];
};

FIXTURE_SETUP(st)
{
	self->vm = vm4();
	ASSERT_NE(NULL, self->vm);
	self->fd = self->vm->vcpus[0].fd;
}

FIXTURE_TEARDOWN(st)
{
	sim_vm_free(self->vm);
}

TEST_F(st, capability)
{
	EXPECT_EQ(1, ioctl(self->vm->kvm_fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_S390_IRQ_STATE));
	EXPECT_EQ(1, ioctl(self->vm->fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_S390_IRQ_STATE));
}

TEST_F(st, get_errnos)
{
	void *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);

	ASSERT_NE(MAP_FAILED, none);
	/* nothing pending: 0 bytes, whatever the buffer */
	EXPECT_EQ(0, get_state(self->fd, self->buf, IRQ_SZ, 0));
	EXPECT_EQ(0, get_state(self->fd, none, IRQ_SZ, 0));
	/* length 0 */
	EXPECT_EQ(-1, get_state(self->fd, self->buf, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	/* the argument itself unreadable */
	EXPECT_EQ(-1, ioctl(self->fd, KVM_S390_GET_IRQ_STATE, none));
	EXPECT_EQ(EFAULT, errno);

	ASSERT_EQ(0, inject(self->fd, pgm(6)));
	ASSERT_EQ(0, inject(self->fd, emerg(1)));
	ASSERT_EQ(0, inject(self->fd, emerg(2)));
	/* too small, by one byte */
	memset(self->buf, 0xaa, sizeof(self->buf));
	EXPECT_EQ(-1, get_state(self->fd, self->buf, 3 * IRQ_SZ - 1, 0));
	EXPECT_EQ(ENOBUFS, errno);
	/* nothing copied on ENOBUFS */
	EXPECT_EQ(0xaaaaaaaaaaaaaaaaULL, self->buf[0].type);
	/* not a multiple of the entry size, any huge length: fine */
	EXPECT_EQ(3 * IRQ_SZ, get_state(self->fd, self->buf,
					3 * IRQ_SZ + 1, 0));
	EXPECT_EQ(3 * IRQ_SZ, get_state(self->fd, self->buf,
					sizeof(self->buf), 0));
	/* flags are not looked at (6.1: QEMU never zeroed them) */
	EXPECT_EQ(3 * IRQ_SZ, get_state(self->fd, self->buf, 3 * IRQ_SZ,
					0xdeadbeef));
	/* buffer fault */
	EXPECT_EQ(-1, get_state(self->fd, none, 3 * IRQ_SZ, 0));
	EXPECT_EQ(EFAULT, errno);
	/* GET dequeues nothing */
	EXPECT_EQ(3 * IRQ_SZ, get_state(self->fd, self->buf, 3 * IRQ_SZ, 0));
	munmap(none, 4096);
}

TEST_F(st, set_errnos)
{
	void *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	struct kvm_s390_irq *b = self->buf;
	int i;

	ASSERT_NE(MAP_FAILED, none);
	b[0] = pgm(6);
	/* length 0, not a multiple of 72, past the limit */
	EXPECT_EQ(-1, set_state(self->fd, b, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, set_state(self->fd, b, IRQ_SZ - 1, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, set_state(self->fd, b, IRQ_SZ + 1, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, set_state(self->fd, b, MAX_BUF + IRQ_SZ, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, set_state(self->fd, b, 0xffffffb8u, 0));
	EXPECT_EQ(EINVAL, errno);
	/* unreadable argument, unreadable buffer */
	EXPECT_EQ(-1, ioctl(self->fd, KVM_S390_SET_IRQ_STATE, none));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, set_state(self->fd, none, IRQ_SZ, 0));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(0, get_state(self->fd, b, IRQ_SZ, 0));

	/* exactly the limit is accepted (a restart may come many times) */
	for (i = 0; i < MAX_ENTRIES; i++)
		b[i] = mk(KVM_S390_RESTART);
	EXPECT_EQ(0, set_state(self->fd, b, MAX_BUF, 0));
	EXPECT_EQ(IRQ_SZ, get_state(self->fd, b, MAX_BUF, 0));
	EXPECT_EQ(KVM_S390_RESTART, b[0].type);

	/* something pending already: EBUSY, state unchanged */
	b[0] = pgm(6);
	EXPECT_EQ(-1, set_state(self->fd, b, IRQ_SZ, 0));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(IRQ_SZ, get_state(self->fd, b, MAX_BUF, 0));
	EXPECT_EQ(KVM_S390_RESTART, b[0].type);
	munmap(none, 4096);
}

/* flags and reserved[] are ignored by SET as well */
TEST_F(st, set_ignores_flags_and_reserved)
{
	struct kvm_s390_irq irq = pgm(0x11);
	struct kvm_s390_irq_state st = {
		.buf = (uintptr_t)&irq, .len = IRQ_SZ, .flags = ~0u,
		.reserved = { 1, 2, 3, 4 },
	};

	ASSERT_EQ(0, ioctl(self->fd, KVM_S390_SET_IRQ_STATE, &st));
	ASSERT_EQ(IRQ_SZ, get_state(self->fd, self->buf, IRQ_SZ, 0));
	EXPECT_EQ(KVM_S390_PROGRAM_INT, self->buf[0].type);
	EXPECT_EQ(0x11, self->buf[0].u.pgm.code);
}

/*
 * An entry that cannot be injected ends the call with the error of
 * KVM_S390_IRQ; the entries before it are dropped again (6.1 leaves
 * them pending), so a corrected retry succeeds.
 */
TEST_F(st, set_failure_is_all_or_nothing)
{
	struct kvm_s390_irq b[4] = {
		pgm(6), emerg(1), mk(KVM_S390_INT_IO(0, 0, 0, 1)), emerg(2),
	};

	/* a floating type */
	EXPECT_EQ(-1, set_state(self->fd, b, sizeof(b), 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, get_state(self->fd, self->buf, MAX_BUF, 0));
	/* a sender that does not exist */
	b[2] = emerg(9);
	EXPECT_EQ(-1, set_state(self->fd, b, sizeof(b), 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, get_state(self->fd, self->buf, MAX_BUF, 0));
	/* a second external call: one slot per cpu */
	b[1] = extcall(1);
	b[2] = extcall(2);
	EXPECT_EQ(-1, set_state(self->fd, b, sizeof(b), 0));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(0, get_state(self->fd, self->buf, MAX_BUF, 0));
	/* corrected */
	b[2] = emerg(3);
	EXPECT_EQ(0, set_state(self->fd, b, sizeof(b), 0));
	ASSERT_EQ(4 * IRQ_SZ, get_state(self->fd, self->buf, MAX_BUF, 0));
	EXPECT_EQ(KVM_S390_INT_EXTERNAL_CALL, self->buf[0].type);
	EXPECT_EQ(KVM_S390_PROGRAM_INT, self->buf[1].type);
	EXPECT_EQ(2, self->buf[2].u.emerg.code);
	EXPECT_EQ(3, self->buf[3].u.emerg.code);
}

/* Only local interrupts: floating ones are the FLIC's (GET_ALL_IRQS). */
TEST_F(st, floating_not_reported)
{
	int flic = create_flic(self->vm->fd);
	struct kvm_s390_irq io = io_irq(5, 0x55, 3);

	ASSERT_GE(flic, 0);
	ASSERT_EQ(0, enqueue(flic, &io, 1));
	ASSERT_EQ(0, sim_inject_io(self->vm, SCH_ID(0) << 16 | 6, 0x66, 2));
	ASSERT_EQ(0, inject(self->fd, emerg(2)));
	ASSERT_EQ(IRQ_SZ, get_state(self->fd, self->buf, MAX_BUF, 0));
	EXPECT_EQ(KVM_S390_INT_EMERGENCY, self->buf[0].type);
	/* another vcpu has none */
	EXPECT_EQ(0, get_state(self->vm->vcpus[1].fd, self->buf, MAX_BUF, 0));
	close(flic);
}

TEST_F(st, round_trip)
{
	struct kvm_s390_irq *a = self->buf;
	struct kvm_s390_irq b[MIX_N + 1];
	struct sim_vm *vm2;
	long n;

	inject_mix(_metadata, self->fd);
	n = get_state(self->fd, a, MAX_BUF, 0);
	ASSERT_EQ(MIX_N * IRQ_SZ, n);
	check_mix(_metadata, a);
	/* exactly big enough is enough */
	ASSERT_EQ(n, get_state(self->fd, b, n, 0));
	EXPECT_EQ(0, memcmp(a, b, n));

	vm2 = vm4();
	ASSERT_NE(NULL, vm2);
	ASSERT_EQ(0, set_state(vm2->vcpus[0].fd, a, n, 0));
	memset(b, 0, sizeof(b));
	ASSERT_EQ(n, get_state(vm2->vcpus[0].fd, b, sizeof(b), 0));
	EXPECT_EQ(0, memcmp(a, b, n));
	/* the other vcpus of either VM got nothing */
	EXPECT_EQ(0, get_state(vm2->vcpus[1].fd, b, sizeof(b), 0));
	EXPECT_EQ(0, get_state(self->vm->vcpus[3].fd, b, sizeof(b), 0));
	sim_vm_free(vm2);
}

/* A stop request is pending only on a running vcpu; it round-trips too. */
static void guest_sync_done(uint64_t arg)
{
	GUEST_SYNC(0);
	GUEST_DONE();
}

TEST_F(st, stop_round_trip)
{
	struct kvm_s390_irq irq = mk(KVM_S390_SIGP_STOP), b[2];
	struct sim_vcpu *v1 = &self->vm->vcpus[0], *v2;
	struct sim_vm *vm2;
	struct ucall uc;

	sim_vcpu_set_entry(v1, guest_sync_done, 0);
	ASSERT_EQ(0, sim_vcpu_run(v1));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(v1, &uc));
	irq.u.stop.flags = KVM_S390_STOP_FLAG_STORE_STATUS;
	ASSERT_EQ(0, inject(v1->fd, irq));
	ASSERT_EQ(IRQ_SZ, get_state(v1->fd, b, sizeof(b), 0));
	EXPECT_EQ(KVM_S390_SIGP_STOP, b[0].type);
	EXPECT_EQ(KVM_S390_STOP_FLAG_STORE_STATUS, b[0].u.stop.flags);

	vm2 = vm4();
	ASSERT_NE(NULL, vm2);
	v2 = &vm2->vcpus[0];
	sim_vcpu_set_entry(v2, guest_sync_done, 0);
	ASSERT_EQ(0, sim_vcpu_run(v2));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(v2, &uc));
	ASSERT_EQ(0, set_state(v2->fd, b, IRQ_SZ, 0));
	memset(&irq, 0, sizeof(irq));
	ASSERT_EQ(IRQ_SZ, get_state(v2->fd, &irq, IRQ_SZ, 0));
	EXPECT_EQ(0, memcmp(&b[0], &irq, IRQ_SZ));
	sim_vm_free(vm2);
}

/* ---- a guest takes the restored interrupts ---- */

static void ext_handler(void)
{
	irq_log_add(GUEST_IRQ_EXT, guest_read16(LC_EXT_INT_CODE), guest_read16(LC_EXT_CPU_ADDR),
		guest_read32(LC_EXT_PARAMS), guest_read64(LC_EXT_PARAMS2));
}

static void pgm_handler(void)
{
	irq_log_add(GUEST_IRQ_PGM, guest_read16(LC_PGM_CODE), guest_read16(LC_PGM_ILC), 0, 0);
}

static void guest_take_local(uint64_t arg)
{
	guest_install_handler(GUEST_IRQ_EXT, ext_handler);
	guest_install_handler(GUEST_IRQ_PGM, pgm_handler);
	ctl_set_bit(0, CR0_EMERG | CR0_EXTCALL | CR0_CKC | CR0_CPUTM);
	/* the host restores now: the program interruption comes at once */
	GUEST_SYNC(0);
	enabled_wait(PSW_MASK_EXT);
	GUEST_DONE();
}

TEST_F(st, restored_interrupts_delivered_in_priority_order)
{
	/* expected: class, code, cpu address/subcode, params2 */
	static const uint64_t want[][4] = {
		{ GUEST_IRQ_PGM, 0x0006, 4, 0 },
		{ GUEST_IRQ_EXT, 0x1201, 1, 0 },
		{ GUEST_IRQ_EXT, 0x1201, 2, 0 },
		{ GUEST_IRQ_EXT, 0x1201, 3, 0 },
		{ GUEST_IRQ_EXT, 0x1202, 2, 0 },
		{ GUEST_IRQ_EXT, 0x1004, 0, 0 },
		{ GUEST_IRQ_EXT, 0x1005, 0, 0 },
		{ GUEST_IRQ_EXT, 0x2603, 0x0600, 0x1234567890abcdefULL },
	};
	int n = ARRAY_SIZE(want), i;
	struct kvm_s390_irq *a = self->buf;
	struct sim_vcpu *v2;
	struct sim_vm *vm2;
	struct ucall uc;
	struct irq_log_entry e;
	long len;

	/* the deliverable part of the mix, injected in a scrambled order */
	ASSERT_EQ(0, inject(self->fd, mk(KVM_S390_INT_CPU_TIMER)));
	ASSERT_EQ(0, inject(self->fd, emerg(3)));
	ASSERT_EQ(0, inject(self->fd, pfault_init(0x1234567890abcdefULL)));
	ASSERT_EQ(0, inject(self->fd, extcall(2)));
	ASSERT_EQ(0, inject(self->fd, emerg(1)));
	ASSERT_EQ(0, inject(self->fd, mk(KVM_S390_INT_CLOCK_COMP)));
	ASSERT_EQ(0, inject(self->fd, pgm(0x0006)));
	ASSERT_EQ(0, inject(self->fd, emerg(2)));
	len = get_state(self->fd, a, MAX_BUF, 0);
	ASSERT_EQ(n * IRQ_SZ, len);

	vm2 = vm4();
	ASSERT_NE(NULL, vm2);
	v2 = &vm2->vcpus[0];
	sim_vcpu_set_entry(v2, guest_take_local, 0);
	ASSERT_EQ(0, sim_vcpu_run(v2));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(v2, &uc));
	ASSERT_EQ(0, set_state(v2->fd, a, len, 0));
	ASSERT_EQ(0, sim_vcpu_run(v2));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(v2, &uc)) {
		TH_LOG("exit reason %u", v2->run->exit_reason);
	}

	ASSERT_EQ(n, irq_log_count(vm2));
	for (i = 0; i < n; i++) {
		e = irq_log_at(vm2, i);
		EXPECT_EQ(want[i][0], e.cls) {
			TH_LOG("entry %d", i);
		}
		EXPECT_EQ(want[i][1], e.a) {
			TH_LOG("entry %d", i);
		}
		EXPECT_EQ(want[i][2], e.b) {
			TH_LOG("entry %d", i);
		}
		if (want[i][0] == GUEST_IRQ_EXT && want[i][1] == 0x2603)
			EXPECT_EQ(want[i][3], e.d);
	}
	/* all taken: nothing left to migrate */
	EXPECT_EQ(0, get_state(v2->fd, a, MAX_BUF, 0));
	EXPECT_EQ(3, stat_of(v2->fd, "deliver_emergency_signal"));
	EXPECT_EQ(1, stat_of(v2->fd, "deliver_program"));
	/* the source still has them: GET does not dequeue */
	EXPECT_EQ(len, get_state(self->fd, a, MAX_BUF, 0));
	sim_vm_free(vm2);
}

TEST_HARNESS_MAIN

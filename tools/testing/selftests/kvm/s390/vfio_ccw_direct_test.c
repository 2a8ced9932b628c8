// SPDX-License-Identifier: GPL-2.0
/*
 * Direct injection end to end, vfio-ccw's half: the test plays the VMM
 * (a VM with a FLIC and a kvm-vfio device, subchannels of the simulated
 * machine passed through with vfio-ccw, guest memory mapped for DMA) and
 * binds them with VFIO_DEVICE_FEATURE_CCW_DIRECT. Checked: every errno of
 * the uapi; a guest's SSCH, interrupt and TSCH on the null device and a
 * 3390 with no exit to userspace (the vcpu's and VM's binary stats), with
 * the guest's intparm, ISC, CCW address and data; TSCH cc 1 with nothing
 * pending; unbind with a status pending (handed back, the interrupt on
 * the FLIC once) and with an I/O in flight (completes the classic way);
 * CSCH through the async region while bound; the teardown orders; and
 * several vcpus doing many I/Os with exact accounting (TSan).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/vfio.h>
#include <linux/vfio_ccw.h>
#include <linux/vfio_ccw_direct.h>

#include "kselftest_harness.h"
#include "s390/vm.h"
#include "flic_util.h"

#define NR_SCH		2
#define SCHID(i)	(0x00010005u + (i))	/* guest ids: ssid 0, 5 + i */
#define ISC(i)		(3 + (i))
#define INTPARM(i, n)	(0xd1000000u | (i) << 16 | (n))

/* guest areas per subchannel i: + i * 0x1000 */
#define ORB_GRA		0x60000UL
#define IRB_GRA		0x60100UL
#define CCW_GRA		0x60200UL
#define DATA_GRA	0x60400UL
#define RES_GRA		0x60800UL	/* handler: count, schid, parm, word */
#define AREA(i)		((uint64_t)(i) * 0x1000)

#define ORB_CTRL	0x0080ff00u	/* format 1, all paths */
#define CMD_SENSE_ID	0xe4
#define CCW_SLI		0x20
#define DSTAT_OK	0x0c		/* channel end | device end */

/* a format-1 CCW as vfio-ccw reads it (host layout, guest-model.rst) */
struct ccw1 {
	uint8_t cmd;
	uint8_t flags;
	uint16_t count;
	uint32_t cda;
} __attribute__((packed, aligned(8)));

static const char *const uuids[NR_SCH] = {
	"6dfd3ec5-e8b3-4e18-a6fe-57bc9eecb921",
	"6dfd3ec5-e8b3-4e18-a6fe-57bc9eecb922",
};

/* ---- the guest ---- */

static void io_handler(void)
{
	uint32_t nr = guest_read16(LC_SUBCHANNEL_NR) - 5;
	uint64_t res = RES_GRA + AREA(nr < NR_SCH ? nr : 0);

	guest_write32(res + 4, guest_read32(LC_SUBCHANNEL_ID));
	guest_write32(res + 8, guest_read32(LC_IO_INT_PARM));
	guest_write32(res + 12, guest_read32(LC_IO_INT_WORD));
	guest_write32(res, guest_read32(res) + 1);
}

static void guest_prepare(int i, uint32_t intparm)
{
	struct ccw1 *ccw = guest_ptr(CCW_GRA + AREA(i), sizeof(*ccw));
	uint8_t *data = guest_ptr(DATA_GRA + AREA(i), 8);

	ccw->cmd = CMD_SENSE_ID;
	ccw->flags = CCW_SLI;
	ccw->count = 7;
	ccw->cda = DATA_GRA + AREA(i);
	memset(data, 0, 8);
	guest_write32(ORB_GRA + AREA(i), intparm);
	guest_write32(ORB_GRA + AREA(i) + 4, ORB_CTRL);
	guest_write32(ORB_GRA + AREA(i) + 8, CCW_GRA + AREA(i));
}

/* one I/O on subchannel @i; the number of things that were wrong */
static int guest_one(int i, uint32_t n, uint16_t dev_type, int isc)
{
	uint64_t res = RES_GRA + AREA(i), irb = IRB_GRA + AREA(i);
	uint32_t seen = guest_read32(res);
	uint8_t *data = guest_ptr(DATA_GRA + AREA(i), 8);
	int bad = 0;

	guest_prepare(i, INTPARM(i, n));
	if (ssch(SCHID(i), ORB_GRA + AREA(i)))
		bad++;
	while (guest_read32(res) == seen)
		enabled_wait(PSW_MASK_IO);
	if (guest_read32(res) != seen + 1 ||
	    guest_read32(res + 4) != SCHID(i) ||
	    guest_read32(res + 8) != INTPARM(i, n) ||
	    guest_read32(res + 12) != (uint32_t)isc << 27)
		bad++;
	if (tsch(SCHID(i), irb))
		bad++;
	/* start function, status pending; CE+DE; the guest's CCW address */
	if (((guest_read32(irb) >> 12) & 7) != 4 ||
	    !(guest_read32(irb) & 1) ||
	    guest_read32(irb + 4) != CCW_GRA + AREA(i) + 8 ||
	    guest_read32(irb + 8) >> 24 != DSTAT_OK)
		bad++;
	if (data[0] != 0xff || (data[4] << 8 | data[5]) != dev_type)
		bad++;
	return bad;
}

/* @arg: subchannel | dev_type << 8 | count << 32; ISC(i) */
#define IOS_ARG(i, dev_type, count) \
	((uint64_t)(count) << 32 | (dev_type) << 8 | (i))
/* the same with another ISC */
#define IOS_ARG_ISC(i, dev_type, count, isc) \
	(IOS_ARG(i, dev_type, count) | 0x80000000u | (isc) << 24)

static void guest_ios(uint64_t arg)
{
	int i = arg & 0xff, bad = 0, cc1;
	int isc = arg & 0x80000000u ? (arg >> 24) & 7 : ISC(i);
	uint16_t dev_type = arg >> 8;
	uint32_t n, count = arg >> 32;

	guest_install_handler(GUEST_IRQ_IO, io_handler);
	guest_write32(RES_GRA + AREA(i), 0);
	/* both: an interrupt on the wrong one is counted, not lost */
	ctl_load(6, CR6_ISC_BIT(isc) | CR6_ISC_BIT(ISC(i)));
	for (n = 0; n < count; n++)
		bad += guest_one(i, n, dev_type, isc);
	/* nothing pending: cc 1, an idle IRB stored */
	guest_write32(IRB_GRA + AREA(i), 0xffffffff);
	cc1 = tsch(SCHID(i), IRB_GRA + AREA(i));
	if (guest_read32(IRB_GRA + AREA(i)))
		bad++;
	GUEST_SYNC_ARGS(0, guest_read32(RES_GRA + AREA(i)), bad, cc1, 0);
	GUEST_DONE();
}

/* SSCH with I/O interruptions off, report, then TSCH when resumed */
static void guest_start_then_tsch(uint64_t i)
{
	int cc;

	guest_prepare(i, INTPARM(i, 77));
	cc = ssch(SCHID(i), ORB_GRA + AREA(i));
	GUEST_SYNC_ARGS(0, cc, 0, 0, 0);
	cc = tsch(SCHID(i), IRB_GRA + AREA(i));
	GUEST_SYNC_ARGS(1, cc, guest_read32(IRB_GRA + AREA(i)),
			guest_read32(IRB_GRA + AREA(i) + 8), 0);
	GUEST_DONE();
}

/* ---- the VMM ---- */

FIXTURE(vd) {
	struct sim_vm *vm;
	struct sim_vcpu *vcpu[NR_SCH];
	int flic, kvfio, container;
	int group[NR_SCH], dev[NR_SCH], efd[NR_SCH];
	int nr;
};

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n < 0 ? -errno : 0;
}

static int machine(const char *text)
{
	char path[] = "/tmp/vd-machine-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (!f)
		return -1;
	fputs(text, f);
	fclose(f);
	return setenv("S390UM_MACHINE", path, 1);
}

static int group_of(const char *uuid)
{
	char path[160], link[128], *base;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/iommu_group",
		 uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -1;
	link[n] = 0;
	base = strrchr(link, '/');
	snprintf(path, sizeof(path), "/dev/vfio/%s", base ? base + 1 : link);
	return open(path, O_RDWR);
}

static int kvfio_group(int kvfio, int group, uint64_t op)
{
	struct kvm_device_attr a = {
		.group = KVM_DEV_VFIO_GROUP, .attr = op,
		.addr = (uintptr_t)&group,
	};

	return ioctl(kvfio, KVM_SET_DEVICE_ATTR, &a);
}

/*
 * The VM, its FLIC and kvm-vfio device, @nr subchannels (0.0.000i) with
 * an mdev each, their groups in one container with guest memory at IOVA
 * 0 (guest absolute = IOVA, as QEMU maps it), in the kvm-vfio device
 * (@with_kvm) before the device is opened.
 */
static void vmm_up(struct __test_metadata *_metadata, FIXTURE_DATA(vd) *self,
		   const char *text, int nr, bool with_kvm)
{
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map) };
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_VFIO };
	char path[128];
	int i;

	ASSERT_EQ(0, machine(text));
	self->vm = sim_vm_create();
	ASSERT_NE(NULL, self->vm);
	unlink(getenv("S390UM_MACHINE"));	/* read at the first syscall */
	ASSERT_EQ(0, sim_vm_enable_cap(self->vm, KVM_CAP_S390_CSS_SUPPORT, 0));
	self->flic = create_flic(self->vm->fd);
	ASSERT_LE(0, self->flic);
	ASSERT_EQ(0, ioctl(self->vm->fd, KVM_CREATE_DEVICE, &cd));
	self->kvfio = cd.fd;
	self->container = open("/dev/vfio/vfio", O_RDWR);
	ASSERT_LE(0, self->container);
	self->nr = nr;
	for (i = 0; i < nr; i++) {
		self->vcpu[i] = sim_vcpu_add(self->vm, i);
		ASSERT_NE(NULL, self->vcpu[i]);
		snprintf(path, sizeof(path), "/sys/bus/css/devices/0.0.%04x/"
			 "mdev_supported_types/vfio_ccw-io/create", i);
		ASSERT_EQ(0, write_file(path, uuids[i]));
		self->group[i] = group_of(uuids[i]);
		ASSERT_LE(0, self->group[i]);
		ASSERT_EQ(0, ioctl(self->group[i], VFIO_GROUP_SET_CONTAINER,
				   &self->container));
		if (!i)
			ASSERT_EQ(0, ioctl(self->container, VFIO_SET_IOMMU,
					   VFIO_TYPE1v2_IOMMU));
		if (with_kvm)
			ASSERT_EQ(0, kvfio_group(self->kvfio, self->group[i],
						 KVM_DEV_VFIO_GROUP_ADD));
	}
	map.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
	map.vaddr = (uintptr_t)self->vm->mem;
	map.size = self->vm->mem_size;
	ASSERT_EQ(0, ioctl(self->container, VFIO_IOMMU_MAP_DMA, &map));
	for (i = 0; i < nr; i++) {
		char buf[sizeof(struct vfio_irq_set) + sizeof(int32_t)];
		struct vfio_irq_set *set = (void *)buf;

		self->dev[i] = ioctl(self->group[i], VFIO_GROUP_GET_DEVICE_FD,
				     uuids[i]);
		ASSERT_LE(0, self->dev[i]);
		self->efd[i] = eventfd(0, EFD_NONBLOCK);
		ASSERT_LE(0, self->efd[i]);
		set->argsz = sizeof(buf);
		set->flags = VFIO_IRQ_SET_DATA_EVENTFD |
			     VFIO_IRQ_SET_ACTION_TRIGGER;
		set->index = VFIO_CCW_IO_IRQ_INDEX;
		set->start = 0;
		set->count = 1;
		memcpy(set->data, &self->efd[i], sizeof(int32_t));
		ASSERT_EQ(0, ioctl(self->dev[i], VFIO_DEVICE_SET_IRQS, set));
	}
}

FIXTURE_SETUP(vd)
{
	int i;

	self->vm = NULL;
	self->flic = self->kvfio = self->container = -1;
	for (i = 0; i < NR_SCH; i++)
		self->group[i] = self->dev[i] = self->efd[i] = -1;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

FIXTURE_TEARDOWN(vd)
{
	int i;

	for (i = 0; i < NR_SCH; i++) {
		close_fd(&self->dev[i]);
		close_fd(&self->efd[i]);
	}
	for (i = 0; i < NR_SCH; i++)
		close_fd(&self->group[i]);
	close_fd(&self->container);
	close_fd(&self->kvfio);
	close_fd(&self->flic);
	sim_vm_free(self->vm);
}

static const char null_machine[] =
	"chpid 80\n"
	"ccw 0.0.0100 null driver=vfio_ccw\n"
	"ccw 0.0.0101 null driver=vfio_ccw\n";
/* a command takes 10 s (the most the machine file allows): in flight
 * for the whole test unless halt or clear ends it */
static const char slow_machine[] =
	"chpid 80\n"
	"ccw 0.0.0100 null latency=10000ms driver=vfio_ccw\n";

struct feat {
	struct vfio_device_feature hdr;
	struct vfio_ccw_direct d;
} __attribute__((aligned(8)));

/* VFIO_DEVICE_FEATURE(CCW_DIRECT) with @op: 0 or -errno */
static int feature(int dev, uint32_t op, struct vfio_ccw_direct *d)
{
	struct feat f = {
		.hdr.argsz = sizeof(f),
		.hdr.flags = op | VFIO_DEVICE_FEATURE_CCW_DIRECT,
	};

	if (d)
		f.d = *d;
	if (ioctl(dev, VFIO_DEVICE_FEATURE, &f))
		return -errno;
	if (d)
		*d = f.d;
	return 0;
}

static int bind(int dev, uint32_t schid, uint8_t isc)
{
	struct vfio_ccw_direct d = {
		.flags = VFIO_CCW_DIRECT_BIND, .schid = schid, .isc = isc,
		.enabled = 1,
	};

	return feature(dev, VFIO_DEVICE_FEATURE_SET, &d);
}

static int unbind(int dev)
{
	struct vfio_ccw_direct d = { .flags = VFIO_CCW_DIRECT_UNBIND };

	return feature(dev, VFIO_DEVICE_FEATURE_SET, &d);
}

static struct vfio_ccw_direct get(int dev)
{
	struct vfio_ccw_direct d = {};

	if (feature(dev, VFIO_DEVICE_FEATURE_GET, &d))
		d.state = 0xdead;
	return d;
}

static int set(int dev, struct vfio_ccw_direct d)
{
	return feature(dev, VFIO_DEVICE_FEATURE_SET, &d);
}

/* the eventfd's count, 0 if it was not signalled */
static uint64_t efd_take(int efd, int ms)
{
	struct pollfd p = { .fd = efd, .events = POLLIN };
	uint64_t cnt = 0;

	if (poll(&p, 1, ms) == 1 && read(efd, &cnt, sizeof(cnt)) != 8)
		cnt = 0;
	return cnt;
}

/* GETs before wait_state() gives up, 1 ms apart */
#define WAIT_TRIES	10000

/*
 * GET until (state & @mask) == @want (a completion or an injection
 * retry runs in the driver's work); the last GET.  Bounded so that a
 * lost one fails the test instead of hanging it.
 */
static struct vfio_ccw_direct wait_state(struct __test_metadata *_metadata,
					 int dev, uint32_t mask, uint32_t want)
{
	struct vfio_ccw_direct d;
	int i;

	for (i = 0; i < WAIT_TRIES; i++) {
		d = get(dev);
		ASSERT_NE(0xdeadu, d.state) TH_LOG("GET failed");
		if ((d.state & mask) == want)
			return d;
		usleep(1000);
	}
	ASSERT_EQ(want, d.state & mask)
		TH_LOG("state %#x after %d GETs (mask %#x)", d.state,
		       WAIT_TRIES, mask);
	return d;
}

static struct vfio_ccw_direct wait_pending(struct __test_metadata *_metadata,
					   int dev)
{
	return wait_state(_metadata, dev, VFIO_CCW_DIRECT_STATE_STATUS_PENDING,
			  VFIO_CCW_DIRECT_STATE_STATUS_PENDING);
}

/* ---- the uapi ---- */

TEST_F(vd, uapi_errnos)
{
	struct vfio_ccw_direct d, ok = {
		.flags = VFIO_CCW_DIRECT_BIND, .schid = SCHID(0), .isc = 3,
		.enabled = 1,
	};
	struct feat f;
	int dev;

	vmm_up(_metadata, self, null_machine, 2, true);
	dev = self->dev[0];
	EXPECT_EQ(0, feature(dev, VFIO_DEVICE_FEATURE_PROBE |
			     VFIO_DEVICE_FEATURE_SET, NULL));
	EXPECT_EQ(0, feature(dev, VFIO_DEVICE_FEATURE_PROBE |
			     VFIO_DEVICE_FEATURE_GET, NULL));

	/* malformed requests */
	d = ok; d.flags = 0;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.flags |= VFIO_CCW_DIRECT_UPDATE;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.flags = 1u << 7;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.reserved0 = 1;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.reserved1[1] = 1;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.state = VFIO_CCW_DIRECT_STATE_BOUND;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.intparm = 1;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.irb[63] = 1;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.schid = 0x00000005;		/* no "one" bit */
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.schid |= 0x00100000;		/* reserved bit */
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.schid |= 0x01000000;		/* cssid without M */
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.isc = 8;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = ok; d.enabled = 2;
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = (struct vfio_ccw_direct){ .flags = VFIO_CCW_DIRECT_UNBIND,
				      .isc = 1 };
	EXPECT_EQ(-EINVAL, set(dev, d));
	d = (struct vfio_ccw_direct){ .flags = VFIO_CCW_DIRECT_BIND };
	EXPECT_EQ(-EINVAL, feature(dev, VFIO_DEVICE_FEATURE_GET, &d));
	/* argsz short of the payload; a bad pointer */
	memset(&f, 0, sizeof(f));
	f.hdr.argsz = sizeof(f.hdr) + sizeof(f.d) - 1;
	f.hdr.flags = VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_CCW_DIRECT;
	EXPECT_EQ(-1, ioctl(dev, VFIO_DEVICE_FEATURE, &f));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(dev, VFIO_DEVICE_FEATURE, (void *)8));
	EXPECT_EQ(EFAULT, errno);

	/* not bound */
	EXPECT_EQ(-ENODEV, unbind(dev));
	d = ok; d.flags = VFIO_CCW_DIRECT_UPDATE;
	EXPECT_EQ(-ENODEV, set(dev, d));
	EXPECT_EQ(0u, get(dev).state);

	/* bind, twice, the same schid for another device, its M form */
	EXPECT_EQ(0, set(dev, ok));
	EXPECT_EQ(-EBUSY, set(dev, ok));
	EXPECT_EQ(-EBUSY, bind(self->dev[1], SCHID(0), 3));
	EXPECT_EQ(-EBUSY, bind(self->dev[1], SCHID(0) | 0x00080000, 3));
	EXPECT_EQ(0, bind(self->dev[1], SCHID(1), 4));
	d = get(dev);
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_BOUND, d.state);
	EXPECT_EQ(SCHID(0), d.schid);
	EXPECT_EQ(3, d.isc);
	EXPECT_EQ(1, d.enabled);

	/* update: the ISC and E bit; another schid is EINVAL */
	d = ok; d.flags = VFIO_CCW_DIRECT_UPDATE; d.isc = 6; d.enabled = 0;
	EXPECT_EQ(0, set(dev, d));
	d = get(dev);
	EXPECT_EQ(6, d.isc);
	EXPECT_EQ(0, d.enabled);
	d = ok; d.flags = VFIO_CCW_DIRECT_UPDATE; d.schid = SCHID(1);
	EXPECT_EQ(-EINVAL, set(dev, d));

	/* unbind, rebind elsewhere */
	EXPECT_EQ(0, unbind(dev));
	EXPECT_EQ(-ENODEV, unbind(dev));
	EXPECT_EQ(0u, get(dev).state);
	EXPECT_EQ(0, bind(dev, SCHID(0) + 0x10, 2));
	EXPECT_EQ(0, unbind(dev));
	EXPECT_EQ(0, unbind(self->dev[1]));
}

/* A group not in the kvm-vfio device: no VM, EPERM (PROBE still 0). */
TEST_F(vd, uapi_eperm_without_a_vm)
{
	vmm_up(_metadata, self, null_machine, 1, false);
	EXPECT_EQ(0, feature(self->dev[0], VFIO_DEVICE_FEATURE_PROBE |
			     VFIO_DEVICE_FEATURE_SET, NULL));
	EXPECT_EQ(-EPERM, bind(self->dev[0], SCHID(0), 3));
	EXPECT_EQ(-EPERM, unbind(self->dev[0]));
	EXPECT_EQ(0xdeadu, get(self->dev[0]).state);
}

/* ---- I/O with no exit to userspace ---- */

static void run_ios(struct __test_metadata *_metadata, FIXTURE_DATA(vd) *self,
		    uint16_t dev_type, uint32_t count)
{
	struct ucall uc;

	ASSERT_EQ(0, bind(self->dev[0], SCHID(0), ISC(0)));
	sim_vcpu_set_entry(self->vcpu[0], guest_ios,
			   IOS_ARG(0, dev_type, count));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	/* the first exit is the guest's report: none on the way */
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(count, uc.args[2]);		/* interrupts taken */
	EXPECT_EQ(0, uc.args[3]);		/* nothing wrong */
	EXPECT_EQ(1, uc.args[4]);		/* TSCH cc 1 at the end */
	EXPECT_EQ(1, stat_of(self->vcpu[0]->fd, "exit_userspace"));
	EXPECT_EQ(count, stat_of(self->vcpu[0]->fd,
				 "instruction_ssch_kernel"));
	EXPECT_EQ(count + 1, stat_of(self->vcpu[0]->fd,
				     "instruction_tsch_kernel"));
	EXPECT_EQ(count, stat_of(self->vm->fd, "io_direct_injected"));
	/* the classic path saw nothing; nothing left on the FLIC */
	EXPECT_EQ(0, efd_take(self->efd[0], 0));
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_DONE, sim_get_ucall(self->vcpu[0], NULL));
	EXPECT_EQ(0, unbind(self->dev[0]));
}

TEST_F(vd, null_device_no_exits)
{
	vmm_up(_metadata, self, null_machine, 1, true);
	run_ios(_metadata, self, 0x3370, 50);
}

static const char *dasd_image(void)
{
	static char path[64];
	char cmd[160];

	snprintf(path, sizeof(path), "/tmp/vd-3390-%d.img", getpid());
	snprintf(cmd, sizeof(cmd),
		 "dasdinit -linux %s 3390 VOL001 3 >/dev/null 2>&1", path);
	return system(cmd) ? NULL : path;
}

TEST_F(vd, dasd_3390_no_exits)
{
	const char *img = dasd_image();
	char text[200];

	if (!img)
		SKIP(return, "dasdinit (package hercules) missing");
	snprintf(text, sizeof(text),
		 "chpid 80\nccw 0.0.0200 3390 file=%s driver=vfio_ccw\n", img);
	vmm_up(_metadata, self, text, 1, true);
	run_ios(_metadata, self, 0x3390, 20);
	unlink(img);
}

/* the guest's MSCH moved the subchannel to ISC 7: UPDATE, then I/O */
TEST_F(vd, update_changes_the_isc)
{
	struct vfio_ccw_direct d = {
		.flags = VFIO_CCW_DIRECT_UPDATE, .schid = SCHID(0), .isc = 7,
		.enabled = 1,
	};
	struct ucall uc;

	vmm_up(_metadata, self, null_machine, 1, true);
	ASSERT_EQ(0, bind(self->dev[0], SCHID(0), ISC(0)));
	ASSERT_EQ(0, set(self->dev[0], d));
	sim_vcpu_set_entry(self->vcpu[0], guest_ios,
			   IOS_ARG_ISC(0, 0x3370, 5, 7));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(5, uc.args[2]);
	EXPECT_EQ(0, uc.args[3]);	/* interruption words with ISC 7 */
	EXPECT_EQ(1, stat_of(self->vcpu[0]->fd, "exit_userspace"));
}

/* ---- unbind hands the kernel's state back ---- */

/* bind subchannel 0, the guest starts an I/O on it (cc 0) */
static void start_one(struct __test_metadata *_metadata,
		      FIXTURE_DATA(vd) *self)
{
	struct ucall uc;

	ASSERT_EQ(0, bind(self->dev[0], SCHID(0), ISC(0)));
	sim_vcpu_set_entry(self->vcpu[0], guest_start_then_tsch, 0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	ASSERT_EQ(0, uc.args[2]);
}

TEST_F(vd, unbind_with_status_pending)
{
	struct vfio_ccw_direct d;
	struct ucall uc;
	struct kvm_run *run;
	uint32_t parm = 0;

	vmm_up(_metadata, self, null_machine, 1, true);
	start_one(_metadata, self);
	d = wait_pending(_metadata, self->dev[0]);
	EXPECT_EQ(INTPARM(0, 77), d.intparm);
	EXPECT_EQ(DSTAT_OK, d.irb[8]);
	EXPECT_EQ(1, flic_io_irqs(self->flic, SCHID(0), &parm, NULL));
	EXPECT_EQ(INTPARM(0, 77), parm);

	EXPECT_EQ(0, unbind(self->dev[0]));
	d = get(self->dev[0]);
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_HANDED_BACK, d.state);
	EXPECT_EQ(DSTAT_OK, d.irb[8]);
	EXPECT_EQ(0x40, d.irb[2] & 0x70);	/* start function */
	/* the interrupt stays, once; the eventfd is not signalled */
	EXPECT_EQ(1, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, efd_take(self->efd[0], 0));

	/* the guest's TSCH now exits to the VMM with the interrupt */
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	run = self->vcpu[0]->run;
	ASSERT_EQ(KVM_EXIT_S390_TSCH, run->exit_reason);
	EXPECT_EQ(1, run->s390_tsch.dequeued);
	EXPECT_EQ(INTPARM(0, 77), run->s390_tsch.io_int_parm);
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	sim_set_cc(self->vcpu[0], 0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(1, stat_of(self->vm->fd, "io_direct_injected"));
}

/* an in-flight I/O at unbind ends the classic way, once */
TEST_F(vd, unbind_with_io_in_flight)
{
	struct ccw_cmd_region cmd = { .command = VFIO_CCW_ASYNC_CMD_CSCH };
	struct vfio_region_info info = {
		.argsz = sizeof(info), .index = VFIO_CCW_CONFIG_REGION_INDEX + 1,
	};
	struct ccw_io_region io;
	struct vfio_ccw_direct d;

	vmm_up(_metadata, self, slow_machine, 1, true);
	start_one(_metadata, self);
	d = get(self->dev[0]);
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_BOUND | VFIO_CCW_DIRECT_STATE_BUSY,
		  d.state);
	EXPECT_EQ(INTPARM(0, 77), d.intparm);
	EXPECT_EQ(0, unbind(self->dev[0]));
	EXPECT_EQ(0u, get(self->dev[0]).state);

	/* the VMM clears it through the async region: classic completion */
	ASSERT_EQ(0, ioctl(self->dev[0], VFIO_DEVICE_GET_REGION_INFO, &info));
	ASSERT_EQ((ssize_t)sizeof(cmd),
		  pwrite(self->dev[0], &cmd, sizeof(cmd), info.offset));
	EXPECT_EQ(1, efd_take(self->efd[0], 10000));
	ASSERT_EQ((ssize_t)sizeof(io), pread(self->dev[0], &io, sizeof(io), 0));
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, stat_of(self->vm->fd, "io_direct_injected"));
}

/*
 * HSCH or CSCH while bound, as the VMM serves them: through the async
 * region, acting on the kernel's state; the halt's or clear's status is
 * injected and the guest's TSCH in the kernel takes it.
 */
static void halt_or_clear(struct __test_metadata *_metadata,
			  FIXTURE_DATA(vd) *self, uint32_t command,
			  uint32_t fctl)
{
	struct ccw_cmd_region cmd = { .command = command };
	struct vfio_region_info info = {
		.argsz = sizeof(info), .index = VFIO_CCW_CONFIG_REGION_INDEX + 1,
	};
	struct kvm_device_attr clear = {
		.group = KVM_DEV_FLIC_CLEAR_IO_IRQ, .attr = sizeof(uint32_t),
	};
	uint32_t schid = SCHID(0);
	struct vfio_ccw_direct d;
	struct ucall uc;

	vmm_up(_metadata, self, slow_machine, 1, true);
	start_one(_metadata, self);
	/* a CSCH as the VMM does it: the FLIC first, then the device */
	clear.addr = (uintptr_t)&schid;
	if (command == VFIO_CCW_ASYNC_CMD_CSCH)
		ASSERT_EQ(0, ioctl(self->flic, KVM_SET_DEVICE_ATTR, &clear));
	ASSERT_EQ(0, ioctl(self->dev[0], VFIO_DEVICE_GET_REGION_INFO, &info));
	ASSERT_EQ((ssize_t)sizeof(cmd),
		  pwrite(self->dev[0], &cmd, sizeof(cmd), info.offset));
	d = wait_pending(_metadata, self->dev[0]);
	EXPECT_EQ(fctl >> 8, d.irb[2] & (fctl >> 8));	/* halt or clear */
	EXPECT_EQ(1, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, efd_take(self->efd[0], 0));
	/* the guest's TSCH in the kernel takes the clear's status */
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(0, uc.args[2]);			/* cc 0 */
	EXPECT_EQ(fctl, uc.args[3] & fctl);
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0u, get(self->dev[0]).state & ~VFIO_CCW_DIRECT_STATE_BOUND);
	EXPECT_EQ(1, stat_of(self->vm->fd, "io_direct_injected"));
}

TEST_F(vd, csch_while_bound)
{
	halt_or_clear(_metadata, self, VFIO_CCW_ASYNC_CMD_CSCH, 0x1000);
}

TEST_F(vd, hsch_while_bound)
{
	halt_or_clear(_metadata, self, VFIO_CCW_ASYNC_CMD_HSCH, 0x2000);
}

/*
 * HSCH or CSCH through the async region, as the VMM serves them:
 * EAGAIN (the driver's io_mutex is busy, e.g. with a completion or an
 * injection retry) is retried, as a VMM must.
 */
static int async_cmd(int dev, uint32_t command)
{
	struct ccw_cmd_region cmd = { .command = command };
	struct vfio_region_info info = {
		.argsz = sizeof(info), .index = VFIO_CCW_CONFIG_REGION_INDEX + 1,
	};
	ssize_t n;

	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &info))
		return -errno;
	do {
		n = pwrite(dev, &cmd, sizeof(cmd), info.offset);
	} while (n < 0 && errno == EAGAIN && !usleep(100));
	return n == sizeof(cmd) ? 0 : -errno;
}

/* GET until the pending status is a clear function's */
static struct vfio_ccw_direct wait_cleared(struct __test_metadata *_metadata,
					   int dev)
{
	struct vfio_ccw_direct d;
	int i;

	for (i = 0; i < WAIT_TRIES; i++) {
		d = wait_pending(_metadata, dev);
		if (d.irb[2] & 0x10)
			return d;
		usleep(1000);
	}
	ASSERT_TRUE(d.irb[2] & 0x10) TH_LOG("no clear function's status");
	return d;
}

/*
 * The race the VMM's CLEAR_IO_IRQ-then-CSCH had: the completion lands
 * after the VMM cleared the FLIC and before its CSCH.  Here the VMM
 * does not clear the FLIC at all: the CSCH itself withdraws the
 * completion's interrupt with its status, the guest sees the clear's
 * status and exactly one interrupt, for it.
 */
TEST_F(vd, csch_withdraws_a_pending_interrupt)
{
	struct vfio_ccw_direct d;
	uint32_t parm = 0;
	struct ucall uc;

	vmm_up(_metadata, self, null_machine, 1, true);
	start_one(_metadata, self);
	wait_pending(_metadata, self->dev[0]);
	ASSERT_EQ(1, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	ASSERT_EQ(0, async_cmd(self->dev[0], VFIO_CCW_ASYNC_CMD_CSCH));
	d = wait_cleared(_metadata, self->dev[0]);
	ASSERT_TRUE(d.state & VFIO_CCW_DIRECT_STATE_STATUS_PENDING);
	EXPECT_FALSE(d.state & VFIO_CCW_DIRECT_STATE_IRQ_OWED);
	/* the start's interrupt went with its status: one, the clear's */
	EXPECT_EQ(1, flic_io_irqs(self->flic, SCHID(0), &parm, NULL));
	EXPECT_EQ(INTPARM(0, 77), parm);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(0, uc.args[2]);			/* cc 0 */
	EXPECT_EQ(0x1000, uc.args[3] & 0x7000);		/* clear only */
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0u, get(self->dev[0]).state & ~VFIO_CCW_DIRECT_STATE_BOUND);
	EXPECT_EQ(2, stat_of(self->vm->fd, "io_direct_injected"));
	EXPECT_EQ(0, efd_take(self->efd[0], 0));
}

/* ---- KVM refuses the interrupt: the FLIC is full ---- */

#define FILLER_NR	0x99	/* a guest subchannel nobody binds */

static int flic_fill(int flic)
{
	struct kvm_s390_irq *v = malloc(KVM_S390_MAX_FLOAT_IRQS * IRQ_SZ);
	size_t i;
	int r;

	if (!v)
		return -1;
	for (i = 0; i < KVM_S390_MAX_FLOAT_IRQS; i++)
		v[i] = io_irq(FILLER_NR, 0, 7);
	r = enqueue(flic, v, KVM_S390_MAX_FLOAT_IRQS);
	free(v);
	return r;
}

static int flic_drain_filler(int flic)
{
	uint32_t schid = 0x00010000u | FILLER_NR;

	return flic_set(flic, KVM_DEV_FLIC_CLEAR_IO_IRQ, 4, (uintptr_t)&schid);
}

/* A completion onto a full FLIC: the status pending, its interrupt owed */
static void complete_onto_full_flic(struct __test_metadata *_metadata,
				    FIXTURE_DATA(vd) *self)
{
	struct vfio_ccw_direct d;
	struct ucall uc;

	vmm_up(_metadata, self, null_machine, 1, true);
	ASSERT_EQ(0, bind(self->dev[0], SCHID(0), ISC(0)));
	ASSERT_EQ(0, flic_fill(self->flic));
	sim_vcpu_set_entry(self->vcpu[0], guest_start_then_tsch, 0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	ASSERT_EQ(0, uc.args[2]);
	d = wait_pending(_metadata, self->dev[0]);
	ASSERT_EQ(VFIO_CCW_DIRECT_STATE_BOUND |
		  VFIO_CCW_DIRECT_STATE_STATUS_PENDING |
		  VFIO_CCW_DIRECT_STATE_IRQ_OWED, d.state);
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, stat_of(self->vm->fd, "io_direct_injected"));
}

/*
 * The guest frees the FLIC (here: the VMM clears the filler): the owed
 * interrupt follows, once, and the guest's TSCH takes it with the status.
 */
TEST_F(vd, flic_full_interrupt_retried)
{
	struct vfio_ccw_direct d;
	uint32_t parm = 0;
	struct ucall uc;

	complete_onto_full_flic(_metadata, self);
	ASSERT_EQ(0, flic_drain_filler(self->flic));
	d = wait_state(_metadata, self->dev[0],
		       VFIO_CCW_DIRECT_STATE_IRQ_OWED, 0);
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_BOUND |
		  VFIO_CCW_DIRECT_STATE_STATUS_PENDING, d.state);
	EXPECT_EQ(1, flic_io_irqs(self->flic, SCHID(0), &parm, NULL));
	EXPECT_EQ(INTPARM(0, 77), parm);
	EXPECT_EQ(1, stat_of(self->vm->fd, "io_direct_injected"));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(0, uc.args[2]);
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, efd_take(self->efd[0], 0));
}

/* The guest's TSCH takes an owed status: nothing is owed any more */
TEST_F(vd, flic_full_tsch_takes_the_status)
{
	struct ucall uc;

	complete_onto_full_flic(_metadata, self);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(0, uc.args[2]);			/* cc 0 */
	EXPECT_EQ(1u, uc.args[3] & 1);			/* status pending */
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_BOUND, get(self->dev[0]).state);
	ASSERT_EQ(0, flic_drain_filler(self->flic));
	/* a retry still queued finds nothing owed: no interrupt follows */
	ASSERT_EQ(0, unbind(self->dev[0]));
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, stat_of(self->vm->fd, "io_direct_injected"));
}

/* Unbound while owed: handed back owed, the VMM queues the interrupt */
TEST_F(vd, flic_full_handed_back_owed)
{
	struct vfio_ccw_direct d;

	complete_onto_full_flic(_metadata, self);
	ASSERT_EQ(0, unbind(self->dev[0]));
	d = get(self->dev[0]);
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_HANDED_BACK |
		  VFIO_CCW_DIRECT_STATE_IRQ_OWED, d.state);
	EXPECT_EQ(1u, d.irb[3] & 1);			/* status pending */
	ASSERT_EQ(0, flic_drain_filler(self->flic));
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, stat_of(self->vm->fd, "io_direct_injected"));
}

/* CSCH of an owed status: nothing owed, the clear's interrupt only */
TEST_F(vd, flic_full_csch)
{
	struct vfio_ccw_direct d;
	uint32_t parm = 0;

	complete_onto_full_flic(_metadata, self);
	ASSERT_EQ(0, flic_drain_filler(self->flic));
	ASSERT_EQ(0, async_cmd(self->dev[0], VFIO_CCW_ASYNC_CMD_CSCH));
	d = wait_cleared(_metadata, self->dev[0]);
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_BOUND |
		  VFIO_CCW_DIRECT_STATE_STATUS_PENDING, d.state);
	EXPECT_EQ(1, flic_io_irqs(self->flic, SCHID(0), &parm, NULL));
	EXPECT_EQ(INTPARM(0, 77), parm);
}

/* vfio_ccw_direct_tmach.c: fail-nth of vfio-ccw's completion worker */
int tmach_vfio_ccw_fail_nth(int n);

/*
 * No memory for the interrupt (KVM's kzalloc in the completion work
 * fails): the status is pending, the interrupt owed and queued by the
 * retry (another worker); the guest takes both, once.
 */
TEST_F(vd, inject_enomem_interrupt_retried)
{
	struct vfio_ccw_direct d;
	uint32_t parm = 0;
	struct ucall uc;

	vmm_up(_metadata, self, null_machine, 1, true);
	ASSERT_EQ(0, bind(self->dev[0], SCHID(0), ISC(0)));
	/* the completion's first allocation is the interrupt's */
	ASSERT_EQ(1, tmach_vfio_ccw_fail_nth(1));
	sim_vcpu_set_entry(self->vcpu[0], guest_start_then_tsch, 0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	ASSERT_EQ(0, uc.args[2]);
	d = wait_pending(_metadata, self->dev[0]);
	EXPECT_EQ(0, tmach_vfio_ccw_fail_nth(-1));	/* it did fail */
	d = wait_state(_metadata, self->dev[0],
		       VFIO_CCW_DIRECT_STATE_IRQ_OWED, 0);
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_BOUND |
		  VFIO_CCW_DIRECT_STATE_STATUS_PENDING, d.state);
	EXPECT_EQ(1, flic_io_irqs(self->flic, SCHID(0), &parm, NULL));
	EXPECT_EQ(INTPARM(0, 77), parm);
	EXPECT_EQ(1, stat_of(self->vm->fd, "io_direct_injected"));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(0, uc.args[2]);
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
}

/* ---- teardown orders, while bound and with an I/O in flight ---- */

/*
 * Every fd and mapping of the VM but its memory, which stays mapped for
 * DMA until the teardown's sim_vm_free() (closing -1 and unmapping NULL
 * there are harmless).
 */
static void vm_drop_fds(struct sim_vm *vm)
{
	size_t run_size = sizeof(struct kvm_run) > 4096 ?
			  sizeof(struct kvm_run) : 4096;
	int i;

	for (i = 0; i < vm->nr_vcpus; i++) {
		munmap(vm->vcpus[i].run, run_size);
		vm->vcpus[i].run = NULL;
		close_fd(&vm->vcpus[i].fd);
	}
	close_fd(&vm->fd);
	close_fd(&vm->kvm_fd);
}

/* the VMM lets go of the VM first: the device's reference keeps it */
TEST_F(vd, teardown_vm_first)
{
	int i;

	vmm_up(_metadata, self, slow_machine, 1, true);
	start_one(_metadata, self);
	close_fd(&self->flic);
	close_fd(&self->kvfio);
	vm_drop_fds(self->vm);
	/* still bound and working on a VM only the device holds */
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_BOUND | VFIO_CCW_DIRECT_STATE_BUSY,
		  get(self->dev[0]).state);
	close_fd(&self->dev[0]);	/* quiesces, unbinds, drops the VM */
	/*
	 * The VM goes (from the driver's work item): its kvm-vfio device
	 * lets go of the group, so the device opens without a VM (EPERM).
	 * An open before the put ran holds the VM again: close, retry.
	 */
	for (i = 0; i < 10000; i++) {
		self->dev[0] = ioctl(self->group[0], VFIO_GROUP_GET_DEVICE_FD,
				     uuids[0]);
		ASSERT_LE(0, self->dev[0]);
		if (bind(self->dev[0], SCHID(0), ISC(0)) == -EPERM)
			break;
		unbind(self->dev[0]);
		close_fd(&self->dev[0]);
		usleep(1000);
	}
	EXPECT_EQ(-EPERM, bind(self->dev[0], SCHID(0), ISC(0)));
}

TEST_F(vd, teardown_device_first)
{
	struct ucall uc;

	vmm_up(_metadata, self, slow_machine, 1, true);
	start_one(_metadata, self);
	close_fd(&self->dev[0]);
	/* unbound: the guest's TSCH goes to the VMM now */
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	EXPECT_EQ(KVM_EXIT_S390_TSCH, self->vcpu[0]->run->exit_reason);
	sim_set_cc(self->vcpu[0], 1);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(0, stat_of(self->vm->fd, "io_direct_injected"));
}

struct remover {
	const char *path, *text;
	int rc;
};

static void *remover(void *arg)
{
	struct remover *r = arg;

	r->rc = write_file(r->path, r->text);
	return NULL;
}

/*
 * Removal while bound and busy, from another thread: the device-request
 * eventfd fires, the VMM closes the device, the removal completes.
 */
static void remove_while_bound(struct __test_metadata *_metadata,
			       FIXTURE_DATA(vd) *self, struct remover *r)
{
	char buf[sizeof(struct vfio_irq_set) + sizeof(int32_t)];
	struct vfio_irq_set *irqset = (void *)buf;
	int req = eventfd(0, 0);
	pthread_t t;

	ASSERT_LE(0, req);
	vmm_up(_metadata, self, slow_machine, 1, true);
	irqset->argsz = sizeof(buf);
	irqset->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	irqset->index = VFIO_CCW_REQ_IRQ_INDEX;
	irqset->start = 0;
	irqset->count = 1;
	memcpy(irqset->data, &req, sizeof(int32_t));
	ASSERT_EQ(0, ioctl(self->dev[0], VFIO_DEVICE_SET_IRQS, irqset));
	start_one(_metadata, self);
	r->rc = -1;
	ASSERT_EQ(0, pthread_create(&t, NULL, remover, r));
	EXPECT_LT(0u, efd_take(req, 10000));
	close_fd(&self->dev[0]);
	ASSERT_EQ(0, pthread_join(t, NULL));
	EXPECT_EQ(0, r->rc);
	close(req);
	/* nothing was injected: the I/O ended after the unbind */
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, stat_of(self->vm->fd, "io_direct_injected"));
}

TEST_F(vd, teardown_mdev_removed_while_bound)
{
	char path[128];
	struct remover r = { .path = path, .text = "1\n" };

	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/remove",
		 uuids[0]);
	remove_while_bound(_metadata, self, &r);
}

/* the subchannel leaves vfio_ccw (as when it is gone) while bound */
TEST_F(vd, teardown_subchannel_unbound_while_bound)
{
	struct remover r = {
		.path = "/sys/bus/css/drivers/vfio_ccw/unbind",
		.text = "0.0.0000\n",
	};

	remove_while_bound(_metadata, self, &r);
}

/* vfio_ccw_direct_tmach.c: vary a channel path (kernel side) */
int tmach_vary_chpid(int chpid, int online);

/* SSCH, TSCH when resumed, SSCH again when resumed */
static void guest_path_lost(uint64_t i)
{
	int cc;

	guest_prepare(i, INTPARM(i, 5));
	cc = ssch(SCHID(i), ORB_GRA + AREA(i));
	GUEST_SYNC_ARGS(0, cc, 0, 0, 0);
	cc = tsch(SCHID(i), IRB_GRA + AREA(i));
	GUEST_SYNC_ARGS(1, cc, guest_read32(IRB_GRA + AREA(i)), 0, 0);
	cc = ssch(SCHID(i), ORB_GRA + AREA(i));
	GUEST_SYNC_ARGS(2, cc, 0, 0, 0);
	GUEST_DONE();
}

/*
 * The only path goes away under a running program: the driver's path
 * event ends it, its status is injected while bound, and the guest's
 * next SSCH gets cc 3 from the kernel (no exit).
 */
TEST_F(vd, path_lost_while_bound)
{
	struct ucall uc;
	uint32_t parm = 0;

	vmm_up(_metadata, self, slow_machine, 1, true);
	ASSERT_EQ(0, bind(self->dev[0], SCHID(0), ISC(0)));
	sim_vcpu_set_entry(self->vcpu[0], guest_path_lost, 0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	ASSERT_EQ(0, uc.args[2]);
	ASSERT_EQ(0, tmach_vary_chpid(0x80, 0));
	wait_pending(_metadata, self->dev[0]);
	EXPECT_EQ(1, flic_io_irqs(self->flic, SCHID(0), &parm, NULL));
	EXPECT_EQ(INTPARM(0, 5), parm);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(0, uc.args[2]);			/* status taken */
	EXPECT_EQ(1u, uc.args[3] & 1);			/* status pending */
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(3, uc.args[2]);			/* no path: cc 3 */
	EXPECT_EQ(3, stat_of(self->vcpu[0]->fd, "exit_userspace"));
	EXPECT_EQ(2, stat_of(self->vcpu[0]->fd, "instruction_ssch_kernel"));
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, efd_take(self->efd[0], 0));
}

/* vfio_ccw_direct_tmach.c: the device behind a subchannel is gone */
int tmach_not_oper(int sch_no);

/*
 * The device goes away under a running program while bound: the
 * subchannel is not operational, the program ends with a status that
 * is injected (the guest's TSCH in the kernel takes it), the guest's
 * next SSCH gets cc 3 from the kernel (no exit), and closing the device
 * then unbinds with nothing left on the FLIC.
 */
TEST_F(vd, teardown_subchannel_not_operational)
{
	struct vfio_ccw_direct d;
	uint32_t parm = 0;
	struct ucall uc;

	vmm_up(_metadata, self, slow_machine, 1, true);
	ASSERT_EQ(0, bind(self->dev[0], SCHID(0), ISC(0)));
	sim_vcpu_set_entry(self->vcpu[0], guest_path_lost, 0);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	ASSERT_EQ(0, uc.args[2]);
	ASSERT_EQ(0, tmach_not_oper(0));
	d = wait_pending(_metadata, self->dev[0]);
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_BOUND |
		  VFIO_CCW_DIRECT_STATE_STATUS_PENDING, d.state);
	EXPECT_EQ(1, flic_io_irqs(self->flic, SCHID(0), &parm, NULL));
	EXPECT_EQ(INTPARM(0, 5), parm);
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(0, uc.args[2]);			/* status taken */
	EXPECT_EQ(0x4000, uc.args[3] & 0x7000);		/* the start's */
	EXPECT_EQ(1u, uc.args[3] & 1);			/* status pending */
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	ASSERT_EQ(0, sim_vcpu_run(self->vcpu[0]));
	ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[0], &uc));
	EXPECT_EQ(3, uc.args[2]);			/* gone: cc 3 */
	EXPECT_EQ(3, stat_of(self->vcpu[0]->fd, "exit_userspace"));
	EXPECT_EQ(2, stat_of(self->vcpu[0]->fd, "instruction_ssch_kernel"));
	EXPECT_EQ(VFIO_CCW_DIRECT_STATE_BOUND, get(self->dev[0]).state);
	close_fd(&self->dev[0]);			/* unbinds */
	EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(0), NULL, NULL));
	EXPECT_EQ(0, efd_take(self->efd[0], 0));
	EXPECT_EQ(1, stat_of(self->vm->fd, "io_direct_injected"));
}

/*
 * A VMM killed while bound: in this host the kernel lives in the VMM's
 * process and dies with it, so a SIGKILL leaves no kernel to check (see
 * the rst).  What a killed VMM does to a real kernel is what its exit
 * does: every fd closed, in an order the VMM does not choose.  So: with
 * I/O in flight on both bound subchannels, close every fd of the VMM
 * in a random order (fixed seeds, one fresh process and kernel each),
 * then remove the mdevs (nothing holds them any more) and, under ASan,
 * check that no kernel object leaked.
 */
static const char slow2_machine[] =
	"chpid 80\n"
	"ccw 0.0.0100 null latency=10000ms driver=vfio_ccw\n"
	"ccw 0.0.0101 null latency=10000ms driver=vfio_ccw\n";

#define NR_ORDERS	8

/* LeakSanitizer's check, where the build has it (asan) */
int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

static void close_in_order(FIXTURE_DATA(vd) *self, unsigned int seed)
{
	int *fds[3 * NR_SCH + 5 + VM_MAX_VCPUS], *t;
	size_t run_size = sizeof(struct kvm_run) > 4096 ?
			  sizeof(struct kvm_run) : 4096;
	struct sim_vm *vm = self->vm;
	int i, j, n = 0;

	for (i = 0; i < self->nr; i++) {
		fds[n++] = &self->dev[i];
		fds[n++] = &self->efd[i];
		fds[n++] = &self->group[i];
	}
	fds[n++] = &self->container;
	fds[n++] = &self->kvfio;
	fds[n++] = &self->flic;
	fds[n++] = &vm->fd;
	fds[n++] = &vm->kvm_fd;
	for (i = 0; i < vm->nr_vcpus; i++) {
		munmap(vm->vcpus[i].run, run_size);
		vm->vcpus[i].run = NULL;
		fds[n++] = &vm->vcpus[i].fd;
	}
	for (i = n - 1; i > 0; i--) {
		j = rand_r(&seed) % (i + 1);
		t = fds[i];
		fds[i] = fds[j];
		fds[j] = t;
	}
	for (i = 0; i < n; i++)
		close_fd(fds[i]);
}

/* one fresh process: bind, start, close in @seed's order, check */
static void teardown_in_order(struct __test_metadata *_metadata,
			      FIXTURE_DATA(vd) *self, unsigned int seed)
{
	char path[128];
	struct ucall uc;
	int i;

	vmm_up(_metadata, self, slow2_machine, NR_SCH, true);
	for (i = 0; i < NR_SCH; i++) {
		ASSERT_EQ(0, bind(self->dev[i], SCHID(i), ISC(i)));
		sim_vcpu_set_entry(self->vcpu[i], guest_start_then_tsch, i);
		ASSERT_EQ(0, sim_vcpu_run(self->vcpu[i]));
		ASSERT_EQ(UCALL_SYNC, sim_get_ucall(self->vcpu[i], &uc));
		ASSERT_EQ(0, uc.args[2]);
		ASSERT_EQ(VFIO_CCW_DIRECT_STATE_BOUND |
			  VFIO_CCW_DIRECT_STATE_BUSY, get(self->dev[i]).state);
	}
	close_in_order(self, seed);
	for (i = 0; i < NR_SCH; i++) {
		snprintf(path, sizeof(path),
			 "/sys/bus/mdev/devices/%s/remove", uuids[i]);
		EXPECT_EQ(0, write_file(path, "1\n"));
	}
	sim_vm_free(self->vm);
	self->vm = NULL;
	if (__lsan_do_recoverable_leak_check)
		EXPECT_EQ(0, __lsan_do_recoverable_leak_check());
}

TEST_F(vd, teardown_fds_closed_in_random_order)
{
	unsigned int seed;
	int status;
	pid_t pid;

	for (seed = 1; seed <= NR_ORDERS; seed++) {
		fflush(stdout);
		fflush(stderr);
		pid = fork();
		ASSERT_LE(0, pid);
		if (!pid) {
			teardown_in_order(_metadata, self, seed);
			_exit(_metadata->passed ? 0 : 1);
		}
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status))
			TH_LOG("order %u: status %#x", seed, status);
	}
}

/* ---- several vcpus, many I/Os: everything exactly once ---- */

#define NR_STRESS	200

struct job {
	struct sim_vcpu *vcpu;
	struct ucall uc;
	int rc;
};

static void *vcpu_job(void *arg)
{
	struct job *j = arg;

	j->rc = sim_vcpu_run(j->vcpu);
	if (!j->rc && sim_get_ucall(j->vcpu, &j->uc) != UCALL_SYNC)
		j->rc = -1;
	return NULL;
}

TEST_F(vd, stress_exactly_once)
{
	struct job jobs[NR_SCH] = {};
	pthread_t t[NR_SCH];
	int i;

	vmm_up(_metadata, self, null_machine, NR_SCH, true);
	for (i = 0; i < NR_SCH; i++) {
		ASSERT_EQ(0, bind(self->dev[i], SCHID(i), ISC(i)));
		jobs[i].vcpu = self->vcpu[i];
		sim_vcpu_set_entry(self->vcpu[i], guest_ios,
				   IOS_ARG(i, 0x3370, NR_STRESS));
	}
	for (i = 0; i < NR_SCH; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, vcpu_job, &jobs[i]));
	for (i = 0; i < NR_SCH; i++) {
		ASSERT_EQ(0, pthread_join(t[i], NULL));
		ASSERT_EQ(0, jobs[i].rc);
		EXPECT_EQ(NR_STRESS, jobs[i].uc.args[2]);
		EXPECT_EQ(0, jobs[i].uc.args[3]);
		EXPECT_EQ(1, jobs[i].uc.args[4]);
		EXPECT_EQ(1, stat_of(self->vcpu[i]->fd, "exit_userspace"));
		EXPECT_EQ(NR_STRESS, stat_of(self->vcpu[i]->fd,
					     "instruction_ssch_kernel"));
		EXPECT_EQ(0, efd_take(self->efd[i], 0));
	}
	EXPECT_EQ(NR_SCH * NR_STRESS,
		  stat_of(self->vm->fd, "io_direct_injected"));
	for (i = 0; i < NR_SCH; i++)
		EXPECT_EQ(0, flic_io_irqs(self->flic, SCHID(i), NULL, NULL));
}

TEST_HARNESS_MAIN

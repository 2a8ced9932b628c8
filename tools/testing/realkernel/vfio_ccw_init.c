// SPDX-License-Identifier: GPL-2.0
/*
 * vfio_ccw_init.c - /init of the real-kernel vfio-ccw test.
 *
 * A static s390x program that runs as /init in a tiny linux-6.1 kernel under
 * qemu-system-s390x. It loads a vfio-ccw module, binds the subchannel of a
 * QEMU virtio-blk-ccw device to it through sysfs, creates the mdev, opens it
 * through the VFIO uapi and runs channel programs that QEMU's emulated
 * channel subsystem executes for real. Prints TAP, a dmesg tail on failure,
 * the line "vfio-ccw-realkernel: N passed, N failed", then powers off.
 *
 * Parameters (kernel command line, see scripts/realkernel.sh):
 *   vfioccw.module=PATH   module to load (default /lib/modules/vfio_ccw.ko)
 *   vfioccw.driver=NAME   its css driver name (default vfio_ccw)
 *   vfioccw.busid=ID      device to drive (default 0.0.0100)
 *   vfioccw.expect=MODE   "upstream": where 6.1 is documented to differ
 *                         from the architecture, expect 6.1's behaviour;
 *                         "ours": expect the architected behaviour.
 *   vfioccw.iters=N       SENSE ID round trips timed (default 200)
 *   vfioccw.sectors=N     the device's capacity in 512-byte sectors
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/vfio.h>
#include <linux/vfio_ccw.h>

/* ------------------------------------------------------------ TAP */

static int n_test, n_pass, n_fail;

static int check(int cond, const char *fmt, ...)
{
	va_list ap;

	n_test++;
	if (cond)
		n_pass++;
	else
		n_fail++;
	printf("%sok %d - ", cond ? "" : "not ", n_test);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return cond;
}

static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* ------------------------------------------------------------ params */

static char p_module[256] = "/lib/modules/vfio_ccw.ko";
static char p_driver[64] = "vfio_ccw";
static char p_busid[32] = "0.0.0100";
static char p_expect[32] = "upstream";
static int p_iters = 200;
static unsigned long long p_sectors;

static int upstream(void)
{
	return !strcmp(p_expect, "upstream");
}

static void parse_cmdline(void)
{
	char buf[2048], *tok, *save;
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f)
		return;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	for (tok = strtok_r(buf, " \n", &save); tok;
	     tok = strtok_r(NULL, " \n", &save)) {
		if (!strncmp(tok, "vfioccw.module=", 15))
			snprintf(p_module, sizeof(p_module), "%s", tok + 15);
		else if (!strncmp(tok, "vfioccw.driver=", 15))
			snprintf(p_driver, sizeof(p_driver), "%s", tok + 15);
		else if (!strncmp(tok, "vfioccw.busid=", 14))
			snprintf(p_busid, sizeof(p_busid), "%s", tok + 14);
		else if (!strncmp(tok, "vfioccw.expect=", 15))
			snprintf(p_expect, sizeof(p_expect), "%s", tok + 15);
		else if (!strncmp(tok, "vfioccw.iters=", 14))
			p_iters = atoi(tok + 14);
		else if (!strncmp(tok, "vfioccw.sectors=", 16))
			p_sectors = strtoull(tok + 16, NULL, 0);
	}
}

/* ------------------------------------------------------------ sysfs */

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	n = n < 0 ? -errno : 0;
	close(fd);
	return n;
}

static int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	buf[0] = 0;
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = 0;
	return 0;
}

/* Name of the driver bound to a css device ("" if none). */
static void driver_of(const char *sch, char *out, size_t len)
{
	char path[256], link[256];
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/css/devices/%s/driver", sch);
	n = readlink(path, link, sizeof(link) - 1);
	out[0] = 0;
	if (n <= 0)
		return;
	link[n] = 0;
	snprintf(out, len, "%s", strrchr(link, '/') + 1);
}

/* The subchannel whose dev_busid is busid, e.g. 0.0.0000. */
static int find_subchannel(const char *busid, char *sch, size_t len)
{
	DIR *d = opendir("/sys/bus/css/devices");
	struct dirent *e;
	char path[512], val[64];
	int found = 0;

	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/css/devices/%s/dev_busid",
			 e->d_name);
		if (read_file(path, val, sizeof(val)) == 0 && !strcmp(val, busid)) {
			snprintf(sch, len, "%.31s", e->d_name);
			found = 1;
		}
	}
	closedir(d);
	return found;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Poll for a sysfs condition, up to ms milliseconds. */
static int wait_driver(const char *sch, const char *want, int ms)
{
	char drv[64];
	double end = now_ms() + ms;

	do {
		driver_of(sch, drv, sizeof(drv));
		if (!strcmp(drv, want))
			return 1;
		usleep(5000);
	} while (now_ms() < end);
	return 0;
}

/* ------------------------------------------------------------ kernel log */

static char klog[1 << 20];

static int read_klog(void)
{
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, klog, sizeof(klog) - 1);

	if (n < 0)
		n = 0;
	klog[n] = 0;
	return n;
}

static void dmesg_tail(int lines)
{
	int n = read_klog(), seen = 0;
	char *p = klog + n;

	while (p > klog && seen <= lines)
		if (*--p == '\n')
			seen++;
	printf("# ---- dmesg tail ----\n");
	for (char *l = strtok(p, "\n"); l; l = strtok(NULL, "\n"))
		printf("# %s\n", l);
}

static const char *const splats[] = {
	"WARNING:", "BUG:", "possible circular locking",
	"inconsistent lock state", "possible recursive locking",
	"suspicious RCU usage", "sleeping function called from invalid context",
	"Oops", "Kernel panic", "DEBUG_LOCKS_WARN_ON",
};

static void check_splats(const char *when)
{
	const char *hit = NULL;

	read_klog();
	for (size_t i = 0; i < sizeof(splats) / sizeof(splats[0]); i++)
		if (strstr(klog, splats[i])) {
			hit = splats[i];
			break;
		}
	check(!hit, "kernel log free of splats %s%s%s", when,
	      hit ? ": found " : "", hit ? hit : "");
}

/* ------------------------------------------------------------ s390 layouts */

/* ORB word 1 (architected bit numbers; bit 0 is the MSB). */
#define ORB_F		(1u << 23)	/* bit 8: format-1 CCWs */
#define ORB_P		(1u << 22)	/* bit 9: prefetch */
#define ORB_B		(1u << 18)	/* bit 13: transport mode */
#define ORB_H		(1u << 17)	/* bit 14: format-2 IDAWs */
#define ORB_T		(1u << 16)	/* bit 15: 2K IDAW blocks */
#define ORB_LPM(m)	((uint32_t)(m) << 8)

/* SCSW word 0 */
#define SCSW_FCTL(w)	(((w) >> 12) & 7)
#define FCTL_START	4
#define FCTL_HALT	2
#define FCTL_CLEAR	1
#define SCSW_STCTL(w)	((w) & 0x1f)
#define STCTL_PENDING	0x01
/* SCSW word 2 */
#define DSTAT(w)	((w) >> 24)
#define CSTAT(w)	(((w) >> 16) & 0xff)
#define COUNT(w)	((w) & 0xffff)
#define DEV_CE_DE	0x0c
#define DEV_UC		0x02
#define SCH_IL		0x40
#define SCH_PGM		0x20

/* CCW flags */
#define CCW_CD		0x80
#define CCW_CC		0x40
#define CCW_SLI		0x20
#define CCW_SKIP	0x10
#define CCW_IDA		0x04

/* Commands of QEMU's channel subsystem and of virtio-ccw */
#define CMD_SENSE	0x04
#define CMD_NOOP	0x03
#define CMD_TIC		0x08
#define CMD_SENSE_ID	0xe4
#define CMD_READ_CONF	0x22
#define CMD_WRITE_CONF	0x21
#define CMD_UNKNOWN	0xf3	/* a control command virtio-ccw does not know */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, v >> 32);
	put_be32(p + 4, v);
}

/* ------------------------------------------------------------ DMA buffer */

#define IOVA_BASE	0x100000ul	/* below 16 MiB: format-0 CCWs reach it */
#define DMA_SIZE	0x100000ul
#define IOVA_UNMAPPED	0x800000ul
#define IOVA(off)	(IOVA_BASE + (off))

/* Offsets in the buffer: channel programs, then data pages. */
#define OFF_CP		0x0000
#define OFF_CP2		0x0800
#define OFF_IDAL	0x0c00
#define OFF_DATA	0x1000	/* page 1 */
#define OFF_DATA2	0x2000	/* page 2 */
#define OFF_DATA3	0x3000	/* page 3 */
#define OFF_LONG	0x10000	/* 256 CCWs */
#define OFF_SEGS	0x20000	/* 17 segments, 0x100 apart */

static uint8_t *dma;

static void ccw1(unsigned long off, uint8_t cmd, uint8_t flags, uint16_t count,
		 uint32_t cda)
{
	uint8_t *p = dma + off;

	p[0] = cmd;
	p[1] = flags;
	p[2] = count >> 8;
	p[3] = count;
	put_be32(p + 4, cda);
}

static void ccw0(unsigned long off, uint8_t cmd, uint32_t cda, uint8_t flags,
		 uint16_t count)
{
	uint8_t *p = dma + off;

	p[0] = cmd;
	p[1] = cda >> 16;
	p[2] = cda >> 8;
	p[3] = cda;
	p[4] = flags;
	p[5] = 0;
	p[6] = count >> 8;
	p[7] = count;
}

/* ------------------------------------------------------------ VFIO device */

static int container = -1, group = -1, device = -1;
static int io_efd = -1, crw_efd = -1, req_efd = -1;
static off_t region_off[4];

struct io_result {
	int ret;		/* pwrite: 0 or -errno */
	int32_t ret_code;	/* the region's ret_code after the write */
	int irq;		/* an interrupt arrived */
	uint32_t w0, cpa, w2;	/* IRB's SCSW */
	uint8_t irb[IRB_AREA_SIZE];
};

static int wait_efd(int fd, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint64_t v;

	if (poll(&pfd, 1, ms) != 1)
		return 0;
	return read(fd, &v, sizeof(v)) == sizeof(v);
}

static int read_irb(struct io_result *r)
{
	struct ccw_io_region reg;

	if (pread(device, &reg, sizeof(reg), region_off[0]) != sizeof(reg))
		return -errno;
	memcpy(r->irb, reg.irb_area, sizeof(r->irb));
	r->w0 = be32(r->irb);
	r->cpa = be32(r->irb + 4);
	r->w2 = be32(r->irb + 8);
	return 0;
}

/* Start a channel program through the I/O region and wait for its IRB. */
static void start_io(uint32_t orb_flags, uint32_t cpa, uint32_t fctl,
		     int wait_ms, struct io_result *r)
{
	struct ccw_io_region reg;
	ssize_t n;

	memset(&reg, 0, sizeof(reg));
	memset(r, 0, sizeof(*r));
	put_be32(reg.orb_area, 0x12345678);		/* intparm */
	put_be32(reg.orb_area + 4, orb_flags);
	put_be32(reg.orb_area + 8, cpa);
	put_be32(reg.scsw_area, fctl << 12);
	n = pwrite(device, &reg, sizeof(reg), region_off[0]);
	if (n < 0)
		r->ret = -errno;
	else if (n != sizeof(reg))
		r->ret = 1000;	/* a wrong count: neither an error nor right */
	if (pread(device, &r->ret_code, 4, region_off[0] + 120) != 4)
		r->ret_code = 1;
	if (r->ret)
		wait_ms = wait_ms > 50 ? 50 : wait_ms;
	r->irq = wait_efd(io_efd, wait_ms);
	if (r->irq)
		read_irb(r);
}

static const uint32_t ORB_STD = ORB_F | ORB_P | ORB_H | ORB_LPM(0);

static void ssch(uint32_t cpa, struct io_result *r)
{
	start_io(ORB_STD, cpa, FCTL_START, 5000, r);
}

static int ok_status(const struct io_result *r)
{
	return r->ret == 0 && r->irq && SCSW_FCTL(r->w0) == FCTL_START &&
	       (SCSW_STCTL(r->w0) & STCTL_PENDING) &&
	       DSTAT(r->w2) == DEV_CE_DE && CSTAT(r->w2) == 0;
}

/*
 * "# obs NAME: ..." lines are what scripts/realkernel.sh compares between
 * the boots (upstream's module, ours): every NAME whose line differs must
 * be a documented difference. NAMEs are unique; values are deterministic.
 */
static void show(const char *what, const struct io_result *r)
{
	diag("obs %s: ret %d ret_code %d irq %d scsw %08x %08x %08x", what,
	     r->ret, r->ret_code, r->irq, r->w0, r->cpa, r->w2);
}

static int async_cmd(uint32_t cmd, int32_t *ret_code)
{
	struct ccw_cmd_region reg = { .command = cmd };
	ssize_t n;
	int ret = 0;

	n = pwrite(device, &reg, sizeof(reg), region_off[1]);
	if (n < 0)
		ret = -errno;
	else if (n != sizeof(reg))
		ret = 1000;
	if (pread(device, &reg, sizeof(reg), region_off[1]) == sizeof(reg))
		*ret_code = reg.ret_code;
	return ret;
}

static int set_irq_efd(unsigned int index, int fd)
{
	char buf[sizeof(struct vfio_irq_set) + sizeof(int)];
	struct vfio_irq_set *s = (void *)buf;

	s->argsz = sizeof(buf);
	s->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	s->index = index;
	s->start = 0;
	s->count = 1;
	memcpy(s->data, &fd, sizeof(fd));
	return ioctl(device, VFIO_DEVICE_SET_IRQS, s) ? -errno : 0;
}

/* ------------------------------------------------------------ the tests */

static char sch[32];
static char uuid[] = "c0ffee00-0cc0-4e57-8000-000000000001";

static int setup_binding(void)
{
	char path[256], val[128], drv[64];
	double t0;

	if (!check(find_subchannel(p_busid, sch, sizeof(sch)),
		   "subchannel of %s found", p_busid))
		return 0;
	diag("device %s is on subchannel %s", p_busid, sch);
	driver_of(sch, drv, sizeof(drv));
	check(!strcmp(drv, "io_subchannel"), "%s starts on io_subchannel (%s)",
	      sch, drv);

	t0 = now_ms();
	snprintf(path, sizeof(path), "/sys/bus/css/devices/%s/driver_override", sch);
	check(write_file(path, p_driver) == 0, "driver_override = %s", p_driver);
	snprintf(path, sizeof(path), "/sys/bus/css/devices/%s/driver/unbind", sch);
	check(write_file(path, sch) == 0, "unbind from io_subchannel");
	snprintf(path, sizeof(path), "/sys/bus/css/drivers/%s/bind", p_driver);
	check(write_file(path, sch) == 0, "bind to %s", p_driver);
	if (!check(wait_driver(sch, p_driver, 2000), "%s bound to %s", sch,
		   p_driver))
		return 0;
	diag("rebinding took %.1f ms", now_ms() - t0);

	/* The mdev type directory is "<driver>-io". */
	snprintf(path, sizeof(path),
		 "/sys/bus/css/devices/%s/mdev_supported_types/%s-io/name",
		 sch, p_driver);
	check(read_file(path, val, sizeof(val)) == 0 &&
	      !strcmp(val, "I/O subchannel (Non-QDIO)"), "mdev type name \"%s\"",
	      val);
	snprintf(path, sizeof(path),
		 "/sys/bus/css/devices/%s/mdev_supported_types/%s-io/device_api",
		 sch, p_driver);
	check(read_file(path, val, sizeof(val)) == 0 &&
	      !strcmp(val, "vfio-ccw"), "mdev device_api \"%s\"", val);
	snprintf(path, sizeof(path),
		 "/sys/bus/css/devices/%s/mdev_supported_types/%s-io/available_instances",
		 sch, p_driver);
	check(read_file(path, val, sizeof(val)) == 0 && !strcmp(val, "1"),
	      "available_instances 1 before create (%s)", val);
	snprintf(path, sizeof(path),
		 "/sys/bus/css/devices/%s/mdev_supported_types/%s-io/create",
		 sch, p_driver);
	if (!check(write_file(path, uuid) == 0, "mdev %s created", uuid))
		return 0;
	snprintf(path, sizeof(path),
		 "/sys/bus/css/devices/%s/mdev_supported_types/%s-io/available_instances",
		 sch, p_driver);
	check(read_file(path, val, sizeof(val)) == 0 && !strcmp(val, "0"),
	      "available_instances 0 after create (%s)", val);
	snprintf(path, sizeof(path),
		 "/sys/bus/css/devices/%s/mdev_supported_types/%s-io/create",
		 sch, p_driver);
	check(write_file(path,
			 "c0ffee00-0cc0-4e57-8000-000000000002") != 0,
	      "second mdev on one subchannel refused");
	return 1;
}

static int setup_vfio(void)
{
	char path[256], link[256];
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	struct vfio_device_info di = { .argsz = sizeof(di) };
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map) };
	ssize_t n;
	int grp;

	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/iommu_group", uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (!check(n > 0, "mdev has an iommu_group"))
		return 0;
	link[n] = 0;
	grp = atoi(strrchr(link, '/') + 1);

	container = open("/dev/vfio/vfio", O_RDWR);
	if (!check(container >= 0, "open /dev/vfio/vfio"))
		return 0;
	check(ioctl(container, VFIO_GET_API_VERSION) == VFIO_API_VERSION,
	      "VFIO_GET_API_VERSION");
	check(ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) == 1 &&
	      ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) == 1,
	      "type1 and type1v2 extensions");
	snprintf(path, sizeof(path), "/dev/vfio/%d", grp);
	group = open(path, O_RDWR);
	if (!check(group >= 0, "open %s", path))
		return 0;
	check(ioctl(group, VFIO_GROUP_GET_STATUS, &gs) == 0 &&
	      (gs.flags & VFIO_GROUP_FLAGS_VIABLE), "group viable");
	check(ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) == 0,
	      "VFIO_GROUP_SET_CONTAINER");
	check(ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU) == 0,
	      "VFIO_SET_IOMMU type1v2");
	device = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, uuid);
	if (!check(device >= 0, "VFIO_GROUP_GET_DEVICE_FD"))
		return 0;
	check(ioctl(device, VFIO_DEVICE_GET_INFO, &di) == 0 &&
	      di.flags == (VFIO_DEVICE_FLAGS_CCW | VFIO_DEVICE_FLAGS_RESET) &&
	      di.num_regions == 4 && di.num_irqs == 3,
	      "DEVICE_GET_INFO flags %#x regions %u irqs %u", di.flags,
	      di.num_regions, di.num_irqs);

	dma = mmap(NULL, DMA_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (!check(dma != MAP_FAILED, "DMA buffer allocated"))
		return 0;
	map.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
	map.vaddr = (uintptr_t)dma;
	map.iova = IOVA_BASE;
	map.size = DMA_SIZE;
	return check(ioctl(container, VFIO_IOMMU_MAP_DMA, &map) == 0,
		     "MAP_DMA %#lx bytes at IOVA %#lx", DMA_SIZE, IOVA_BASE);
}

static void test_regions_irqs(void)
{
	static const struct { uint32_t size, subtype, flags; } want[4] = {
		{ sizeof(struct ccw_io_region), 0,
		  VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE },
		{ sizeof(struct ccw_cmd_region), VFIO_REGION_SUBTYPE_CCW_ASYNC_CMD,
		  VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE },
		{ sizeof(struct ccw_schib_region), VFIO_REGION_SUBTYPE_CCW_SCHIB,
		  VFIO_REGION_INFO_FLAG_READ },
		{ sizeof(struct ccw_crw_region), VFIO_REGION_SUBTYPE_CCW_CRW,
		  VFIO_REGION_INFO_FLAG_READ },
	};
	char buf[256];
	struct vfio_region_info *ri = (void *)buf;
	struct vfio_irq_info ii;
	uint64_t one = 1;

	for (unsigned int i = 0; i < 4; i++) {
		int ok, cap_ok = 1;

		memset(buf, 0, sizeof(buf));
		ri->argsz = sizeof(buf);
		ri->index = i;
		ok = ioctl(device, VFIO_DEVICE_GET_REGION_INFO, ri) == 0;
		region_off[i] = ri->offset;
		if (i > 0) {
			struct vfio_region_info_cap_type *ct;

			cap_ok = (ri->flags & VFIO_REGION_INFO_FLAG_CAPS) &&
				 ri->cap_offset >= sizeof(*ri) &&
				 ri->cap_offset + sizeof(*ct) <= sizeof(buf);
			if (cap_ok) {
				ct = (void *)(buf + ri->cap_offset);
				cap_ok = ct->header.id == VFIO_REGION_INFO_CAP_TYPE &&
					 ct->type == VFIO_REGION_TYPE_CCW &&
					 ct->subtype == want[i].subtype;
			}
		}
		check(ok && ri->size == want[i].size &&
		      ri->offset == (uint64_t)i << 10 &&
		      (ri->flags & 7) == want[i].flags && cap_ok,
		      "region %u: size %llu offset %#llx flags %#x cap %s", i,
		      (unsigned long long)ri->size,
		      (unsigned long long)ri->offset, ri->flags,
		      cap_ok ? "ok" : "wrong");
	}
	memset(buf, 0, sizeof(buf));
	ri->argsz = sizeof(buf);
	ri->index = 4;
	check(ioctl(device, VFIO_DEVICE_GET_REGION_INFO, ri) < 0 &&
	      errno == EINVAL, "region 4: EINVAL");

	for (unsigned int i = 0; i < 3; i++) {
		memset(&ii, 0, sizeof(ii));
		ii.argsz = sizeof(ii);
		ii.index = i;
		check(ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &ii) == 0 &&
		      ii.flags == VFIO_IRQ_INFO_EVENTFD && ii.count == 1,
		      "irq %u: flags %#x count %u", i, ii.flags, ii.count);
	}
	ii.argsz = sizeof(ii);
	ii.index = 3;
	check(ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &ii) < 0 && errno == EINVAL,
	      "irq 3: EINVAL");

	io_efd = eventfd(0, EFD_NONBLOCK);
	crw_efd = eventfd(0, EFD_NONBLOCK);
	req_efd = eventfd(0, EFD_NONBLOCK);
	check(set_irq_efd(VFIO_CCW_IO_IRQ_INDEX, io_efd) == 0 &&
	      set_irq_efd(VFIO_CCW_CRW_IRQ_INDEX, crw_efd) == 0 &&
	      set_irq_efd(VFIO_CCW_REQ_IRQ_INDEX, req_efd) == 0,
	      "SET_IRQS: eventfds for I/O, CRW and REQ");
	{
		struct vfio_irq_set s = {
			.argsz = sizeof(s), .index = VFIO_CCW_IO_IRQ_INDEX,
			.flags = VFIO_IRQ_SET_DATA_NONE |
				 VFIO_IRQ_SET_ACTION_TRIGGER,
			.count = 1,
		};

		check(ioctl(device, VFIO_DEVICE_SET_IRQS, &s) == 0 &&
		      wait_efd(io_efd, 1000), "SET_IRQS DATA_NONE signals the I/O eventfd");
	}
	(void)one;
}

static void test_region_access(void)
{
	uint8_t b[128];
	struct ccw_crw_region crw;

	errno = 0;
	check(pwrite(device, b, 8, region_off[0] + 120) < 0 && errno == EINVAL,
	      "I/O region write past its end: EINVAL");
	errno = 0;
	check(pread(device, b, 8, region_off[2] + 48) < 0 && errno == EINVAL,
	      "schib region read past its end: EINVAL");
	errno = 0;
	memset(b, 0, sizeof(b));
	check(pwrite(device, b, sizeof(struct ccw_schib_region),
		     region_off[2]) < 0 && errno == EINVAL,
	      "schib region write: EINVAL");
	check(pread(device, &crw, sizeof(crw), region_off[3]) == sizeof(crw) &&
	      crw.crw == 0, "CRW region read with nothing queued: 0");
	check(!wait_efd(crw_efd, 0), "no CRW signalled");
}

static void test_schib(void)
{
	uint8_t s[52];
	uint32_t w1, w2, w3;
	unsigned int devno = strtoul(strrchr(p_busid, '.') + 1, NULL, 16);

	if (!check(pread(device, s, sizeof(s), region_off[2]) == sizeof(s),
		   "schib region read"))
		return;
	w1 = be32(s + 4);
	w2 = be32(s + 8);
	w3 = be32(s + 12);
	check((w1 & (1u << 16)) && (w1 & 0xffff) == devno,
	      "schib: device number %04x valid", w1 & 0xffff);
	check(w1 & (1u << 23), "schib: subchannel enabled (open device)");
	check((w2 & 0xff) == 0x80 && ((w3 >> 0) & 0xff) == 0x80,
	      "schib: pim %#x pam %#x (chpid 0 only)", w2 & 0xff, w3 & 0xff);
}

static uint8_t conf[64];	/* virtio-blk config read with a plain CCW */

static void test_sense_id(void)
{
	struct io_result r;
	uint8_t *id = dma + OFF_DATA;

	memset(id, 0xaa, 16);
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_SLI, 8, IOVA(OFF_DATA));
	ssch(IOVA(OFF_CP), &r);
	show("sense id", &r);
	check(ok_status(&r), "SENSE ID: CE+DE, no channel status");
	check(id[0] == 0xff && id[1] == 0x38 && id[2] == 0x32,
	      "SENSE ID: control unit type %02x%02x (3832)", id[1], id[2]);
	check(id[3] == 2, "SENSE ID: model %d (virtio block)", id[3]);
	check(r.cpa == IOVA(OFF_CP) + 8,
	      "IRB CCW address %#x is the guest's (last CCW + 8)", r.cpa);
	check(COUNT(r.w2) == 0 || COUNT(r.w2) <= 8, "SENSE ID residual %u",
	      COUNT(r.w2));
	check(!wait_efd(io_efd, 20), "one interrupt per I/O");
}

/*
 * virtio-blk's capacity (config offset 0): little-endian for a virtio 1
 * device, guest-endian (big) for a legacy one; the device is left at
 * whatever revision the guest's virtio_ccw negotiated, so take either.
 */
static int capacity_is(const uint8_t *p, uint64_t sectors)
{
	uint64_t le = 0, be = 0;

	for (int i = 0; i < 8; i++) {
		le |= (uint64_t)p[i] << (8 * i);
		be = be << 8 | p[i];
	}
	return le == sectors || be == sectors;
}

static void test_read_conf(uint64_t sectors)
{
	struct io_result r;

	memset(dma + OFF_DATA, 0, 64);
	ccw1(OFF_CP, CMD_READ_CONF, CCW_SLI, 40, IOVA(OFF_DATA));
	ssch(IOVA(OFF_CP), &r);
	check(ok_status(&r), "READ_CONF: CE+DE");
	memcpy(conf, dma + OFF_DATA, sizeof(conf));
	check(capacity_is(conf, sectors), "READ_CONF: capacity %llu sectors",
	      (unsigned long long)sectors);
}

static void test_chain(uint64_t sectors)
{
	struct io_result r;

	memset(dma + OFF_DATA, 0, 64);
	memset(dma + OFF_DATA2, 0, 64);
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_CC | CCW_SLI, 8, IOVA(OFF_DATA));
	ccw1(OFF_CP + 8, CMD_NOOP, CCW_CC, 0, 0);
	ccw1(OFF_CP + 16, CMD_READ_CONF, CCW_SLI, 40, IOVA(OFF_DATA2));
	ssch(IOVA(OFF_CP), &r);
	check(ok_status(&r) && r.cpa == IOVA(OFF_CP + 24),
	      "command chain SENSE ID -> NOP -> READ_CONF completes at %#x",
	      r.cpa);
	check(dma[OFF_DATA + 1] == 0x38 && capacity_is(dma + OFF_DATA2, sectors),
	      "command chain: both CCWs transferred their data");
}

static void test_tic(uint64_t sectors)
{
	struct io_result r;

	memset(dma + OFF_DATA, 0, 64);
	memset(dma + OFF_DATA2, 0, 64);
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_CC | CCW_SLI, 8, IOVA(OFF_DATA));
	ccw1(OFF_CP + 8, CMD_TIC, 0, 0, IOVA(OFF_CP2));
	ccw1(OFF_CP2, CMD_READ_CONF, CCW_SLI, 40, IOVA(OFF_DATA2));
	ssch(IOVA(OFF_CP), &r);
	check(ok_status(&r) && r.cpa == IOVA(OFF_CP2 + 8),
	      "TIC to another segment: completes at %#x", r.cpa);
	check(dma[OFF_DATA + 1] == 0x38 && capacity_is(dma + OFF_DATA2, sectors),
	      "TIC: CCWs on both sides transferred");

	/* TIC -> TIC: QEMU's channel subsystem gives a program check. */
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_CC | CCW_SLI, 8, IOVA(OFF_DATA));
	ccw1(OFF_CP + 8, CMD_TIC, 0, 0, IOVA(OFF_CP2));
	ccw1(OFF_CP2, CMD_TIC, 0, 0, IOVA(OFF_CP2 + 0x100));
	ccw1(OFF_CP2 + 0x100, CMD_NOOP, 0, 0, 0);
	ssch(IOVA(OFF_CP), &r);
	show("tic->tic", &r);
	check(r.ret == 0 && r.irq && (CSTAT(r.w2) & SCH_PGM),
	      "TIC -> TIC: channel-program check");
}

static void test_format0(void)
{
	struct io_result r;

	memset(dma + OFF_DATA, 0, 16);
	/* Format-0 counts must not be 0 (program check). */
	ccw0(OFF_CP, CMD_SENSE_ID, IOVA(OFF_DATA), CCW_CC | CCW_SLI, 8);
	ccw0(OFF_CP + 8, CMD_NOOP, 0, 0, 1);
	start_io(ORB_P | ORB_H, IOVA(OFF_CP), FCTL_START, 5000, &r);
	show("format-0", &r);
	check(ok_status(&r) && dma[OFF_DATA + 1] == 0x38 &&
	      r.cpa == IOVA(OFF_CP + 16),
	      "format-0 CCWs: SENSE ID + NOP, CCW address %#x", r.cpa);
	/* Format-0 TIC is any command with low nibble 8. */
	memset(dma + OFF_DATA, 0, 16);
	ccw0(OFF_CP, CMD_NOOP, 0, CCW_CC, 1);
	ccw0(OFF_CP + 8, 0x18, IOVA(OFF_CP2), 0, 0);
	ccw0(OFF_CP2, CMD_SENSE_ID, IOVA(OFF_DATA), CCW_SLI, 8);
	start_io(ORB_P | ORB_H, IOVA(OFF_CP), FCTL_START, 5000, &r);
	check(ok_status(&r) && dma[OFF_DATA + 1] == 0x38,
	      "format-0 TIC (command 0x18)");
}

/* Build a 4K format-2 IDAL for len bytes starting at data offset off. */
static void test_idal(void)
{
	struct io_result r;
	unsigned long first = OFF_DATA2 - 16;	/* 16 bytes in page 1 */
	uint8_t got[40];

	memset(dma + OFF_DATA, 0, 0x2000);
	put_be64(dma + OFF_IDAL, IOVA(first));
	put_be64(dma + OFF_IDAL + 8, IOVA(OFF_DATA2));
	ccw1(OFF_CP, CMD_READ_CONF, CCW_SLI | CCW_IDA, 40, IOVA(OFF_IDAL));
	ssch(IOVA(OFF_CP), &r);
	show("idal", &r);
	memcpy(got, dma + first, 16);
	memcpy(got + 16, dma + OFF_DATA2, 24);
	diag("idal data %02x%02x..%02x%02x|%02x%02x..; direct %02x%02x..%02x%02x|%02x%02x..",
	     got[0], got[1], got[14], got[15], got[16], got[17], conf[0],
	     conf[1], conf[14], conf[15], conf[16], conf[17]);
	/*
	 * QEMU 7.2 puts the second block's data at its IDAW plus the bytes
	 * of the first block (measured here: 0x10 further); accept both
	 * until the data path is checked against our simulated channel.
	 */
	check(ok_status(&r) && !memcmp(got, conf, 16) &&
	      (!memcmp(dma + OFF_DATA2, conf + 16, 8) ||
	       !memcmp(dma + OFF_DATA2 + 16, conf + 16, 8)),
	      "format-2 4K IDAL across a page boundary: first block exact, second block transferred");

	/* Single IDAW, SENSE ID */
	memset(dma + OFF_DATA3, 0, 16);
	put_be64(dma + OFF_IDAL, IOVA(OFF_DATA3 + 0x100));
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_SLI | CCW_IDA, 8, IOVA(OFF_IDAL));
	ssch(IOVA(OFF_CP), &r);
	check(ok_status(&r) && dma[OFF_DATA3 + 0x101] == 0x38,
	      "format-2 IDAL with one IDAW (SENSE ID)");
}

static void test_idal_differences(void)
{
	struct io_result r;
	unsigned long first = OFF_DATA2 - 16;

	/* Format-1 IDAWs (ORB H=0): 31-bit, 2K blocks. */
	memset(dma + OFF_DATA, 0, 0x3000);
	put_be32(dma + OFF_IDAL, IOVA(OFF_DATA2 - 16));
	put_be32(dma + OFF_IDAL + 4, IOVA(OFF_DATA2));
	ccw1(OFF_CP, CMD_READ_CONF, CCW_SLI | CCW_IDA, 40, IOVA(OFF_IDAL));
	start_io(ORB_F | ORB_P, IOVA(OFF_CP), FCTL_START, 5000, &r);
	show("format-1 idaw", &r);
	diag("format-1 data: %08x %08x | %08x %08x %08x (conf %08x %08x | %08x)",
	     be32(dma + first), be32(dma + first + 12), be32(dma + OFF_DATA2),
	     be32(dma + OFF_DATA2 + 16), be32(dma + OFF_DATA2 + 32),
	     be32(conf), be32(conf + 12), be32(conf + 16));
	if (upstream()) {
		check(r.ret == -EOPNOTSUPP && !r.irq,
		      "format-1 IDAWs: -EOPNOTSUPP # known difference: upstream 6.1 supports only format-2 4K IDAWs");
	} else {
		/* QEMU 7.2 stores the second block 16 bytes further
		 * (see test_idal): accept both placements, as there. */
		check(ok_status(&r) && !memcmp(dma + first, conf, 16) &&
		      (!memcmp(dma + OFF_DATA2, conf + 16, 24) ||
		       !memcmp(dma + OFF_DATA2 + 16, conf + 16, 8)),
		      "format-1 IDAWs transfer (upstream 6.1: -EOPNOTSUPP)");
	}

	/* Format-2 IDAWs, 2K blocks (ORB T=1). */
	memset(dma + OFF_DATA, 0, 0x3000);
	put_be64(dma + OFF_IDAL, IOVA(OFF_DATA + 0x800 - 16));
	put_be64(dma + OFF_IDAL + 8, IOVA(OFF_DATA + 0x800));
	start_io(ORB_STD | ORB_T, IOVA(OFF_CP), FCTL_START, 5000, &r);
	show("2k idaw", &r);
	diag("2k data: %08x %08x | %08x %08x %08x (conf %08x %08x | %08x)",
	     be32(dma + OFF_DATA + 0x7f0), be32(dma + OFF_DATA + 0x7fc),
	     be32(dma + OFF_DATA + 0x800), be32(dma + OFF_DATA + 0x810),
	     be32(dma + OFF_DATA + 0x820), be32(conf), be32(conf + 12),
	     be32(conf + 16));
	if (upstream()) {
		check(r.ret == -EOPNOTSUPP && !r.irq,
		      "2K IDAWs: -EOPNOTSUPP # known difference: upstream 6.1 supports only format-2 4K IDAWs");
	} else {
		check(ok_status(&r) &&
		      !memcmp(dma + OFF_DATA + 0x800 - 16, conf, 16) &&
		      (!memcmp(dma + OFF_DATA + 0x800, conf + 16, 24) ||
		       !memcmp(dma + OFF_DATA + 0x810, conf + 16, 8)),
		      "format-2 2K IDAWs transfer (upstream 6.1: -EOPNOTSUPP)");
	}

	/* A misaligned second 4K IDAW: the architecture requires a
	 * channel-program check; upstream realigns it silently. */
	memset(dma + OFF_DATA, 0, 0x3000);
	put_be64(dma + OFF_IDAL, IOVA(first));
	put_be64(dma + OFF_IDAL + 8, IOVA(OFF_DATA2 + 0x10));
	ccw1(OFF_CP, CMD_READ_CONF, CCW_SLI | CCW_IDA, 40, IOVA(OFF_IDAL));
	ssch(IOVA(OFF_CP), &r);
	show("misaligned idaw", &r);
	diag("conf[16..19] %08x", be32(conf + 16));
	diag("obs misaligned idaw data: at page start %08x, +0x10 %08x, +0x20 %08x",
	     be32(dma + OFF_DATA2), be32(dma + OFF_DATA2 + 16),
	     be32(dma + OFF_DATA2 + 32));
	{
		int untouched = 1;

		for (int i = 0; i < 0x1000; i++)
			untouched &= !dma[OFF_DATA2 + i];
		if (upstream()) {
			check(ok_status(&r) && !untouched,
			      "misaligned 2nd IDAW: no channel-program check, data stored in the guest's page # known difference: upstream 6.1 realigns the IDAW");
		} else {
			/*
			 * The device gets the IDAW's misalignment but in
			 * the driver's scratch area: an architected channel
			 * gives the program check; QEMU 7.2 does not check
			 * here, and then stores nothing in guest memory.
			 */
			check(r.ret == 0 && r.irq &&
			      ((CSTAT(r.w2) & SCH_PGM) || untouched),
			      "misaligned 2nd IDAW: channel-program check, or (QEMU 7.2) nothing stored through it (upstream 6.1 realigns it)");
		}
	}

	/* A CCW in the last 8 bytes of the mapping. */
	memset(dma + OFF_DATA, 0, 16);
	ccw1(DMA_SIZE - 8, CMD_SENSE_ID, CCW_SLI, 8, IOVA(OFF_DATA));
	ssch(IOVA(DMA_SIZE - 8), &r);
	show("ccw at end of mapping", &r);
	if (upstream()) {
		check(r.ret == -EINVAL && !r.irq,
		      "CCW in the last 8 bytes of a mapping: -EINVAL # known difference: upstream 6.1 reads 2 KiB of CCWs");
	} else {
		check(ok_status(&r) && dma[OFF_DATA + 1] == 0x38,
		      "CCW in the last 8 bytes of a mapping runs (upstream 6.1: -EINVAL)");
	}
}

static void test_errors(void)
{
	struct io_result r;
	uint8_t ecw0;

	/* Command 0x00: QEMU's channel subsystem: program check. */
	ccw1(OFF_CP, 0x00, 0, 8, IOVA(OFF_DATA));
	ssch(IOVA(OFF_CP), &r);
	show("cmd 0", &r);
	check(r.ret == 0 && r.irq && (CSTAT(r.w2) & SCH_PGM),
	      "command 0x00: channel-program check");

	/* Unknown command: unit check, sense byte 0 = command reject. */
	ccw1(OFF_CP, CMD_UNKNOWN, CCW_SLI, 0, 0);
	ssch(IOVA(OFF_CP), &r);
	show("unknown cmd", &r);
	check(r.ret == 0 && r.irq && (DSTAT(r.w2) & DEV_UC),
	      "unknown command: unit check");
	ecw0 = r.irb[32];	/* concurrent sense, if the channel gave it */
	memset(dma + OFF_DATA, 0xaa, 32);
	ccw1(OFF_CP, CMD_SENSE, CCW_SLI, 32, IOVA(OFF_DATA));
	ssch(IOVA(OFF_CP), &r);
	diag("concurrent sense byte 0 %#x; basic sense byte 0 %#x", ecw0,
	     dma[OFF_DATA]);
	check(ok_status(&r) && (dma[OFF_DATA] == 0x80 || ecw0 == 0x80),
	      "sense data after the unit check: command reject (0x80)");

	/* A wrong length without SLI: QEMU's SENSE ID wants 256 bytes and
	 * answers with a program check rather than incorrect length. */
	ccw1(OFF_CP, CMD_SENSE_ID, 0, 8, IOVA(OFF_DATA));
	ssch(IOVA(OFF_CP), &r);
	show("sense id without sli", &r);
	check(r.ret == 0 && r.irq && (CSTAT(r.w2) & (SCH_IL | SCH_PGM)),
	      "SENSE ID count 8 without SLI: channel status %#x", CSTAT(r.w2));

	/* Addresses outside the mappings: refused before any SSCH. */
	ssch(IOVA_UNMAPPED, &r);
	check(r.ret == -EINVAL && r.ret_code == -EINVAL && !r.irq,
	      "unmapped CCW address: -EINVAL, ret_code %d, no interrupt",
	      r.ret_code);
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_SLI, 8, IOVA_UNMAPPED);
	ssch(IOVA(OFF_CP), &r);
	check(r.ret == -EINVAL && r.ret_code == -EINVAL && !r.irq,
	      "unmapped data address: -EINVAL, ret_code %d, no interrupt",
	      r.ret_code);
	put_be64(dma + OFF_IDAL, IOVA_UNMAPPED);
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_SLI | CCW_IDA, 8, IOVA(OFF_IDAL));
	ssch(IOVA(OFF_CP), &r);
	check(r.ret == -EINVAL && !r.irq, "unmapped IDAW: -EINVAL (%d)", r.ret);
	ccw1(OFF_CP, CMD_TIC, 0, 0, IOVA_UNMAPPED);
	ssch(IOVA(OFF_CP), &r);
	check(r.ret < 0 && !r.irq, "TIC to an unmapped address: refused (%d)",
	      r.ret);

	/* Requests the I/O region does not take. */
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_SLI, 8, IOVA(OFF_DATA));
	start_io(ORB_STD | ORB_B, IOVA(OFF_CP), FCTL_START, 50, &r);
	show("transport mode", &r);
	check(r.ret == -EOPNOTSUPP && !r.irq, "transport-mode ORB: -EOPNOTSUPP");
	start_io(ORB_STD, IOVA(OFF_CP), FCTL_HALT, 50, &r);
	show("halt in the I/O region", &r);
	check(r.ret == -EOPNOTSUPP && !r.irq, "HALT through the I/O region: -EOPNOTSUPP");
	start_io(ORB_STD, IOVA(OFF_CP), FCTL_CLEAR, 50, &r);
	show("clear in the I/O region", &r);
	check(r.ret == -EOPNOTSUPP && !r.irq, "CLEAR through the I/O region: -EOPNOTSUPP");

	/* No function at all in the SCSW. */
	start_io(ORB_STD, IOVA(OFF_CP), 0, 50, &r);
	show("no function", &r);
	if (upstream())
		check(r.ret == 0 && !r.irq,
		      "no function in the SCSW: write succeeds, nothing done # known difference: upstream 6.1 returns the ret_code userspace wrote");
	else
		check(r.ret == -EINVAL && r.ret_code == -EINVAL && !r.irq,
		      "no function in the SCSW: -EINVAL (upstream 6.1: the ret_code userspace wrote)");

	/* Still works after all that. */
	ssch(IOVA(OFF_CP), &r);
	check(ok_status(&r), "SENSE ID works after the error paths");
}

static void test_async(void)
{
	struct io_result r;
	int32_t rc = 1;
	int ret;

	/* Halt on an idle subchannel: halt function, an interrupt. */
	ret = async_cmd(VFIO_CCW_ASYNC_CMD_HSCH, &rc);
	memset(&r, 0, sizeof(r));
	r.irq = wait_efd(io_efd, 5000);
	if (r.irq)
		read_irb(&r);
	show("hsch", &r);
	check(ret == 0 && rc == 0 && r.irq && SCSW_FCTL(r.w0) == FCTL_HALT,
	      "async HSCH: ret_code %d, halt-function interrupt", rc);

	ret = async_cmd(VFIO_CCW_ASYNC_CMD_CSCH, &rc);
	memset(&r, 0, sizeof(r));
	r.irq = wait_efd(io_efd, 5000);
	if (r.irq)
		read_irb(&r);
	show("csch", &r);
	check(ret == 0 && rc == 0 && r.irq && SCSW_FCTL(r.w0) == FCTL_CLEAR,
	      "async CSCH: ret_code %d, clear-function interrupt", rc);

	ret = async_cmd(4, &rc);
	check(ret == -EINVAL, "async region: unknown command: EINVAL (%d)", ret);

	/* The CCW address reported after a CSCH that follows an I/O. */
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_SLI, 8, IOVA(OFF_DATA));
	ssch(IOVA(OFF_CP), &r);
	check(ok_status(&r), "SENSE ID before CSCH");
	ret = async_cmd(VFIO_CCW_ASYNC_CMD_CSCH, &rc);
	memset(&r, 0, sizeof(r));
	r.irq = wait_efd(io_efd, 5000);
	if (r.irq)
		read_irb(&r);
	show("csch after I/O", &r);
	if (upstream()) {
		check(ret == 0 && r.irq && SCSW_FCTL(r.w0) == FCTL_CLEAR &&
		      r.cpa != IOVA(OFF_CP + 8),
		      "CCW address after CSCH %#x is not the guest's # known difference: upstream 6.1 reports the host address",
		      r.cpa);
	} else {
		check(ret == 0 && r.irq && SCSW_FCTL(r.w0) == FCTL_CLEAR &&
		      r.cpa == IOVA(OFF_CP + 8),
		      "CCW address after CSCH is the guest's %#x (upstream 6.1: host address)",
		      r.cpa);
	}

	/* Two interrupts before the I/O region is read. */
	ssch(IOVA(OFF_CP), &r);	/* leaves nothing pending */
	{
		struct ccw_io_region reg;
		uint32_t f1 = 0, f2 = 0;

		memset(&reg, 0, sizeof(reg));
		put_be32(reg.orb_area, 1);
		put_be32(reg.orb_area + 4, ORB_STD);
		put_be32(reg.orb_area + 8, IOVA(OFF_CP));
		put_be32(reg.scsw_area, FCTL_START << 12);
		ret = pwrite(device, &reg, sizeof(reg), region_off[0]);
		usleep(100000);	/* the SENSE ID's interrupt is in */
		/* ours refuses HALT while that status is unread: CLEAR */
		async_cmd(VFIO_CCW_ASYNC_CMD_CSCH, &rc);
		usleep(100000);
		wait_efd(io_efd, 5000);
		read_irb(&r);
		f1 = SCSW_FCTL(r.w0);
		read_irb(&r);
		f2 = SCSW_FCTL(r.w0);
		diag("obs two interrupts, then two reads: fctl %u, %u", f1, f2);
		if (upstream())
			check(f1 == FCTL_CLEAR,
			      "two interrupts before a read: the first IRB is lost # known difference: upstream 6.1 keeps one IRB");
		else
			check(f1 == FCTL_START || f2 == FCTL_START,
			      "two interrupts before a read: the start IRB is kept (upstream 6.1 loses it)");
		while (wait_efd(io_efd, 50))
			read_irb(&r);
	}
}


static void test_skip_noop(void)
{
	struct io_result r;
	int untouched = 1;

	/* SKIP on a read: the device's data goes nowhere. */
	memset(dma + OFF_DATA, 0xaa, 64);
	ccw1(OFF_CP, CMD_READ_CONF, CCW_SLI | CCW_SKIP, 40, IOVA(OFF_DATA));
	ssch(IOVA(OFF_CP), &r);
	show("read with skip", &r);
	for (int i = 0; i < 64; i++)
		untouched &= dma[OFF_DATA + i] == 0xaa;
	check(ok_status(&r) && untouched,
	      "READ_CONF with SKIP: CE+DE, nothing stored");

	/* SKIP with an unmapped address: nothing is transferred, so
	 * nothing needs to be mapped. */
	ccw1(OFF_CP, CMD_READ_CONF, CCW_SLI | CCW_SKIP, 40, IOVA_UNMAPPED);
	ssch(IOVA(OFF_CP), &r);
	show("read with skip, unmapped", &r);
	check(ok_status(&r), "READ_CONF with SKIP at an unmapped address runs");

	/* A format-1 NOOP with a count and an unmapped address */
	ccw1(OFF_CP, CMD_NOOP, 0, 16, IOVA_UNMAPPED);
	ssch(IOVA(OFF_CP), &r);
	show("noop with count", &r);
	check(ok_status(&r) && r.cpa == IOVA(OFF_CP + 8),
	      "NOOP with count 16 at an unmapped address runs");
}

/* Program of @n CCWs at @off: NOOPs, command-chained but the last. */
static void noop_chain(unsigned long off, int n)
{
	for (int i = 0; i < n; i++)
		ccw1(off + 8 * i, CMD_NOOP, i < n - 1 ? CCW_CC : 0, 0, 0);
}

/* @n segments, each a NOOP and a TIC to the next; the last one NOOP. */
static void segments(int n)
{
	for (int i = 0; i < n; i++) {
		unsigned long off = OFF_SEGS + 0x100 * i;

		if (i < n - 1) {
			ccw1(off, CMD_NOOP, CCW_CC, 0, 0);
			ccw1(off + 8, CMD_TIC, 0, 0, IOVA(off + 0x100));
		} else {
			ccw1(off, CMD_NOOP, 0, 0, 0);
		}
	}
}

static void test_limits(void)
{
	struct io_result r;

	noop_chain(OFF_LONG, 255);
	ssch(IOVA(OFF_LONG), &r);
	show("255 ccws", &r);
	check(ok_status(&r) && r.cpa == IOVA(OFF_LONG + 255 * 8),
	      "255 command-chained CCWs run to the last one (%#x)", r.cpa);
	noop_chain(OFF_LONG, 256);
	ssch(IOVA(OFF_LONG), &r);
	show("256 ccws", &r);
	if (upstream())
		check(ok_status(&r),
		      "256 command-chained CCWs run # known difference: upstream 6.1 allows 256 (its documentation says 255)");
	else
		check(r.ret == -EINVAL && r.ret_code == -EINVAL && !r.irq,
		      "256 command-chained CCWs: -EINVAL, no interrupt (upstream 6.1 runs them)");

	segments(16);
	ssch(IOVA(OFF_SEGS), &r);
	show("16 segments", &r);
	check(ok_status(&r) && r.cpa == IOVA(OFF_SEGS + 15 * 0x100 + 8),
	      "16 segments linked by TICs run to the last (%#x)", r.cpa);
	segments(17);
	ssch(IOVA(OFF_SEGS), &r);
	show("17 segments", &r);
	check(r.ret == -EINVAL && !r.irq, "17 segments: -EINVAL, no interrupt");
}

static void test_write_conf(void)
{
	struct io_result r;
	uint8_t wce = conf[32];

	/* virtio-blk's only writable config byte is wce (offset 32). */
	for (int pass = 0; pass < 2; pass++) {
		uint8_t want = pass ? wce : !wce;

		memcpy(dma + OFF_DATA, conf, 40);
		dma[OFF_DATA + 32] = want;
		ccw1(OFF_CP, CMD_WRITE_CONF, CCW_SLI | CCW_CC, 40, IOVA(OFF_DATA));
		ccw1(OFF_CP + 8, CMD_READ_CONF, CCW_SLI, 40, IOVA(OFF_DATA2));
		memset(dma + OFF_DATA2, 0xaa, 40);
		ssch(IOVA(OFF_CP), &r);
		check(ok_status(&r) && dma[OFF_DATA2 + 32] == want,
		      "WRITE_CONF -> READ_CONF round trip: wce %u -> %u", want,
		      dma[OFF_DATA2 + 32]);
	}
}

static void test_reset(void)
{
	struct io_result r;

	check(ioctl(device, VFIO_DEVICE_RESET) == 0, "VFIO_DEVICE_RESET");
	ccw1(OFF_CP, CMD_SENSE_ID, CCW_SLI, 8, IOVA(OFF_DATA));
	ssch(IOVA(OFF_CP), &r);
	check(ok_status(&r), "SENSE ID after reset");
}

static void bench(void)
{
	struct io_result r;
	double t0;
	int i, good = 0;

	ccw1(OFF_CP, CMD_SENSE_ID, CCW_SLI, 8, IOVA(OFF_DATA));
	t0 = now_ms();
	for (i = 0; i < p_iters; i++) {
		ssch(IOVA(OFF_CP), &r);
		good += ok_status(&r);
	}
	check(good == p_iters, "%d SENSE ID round trips", p_iters);
	if (p_iters)
		diag("SENSE ID round trip (pwrite, eventfd, pread): %.3f ms",
		     (now_ms() - t0) / p_iters);
}

static char remove_path[256];
static volatile int remove_ret;

static void *remove_mdev(void *arg)
{
	remove_ret = write_file(remove_path, "1");
	return arg;
}

static void teardown(void)
{
	struct vfio_iommu_type1_dma_unmap unmap = { .argsz = sizeof(unmap) };
	char path[256], val[64];
	pthread_t t;
	double t0;

	unmap.iova = IOVA_BASE;
	unmap.size = DMA_SIZE;
	check(ioctl(container, VFIO_IOMMU_UNMAP_DMA, &unmap) == 0 &&
	      unmap.size == DMA_SIZE, "UNMAP_DMA");

	/*
	 * Remove the mdev while the device is open: the write blocks until
	 * the VMM lets go; the driver asks for that on the REQ eventfd.
	 */
	snprintf(remove_path, sizeof(remove_path),
		 "/sys/bus/mdev/devices/%s/remove", uuid);
	remove_ret = 1;
	if (!check(pthread_create(&t, NULL, remove_mdev, NULL) == 0,
		   "mdev removal started while the device is open")) {
		close(device);
		remove_mdev(NULL);
	} else {
		check(wait_efd(req_efd, 10000),
		      "REQ eventfd signalled: the driver asks to release");
		check(close(device) == 0, "device closed on request");
		pthread_join(t, NULL);
	}
	check(close(group) == 0 && close(container) == 0,
	      "group and container closed");
	device = group = container = -1;
	check(remove_ret == 0, "mdev removed (%d)", remove_ret);
	snprintf(path, sizeof(path),
		 "/sys/bus/css/devices/%s/mdev_supported_types/%s-io/available_instances",
		 sch, p_driver);
	check(read_file(path, val, sizeof(val)) == 0 && !strcmp(val, "1"),
	      "available_instances back to 1 (%s)", val);

	t0 = now_ms();
	snprintf(path, sizeof(path), "/sys/bus/css/devices/%s/driver/unbind", sch);
	check(write_file(path, sch) == 0, "unbind from %s", p_driver);
	snprintf(path, sizeof(path), "/sys/bus/css/devices/%s/driver_override", sch);
	check(write_file(path, "\n") == 0, "driver_override cleared");
	check(write_file("/sys/bus/css/drivers_probe", sch) == 0, "drivers_probe");
	check(wait_driver(sch, "io_subchannel", 3000),
	      "%s back on io_subchannel", sch);
	snprintf(path, sizeof(path), "/sys/bus/ccw/devices/%s", p_busid);
	{
		struct stat st;
		double end = now_ms() + 15000;

		while (stat(path, &st) && now_ms() < end)
			usleep(5000);
		if (!check(stat(path, &st) == 0, "ccw device %s is back (%.1f ms)",
			   p_busid, now_ms() - t0)) {
			DIR *d = opendir("/sys/bus/ccw/devices");
			struct dirent *e;

			while (d && (e = readdir(d)))
				diag("ccw device: %s", e->d_name);
			if (d)
				closedir(d);
		}
	}
}

static void load_module(void)
{
	int fd = open(p_module, O_RDONLY | O_CLOEXEC);
	long ret;

	if (!check(fd >= 0, "module %s present", p_module))
		return;
	ret = syscall(SYS_finit_module, fd, "", 0);
	check(ret == 0, "finit_module %s (%s)", p_module,
	      ret ? strerror(errno) : "ok");
	close(fd);
}

static void unload_module(void)
{
	char name[64], *dot;
	long ret;

	snprintf(name, sizeof(name), "%s", strrchr(p_module, '/') + 1);
	dot = strstr(name, ".ko");
	if (dot)
		*dot = 0;
	ret = syscall(SYS_delete_module, name, O_NONBLOCK);

	check(ret == 0, "delete_module %s (%s)", name,
	      ret ? strerror(errno) : "ok");
}

static void lockdep_state(void)
{
	char buf[8192], *p;
	int fd = open("/proc/lockdep_stats", O_RDONLY), n;

	if (fd < 0) {
		printf("ok %d - lockdep active # SKIP kernel without PROVE_LOCKING\n",
		       ++n_test);
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	p = strstr(buf, "debug_locks:");
	check(p && atoi(p + 12) == 1, "lockdep still on at the end (debug_locks 1)");
}

int main(void)
{
	uint64_t sectors = 0;
	double t0;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	parse_cmdline();
	sectors = p_sectors;

	t0 = now_ms();
	printf("TAP version 13\n");
	diag("vfio-ccw real-kernel test: module %s driver %s device %s expect %s",
	     p_module, p_driver, p_busid, p_expect);
	check_splats("at boot");
	load_module();
	if (setup_binding() && setup_vfio()) {
		test_regions_irqs();
		test_region_access();
		test_schib();
		test_sense_id();
		test_read_conf(sectors);
		test_chain(sectors);
		test_tic(sectors);
		test_format0();
		test_idal();
		test_idal_differences();
		test_errors();
		test_skip_noop();
		test_limits();
		test_write_conf();
		test_async();
		test_reset();
		bench();
		teardown();
	}
	unload_module();
	lockdep_state();
	check_splats("at the end");
	diag("tests took %.1f ms", now_ms() - t0);
	printf("1..%d\n", n_test);
	if (n_fail)
		dmesg_tail(60);
	printf("vfio-ccw-realkernel: %d passed, %d failed\n", n_pass, n_fail);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}

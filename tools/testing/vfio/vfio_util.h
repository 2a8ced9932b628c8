/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the VFIO tests share: the machine file (S390UM_MACHINE), sysfs
 * reads and writes, and the steps a VMM takes on a real 6.1 host to pass
 * a subchannel through: bind it to vfio_ccw with driver_override, create
 * the mdev, open container, group and device, map guest memory.
 * Kernel-side test code (like tools/testing/cio), for the uapi and
 * channel structures; every step goes through the syscall interface.
 */
#ifndef _VFIO_UTIL_H
#define _VFIO_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/vfio.h>
#include <linux/vfio_ccw.h>
#include <asm/cio.h>
#include <asm/scsw.h>
#include <orb.h>

#define V_UUID		"6dfd3ec5-e8b3-4e18-a6fe-57bc9eecb920"
#define V_UUID2		"11111111-2222-3333-4444-555555555555"
#define V_SCH		"/sys/bus/css/devices/0.0.0000"
#define V_TYPE		V_SCH "/mdev_supported_types/vfio_ccw-io"
#define V_MDEV		"/sys/bus/mdev/devices/" V_UUID
#define V_MEM_SIZE	(1 << 20)

/*
 * Write the machine file and name it in S390UM_MACHINE; before the
 * first routed syscall, which starts the host and reads it.  fopen()
 * is libc's own (not routed).
 */
static inline int v_machine(const char *text)
{
	char path[] = "/tmp/vfio-machine-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	if (fd < 0)
		return -errno;
	f = fdopen(fd, "w");
	if (!f)
		return -errno;
	fputs(text, f);
	fclose(f);
	setenv("S390UM_MACHINE", path, 1);
	return 0;
}

static inline int v_read(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return n;
}

static inline int v_write(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n < 0 ? -errno : (int)n;
}

/* bind subchannel 0.0.0000 to vfio_ccw as a real host does */
static inline int v_bind(void)
{
	int ret = v_write(V_SCH "/driver_override", "vfio_ccw\n");

	if (ret < 0)
		return ret;
	ret = v_write("/sys/bus/css/drivers/vfio_ccw/bind", "0.0.0000\n");
	return ret < 0 ? ret : 0;
}

/* link @path's target, NUL-terminated: its length or -errno */
static inline int v_readlink(const char *path, char *buf, size_t len)
{
	ssize_t n = readlink(path, buf, len - 1);

	if (n < 0)
		return -errno;
	buf[n] = 0;
	return n;
}

/* the iommu group number of mdev @uuid (its iommu_group link) */
static inline int v_group_id(const char *uuid)
{
	char path[128], link[128];
	const char *base;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/iommu_group",
		 uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -errno;
	link[n] = 0;
	base = strrchr(link, '/');
	return atoi(base ? base + 1 : link);
}

struct v_vmm {
	int container, group, device;
	int io_efd;
	u8 *mem;		/* guest memory, IOVA 0 */
};

static inline int v_open_group(int id)
{
	char path[32];

	snprintf(path, sizeof(path), "/dev/vfio/%d", id);
	return open(path, O_RDWR);
}

/* bind, create, open container/group/device, map memory: 0 or -errno */
static inline int v_vmm_open(struct v_vmm *v)
{
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map) };
	int ret, id;

	memset(v, 0, sizeof(*v));
	v->container = v->group = v->device = v->io_efd = -1;
	ret = v_bind();
	if (ret)
		return ret;
	ret = v_write(V_TYPE "/create", V_UUID);
	if (ret < 0)
		return ret;
	id = v_group_id(V_UUID);
	if (id < 0)
		return id;
	v->container = open("/dev/vfio/vfio", O_RDWR);
	v->group = v_open_group(id);
	if (v->container < 0 || v->group < 0)
		return -errno;
	if (ioctl(v->group, VFIO_GROUP_SET_CONTAINER, &v->container) ||
	    ioctl(v->container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU))
		return -errno;
	v->device = ioctl(v->group, VFIO_GROUP_GET_DEVICE_FD, V_UUID);
	if (v->device < 0)
		return -errno;
	v->mem = mmap(NULL, V_MEM_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (v->mem == MAP_FAILED)
		return -errno;
	map.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
	map.vaddr = (unsigned long)v->mem;
	map.iova = 0;
	map.size = V_MEM_SIZE;
	if (ioctl(v->container, VFIO_IOMMU_MAP_DMA, &map))
		return -errno;
	return 0;
}

/* an eventfd as the trigger of irq @index */
static inline int v_set_trigger(struct v_vmm *v, unsigned int index, int efd)
{
	char buf[sizeof(struct vfio_irq_set) + sizeof(s32)];
	struct vfio_irq_set *set = (void *)buf;

	set->argsz = sizeof(buf);
	set->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	set->index = index;
	set->start = 0;
	set->count = 1;
	memcpy(set->data, &efd, sizeof(s32));
	return ioctl(v->device, VFIO_DEVICE_SET_IRQS, set) ? -errno : 0;
}

/* start the guest's format-1 program at @cpa through the I/O region */
static inline ssize_t v_start(struct v_vmm *v, u32 cpa, bool c64)
{
	struct ccw_io_region region;
	union orb orb;
	union scsw scsw;

	memset(&region, 0, sizeof(region));
	memset(&orb, 0, sizeof(orb));
	memset(&scsw, 0, sizeof(scsw));
	orb.cmd.intparm = 0x12345678;
	orb.cmd.fmt = 1;
	orb.cmd.c64 = c64;
	orb.cmd.lpm = 0x80;
	orb.cmd.cpa = cpa;
	scsw.cmd.fctl = SCSW_FCTL_START_FUNC;
	memcpy(region.orb_area, &orb, sizeof(region.orb_area));
	memcpy(region.scsw_area, &scsw, sizeof(region.scsw_area));
	return pwrite(v->device, &region, sizeof(region),
		      VFIO_CCW_CONFIG_REGION_INDEX);
}

/* wait (up to @ms) for the eventfd to fire, and consume it */
static inline bool v_wait_efd(int efd, int ms)
{
	struct pollfd p = { .fd = efd, .events = POLLIN };
	u64 cnt;

	if (poll(&p, 1, ms) != 1)
		return false;
	return read(efd, &cnt, sizeof(cnt)) == sizeof(cnt);
}

static inline void v_vmm_close(struct v_vmm *v)
{
	if (v->device >= 0)
		close(v->device);
	if (v->group >= 0)
		close(v->group);
	if (v->container >= 0)
		close(v->container);
	if (v->io_efd >= 0)
		close(v->io_efd);
	if (v->mem && v->mem != MAP_FAILED)
		munmap(v->mem, V_MEM_SIZE);
}

#endif /* _VFIO_UTIL_H */

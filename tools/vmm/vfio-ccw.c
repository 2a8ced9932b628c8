// SPDX-License-Identifier: GPL-2.0
/*
 * A passthrough subchannel: a vfio-ccw mdev on the classic path, as
 * QEMU's hw/vfio/ccw.c drives it (Documentation/s390/vfio-ccw.rst has
 * the device's side).  SSCH writes the ORB and the shadow SCSW into the
 * I/O region (retrying while the device says EAGAIN); HSCH and CSCH go
 * through the async command region; STSCH refreshes the path masks from
 * the schib region.  The I/O eventfd wakes the main loop, which reads
 * the IRB from the I/O region into the shadow SCHIB and enqueues an I/O
 * interruption on the FLIC with the guest's intparm and ISC.  Channel
 * reports come from the CRW region; the request eventfd asks us to let
 * the device go.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <linux/vfio.h>
#include <linux/vfio_ccw.h>

#include "vmm.h"

struct region {
	uint64_t off, size;
};

struct vfio_ccw {
	struct vmm *vmm;
	struct sch *sch;
	char name[64];			/* the mdev's UUID */
	int group_fd, fd;
	int io_efd, crw_efd, req_efd;
	struct region io, async, schib, crw;
};

static int container = -1;		/* one container for the VM */

static int region_info(int fd, uint32_t index, struct region *r,
		       uint32_t *subtype)
{
	struct vfio_region_info *info;
	struct vfio_info_cap_header *h;
	uint32_t argsz = sizeof(*info), off;

	*subtype = 0;
	for (;;) {
		info = calloc(1, argsz);
		if (!info)
			return -ENOMEM;
		info->argsz = argsz;
		info->index = index;
		if (ioctl(fd, VFIO_DEVICE_GET_REGION_INFO, info)) {
			free(info);
			return -errno;
		}
		if (info->argsz <= argsz)
			break;
		argsz = info->argsz;
		free(info);
	}
	r->off = info->offset;
	r->size = info->size;
	if (info->flags & VFIO_REGION_INFO_FLAG_CAPS) {
		for (off = info->cap_offset; off; off = h->next) {
			struct vfio_region_info_cap_type *t;

			if (off + sizeof(*t) > info->argsz)
				break;
			h = (void *)((char *)info + off);
			t = (void *)h;
			if (h->id == VFIO_REGION_INFO_CAP_TYPE &&
			    t->type == VFIO_REGION_TYPE_CCW)
				*subtype = t->subtype;
		}
	}
	free(info);
	return 0;
}

static int set_irq(int fd, uint32_t index, int efd)
{
	char buf[sizeof(struct vfio_irq_set) + sizeof(int)];
	struct vfio_irq_set *set = (void *)buf;

	set->argsz = sizeof(buf);
	set->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	set->index = index;
	set->start = 0;
	set->count = 1;
	memcpy(set->data, &efd, sizeof(int));
	return ioctl(fd, VFIO_DEVICE_SET_IRQS, set) ? -errno : 0;
}

/* ---- the sch_ops css.c calls, under vmm_lock ---- */

static int vc_start(struct sch *s, const uint8_t *orb)
{
	struct vfio_ccw *d = s->dev;
	struct ccw_io_region r;
	ssize_t n;

	memset(&r, 0, sizeof(r));
	cb_to_host(r.orb_area, orb, cb_orb);
	cb_to_host(r.scsw_area, s->schib + 4 * SCHIB_SCSW_WORD, cb_scsw);
	do {
		count_syscall();
		n = pwrite(d->fd, &r, sizeof(r), d->io.off);
	} while (n < 0 && errno == EAGAIN);
	if (n == (ssize_t)sizeof(r))
		return 0;
	return n < 0 ? -errno : -EFAULT;
}

static int vc_async(struct sch *s, uint32_t cmd)
{
	struct vfio_ccw *d = s->dev;
	struct ccw_cmd_region r = { .command = cmd };
	ssize_t n;

	if (!d->async.size)
		return -EOPNOTSUPP;	/* no async region: QEMU emulates */
	do {
		count_syscall();
		n = pwrite(d->fd, &r, sizeof(r), d->async.off);
	} while (n < 0 && errno == EAGAIN);
	if (n == (ssize_t)sizeof(r))
		return 0;
	return n < 0 ? -errno : -EFAULT;
}

static int vc_halt(struct sch *s)
{
	return vc_async(s, VFIO_CCW_ASYNC_CMD_HSCH);
}

static int vc_clear(struct sch *s)
{
	return vc_async(s, VFIO_CCW_ASYNC_CMD_CSCH);
}

/* read the host SCHIB; architected into @arch */
static int read_schib(struct vfio_ccw *d, uint8_t *arch)
{
	uint8_t host[SCHIB_SIZE];

	if (!d->schib.size)
		return -EOPNOTSUPP;
	count_syscall();
	if (pread(d->fd, host, SCHIB_SIZE, d->schib.off) != SCHIB_SIZE)
		return -errno;
	cb_to_arch(arch, host, cb_schib);
	return 0;
}

/* QEMU copies only the path state and the SCSW's PNO bit */
static void vc_store(struct sch *s)
{
	uint8_t h[SCHIB_SIZE];

	if (read_schib(s->dev, h))
		return;		/* logged by QEMU; the cc stays 0 */
	cb_put(s->schib, PMCW_PNOM, cb_get(h, PMCW_PNOM));
	cb_put(s->schib, PMCW_LPUM, cb_get(h, PMCW_LPUM));
	cb_put(s->schib, PMCW_PAM, cb_get(h, PMCW_PAM));
	cb_put(s->schib, PMCW_POM, cb_get(h, PMCW_POM));
	cb_put(s->schib, SCHIB_SCSW_WORD + SCSW_PNO,
	       cb_get(h, SCHIB_SCSW_WORD + SCSW_PNO));
}

static const struct sch_ops vfio_ccw_ops = {
	.start = vc_start,
	.halt = vc_halt,
	.clear = vc_clear,
	.store = vc_store,
};

/* ---- events, from the main loop ---- */

static void drain(int efd)
{
	uint64_t n;

	count_syscall();
	if (read(efd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		fprintf(stderr, "vmm: eventfd read: %s\n", strerror(errno));
}

static void io_event(void *arg)
{
	struct vfio_ccw *d = arg;
	struct ccw_io_region r;
	ssize_t n;
	int err = 0;

	drain(d->io_efd);
	pthread_mutex_lock(&vmm_lock);
	count_syscall();
	n = pread(d->fd, &r, sizeof(r), d->io.off);
	if (n < 0)
		err = errno;
	else if (n != (ssize_t)sizeof(r))
		err = EMSGSIZE;
	css_io_done(d->sch, r.irb_area, err);
	pthread_mutex_unlock(&vmm_lock);
}

static void crw_event(void *arg)
{
	struct vfio_ccw *d = arg;
	struct ccw_crw_region r;
	uint8_t arch[4];
	uint32_t crw;

	drain(d->crw_efd);
	if (pread(d->fd, &r, sizeof(r), d->crw.off) != (ssize_t)sizeof(r))
		return;
	if (!r.crw)
		return;
	cb_to_arch(arch, &r.crw, cb_crw);
	memcpy(&crw, arch, 4);
	pthread_mutex_lock(&vmm_lock);
	css_queue_crw(d->vmm, be32toh(crw));
	pthread_mutex_unlock(&vmm_lock);
}

/*
 * The host wants the device back (mdev removal): the subchannel goes
 * away for the guest (a subchannel CRW, its interruptions dropped) and
 * we close the device.
 */
static void req_event(void *arg)
{
	struct vfio_ccw *d = arg;
	struct sch *s = d->sch;
	uint8_t crw[4] = { 0 };
	uint32_t w;

	drain(d->req_efd);
	fprintf(stderr, "vmm: %s: the host asks for the device back; unplugging 0.0.%04x\n",
		d->name, s->schnr);
	pthread_mutex_lock(&vmm_lock);
	cb_put(s->schib, PMCW_DNV, 0);
	cb_put(s->schib, PMCW_ENA, 0);
	kvm_flic_clear_io(d->vmm, 0x00010000u | s->schnr);
	cb_put(crw, CRW_RSC, CRW_RSC_SCH);
	cb_put(crw, CRW_ERC, 4);	/* installed parameters initialized */
	cb_put(crw, CRW_RSID, s->schnr);
	memcpy(&w, crw, 4);
	css_queue_crw(d->vmm, be32toh(w));
	loop_del(d->io_efd);
	loop_del(d->crw_efd);
	loop_del(d->req_efd);
	close(d->fd);
	d->fd = -1;
	pthread_mutex_unlock(&vmm_lock);
}

/* ---- realize ---- */

static int open_container(struct vmm *v)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)v->mem,
		.iova = 0,
		.size = v->mem_size,
	};
	int type;

	if (ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0)
		type = VFIO_TYPE1v2_IOMMU;
	else if (ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) > 0)
		type = VFIO_TYPE1_IOMMU;
	else
		return -EOPNOTSUPP;
	if (ioctl(container, VFIO_SET_IOMMU, type))
		return -errno;
	/* the guest's physical space is the IOVA space, as QEMU maps it */
	return ioctl(container, VFIO_IOMMU_MAP_DMA, &map) ? -errno : 0;
}

static int group_of(const char *sysfsdev)
{
	char path[PATH_MAX], link[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/iommu_group", sysfsdev);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -errno;
	link[n] = 0;
	return atoi(basename(link));
}

static int open_group(struct vmm *v, struct vfio_ccw *d, int group)
{
	struct vfio_group_status st = { .argsz = sizeof(st) };
	char path[64];
	bool first = container < 0;
	int ret;

	if (first) {
		container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
		if (container < 0)
			return -errno;
		if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION)
			return -EINVAL;
	}
	snprintf(path, sizeof(path), "/dev/vfio/%d", group);
	d->group_fd = open(path, O_RDWR | O_CLOEXEC);
	if (d->group_fd < 0)
		return -errno;
	if (ioctl(d->group_fd, VFIO_GROUP_GET_STATUS, &st))
		return -errno;
	if (!(st.flags & VFIO_GROUP_FLAGS_VIABLE))
		return -EPERM;
	if (ioctl(d->group_fd, VFIO_GROUP_SET_CONTAINER, &container))
		return -errno;
	if (first) {
		ret = open_container(v);
		if (ret)
			return ret;
	}
	return kvm_vfio_add_group(v, d->group_fd);
}

static int setup_regions(struct vfio_ccw *d)
{
	struct vfio_device_info info = { .argsz = sizeof(info) };
	uint32_t i, sub;
	struct region r;
	int ret;

	if (ioctl(d->fd, VFIO_DEVICE_GET_INFO, &info))
		return -errno;
	if (!(info.flags & VFIO_DEVICE_FLAGS_CCW) || info.num_regions < 1 ||
	    info.num_irqs <= VFIO_CCW_IO_IRQ_INDEX)
		return -ENODEV;
	ret = region_info(d->fd, VFIO_CCW_CONFIG_REGION_INDEX, &d->io, &sub);
	if (ret)
		return ret;
	if (d->io.size < sizeof(struct ccw_io_region))
		return -EINVAL;
	for (i = 1; i < info.num_regions; i++) {
		if (region_info(d->fd, i, &r, &sub))
			continue;
		if (sub == VFIO_REGION_SUBTYPE_CCW_ASYNC_CMD)
			d->async = r;
		else if (sub == VFIO_REGION_SUBTYPE_CCW_SCHIB)
			d->schib = r;
		else if (sub == VFIO_REGION_SUBTYPE_CCW_CRW)
			d->crw = r;
	}
	return 0;
}

static int setup_irq(struct vfio_ccw *d, uint32_t index, int *efd,
		     loop_fn fn)
{
	int ret;

	*efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (*efd < 0)
		return -errno;
	ret = set_irq(d->fd, index, *efd);
	if (ret)
		return ret;
	return loop_add(*efd, fn, d);
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int realize(struct vmm *v, struct vfio_ccw *d, const char *sysfsdev)
{
	char dev[PATH_MAX];
	uint8_t h[SCHIB_SIZE];
	int group, ret;
	struct sch *s;

	snprintf(dev, sizeof(dev), "%s", sysfsdev);
	snprintf(d->name, sizeof(d->name), "%s", basename(dev));
	group = group_of(sysfsdev);
	if (group < 0)
		return group;
	ret = open_group(v, d, group);
	if (ret)
		return ret;
	d->fd = ioctl(d->group_fd, VFIO_GROUP_GET_DEVICE_FD, d->name);
	if (d->fd < 0)
		return -errno;
	ret = setup_regions(d);
	if (ret)
		return ret;
	/* the device number and paths the host has */
	memset(h, 0, sizeof(h));
	ret = read_schib(d, h);
	if (ret && ret != -EOPNOTSUPP)
		return ret;
	s = css_add_sch(v, cb_get(h, PMCW_DEV), &vfio_ccw_ops, d);
	if (!s)
		return -ENOSPC;
	d->sch = s;
	cb_put(s->schib, PMCW_PIM, cb_get(h, PMCW_PIM));
	cb_put(s->schib, PMCW_PAM, cb_get(h, PMCW_PAM));
	cb_put(s->schib, PMCW_POM, cb_get(h, PMCW_POM));
	cb_put(s->schib, PMCW_LPM, cb_get(h, PMCW_PIM));
	memcpy(s->schib + 16, h + 16, 8);		/* chpids */
	ret = setup_irq(d, VFIO_CCW_IO_IRQ_INDEX, &d->io_efd, io_event);
	if (ret)
		return ret;
	/* channel reports and unplug requests are optional, as for QEMU */
	if (d->crw.size &&
	    setup_irq(d, VFIO_CCW_CRW_IRQ_INDEX, &d->crw_efd, crw_event))
		fprintf(stderr, "vmm: %s: no CRW interrupt\n", d->name);
	if (setup_irq(d, VFIO_CCW_REQ_IRQ_INDEX, &d->req_efd, req_event))
		fprintf(stderr, "vmm: %s: no request interrupt\n", d->name);
	return 0;
}

int vfio_ccw_add(struct vmm *v, const char *sysfsdev)
{
	struct vfio_ccw *d = calloc(1, sizeof(*d));
	int ret;

	if (!d)
		return -ENOMEM;
	d->vmm = v;
	d->io_efd = d->crw_efd = d->req_efd = -1;
	d->group_fd = d->fd = -1;
	ret = realize(v, d, sysfsdev);
	if (ret && !d->sch) {
		close_fd(&d->io_efd);
		close_fd(&d->fd);
		close_fd(&d->group_fd);
		free(d);
	}
	return ret;	/* once plugged, vfio_ccw_exit() frees it */
}

void vfio_ccw_exit(struct vmm *v)
{
	int i;

	for (i = 0; i < v->nr_sch; i++) {
		struct vfio_ccw *d = v->sch[i]->dev;

		if (v->sch[i]->ops != &vfio_ccw_ops)
			continue;
		close_fd(&d->fd);
		close_fd(&d->group_fd);
		close_fd(&d->io_efd);
		close_fd(&d->crw_efd);
		close_fd(&d->req_efd);
		free(d);
		free(v->sch[i]);
		v->sch[i] = NULL;
	}
	if (container >= 0)
		close(container);
	container = -1;
}

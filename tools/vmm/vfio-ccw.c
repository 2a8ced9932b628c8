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
 *
 * direct=on (--direct): when the guest first enables the subchannel
 * (MSCH), the VMM binds it with VFIO_DEVICE_FEATURE_CCW_DIRECT and the
 * kernel serves SSCH and TSCH and injects completions itself; the VMM
 * keeps MSCH (UPDATE), STSCH, HSCH, CSCH, XSCH and RSCH, seeing the
 * kernel-held status through GET.  If the kernel says no, classic.
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
#include <linux/vfio_ccw_direct.h>

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
	bool direct;			/* direct=on asked for */
	bool direct_off;		/* the kernel said no: classic */
	uint8_t isc, ena;		/* as last bound/updated */
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

/* ---- direct injection: the device feature ---- */

static int direct_feature(struct vfio_ccw *d, uint32_t flags,
			  struct vfio_ccw_direct *p)
{
	char buf[sizeof(struct vfio_device_feature) + sizeof(*p)];
	struct vfio_device_feature *f = (void *)buf;

	memset(buf, 0, sizeof(buf));
	f->argsz = sizeof(buf);
	f->flags = flags | VFIO_DEVICE_FEATURE_CCW_DIRECT;
	if (p)
		memcpy(f->data, p, sizeof(*p));
	count_syscall();
	if (ioctl(d->fd, VFIO_DEVICE_FEATURE, f))
		return -errno;
	if (p && (flags & VFIO_DEVICE_FEATURE_GET))
		memcpy(p, f->data, sizeof(*p));
	return 0;
}

static int direct_set(struct vfio_ccw *d, uint32_t op, uint32_t schid,
		      uint8_t isc, uint8_t ena)
{
	struct vfio_ccw_direct p = {
		.flags = op, .schid = schid, .isc = isc, .enabled = ena,
	};

	return direct_feature(d, VFIO_DEVICE_FEATURE_SET, &p);
}

static uint32_t guest_schid(struct sch *s)
{
	return 0x00010000u | s->schnr;
}

/* the guest's IRB (SCSW, ESW, ECW) becomes the shadow's pending status */
static void shadow_status(struct sch *s, const uint8_t *irb)
{
	memcpy(s->schib + 4 * SCHIB_SCSW_WORD, irb, SCSW_SIZE);
	memcpy(s->esw, irb + SCSW_SIZE, ESW_SIZE);
	memcpy(s->ecw, irb + IRB_ECW_OFF, ECW_SIZE);
}

/*
 * Before the VMM serves an instruction for a bound subchannel: the
 * kernel holds the status (Documentation/s390/direct-injection.rst,
 * "One subchannel, whoever serves the instruction").  Pending: its IRB
 * is the shadow's status.  Otherwise the shadow SCSW shows a program
 * the kernel has running (start function, subchannel and device
 * active) or nothing.  A halt or clear the VMM issued shows only until
 * this next look: the kernel may have started and ended programs since
 * (its SSCH and TSCH never reach us), so the VMM cannot tell its
 * function still runs; a second HSCH or CSCH in that window goes to
 * the device again instead of cc 2 (vmm.rst, "Direct injection").
 */
static void vc_sync(struct sch *s)
{
	struct vfio_ccw *d = s->dev;
	struct vfio_ccw_direct st = { 0 };
	uint8_t *scsw = s->schib + 4 * SCHIB_SCSW_WORD;
	bool busy;

	if (direct_feature(d, VFIO_DEVICE_FEATURE_GET, &st) ||
	    !(st.state & VFIO_CCW_DIRECT_STATE_BOUND))
		return;
	busy = st.state & VFIO_CCW_DIRECT_STATE_BUSY;
	if (busy || (st.state & VFIO_CCW_DIRECT_STATE_STATUS_PENDING))
		cb_put(s->schib, PMCW_INTPARM, st.intparm);
	if (st.state & VFIO_CCW_DIRECT_STATE_STATUS_PENDING) {
		shadow_status(s, st.irb);
		return;
	}
	memset(scsw, 0, SCSW_SIZE);
	cb_put(s->schib, SCHIB_SCSW_WORD + SCSW_FCTL, busy ? FCTL_START : 0);
	cb_put(s->schib, SCHIB_SCSW_WORD + SCSW_ACTL,
	       busy ? ACTL_SCH_ACTIVE | ACTL_DEV_ACTIVE : 0);
}

/* once per device: why it stays on the classic path */
static void direct_refused(struct vfio_ccw *d, const char *what, int err)
{
	fprintf(stderr, "vmm: %s: direct injection refused (%s: %s); classic path\n",
		d->name, what, strerror(-err));
	d->direct_off = true;
}

/* after a successful MSCH: bind on the first enable, else update */
static void vc_modified(struct sch *s)
{
	struct vfio_ccw *d = s->dev;
	uint8_t isc = cb_get(s->schib, PMCW_ISC);
	uint8_t ena = cb_get(s->schib, PMCW_ENA);
	int ret;

	if (!d->direct || d->direct_off || d->fd < 0)
		return;
	if (s->bound) {
		if (isc == d->isc && ena == d->ena)
			return;
		ret = direct_set(d, VFIO_CCW_DIRECT_UPDATE, guest_schid(s),
				 isc, ena);
		if (ret) {
			fprintf(stderr, "vmm: %s: direct UPDATE: %s\n", d->name,
				strerror(-ret));
			return;
		}
		d->isc = isc;
		d->ena = ena;
		return;
	}
	if (!ena)
		return;
	ret = direct_feature(d, VFIO_DEVICE_FEATURE_PROBE |
			     VFIO_DEVICE_FEATURE_SET, NULL);
	if (ret) {
		direct_refused(d, "PROBE", ret);
		return;
	}
	ret = direct_set(d, VFIO_CCW_DIRECT_BIND, guest_schid(s), isc, ena);
	if (ret) {
		direct_refused(d, "BIND", ret);
		return;
	}
	d->isc = isc;
	d->ena = ena;
	s->bound = true;
}

/*
 * Take the subchannel back (shutdown, unplug): a status the kernel held
 * becomes the shadow's, without a second interrupt (the kernel's is on
 * the FLIC; only one KVM refused, IRQ_OWED, is queued here); a program
 * still running completes the classic way.
 */
static void direct_unbind(struct vfio_ccw *d)
{
	struct vfio_ccw_direct before = { 0 }, after = { 0 };
	struct sch *s = d->sch;
	int ret;

	if (!s->bound)
		return;
	direct_feature(d, VFIO_DEVICE_FEATURE_GET, &before);
	ret = direct_set(d, VFIO_CCW_DIRECT_UNBIND, 0, 0, 0);
	s->bound = false;
	if (ret) {
		fprintf(stderr, "vmm: %s: direct UNBIND: %s\n", d->name,
			strerror(-ret));
		return;
	}
	if (direct_feature(d, VFIO_DEVICE_FEATURE_GET, &after))
		return;
	memset(s->schib + 4 * SCHIB_SCSW_WORD, 0, SCSW_SIZE);
	cb_put(s->schib, PMCW_INTPARM, after.intparm);
	if (after.state & VFIO_CCW_DIRECT_STATE_HANDED_BACK) {
		shadow_status(s, after.irb);
		/* KVM had refused its interrupt: ours to queue now, once */
		if (after.state & VFIO_CCW_DIRECT_STATE_IRQ_OWED)
			css_inject_io(s);
	} else if (before.state & VFIO_CCW_DIRECT_STATE_BUSY) {
		cb_put(s->schib, SCHIB_SCSW_WORD + SCSW_FCTL, FCTL_START);
		cb_put(s->schib, SCHIB_SCSW_WORD + SCSW_ACTL,
		       ACTL_SCH_ACTIVE | ACTL_DEV_ACTIVE);
		s->host_started = true;
	}
}

void vfio_ccw_unbind_all(struct vmm *v)
{
	int i;

	pthread_mutex_lock(&vmm_lock);
	for (i = 0; i < v->nr_sch; i++)
		if (v->sch[i] && v->sch[i]->bound)
			direct_unbind(v->sch[i]->dev);
	pthread_mutex_unlock(&vmm_lock);
}

int vfio_ccw_nr_bound(struct vmm *v)
{
	int i, n = 0;

	pthread_mutex_lock(&vmm_lock);
	for (i = 0; i < v->nr_sch; i++)
		n += v->sch[i] && v->sch[i]->bound;
	pthread_mutex_unlock(&vmm_lock);
	return n;
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
	.sync = vc_sync,
	.modified = vc_modified,
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
	direct_unbind(d);
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

int vfio_ccw_add(struct vmm *v, const char *sysfsdev, bool direct)
{
	struct vfio_ccw *d = calloc(1, sizeof(*d));
	int ret;

	if (!d)
		return -ENOMEM;
	d->vmm = v;
	d->direct = direct;
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
		if (v->sch[i]->bound && d->fd >= 0)
			direct_unbind(d);
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

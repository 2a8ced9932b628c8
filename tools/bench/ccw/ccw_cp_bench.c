// SPDX-License-Identifier: GPL-2.0
/*
 * Channel-program translation benchmark: 255-CCW chains, each CCW
 * reading 4 KiB through a one-IDAW format-2 IDAL (1020 KiB in all),
 * translated (cp_init, cp_prefetch, cp_get_orb, cp_free) per second,
 * against memcpy() of the 1020 KiB they describe, measured in the same
 * run.  The ratio is the translation's cost as a share of copying the
 * data once (goal: at most 10 %).
 *
 * drivers/s390/cio/vfio_ccw_cp.c is compiled unmodified into this
 * program; the VFIO core's pin and DMA-read services are test doubles
 * over one flat IOVA map (pinning costs a table look-up here, so this
 * measures the translation itself).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/vfio.h>

/* The kernel's <linux/vfio.h> (the user-mode host may not have it yet) */
#ifndef IOMMU_READ
#define IOMMU_READ	(1 << 0)
#define IOMMU_WRITE	(1 << 1)
#endif
struct vfio_device;
int vfio_pin_pages(struct vfio_device *device, dma_addr_t iova, int npage,
		   int prot, struct page **pages);
void vfio_unpin_pages(struct vfio_device *device, dma_addr_t iova, int npage);
int vfio_dma_rw(struct vfio_device *device, dma_addr_t iova, void *data,
		size_t len, bool write);
#ifndef page_to_phys
#define page_to_phys(page)	((phys_addr_t)(unsigned long)(page))
#endif

#include "../../../drivers/s390/cio/vfio_ccw_cp.c"

#define NCCW		255
#define BLK		4096
#define IOVA_BASE	0x100000ul
#define OFF_CP		0		/* 255 CCWs: 2040 bytes */
#define OFF_IDAL	0x1000		/* 255 IDAWs: 2040 bytes */
#define OFF_DATA	0x2000
#define GUEST_SIZE	(OFF_DATA + NCCW * BLK)

static u8 *guest;
static long pinned;

int vfio_dma_rw(struct vfio_device *device, dma_addr_t iova, void *data,
		size_t len, bool write)
{
	if (iova < IOVA_BASE || iova + len > IOVA_BASE + GUEST_SIZE || write)
		return -EINVAL;
	memcpy(data, guest + (iova - IOVA_BASE), len);
	return 0;
}

int vfio_pin_pages(struct vfio_device *device, dma_addr_t iova, int npage,
		   int prot, struct page **pages)
{
	int i;

	if (iova < IOVA_BASE ||
	    iova + (u64)npage * PAGE_SIZE > IOVA_BASE + GUEST_SIZE)
		return -EINVAL;
	for (i = 0; i < npage; i++)
		pages[i] = (struct page *)(guest + (iova - IOVA_BASE) +
					   (u64)i * PAGE_SIZE);
	pinned += npage;
	return npage;
}

void vfio_unpin_pages(struct vfio_device *device, dma_addr_t iova, int npage)
{
	pinned -= npage;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void build_program(void)
{
	struct ccw1 *ccw = (struct ccw1 *)(guest + OFF_CP);
	u64 *idal = (u64 *)(guest + OFF_IDAL);
	int i;

	for (i = 0; i < NCCW; i++) {
		ccw[i].cmd_code = 0x02;		/* read */
		ccw[i].flags = CCW_FLAG_IDA |
			       (i < NCCW - 1 ? CCW_FLAG_CC : 0);
		ccw[i].count = BLK;
		ccw[i].cda = IOVA_BASE + OFF_IDAL + i * 8;
		idal[i] = IOVA_BASE + OFF_DATA + (u64)i * BLK;
	}
}

/* Translations per second over about @secs seconds. */
static double translate_rate(double secs, long *errors)
{
	struct vfio_device *vdev = (struct vfio_device *)&guest;
	struct channel_program cp;
	union orb orb;
	double t0 = now(), t;
	long n = 0;

	memset(&orb, 0, sizeof(orb));
	orb.cmd.fmt = 1;
	orb.cmd.c64 = 1;
	orb.cmd.pfch = 1;
	orb.cmd.cpa = IOVA_BASE + OFF_CP;
	memset(&cp, 0, sizeof(cp));
	do {
		for (int i = 0; i < 64; i++, n++) {
			if (cp_init(&cp, &orb) || cp_prefetch(&cp, vdev) ||
			    cp.npinned != NCCW)
				(*errors)++;
			cp_get_orb(&cp, 1, 0x80);
			cp_free(&cp, vdev);
		}
		t = now() - t0;
	} while (t < secs);
	if (pinned)
		(*errors)++;
	return n / t;
}

/* Copies of the described data per second over about @secs seconds. */
static double copy_rate(double secs)
{
	u8 *dst = malloc(NCCW * BLK);
	double t0 = now(), t;
	long n = 0;

	do {
		for (int i = 0; i < 64; i++, n++) {
			memcpy(dst, guest + OFF_DATA, NCCW * BLK);
			/* keep the copy from being optimised away */
			__asm__ volatile("" : : "r"(dst) : "memory");
		}
		t = now() - t0;
	} while (t < secs);
	free(dst);
	return n / t;
}

int main(void)
{
	double tr, cr;
	long errors = 0;

	guest = aligned_alloc(PAGE_SIZE, GUEST_SIZE);
	if (!guest)
		return 1;
	memset(guest, 0x5a, GUEST_SIZE);
	build_program();

	/* warm up both, then measure */
	translate_rate(0.1, &errors);
	copy_rate(0.1);
	tr = translate_rate(1.0, &errors);
	cr = copy_rate(1.0);

	printf("translate %d-CCW chain (4 KiB IDAL each, %d KiB): %.0f /s, %.2f us each\n",
	       NCCW, NCCW * BLK / 1024, tr, 1e6 / tr);
	printf("memcpy of the same %d KiB:                       %.0f /s, %.2f us each\n",
	       NCCW * BLK / 1024, cr, 1e6 / cr);
	printf("translation / copy time: %.1f %% (goal <= 10 %%)\n",
	       100.0 * cr / tr);
	if (errors)
		printf("ERROR: %ld translations failed or leaked pins\n", errors);
	free(guest);
	return errors ? 1 : 0;
}

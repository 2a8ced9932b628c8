// SPDX-License-Identifier: GPL-2.0
/*
 * Channel-program translation benchmark: 255-CCW chains, each CCW
 * reading 4 KiB through a one-IDAW format-2 IDAL (1020 KiB in all),
 * translated (cp_init, cp_prefetch, cp_get_orb, cp_free) per second,
 * against memcpy() of the 1020 KiB they describe, measured in the same
 * run.  The ratio is the translation's cost as a share of copying the
 * data once (goal: at most 10 %).  The copy is cache-hot (the same
 * 1020 KiB each time), the strictest baseline.
 *
 * drivers/s390/cio/vfio_ccw_cp.c is compiled unmodified into this
 * program (tools/bench/ccw/run.sh); the VFIO core's pin and DMA-read
 * services are test doubles over one flat IOVA map, and kmalloc() is
 * malloc() (pinning costs a table look-up here, so this measures the
 * translation itself).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vfio.h>

#include "vfio_ccw_cp.h"

/* libc, declared by hand: the kernel headers above own the names */
void *malloc(size_t size);
void free(void *p);
void *aligned_alloc(size_t align, size_t size);
int printf(const char *fmt, ...);
struct timespec;
int clock_gettime(int clk, struct timespec *ts);

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

void *kmalloc(size_t size, gfp_t flags)
{
	void *p = malloc(size ? size : 1);

	if (p && (flags & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void kfree(const void *p)
{
	free((void *)p);
}

static double now(void)
{
	struct { long tv_sec, tv_nsec; } ts;

	clock_gettime(1 /* CLOCK_MONOTONIC */, (struct timespec *)&ts);
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

/* Seconds for @n translations. */
static double translate_time(int n, long *errors)
{
	struct vfio_device *vdev = (struct vfio_device *)&guest;
	struct channel_program cp;
	union orb orb;
	double t0;

	memset(&orb, 0, sizeof(orb));
	orb.cmd.fmt = 1;
	orb.cmd.c64 = 1;
	orb.cmd.pfch = 1;
	orb.cmd.cpa = IOVA_BASE + OFF_CP;
	memset(&cp, 0, sizeof(cp));
	t0 = now();
	for (int i = 0; i < n; i++) {
		if (cp_init(&cp, &orb) || cp_prefetch(&cp, vdev) ||
		    cp.npinned != NCCW)
			(*errors)++;
		cp_get_orb(&cp, 1, 0x80);
		cp_free(&cp, vdev);
	}
	t0 = now() - t0;
	if (pinned)
		(*errors)++;
	return t0;
}

/* Seconds for @n copies of the described data. */
static double copy_time(u8 *dst, int n)
{
	double t0 = now();

	for (int i = 0; i < n; i++) {
		memcpy(dst, guest + OFF_DATA, NCCW * BLK);
		/* keep the copy from being optimised away */
		__asm__ volatile("" : : "r"(dst) : "memory");
	}
	return now() - t0;
}

/*
 * The same copy from and to memory no cache holds: 1020 KiB slices of
 * two 64 MiB buffers in turn (I/O data is rarely cache-hot).
 */
#define COLD_SIZE	(64ul << 20)
#define COLD_SLICES	(COLD_SIZE / (NCCW * BLK))

static double cold_copy_time(u8 *src, u8 *dst, int n, unsigned long *slice)
{
	double t0 = now();

	for (int i = 0; i < n; i++, *slice = (*slice + 1) % COLD_SLICES) {
		memcpy(dst + *slice * NCCW * BLK, src + *slice * NCCW * BLK,
		       NCCW * BLK);
		__asm__ volatile("" : : "r"(dst) : "memory");
	}
	return now() - t0;
}

/*
 * Rounds of 32 translations and 32 copies, alternating, for about two
 * seconds; each side's best round counts, so that other load on the
 * machine (which only ever slows a round down) cancels out of the ratio.
 */
int main(void)
{
	double tr = 1e9, cr = 1e9, cc = 1e9, t, t0;
	unsigned long slice = 0;
	long errors = 0;
	int rounds = 0;
	u8 *dst, *csrc, *cdst;

	guest = aligned_alloc(PAGE_SIZE, GUEST_SIZE);
	dst = malloc(NCCW * BLK);
	csrc = malloc(COLD_SIZE);
	cdst = malloc(COLD_SIZE);
	if (!guest || !dst || !csrc || !cdst)
		return 1;
	memset(guest, 0x5a, GUEST_SIZE);
	memset(dst, 0, NCCW * BLK);
	memset(csrc, 0x5a, COLD_SIZE);
	memset(cdst, 0, COLD_SIZE);
	build_program();

	t0 = now();
	do {
		t = translate_time(32, &errors) / 32;
		tr = t < tr ? t : tr;
		t = copy_time(dst, 32) / 32;
		cr = t < cr ? t : cr;
		rounds++;
	} while (now() - t0 < 2.0);
	/* apart: it would evict the translation's data too */
	t0 = now();
	do {
		t = cold_copy_time(csrc, cdst, 8, &slice) / 8;
		cc = t < cc ? t : cc;
	} while (now() - t0 < 1.0);

	printf("translate %d-CCW chain (4 KiB IDAL each, %d KiB): %.2f us (%.0f /s)\n",
	       NCCW, NCCW * BLK / 1024, tr * 1e6, 1 / tr);
	printf("memcpy of the same %d KiB:                       %.2f us (%.0f /s)\n",
	       NCCW * BLK / 1024, cr * 1e6, 1 / cr);
	printf("memcpy of 1020 KiB, not in any cache:            %.2f us (%.0f /s)\n",
	       cc * 1e6, 1 / cc);
	printf("translation / copy time: %.1f %% (cache-hot copy), %.1f %% (cold copy); goal <= 10 %%; best of %d rounds each\n",
	       100.0 * tr / cr, 100.0 * tr / cc, rounds);
	if (errors)
		printf("ERROR: %ld translations failed or leaked pins\n", errors);
	free(cdst);
	free(csrc);
	free(dst);
	free(guest);
	return errors ? 1 : 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Channel subsystem benchmarks, through the cio interface as a driver
 * uses it (start with ssch, completion by the driver's irq handler):
 *
 *  1. channel programs per second on null devices (one NOP each, no
 *     latency), two submitters, with 1 and then 2 channel threads;
 *  2. full-track reads of a dasdinit -linux 3390 image through channel
 *     programs (Define Extent, Locate Record, Read Track) against raw
 *     pread() of the same track slots from the image file.
 *
 * Ratios are against baselines measured in the same run; no thresholds.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../testing/cio/cio_util.h"

#define HEADS	15
#define SLOT	56832

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct submitter {
	int nr;
	int count;
	struct ccw1 *ccw;
	int errors;
};

static void *submit(void *arg)
{
	struct submitter *s = arg;
	struct irb irb;
	int i;

	for (i = 0; i < s->count; i++) {
		if (t_start(s->nr, s->ccw, NULL) || !t_wait_irb(s->nr, &irb,
								  5000) ||
		    irb.scsw.cmd.cstat)
			s->errors++;
	}
	return NULL;
}

static double null_rate(int threads, int count)
{
	struct submitter s[2];
	pthread_t t[2];
	double t0, dt;
	int i;

	if (um_css_set_channel_threads(threads))
		return -1;
	for (i = 0; i < 2; i++) {
		s[i].nr = i;
		s[i].count = count;
		s[i].errors = 0;
		s[i].ccw = um_css_dma_alloc(4096, false);
		t_ccw(s[i].ccw, CCW_CMD_NOOP, CCW_FLAG_SLI, 0, NULL);
	}
	t0 = now();
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, submit, &s[i]);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	dt = now() - t0;
	for (i = 0; i < 2; i++) {
		if (s[i].errors)
			return -1;
		um_css_dma_free(s[i].ccw);
	}
	return 2.0 * count / dt;
}

static void be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* read @tracks tracks of subchannel 2 through channel programs */
static double dasd_rate(int tracks, u8 *buf)
{
	struct ccw1 *c = um_css_dma_alloc(4096, false);
	u8 *de = (u8 *)(c + 8), *lr = de + 16;
	struct irb irb;
	double t0;
	int trk;

	t0 = now();
	for (trk = 0; trk < tracks; trk++) {
		memset(de, 0, 32);
		de[0] = 1 << 6;			/* read only */
		be16(de + 8, trk / HEADS);
		be16(de + 10, trk % HEADS);
		be16(de + 12, trk / HEADS);
		be16(de + 14, trk % HEADS);
		lr[0] = 0x0c;			/* read tracks */
		lr[3] = 1;
		be16(lr + 4, trk / HEADS);
		be16(lr + 6, trk % HEADS);
		be16(lr + 8, trk / HEADS);
		be16(lr + 10, trk % HEADS);
		t_ccw(&c[0], 0x63, CCW_FLAG_CC, 16, de);
		t_ccw(&c[1], 0x47, CCW_FLAG_CC, 16, lr);
		t_ccw(&c[2], 0xde, CCW_FLAG_SLI, SLOT, buf);
		if (t_start(2, c, NULL) || !t_wait_irb(2, &irb, 5000) ||
		    irb.scsw.cmd.cstat || irb.scsw.cmd.dstat != T_CEDE)
			return -1;
	}
	return tracks / (now() - t0);
}

static double pread_rate(const char *path, int tracks, u8 *buf)
{
	int fd = open(path, O_RDONLY), trk;
	double t0;

	if (fd < 0)
		return -1;
	t0 = now();
	for (trk = 0; trk < tracks; trk++)
		if (pread(fd, buf, SLOT, 512 + (off_t)trk * SLOT) != SLOT)
			return -1;
	close(fd);
	return tracks / (now() - t0);
}

int main(void)
{
	static const u8 chps[] = { 0x40 };
	char dir[] = "/tmp/css_bench.XXXXXX", path[64], cmd[160], err[256];
	double r1, r2, rd, rp;
	int i, cyls = 20, tracks = cyls * HEADS, n = 20000;
	struct um_css_dev *dasd;
	u8 *buf;

	um_kernel_init();
	um_css_add_chpid(0x40, true);
	for (i = 0; i < 2; i++)
		um_css_add_subchannel(0x100 + i, um_nulldev_create(0, 0),
				      chps, 1);
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/b.3390", dir);
	snprintf(cmd, sizeof(cmd),
		 "dasdinit -linux %s 3390 BENCH1 %d >/dev/null 2>&1", path,
		 cyls);
	dasd = system(cmd) ? NULL : um_dasd3390_create(path, err, sizeof(err));
	if (dasd)
		um_css_add_subchannel(0x200, dasd, chps, 1);
	if (um_cio_scan() || css_driver_register(&t_driver))
		return 1;
	for (i = 0; i < um_cio_nr_sch(); i++)
		if (um_css_bind(um_cio_sch(i), "css_test"))
			return 1;

	null_rate(1, 2000);	/* warm up */
	r1 = null_rate(1, n);
	r2 = null_rate(2, n);
	printf("null device, NOP programs, 2 submitters:\n");
	printf("  1 channel thread:  %10.0f programs/s\n", r1);
	printf("  2 channel threads: %10.0f programs/s  (%.2fx of 1 thread)\n",
	       r2, r2 / r1);
	if (!dasd) {
		printf("3390: skipped (dasdinit missing)\n");
		return r1 > 0 && r2 > 0 ? 0 : 1;
	}
	um_css_set_channel_threads(1);
	buf = um_css_dma_alloc(SLOT, false);
	pread_rate(path, tracks, buf);	/* warm the page cache */
	rp = pread_rate(path, tracks, buf);
	rd = dasd_rate(tracks, buf);
	printf("3390 full-track reads (%d tracks, %d bytes of records each):\n",
	       tracks, 12 * (8 + 4096));
	printf("  raw pread of the slots: %10.0f tracks/s  (%.0f MB/s)\n",
	       rp, rp * SLOT / 1e6);
	printf("  channel programs:       %10.0f tracks/s  (%.0f MB/s, %.2fx of pread)\n",
	       rd, rd * SLOT / 1e6, rd / rp);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		return 1;
	return r1 > 0 && r2 > 0 && rd > 0 && rp > 0 ? 0 : 1;
}

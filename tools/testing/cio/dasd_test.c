// SPDX-License-Identifier: GPL-2.0
/*
 * The 3390 on images made by Debian's dasdinit, through the cio
 * interface: the VOL1 label of a -linux image, blocks, write then read
 * back (checked again by a reader of the image file that shares no code
 * with the device), extent and permission checks, full-track reads,
 * format writes, refused images, and a process killed while writing.
 */
#include "kselftest_harness.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cio_util.h"

#define SLOT	56832
#define HEADS	15

struct prog {
	struct ccw1 *ccw;
	u8 *data;
	int n;			/* CCWs so far */
	u32 used;		/* data bytes so far */
};

static struct prog *prog_new(void)
{
	static struct prog p;
	u8 *mem = p.ccw ? (u8 *)p.ccw : um_css_dma_alloc(1 << 20, false);

	p.ccw = (struct ccw1 *)mem;
	p.data = mem + 4096;
	p.n = 0;
	p.used = 0;
	return &p;
}

/* append a CCW; its data (@len bytes, copied from @src if given) */
static u8 *add(struct prog *p, u8 cmd, u8 flags, u32 len, const void *src)
{
	u8 *d = p->data + p->used;

	if (p->n && p->ccw[p->n - 1].cmd_code != CCW_CMD_TIC)
		p->ccw[p->n - 1].flags |= CCW_FLAG_CC;
	if (src)
		memcpy(d, src, len);
	t_ccw(&p->ccw[p->n++], cmd, flags, len, len ? d : NULL);
	p->used += (len + 7) & ~7u;
	return d;
}

static void be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* Define Extent: permission (0 inhibit..3 all), extent in tracks */
static void de(struct prog *p, u8 perm, int beg, int end)
{
	u8 d[16] = { perm << 6 };

	be16(d + 8, beg / HEADS);
	be16(d + 10, beg % HEADS);
	be16(d + 12, end / HEADS);
	be16(d + 14, end % HEADS);
	add(p, 0x63, 0, 16, d);
}

/* Locate Record: @op (0x06 read, 0x01 write, 0x03 format), @count */
static void lr(struct prog *p, u8 op, u8 count, int trk, u8 rec, u16 len)
{
	u8 d[16] = { op, 0, 0, count };

	be16(d + 4, trk / HEADS);
	be16(d + 6, trk % HEADS);
	be16(d + 8, trk / HEADS);
	be16(d + 10, trk % HEADS);
	d[12] = rec;
	be16(d + 14, len);
	add(p, 0x47, 0, 16, d);
}

static int run(struct prog *p, struct irb *irb)
{
	if (t_start(0, p->ccw, NULL))
		return -1;
	return t_wait_irb(0, irb, 10000) ? 0 : -2;
}

static char dir[64];

static const char *image(const char *name, const char *opts, int cyls)
{
	static char path[128];
	char cmd[512];

	if (!dir[0]) {
		strcpy(dir, "/tmp/dasd_test.XXXXXX");
		if (!mkdtemp(dir))
			return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(cmd, sizeof(cmd),
		 "dasdinit %s %s 3390 VOL001 %d >/dev/null 2>&1", opts, path,
		 cyls);
	if (system(cmd))
		return NULL;
	return path;
}

static struct um_css_dev *open_image(const char *path)
{
	char err[256];
	struct um_css_dev *d = um_dasd3390_create(path, err, sizeof(err));

	if (!d)
		fprintf(stderr, "# %s\n", err);
	return d;
}

/* the independent reader: record @r of track @trk, straight from the file */
static int file_record(const char *path, int trk, int r, u8 *data, u32 *dl)
{
	u8 slot[SLOT];
	u32 off = 5;
	int fd = open(path, O_RDONLY), ok = -1;

	if (fd < 0)
		return -1;
	if (pread(fd, slot, SLOT, 512 + (off_t)trk * SLOT) != SLOT)
		goto out;
	while (off + 8 <= SLOT) {
		u8 *c = slot + off;
		u32 kl = c[5], len = c[6] << 8 | c[7];

		if (!memcmp(c, "\xff\xff\xff\xff\xff\xff\xff\xff", 8))
			break;
		if (c[4] == r) {
			memcpy(data, c + 8 + kl, len);
			*dl = len;
			ok = 0;
			break;
		}
		off += 8 + kl + len;
	}
out:
	close(fd);
	return ok;
}

#define SKIP_NO_DASDINIT(path) \
	do { if (!(path)) SKIP(return, "dasdinit (package hercules) missing"); } while (0)

static const u8 ebcdic_vol1[] = { 0xe5, 0xd6, 0xd3, 0xf1 };
static const u8 ebcdic_vol001[] = { 0xe5, 0xd6, 0xd3, 0xf0, 0xf0, 0xf1 };

TEST(vol1_label_locate_record)
{
	const char *path = image("l.3390", "-linux", 3);
	struct prog *p;
	struct irb irb;
	u8 *buf, *id;

	SKIP_NO_DASDINIT(path);
	ASSERT_EQ(0, t_machine_dev(open_image(path)));
	p = prog_new();
	/* Sense ID: 3990 control unit, 3390 device */
	id = add(p, CCW_CMD_SENSE_ID, CCW_FLAG_SLI, 16, NULL);
	de(p, 1, 0, 3 * HEADS - 1);
	lr(p, 0x06, 1, 0, 3, 80);
	buf = add(p, 0x86, 0, 80, NULL);	/* read data, multi-track */
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(T_CEDE, (u32)irb.scsw.cmd.dstat);
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(0xff, id[0]);
	EXPECT_EQ(0x39, id[1]);
	EXPECT_EQ(0x33, id[4]);
	EXPECT_EQ(0x90, id[5]);
	EXPECT_EQ(0, memcmp(buf, ebcdic_vol1, 4));
	EXPECT_EQ(0, memcmp(buf + 4, ebcdic_vol001, 6));
	/* key and data, as Linux reads the CDL's label records */
	p = prog_new();
	de(p, 1, 0, 3 * HEADS - 1);
	lr(p, 0x06, 1, 0, 3, 84);
	buf = add(p, 0x8e, 0, 84, NULL);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(0, memcmp(buf, ebcdic_vol1, 4));	/* key */
	EXPECT_EQ(0, memcmp(buf + 4, ebcdic_vol1, 4));	/* data */
	/* device characteristics, configuration data, sense */
	p = prog_new();
	buf = add(p, 0x64, 0, 64, NULL);		/* RDC */
	id = add(p, 0xfa, 0, 256, NULL);		/* RCD */
	add(p, CCW_CMD_BASIC_SENSE, 0, 32, NULL);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(0x3390, buf[3] << 8 | buf[4]);	/* device type */
	EXPECT_EQ(3, buf[12] << 8 | buf[13]);		/* cylinders */
	EXPECT_EQ(15, buf[14] << 8 | buf[15]);		/* heads */
	EXPECT_EQ(3, buf[63]);				/* long cylinders */
	EXPECT_EQ(0xf3, id[7]);				/* "003390" */
}

TEST(vol1_label_search_loop)
{
	const char *path = image("s.3390", "-linux", 3);
	u8 seekad[6] = { 0 }, id[5] = { 0, 0, 0, 0, 3 };
	struct prog *p;
	struct irb irb;
	u8 *buf, *cnt;

	SKIP_NO_DASDINIT(path);
	ASSERT_EQ(0, t_machine_dev(open_image(path)));
	p = prog_new();
	add(p, 0x07, 0, 6, seekad);			/* seek 0/0 */
	add(p, 0x31, 0, 5, id);				/* search R3 */
	t_ccw(&p->ccw[p->n], CCW_CMD_TIC, 0, 0, &p->ccw[p->n - 1]);
	p->ccw[p->n - 1].flags |= CCW_FLAG_CC;
	p->n++;
	buf = add(p, 0x06, 0, 80, NULL);		/* read data */
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(T_CEDE, (u32)irb.scsw.cmd.dstat);
	EXPECT_EQ(0, memcmp(buf, ebcdic_vol1, 4));
	/* Read Count of the records: R0, R1 (IPL1, KL 4, DL 24) */
	p = prog_new();
	add(p, 0x07, 0, 6, seekad);
	add(p, 0x16, 0, 16, NULL);			/* read R0 */
	cnt = add(p, 0x12, 0, 8, NULL);			/* count of R1 */
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(1, cnt[4]);
	EXPECT_EQ(4, cnt[5]);
	EXPECT_EQ(24, cnt[7]);
	/* a search for a record that is not there: no record found */
	p = prog_new();
	id[4] = 77;
	add(p, 0x07, 0, 6, seekad);
	add(p, 0x31, 0, 5, id);
	t_ccw(&p->ccw[p->n], CCW_CMD_TIC, 0, 0, &p->ccw[p->n - 1]);
	p->ccw[p->n - 1].flags |= CCW_FLAG_CC;
	p->n++;
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_NE(0, (u32)irb.scsw.cmd.dstat & DEV_STAT_UNIT_CHECK);
	EXPECT_EQ(SNS1_NO_REC_FOUND, irb.ecw[1]);
}

TEST(write_then_read_back)
{
	const char *path = image("w.3390", "-linux", 3);
	u8 *out, *in, check[4096];
	struct prog *p;
	struct irb irb;
	u32 dl;
	int i, r;

	SKIP_NO_DASDINIT(path);
	ASSERT_EQ(0, t_machine_dev(open_image(path)));
	/* track 17 (cyl 1 head 2), records 4..6 */
	p = prog_new();
	de(p, 2, 17, 17);
	lr(p, 0x01, 3, 17, 4, 4096);
	for (r = 0; r < 3; r++) {
		out = add(p, 0x85, 0, 4096, NULL);
		for (i = 0; i < 4096; i++)
			out[i] = (u8)(i * 13 + r * 101 + 7);
	}
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(T_CEDE, (u32)irb.scsw.cmd.dstat);
	/* read them back through a channel program */
	p = prog_new();
	de(p, 1, 17, 17);
	lr(p, 0x06, 3, 17, 4, 4096);
	in = add(p, 0x86, 0, 4096, NULL);
	add(p, 0x86, 0, 4096, NULL);
	add(p, 0x86, 0, 4096, NULL);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	for (r = 0; r < 3; r++) {
		for (i = 0; i < 4096; i++)
			if (in[r * 4096 + i] != (u8)(i * 13 + r * 101 + 7))
				break;
		EXPECT_EQ(4096, i);
	}
	/* and from the file, by a reader that shares nothing with the device */
	for (r = 0; r < 3; r++) {
		ASSERT_EQ(0, file_record(path, 17, 4 + r, check, &dl));
		EXPECT_EQ(4096, dl);
		EXPECT_EQ(0, memcmp(check, in + r * 4096, 4096));
	}
	/* the neighbours are untouched (dasdinit writes zeros) */
	ASSERT_EQ(0, file_record(path, 17, 3, check, &dl));
	for (i = 0; i < 4096 && !check[i]; i++)
		;
	EXPECT_EQ(4096, i);
}

TEST(extent_and_permission_checks)
{
	const char *path = image("x.3390", "-linux", 3);
	struct prog *p;
	struct irb irb;

	SKIP_NO_DASDINIT(path);
	ASSERT_EQ(0, t_machine_dev(open_image(path)));
	/* write under a read-only extent: file protected */
	p = prog_new();
	de(p, 1, 17, 17);
	lr(p, 0x01, 1, 17, 4, 4096);
	add(p, 0x85, 0, 4096, NULL);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(T_CEDE | DEV_STAT_UNIT_CHECK, (u32)irb.scsw.cmd.dstat);
	EXPECT_EQ(SNS1_FILE_PROTECTED, irb.ecw[1]);
	/* locate outside the extent */
	p = prog_new();
	de(p, 1, 17, 18);
	lr(p, 0x06, 1, 19, 1, 4096);
	add(p, 0x86, 0, 4096, NULL);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(SNS1_FILE_PROTECTED, irb.ecw[1]);
	/* reading on past the extent's last track */
	p = prog_new();
	de(p, 1, 17, 17);
	lr(p, 0x06, 13, 17, 1, 4096);
	for (int i = 0; i < 13; i++)
		add(p, 0x86, 0, 4096, NULL);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_NE(0, (u32)irb.scsw.cmd.dstat & DEV_STAT_UNIT_CHECK);
	EXPECT_EQ(SNS1_FILE_PROTECTED, irb.ecw[1]);
	EXPECT_EQ(um_css_addr(&p->ccw[15]), (u32)irb.scsw.cmd.cpa);
	/* Locate Record without Define Extent; two Define Extents; PSF */
	p = prog_new();
	lr(p, 0x06, 1, 17, 1, 4096);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(SNS0_CMD_REJECT, irb.ecw[0]);
	p = prog_new();
	de(p, 1, 0, 1);
	de(p, 1, 0, 1);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(SNS0_CMD_REJECT, irb.ecw[0]);
	p = prog_new();
	add(p, 0x27, 0, 16, NULL);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(SNS0_CMD_REJECT, irb.ecw[0]);
	/* an extent beyond the volume */
	p = prog_new();
	de(p, 1, 0, 3 * HEADS);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(SNS0_CMD_REJECT, irb.ecw[0]);
}

TEST(read_track_and_format)
{
	const char *path = image("t.3390", "-linux", 3);
	u8 ckd[8 + 512], *trk, *back;
	struct prog *p;
	struct irb irb;
	u32 dl;

	SKIP_NO_DASDINIT(path);
	ASSERT_EQ(0, t_machine_dev(open_image(path)));
	/* full track: 12 records of count + 4096 */
	p = prog_new();
	de(p, 1, 20, 20);
	lr(p, 0x0c, 1, 20, 0, 0);
	trk = add(p, 0xde, 0, 12 * (8 + 4096), NULL);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(0, (u32)irb.scsw.cmd.count);
	EXPECT_EQ(1, trk[4]);			/* R1's count */
	EXPECT_EQ(0x10, trk[6]);		/* DL 4096 */
	EXPECT_EQ(12, trk[11 * (8 + 4096) + 4]);	/* R12 */
	/* format track 21: one record of 512 after R0 */
	memset(ckd, 0x3c, sizeof(ckd));
	ckd[0] = 0; ckd[1] = 1; ckd[2] = 0; ckd[3] = 6; ckd[4] = 1;
	ckd[5] = 0; ckd[6] = 2; ckd[7] = 0;
	p = prog_new();
	de(p, 2, 21, 21);			/* update only: refused */
	lr(p, 0x03, 1, 21, 0, 512);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(SNS1_FILE_PROTECTED, irb.ecw[1]);
	p = prog_new();
	de(p, 3, 21, 21);
	lr(p, 0x03, 1, 21, 0, 512);
	add(p, 0x1d, 0, sizeof(ckd), ckd);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(T_CEDE, (u32)irb.scsw.cmd.dstat);
	p = prog_new();
	de(p, 1, 21, 21);
	lr(p, 0x16, 1, 21, 1, 512);
	back = add(p, 0x1e, 0, 8 + 512, NULL);	/* read CKD */
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(0, memcmp(back, ckd, sizeof(ckd)));
	/* Write R0 rewrites record zero and erases the track after it */
	p = prog_new();
	memset(ckd, 0, 16);
	ckd[1] = 1; ckd[3] = 7; ckd[7] = 8;		/* CC 1 HH 7 R0 DL 8 */
	ckd[15] = 0x77;
	de(p, 3, 22, 22);
	lr(p, 0xc3, 1, 22, 0, 8);
	add(p, 0x15, 0, 16, ckd);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(-1, file_record(path, 22, 1, back, &dl));
	ASSERT_EQ(0, file_record(path, 22, 0, back, &dl));
	EXPECT_EQ(8, dl);
	EXPECT_EQ(0x77, back[7]);
	/* R2 is gone: the format erased the rest of the track */
	EXPECT_EQ(-1, file_record(path, 21, 2, ckd, &dl));
	ASSERT_EQ(0, file_record(path, 21, 1, ckd, &dl));
	EXPECT_EQ(512, dl);
	EXPECT_EQ(0x3c, ckd[511]);
}

TEST(plain_image_has_empty_tracks)
{
	const char *path = image("p.3390", "", 2);
	struct prog *p;
	struct irb irb;
	u8 *buf;

	SKIP_NO_DASDINIT(path);
	ASSERT_EQ(0, t_machine_dev(open_image(path)));
	/* track 0 still has the label (R3 key VOL1) */
	p = prog_new();
	de(p, 1, 0, 2 * HEADS - 1);
	lr(p, 0x06, 1, 0, 3, 80);
	buf = add(p, 0x86, 0, 80, NULL);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(0, (u32)irb.scsw.cmd.cstat);
	EXPECT_EQ(0, memcmp(buf, ebcdic_vol1, 4));
	/* track 1 has only R0 */
	p = prog_new();
	de(p, 1, 0, 2 * HEADS - 1);
	lr(p, 0x06, 1, 1, 1, 4096);
	ASSERT_EQ(0, run(p, &irb));
	EXPECT_EQ(SNS1_NO_REC_FOUND, irb.ecw[1]);
}

TEST(refused_images)
{
	const char *z = image("z.3390", "-z", 1);
	char err[256], path[128], hdr[512];
	int fd;

	SKIP_NO_DASDINIT(z);
	EXPECT_EQ(NULL, um_dasd3390_create(z, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "compressed"));
	EXPECT_EQ(NULL, um_dasd3390_create("/nonexistent.3390", err,
					   sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "cannot open"));
	/* truncated in the middle of a cylinder */
	snprintf(path, sizeof(path), "%s/cut.3390", dir);
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	memset(hdr, 0, sizeof(hdr));
	memcpy(hdr, "CKD_P370\x0f\0\0\0\0\xde\0\0\x90", 17);
	ASSERT_EQ(512, write(fd, hdr, 512));
	ASSERT_EQ(0, ftruncate(fd, 512 + SLOT * 3));
	close(fd);
	EXPECT_EQ(NULL, um_dasd3390_create(path, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "whole number of cylinders"));
	/* not a CKD image at all */
	EXPECT_EQ(NULL, um_dasd3390_create("/etc/hostname", err,
					   sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "not a CKD image"));
}

/*
 * A process writing track after track is killed; afterwards every track
 * but the one being written holds exactly what it held before or what
 * was written to it whole.
 */
TEST(killed_writer_leaves_other_tracks)
{
	const char *path = image("k.3390", "-linux", 2);
	static u8 before[30][SLOT], after[SLOT];
	int fd, trk, status, torn = 0, written = 0, i, sync[2];
	pid_t pid;
	char c;

	SKIP_NO_DASDINIT(path);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	for (trk = 0; trk < 30; trk++)
		ASSERT_EQ(SLOT, pread(fd, before[trk], SLOT,
				      512 + (off_t)trk * SLOT));
	ASSERT_EQ(0, pipe(sync));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct prog *p;
		struct irb irb;
		bool told = false;

		close(sync[0]);
		if (t_machine_dev(open_image(path)))
			_exit(2);
		for (;;) {
			for (trk = 2; trk < 30; trk++) {
				p = prog_new();
				de(p, 2, trk, trk);
				lr(p, 0x01, 12, trk, 1, 4096);
				for (i = 0; i < 12; i++)
					memset(add(p, 0x85, 0, 4096, NULL),
					       trk, 4096);
				if (run(p, &irb))
					_exit(3);
				/* tell the parent once a track is written */
				if (!told && write(sync[1], "w", 1) == 1)
					told = true;
			}
		}
	}
	close(sync[1]);
	/* kill it in the middle of its writing */
	ASSERT_EQ(1, read(sync[0], &c, 1));
	usleep(20 * 1000);
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSIGNALED(status));
	for (trk = 0; trk < 30; trk++) {
		bool same, full = true;
		u8 *rec;

		ASSERT_EQ(SLOT, pread(fd, after, SLOT,
				      512 + (off_t)trk * SLOT));
		same = !memcmp(after, before[trk], SLOT);
		/* written whole: every record's data is the track number */
		for (i = 0; i < 12 && full; i++) {
			rec = after + 5 + 16 + i * (8 + 4096) + 8;
			full = rec[0] == trk && rec[4095] == trk &&
			       !memcmp(rec, rec + 1, 4095);
		}
		if (!same && !full)
			torn++;
		written += full;
		if (trk < 2)
			EXPECT_TRUE(same);
	}
	/* at most the one slot in flight may be mixed */
	EXPECT_GE(1, torn);
	EXPECT_LE(1, written);
	close(fd);
}

TEST_HARNESS_MAIN

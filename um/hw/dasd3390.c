// SPDX-License-Identifier: GPL-2.0
/*
 * A 3390 ECKD DASD on a Hercules CKD image ("CKD_P370", as Debian's
 * dasdinit writes it).  The image: a 512-byte device header (heads and
 * track size little-endian), then one fixed-size slot per track,
 * cylinder-major; in a slot the home address, R0 and the records as
 * count (CCHHR KL DL, big-endian) + key + data, then 8 bytes of 0xFF.
 * Compressed (CCKD) images are refused.
 *
 * The device keeps one track in a buffer.  Every write command rewrites
 * the whole slot of its track with one pwrite, so a process killed in
 * the middle never touches another track.  Commands (the ones Linux's
 * ECKD driver and classic search loops use): Sense ID, Sense, RDC, RCD,
 * Define Extent, Locate Record, Seek, Search ID Equal, Read Count,
 * Read/Write Data, Read/Write Key and Data (the CDL's labels), Read and
 * Write Record Zero, Read Track, Read/Write CKD; the
 * multi-track (0x80) forms read on into the next track of the extent.
 * PSF and RSSD are rejected (the driver copes).  Violations end in unit
 * check with sense: command reject, file protected, no record found,
 * end of cylinder, equipment check.
 *
 * The device state (position, extent) is the channel program's: reset
 * at each start; one program at a time per device (its subchannel).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>
#include <asm/cio.h>

#include "css_dev.h"
#include "host.h"

#define HDR_SIZE	512
#define HEADS		15
#define SLOT_SIZE	56832
#define MAX_R1_DATA	56664
#define MAX_RECS	256

/* ECKD command codes (without the multi-track bit 0x80) */
#define CMD_WRITE_DATA	0x05
#define CMD_WRITE_KD	0x0d
#define CMD_READ_KD	0x0e
#define CMD_WRITE_R0	0x15
#define CMD_READ_DATA	0x06
#define CMD_SEEK	0x07
#define CMD_READ_COUNT	0x12
#define CMD_READ_R0	0x16
#define CMD_WRITE_CKD	0x1d
#define CMD_READ_CKD	0x1e
#define CMD_PSF		0x27
#define CMD_SEARCH_EQ	0x31
#define CMD_RSSD	0x3e
#define CMD_LR		0x47
#define CMD_DE		0x63
#define CMD_RDC		0x64
#define CMD_READ_TRACK	0xde
#define CMD_RCD		0xfa

struct dasd {
	struct um_css_dev dev;
	int fd;
	bool writable;
	u32 cyls;
	u8 trk[SLOT_SIZE];
	int trk_no;		/* track in trk[], -1: none */
	/* record table of trk[] */
	int nrec;
	u32 rec_off[MAX_RECS];
	/* the program's state */
	int cur_trk;		/* positioned track, -1: none */
	int rec;		/* next record index (0 = R0) */
	bool after_count;	/* the count of record @rec was passed */
	int index_passes;	/* search: index points passed */
	bool de;		/* Define Extent seen */
	u8 perm;		/* DE write permission (0..3) */
	int ext_beg, ext_end;	/* extent, in tracks */
	int lr_count;		/* records left of the Locate Record, -1 */
};

static u32 rec_kl(struct dasd *d, int i)
{
	return d->trk[d->rec_off[i] + 5];
}

static u32 rec_dl(struct dasd *d, int i)
{
	return get_unaligned_be16(&d->trk[d->rec_off[i] + 6]);
}

static u8 *rec_count(struct dasd *d, int i)
{
	return &d->trk[d->rec_off[i]];
}

/* build the record table; false if the slot is not a valid track */
static bool parse_track(struct dasd *d)
{
	u32 off = 5;		/* after the home address */

	d->nrec = 0;
	while (off + 8 <= SLOT_SIZE) {
		u8 *c = &d->trk[off];

		if (get_unaligned_be64(c) == ~0ull)
			return d->nrec > 0;
		if (d->nrec == MAX_RECS)
			return false;
		d->rec_off[d->nrec++] = off;
		off += 8 + c[5] + get_unaligned_be16(c + 6);
	}
	return false;
}

static u8 equipment_check(struct dasd *d)
{
	return um_dev_unit_check(&d->dev, SNS0_EQUIPMENT_CHECK, 0);
}

static int load_track(struct dasd *d, int trk)
{
	int ret;

	if (d->trk_no == trk)
		return 0;
	d->trk_no = -1;
	ret = um_host_file_pread(d->fd, d->trk, SLOT_SIZE,
				 HDR_SIZE + (long long)trk * SLOT_SIZE);
	if (ret || !parse_track(d))
		return -EIO;
	d->trk_no = trk;
	return 0;
}

static int store_track(struct dasd *d)
{
	return um_host_file_pwrite(d->fd, d->trk, SLOT_SIZE,
				   HDR_SIZE + (long long)d->trk_no * SLOT_SIZE);
}

static int ntracks(struct dasd *d)
{
	return d->cyls * HEADS;
}

/* move to @trk (Seek, Locate Record, multi-track); 0 or device status */
static u8 seek(struct dasd *d, u32 cyl, u32 head)
{
	int trk = cyl * HEADS + head;

	if (head >= HEADS || cyl >= d->cyls)
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	if (d->de && (trk < d->ext_beg || trk > d->ext_end))
		return um_dev_unit_check(&d->dev, 0, SNS1_FILE_PROTECTED);
	if (load_track(d, trk))
		return equipment_check(d);
	d->cur_trk = trk;
	d->rec = 0;
	d->after_count = false;
	d->index_passes = 0;
	return 0;
}

/* the record the next data command works on (multi-track: next track) */
static u8 next_record(struct dasd *d, bool mt, int *idx)
{
	u8 st;

	if (d->cur_trk < 0)
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	if (d->lr_count == 0)
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	if (d->after_count) {
		*idx = d->rec;
		return 0;
	}
	if (d->rec >= d->nrec) {
		int trk = d->cur_trk + 1;

		if (!mt || trk >= ntracks(d))
			return um_dev_unit_check(&d->dev, 0,
						 SNS1_NO_REC_FOUND);
		st = seek(d, trk / HEADS, trk % HEADS);
		if (st)
			return st;
		d->rec = 1;	/* multi-track goes on after R0 */
		if (d->rec >= d->nrec)
			return um_dev_unit_check(&d->dev, 0,
						 SNS1_NO_REC_FOUND);
	}
	*idx = d->rec;
	return 0;
}

/* done with record @idx */
static void record_done(struct dasd *d, int idx)
{
	d->rec = idx + 1;
	d->after_count = false;
	if (d->lr_count > 0)
		d->lr_count--;
}

static u8 ok(int n)
{
	return n < 0 ? DEV_STAT_CHN_END : DEV_STAT_CHN_END | DEV_STAT_DEV_END;
}

static u8 do_define_extent(struct dasd *d, struct um_ccw_io *io)
{
	u8 de[16];
	u32 bc, bh, ec, eh;

	if (d->de)	/* one Define Extent per program */
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	if (um_ccw_xfer(io, de, sizeof(de)) != sizeof(de))
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	bc = get_unaligned_be16(de + 8);
	bh = get_unaligned_be16(de + 10);
	ec = get_unaligned_be16(de + 12);
	eh = get_unaligned_be16(de + 14);
	if (bh >= HEADS || eh >= HEADS || ec >= d->cyls ||
	    bc * HEADS + bh > ec * HEADS + eh)
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	d->de = true;
	d->perm = de[0] >> 6;
	d->ext_beg = bc * HEADS + bh;
	d->ext_end = ec * HEADS + eh;
	return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
}

static u8 do_locate_record(struct dasd *d, struct um_ccw_io *io)
{
	u8 lr[16], op, st;
	int i;

	if (!d->de)	/* Locate Record needs a Define Extent first */
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	if (um_ccw_xfer(io, lr, sizeof(lr)) != sizeof(lr))
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	op = lr[0] & 0x3f;
	if (!lr[3])
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	if ((op == 0x01 && d->perm < 2) || (op == 0x03 && d->perm != 3))
		return um_dev_unit_check(&d->dev, 0, SNS1_FILE_PROTECTED);
	st = seek(d, get_unaligned_be16(lr + 4), get_unaligned_be16(lr + 6));
	if (st)
		return st;
	d->lr_count = lr[3];
	if ((lr[0] >> 6) == 1) {
		/* oriented to the home address: R0 is next */
		d->lr_count = -1;
		return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
	}
	/* search: the record with the search id (CCHH R) */
	for (i = 0; i < d->nrec; i++)
		if (!memcmp(rec_count(d, i), lr + 8, 5))
			break;
	if (i == d->nrec)
		return um_dev_unit_check(&d->dev, 0, SNS1_NO_REC_FOUND);
	/* format writes go after the record found; others work on it */
	d->rec = op == 0x03 ? i + 1 : i;
	d->after_count = false;
	return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
}

static u8 do_search(struct dasd *d, struct um_ccw_io *io)
{
	u8 id[5];

	if (d->cur_trk < 0)
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	if (um_ccw_xfer(io, id, sizeof(id)) != sizeof(id))
		return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
	/* the next count field under the head */
	if (d->after_count)
		d->rec++;
	if (d->rec >= d->nrec) {
		if (++d->index_passes >= 2)
			return um_dev_unit_check(&d->dev, 0,
						 SNS1_NO_REC_FOUND);
		d->rec = 0;
	}
	d->after_count = true;
	if (!memcmp(rec_count(d, d->rec), id, 5))
		return DEV_STAT_CHN_END | DEV_STAT_DEV_END |
		       DEV_STAT_STAT_MOD;
	return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
}

/* write the record's data (Write Data) or key and data, and the slot */
static u8 do_write_data(struct dasd *d, struct um_ccw_io *io, bool mt,
			bool key)
{
	u8 buf[255 + MAX_R1_DATA];
	int idx, n;
	u32 dl;
	u8 st;

	if (!d->writable || (d->de && d->perm < 2))
		return um_dev_unit_check(&d->dev, 0, SNS1_FILE_PROTECTED);
	st = next_record(d, mt, &idx);
	if (st)
		return st;
	if (idx == 0 && d->lr_count >= 0 && d->de)
		return um_dev_unit_check(&d->dev, 0, SNS1_FILE_PROTECTED);
	dl = rec_dl(d, idx) + (key ? rec_kl(d, idx) : 0);
	n = um_ccw_xfer(io, buf, dl);
	if (n < 0)
		return DEV_STAT_CHN_END;
	/* a short transfer pads with zeros, as the control unit does */
	memset(buf + n, 0, dl - n);
	memcpy(rec_count(d, idx) + 8 + (key ? 0 : rec_kl(d, idx)), buf, dl);
	if (store_track(d)) {
		d->trk_no = -1;
		return equipment_check(d);
	}
	record_done(d, idx);
	return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
}

/*
 * Write CKD: a new record at the position; Write R0: record zero.  The
 * rest of the track goes.
 */
static u8 do_write_ckd(struct dasd *d, struct um_ccw_io *io, bool r0)
{
	u8 buf[8 + 255 + MAX_R1_DATA];
	u32 off, len, kl, dl;
	int n, idx;

	if (!d->writable || (d->de && d->perm != 3))
		return um_dev_unit_check(&d->dev, 0, SNS1_FILE_PROTECTED);
	if (d->cur_trk < 0 || (d->rec == 0 && !r0) || d->lr_count == 0)
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	idx = r0 ? 0 : d->after_count ? d->rec + 1 : d->rec;
	n = um_ccw_xfer(io, buf, um_ccw_count(io) < sizeof(buf) ?
			um_ccw_count(io) : sizeof(buf));
	if (n < 0)
		return DEV_STAT_CHN_END;
	if (n < 8)
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	kl = buf[5];
	dl = get_unaligned_be16(buf + 6);
	len = 8 + kl + dl;
	if ((u32)n < len || idx > d->nrec)
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
	off = idx < d->nrec ? d->rec_off[idx] :
	      d->rec_off[d->nrec - 1] + 8 + rec_kl(d, d->nrec - 1) +
	      rec_dl(d, d->nrec - 1);
	if (off + len + 8 > SLOT_SIZE)	/* track capacity */
		return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT,
					 SNS1_EOC);
	memcpy(&d->trk[off], buf, len);
	memset(&d->trk[off + len], 0xff, 8);
	memset(&d->trk[off + len + 8], 0, SLOT_SIZE - off - len - 8);
	if (store_track(d) || !parse_track(d)) {
		d->trk_no = -1;
		return equipment_check(d);
	}
	record_done(d, idx);
	return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
}

static u8 do_read(struct dasd *d, struct um_ccw_io *io, u8 cmd, bool mt)
{
	int idx, n = 0, i;
	u8 *c, st;

	if (cmd == CMD_READ_R0) {
		if (d->cur_trk < 0)
			return um_dev_unit_check(&d->dev, SNS0_CMD_REJECT, 0);
		n = um_ccw_xfer(io, rec_count(d, 0), 16);
		d->rec = 1;
		d->after_count = false;
		return ok(n);
	}
	if (cmd == CMD_READ_TRACK) {
		/* the records after R0 of the next track, then on */
		st = next_record(d, true, &idx);
		if (st)
			return st;
		for (i = idx ? idx : 1; i < d->nrec && n >= 0; i++)
			n = um_ccw_xfer(io, rec_count(d, i),
					8 + rec_kl(d, i) + rec_dl(d, i));
		d->rec = d->nrec;
		d->after_count = false;
		if (d->lr_count > 0)
			d->lr_count--;
		return ok(n);
	}
	if (cmd == CMD_READ_COUNT && d->after_count) {
		d->rec++;
		d->after_count = false;
	}
	st = next_record(d, mt, &idx);
	if (st)
		return st;
	c = rec_count(d, idx);
	switch (cmd) {
	case CMD_READ_COUNT:
		n = um_ccw_xfer(io, c, 8);
		d->rec = idx;
		d->after_count = true;
		return ok(n);
	case CMD_READ_DATA:
		n = um_ccw_xfer(io, c + 8 + rec_kl(d, idx), rec_dl(d, idx));
		break;
	case CMD_READ_CKD:
		n = um_ccw_xfer(io, c, 8 + rec_kl(d, idx) + rec_dl(d, idx));
		break;
	case CMD_READ_KD:
		n = um_ccw_xfer(io, c + 8, rec_kl(d, idx) + rec_dl(d, idx));
		break;
	}
	record_done(d, idx);
	return ok(n);
}

static u8 do_sense_id(struct dasd *d, struct um_ccw_io *io)
{
	/* 3990/3390 ids, then a CIW: Read Configuration Data, 0xFA, 256 */
	u8 id[12] = { 0xff, 0x39, 0x90, 0xe9, 0x33, 0x90, 0x0a, 0x00,
		      0x40, CMD_RCD, 0x01, 0x00 };

	return ok(um_ccw_xfer(io, id, sizeof(id)));
}

static u8 do_rdc(struct dasd *d, struct um_ccw_io *io)
{
	u8 rdc[64] = { 0 };

	put_unaligned_be16(0x3990, rdc + 0);
	rdc[2] = 0xe9;				/* CU model */
	put_unaligned_be16(0x3390, rdc + 3);
	rdc[5] = 0x0a;				/* device model */
	rdc[6] = 0xd0;				/* multi-burst, RT/RD in LR */
	rdc[10] = 0x20;				/* class: DASD */
	rdc[11] = 0x26;				/* unit type */
	put_unaligned_be16(d->cyls, rdc + 12);
	put_unaligned_be16(HEADS, rdc + 14);
	rdc[16] = 224;				/* sectors per track */
	rdc[17] = 0x00;				/* 58786 bytes per track */
	put_unaligned_be16(58786, rdc + 18);
	put_unaligned_be16(34, rdc + 20);	/* home address bytes */
	rdc[22] = 0x02;				/* capacity formula 2 */
	rdc[23] = 0x0a;
	rdc[24] = 0x22;
	rdc[25] = 0x34;
	rdc[26] = 0x13;
	rdc[27] = 0x00;
	put_unaligned_be16(57326, rdc + 42);	/* max R0 length */
	put_unaligned_be32(d->cyls, rdc + 60);	/* long cylinder count */
	return ok(um_ccw_xfer(io, rdc, sizeof(rdc)));
}

static u8 do_rcd(struct dasd *d, struct um_ccw_io *io)
{
	u8 rcd[256] = { 0 };

	/* one node-element descriptor: this device, type 003390 */
	rcd[0] = 0xc4;
	rcd[1] = 0x01;
	memcpy(rcd + 4, "\xf0\xf0\xf3\xf3\xf9\xf0", 6);	/* "003390" */
	memcpy(rcd + 10, "\xf0\xf0\xf0", 3);
	return ok(um_ccw_xfer(io, rcd, sizeof(rcd)));
}

static u8 dasd_exec(struct um_css_dev *dev, struct um_ccw_io *io)
{
	struct dasd *d = container_of(dev, struct dasd, dev);
	u8 cmd = um_ccw_cmd(io), base = cmd & 0x7f, seekbuf[6];
	bool mt = cmd & 0x80;
	int n;

	switch (cmd) {
	case CCW_CMD_SENSE_ID:
		return do_sense_id(d, io);
	case CCW_CMD_BASIC_SENSE:
		n = um_ccw_xfer(io, dev->sense, sizeof(dev->sense));
		memset(dev->sense, 0, sizeof(dev->sense));
		return ok(n);
	case CMD_RDC:
		return do_rdc(d, io);
	case CMD_RCD:
		return do_rcd(d, io);
	case CCW_CMD_NOOP:
		return DEV_STAT_CHN_END | DEV_STAT_DEV_END;
	case CMD_DE:
		return do_define_extent(d, io);
	case CMD_LR:
		return do_locate_record(d, io);
	case CMD_SEEK:
		if (um_ccw_xfer(io, seekbuf, 6) != 6)
			return um_dev_unit_check(dev, SNS0_CMD_REJECT, 0);
		n = seek(d, get_unaligned_be16(seekbuf + 2),
			 get_unaligned_be16(seekbuf + 4));
		return n ? n : DEV_STAT_CHN_END | DEV_STAT_DEV_END;
	case CMD_SEARCH_EQ:
	case CMD_SEARCH_EQ | 0x80:
		return do_search(d, io);
	case CMD_WRITE_CKD:
		return do_write_ckd(d, io, false);
	case CMD_WRITE_R0:
		return do_write_ckd(d, io, true);
	case CMD_READ_TRACK:
		return do_read(d, io, cmd, true);
	}
	switch (base) {
	case CMD_WRITE_DATA:
	case CMD_WRITE_KD:
		return do_write_data(d, io, mt, base == CMD_WRITE_KD);
	case CMD_READ_DATA:
	case CMD_READ_KD:
	case CMD_READ_COUNT:
	case CMD_READ_R0:
	case CMD_READ_CKD:
		return do_read(d, io, base, mt);
	}
	/* PSF, RSSD and everything else */
	return um_dev_unit_check(dev, SNS0_CMD_REJECT, 0);
}

static void dasd_start(struct um_css_dev *dev)
{
	struct dasd *d = container_of(dev, struct dasd, dev);

	d->cur_trk = -1;
	d->rec = 0;
	d->after_count = false;
	d->de = false;
	d->perm = 3;
	d->lr_count = -1;
}

static void dasd_release(struct um_css_dev *dev)
{
	struct dasd *d = container_of(dev, struct dasd, dev);

	um_host_file_close(d->fd);
	kfree(d);
}

static const struct um_css_dev_ops dasd_ops = {
	.exec = dasd_exec,
	.start = dasd_start,
	.release = dasd_release,
};

struct um_css_dev *um_dasd3390_create(const char *path, char *err,
				      size_t errlen)
{
	struct dasd *d;
	u8 hdr[HDR_SIZE];
	long long size;
	int fd;
	bool rw = true;

	fd = um_host_file_open(path, 1);
	if (fd == -EACCES || fd == -EROFS || fd == -EPERM) {
		rw = false;
		fd = um_host_file_open(path, 0);
	}
	if (fd < 0) {
		snprintf(err, errlen, "cannot open the image (error %d)", -fd);
		return NULL;
	}
	size = um_host_file_size(fd);
	if (size < HDR_SIZE || um_host_file_pread(fd, hdr, HDR_SIZE, 0)) {
		snprintf(err, errlen, "not a CKD image (too short)");
		goto fail;
	}
	if (!memcmp(hdr, "CKD_C370", 8) || !memcmp(hdr, "CKD_S370", 8)) {
		snprintf(err, errlen,
			 "compressed (CCKD) images are not supported; make one with dasdinit without -z, or convert it with cckd2ckd");
		goto fail;
	}
	if (memcmp(hdr, "CKD_P370", 8)) {
		snprintf(err, errlen, "not a CKD image (no CKD_P370 header)");
		goto fail;
	}
	if (get_unaligned_le32(hdr + 8) != HEADS ||
	    get_unaligned_le32(hdr + 12) != SLOT_SIZE || hdr[16] != 0x90) {
		snprintf(err, errlen,
			 "not a 3390 image (heads %u, track size %u, type %02x)",
			 get_unaligned_le32(hdr + 8),
			 get_unaligned_le32(hdr + 12), hdr[16]);
		goto fail;
	}
	if ((size - HDR_SIZE) % ((long long)HEADS * SLOT_SIZE) ||
	    size == HDR_SIZE) {
		snprintf(err, errlen,
			 "image size %lld is not a whole number of cylinders",
			 size);
		goto fail;
	}
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	d->fd = fd;
	d->writable = rw;
	d->cyls = (size - HDR_SIZE) / ((long long)HEADS * SLOT_SIZE);
	d->trk_no = -1;
	d->dev.ops = &dasd_ops;
	d->dev.type = "3390";
	d->dev.cu_type = 0x3990;
	d->dev.cu_model = 0xe9;
	d->dev.dev_type = 0x3390;
	d->dev.dev_model = 0x0a;
	dasd_start(&d->dev);
	return &d->dev;
fail:
	um_host_file_close(fd);
	return NULL;
}

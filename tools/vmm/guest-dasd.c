// SPDX-License-Identifier: GPL-2.0
/*
 * The guest: a small DASD driver, run by every vcpu (Documentation/s390/
 * guest-model.rst says how C runs as a guest).  vcpu 0 discovers the
 * subchannels (STSCH), enables each with MSCH (ISC = its number, so each
 * DASD's interrupts go to the vcpus that enabled that ISC in CR6), and
 * checks it is a 3390 (Sense ID, Read Device Characteristics).  Then
 * every vcpu drives DASD (vcpu % DASDs) with Define Extent + Locate
 * Record channel programs on its own tracks: 4 KiB blocks and full
 * tracks, written with a pattern and a checksum and read back and
 * checked.  Completions arrive as I/O interruptions in enabled wait; the
 * handler runs TEST SUBCHANNEL.  A subchannel runs one program at a time,
 * so vcpus sharing a DASD take turns (a lock in guest memory; the waiter
 * spins with I/O interruptions disabled, so only the owner takes them).
 */
#include <sched.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "s390/guest.h"
#include "s390/ucall.h"
#include "cb.h"
#include "guest-dasd.h"

const char *const workload_names[WL_NR] = {
	[WL_READ] = "read", [WL_WRITE] = "write",
	[WL_READWRITE] = "readwrite", [WL_VERIFY] = "verify",
	[WL_JOURNAL] = "journal", [WL_MISBEHAVE] = "misbehave",
	[WL_INTERPLAY] = "interplay",
};

/* a format-1 CCW as vfio-ccw's channel-program translation reads it */
struct ccw1 {
	uint8_t cmd;
	uint8_t flags;
	uint16_t count;
	uint32_t cda;
} __attribute__((packed, aligned(8)));

#define CCW_CC		0x40
#define CCW_SLI		0x20
#define CMD_SENSE_ID	0xe4
#define CMD_RDC		0x64
#define CMD_NOOP	0x03
#define CMD_DE		0x63
#define CMD_LR		0x47
#define CMD_READ_MT	0x86
#define CMD_WRITE_MT	0x85
#define LR_READ		0x06
#define LR_WRITE	0x01
#define BLK_MAGIC	0x564d4d424c4b3031ULL	/* "VMMBLK01" */

/* offsets in a vcpu's I/O area */
#define IO_ORB		0x0000
#define IO_IRB		0x0040
#define IO_SCHIB	0x0100
#define IO_PARAMS	0x0200
#define IO_STATUS	0x0400	/* the handler's report: done, status */
#define IO_CCW		0x1000
#define IO_DATA		0x4000

struct io_status {
	uint32_t done;
	uint32_t cc;		/* TSCH's */
	uint32_t stat;		/* dstat << 8 | cstat */
	uint32_t fctl_stctl;
	uint8_t sense[32];
	uint64_t t_irq;		/* the handler's entry, ns */
	uint64_t t_status;	/* the machine's status time stamp, or 0 */
};

/* the guest's clock for latency (the host's monotonic clock) */
static uint64_t clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static struct guest_ctl *ctl(void)
{
	return guest_ptr(G_CTL, sizeof(struct guest_ctl));
}

static uint32_t my_vcpu(void)
{
	return guest_read32(LC_VMM_VCPU);
}

static uint64_t io_area(uint32_t vcpu)
{
	return G_IO_BASE + vcpu * G_IO_SIZE;
}

static uint32_t schid(uint32_t nr)
{
	return 0x00010000u | nr;
}

static void add64(uint64_t *p, uint64_t v)
{
	__atomic_fetch_add(p, v, __ATOMIC_RELAXED);
}

static void guest_error(uint32_t what, uint32_t sch, uint32_t stat,
			uint32_t info)
{
	struct guest_ctl *c = ctl();
	uint32_t none = GERR_NONE;

	add64(&c->errors, 1);
	if (__atomic_compare_exchange_n(&c->err_what, &none, what, false,
					__ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
		c->err_sch = sch;
		c->err_stat = stat;
		c->err_info = info;
	}
}

/* ---- interruption handlers ---- */

/*
 * I/O: TEST SUBCHANNEL into this vcpu's IRB and report to this vcpu's
 * waiter (only the owner of a subchannel has I/O interruptions enabled).
 */
static void io_irq(void)
{
	uint64_t area = io_area(my_vcpu());
	struct io_status *st = guest_ptr(area + IO_STATUS, sizeof(*st));
	uint32_t nr = guest_read16(LC_SUBCHANNEL_NR);
	uint8_t *irb = guest_ptr(area + IO_IRB, IRB_SIZE);
	uint32_t stctl;

	st->t_irq = clock_ns();
	st->t_status = ctl()->status_ns ? ctl()->status_ns(nr) : 0;
	add64(&ctl()->irqs, 1);
	st->cc = tsch(schid(nr), area + IO_IRB);
	if (st->cc)
		add64(&ctl()->spurious, 1);
	stctl = cb_get(irb, SCSW_STCTL);
	if (st->cc == 0 && (stctl & STCTL_INTERMEDIATE) &&
	    !(stctl & (STCTL_PRIMARY | STCTL_ALERT)))
		return;	/* intermediate status: the program goes on */
	st->stat = cb_get(irb, SCSW_DSTAT) << 8 | cb_get(irb, SCSW_CSTAT);
	st->fctl_stctl = cb_get(irb, SCSW_FCTL) << 8 | stctl;
	memcpy(st->sense, irb + IRB_ECW_OFF, sizeof(st->sense));
	__atomic_store_n(&st->done, 1, __ATOMIC_RELEASE);
}

/* channel report pending: collect the CRWs (STCRW until cc 1) */
static void mchk_irq(void)
{
	struct guest_ctl *c = ctl();
	uint64_t crw = io_area(my_vcpu()) + IO_PARAMS + 0x100;

	while (stcrw(crw) == 0) {
		if (c->nr_crws < 8)
			c->crws[c->nr_crws++] = guest_read32(crw);
	}
}

static void pgm_irq(void)
{
	guest_write32(LC_VMM_PGM, guest_read16(LC_PGM_CODE));
	guest_write32(LC_VMM_PGMS, guest_read32(LC_VMM_PGMS) + 1);
}

/* ---- channel programs ---- */

struct prog {
	struct ccw1 *ccw;
	uint64_t ccw_gra;
	uint64_t data;		/* next free data byte (guest address) */
	int n;
};

static void prog_init(struct prog *p, uint64_t area)
{
	p->ccw = guest_ptr(area + IO_CCW, IO_DATA - IO_CCW);
	p->ccw_gra = area + IO_CCW;
	p->data = area + IO_PARAMS;
	p->n = 0;
}

static void prog_add(struct prog *p, uint8_t cmd, uint8_t flags,
		     uint16_t count, uint64_t data)
{
	if (p->n)
		p->ccw[p->n - 1].flags |= CCW_CC;
	p->ccw[p->n].cmd = cmd;
	p->ccw[p->n].flags = flags;
	p->ccw[p->n].count = count;
	p->ccw[p->n].cda = (uint32_t)data;
	p->n++;
}

static void put16(uint8_t *b, uint16_t v)
{
	b[0] = v >> 8;
	b[1] = v;
}

/* Define Extent: permission (1 read, 2 update writes), tracks beg..end */
static void prog_de(struct prog *p, uint8_t perm, uint32_t beg, uint32_t end)
{
	uint8_t *d = guest_ptr(p->data, 16);

	memset(d, 0, 16);
	d[0] = perm << 6;
	put16(d + 8, beg / DASD_HEADS);
	put16(d + 10, beg % DASD_HEADS);
	put16(d + 12, end / DASD_HEADS);
	put16(d + 14, end % DASD_HEADS);
	prog_add(p, CMD_DE, 0, 16, p->data);
	p->data += 16;
}

static void prog_lr(struct prog *p, uint8_t op, uint8_t count, uint32_t trk,
		    uint8_t rec)
{
	uint8_t *d = guest_ptr(p->data, 16);

	memset(d, 0, 16);
	d[0] = op;
	d[3] = count;
	put16(d + 4, trk / DASD_HEADS);
	put16(d + 6, trk % DASD_HEADS);
	put16(d + 8, trk / DASD_HEADS);
	put16(d + 10, trk % DASD_HEADS);
	d[12] = rec;
	put16(d + 14, DASD_BLOCK);
	prog_add(p, CMD_LR, 0, 16, p->data);
	p->data += 16;
}

/* ---- the subchannel lock and one I/O ---- */

static void sch_lock(uint32_t nr)
{
	uint32_t *l = &ctl()->lock[nr];
	uint32_t zero = 0;

	while (!__atomic_compare_exchange_n(l, &zero, 1, false,
					    __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		zero = 0;
		cpu_relax();
		sched_yield();	/* the simulated CPU's pause */
	}
}

static void sch_unlock(uint32_t nr)
{
	__atomic_store_n(&ctl()->lock[nr], 0, __ATOMIC_RELEASE);
}

static void orb_build(uint64_t orb_gra, uint32_t intparm, uint64_t cpa)
{
	uint8_t *orb = guest_ptr(orb_gra, 32);

	memset(orb, 0, 32);
	cb_put(orb, ORB_INTPARM, intparm);
	cb_put(orb, ORB_FMT, 1);
	cb_put(orb, ORB_LPM, 0xff);
	cb_put(orb, ORB_CPA, (uint32_t)cpa);
}

/*
 * Start the program and wait for its final status by interruption.
 * Returns the SSCH cc (0 on success) with *stat = dstat << 8 | cstat.
 */
static void lat_sample(uint64_t base, uint32_t *nr, uint64_t ns)
{
	uint32_t v = my_vcpu(), *ring;
	uint32_t i = nr[v]++;

	ring = guest_ptr(base + v * G_LAT_SIZE, G_LAT_SIZE);
	ring[i % G_LAT_SAMPLES] = ns > UINT32_MAX ? UINT32_MAX : ns;
}

static int do_io(uint32_t nr, struct prog *p, uint64_t area, uint32_t *stat)
{
	struct io_status *st = guest_ptr(area + IO_STATUS, sizeof(*st));

	struct guest_ctl *c = ctl();
	uint64_t t0;
	int cc;

	orb_build(area + IO_ORB, my_vcpu() << 16 | nr, p->ccw_gra);
	st->done = 0;
	t0 = clock_ns();
	cc = ssch(schid(nr), area + IO_ORB);
	if (cc)
		return cc;
	add64(&c->started, 1);
	while (!__atomic_load_n(&st->done, __ATOMIC_ACQUIRE))
		enabled_wait(PSW_MASK_IO);
	add64(&c->completed, 1);
	if (__atomic_load_n(&c->measure, __ATOMIC_RELAXED)) {
		lat_sample(G_LAT_BASE, c->nr_lat, st->t_irq - t0);
		if (st->t_status >= t0 && st->t_status <= st->t_irq)
			lat_sample(G_CLAT_BASE, c->nr_clat,
				   st->t_irq - st->t_status);
	}
	*stat = st->stat;
	return st->cc ? 4 : 0;
}

/* ---- discovery ---- */

static int sense_id(uint32_t nr, uint64_t area)
{
	struct prog p;
	uint32_t stat;
	uint8_t *id;

	prog_init(&p, area);
	prog_add(&p, CMD_SENSE_ID, CCW_SLI, 20, area + IO_DATA);
	if (do_io(nr, &p, area, &stat) || stat != 0x0c00)
		return -1;
	id = guest_ptr(area + IO_DATA, 20);
	return id[4] << 8 | id[5];	/* device type */
}

static int read_dev_chars(uint32_t nr, uint64_t area)
{
	struct prog p;
	uint32_t stat;
	uint8_t *rdc;

	prog_init(&p, area);
	prog_add(&p, CMD_RDC, 0, 64, area + IO_DATA);
	if (do_io(nr, &p, area, &stat) || stat != 0x0c00)
		return -1;
	rdc = guest_ptr(area + IO_DATA, 64);
	if ((rdc[3] << 8 | rdc[4]) != 0x3390)
		return -1;
	return rdc[12] << 8 | rdc[13];	/* logical cylinders */
}

static void discover(uint64_t area)
{
	struct guest_ctl *c = ctl();
	uint8_t *schib = guest_ptr(area + IO_SCHIB, SCHIB_SIZE);
	uint32_t nr;
	int t;

	for (nr = 0; nr < 8; nr++) {
		if (stsch(schid(nr), area + IO_SCHIB))
			break;		/* cc 3: no more subchannels */
		if (!cb_get(schib, PMCW_DNV))
			continue;
		cb_put(schib, PMCW_ISC, ISC_OF(nr));
		cb_put(schib, PMCW_ENA, 1);
		cb_put(schib, PMCW_CSENSE, 1);
		cb_put(schib, PMCW_INTPARM, nr);
		if (msch(schid(nr), area + IO_SCHIB)) {
			guest_error(GERR_CC, nr, 0, 0xb232);
			continue;
		}
		/* vcpu 0 takes the ISC of the DASD it asks */
		ctl_load(6, CR6_ISC_BIT(ISC_OF(nr)));
		t = sense_id(nr, area);
		c->devtype[nr] = t < 0 ? 0 : (uint32_t)t;
		if (t == NULL_DEVTYPE) {	/* a null device: no RDC */
			c->nr_sch = nr + 1;
			continue;
		}
		if (t != 0x3390) {
			guest_error(GERR_SENSEID, nr, 0, t);
			continue;
		}
		t = read_dev_chars(nr, area);
		if (t < 0) {
			guest_error(GERR_RDC, nr, 0, 0);
			continue;
		}
		c->cyls[nr] = t;
		c->nr_sch = nr + 1;
	}
	if (!c->nr_sch) {
		guest_error(GERR_NODEV, 0, 0, 0);
		return;
	}
	/* the tracks every DASD has, as far as the seq table reaches */
	for (t = 1, nr = 0; nr < c->nr_sch; nr++) {
		uint32_t n = c->cyls[nr] * DASD_HEADS;

		if (c->devtype[nr] == NULL_DEVTYPE)
			continue;	/* no tracks */
		if (n <= c->first_track)
			n = c->first_track;
		if (t || n - c->first_track < c->nr_tracks)
			c->nr_tracks = n - c->first_track;
		t = 0;
	}
	if (c->nr_tracks > G_SEQ_MAX / 8 / DASD_RECS / c->nr_sch)
		c->nr_tracks = G_SEQ_MAX / 8 / DASD_RECS / c->nr_sch;
}

/* ---- data blocks ---- */

static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

static uint32_t csum(const uint8_t *b, uint32_t len)
{
	uint32_t a = 1, s = 0, i;

	for (i = 0; i < len; i++) {
		a = (a + b[i]) % 65521;
		s = (s + a) % 65521;
	}
	return s << 16 | a;
}

/* header: magic, track, record, seq, checksum of bytes 32..4095 */
static void block_fill(uint8_t *b, uint32_t trk, uint32_t rec, uint64_t seq)
{
	uint64_t s = seq * 0x9e3779b97f4a7c15ULL + trk * 131 + rec + 1;
	uint32_t i, sum;

	for (i = 32; i < DASD_BLOCK; i += 8) {
		uint64_t v = xorshift(&s);

		memcpy(b + i, &v, 8);
	}
	memcpy(b, &(uint64_t){ BLK_MAGIC }, 8);
	memcpy(b + 8, &trk, 4);
	memcpy(b + 12, &rec, 4);
	memcpy(b + 16, &seq, 8);
	sum = csum(b + 32, DASD_BLOCK - 32);
	memcpy(b + 24, &sum, 4);
	memset(b + 28, 0, 4);
}

/*
 * 0: good block of @trk/@rec with seq >= @min (exactly @min when @exact);
 * 1: never written (zeros) and @min is 0; -1 otherwise.
 */
static int block_check(const uint8_t *b, uint32_t trk, uint32_t rec,
		       uint64_t min, int exact)
{
	uint64_t magic, seq;
	uint32_t t, r, sum, i;

	memcpy(&magic, b, 8);
	if (magic != BLK_MAGIC) {
		for (i = 0; i < DASD_BLOCK && !b[i]; i++)
			;
		return i == DASD_BLOCK && !min ? 1 : -1;
	}
	memcpy(&t, b + 8, 4);
	memcpy(&r, b + 12, 4);
	memcpy(&seq, b + 16, 8);
	memcpy(&sum, b + 24, 4);
	if (t != trk || r != rec || sum != csum(b + 32, DASD_BLOCK - 32))
		return -1;
	if (exact ? seq != min : seq < min)
		return -2;	/* intact, but not the write it should hold */
	return 0;
}

/*
 * A block read back: 0 if it holds what the guest last wrote there (or,
 * for WL_VERIFY, at least the last write the journal acknowledged).  A
 * VMM killed in the middle of a write may leave that one block damaged:
 * the host's pwrite of the track stops between two pages when the
 * process dies.  Its write was never acknowledged, and each device runs
 * one program at a time: WL_VERIFY accepts one damaged block per device
 * and counts it; a stale block (intact, older than acknowledged) never.
 */
static int verify_check(const uint8_t *b, uint32_t sch, uint32_t trk,
			uint32_t rec, uint64_t min)
{
	struct guest_ctl *c = ctl();
	int ret = block_check(b, trk, rec, min, c->workload != WL_VERIFY);

	if (c->workload != WL_VERIFY)
		return ret < 0;
	if (ret == -1 &&
	    __atomic_add_fetch(&c->torn, 1, __ATOMIC_RELAXED) <= c->nr_sch)
		return 0;
	if (ret < 0)
		return 1;
	add64(&c->verified, 1);
	return 0;
}

/* ---- the workload ---- */

struct range {
	uint32_t sch, first, n;		/* tracks first..first+n-1 */
};

/* a block's index in the seq table (and the journal) */
static uint64_t block_index(uint32_t sch, uint32_t trk, uint32_t rec)
{
	struct guest_ctl *c = ctl();

	return ((uint64_t)sch * c->nr_tracks + trk - c->first_track) *
	       DASD_RECS + rec - 1;
}

static uint64_t *seq_slot(uint32_t sch, uint32_t trk, uint32_t rec)
{
	return guest_ptr(G_SEQ_TABLE + block_index(sch, trk, rec) * 8, 8);
}

/* read (@write 0) or write @nrec records from @rec of @trk */
static int rw(const struct range *r, uint64_t area, int write, uint32_t trk,
	      uint32_t rec, uint32_t nrec)
{
	struct guest_ctl *c = ctl();
	uint64_t data = area + IO_DATA, seq = 0;
	uint32_t i, stat;
	struct prog p;
	int cc;

	prog_init(&p, area);
	prog_de(&p, write ? 2 : 1, trk, trk);
	prog_lr(&p, write ? LR_WRITE : LR_READ, nrec, trk, rec);
	if (write)
		seq = __atomic_add_fetch(&c->seq, 1, __ATOMIC_RELAXED);
	for (i = 0; i < nrec; i++) {
		uint8_t *b = guest_ptr(data + i * DASD_BLOCK, DASD_BLOCK);

		if (write)
			block_fill(b, trk, rec + i, seq);
		prog_add(&p, write ? CMD_WRITE_MT : CMD_READ_MT, 0,
			 DASD_BLOCK, data + i * DASD_BLOCK);
	}
	sch_lock(r->sch);
	cc = do_io(r->sch, &p, area, &stat);
	sch_unlock(r->sch);
	if (cc || stat != 0x0c00) {
		guest_error(cc ? GERR_CC : GERR_STATUS, r->sch, stat, cc);
		return -1;
	}
	add64(&c->ios, 1);
	add64(&c->bytes, (uint64_t)nrec * DASD_BLOCK);
	add64(write ? &c->writes : &c->reads, 1);
	for (i = 0; i < nrec; i++) {
		uint64_t *slot = seq_slot(r->sch, trk, rec + i);
		uint8_t *b = guest_ptr(data + i * DASD_BLOCK, DASD_BLOCK);

		if (write) {
			__atomic_store_n(slot, seq, __ATOMIC_RELAXED);
			if (c->workload == WL_JOURNAL)
				ucall(UCALL_SYNC, 3, GSYNC_ACK,
				      block_index(r->sch, trk, rec + i), seq);
		} else if (verify_check(b, r->sch, trk, rec + i, *slot)) {
			guest_error(GERR_DATA, r->sch, trk, rec + i);
		}
	}
	return 0;
}

/*
 * A null device: one no-operation CCW a program, the channel path's
 * cost alone (the benchmark's null device).
 */
static void null_workload(const struct range *r, uint64_t area)
{
	struct guest_ctl *c = ctl();
	uint32_t stat;
	struct prog p;
	int cc;

	while (!__atomic_load_n(&c->stop, __ATOMIC_RELAXED)) {
		prog_init(&p, area);
		prog_add(&p, CMD_NOOP, CCW_SLI, 1, area + IO_DATA);
		sch_lock(r->sch);
		cc = do_io(r->sch, &p, area, &stat);
		sch_unlock(r->sch);
		if (cc || stat != 0x0c00) {
			guest_error(cc ? GERR_CC : GERR_STATUS, r->sch, stat,
				    cc);
			return;
		}
		add64(&c->ios, 1);
	}
}

static void workload(const struct range *r, uint64_t area, uint32_t vcpu)
{
	struct guest_ctl *c = ctl();
	uint64_t rnd = 0x2545f4914f6cdd1dULL + vcpu * 7919;
	uint32_t trk, rec, op, n;

	if (c->workload == WL_VERIFY) {
		for (trk = r->first; trk < r->first + r->n && !c->stop; trk++)
			rw(r, area, 0, trk, 1, DASD_RECS);
		return;
	}
	for (op = 0; !__atomic_load_n(&c->stop, __ATOMIC_RELAXED); op++) {
		trk = r->first + xorshift(&rnd) % r->n;
		rec = 1 + xorshift(&rnd) % DASD_RECS;
		/* every eighth I/O a full track (or the rest of one) */
		n = op % 8 == 7 ? DASD_RECS - rec + 1 : 1;
		switch (c->workload) {
		case WL_READ:
			rw(r, area, 0, trk, rec, n);
			break;
		case WL_WRITE:
			rw(r, area, 1, trk, rec, n);
			break;
		default:	/* write, then read back */
			if (op % 8 == 7) {
				rec = 1;
				n = DASD_RECS;
			}
			if (!rw(r, area, 1, trk, rec, n))
				rw(r, area, 0, trk, rec, n);
		}
	}
}

static void my_range(struct range *r, uint32_t vcpu)
{
	struct guest_ctl *c = ctl();
	uint32_t share = 0, idx = 0, v;

	r->sch = vcpu % c->nr_sch;
	for (v = 0; v < c->nr_vcpus; v++) {
		if (v % c->nr_sch != r->sch)
			continue;
		if (v < vcpu)
			idx++;
		share++;
	}
	r->n = c->nr_tracks / share;
	r->first = c->first_track + idx * r->n;
	if (idx == share - 1)		/* the last one takes the rest */
		r->n = c->nr_tracks - idx * r->n;
}

void guest_misbehave(uint64_t area);
void guest_interplay(uint64_t area);

void guest_entry(uint64_t vcpu)
{
	struct guest_ctl *c = ctl();
	uint64_t area = io_area((uint32_t)vcpu);
	struct range r;

	guest_write32(LC_VMM_VCPU, (uint32_t)vcpu);
	guest_write32(LC_VMM_PGMS, 0);
	guest_install_handler(GUEST_IRQ_IO, io_irq);
	guest_install_handler(GUEST_IRQ_PGM, pgm_irq);
	guest_install_handler(GUEST_IRQ_MCHK, mchk_irq);
	ctl_load(14, 1ULL << 28);	/* channel-report machine checks */
	if (vcpu == 0) {
		discover(area);
		__atomic_store_n(&c->ready, 1, __ATOMIC_RELEASE);
	}
	while (!__atomic_load_n(&c->ready, __ATOMIC_ACQUIRE)) {
		cpu_relax();
		sched_yield();
	}
	if (c->nr_sch) {
		my_range(&r, (uint32_t)vcpu);
		ctl_load(6, CR6_ISC_BIT(ISC_OF(r.sch)));
		if (c->workload == WL_MISBEHAVE) {
			if (vcpu == 0)
				guest_misbehave(area);
		} else if (c->workload == WL_INTERPLAY) {
			if (vcpu == 0)
				guest_interplay(area);
		} else if (c->devtype[r.sch] == NULL_DEVTYPE) {
			null_workload(&r, area);
		} else if (r.n) {
			workload(&r, area, (uint32_t)vcpu);
		}
	}
	__atomic_add_fetch(&c->done, 1, __ATOMIC_RELEASE);
	ucall(UCALL_DONE, 0);
}

/* ---- misbehaviour: each check records what QEMU's mapping wants ---- */

#define PGM(code)	(0x100 | (code))	/* a program interruption */
#define CC(cc)		(cc)

static void check(uint32_t want, uint32_t got)
{
	struct guest_ctl *c = ctl();

	if (c->mis_n < MIS_CHECKS) {
		c->mis[c->mis_n].want = want;
		c->mis[c->mis_n].got = got;
		c->mis_n++;
	}
	if (want != got)
		guest_error(GERR_PGM, c->mis_n, want, got);
}

/* run an I/O instruction; a program interruption shows as PGM(code) */
static uint32_t insn(uint16_t ipa, uint32_t sid, uint64_t op)
{
	uint32_t pgms = guest_read32(LC_VMM_PGMS);
	int cc = s390_io_insn(ipa, sid, op);

	if (guest_read32(LC_VMM_PGMS) != pgms)
		return PGM(guest_read32(LC_VMM_PGM));
	return CC(cc);
}

/*
 * The host's only channel path fails during an I/O (fault injection,
 * when the VMM offers it): the I/O ends with interface-control check,
 * vfio-ccw's channel report reaches the guest as a channel-report
 * machine check (path, permanent error, CHPID 40), and the next SSCH
 * finds the device not operational: cc 3.
 */
static uint32_t crw_of(uint32_t rsc);

static void path_gone(uint64_t area)
{
	struct io_status *st = guest_ptr(area + IO_STATUS, sizeof(*st));
	struct guest_ctl *c = ctl();
	uint32_t i, cc;
	struct prog p;
	bool ok;

	ucall(UCALL_SYNC, 4, GSYNC_FAULT, 0, FAULT_PATH, 0);
	if (c->fault_result)
		return;		/* no fault injection here */
	prog_init(&p, area);
	prog_add(&p, CMD_SENSE_ID, CCW_SLI, 20, area + IO_DATA);
	orb_build(area + IO_ORB, 5, p.ccw_gra);
	st->done = 0;
	check(CC(0), insn(0xb233, schid(0), area + IO_ORB));
	while (!__atomic_load_n(&st->done, __ATOMIC_ACQUIRE))
		enabled_wait(PSW_MASK_IO);
	/*
	 * Interface-control check; or, when vfio-ccw's answer to the path
	 * event (cio's cancel/halt/clear of the host subchannel) won the
	 * race, the halt's or the clear's status in its place (a halt's
	 * seen since the direct-injection merge changed the timing).
	 */
	ok = (st->stat & 0x02) ||
	     ((st->fctl_stctl >> 8) & (FCTL_CLEAR | FCTL_HALT));
	/* wrong: what came instead (status, function and status control) */
	check(1, ok ? 1 : 0x80000000u | st->stat << 16 | st->fctl_stctl);
	for (i = 0; i < 1000000 && !__atomic_load_n(&c->nr_crws,
						   __ATOMIC_ACQUIRE); i++)
		enabled_wait(PSW_MASK_MCHECK);
	check(1, c->nr_crws >= 1);
	check(4 << 16 | 6 << 8 | 0x40, crw_of(4));
	/*
	 * vfio-ccw answers the path event by clearing the host subchannel;
	 * until that is done the device is busy (cc 2) or has the clear's
	 * status for us (cc 1: take it with TSCH).  Then: not operational.
	 */
	for (i = 0, cc = 2; i < 100000 && (cc == 1 || cc == 2); i++) {
		orb_build(area + IO_ORB, 6, p.ccw_gra);
		cc = insn(0xb233, schid(0), area + IO_ORB);
		if (cc == 1)
			tsch(schid(0), area + IO_IRB);
		else if (cc == 2)
			sched_yield();
	}
	check(CC(3), cc);
}

/* a CRW of reporting source @rsc the mcheck handler stored, or 0 */
static uint32_t crw_of(uint32_t rsc)
{
	struct guest_ctl *c = ctl();
	uint8_t crw[4];
	uint32_t i;

	for (i = 0; i < c->nr_crws; i++) {
		memcpy(crw, &(uint32_t){ htobe32(c->crws[i]) }, 4);
		if (cb_get(crw, CRW_RSC) == rsc)
			return cb_get(crw, CRW_RSC) << 16 |
			       cb_get(crw, CRW_ERC) << 8 | cb_get(crw, CRW_RSID);
	}
	return 0;
}

/*
 * The host takes the device back (mdev removal): the VMM unplugs it, the
 * guest gets a subchannel CRW, the subchannel is no longer valid and
 * SSCH gives cc 3.
 */
static void unplugged(uint64_t area)
{
	uint8_t *schib = guest_ptr(area + IO_SCHIB, SCHIB_SIZE);
	struct guest_ctl *c = ctl();
	struct prog p;
	uint32_t i;

	ucall(UCALL_SYNC, 4, GSYNC_FAULT, 0, FAULT_REMOVE, 0);
	if (c->fault_result)
		return;
	for (i = 0; i < 1000000 && !crw_of(CRW_RSC_SCH); i++)
		enabled_wait(PSW_MASK_MCHECK);
	check(CRW_RSC_SCH << 16 | 4 << 8 | 0, crw_of(CRW_RSC_SCH));
	check(CC(0), insn(0xb234, schid(0), area + IO_SCHIB));
	check(0, cb_get(schib, PMCW_DNV));
	prog_init(&p, area);
	prog_add(&p, CMD_SENSE_ID, CCW_SLI, 20, area + IO_DATA);
	orb_build(area + IO_ORB, 7, p.ccw_gra);
	check(CC(3), insn(0xb233, schid(0), area + IO_ORB));
}

void guest_misbehave(uint64_t area)
{
	struct io_status *st = guest_ptr(area + IO_STATUS, sizeof(*st));
	uint8_t *orb = guest_ptr(area + IO_ORB, 32);
	uint8_t *schib = guest_ptr(area + IO_SCHIB, SCHIB_SIZE);
	struct guest_ctl *c = ctl();
	struct prog p;

	/* a valid program to start */
	prog_init(&p, area);
	prog_add(&p, CMD_SENSE_ID, CCW_SLI, 20, area + IO_DATA);

	/* 1: reserved ORB bits: operand exception */
	orb_build(area + IO_ORB, 1, p.ccw_gra);
	cb_put(orb, ORB_RES_ZERO, 1);
	check(PGM(PGM_OPERAND), insn(0xb233, schid(0), area + IO_ORB));
	/* 2: MIDAW requested: operand exception */
	orb_build(area + IO_ORB, 1, p.ccw_gra);
	cb_put(orb, ORB_MIDAW, 1);
	check(PGM(PGM_OPERAND), insn(0xb233, schid(0), area + IO_ORB));
	/* 3: ORB not on a word boundary: specification exception */
	check(PGM(PGM_SPECIFICATION),
	      insn(0xb233, schid(0), area + IO_ORB + 2));
	/* 4: subchannel id without the one bit: operand exception */
	orb_build(area + IO_ORB, 1, p.ccw_gra);
	check(PGM(PGM_OPERAND), insn(0xb233, 0, area + IO_ORB));
	/* 5: no such subchannel: cc 3 (SSCH and STSCH) */
	check(CC(3), insn(0xb233, schid(c->nr_sch + 1), area + IO_ORB));
	check(CC(3), insn(0xb234, schid(c->nr_sch + 1), area + IO_SCHIB));
	/* 6: TSCH operand not on a word boundary: specification */
	check(PGM(PGM_SPECIFICATION),
	      insn(0xb235, schid(0), area + IO_IRB + 1));
	/* 7: MSCH with reserved PMCW bits: operand exception */
	insn(0xb234, schid(0), area + IO_SCHIB);
	cb_put(schib, PMCW_RES_W1, 1);
	check(PGM(PGM_OPERAND), insn(0xb232, schid(0), area + IO_SCHIB));
	/*
	 * 8: a channel program vfio-ccw cannot translate (data beyond guest
	 * memory): cc 0, then unit exception status by interruption.
	 */
	prog_init(&p, area);
	prog_add(&p, CMD_SENSE_ID, CCW_SLI, 20, 0x7ff00000);
	orb_build(area + IO_ORB, 2, p.ccw_gra);
	st->done = 0;
	check(CC(0), insn(0xb233, schid(0), area + IO_ORB));
	while (!__atomic_load_n(&st->done, __ATOMIC_ACQUIRE))
		enabled_wait(PSW_MASK_IO);
	check(DSTAT_UNIT_EXCEPTION << 8, st->stat);
	/* 9: the CCW itself outside guest memory: the same */
	orb_build(area + IO_ORB, 3, 0x7ff00000);
	st->done = 0;
	check(CC(0), insn(0xb233, schid(0), area + IO_ORB));
	while (!__atomic_load_n(&st->done, __ATOMIC_ACQUIRE))
		enabled_wait(PSW_MASK_IO);
	check(DSTAT_UNIT_EXCEPTION << 8, st->stat);
	/* 10: a disabled subchannel is not operational: cc 3 */
	insn(0xb234, schid(0), area + IO_SCHIB);
	cb_put(schib, PMCW_ENA, 0);
	check(CC(0), insn(0xb232, schid(0), area + IO_SCHIB));
	prog_init(&p, area);
	prog_add(&p, CMD_SENSE_ID, CCW_SLI, 20, area + IO_DATA);
	orb_build(area + IO_ORB, 4, p.ccw_gra);
	check(CC(3), insn(0xb233, schid(0), area + IO_ORB));
	/* 11: and the guest gets it back */
	cb_put(schib, PMCW_ENA, 1);
	check(CC(0), insn(0xb232, schid(0), area + IO_SCHIB));
	c->devtype[0] = sense_id(0, area);
	check(0x3390, c->devtype[0]);
	path_gone(area);
	unplugged(area);
}

/*
 * ---- interplay: one subchannel, whoever serves the instruction ----
 *
 * On subchannel 0 with I/O interruptions disabled, so each interruption
 * stays queued until TPI takes it: what STSCH, MSCH, SSCH, TSCH, TPI,
 * HSCH and CSCH see of a status, and that each status comes with
 * exactly one interruption.  The same answers on the classic path and
 * with direct injection (there the kernel serves SSCH and TSCH and
 * holds the status; the VMM's STSCH, MSCH, HSCH and CSCH must see it).
 */
static uint32_t scsw_of_stsch(uint64_t area, int w, int bit, int len)
{
	uint8_t *schib = guest_ptr(area + IO_SCHIB, SCHIB_SIZE);

	if (stsch(schid(0), area + IO_SCHIB))
		return ~0u;
	return cb_get(schib, SCHIB_SCSW_WORD + w, bit, len);
}

/* STSCH until status pending: 1, or 0 if it never comes */
static uint32_t poll_pending(uint64_t area)
{
	uint32_t i;

	for (i = 0; i < 2000000; i++) {
		if (scsw_of_stsch(area, SCSW_STCTL) & STCTL_PENDING)
			return 1;
		sched_yield();
	}
	return 0;
}

static uint32_t start_read(uint64_t area, uint32_t intparm)
{
	struct prog p;
	uint32_t trk = ctl()->first_track;

	prog_init(&p, area);
	prog_de(&p, 1, trk, trk);
	prog_lr(&p, LR_READ, 1, trk, 1);
	prog_add(&p, CMD_READ_MT, 0, DASD_BLOCK, area + IO_DATA);
	orb_build(area + IO_ORB, intparm, p.ccw_gra);
	return ssch(schid(0), area + IO_ORB);
}

/* TPI into the lowcore: 1 and the interruption's ISC in *isc, or 0 */
static uint32_t take(uint32_t *isc, uint32_t *intparm)
{
	uint32_t cc = tpi(0);

	if (cc) {
		*isc = guest_read32(LC_IO_INT_WORD) >> 27 & 7;
		*intparm = guest_read32(LC_IO_INT_PARM);
	}
	return cc;
}

static uint32_t msch_isc(uint64_t area, uint32_t isc)
{
	uint8_t *schib = guest_ptr(area + IO_SCHIB, SCHIB_SIZE);

	stsch(schid(0), area + IO_SCHIB);
	cb_put(schib, PMCW_ISC, isc);
	return msch(schid(0), area + IO_SCHIB);
}

void guest_interplay(uint64_t area)
{
	uint8_t *irb = guest_ptr(area + IO_IRB, IRB_SIZE);
	uint32_t isc = 0, ip = 0, cc;

	ctl_load(6, CR6_ISC_BIT(0));
	/* 1: nothing pending: TSCH cc 1, no interruption */
	check(CC(1), tsch(schid(0), area + IO_IRB));
	check(0, take(&isc, &ip));
	/* 2: a read completes; STSCH sees its status, MSCH and SSCH cc 1 */
	check(CC(0), start_read(area, 0x1234));
	check(1, poll_pending(area));
	check(FCTL_START, scsw_of_stsch(area, SCSW_FCTL));
	check(CC(1), msch_isc(area, 0));
	check(CC(1), start_read(area, 0x9999));
	/* 3: its one interruption (intparm, ISC), TSCH cc 0, then cc 1 */
	check(1, take(&isc, &ip));
	check(0x1234, ip);
	check(0, isc);
	check(CC(0), tsch(schid(0), area + IO_IRB));
	check(STCTL_PRIMARY | STCTL_SECONDARY | STCTL_PENDING,
	      cb_get(irb, SCSW_STCTL));
	check(0x0c, cb_get(irb, SCSW_DSTAT));
	check(CC(1), tsch(schid(0), area + IO_IRB));
	check(0, take(&isc, &ip));
	check(0, scsw_of_stsch(area, SCSW_STCTL));
	/* 4: CSCH of a pending status: only the clear's status is left */
	check(CC(0), start_read(area, 0x2222));
	check(1, poll_pending(area));
	check(CC(0), csch(schid(0)));
	check(1, poll_pending(area));
	check(1, take(&isc, &ip));
	check(CC(0), tsch(schid(0), area + IO_IRB));
	check(FCTL_CLEAR, cb_get(irb, SCSW_FCTL));
	check(0, take(&isc, &ip));
	check(CC(1), tsch(schid(0), area + IO_IRB));
	/*
	 * 5: HSCH right after SSCH: halted (cc 0), already done (cc 1), or
	 * done on the host but not yet seen by vfio-ccw, whose halt then
	 * fails with EBUSY, cc 2 in QEMU's mapping (both paths)
	 */
	check(CC(0), start_read(area, 0x3333));
	cc = hsch(schid(0));
	check(1, cc <= 2);
	check(1, poll_pending(area));
	check(1, take(&isc, &ip));
	check(0x3333, ip);
	check(CC(0), tsch(schid(0), area + IO_IRB));
	check(0, take(&isc, &ip));
	check(CC(1), tsch(schid(0), area + IO_IRB));
	/* 6: MSCH moves the subchannel to ISC 5: CR6 masks it until ISC 5 */
	check(CC(0), msch_isc(area, 5));
	check(CC(0), start_read(area, 0x5555));
	check(1, poll_pending(area));
	check(0, take(&isc, &ip));		/* only ISC 0 enabled */
	ctl_load(6, CR6_ISC_BIT(5));
	check(1, take(&isc, &ip));
	check(5, isc);
	check(CC(0), tsch(schid(0), area + IO_IRB));
	check(0, take(&isc, &ip));
	check(CC(0), msch_isc(area, 0));
	ctl_load(6, CR6_ISC_BIT(0));
	/*
	 * 7: the VMM takes the subchannel back (UNBIND, as at unplug) with
	 * a status pending: the status is still there for STSCH, its one
	 * interruption is still queued, TSCH (now the VMM's) gets the IRB
	 * handed back; nothing twice.  On the classic path nothing changes.
	 */
	check(CC(0), start_read(area, 0x7777));
	check(1, poll_pending(area));
	ucall(UCALL_SYNC, 1, GSYNC_UNBIND);
	check(1, poll_pending(area));
	check(FCTL_START, scsw_of_stsch(area, SCSW_FCTL));
	check(1, take(&isc, &ip));
	check(0x7777, ip);
	check(CC(0), tsch(schid(0), area + IO_IRB));
	check(0x0c, cb_get(irb, SCSW_DSTAT));
	check(CC(1), tsch(schid(0), area + IO_IRB));
	check(0, take(&isc, &ip));
	/* 8: and ordinary interrupt-driven I/O goes on */
	{
		struct prog p;
		uint32_t stat, trk = ctl()->first_track;

		prog_init(&p, area);
		prog_de(&p, 1, trk, trk);
		prog_lr(&p, LR_READ, 1, trk, 1);
		prog_add(&p, CMD_READ_MT, 0, DASD_BLOCK, area + IO_DATA);
		check(CC(0), do_io(0, &p, area, &stat));
		check(0x0c00, stat);
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The channel subsystem the guest sees, with QEMU's behaviour
 * (hw/s390x/css.c, target/s390x/ioinst.c; ../shared facts in
 * Documentation/virt/vmm.rst): the VMM numbers its subchannels itself
 * (0.0.0000 up, in the order devices were given) and keeps a shadow
 * SCHIB for each; the instructions KVM leaves to userspace are served
 * from it, and a passthrough device (vfio-ccw.c) is asked only to start,
 * halt or clear, and for its path masks.
 *
 * Locking: vmm_lock (QEMU's global lock) protects every struct sch,
 * the CRW queue and the subchannel table after start-up; vcpu exits and
 * the main loop's device events each take it for their whole handling.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmm.h"

pthread_mutex_t vmm_lock = PTHREAD_MUTEX_INITIALIZER;

#define CRW_QUEUE	64
static uint32_t crws[CRW_QUEUE];	/* architected CRWs, oldest first */
static int nr_crws;
static bool crw_overflow;

static uint32_t sget(struct sch *s, int w, int bit, int len)
{
	return cb_get(s->schib, w, bit, len);
}

static void sput(struct sch *s, int w, int bit, int len, uint32_t v)
{
	cb_put(s->schib, w, bit, len, v);
}

/* the shadow SCHIB's SCSW, by the SCSW_* field names */
static uint32_t scsw_get(struct sch *s, int w, int b, int l)
{
	return sget(s, SCHIB_SCSW_WORD + w, b, l);
}

static void scsw_put(struct sch *s, int w, int b, int l, uint32_t v)
{
	sput(s, SCHIB_SCSW_WORD + w, b, l, v);
}

#define FCTL(s)		scsw_get(s, SCSW_FCTL)
#define ACTL(s)		scsw_get(s, SCSW_ACTL)
#define STCTL(s)	scsw_get(s, SCSW_STCTL)

struct sch *css_add_sch(struct vmm *v, uint16_t devno,
			const struct sch_ops *ops, void *dev)
{
	struct sch *s;

	if (v->nr_sch >= VMM_MAX_SCH)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->vmm = v;
	s->schnr = v->nr_sch;
	s->ops = ops;
	s->dev = dev;
	sput(s, PMCW_DNV, 1);
	sput(s, PMCW_DEV, devno);
	v->sch[v->nr_sch++] = s;
	return s;
}

/* subchannel id in GR1: the one bit, ssid 0, no MCSS-E: else operand */
static struct sch *lookup(struct vmm *v, uint32_t sid, int *pgm)
{
	*pgm = 0;
	if ((sid & 0xffff0000u) != 0x00010000u) {
		*pgm = PGM_OPERAND;
		return NULL;
	}
	if ((sid & 0xffff) >= v->nr_sch)
		return NULL;
	return v->sch[sid & 0xffff];
}

void css_inject_io(struct sch *s)
{
	int ret = kvm_flic_enqueue_io(s->vmm, 0x0001, s->schnr,
				      sget(s, PMCW_INTPARM), sget(s, PMCW_ISC));

	if (ret)
		fprintf(stderr, "vmm: FLIC enqueue for 0.0.%04x: %s\n",
			s->schnr, strerror(-ret));
}

/* QEMU's sch_gen_unit_exception(): the start ends with unit exception */
void css_unit_exception(struct sch *s)
{
	uint32_t cpa = cb_get(s->orb, ORB_CPA);

	scsw_put(s, SCSW_ACTL, ACTL(s) & ~ACTL_START_PEND);
	scsw_put(s, SCSW_STCTL, STCTL_PRIMARY | STCTL_SECONDARY |
		 STCTL_ALERT | STCTL_PENDING);
	scsw_put(s, SCSW_CPA, cpa + 8);
	scsw_put(s, SCSW_DSTAT, DSTAT_UNIT_EXCEPTION);
	scsw_put(s, SCSW_CSTAT, 0);
	s->host_started = false;
}

static bool enabled_and_valid(struct sch *s)
{
	return sget(s, PMCW_DNV) && sget(s, PMCW_ENA);
}

static bool status_pending(struct sch *s)
{
	return STCTL(s) & STCTL_PENDING;
}

/* QEMU's return code -> cc; other errors end the I/O with unit exception */
static int rc_to_cc(struct sch *s, int rc)
{
	switch (rc) {
	case 0:
		return 0;
	case -EBUSY:
		return 2;
	case -ENODEV:
	case -EACCES:
		return 3;
	default:
		css_unit_exception(s);
		css_inject_io(s);
		return 0;
	}
}

/* ---- the instructions ---- */

/* --direct: the shadow shows what the kernel holds (vfio-ccw.c) */
static void sync(struct sch *s)
{
	if (s && s->bound && s->ops->sync)
		s->ops->sync(s);
}

static bool orb_valid(const uint8_t *orb)
{
	if (cb_get(orb, ORB_RES_B) || cb_get(orb, ORB_RES_ZERO))
		return false;
	if (cb_get(orb, ORB_MIDAW))	/* no MIDAWs, as QEMU */
		return false;
	return !(cb_get(orb, ORB_CPA) & 0x80000000u);
}

static int do_ssch(struct sch *s, const uint8_t *orb)
{
	uint8_t saved[SCHIB_SIZE];
	int rc, cc;

	if (!enabled_and_valid(s))
		return 3;
	if (status_pending(s))
		return 1;
	if (FCTL(s) & (FCTL_START | FCTL_HALT | FCTL_CLEAR))
		return 2;
	memcpy(saved, s->schib, sizeof(saved));
	memcpy(s->orb, orb, ORB_SIZE);
	sput(s, PMCW_INTPARM, cb_get(orb, ORB_INTPARM));
	scsw_put(s, SCSW_FCTL, FCTL_START);
	scsw_put(s, SCSW_ACTL, ACTL_START_PEND);
	scsw_put(s, SCSW_PNO, 0);
	rc = s->ops->start(s, orb);
	cc = rc_to_cc(s, rc);
	if (cc)
		memcpy(s->schib, saved, sizeof(saved));
	else if (!rc)
		s->host_started = true;
	return cc;
}

static int do_hsch(struct sch *s)
{
	uint8_t saved[SCHIB_SIZE];
	uint32_t stctl = STCTL(s);
	int rc, cc;

	if (!enabled_and_valid(s))
		return 3;
	if ((stctl & STCTL_PENDING) &&
	    (stctl & (STCTL_PRIMARY | STCTL_SECONDARY | STCTL_ALERT)))
		return 1;
	if (FCTL(s) & (FCTL_HALT | FCTL_CLEAR))
		return 2;
	memcpy(saved, s->schib, sizeof(saved));
	scsw_put(s, SCSW_FCTL, FCTL(s) | FCTL_HALT);
	scsw_put(s, SCSW_ACTL, (ACTL(s) & ~(ACTL_RESUME_PEND |
		 ACTL_START_PEND)) | ACTL_HALT_PEND);
	rc = s->ops->halt(s);
	cc = rc_to_cc(s, rc);
	if (cc)
		memcpy(s->schib, saved, sizeof(saved));
	return cc;
}

static int do_csch(struct sch *s)
{
	uint8_t saved[SCHIB_SIZE];
	int rc, cc;

	if (!enabled_and_valid(s))
		return 3;
	memcpy(saved, s->schib, sizeof(saved));
	scsw_put(s, SCSW_FCTL, FCTL_CLEAR);
	scsw_put(s, SCSW_ACTL, ACTL_CLEAR_PEND);
	scsw_put(s, SCSW_STCTL, 0);
	rc = s->ops->clear(s);
	if (rc == -EBUSY)
		rc = -EIO;	/* clear is never refused as busy */
	cc = rc_to_cc(s, rc);
	if (cc)
		memcpy(s->schib, saved, sizeof(saved));
	return cc;
}

/*
 * XSCH and RSCH are not passed to vfio-ccw (it has neither): a start
 * already sent to the device is past being cancelled (cc 2), and a
 * suspended program cannot be resumed through it.
 */
static int do_xsch(struct sch *s)
{
	if (!enabled_and_valid(s))
		return 3;
	if (status_pending(s))
		return 1;
	if (FCTL(s) != FCTL_START || s->host_started ||
	    !(ACTL(s) & (ACTL_START_PEND | ACTL_RESUME_PEND |
			 ACTL_SUSPENDED)))
		return 2;
	scsw_put(s, SCSW_FCTL, 0);
	scsw_put(s, SCSW_ACTL, 0);
	return 0;
}

static int do_rsch(struct sch *s)
{
	if (!enabled_and_valid(s))
		return 3;
	if (status_pending(s))
		return 1;
	if (FCTL(s) != FCTL_START || (ACTL(s) & ACTL_RESUME_PEND) ||
	    !(ACTL(s) & ACTL_SUSPENDED) || !cb_get(s->orb, ORB_SPND))
		return 2;
	return rc_to_cc(s, -EOPNOTSUPP);
}

static int do_msch(struct sch *s, const uint8_t *schib)
{
	if (!sget(s, PMCW_DNV))
		return 0;
	if (status_pending(s))
		return 1;
	if (FCTL(s) & (FCTL_START | FCTL_HALT | FCTL_CLEAR))
		return 2;
	/* the program-modifiable fields only */
	sput(s, PMCW_INTPARM, cb_get(schib, PMCW_INTPARM));
	sput(s, PMCW_ISC, cb_get(schib, PMCW_ISC));
	sput(s, PMCW_ENA, cb_get(schib, PMCW_ENA));
	sput(s, PMCW_LM, cb_get(schib, PMCW_LM));
	sput(s, PMCW_MME, cb_get(schib, PMCW_MME));
	sput(s, PMCW_MP, cb_get(schib, PMCW_MP));
	sput(s, PMCW_LPM, cb_get(schib, PMCW_LPM));
	sput(s, PMCW_POM, cb_get(schib, PMCW_POM));
	sput(s, PMCW_MBI, cb_get(schib, PMCW_MBI));
	sput(s, PMCW_CSENSE, cb_get(schib, PMCW_CSENSE));
	sput(s, PMCW_MBFC, cb_get(schib, PMCW_MBFC));
	return 0;
}

static bool schib_valid(const uint8_t *schib)
{
	if (cb_get(schib, PMCW_RES_W1))
		return false;
	/* word 6: only ST (read-only), MBFC, XMWME and concurrent sense */
	if (cb_get(schib, 6, 0, 8) || cb_get(schib, 6, 11, 18))
		return false;
	return !cb_get(schib, PMCW_XMWME);	/* no extended measurement */
}

/* STCRW: one CRW or zeros; cc 1 when there was none */
static int do_stcrw(struct vmm *v, uint8_t *dst)
{
	uint32_t crw = 0;
	int cc = 1;

	if (nr_crws) {
		crw = crws[0];
		memmove(crws, crws + 1, --nr_crws * sizeof(crws[0]));
		cc = 0;
	}
	crw = htobe32(crw);
	memcpy(dst, &crw, 4);
	if (nr_crws)
		kvm_inject_crw_mchk(v);	/* more reports pending */
	return cc;
}

void css_queue_crw(struct vmm *v, uint32_t crw)
{
	uint8_t b[4];

	if (nr_crws == CRW_QUEUE) {
		crw_overflow = true;
		return;
	}
	if (crw_overflow) {
		crw = htobe32(crw);
		memcpy(b, &crw, 4);
		cb_put(b, CRW_OFLW, 1);
		memcpy(&crw, b, 4);
		crw = be32toh(crw);
		crw_overflow = false;
	}
	crws[nr_crws++] = crw;
	if (nr_crws == 1)
		kvm_inject_crw_mchk(v);
}

/* operand of @len bytes, aligned to @align: else a program interruption */
static uint8_t *operand(struct vcpu *c, uint64_t len, uint64_t align, int *pgm)
{
	uint64_t gra;
	uint8_t *p = vcpu_operand(c, c->run->s390_sieic.ipb, len, &gra);

	*pgm = 0;
	if (gra & (align - 1))
		*pgm = PGM_SPECIFICATION;
	else if (!p)
		*pgm = PGM_ADDRESSING;
	return p;
}

/* QEMU's STSCH for passthrough: the path masks come from the device */
static void store_schib(struct sch *s, uint8_t *dst)
{
	if (s->ops->store)
		s->ops->store(s);
	memcpy(dst, s->schib, SCHIB_SIZE);
}

int css_handle_insn(struct vcpu *c)
{
	struct kvm_run *run = c->run;
	uint32_t sid = (uint32_t)run->s.regs.gprs[1];
	uint8_t ipa_lo = run->s390_sieic.ipa & 0xff;
	struct vmm *v = c->vmm;
	struct sch *s = NULL;
	int cc = 0, pgm = 0, spgm;
	uint8_t *op = NULL;

	pthread_mutex_lock(&vmm_lock);
	switch (ipa_lo) {
	case 0x33:	/* SSCH */
		op = operand(c, ORB_SIZE, 4, &pgm);
		if (pgm)
			break;
		s = lookup(v, sid, &spgm);
		if (spgm || !orb_valid(op)) {
			pgm = PGM_OPERAND;
			break;
		}
		sync(s);
		cc = s ? do_ssch(s, op) : 3;
		break;
	case 0x34:	/* STSCH */
		op = operand(c, SCHIB_SIZE, 4, &pgm);
		s = lookup(v, sid, &spgm);
		if (spgm)
			pgm = PGM_OPERAND;
		if (pgm)
			break;
		sync(s);
		if (s)
			store_schib(s, op);
		cc = s ? 0 : 3;
		break;
	case 0x32:	/* MSCH */
		op = operand(c, SCHIB_SIZE, 4, &pgm);
		if (pgm)
			break;
		s = lookup(v, sid, &spgm);
		if (spgm || !schib_valid(op)) {
			pgm = PGM_OPERAND;
			break;
		}
		sync(s);
		cc = s ? do_msch(s, op) : 3;
		if (!cc && s && s->ops->modified)
			s->ops->modified(s);
		break;
	case 0x31:	/* HSCH */
	case 0x30:	/* CSCH */
	case 0x38:	/* RSCH */
	case 0x76:	/* XSCH (ipa 0xb276) */
		s = lookup(v, sid, &pgm);
		if (pgm)
			break;
		sync(s);
		if (!s)
			cc = 3;
		else if (ipa_lo == 0x31)
			cc = do_hsch(s);
		else if (ipa_lo == 0x30)
			cc = do_csch(s);
		else if (ipa_lo == 0x38)
			cc = do_rsch(s);
		else
			cc = do_xsch(s);
		break;
	case 0x39:	/* STCRW */
		op = operand(c, 4, 4, &pgm);
		if (!pgm)
			cc = do_stcrw(v, op);
		break;
	case 0x3a:	/* STCPS, SCHM, CHSC: not offered */
	case 0x3c:
	case 0x5f:
	default:
		cc = 3;
		break;
	}
	pthread_mutex_unlock(&vmm_lock);
	if (pgm)
		return kvm_cpu_inject_pgm(c, pgm);
	kvm_cpu_set_cc(c, cc);
	return 0;
}

/*
 * TSCH: store the IRB (shadow SCSW, the device's ESW and sense), then
 * clear what the architecture says TSCH clears.  A program interruption
 * puts back the interruption KVM dequeued for us.
 */
static void tsch_clear(struct sch *s)
{
	uint32_t stctl = STCTL(s), fctl = FCTL(s), actl = ACTL(s);
	bool intermediate_only = stctl == (STCTL_INTERMEDIATE | STCTL_PENDING);

	if (!(stctl & STCTL_PENDING))
		return;
	scsw_put(s, SCSW_STCTL, 0);
	if (!intermediate_only ||
	    ((fctl & FCTL_HALT) && (actl & ACTL_SUSPENDED)))
		scsw_put(s, SCSW_FCTL, 0);
	if (!intermediate_only) {
		scsw_put(s, SCSW_PNO, 0);
		scsw_put(s, SCSW_ACTL, actl & ~(ACTL_RESUME_PEND |
			 ACTL_START_PEND | ACTL_HALT_PEND | ACTL_CLEAR_PEND |
			 ACTL_SUSPENDED));
	} else if ((actl & ACTL_SUSPENDED) && (fctl & FCTL_START)) {
		scsw_put(s, SCSW_PNO, 0);
		scsw_put(s, SCSW_ACTL, actl & ~ACTL_RESUME_PEND);
	}
	memset(s->ecw, 0, sizeof(s->ecw));
}

int css_handle_tsch(struct vcpu *c)
{
	struct kvm_run *run = c->run;
	uint32_t sid = (uint32_t)run->s.regs.gprs[1];
	uint8_t irb[IRB_SIZE] = { 0 };
	struct sch *s = NULL;
	int cc = 3, pgm = 0;
	uint64_t gra;
	uint8_t *op;

	op = vcpu_operand(c, run->s390_tsch.ipb, IRB_SIZE, &gra);
	pthread_mutex_lock(&vmm_lock);
	s = lookup(c->vmm, sid, &pgm);
	if (!pgm && (gra & 3))
		pgm = PGM_SPECIFICATION;
	else if (!pgm && !op)
		pgm = PGM_ADDRESSING;
	if (!pgm && s) {
		cc = status_pending(s) ? 0 : 1;
		memcpy(irb, s->schib + 4 * SCHIB_SCSW_WORD, SCSW_SIZE);
		memcpy(irb + SCSW_SIZE, s->esw, ESW_SIZE);
		if (cb_get(irb, ERW_CONS))
			memcpy(irb + IRB_ECW_OFF, s->ecw, ECW_SIZE);
		memcpy(op, irb, sizeof(irb));
		tsch_clear(s);
	}
	pthread_mutex_unlock(&vmm_lock);
	if (pgm) {
		if (run->s390_tsch.dequeued)
			kvm_flic_enqueue_io(c->vmm,
					    run->s390_tsch.subchannel_id,
					    run->s390_tsch.subchannel_nr,
					    run->s390_tsch.io_int_parm,
					    run->s390_tsch.io_int_word >> 27);
		return kvm_cpu_inject_pgm(c, pgm);
	}
	kvm_cpu_set_cc(c, cc);
	return 0;
}

/*
 * The device's interruption (vfio-ccw.c read the I/O region): @err is
 * 0 with @host_irb in the host's layout, or the pread's errno (EMSGSIZE:
 * a short read), as
 * QEMU's vfio_ccw_io_notifier_handler() maps it.
 */
void css_io_done(struct sch *s, const uint8_t *host_irb, int err)
{
	bool pending = status_pending(s);
	uint8_t irb[64];

	if (err) {
		scsw_put(s, SCSW_ACTL, ACTL(s) & ~ACTL_START_PEND);
		scsw_put(s, SCSW_STCTL, STCTL_PRIMARY | STCTL_SECONDARY |
			 STCTL_ALERT | STCTL_PENDING);
		if (err == ENODEV)
			scsw_put(s, SCSW_CC, 3);	/* deferred cc 3 */
		else
			scsw_put(s, SCSW_CSTAT, err == EFAULT ?
				 CSTAT_DATA_CHECK : err == EMSGSIZE ?
				 CSTAT_CHN_CTRL_CHECK : CSTAT_PROG_CHECK);
	} else {
		cb_to_arch(irb, host_irb, cb_scsw);
		cb_to_arch(irb + SCSW_SIZE, host_irb + SCSW_SIZE, cb_esw0);
		memcpy(s->schib + 4 * SCHIB_SCSW_WORD, irb, SCSW_SIZE);
		memcpy(s->esw, irb + SCSW_SIZE, ESW_SIZE);
		if ((cb_get(irb, SCSW_DSTAT) & DSTAT_UNIT_CHECK) &&
		    sget(s, PMCW_CSENSE))
			memcpy(s->ecw, host_irb + IRB_ECW_OFF, ECW_SIZE);
	}
	if (STCTL(s) & (STCTL_PRIMARY | STCTL_ALERT))
		s->host_started = false;
	/*
	 * One status, one interruption: a status that comes while one is
	 * pending (cio's clear after a path event, behind the I/O's own
	 * end) replaces it and goes with the interruption already queued.
	 * QEMU queues a second one, whose TSCH then finds no status.
	 */
	if (!pending)
		css_inject_io(s);
}

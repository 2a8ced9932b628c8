// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated channel subsystem: subchannels (SCHIB state), channel
 * paths, the I/O instructions with their condition codes and state
 * changes, channel threads that run the programs (ccw.c), I/O
 * interruption requests per ISC, channel-report words and fault
 * injection.
 *
 * Locking: um_css_lock (a host mutex: this is hardware, not kernel code)
 * protects every subchannel's SCHIB/ORB/flags, the chpid table, the run
 * queue, the interruption queues, the host CPU's ISC mask and I/O
 * handler, and the CRW queue.  It is never held while a device executes
 * a command or a channel thread touches program storage, so an
 * instruction never waits for I/O.  Callbacks out of the hardware (CRW
 * notification, the I/O-interruption handler) are made without it.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <um/sched.h>
#include <sys/prctl.h>

#include "css_priv.h"
#include "host.h"

pthread_mutex_t um_css_lock = PTHREAD_MUTEX_INITIALIZER;

struct um_chp {
	bool installed;
	bool online;
};

#define CRW_QUEUE 32

static struct {
	struct um_sch *sch[UM_CSS_MAX_SCH];
	int nr_sch;
	struct um_chp chp[256];
	struct list_head runq;
	pthread_cond_t run_cond;	/* work on runq, or stop */
	struct list_head irqq[8];	/* per ISC */
	pthread_cond_t irq_cond;	/* one may be taken by a waiter */
	u8 cr6;				/* the host CPU's ISC mask */
	int tpi_waiters;		/* threads asleep in tpi_wait() */
	void (*io_handler)(void);	/* the host CPU's I/O new PSW */
	struct crw crw[CRW_QUEUE];
	int crw_head, crw_nr;
	bool crw_overflow;
	void (*crw_notify)(void);
	pthread_t threads[UM_CSS_MAX_CHAN_THREADS];
	int nr_threads;
	bool stop;
	u64 programs_done;
} css = {
	.runq = LIST_HEAD_INIT(css.runq),
	.run_cond = PTHREAD_COND_INITIALIZER,
	.irq_cond = PTHREAD_COND_INITIALIZER,
	.irqq = {
		LIST_HEAD_INIT(css.irqq[0]), LIST_HEAD_INIT(css.irqq[1]),
		LIST_HEAD_INIT(css.irqq[2]), LIST_HEAD_INIT(css.irqq[3]),
		LIST_HEAD_INIT(css.irqq[4]), LIST_HEAD_INIT(css.irqq[5]),
		LIST_HEAD_INIT(css.irqq[6]), LIST_HEAD_INIT(css.irqq[7]),
	},
};

/* ---------------------------------------------------------- storage */

/*
 * The channel's storage: a 31-bit arena and a 24-bit window, each
 * handed out in pages, each page with a storage key.
 */
#define ARENA_SIZE	(64u << 20)
#define LOW_SIZE	(2u << 20)
#define PAGE_SZ		4096u

struct arena {
	char *base;
	u32 size;
	u8 *key;		/* per page: key << 4 | fetch-protect */
	u16 *run;		/* per page: pages in the allocation it starts */
	bool *used;
	bool tried;
};

static struct arena arena31 = { .size = ARENA_SIZE };
static struct arena arena24 = { .size = LOW_SIZE };
static pthread_mutex_t arena_lock = PTHREAD_MUTEX_INITIALIZER;

static bool arena_init(struct arena *a, int bits)
{
	u32 pages = a->size / PAGE_SZ;
	char *base;

	if (a->tried)
		return a->base;
	a->tried = true;
	base = um_host_map_low(a->size, bits);
	if (!base)
		return false;
	a->key = kcalloc(pages, 1, GFP_KERNEL);
	a->run = kcalloc(pages, sizeof(*a->run), GFP_KERNEL);
	a->used = kcalloc(pages, sizeof(*a->used), GFP_KERNEL);
	if (!a->key || !a->run || !a->used)
		return false;
	/* published last: um_css_dma_owned() reads it without the lock */
	__atomic_store_n(&a->base, base, __ATOMIC_RELEASE);
	return true;
}

static struct arena *arena_of(u32 addr, u32 len)
{
	struct arena *as[] = { &arena24, &arena31 };
	int i;

	for (i = 0; i < 2; i++) {
		struct arena *a = as[i];
		uintptr_t b = (uintptr_t)a->base;

		if (a->base && addr >= b && (u64)addr + len <= b + a->size)
			return a;
	}
	return NULL;
}

void *um_css_dma_alloc(size_t size, bool below_16m)
{
	struct arena *a = below_16m ? &arena24 : &arena31;
	u32 need = DIV_ROUND_UP(size ? size : 1, PAGE_SZ), i, j, pages;
	void *p = NULL;

	pthread_mutex_lock(&arena_lock);
	if (!arena_init(a, below_16m ? 24 : 31))
		goto out;
	pages = a->size / PAGE_SZ;
	for (i = 0; i + need <= pages; i++) {
		for (j = 0; j < need && !a->used[i + j]; j++)
			;
		if (j == need)
			break;
		i += j;
	}
	if (i + need > pages)
		goto out;
	for (j = 0; j < need; j++) {
		a->used[i + j] = true;
		a->key[i + j] = 0;
	}
	a->run[i] = need;
	p = a->base + (size_t)i * PAGE_SZ;
	memset(p, 0, (size_t)need * PAGE_SZ);
out:
	pthread_mutex_unlock(&arena_lock);
	return p;
}

void um_css_dma_free(void *p)
{
	struct arena *a;
	u32 i, j;

	if (!p)
		return;
	a = arena_of((u32)(uintptr_t)p, 1);
	if (WARN_ON(!a || ((uintptr_t)p & (PAGE_SZ - 1))))
		return;
	pthread_mutex_lock(&arena_lock);
	i = ((char *)p - a->base) / PAGE_SZ;
	for (j = 0; j < a->run[i]; j++)
		a->used[i + j] = false;
	a->run[i] = 0;
	pthread_mutex_unlock(&arena_lock);
}

/* from any kfree(): GFP_DMA objects come from the 31-bit arena only */
bool um_css_dma_owned(const void *p)
{
	uintptr_t v = (uintptr_t)p;
	uintptr_t b = (uintptr_t)__atomic_load_n(&arena31.base,
						 __ATOMIC_ACQUIRE);

	return b && v >= b && v < b + arena31.size;
}

/*
 * Pinned pages: a sorted array of page addresses with pin counts, under
 * arena_lock.  The channel looks a data area up here when a format-2
 * IDAW names an address above 2 GiB.
 */
struct pinned_page {
	uintptr_t page;
	unsigned int count;
};
static struct pinned_page *pinned;	/* sorted by page */
static size_t nr_pinned, max_pinned;

/* index of @page, or where it would go; arena_lock held */
static size_t pinned_find(uintptr_t page)
{
	size_t lo = 0, hi = nr_pinned;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (pinned[mid].page < page)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int um_css_storage_pin(const void *page)
{
	uintptr_t pg = (uintptr_t)page & ~(uintptr_t)(PAGE_SZ - 1);
	struct pinned_page *n;
	size_t i;
	int ret = 0;

	pthread_mutex_lock(&arena_lock);
	i = pinned_find(pg);
	if (i < nr_pinned && pinned[i].page == pg) {
		pinned[i].count++;
		goto out;
	}
	if (nr_pinned == max_pinned) {
		n = krealloc(pinned, (max_pinned * 2 + 64) * sizeof(*n),
			     GFP_KERNEL);
		if (!n) {
			ret = -ENOMEM;
			goto out;
		}
		pinned = n;
		max_pinned = max_pinned * 2 + 64;
	}
	memmove(&pinned[i + 1], &pinned[i], (nr_pinned - i) * sizeof(*n));
	pinned[i].page = pg;
	pinned[i].count = 1;
	nr_pinned++;
out:
	pthread_mutex_unlock(&arena_lock);
	return ret;
}

void um_css_storage_unpin(const void *page)
{
	uintptr_t pg = (uintptr_t)page & ~(uintptr_t)(PAGE_SZ - 1);
	size_t i;

	pthread_mutex_lock(&arena_lock);
	i = pinned_find(pg);
	if (!WARN_ON(i == nr_pinned || pinned[i].page != pg) &&
	    !--pinned[i].count) {
		memmove(&pinned[i], &pinned[i + 1],
			(nr_pinned - i - 1) * sizeof(*pinned));
		nr_pinned--;
	}
	if (!nr_pinned) {
		kfree(pinned);
		pinned = NULL;
		max_pinned = 0;
	}
	pthread_mutex_unlock(&arena_lock);
}

/* is [addr, addr + len) in pinned pages? */
static bool pinned_range(u64 addr, u32 len)
{
	uintptr_t pg = addr & ~(u64)(PAGE_SZ - 1);
	bool ok = true;
	size_t i;

	pthread_mutex_lock(&arena_lock);
	for (; ok && pg < addr + len; pg += PAGE_SZ) {
		i = pinned_find(pg);
		ok = i < nr_pinned && pinned[i].page == pg;
	}
	pthread_mutex_unlock(&arena_lock);
	return ok;
}

u32 um_css_addr(const void *p)
{
	uintptr_t v = (uintptr_t)p;

	WARN_ON(v >> 31);
	return (u32)v;
}

int um_css_set_key(const void *page, u8 key, bool fetch_protect)
{
	struct arena *a = arena_of(um_css_addr(page), 1);

	if (!a || key > 15)
		return -EINVAL;
	a->key[((char *)page - a->base) / PAGE_SZ] = key << 4 | fetch_protect;
	return 0;
}

u8 um_css_mem_check(u64 addr, u32 len, u8 key, bool store, bool fmt0)
{
	struct arena *a;
	u32 p, last;

	if (!len)
		return 0;
	a = addr + len <= (1ull << 31) ? arena_of(addr, len) : NULL;
	if (!a) {
		/* pinned pages: key 0, fetch protection off */
		if (fmt0 || !pinned_range(addr, len))
			return SCHN_STAT_PROG_CHECK;
		return key && store ? SCHN_STAT_PROT_CHECK : 0;
	}
	if (fmt0 && (u64)addr + len > (1u << 24))
		return SCHN_STAT_PROG_CHECK;
	if (!key)
		return 0;
	last = (addr + len - 1 - (u32)(uintptr_t)a->base) / PAGE_SZ;
	for (p = (addr - (u32)(uintptr_t)a->base) / PAGE_SZ; p <= last; p++) {
		u8 k = a->key[p];

		if ((k >> 4) == key)
			continue;
		if (store || (k & 1))
			return SCHN_STAT_PROT_CHECK;
	}
	return 0;
}

/* --------------------------------------------------- interruptions */

/*
 * A channel thread is also a CPU enabled for I/O interruptions: one it
 * makes pending it takes itself, once it has dropped um_css_lock
 * (take_irqs()), as a machine presents an interruption to a CPU that
 * runs the handler at once.  Anything else (an instruction's immediate
 * status on a kernel thread, which may hold the subchannel's lock; a
 * masked ISC enabled later) wakes a waiter of um_css_tpi_cpu().
 * irq_entry: the handler this thread owes a call, set by raise_irq().
 */
static __thread bool cpu_takes_irqs;
static __thread void (*irq_entry)(void);

static void raise_irq(struct um_sch *sch)
{
	struct timespec ts;

	/* when the status became pending: benchmarks time from here */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	__atomic_store_n(&sch->status_ns, ts.tv_sec * 1000000000ull +
			 ts.tv_nsec, __ATOMIC_RELAXED);
	if (sch->irq_queued || !sch->schib.pmcw.ena)
		return;
	list_add_tail(&sch->irqq, &css.irqq[sch->schib.pmcw.isc]);
	sch->irq_queued = true;
	if (cpu_takes_irqs && css.io_handler)
		irq_entry = css.io_handler;
	else
		pthread_cond_broadcast(&css.irq_cond);
}

/*
 * On a channel thread, um_css_lock not held: run the I/O handler for
 * the interruptions this thread made pending (again if the handler's
 * own instructions made more).  A masked one stays queued; enabling its
 * ISC wakes the waiters of um_css_tpi_cpu().
 */
static void take_irqs(void)
{
	void (*fn)(void);

	while ((fn = irq_entry)) {
		irq_entry = NULL;
		fn();
	}
}

/*
 * The machine's time stamp of the subchannel's last status (monotonic
 * ns, 0 for none): completion-to-handler latency in the VMM benchmark.
 */
u64 um_css_status_ns(u16 sch_no)
{
	if (sch_no >= READ_ONCE(css.nr_sch))
		return 0;
	return __atomic_load_n(&css.sch[sch_no]->status_ns, __ATOMIC_RELAXED);
}

static void withdraw_irq(struct um_sch *sch)
{
	if (!sch->irq_queued)
		return;
	list_del(&sch->irqq);
	sch->irq_queued = false;
}

static struct subchannel_id sch_id(u16 nr)
{
	struct subchannel_id id;

	init_subchannel_id(&id);
	id.sch_no = nr;
	return id;
}

/* TPI: dequeue the first pending interruption of @mask's ISCs; lock held */
static bool tpi_locked(u8 mask, struct subchannel_id *schid, u32 *intparm)
{
	struct um_sch *sch;
	int isc;

	for (isc = 0; isc < 8; isc++) {
		if (!(mask & (0x80 >> isc)) || list_empty(&css.irqq[isc]))
			continue;
		sch = list_first_entry(&css.irqq[isc], struct um_sch, irqq);
		withdraw_irq(sch);
		*schid = sch_id(sch->sch_no);
		*intparm = sch->schib.pmcw.intparm;
		return true;
	}
	return false;
}

/* @mask NULL: the host CPU's CR6, read again after every wake-up */
static int tpi_wait(const u8 *mask, struct subchannel_id *schid,
		    u32 *intparm, s64 timeout_ns)
{
	struct timespec ts;
	u64 deadline = 0;
	int ret;

	if (timeout_ns > 0) {
		clock_gettime(CLOCK_REALTIME, &ts);	/* the condvars' clock */
		deadline = ts.tv_sec * 1000000000ull + ts.tv_nsec + timeout_ns;
	}
	pthread_mutex_lock(&um_css_lock);
	for (;;) {
		ret = tpi_locked(mask ? *mask : css.cr6, schid, intparm);
		if (ret || !timeout_ns)
			break;
		css.tpi_waiters++;
		if (timeout_ns < 0) {
			pthread_cond_wait(&css.irq_cond, &um_css_lock);
			css.tpi_waiters--;
			continue;
		}
		ts.tv_sec = deadline / 1000000000ull;
		ts.tv_nsec = deadline % 1000000000ull;
		if (pthread_cond_timedwait(&css.irq_cond, &um_css_lock, &ts))
			timeout_ns = 0;	/* one last look */
		css.tpi_waiters--;
	}
	pthread_mutex_unlock(&um_css_lock);
	return ret;
}

int um_css_tpi_wait(u8 isc_mask, struct subchannel_id *schid, u32 *intparm,
		    s64 timeout_ns)
{
	return tpi_wait(&isc_mask, schid, intparm, timeout_ns);
}

int um_css_tpi_cpu(struct subchannel_id *schid, u32 *intparm, bool wait)
{
	return tpi_wait(NULL, schid, intparm, wait ? -1 : 0);
}

int um_css_tpi_waiters(void)
{
	int n;

	pthread_mutex_lock(&um_css_lock);
	n = css.tpi_waiters;
	pthread_mutex_unlock(&um_css_lock);
	return n;
}

void um_css_set_isc_mask(u8 mask)
{
	pthread_mutex_lock(&um_css_lock);
	css.cr6 = mask;
	/* newly enabled ISCs may have interruptions waiting */
	pthread_cond_broadcast(&css.irq_cond);
	pthread_mutex_unlock(&um_css_lock);
}

void um_css_set_io_handler(void (*fn)(void))
{
	pthread_mutex_lock(&um_css_lock);
	css.io_handler = fn;
	pthread_mutex_unlock(&um_css_lock);
}

/* ------------------------------------------------------------- CRWs */

/* queue a CRW (lock held); returns whether to notify */
static bool queue_crw(u8 rsc, u8 erc, u16 rsid)
{
	struct crw *c;

	if (css.crw_nr == CRW_QUEUE) {
		css.crw_overflow = true;
		return false;
	}
	c = &css.crw[(css.crw_head + css.crw_nr++) % CRW_QUEUE];
	memset(c, 0, sizeof(*c));
	c->rsc = rsc;
	c->erc = erc;
	c->rsid = rsid;
	if (css.crw_overflow) {
		c->oflw = 1;
		css.crw_overflow = false;
	}
	return true;
}

static void notify_crw(bool notify)
{
	void (*fn)(void) = READ_ONCE(css.crw_notify);

	if (notify && fn)
		fn();
}

int um_css_stcrw(struct crw *crw)
{
	int cc = 1;

	if ((uintptr_t)crw & 3)
		return -UM_PGM_SPECIFICATION;
	pthread_mutex_lock(&um_css_lock);
	memset(crw, 0, sizeof(*crw));
	if (css.crw_nr) {
		*crw = css.crw[css.crw_head];
		css.crw_head = (css.crw_head + 1) % CRW_QUEUE;
		css.crw_nr--;
		cc = 0;
	}
	pthread_mutex_unlock(&um_css_lock);
	return cc;
}

void um_css_set_crw_notify(void (*fn)(void))
{
	WRITE_ONCE(css.crw_notify, fn);
}

/* ---------------------------------------------------- status helpers */

#define SCSW(sch)	((sch)->schib.scsw.cmd)

static bool status_pending(struct um_sch *sch)
{
	return SCSW(sch).stctl & SCSW_STCTL_STATUS_PEND;
}

/* the paths the current start may use */
static u8 usable_paths(struct um_sch *sch, u8 lpm)
{
	struct pmcw *p = &sch->schib.pmcw;

	return lpm & p->lpm & p->pam & p->pom & p->pim;
}

static void clear_status(struct um_sch *sch)
{
	struct cmd_scsw *s = &SCSW(sch);

	s->stctl = 0;
	s->dstat = 0;
	s->cstat = 0;
	s->count = 0;
	s->cc = 0;
	s->pno = 0;
	s->ectl = 0;
	s->eswf = 0;
	sch->scnt = 0;
}

/* the clear function completes (lock held) */
static void complete_clear(struct um_sch *sch)
{
	struct pmcw *p = &sch->schib.pmcw;

	clear_status(sch);
	SCSW(sch).fctl = SCSW_FCTL_CLEAR_FUNC;
	SCSW(sch).actl = 0;
	SCSW(sch).stctl = SCSW_STCTL_STATUS_PEND;
	p->pom = 0xff;
	p->pnom = 0;
	p->lpum = 0;
	sch->clear_req = false;
	sch->halt_req = false;
	raise_irq(sch);
}

/* the halt function completes (lock held); @ended: a program stopped */
static void complete_halt(struct um_sch *sch, bool ended, u8 dstat)
{
	struct cmd_scsw *s = &SCSW(sch);

	s->actl = 0;
	s->stctl = SCSW_STCTL_STATUS_PEND |
		(ended ? SCSW_STCTL_PRIM_STATUS | SCSW_STCTL_SEC_STATUS : 0);
	s->dstat = dstat;
	s->eswf = 1;
	sch->halt_req = false;
	raise_irq(sch);
}

static void queue_run(struct um_sch *sch)
{
	if (sch->queued)
		return;
	list_add_tail(&sch->runq, &css.runq);
	sch->queued = true;
	pthread_cond_signal(&css.run_cond);
}

static void unqueue_run(struct um_sch *sch)
{
	if (!sch->queued)
		return;
	list_del(&sch->runq);
	sch->queued = false;
}

static struct um_sch *lookup(struct subchannel_id schid, int *err)
{
	*err = 0;
	if (!schid.one || schid.cssid || schid.m) {
		*err = -UM_PGM_OPERAND;
		return NULL;
	}
	if (schid.ssid || schid.sch_no >= css.nr_sch) {
		*err = 3;
		return NULL;
	}
	return css.sch[schid.sch_no];
}

/* the subchannel, or NULL with cc 3 when it is disabled or gone */
static struct um_sch *lookup_enabled(struct subchannel_id schid, int *cc)
{
	struct um_sch *sch = lookup(schid, cc);

	if (sch && (!sch->schib.pmcw.ena || sch->gone)) {
		*cc = 3;
		return NULL;
	}
	return sch;
}

/* ------------------------------------------------------ instructions */

int um_css_ssch(struct subchannel_id schid, const union orb *orb)
{
	const struct cmd_orb *o = &orb->cmd;
	struct um_sch *sch;
	int cc;

	if ((uintptr_t)orb & 3)
		return -UM_PGM_SPECIFICATION;
	/* reserved ORB bits, transport mode and the ORB extension */
	if (o->res1 || o->res2 || o->zero || o->orbx || (o->cpa & 0x80000000))
		return -UM_PGM_OPERAND;
	pthread_mutex_lock(&um_css_lock);
	sch = lookup(schid, &cc);
	if (!sch)
		goto out;
	cc = 3;
	if (!sch->schib.pmcw.ena || !sch->schib.pmcw.dnv || sch->gone)
		goto out;
	cc = 1;
	if (status_pending(sch))
		goto out;
	cc = 2;
	if (SCSW(sch).fctl)
		goto out;
	cc = 3;
	if (!usable_paths(sch, o->lpm))
		goto out;
	cc = 0;
	sch->orb = *orb;
	clear_status(sch);
	SCSW(sch).key = o->key;
	SCSW(sch).sctl = o->spnd;
	SCSW(sch).fmt = o->fmt;
	SCSW(sch).pfch = o->pfch;
	SCSW(sch).isic = o->isic;
	SCSW(sch).alcc = o->alcc;
	SCSW(sch).ssi = o->ssic;
	SCSW(sch).cpa = o->cpa;
	SCSW(sch).fctl = SCSW_FCTL_START_FUNC;
	if (sch->fault == UM_FAULT_BUSY) {
		/* the device answers busy at selection: start ends there */
		sch->fault = UM_FAULT_NONE;
		SCSW(sch).dstat = DEV_STAT_BUSY;
		SCSW(sch).stctl = SCSW_STCTL_ALERT_STATUS |
				  SCSW_STCTL_STATUS_PEND;
		SCSW(sch).eswf = 1;
		raise_irq(sch);
		goto out;
	}
	SCSW(sch).actl = SCSW_ACTL_START_PEND;
	queue_run(sch);
out:
	pthread_mutex_unlock(&um_css_lock);
	return cc;
}

int um_css_tsch(struct subchannel_id schid, struct irb *irb)
{
	struct cmd_scsw *s;
	struct um_sch *sch;
	int cc;

	if ((uintptr_t)irb & 3)
		return -UM_PGM_SPECIFICATION;
	pthread_mutex_lock(&um_css_lock);
	sch = lookup(schid, &cc);
	if (!sch)
		goto out;
	s = &SCSW(sch);
	memset(irb, 0, sizeof(*irb));
	irb->scsw = sch->schib.scsw;
	irb->esw.esw0.sublog.lpum = sch->schib.pmcw.lpum;
	if (sch->scnt) {
		irb->esw.esw0.erw.cons = 1;
		irb->esw.esw0.erw.scnt = sch->scnt;
		memcpy(irb->ecw, sch->ecw, sizeof(irb->ecw));
	}
	if (!status_pending(sch)) {
		cc = 1;
		goto out;
	}
	cc = 0;
	withdraw_irq(sch);
	if (!(s->stctl & SCSW_STCTL_INTER_STATUS) ||
	    (s->stctl & (SCSW_STCTL_PRIM_STATUS | SCSW_STCTL_SEC_STATUS |
			 SCSW_STCTL_ALERT_STATUS))) {
		/* the function has ended: the subchannel is idle again */
		clear_status(sch);
		s->fctl = 0;
		s->actl &= SCSW_ACTL_SUSPENDED;
		if (s->actl)
			s->fctl = SCSW_FCTL_START_FUNC;
	} else {
		/* intermediate status only: the program goes on */
		s->stctl = 0;
		s->cstat &= ~SCHN_STAT_PCI;
		s->dstat = 0;
	}
out:
	pthread_mutex_unlock(&um_css_lock);
	return cc;
}

int um_css_stsch(struct subchannel_id schid, struct schib *schib)
{
	struct um_sch *sch;
	int cc;

	if ((uintptr_t)schib & 3)
		return -UM_PGM_SPECIFICATION;
	pthread_mutex_lock(&um_css_lock);
	sch = lookup(schid, &cc);
	if (sch)
		*schib = sch->schib;
	pthread_mutex_unlock(&um_css_lock);
	return cc;
}

int um_css_msch(struct subchannel_id schid, const struct schib *schib)
{
	const struct pmcw *n = &schib->pmcw;
	struct pmcw *p;
	struct um_sch *sch;
	int cc;

	if ((uintptr_t)schib & 3)
		return -UM_PGM_SPECIFICATION;
	/* PMCW word 1 bits 0, 1, 6 and 7 must be zero; bit 5 is ignored */
	if (n->qf || n->w || (n->res5 & 3) || n->mme == 3 || n->lm == 3)
		return -UM_PGM_OPERAND;
	pthread_mutex_lock(&um_css_lock);
	sch = lookup(schid, &cc);
	if (!sch)
		goto out;
	cc = 1;
	if (status_pending(sch))
		goto out;
	cc = 2;
	if (SCSW(sch).fctl)
		goto out;
	cc = 0;
	p = &sch->schib.pmcw;
	p->intparm = n->intparm;
	p->isc = n->isc;
	p->ena = n->ena;
	p->lm = n->lm;
	p->mme = n->mme;
	p->mp = n->mp;
	p->lpm = n->lpm;
	p->mbi = n->mbi;
	p->pom = n->pom;
	p->csense = n->csense;
	p->mbfc = n->mbfc;
	p->xmwme = 0;
	sch->schib.mba = schib->mba;
out:
	pthread_mutex_unlock(&um_css_lock);
	return cc;
}

int um_css_hsch(struct subchannel_id schid)
{
	struct um_sch *sch;
	bool idle;
	int cc;

	pthread_mutex_lock(&um_css_lock);
	sch = lookup_enabled(schid, &cc);
	if (!sch)
		goto out;
	cc = 1;
	if (status_pending(sch) &&
	    (SCSW(sch).stctl & (SCSW_STCTL_PRIM_STATUS |
				SCSW_STCTL_SEC_STATUS |
				SCSW_STCTL_ALERT_STATUS)))
		goto out;
	cc = 2;
	if (SCSW(sch).fctl & (SCSW_FCTL_HALT_FUNC | SCSW_FCTL_CLEAR_FUNC))
		goto out;
	cc = 0;
	idle = !SCSW(sch).fctl;
	SCSW(sch).fctl |= SCSW_FCTL_HALT_FUNC;
	SCSW(sch).actl |= SCSW_ACTL_HALT_PEND;
	if (sch->running) {
		/* the channel thread ends the program and the halt */
		sch->halt_req = true;
		pthread_cond_broadcast(&sch->sleep);
		goto out;
	}
	unqueue_run(sch);
	complete_halt(sch, !idle, 0);
out:
	pthread_mutex_unlock(&um_css_lock);
	return cc;
}

int um_css_csch(struct subchannel_id schid)
{
	struct um_sch *sch;
	int cc;

	pthread_mutex_lock(&um_css_lock);
	sch = lookup_enabled(schid, &cc);
	if (!sch)
		goto out;
	cc = 0;
	withdraw_irq(sch);
	clear_status(sch);
	SCSW(sch).fctl = SCSW_FCTL_CLEAR_FUNC;
	SCSW(sch).actl = SCSW_ACTL_CLEAR_PEND;
	if (sch->running) {
		/* completes once the channel no longer touches storage */
		sch->clear_req = true;
		pthread_cond_broadcast(&sch->sleep);
		goto out;
	}
	unqueue_run(sch);
	complete_clear(sch);
out:
	pthread_mutex_unlock(&um_css_lock);
	return cc;
}

int um_css_xsch(struct subchannel_id schid)
{
	struct um_sch *sch;
	u32 actl;
	int cc;

	pthread_mutex_lock(&um_css_lock);
	sch = lookup_enabled(schid, &cc);
	if (!sch)
		goto out;
	cc = 1;
	if (status_pending(sch))
		goto out;
	cc = 2;
	actl = SCSW(sch).actl;
	if (SCSW(sch).fctl != SCSW_FCTL_START_FUNC || sch->running ||
	    (actl != SCSW_ACTL_START_PEND && actl != SCSW_ACTL_SUSPENDED))
		goto out;
	cc = 0;
	unqueue_run(sch);
	SCSW(sch).fctl = 0;
	SCSW(sch).actl = 0;
out:
	pthread_mutex_unlock(&um_css_lock);
	return cc;
}

int um_css_rsch(struct subchannel_id schid)
{
	struct um_sch *sch;
	int cc;

	pthread_mutex_lock(&um_css_lock);
	sch = lookup_enabled(schid, &cc);
	if (!sch)
		goto out;
	cc = 1;
	if (status_pending(sch))
		goto out;
	cc = 2;
	if (SCSW(sch).fctl != SCSW_FCTL_START_FUNC || !sch->orb.cmd.spnd ||
	    (SCSW(sch).actl & SCSW_ACTL_RESUME_PEND))
		goto out;
	cc = 0;
	if (SCSW(sch).actl & SCSW_ACTL_SUSPENDED) {
		SCSW(sch).actl = SCSW_ACTL_RESUME_PEND;
		queue_run(sch);
	} else {
		/* not yet suspended: the next S flag is passed over */
		SCSW(sch).actl |= SCSW_ACTL_RESUME_PEND;
	}
out:
	pthread_mutex_unlock(&um_css_lock);
	return cc;
}

/* ------------------------------------------------- for the channel */

bool um_css_cancel_requested(struct um_sch *sch)
{
	bool c;

	pthread_mutex_lock(&um_css_lock);
	c = sch->halt_req || sch->clear_req || sch->gone;
	pthread_mutex_unlock(&um_css_lock);
	return c;
}

bool um_css_take_resume(struct um_sch *sch)
{
	bool r;

	pthread_mutex_lock(&um_css_lock);
	r = SCSW(sch).actl & SCSW_ACTL_RESUME_PEND;
	SCSW(sch).actl &= ~SCSW_ACTL_RESUME_PEND;
	pthread_mutex_unlock(&um_css_lock);
	return r;
}

bool um_css_sleep(struct um_sch *sch, u64 ns)
{
	struct timespec ts;
	u64 t;
	bool ok;

	clock_gettime(CLOCK_REALTIME, &ts);	/* the condvars' clock */
	t = ts.tv_sec * 1000000000ull + ts.tv_nsec + ns;
	ts.tv_sec = t / 1000000000ull;
	ts.tv_nsec = t % 1000000000ull;
	pthread_mutex_lock(&um_css_lock);
	while (!sch->halt_req && !sch->clear_req && !sch->gone &&
	       !pthread_cond_timedwait(&sch->sleep, &um_css_lock, &ts))
		;
	ok = !sch->halt_req && !sch->clear_req && !sch->gone;
	pthread_mutex_unlock(&um_css_lock);
	return ok;
}

void um_css_pci(struct um_sch *sch)
{
	pthread_mutex_lock(&um_css_lock);
	SCSW(sch).cstat |= SCHN_STAT_PCI;
	SCSW(sch).stctl |= SCSW_STCTL_INTER_STATUS | SCSW_STCTL_STATUS_PEND;
	raise_irq(sch);
	pthread_mutex_unlock(&um_css_lock);
	take_irqs();
}

/* a channel path goes off (lock held); returns whether to notify */
static bool chp_set(u8 chpid, bool online)
{
	int i, k;

	if (!css.chp[chpid].installed || css.chp[chpid].online == online)
		return false;
	css.chp[chpid].online = online;
	for (i = 0; i < css.nr_sch; i++) {
		struct pmcw *p = &css.sch[i]->schib.pmcw;

		for (k = 0; k < 8; k++) {
			if (!(p->pim & (0x80 >> k)) || p->chpid[k] != chpid)
				continue;
			if (online) {
				p->pam |= 0x80 >> k;
				p->pom |= 0x80 >> k;
				p->pnom &= ~(0x80 >> k);
			} else {
				p->pam &= ~(0x80 >> k);
			}
		}
	}
	return queue_crw(CRW_RSC_CPATH,
			 online ? CRW_ERC_INIT : CRW_ERC_PERRN, chpid);
}

/* finish a program (lock held) */
static void finish(struct um_sch *sch, struct um_run_result *r,
		   bool *notify)
{
	struct cmd_scsw *s = &SCSW(sch);
	struct pmcw *p = &sch->schib.pmcw;
	u8 checks = SCHN_STAT_PROG_CHECK | SCHN_STAT_PROT_CHECK |
		    SCHN_STAT_CHN_DATA_CHK | SCHN_STAT_CHN_CTRL_CHK |
		    SCHN_STAT_INTF_CTRL_CHK | SCHN_STAT_CHAIN_CHECK;

	sch->running = false;
	css.programs_done++;
	if (sch->clear_req) {
		complete_clear(sch);
		return;
	}
	s->cpa = r->cpa;
	s->count = r->count;
	if (sch->halt_req) {
		complete_halt(sch, true, r->dstat);
		return;
	}
	if (r->suspended) {
		if (s->actl & SCSW_ACTL_RESUME_PEND) {
			/* RSCH came while the channel was stopping */
			s->actl = SCSW_ACTL_RESUME_PEND;
			queue_run(sch);
			return;
		}
		s->actl = SCSW_ACTL_SUSPENDED;
		if (!sch->orb.cmd.ssic) {
			s->stctl |= SCSW_STCTL_INTER_STATUS |
				    SCSW_STCTL_STATUS_PEND;
			raise_irq(sch);
		}
		return;
	}
	s->actl = 0;
	s->eswf = 1;
	if (sch->gone) {
		/* the device went away under the program: deferred cc 3 */
		s->cc = 3;
		s->stctl = SCSW_STCTL_PRIM_STATUS | SCSW_STCTL_STATUS_PEND;
		raise_irq(sch);
		return;
	}
	if (r->path_failed) {
		u8 pos = pathmask_to_pos(sch->lpum);

		r->cstat |= SCHN_STAT_INTF_CTRL_CHK;
		s->pno = 1;
		p->pnom |= sch->lpum;
		p->pom &= ~sch->lpum;
		*notify |= chp_set(p->chpid[pos], false);
	}
	s->dstat |= r->dstat;
	s->cstat |= r->cstat;
	s->stctl &= ~SCSW_STCTL_INTER_STATUS;
	s->stctl |= SCSW_STCTL_PRIM_STATUS | SCSW_STCTL_SEC_STATUS |
		    SCSW_STCTL_STATUS_PEND;
	if ((s->cstat & checks) || (s->dstat & DEV_STAT_UNIT_CHECK) ||
	    !(s->dstat & DEV_STAT_DEV_END))
		s->stctl |= SCSW_STCTL_ALERT_STATUS;
	if ((r->dstat & DEV_STAT_UNIT_CHECK) && p->csense) {
		memcpy(sch->ecw, sch->dev->sense, sizeof(sch->ecw));
		sch->scnt = 32;
		s->ectl = 1;
	}
	raise_irq(sch);
}

static void *channel_thread(void *arg)
{
	struct um_run_result r;
	struct um_sch *sch;
	bool notify;
	u32 addr;
	u8 paths;

	/* named before its task_struct reads the name (current->comm) */
	prctl(PR_SET_NAME, "css-channel", 0, 0, 0);
	cpu_takes_irqs = true;
	pthread_mutex_lock(&um_css_lock);
	while (!css.stop) {
		if (list_empty(&css.runq)) {
			pthread_cond_wait(&css.run_cond, &um_css_lock);
			continue;
		}
		sch = list_first_entry(&css.runq, struct um_sch, runq);
		unqueue_run(sch);
		/* a start begins at the ORB's CCW, a resume where it stopped */
		if (SCSW(sch).actl & SCSW_ACTL_START_PEND)
			addr = SCSW(sch).cpa;
		else
			addr = sch->next_ccw;
		SCSW(sch).actl &= ~(SCSW_ACTL_START_PEND |
				    SCSW_ACTL_RESUME_PEND |
				    SCSW_ACTL_SUSPENDED);
		SCSW(sch).actl |= SCSW_ACTL_SCHACT | SCSW_ACTL_DEVACT;
		paths = usable_paths(sch, sch->orb.cmd.lpm);
		/* the leftmost usable path */
		sch->lpum = paths ? 1 << (fls(paths) - 1) : 0;
		sch->schib.pmcw.lpum = sch->lpum;
		sch->running = true;
		pthread_mutex_unlock(&um_css_lock);

		if (paths)
			um_ccw_run(sch, addr, &r);
		else
			r = (struct um_run_result){ .path_failed = true,
						    .cpa = addr };

		notify = false;
		pthread_mutex_lock(&um_css_lock);
		finish(sch, &r, &notify);
		if (notify || irq_entry) {
			/*
			 * The I/O interruption first: 6.1 handles it at once
			 * and collects CRWs later, in crw_collect_info().
			 */
			pthread_mutex_unlock(&um_css_lock);
			take_irqs();
			notify_crw(notify);
			pthread_mutex_lock(&um_css_lock);
		}
	}
	pthread_mutex_unlock(&um_css_lock);
	return NULL;
}

static void stop_threads(void)
{
	int i, n;

	pthread_mutex_lock(&um_css_lock);
	css.stop = true;
	pthread_cond_broadcast(&css.run_cond);
	n = css.nr_threads;
	css.nr_threads = 0;
	pthread_mutex_unlock(&um_css_lock);
	for (i = 0; i < n; i++)
		pthread_join(css.threads[i], NULL);
	pthread_mutex_lock(&um_css_lock);
	css.stop = false;
	pthread_mutex_unlock(&um_css_lock);
}

int um_css_set_channel_threads(int n)
{
	int i, ret;

	if (n < 1 || n > UM_CSS_MAX_CHAN_THREADS)
		return -EINVAL;
	stop_threads();
	for (i = 0; i < n; i++) {
		ret = um_kthread_create(&css.threads[i], NULL, channel_thread,
					NULL);
		if (ret) {
			pthread_mutex_lock(&um_css_lock);
			css.nr_threads = i;
			pthread_mutex_unlock(&um_css_lock);
			return -ret;
		}
	}
	pthread_mutex_lock(&um_css_lock);
	css.nr_threads = n;
	pthread_mutex_unlock(&um_css_lock);
	return 0;
}

/* ----------------------------------------------------- configuration */

int um_css_add_chpid(u8 chpid, bool online)
{
	int ret = 0;

	pthread_mutex_lock(&um_css_lock);
	if (css.chp[chpid].installed)
		ret = -EEXIST;
	css.chp[chpid].installed = true;
	css.chp[chpid].online = online;
	pthread_mutex_unlock(&um_css_lock);
	return ret;
}

int um_css_vary_chpid(u8 chpid, bool online)
{
	bool notify;

	pthread_mutex_lock(&um_css_lock);
	if (!css.chp[chpid].installed) {
		pthread_mutex_unlock(&um_css_lock);
		return -ENODEV;
	}
	notify = chp_set(chpid, online);
	pthread_mutex_unlock(&um_css_lock);
	notify_crw(notify);
	return 0;
}

int um_css_add_subchannel(u16 devno, struct um_css_dev *dev,
			  const u8 *chpids, int nr_chpids)
{
	struct um_sch *sch;
	struct pmcw *p;
	int i, n = 0, ret;

	sch = kzalloc(sizeof(*sch), GFP_KERNEL);
	if (!sch)
		return -ENOMEM;
	pthread_cond_init(&sch->sleep, NULL);
	INIT_LIST_HEAD(&sch->runq);
	INIT_LIST_HEAD(&sch->irqq);
	sch->dev = dev;
	p = &sch->schib.pmcw;
	p->dnv = 1;
	p->dev = devno;
	p->st = 0;		/* I/O subchannel */
	pthread_mutex_lock(&um_css_lock);
	if (css.nr_sch == UM_CSS_MAX_SCH) {
		ret = -ENOSPC;
		goto fail;
	}
	for (i = 0; i < 256 && n < 8; i++) {
		bool want = nr_chpids ? false : css.chp[i].online;
		int k;

		for (k = 0; k < nr_chpids; k++)
			want |= chpids[k] == i;
		if (!want)
			continue;
		if (!css.chp[i].installed) {
			ret = -ENODEV;
			goto fail;
		}
		p->chpid[n] = i;
		p->pim |= 0x80 >> n;
		if (css.chp[i].online)
			p->pam |= 0x80 >> n;
		n++;
	}
	if (nr_chpids > 8 || (nr_chpids && n != nr_chpids)) {
		ret = -EINVAL;
		goto fail;
	}
	p->pom = 0xff;
	p->lpm = p->pim;
	sch->sch_no = css.nr_sch;
	css.sch[css.nr_sch++] = sch;
	pthread_mutex_unlock(&um_css_lock);
	return sch->sch_no;
fail:
	pthread_mutex_unlock(&um_css_lock);
	kfree(sch);
	return ret;
}

int um_css_chpid_online(u8 chpid)
{
	int ret;

	pthread_mutex_lock(&um_css_lock);
	ret = !css.chp[chpid].installed ? -ENODEV : css.chp[chpid].online;
	pthread_mutex_unlock(&um_css_lock);
	return ret;
}

int um_css_nr_subchannels(void)
{
	return READ_ONCE(css.nr_sch);
}

struct um_css_dev *um_css_sch_dev(u16 sch_no)
{
	return sch_no < READ_ONCE(css.nr_sch) ? css.sch[sch_no]->dev : NULL;
}

int um_css_inject(u16 sch_no, enum um_css_fault fault, int arg)
{
	struct um_sch *sch;
	bool notify = false;

	pthread_mutex_lock(&um_css_lock);
	if (sch_no >= css.nr_sch) {
		pthread_mutex_unlock(&um_css_lock);
		return -ENODEV;
	}
	sch = css.sch[sch_no];
	if (fault == UM_FAULT_NOT_OPER) {
		sch->gone = true;
		pthread_cond_broadcast(&sch->sleep);
		notify = queue_crw(CRW_RSC_SCH, CRW_ERC_IPARM, sch_no);
	} else if (fault == UM_FAULT_NONE && sch->gone) {
		sch->gone = false;
		notify = queue_crw(CRW_RSC_SCH, CRW_ERC_IPARM, sch_no);
	} else {
		sch->fault = fault;
		sch->fault_arg = arg;
	}
	pthread_mutex_unlock(&um_css_lock);
	notify_crw(notify);
	return 0;
}

u64 um_css_programs_done(void)
{
	u64 n;

	pthread_mutex_lock(&um_css_lock);
	n = css.programs_done;
	pthread_mutex_unlock(&um_css_lock);
	return n;
}

void um_css_reset(void)
{
	int i;

	stop_threads();
	pthread_mutex_lock(&um_css_lock);
	for (i = 0; i < css.nr_sch; i++) {
		struct um_sch *sch = css.sch[i];

		withdraw_irq(sch);
		unqueue_run(sch);
		if (sch->dev && sch->dev->ops->release)
			sch->dev->ops->release(sch->dev);
		pthread_cond_destroy(&sch->sleep);
		kfree(sch);
		css.sch[i] = NULL;
	}
	css.nr_sch = 0;
	memset(css.chp, 0, sizeof(css.chp));
	css.crw_nr = 0;
	css.crw_overflow = false;
	pthread_mutex_unlock(&um_css_lock);
}

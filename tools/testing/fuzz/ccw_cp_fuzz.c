// SPDX-License-Identifier: GPL-2.0
/*
 * ccw_cp_fuzz.c - libFuzzer harness for vfio-ccw channel-program
 * translation (drivers/s390/cio/vfio_ccw_cp.c, compiled unmodified).
 *
 * The input describes a guest: which of its 16 pages are DMA-mapped and
 * at which IOVA, the ORB (format, IDAW format and block size, CCW
 * address) and the guest memory (CCWs, IDALs, anything).  The harness
 * supplies the kernel services the translation uses, as test doubles:
 *
 *  - vfio_dma_rw() reads only mapped IOVA (else -EINVAL, as 6.1's type1)
 *    and never writes; with the "racing guest" bit it scribbles over
 *    every byte right after it was read, as a guest vcpu could, so a
 *    second read of a guest word (check, then use) would see garbage;
 *  - vfio_pin_pages()/vfio_unpin_pages() pin page-aligned mapped IOVA
 *    and count pins per page; unpinning what is not pinned aborts;
 *  - kmalloc & co.: GFP_DMA memory comes from a 31-bit arena (the CCW
 *    and IDAL addresses the device gets are 31-bit), with ASan-poisoned
 *    red zones; the rest from malloc (LeakSanitizer finds leaks);
 *    an input byte makes the n-th allocation fail.
 *
 * After a successful translation it checks, as a channel would see it:
 * the host ORB; every host CCW reachable from it; every byte any IDAW
 * lets the device touch (also a device that ignores IDAW alignment) lies
 * in a page this program pinned or in its scratch area; each host CCW
 * matches the guest's (command, flags, count, TIC target, each IDAW at
 * the guest's address); the SCSW's CCW address maps back to the guest's.
 * After cp_free() (also after every failed translation) no pin and no
 * 31-bit allocation is left.  Any violation aborts (a fuzzer crash).
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vfio.h>
#include <asm/cio.h>
#include <asm/scsw.h>

#include "vfio_ccw_cp.h"

/* libc, declared by hand: the kernel headers above own the names */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void free(void *p);
void abort(void);
int dprintf(int fd, const char *fmt, ...);
#define MAP_FAILED_	((void *)-1)
void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off);
/* weak: the coverage build has no ASan */
void __asan_poison_memory_region(void const volatile *addr, size_t size)
	__attribute__((weak));
void __asan_unpoison_memory_region(void const volatile *addr, size_t size)
	__attribute__((weak));
#define POISON(p, n) do {						\
	if (__asan_poison_memory_region)				\
		__asan_poison_memory_region(p, n);			\
} while (0)
#define UNPOISON(p, n) do {						\
	if (__asan_unpoison_memory_region)				\
		__asan_unpoison_memory_region(p, n);			\
} while (0)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define BUG_IF(cond, ...) do {						\
	if (cond) {							\
		dprintf(2, "ccw_cp_fuzz: %s:%d: ", __func__, __LINE__);	\
		dprintf(2, __VA_ARGS__);				\
		dprintf(2, "\n");					\
		abort();						\
	}								\
} while (0)

/* ------------------------------------------------------------ guest */

#define GUEST_PAGES	16
#define GUEST_SIZE	(GUEST_PAGES * PAGE_SIZE)

static u8 *guest;		/* backing memory, page aligned */
static u8 snapshot[GUEST_SIZE];	/* the guest as the input gave it */
static u64 iova_base;
static u16 mapped;		/* bit p: guest page p is DMA-mapped */
static int pins[GUEST_PAGES];
static bool racing;
static u8 race_key;
static struct vfio_device *const vdev = (struct vfio_device *)&vdev;

/* The guest page holding @iova, or -1 when it is not mapped. */
static int iova_page(u64 iova)
{
	u64 p;

	if (iova < iova_base || iova - iova_base >= GUEST_SIZE)
		return -1;
	p = (iova - iova_base) / PAGE_SIZE;
	return mapped & (1u << p) ? (int)p : -1;
}

int vfio_dma_rw(struct vfio_device *device, dma_addr_t iova, void *buf,
		size_t len, bool write)
{
	u64 a;

	BUG_IF(device != vdev, "foreign device");
	BUG_IF(write, "translation writes guest memory at %#llx",
	       (unsigned long long)iova);
	BUG_IF(len > GUEST_SIZE, "read of %zu bytes", len);
	if (!len)
		return 0;
	if (iova + len < iova)
		return -EINVAL;
	for (a = iova & PAGE_MASK; a < iova + len; a += PAGE_SIZE)
		if (iova_page(a) < 0)
			return -EINVAL;
	memcpy(buf, guest + (iova - iova_base), len);
	if (racing)
		for (a = 0; a < len; a++)
			guest[iova - iova_base + a] ^= race_key;
	return 0;
}

int vfio_pin_pages(struct vfio_device *device, dma_addr_t iova, int npage,
		   int prot, struct page **pages)
{
	int i, p;

	BUG_IF(device != vdev, "foreign device");
	/* 6.1: -EINVAL for npage 0, -E2BIG above 512; the driver never asks */
	BUG_IF(npage <= 0 || npage > 512, "pin of %d pages", npage);
	BUG_IF(iova & ~PAGE_MASK, "unaligned pin %#llx",
	       (unsigned long long)iova);
	BUG_IF(prot != (IOMMU_READ | IOMMU_WRITE), "prot %#x", prot);
	for (i = 0; i < npage; i++)
		if (iova_page(iova + (u64)i * PAGE_SIZE) < 0)
			return -EINVAL;
	for (i = 0; i < npage; i++) {
		p = iova_page(iova + (u64)i * PAGE_SIZE);
		pins[p]++;
		pages[i] = (struct page *)(guest + (u64)p * PAGE_SIZE);
	}
	return npage;
}

void vfio_unpin_pages(struct vfio_device *device, dma_addr_t iova, int npage)
{
	int i, p;

	BUG_IF(device != vdev, "foreign device");
	BUG_IF(npage <= 0 || iova & ~PAGE_MASK, "unpin %#llx x %d",
	       (unsigned long long)iova, npage);
	for (i = 0; i < npage; i++) {
		p = iova_page(iova + (u64)i * PAGE_SIZE);
		BUG_IF(p < 0 || !pins[p], "unpin of unpinned IOVA %#llx",
		       (unsigned long long)(iova + (u64)i * PAGE_SIZE));
		pins[p]--;
	}
}

/* ------------------------------------------------------------ kmalloc */

#define ARENA_SIZE	(32ul << 20)
#define REDZONE		64
#define MAX_DMA_ALLOCS	16384
#define MAP_32BIT_	0x40
#define MAP_PRIVATE_	0x02
#define MAP_ANON_	0x20

static u8 *arena;
static unsigned long arena_used;
static struct { u8 *p; size_t size; bool live; } dma_allocs[MAX_DMA_ALLOCS];
static int nr_dma_allocs, live_dma_allocs;
static unsigned int alloc_count, fail_at;

static void *dma_alloc(size_t size)
{
	unsigned long align = 8, start;
	u8 *p;

	while (align < size && align < 8192)
		align <<= 1;
	if (size > 8192 || (size & (size - 1)))
		align = 8;
	start = ALIGN(arena_used + REDZONE, align);
	BUG_IF(start + size + REDZONE > ARENA_SIZE ||
	       nr_dma_allocs == MAX_DMA_ALLOCS, "31-bit arena full");
	p = arena + start;
	arena_used = start + size;
	UNPOISON(p, size);
	dma_allocs[nr_dma_allocs].p = p;
	dma_allocs[nr_dma_allocs].size = size;
	dma_allocs[nr_dma_allocs].live = true;
	nr_dma_allocs++;
	live_dma_allocs++;
	return p;
}

/* The live 31-bit allocation holding [p, p + len), or -1. */
static int dma_alloc_of(const void *p, size_t len)
{
	const u8 *b = p;
	int i;

	for (i = 0; i < nr_dma_allocs; i++)
		if (dma_allocs[i].live && b >= dma_allocs[i].p &&
		    b + len <= dma_allocs[i].p + dma_allocs[i].size)
			return i;
	return -1;
}

void *kmalloc(size_t size, gfp_t flags)
{
	void *p;

	if (fail_at && ++alloc_count == fail_at)
		return NULL;
	if (!size)
		return ZERO_SIZE_PTR;
	if (flags & GFP_DMA)
		p = dma_alloc(size);
	else
		p = malloc(size);
	BUG_IF(!p, "out of host memory");
	if (flags & __GFP_ZERO)
		memset(p, 0, size);
	else
		memset(p, 0xa5, size);	/* no help from zeroed memory */
	BUG_IF((flags & GFP_DMA) && (unsigned long)p + size > 0x80000000ul,
	       "GFP_DMA above 2G");
	return p;
}

void kfree(const void *objp)
{
	const u8 *p = objp;
	int i;

	if (ZERO_OR_NULL_PTR(objp))
		return;
	if (p >= arena && p < arena + ARENA_SIZE) {
		for (i = 0; i < nr_dma_allocs; i++)
			if (dma_allocs[i].p == p && dma_allocs[i].live)
				break;
		BUG_IF(i == nr_dma_allocs, "kfree of %p: not allocated", p);
		dma_allocs[i].live = false;
		live_dma_allocs--;
		POISON(p, dma_allocs[i].size);
		return;
	}
	free((void *)objp);
}

static void arena_reset(void)
{
	BUG_IF(live_dma_allocs, "%d 31-bit allocations leaked",
	       live_dma_allocs);
	POISON(arena, ARENA_SIZE);
	arena_used = 0;
	nr_dma_allocs = 0;
}

/* ------------------------------------------------------------ checks */

/* The host CCW at "physical" (here: process) address @a, or NULL. */
static struct ccw1 *host_ccw(struct channel_program *cp, u64 a,
			     struct ccwchain **chainp, int *idx)
{
	struct ccwchain *chain;

	list_for_each_entry(chain, &cp->chains, next) {
		u64 base = virt_to_phys(chain->ccw);

		if (a >= base && a < base + (u64)chain->len * 8 &&
		    !((a - base) % 8)) {
			*chainp = chain;
			*idx = (a - base) / 8;
			return &chain->ccw[*idx];
		}
	}
	return NULL;
}

/* The device may touch [a, a + len): a pinned guest page or scratch. */
static void check_range(struct channel_program *cp, u64 a, u64 len)
{
	u8 *p = (u8 *)(unsigned long)a;
	u64 off;

	if (!len)
		return;
	if (cp->scratch && p >= (u8 *)cp->scratch &&
	    p + len <= (u8 *)cp->scratch + 2 * PAGE_SIZE)
		return;
	BUG_IF(p < guest || p >= guest + GUEST_SIZE,
	       "device access at %#llx outside guest memory and scratch",
	       (unsigned long long)a);
	off = p - guest;
	BUG_IF(off / PAGE_SIZE != (off + len - 1) / PAGE_SIZE,
	       "device access %#llx+%llu crosses a page",
	       (unsigned long long)a, (unsigned long long)len);
	BUG_IF(!pins[off / PAGE_SIZE], "device access to unpinned page %llu",
	       (unsigned long long)(off / PAGE_SIZE));
}

/*
 * What a channel could touch for one host CCW: its IDAL must be a live
 * 31-bit allocation; every block, also of an IDAW a strict channel
 * would refuse as misaligned, must be pinned memory or scratch.
 */
static void check_data(struct channel_program *cp, const struct ccw1 *ccw,
		       unsigned int bs)
{
	u64 *idal = (u64 *)(unsigned long)ccw->cda;
	u64 left = ccw->count, a, blk;
	int n, k;

	if (!ccw->count)
		return;
	BUG_IF(!(ccw->flags & CCW_FLAG_IDA), "data CCW without host IDAL");
	BUG_IF(ccw->cda & 7, "IDAL not doubleword aligned");
	n = DIV_ROUND_UP((idal[0] & (bs - 1)) + ccw->count, bs);
	BUG_IF(dma_alloc_of(idal, n * 8) < 0, "host IDAL of %d words not ours",
	       n);
	for (k = 0; k < n && left; k++) {
		a = idal[k];
		blk = bs - (a & (bs - 1));
		if (k && (a & (bs - 1)))
			blk = bs;	/* a lax channel */
		blk = min(blk, left);
		check_range(cp, a, blk);
		left -= blk;
	}
}

/*
 * Every host CCW a channel can reach from the ORB: the next one after a
 * chaining CCW, the one after that too when command chaining lets
 * status modifier skip one, a TIC's target.  The CCW after a segment's
 * last one is its spare slot: zeroed, so a program check.
 */
static void check_walk(struct channel_program *cp, const union orb *orb)
{
	unsigned int bs = orb->cmd.i2k ? 2048 : 4096;
	static u8 seen[2 * CCWCHAIN_MAX][CCWCHAIN_LEN_MAX + 1];
	static u64 todo[2 * CCWCHAIN_MAX * (CCWCHAIN_LEN_MAX + 1) * 2];
	struct ccwchain *chain, *c;
	struct ccw1 *ccw;
	int idx, ci, n = 0;
	u64 a;

	memset(seen, 0, sizeof(seen));
	todo[n++] = orb->cmd.cpa;
	while (n) {
		a = todo[--n];
		ccw = host_ccw(cp, a, &chain, &idx);
		if (!ccw) {
			/*
			 * Only a segment's spare slot: zero, or a TIC to
			 * what follows a TIC status modifier may skip.
			 */
			ccw = (struct ccw1 *)(unsigned long)a;
			BUG_IF(!host_ccw(cp, a - 8, &chain, &idx) ||
			       idx != chain->len - 1 || ccw->count ||
			       ccw->flags || (ccw->cmd_code &&
			       (ccw->cmd_code != CCW_CMD_TIC || !chain->sm_next)),
			       "channel fetches CCW at %#llx: not a host CCW",
			       (unsigned long long)a);
			if (ccw->cmd_code == CCW_CMD_TIC)
				todo[n++] = ccw->cda;
			continue;
		}
		ci = 0;
		list_for_each_entry(c, &cp->chains, next) {
			if (c == chain)
				break;
			ci++;
		}
		if (seen[ci][idx])
			continue;
		seen[ci][idx] = 1;
		if (ccw->cmd_code == CCW_CMD_TIC) {
			todo[n++] = ccw->cda;
			continue;
		}
		check_data(cp, ccw, bs);
		if (!(ccw->flags & (CCW_FLAG_CC | CCW_FLAG_DC)))
			continue;
		todo[n++] = a + 8;
		if ((ccw->flags & (CCW_FLAG_CC | CCW_FLAG_DC)) == CCW_FLAG_CC)
			todo[n++] = a + 16;	/* status modifier */
	}
}

/* The guest's CCW at @iova, format 1, from the input's snapshot. */
static struct ccw1 guest_ccw(u64 iova, bool fmt1)
{
	struct ccw1 c;
	struct ccw0 c0;

	memcpy(&c, snapshot + (iova - iova_base), 8);
	if (!fmt1) {
		memcpy(&c0, &c, 8);
		c.cmd_code = c0.cmd_code;
		c.flags = c0.flags;
		c.count = c0.count;
		c.cda = c0.cda;
	}
	return c;
}

static u64 guest_idaw(u64 idal, int k, bool fmt1_idaw)
{
	u32 w;
	u64 d;

	if (fmt1_idaw) {
		memcpy(&w, snapshot + (idal - iova_base) + 4 * k, 4);
		return w;
	}
	memcpy(&d, snapshot + (idal - iova_base) + 8 * k, 8);
	return d;
}

/* Each host CCW says what the guest's said (snapshot; no racing). */
static void check_semantics(struct channel_program *cp)
{
	bool fmt1 = cp->orb.cmd.fmt, fmt1_idaw = !cp->orb.cmd.c64;
	unsigned int bs = cp->bs;
	struct ccwchain *chain, *tchain;
	int i, k, n, tidx;

	list_for_each_entry(chain, &cp->chains, next) {
		for (i = 0; i < chain->len; i++) {
			struct ccw1 g = guest_ccw(chain->iova + 8 * i, fmt1);

			if (chain->dead) {
				/* killed: all zero, a program check */
				BUG_IF(!chain->spec, "dead, not speculative");
				BUG_IF(memcmp(&chain->ccw[i], "\0\0\0\0\0\0\0\0",
					      8), "dead segment's CCW %d", i);
				continue;
			}
			struct ccw1 *h = &chain->ccw[i];
			u64 *idal, gi, off;

			if ((g.cmd_code & 0x0f) == CCW_CMD_TIC) {
				BUG_IF(h->cmd_code != CCW_CMD_TIC, "TIC lost");
				BUG_IF(!host_ccw(cp, h->cda, &tchain, &tidx),
				       "TIC to a non-CCW");
				BUG_IF(tchain->iova + 8 * tidx != g.cda,
				       "TIC target %#llx, guest's %#x",
				       (unsigned long long)(tchain->iova +
							    8 * tidx), g.cda);
				continue;
			}
			BUG_IF(h->cmd_code != g.cmd_code ||
			       h->count != g.count ||
			       (h->flags | CCW_FLAG_IDA) !=
			       (g.flags | CCW_FLAG_IDA),
			       "CCW %d of segment %#llx changed", i,
			       (unsigned long long)chain->iova);
			if (!g.count)
				continue;
			idal = (u64 *)(unsigned long)h->cda;
			n = DIV_ROUND_UP((idal[0] & (bs - 1)) + g.count, bs);
			for (k = 0; k < n; k++) {
				u8 *p = (u8 *)(unsigned long)idal[k];

				if (p >= guest && p < guest + GUEST_SIZE) {
					off = p - guest;
					if (g.flags & CCW_FLAG_IDA)
						gi = guest_idaw(g.cda, k,
								fmt1_idaw);
					else if (!k)
						gi = g.cda;
					else
						gi = ALIGN_DOWN((u64)g.cda, bs) +
						     (u64)k * bs;
					BUG_IF(iova_base + off != gi,
					       "IDAW %d at %#llx, guest's %#llx",
					       k, (unsigned long long)
					       (iova_base + off),
					       (unsigned long long)gi);
				} else {
					/* scratch: same offset in its block */
					BUG_IF(!cp->scratch, "IDAW nowhere");
				}
			}
		}
	}
}

/* The SCSW's CCW address: host CCW address in, guest address out. */
static void check_scsw(struct channel_program *cp, u16 sel, u32 raw)
{
	struct ccwchain *chain;
	union scsw scsw;
	int n = 0, j;
	u64 want;

	list_for_each_entry(chain, &cp->chains, next)
		n++;
	list_for_each_entry(chain, &cp->chains, next) {
		if ((sel >> 9) % n--)
			continue;
		j = (sel & 0x1ff) % (chain->len + 1);
		memset(&scsw, 0, sizeof(scsw));
		scsw.cmd.cpa = (u32)virt_to_phys(&chain->ccw[j]);
		cp_update_scsw(cp, &scsw);
		BUG_IF(scsw.cmd.cpa != chain->iova + 8 * j,
		       "SCSW CCW address %#x, want %#llx", scsw.cmd.cpa,
		       (unsigned long long)(chain->iova + 8 * j));
		break;
	}
	/*
	 * Any value: inside (or just past) a segment's CCWs it maps to the
	 * guest's address with the same offset; else 0, never a host one.
	 */
	memset(&scsw, 0, sizeof(scsw));
	scsw.cmd.cpa = raw;
	cp_update_scsw(cp, &scsw);
	want = 0;
	list_for_each_entry(chain, &cp->chains, next) {
		u64 base = virt_to_phys(chain->ccw);

		if (raw >= base && raw <= base + (u64)chain->len * 8) {
			want = chain->iova + (raw - base);
			break;
		}
	}
	BUG_IF(scsw.cmd.cpa != want, "CCW address %#x became %#x, want %#llx",
	       raw, scsw.cmd.cpa, (unsigned long long)want);
}

static void check_orb(struct channel_program *cp, union orb *h, u8 lpm)
{
	struct ccwchain *first = list_first_entry(&cp->chains,
						  struct ccwchain, next);

	BUG_IF(!h->cmd.fmt || !h->cmd.c64, "host ORB not fmt 1 / c64");
	BUG_IF(h->cmd.i2k != (cp->bs == 2048), "host ORB i2k");
	BUG_IF(h->cmd.cpa != virt_to_phys(first->ccw), "host ORB cpa");
	BUG_IF(h->cmd.lpm != (cp->orb.cmd.lpm ? cp->orb.cmd.lpm : lpm),
	       "host ORB lpm");
	BUG_IF(h->cmd.mod || h->cmd.sync || h->cmd.orbx || h->cmd.zero ||
	       h->cmd.res1 || h->cmd.res2, "host ORB reserved bits");
	BUG_IF(first->iova != cp->orb.cmd.cpa, "first segment's address");
}

/* ------------------------------------------------------------ input */

/*
 * Input: byte 0: ORB F, H (c64), T (i2k), racing, IOVA base (2 bits);
 * byte 1: fail the n-th allocation (0: none); bytes 2-3: mapped pages;
 * 4-7: ORB CCW address (below 64K: an offset into the guest's window);
 * 8-9: SCSW selector; 10: race key; 11: lpm; 12-15: a raw SCSW CCW
 * address; the rest: guest memory from its first byte.
 */
#define HDR	16

static const u64 bases[4] = { 0, 0x100000, 0x7fff0000, 0xfffffffffff0000ull };

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct channel_program cp;
	union orb orb, *horb;
	u32 cpa, raw;
	int ret, p;

	if (size < HDR)
		return -1;
	if (!arena) {
		arena = mmap(NULL, ARENA_SIZE, 3, MAP_PRIVATE_ | MAP_ANON_ |
			     MAP_32BIT_, -1, 0);
		BUG_IF(arena == MAP_FAILED_, "no 31-bit arena");
		guest = (u8 *)(((unsigned long)malloc(GUEST_SIZE + PAGE_SIZE) +
				PAGE_SIZE - 1) & PAGE_MASK);
		POISON(arena, ARENA_SIZE);
	}
	iova_base = bases[(data[0] >> 4) & 3];
	racing = data[0] & 8;
	fail_at = data[1];
	alloc_count = 0;
	mapped = data[2] | data[3] << 8;
	cpa = (u32)data[4] << 24 | data[5] << 16 | data[6] << 8 | data[7];
	/* small values address the window, as a guest's would */
	if (!(cpa & 0xffff0000))
		cpa += (u32)iova_base;
	race_key = data[10] | 1;
	raw = (u32)data[12] << 24 | data[13] << 16 | data[14] << 8 | data[15];
	memset(snapshot, 0, sizeof(snapshot));
	memcpy(snapshot, data + HDR, min(size - HDR, (size_t)GUEST_SIZE));
	memcpy(guest, snapshot, GUEST_SIZE);
	memset(pins, 0, sizeof(pins));

	memset(&orb, 0, sizeof(orb));
	orb.cmd.intparm = 0x12345678;
	orb.cmd.fmt = data[0] & 1;
	orb.cmd.c64 = !!(data[0] & 2);
	orb.cmd.i2k = !!(data[0] & 4);
	orb.cmd.lpm = data[11];
	orb.cmd.cpa = cpa;
	orb.cmd.pfch = 1;

	memset(&cp, 0, sizeof(cp));
	INIT_LIST_HEAD(&cp.chains);
	ret = cp_init(&cp, &orb);
	if (ret) {
		BUG_IF(ret != -EINVAL, "cp_init: %d", ret);
		BUG_IF(!(cpa & 0x80000007), "cp_init refused a good address");
		arena_reset();
		return 0;
	}
	ret = cp_prefetch(&cp, vdev);
	BUG_IF(ret && ret != -EINVAL && ret != -EFAULT && ret != -ENOMEM,
	       "cp_prefetch: %d", ret);
	BUG_IF(ret == -ENOMEM && !fail_at, "-ENOMEM without a failure");
	if (!ret) {
		horb = cp_get_orb(&cp, 0xdeadbeef, 0x80);
		check_orb(&cp, horb, 0x80);
		check_walk(&cp, horb);
		if (!racing)
			check_semantics(&cp);
		check_scsw(&cp, data[8] | data[9] << 8, raw);
		for (p = 0; p < GUEST_PAGES; p++)
			BUG_IF(pins[p] && !cp_iova_pinned(&cp, iova_base +
							 p * PAGE_SIZE, 1),
			       "cp_iova_pinned misses page %d", p);
	}
	cp_free(&cp, vdev);
	BUG_IF(cp.initialized, "still initialized after cp_free");
	for (p = 0; p < GUEST_PAGES; p++)
		BUG_IF(pins[p], "page %d: %d pins leaked", p, pins[p]);
	arena_reset();
	return 0;
}

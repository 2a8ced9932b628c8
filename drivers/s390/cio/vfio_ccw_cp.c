// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ccw channel-program translation.
 *
 * The guest's channel program lives at guest addresses (the IOVA space of
 * the mdev).  It is copied into host memory segment by segment, format-0
 * CCWs become format-1, and every data area is described by a format-2
 * IDAL of host addresses of pinned guest pages.  Guest memory is only
 * ever touched through vfio_dma_rw() and vfio_pin_pages(), so an address
 * outside the IOVA mappings fails the request, and every guest word
 * (CCW, IDAW) is read exactly once and only the copy is used.
 *
 * Rules (Documentation/s390/vfio-ccw.rst has the full list):
 * - A segment is the run of CCWs that follow each other in guest memory
 *   while the command- or data-chaining flag is on; it ends after a CCW
 *   without chaining or after a TIC.  At most CCWCHAIN_LEN_MAX CCWs.
 *   What follows a TIC that status modifier may skip is a segment too,
 *   a speculative one (see cp_read_chains()).
 * - A TIC into an existing segment reuses it (loops terminate); a TIC
 *   elsewhere starts a new segment; at most CCWCHAIN_MAX segments.
 * - The device sees the IDAWs the guest gave (block boundaries and
 *   offsets included).  A misaligned non-first IDAW keeps its offset but
 *   points into the program's scratch area, so the channel subsystem
 *   gives the channel-program check, and one that failed to check would
 *   still only touch the scratch area.
 * - A CCW that transfers no data by its command (NOOP, skip on input)
 *   but has a count points at the scratch area too: nothing pinned, and
 *   whatever the device does it cannot reach other memory.
 */

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vfio.h>

#include "vfio_ccw_cp.h"

#define CCW_BYTES		8
#define ADDR31_MASK		0x80000000U	/* must be zero in 31-bit addresses */
/* IDAWs one CCW can need: 64 KiB - 1 in 2 KiB blocks, plus a partial one */
#define IDAW_MAX		(DIV_ROUND_UP(0xffff, 2048) + 1)
/* Two pages: a misaligned IDAW's block, wherever it starts, stays inside. */
#define SCRATCH_SIZE		(2 * PAGE_SIZE)

/* IDAW blocks @bytes take; a shift, not a division (a hot path). */
static int cp_blocks(struct channel_program *cp, u64 bytes)
{
	return (bytes + cp->bs - 1) >> (cp->bs == 2048 ? 11 : 12);
}

static bool ccw_is_tic(const struct ccw1 *ccw)
{
	return ccw->cmd_code == CCW_CMD_TIC;
}

static bool ccw_is_chained(const struct ccw1 *ccw)
{
	return ccw->flags & (CCW_FLAG_CC | CCW_FLAG_DC);
}

/* Read, read backward and sense store data; skip suppresses that. */
static bool ccw_is_input(u8 cmd)
{
	return (cmd & 0x03) == 0x02 || (cmd & 0x0f) == 0x04 ||
	       (cmd & 0x0f) == 0x0c;
}

/*
 * @cmd is the command in effect: in a data chain that of the chain's
 * first CCW (the architecture ignores the others' command codes).
 */
static bool ccw_transfers_data(const struct ccw1 *ccw, u8 cmd)
{
	if (cmd == CCW_CMD_NOOP)
		return false;
	return !((ccw->flags & CCW_FLAG_SKIP) && ccw_is_input(cmd));
}

/*
 * Guest CCW (in its format) to a host format-1 CCW.  A command code
 * with low nibble 8 is a TIC in either format; normalising it means the
 * device never meets a transfer-in-channel we did not translate.
 */
static void ccw_to_fmt1(struct ccw1 *ccw, bool fmt1)
{
	struct ccw0 c0;

	if (!fmt1) {
		memcpy(&c0, ccw, sizeof(c0));
		ccw->cmd_code = c0.cmd_code;
		ccw->flags = c0.flags;
		ccw->count = c0.count;
		ccw->cda = c0.cda;	/* 24 bits */
	}
	if ((ccw->cmd_code & 0x0f) == CCW_CMD_TIC) {
		ccw->cmd_code = CCW_CMD_TIC;
		ccw->flags = 0;
		ccw->count = 0;
	}
}

/*
 * Can status modifier skip the segment's last CCW, a TIC?  When the CCW
 * before it chains commands (not data), as in a DASD search loop
 * (SEARCH, TIC back to it, READ): the CCWs after the TIC run too.
 */
static bool ccw_tic_skippable(const struct ccw1 *ccw, int len)
{
	return len >= 2 && ccw_is_tic(&ccw[len - 1]) &&
	       (ccw[len - 2].flags & (CCW_FLAG_CC | CCW_FLAG_DC)) ==
	       CCW_FLAG_CC;
}

static struct ccwchain *cp_find_chain(struct channel_program *cp, u64 iova)
{
	struct ccwchain *chain;

	list_for_each_entry(chain, &cp->chains, next) {
		if (iova >= chain->iova &&
		    iova < chain->iova + (u64)chain->len * CCW_BYTES &&
		    !((iova - chain->iova) % CCW_BYTES))
			return chain;
	}
	return NULL;
}

/* CCW @i's host IDAL inside the segment's CCW allocation. */
static u64 *chain_inline_idal(struct ccwchain *chain, int i)
{
	return (u64 *)&chain->ccw[chain->len + 1] + CCW_INLINE_IDAWS * i;
}

static void ccwchain_free(struct ccwchain *chain)
{
	struct ccw_pages *pages;
	int i;

	if (chain->idal)
		for (i = 0; i < chain->len; i++)
			if (chain->idal[i] != chain_inline_idal(chain, i))
				kfree(chain->idal[i]);
	if (chain->pages)
		for (i = 0; i < chain->len; i++) {
			pages = &chain->pages[i];
			if (pages->iova != pages->iova_inline)
				kfree(pages->iova);
			if (pages->page != pages->page_inline)
				kfree(pages->page);
		}
	kfree(chain->idal);
	kfree(chain->pages);
	kfree(chain->ccw);
	kfree(chain);
}

/*
 * Copy the segment starting at guest address @iova.  CCWs are read up to
 * the end of the guest page at a time: a mapping covers whole pages, so
 * a valid CCW in the last bytes of a mapping is read without touching
 * anything beyond it.
 */
static int cp_add_chain(struct channel_program *cp, struct vfio_device *vdev,
			u64 iova, struct ccw1 *buf, bool spec)
{
	bool fmt1 = cp->orb.cmd.fmt;
	struct ccwchain *chain;
	u64 addr = iova;
	int len = 0, n, i, ret;
	bool end = false;

	/* speculative segments have a bound of their own */
	if ((spec ? cp->nr_spec : cp->nr_chains) >= CCWCHAIN_MAX)
		return -EINVAL;
	if (iova & (CCW_BYTES - 1) || iova & ADDR31_MASK)
		return -EINVAL;

	while (!end) {
		if (len >= CCWCHAIN_LEN_MAX)
			return -EINVAL;		/* chain longer than 255 CCWs */
		n = (PAGE_SIZE - (addr & ~PAGE_MASK)) / CCW_BYTES;
		n = min(n, CCWCHAIN_LEN_MAX - len);
		ret = vfio_dma_rw(vdev, addr, &buf[len], n * CCW_BYTES, false);
		if (ret)
			return ret;
		for (i = 0; i < n && !end; i++) {
			ccw_to_fmt1(&buf[len], fmt1);
			end = !ccw_is_chained(&buf[len]) || ccw_is_tic(&buf[len]);
			len++;
		}
		addr += (u64)n * CCW_BYTES;
	}

	chain = kzalloc(sizeof(*chain), GFP_KERNEL);
	if (!chain)
		return -ENOMEM;
	chain->iova = iova;
	chain->len = len;
	chain->spec = spec;
	chain->sm_next = ccw_tic_skippable(buf, len);
	/*
	 * One spare CCW slot: the SCSW may point just past the last CCW,
	 * and that address must not also be the start of another segment.
	 * Then the inline IDALs.  31-bit addressable: a CCW address and an
	 * IDAL address are 31 bits.
	 */
	BUILD_BUG_ON(sizeof(*chain->ccw) != sizeof(u64));
	chain->ccw = kcalloc(len + 1 + CCW_INLINE_IDAWS * len,
			     sizeof(*chain->ccw), GFP_KERNEL | GFP_DMA);
	chain->idal = kcalloc(len, sizeof(*chain->idal), GFP_KERNEL);
	chain->pages = kcalloc(len, sizeof(*chain->pages), GFP_KERNEL);
	if (!chain->ccw || !chain->idal || !chain->pages) {
		ccwchain_free(chain);
		return -ENOMEM;
	}
	memcpy(chain->ccw, buf, len * sizeof(*chain->ccw));
	list_add_tail(&chain->next, &cp->chains);
	if (spec)
		cp->nr_spec++;
	else
		cp->nr_chains++;
	return 0;
}

/*
 * Pages are pinned and unpinned per segment, in runs of consecutive IOVA
 * pages across CCWs, at most PIN_BATCH a call: the VFIO core's cost is
 * per call, and a segment's data areas usually follow each other.
 */
#define PIN_BATCH	64

/* Unpin every page the segment's CCWs hold. */
static void chain_unpin(struct channel_program *cp, struct vfio_device *vdev,
			struct ccwchain *chain)
{
	struct ccw_pages *pages;
	u64 start = 0, iova;
	int i, k, run = 0;

	for (i = 0; i < chain->len; i++) {
		pages = &chain->pages[i];
		for (k = 0; k < pages->nr; k++) {
			iova = pages->iova[k];
			if (run && run < PIN_BATCH &&
			    iova == start + (u64)run * PAGE_SIZE) {
				run++;
				continue;
			}
			if (run)
				vfio_unpin_pages(vdev, start, run);
			start = iova;
			run = 1;
		}
		cp->npinned -= pages->nr;
		pages->nr = 0;
	}
	if (run)
		vfio_unpin_pages(vdev, start, run);
}

/* A page to pin: CCW @i of the segment, its page @k. */
struct pin_pos {
	int i;
	int k;
};

static void pin_next(struct ccwchain *chain, struct pin_pos *p)
{
	p->k++;
	while (p->i < chain->len && p->k >= chain->pages[p->i].want) {
		p->i++;
		p->k = 0;
	}
}

/*
 * Pin the pages every CCW of the segment wants (pages->iova[0..want)).
 * pages->nr counts what is pinned, also on failure.
 */
static int chain_pin(struct channel_program *cp, struct vfio_device *vdev,
		     struct ccwchain *chain)
{
	struct page *got[PIN_BATCH];
	struct pin_pos pos = { 0, -1 }, p;
	struct ccw_pages *pages;
	int run, j, ret;
	u64 iova;

	pin_next(chain, &pos);
	while (pos.i < chain->len) {
		p = pos;
		iova = chain->pages[pos.i].iova[pos.k];
		run = 0;
		do {
			run++;
			pin_next(chain, &pos);
		} while (run < PIN_BATCH && pos.i < chain->len &&
			 chain->pages[pos.i].iova[pos.k] ==
			 iova + (u64)run * PAGE_SIZE);
		ret = vfio_pin_pages(vdev, iova, run, IOMMU_READ | IOMMU_WRITE,
				     got);
		if (ret != run) {
			if (ret > 0)
				vfio_unpin_pages(vdev, iova, ret);
			return ret < 0 ? ret : -EFAULT;
		}
		cp->npinned += run;
		for (j = 0; j < run; j++, pin_next(chain, &p)) {
			pages = &chain->pages[p.i];
			pages->page[p.k] = got[j];
			pages->nr++;
		}
	}
	return 0;
}

/*
 * The guest IDAWs for a CCW with the IDA flag: the first one tells how
 * many follow.  Each word is read once; only this copy is used after.
 */
static int ccw_read_idal(struct channel_program *cp, struct vfio_device *vdev,
			 u64 idal, u32 count, u64 *idaw, int *nr)
{
	unsigned int size = cp->fmt1_idaw ? 4 : 8;
	u32 w1[IDAW_MAX];
	int n, i, ret;

	if (idal & (size - 1) || idal & ADDR31_MASK)
		return -EINVAL;
	if (cp->fmt1_idaw) {
		ret = vfio_dma_rw(vdev, idal, &w1[0], size, false);
		idaw[0] = w1[0];
	} else {
		ret = vfio_dma_rw(vdev, idal, &idaw[0], size, false);
	}
	if (ret)
		return ret;

	n = cp_blocks(cp, (idaw[0] & (cp->bs - 1)) + count);
	if (n > 1) {
		if (cp->fmt1_idaw) {
			ret = vfio_dma_rw(vdev, idal + size, &w1[1],
					  (n - 1) * size, false);
			for (i = 1; i < n; i++)
				idaw[i] = w1[i];
		} else {
			ret = vfio_dma_rw(vdev, idal + size, &idaw[1],
					  (n - 1) * size, false);
		}
		if (ret)
			return ret;
	}
	if (cp->fmt1_idaw) {
		/* format-1 IDAWs hold 31-bit addresses */
		for (i = 0; i < n; i++)
			if (idaw[i] & ADDR31_MASK)
				return -EINVAL;
	}
	*nr = n;
	return 0;
}

/* The scratch area's address, allocated on first use. */
static int cp_scratch(struct channel_program *cp, u64 *phys)
{
	if (!cp->scratch) {
		/* power-of-two kmalloc: naturally aligned, 31-bit with DMA */
		cp->scratch = kzalloc(SCRATCH_SIZE, GFP_KERNEL | GFP_DMA);
		if (!cp->scratch)
			return -ENOMEM;
	}
	*phys = virt_to_phys(cp->scratch);
	return 0;
}

/* True for an IDAW the device would refuse: non-first, not on a block. */
static bool idaw_misaligned(struct channel_program *cp, u64 *idaw, int i)
{
	return i && (idaw[i] & (cp->bs - 1));
}

/*
 * The host IDAL of one CCW, before pinning: every IDAW the guest's
 * (pages->iova gets the page to pin for it); misaligned non-first IDAWs
 * (@nopin: all of them) at the scratch area with the same offset in the
 * block.  chain_fill_idals() puts in the pinned pages' addresses.
 */
static int ccw_prepare_idal(struct channel_program *cp, struct ccw_pages *pages,
			    u64 *idaw, u64 *host, int n, bool nopin)
{
	u64 scratch = 0;
	int i, ret;

	pages->nidaw = n;
	pages->want = 0;
	for (i = 0; i < n; i++) {
		if (nopin || idaw_misaligned(cp, idaw, i)) {
			ret = cp_scratch(cp, &scratch);
			if (ret)
				return ret;
			host[i] = scratch + (idaw[i] & (cp->bs - 1));
		} else {
			/* an aligned IDAW's block never crosses a page */
			pages->iova[pages->want++] = idaw[i] & PAGE_MASK;
			host[i] = idaw[i];
		}
	}
	return 0;
}

/* After chain_pin(): host addresses into the IDALs of the segment. */
static void chain_fill_idals(struct channel_program *cp,
			     struct ccwchain *chain)
{
	struct ccw_pages *pages;
	u64 *host;
	int i, j, k;

	for (i = 0; i < chain->len; i++) {
		pages = &chain->pages[i];
		host = chain->idal[i];
		if (!pages->want)
			continue;
		/* the pinned ones: the first IDAW and the aligned others */
		for (j = 0, k = 0; j < pages->nidaw; j++)
			if (!idaw_misaligned(cp, host, j))
				host[j] = page_to_phys(pages->page[k++]) +
					  (host[j] & ~PAGE_MASK);
	}
}

/*
 * Pin the data area of one CCW and point it at a host IDAL.  @cmd is
 * the command in effect (see ccw_transfers_data()).
 */
static int ccw_fetch_data(struct channel_program *cp, struct vfio_device *vdev,
			  struct ccwchain *chain, int idx, u8 cmd)
{
	struct ccw1 *ccw = &chain->ccw[idx];
	struct ccw_pages *pages = &chain->pages[idx];
	bool nopin = !ccw_transfers_data(ccw, cmd);
	u64 idaw[IDAW_MAX];
	u64 *host;
	int n, i, ret;

	if (!ccw->count) {
		/* Nothing can be transferred: no address at all. */
		ccw->flags &= ~CCW_FLAG_IDA;
		ccw->cda = 0;
		return 0;
	}

	if (nopin) {
		/* Not even read: the guest's address may be anything. */
		n = cp_blocks(cp, ccw->count);
		memset(idaw, 0, sizeof(idaw));
	} else if (ccw->flags & CCW_FLAG_IDA) {
		ret = ccw_read_idal(cp, vdev, ccw->cda, ccw->count, idaw, &n);
		if (ret)
			return ret;
	} else {
		if (ccw->cda & ADDR31_MASK)
			return -EINVAL;
		/* A contiguous guest area, cut at block boundaries. */
		n = cp_blocks(cp, (ccw->cda & (cp->bs - 1)) + ccw->count);
		idaw[0] = ccw->cda;
		for (i = 1; i < n; i++)
			idaw[i] = ALIGN_DOWN((u64)ccw->cda, cp->bs) +
				  (u64)i * cp->bs;
	}

	if (n <= CCW_INLINE_IDAWS) {
		pages->iova = pages->iova_inline;
		pages->page = pages->page_inline;
		host = chain_inline_idal(chain, idx);
	} else {
		pages->iova = kcalloc(n, sizeof(*pages->iova), GFP_KERNEL);
		pages->page = kcalloc(n, sizeof(*pages->page), GFP_KERNEL);
		/* The IDAL address in a CCW is 31 bits. */
		host = kcalloc(n, sizeof(*host), GFP_KERNEL | GFP_DMA);
	}
	chain->idal[idx] = host;
	if (!pages->iova || !pages->page || !host)
		return -ENOMEM;
	ret = ccw_prepare_idal(cp, pages, idaw, host, n, nopin);
	if (ret)
		return ret;
	ccw->cda = (u32)virt_to_phys(host);
	ccw->flags |= CCW_FLAG_IDA;
	return 0;
}

int cp_init(struct channel_program *cp, union orb *orb)
{
	if (cp->initialized)
		return -EBUSY;
	if (orb->cmd.cpa & (CCW_BYTES - 1) || orb->cmd.cpa & ADDR31_MASK)
		return -EINVAL;

	INIT_LIST_HEAD(&cp->chains);
	cp->nr_chains = 0;
	cp->nr_spec = 0;
	cp->npinned = 0;
	cp->scratch = NULL;
	cp->started = false;
	cp->orb = *orb;
	/* c64 off: format-1 IDAWs, always 2 KiB blocks */
	cp->fmt1_idaw = !orb->cmd.c64;
	cp->bs = (!orb->cmd.c64 || orb->cmd.i2k) ? 2048 : 4096;
	cp->initialized = true;
	return 0;
}

/*
 * A speculative segment that cannot be translated: every CCW of it
 * becomes zero (command 0), so a device that goes there gets a program
 * check, as the guest's own CCWs there would most likely give.
 */
static void chain_kill(struct channel_program *cp, struct vfio_device *vdev,
		       struct ccwchain *chain)
{
	struct ccw_pages *pages;
	int i;

	chain_unpin(cp, vdev, chain);
	for (i = 0; i < chain->len; i++) {
		pages = &chain->pages[i];
		if (chain->idal[i] != chain_inline_idal(chain, i))
			kfree(chain->idal[i]);
		if (pages->iova != pages->iova_inline)
			kfree(pages->iova);
		if (pages->page != pages->page_inline)
			kfree(pages->page);
		chain->idal[i] = NULL;
		memset(pages, 0, sizeof(*pages));
	}
	memset(chain->ccw, 0, (chain->len + 1) * sizeof(*chain->ccw));
	chain->dead = true;
}

/*
 * Read every segment: from the ORB's address, every TIC's target, and
 * what follows a TIC that status modifier may skip.  Segments reached
 * only that way ("speculative": the guest may never run them, and they
 * may be anything) do not fail the program: if one cannot be read it is
 * not there, if it cannot be translated it is killed.
 */
static int cp_read_chains(struct channel_program *cp,
			  struct vfio_device *vdev, struct ccw1 *buf)
{
	struct ccwchain *chain;
	u64 tic;
	int i, ret;

	ret = cp_add_chain(cp, vdev, cp->orb.cmd.cpa, buf, false);
	if (ret)
		return ret;
	/* Segments are appended while the list is walked. */
	list_for_each_entry(chain, &cp->chains, next) {
		for (i = 0; i < chain->len && !chain->dead; i++) {
			if (!ccw_is_tic(&chain->ccw[i]))
				continue;
			tic = chain->ccw[i].cda;
			if (tic & (CCW_BYTES - 1) || tic & ADDR31_MASK)
				ret = -EINVAL;
			else if (cp_find_chain(cp, tic))
				continue;
			else
				ret = cp_add_chain(cp, vdev, tic, buf,
						   chain->spec);
			if (ret && (!chain->spec || ret == -ENOMEM))
				return ret;
			if (ret)
				chain_kill(cp, vdev, chain);
			ret = 0;
		}
		tic = chain->iova + (u64)chain->len * CCW_BYTES;
		if (chain->sm_next && !chain->dead &&
		    !cp_find_chain(cp, tic)) {
			ret = cp_add_chain(cp, vdev, tic, buf, true);
			if (ret == -ENOMEM)
				return ret;
			ret = 0;
		}
	}
	return 0;
}

/* Translate one segment's CCWs: TIC targets, data areas, pins. */
static int cp_translate_chain(struct channel_program *cp,
			      struct vfio_device *vdev, struct ccwchain *chain)
{
	struct ccwchain *target;
	u8 cmd = 0;
	u64 tic;
	int i, ret;

	for (i = 0; i < chain->len; i++) {
		/*
		 * Data chaining carries the command on; a segment's first
		 * CCW (a TIC target) is taken as its own.
		 */
		if (!i || !(chain->ccw[i - 1].flags & CCW_FLAG_DC))
			cmd = chain->ccw[i].cmd_code;
		if (ccw_is_tic(&chain->ccw[i])) {
			target = cp_find_chain(cp, chain->ccw[i].cda);
			if (!target)
				return -EFAULT;
			tic = (chain->ccw[i].cda - target->iova) / CCW_BYTES;
			chain->ccw[i].cda = (u32)virt_to_phys(&target->ccw[tic]);
			continue;
		}
		ret = ccw_fetch_data(cp, vdev, chain, i, cmd);
		if (ret)
			return ret;
	}
	ret = chain_pin(cp, vdev, chain);
	if (ret)
		return ret;
	chain_fill_idals(cp, chain);
	/* Status modifier skipping the TIC: on to what follows it. */
	target = cp_find_chain(cp, chain->iova + (u64)chain->len * CCW_BYTES);
	if (chain->sm_next && target) {
		tic = (chain->iova + (u64)chain->len * CCW_BYTES -
		       target->iova) / CCW_BYTES;
		chain->ccw[chain->len].cmd_code = CCW_CMD_TIC;
		chain->ccw[chain->len].cda =
			(u32)virt_to_phys(&target->ccw[tic]);
	}
	return 0;
}

int cp_prefetch(struct channel_program *cp, struct vfio_device *vdev)
{
	struct ccwchain *chain;
	struct ccw1 *buf;
	int ret;

	if (!cp->initialized)
		return -EINVAL;

	buf = kmalloc_array(CCWCHAIN_LEN_MAX, sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = cp_read_chains(cp, vdev, buf);
	kfree(buf);
	if (ret)
		return ret;

	list_for_each_entry(chain, &cp->chains, next) {
		if (chain->dead)
			continue;
		ret = cp_translate_chain(cp, vdev, chain);
		if (ret && chain->spec && ret != -ENOMEM) {
			chain_kill(cp, vdev, chain);
			ret = 0;
		}
		if (ret)
			return ret;
	}
	return 0;
}

void cp_free(struct channel_program *cp, struct vfio_device *vdev)
{
	struct ccwchain *chain, *tmp;

	if (!cp->initialized)
		return;
	/* A program that never ran leaves the last one's status valid. */
	if (cp->started)
		cp->nr_last = 0;
	list_for_each_entry_safe(chain, tmp, &cp->chains, next) {
		list_del(&chain->next);
		if (cp->started) {
			cp->last[cp->nr_last].host = virt_to_phys(chain->ccw);
			cp->last[cp->nr_last].iova = chain->iova;
			cp->last[cp->nr_last].len = chain->len;
			cp->nr_last++;
		}
		chain_unpin(cp, vdev, chain);
		ccwchain_free(chain);
	}
	kfree(cp->scratch);
	cp->scratch = NULL;
	cp->nr_chains = 0;
	cp->nr_spec = 0;
	cp->initialized = false;
}

/* The device is closed: no later status can refer to the last program. */
void cp_forget(struct channel_program *cp)
{
	cp->nr_last = 0;
}

/*
 * The ORB for the host's START SUBCHANNEL, built from known fields only
 * (reserved bits, ORB extension, and the modification and
 * synchronisation controls are never passed on).
 */
union orb *cp_get_orb(struct channel_program *cp, u32 intparm, u8 lpm)
{
	struct cmd_orb *g = &cp->orb.cmd;
	struct cmd_orb *h = &cp->host_orb.cmd;
	struct ccwchain *first;

	first = list_first_entry(&cp->chains, struct ccwchain, next);
	cp->started = true;
	memset(&cp->host_orb, 0, sizeof(cp->host_orb));
	h->intparm = intparm;
	h->key = g->key;
	h->spnd = g->spnd;
	h->pfch = g->pfch;
	h->isic = g->isic;
	h->alcc = g->alcc;
	h->ssic = g->ssic;
	h->ils = g->ils;
	h->fmt = 1;
	h->c64 = 1;
	h->i2k = cp->bs == 2048;
	h->lpm = g->lpm ? g->lpm : lpm;
	h->cpa = (u32)virt_to_phys(first->ccw);
	return &cp->host_orb;
}

/*
 * Put the guest's CCW address into an SCSW from the device.  The
 * address points at, or just past, a host CCW; anything else (no
 * program, or status without a meaningful address) becomes 0, so a
 * host address never reaches the guest.
 */
void cp_update_scsw(struct channel_program *cp, union scsw *scsw)
{
	struct ccwchain *chain;
	u64 cpa = scsw->cmd.cpa;
	u64 base;
	int i;

	if (cp->initialized) {
		list_for_each_entry(chain, &cp->chains, next) {
			base = virt_to_phys(chain->ccw);
			if (cpa >= base &&
			    cpa <= base + (u64)chain->len * CCW_BYTES) {
				scsw->cmd.cpa = chain->iova + (cpa - base);
				return;
			}
		}
	} else {
		/*
		 * Halt or clear after the program ended: the channel
		 * subsystem still shows where it stopped.  The program's
		 * memory is freed, but no other program ran since.
		 */
		for (i = 0; i < cp->nr_last; i++) {
			base = cp->last[i].host;
			if (cpa >= base &&
			    cpa <= base + (u64)cp->last[i].len * CCW_BYTES) {
				scsw->cmd.cpa = cp->last[i].iova + (cpa - base);
				return;
			}
		}
	}
	scsw->cmd.cpa = 0;
}

bool cp_iova_pinned(struct channel_program *cp, u64 iova, u64 length)
{
	struct ccwchain *chain;
	int i, j;

	if (!cp->initialized)
		return false;
	list_for_each_entry(chain, &cp->chains, next)
		for (i = 0; i < chain->len; i++)
			for (j = 0; j < chain->pages[i].nr; j++)
				if (chain->pages[i].iova[j] < iova + length &&
				    chain->pages[i].iova[j] + PAGE_SIZE > iova)
					return true;
	return false;
}

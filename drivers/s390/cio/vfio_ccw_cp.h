/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfio-ccw channel-program translation: a guest channel program, read
 * through the IOVA mappings of a mediated device, rewritten into a
 * format-1 program with format-2 IDALs of pinned host pages.
 */

#ifndef _VFIO_CCW_CP_H_
#define _VFIO_CCW_CP_H_

#include <linux/list.h>
#include <linux/types.h>
#include <asm/cio.h>
#include <asm/scsw.h>

#include "orb.h"

struct vfio_device;

/* Limits; exceeding either fails the request with -EINVAL. */
#define CCWCHAIN_LEN_MAX	255	/* CCWs in one segment */
#define CCWCHAIN_MAX		16	/* segments in one channel program */

/*
 * IDAWs of a CCW kept in the segment's own allocations, so that the
 * common CCW (at most 4 KiB, at most two pages) allocates nothing.
 */
#define CCW_INLINE_IDAWS	2

/*
 * The guest pages behind one host CCW.  A segment's pages are pinned
 * together, runs of consecutive IOVA pages with one call each.
 */
struct ccw_pages {
	int want;		/* pages to pin: iova[0..want) */
	int nr;			/* pinned: page[0..nr) */
	int nidaw;		/* IDAWs in the host IDAL */
	u64 *iova;		/* page-aligned guest addresses */
	struct page **page;
	u64 iova_inline[CCW_INLINE_IDAWS];
	struct page *page_inline[CCW_INLINE_IDAWS];
};

/*
 * One segment: CCWs that follow each other in guest memory, linked by
 * command or data chaining, ending at a CCW without chaining or at a TIC.
 */
struct ccwchain {
	struct list_head next;
	u64 iova;		/* guest address of the first CCW */
	int len;		/* CCWs in the segment */
	/*
	 * Host copy, format 1, 31-bit addressable; after it a spare CCW,
	 * then the inline host IDALs (CCW_INLINE_IDAWS per CCW).
	 */
	struct ccw1 *ccw;
	u64 **idal;		/* per CCW: host IDAL or NULL */
	struct ccw_pages *pages;	/* per CCW */
	bool spec;		/* reached only through status modifier */
	bool dead;		/* spec, untranslatable: all CCWs zero */
	bool sm_next;		/* ends in a TIC status modifier may skip */
};

/* Where a freed program's segments were, for status that comes later. */
struct ccwchain_span {
	u64 host;		/* host address of the first CCW */
	u64 iova;		/* guest address of the first CCW */
	int len;		/* CCWs */
};

struct channel_program {
	struct list_head chains;
	int nr_chains;		/* segments, not counting speculative ones */
	int nr_spec;		/* speculative segments */
	union orb orb;		/* guest ORB as written by the VMM */
	union orb host_orb;	/* what START SUBCHANNEL gets */
	bool initialized;
	bool started;		/* cp_get_orb() was called: it may have run */
	bool fmt1_idaw;		/* guest IDAWs are format 1 */
	unsigned int bs;	/* IDAW block size: 2048 or 4096 */
	unsigned long npinned;	/* pages pinned, for tests and tracing */
	void *scratch;		/* target of IDAWs that must not reach memory */
	/* the last freed program's segments (halt/clear status after it) */
	struct ccwchain_span last[2 * CCWCHAIN_MAX];
	int nr_last;
};

int cp_init(struct channel_program *cp, union orb *orb);
int cp_prefetch(struct channel_program *cp, struct vfio_device *vdev);
void cp_free(struct channel_program *cp, struct vfio_device *vdev);
void cp_forget(struct channel_program *cp);
union orb *cp_get_orb(struct channel_program *cp, u32 intparm, u8 lpm);
void cp_update_scsw(struct channel_program *cp, union scsw *scsw);
bool cp_iova_pinned(struct channel_program *cp, u64 iova, u64 length);

#endif /* _VFIO_CCW_CP_H_ */

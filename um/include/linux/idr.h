/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_IDR_H
#define _UM_LINUX_IDR_H

#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/*
 * ID allocator mapping small integers to pointers (a growable array here,
 * not a radix tree).  As in the kernel, an idr needs external locking;
 * an ida locks internally.
 */
struct idr {
	void **idr_rt;		/* slots; NULL = free */
	unsigned int idr_size;	/* number of slots */
	unsigned int idr_base;	/* lowest id */
	unsigned int idr_next;	/* cursor for idr_alloc_cyclic */
};

#define IDR_INIT_BASE(name, base)	{ .idr_rt = NULL, .idr_size = 0, \
					  .idr_base = (base), .idr_next = 0 }
#define IDR_INIT(name)	IDR_INIT_BASE(name, 0)
#define DEFINE_IDR(name)	struct idr name = IDR_INIT(name)

static inline void idr_init_base(struct idr *idr, int base)
{
	idr->idr_rt = NULL;
	idr->idr_size = 0;
	idr->idr_base = base;
	idr->idr_next = 0;
}

static inline void idr_init(struct idr *idr)
{
	idr_init_base(idr, 0);
}

/* id in [start, end) (end <= 0: up to INT_MAX); -ENOSPC / -ENOMEM */
int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max,
		  gfp_t gfp);
void *idr_find(const struct idr *idr, unsigned long id);
void *idr_remove(struct idr *idr, unsigned long id);
void *idr_replace(struct idr *idr, void *ptr, unsigned long id);
void *idr_get_next(struct idr *idr, int *nextid);
void *idr_get_next_ul(struct idr *idr, unsigned long *nextid);
int idr_for_each(const struct idr *idr,
		 int (*fn)(int id, void *p, void *data), void *data);
void idr_destroy(struct idr *idr);
bool idr_is_empty(const struct idr *idr);
static inline void idr_preload(gfp_t gfp_mask) { }
static inline void idr_preload_end(void) { }

#define idr_for_each_entry(idr, entry, id)			\
	for (id = 0; ((entry) = idr_get_next(idr, &(id))) != NULL; id += 1U)
#define idr_for_each_entry_ul(idr, entry, tmp, id)			\
	for (tmp = 0, id = 0;						\
	     ((entry) = tmp <= id ? idr_get_next_ul(idr, &(id)) : NULL) != NULL; \
	     tmp = id, ++id)
#define idr_for_each_entry_continue(idr, entry, id)			\
	for ((entry) = idr_get_next((idr), &(id));			\
	     entry;							\
	     ++id, (entry) = idr_get_next((idr), &(id)))

struct ida {
	spinlock_t lock;	/* protects idr */
	struct idr idr;
};

#define IDA_INIT(name)	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .idr = IDR_INIT(name.idr) }
#define DEFINE_IDA(name)	struct ida name = IDA_INIT(name)

static inline void ida_init(struct ida *ida)
{
	spin_lock_init(&ida->lock);
	idr_init(&ida->idr);
}

/* id in [min, max] (inclusive, as in the kernel); -ENOSPC / -ENOMEM */
int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp);
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);

static inline int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, ~0, gfp);
}

static inline int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp)
{
	return ida_alloc_range(ida, min, ~0, gfp);
}

static inline int ida_alloc_max(struct ida *ida, unsigned int max, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, max, gfp);
}

static inline bool ida_is_empty(const struct ida *ida)
{
	return idr_is_empty(&ida->idr);
}

#define ida_simple_get(ida, start, end, gfp)	\
	ida_alloc_range(ida, start, (end) ? ((end) - 1) : ~0, gfp)
#define ida_simple_remove(ida, id)	ida_free(ida, id)

#endif

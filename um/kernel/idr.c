// SPDX-License-Identifier: GPL-2.0
/* idr/ida on a growable pointer array (callers lock an idr; ida locks). */
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/string.h>

/* make slot index idx exist; 0 or -ENOMEM */
static int idr_grow(struct idr *idr, unsigned long idx, gfp_t gfp)
{
	unsigned long size = idr->idr_size ?: 16;
	void **rt;

	if (idx < idr->idr_size)
		return 0;
	while (size <= idx)
		size *= 2;
	rt = krealloc_array(idr->idr_rt, size, sizeof(void *), gfp);
	if (!rt)
		return -ENOMEM;
	memset(rt + idr->idr_size, 0, (size - idr->idr_size) * sizeof(void *));
	idr->idr_rt = rt;
	idr->idr_size = size;
	return 0;
}

/* allocate in [start, max] (inclusive); the id, -ENOSPC or -ENOMEM */
static long idr_alloc_range(struct idr *idr, void *ptr, unsigned long start,
			    unsigned long max, gfp_t gfp)
{
	unsigned long id;

	if (start < idr->idr_base)
		start = idr->idr_base;
	for (id = start; id <= max; id++) {
		unsigned long idx = id - idr->idr_base;

		if (idx >= idr->idr_size) {
			if (idr_grow(idr, idx, gfp))
				return -ENOMEM;
		}
		if (!idr->idr_rt[idx]) {
			/* the kernel's idr stores NULL too; mark it used */
			idr->idr_rt[idx] = ptr ?: ERR_PTR(-ENOENT);
			return id;
		}
		if (id == ULONG_MAX)
			break;
	}
	return -ENOSPC;
}

static void *idr_slot_get(const struct idr *idr, unsigned long id)
{
	void *p;

	if (id < idr->idr_base || id - idr->idr_base >= idr->idr_size)
		return NULL;
	p = idr->idr_rt[id - idr->idr_base];
	return p == ERR_PTR(-ENOENT) ? NULL : p;
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	return idr_alloc_range(idr, ptr, start,
			       end > 0 ? (unsigned long)end - 1 : INT_MAX, gfp);
}

int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max,
		  gfp_t gfp)
{
	long id = idr_alloc_range(idr, ptr, *nextid, max, gfp);

	if (id < 0)
		return id;
	*nextid = id;
	return 0;
}

int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	unsigned long max = end > 0 ? (unsigned long)end - 1 : INT_MAX;
	unsigned long from = max_t(unsigned long, idr->idr_next, start);
	long id = idr_alloc_range(idr, ptr, from, max, gfp);

	if (id == -ENOSPC && from > (unsigned long)start)
		id = idr_alloc_range(idr, ptr, start, max, gfp);
	if (id >= 0)
		idr->idr_next = id + 1;
	return id;
}

void *idr_find(const struct idr *idr, unsigned long id)
{
	return idr_slot_get(idr, id);
}

void *idr_remove(struct idr *idr, unsigned long id)
{
	void *p = idr_slot_get(idr, id);

	if (id >= idr->idr_base && id - idr->idr_base < idr->idr_size)
		idr->idr_rt[id - idr->idr_base] = NULL;
	return p;
}

void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
	void *old;

	if (id < idr->idr_base || id - idr->idr_base >= idr->idr_size ||
	    !idr->idr_rt[id - idr->idr_base])
		return ERR_PTR(-ENOENT);
	old = idr_slot_get(idr, id);
	idr->idr_rt[id - idr->idr_base] = ptr ?: ERR_PTR(-ENOENT);
	return old;
}

void *idr_get_next_ul(struct idr *idr, unsigned long *nextid)
{
	unsigned long id = max_t(unsigned long, *nextid, idr->idr_base);

	for (; id - idr->idr_base < idr->idr_size; id++) {
		void *p = idr_slot_get(idr, id);

		if (p) {
			*nextid = id;
			return p;
		}
	}
	return NULL;
}

void *idr_get_next(struct idr *idr, int *nextid)
{
	unsigned long id = *nextid;
	void *p = idr_get_next_ul(idr, &id);

	if (p)
		*nextid = id;
	return p;
}

int idr_for_each(const struct idr *idr,
		 int (*fn)(int id, void *p, void *data), void *data)
{
	unsigned long i;

	for (i = 0; i < idr->idr_size; i++) {
		void *p = idr_slot_get(idr, i + idr->idr_base);
		int ret;

		if (!p)
			continue;
		ret = fn(i + idr->idr_base, p, data);
		if (ret)
			return ret;
	}
	return 0;
}

bool idr_is_empty(const struct idr *idr)
{
	unsigned long i;

	for (i = 0; i < idr->idr_size; i++)
		if (idr->idr_rt[i])
			return false;
	return true;
}

void idr_destroy(struct idr *idr)
{
	kfree(idr->idr_rt);
	idr->idr_rt = NULL;
	idr->idr_size = 0;
}

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp)
{
	long id;

	if ((int)min < 0)
		return -ENOSPC;
	if ((int)max < 0)
		max = INT_MAX;
	spin_lock(&ida->lock);
	id = idr_alloc_range(&ida->idr, NULL, min, max, gfp);
	spin_unlock(&ida->lock);
	return id;
}

void ida_free(struct ida *ida, unsigned int id)
{
	spin_lock(&ida->lock);
	WARN(!ida->idr.idr_rt || id >= ida->idr.idr_size || !ida->idr.idr_rt[id],
	     "ida_free called for id=%u which is not allocated.\n", id);
	if (id < ida->idr.idr_size)
		ida->idr.idr_rt[id] = NULL;
	spin_unlock(&ida->lock);
}

void ida_destroy(struct ida *ida)
{
	spin_lock(&ida->lock);
	idr_destroy(&ida->idr);
	spin_unlock(&ida->lock);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc & co, slab caches, vmalloc and page allocations on the C
 * library's allocator, with per-thread fail-nth fault injection.
 */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>

#include <linux/bitmap.h>
#include <linux/gfp.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <um/fault.h>

#include "../hw/css.h"

/* remaining count of /proc/thread-self/fail-nth; 0 = disarmed */
static __thread int um_fail_nth;
/* live kmalloc-family objects, for leak checks */
static long um_live_objects;

int um_fail_nth_set(int n)
{
	if (n < 0)
		return -EINVAL;
	um_fail_nth = n;
	return 0;
}

int um_fail_nth_get(void)
{
	return um_fail_nth;
}

long um_slab_live_objects(void)
{
	return __atomic_load_n(&um_live_objects, __ATOMIC_SEQ_CST);
}

/* the kernel's fail_nth: count down, fail when reaching 0 */
static bool um_should_fail(gfp_t flags)
{
	if (likely(!um_fail_nth) || (flags & __GFP_NOFAIL))
		return false;
	return --um_fail_nth == 0;
}

static void *um_alloc(size_t size, size_t align, gfp_t flags)
{
	void *p;

	might_sleep_if(flags & __GFP_DIRECT_RECLAIM);
	if (um_should_fail(flags))
		return NULL;
	if (align <= 16) {
		p = (flags & __GFP_ZERO) ? calloc(1, size) : malloc(size);
	} else {
		if (posix_memalign(&p, align, size))
			p = NULL;
		if (p && (flags & __GFP_ZERO))
			memset(p, 0, size);
	}
	if (p)
		__atomic_add_fetch(&um_live_objects, 1, __ATOMIC_RELAXED);
	return p;
}

static void um_free(const void *p)
{
	__atomic_sub_fetch(&um_live_objects, 1, __ATOMIC_RELAXED);
	free((void *)p);
}

/* power-of-two sizes naturally aligned up to a page; large: page aligned */
static size_t kmalloc_align(size_t size)
{
	if (size > 2 * PAGE_SIZE)
		return PAGE_SIZE;
	if (is_power_of_2(size))
		return min_t(size_t, size, PAGE_SIZE);
	return ARCH_KMALLOC_MINALIGN;
}

/*
 * GFP_DMA: s390's DMA zone is the storage below 2 GiB that channel
 * programs (CCWs, IDALs) must live in; here that is the channel's 31-bit
 * arena, handed out in whole pages.
 */
static void *um_dma_alloc(size_t size, gfp_t flags)
{
	void *p;

	might_sleep_if(flags & __GFP_DIRECT_RECLAIM);
	if (um_should_fail(flags))
		return NULL;
	p = um_css_dma_alloc(size, false);	/* zeroed */
	if (p)
		__atomic_add_fetch(&um_live_objects, 1, __ATOMIC_RELAXED);
	return p;
}

void *kmalloc(size_t size, gfp_t flags)
{
	/* as SLUB: size 0 never reaches the fault injection point */
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_SIZE)
		return NULL;
	if (flags & __GFP_DMA)
		return um_dma_alloc(size, flags);
	return um_alloc(size, kmalloc_align(size), flags);
}

void kfree(const void *objp)
{
	if (ZERO_OR_NULL_PTR(objp))
		return;
	if (um_css_dma_owned(objp)) {
		__atomic_sub_fetch(&um_live_objects, 1, __ATOMIC_RELAXED);
		um_css_dma_free((void *)objp);
		return;
	}
	um_free(objp);
}

size_t ksize(const void *objp)
{
	if (ZERO_OR_NULL_PTR(objp))
		return 0;
	/* the arena keeps no object sizes: GFP_DMA objects do not grow */
	if (WARN_ON(um_css_dma_owned(objp)))
		return 0;
	return malloc_usable_size((void *)objp);
}

void kfree_sensitive(const void *objp)
{
	size_t ks = ksize(objp);

	if (ks)
		memzero_explicit((void *)objp, ks);
	kfree(objp);
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t ks = ksize(p);
	void *ret;

	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (ks >= new_size && kmalloc_align(new_size) <= 16) {
		if (flags & __GFP_ZERO)
			memset((char *)p + new_size, 0, ks - new_size);
		return (void *)p;
	}
	ret = kmalloc(new_size, flags & ~__GFP_ZERO);
	if (!ret)
		return NULL;
	if (ks)
		memcpy(ret, p, min(ks, new_size));
	if ((flags & __GFP_ZERO) && new_size > ks)
		memset((char *)ret + ks, 0, new_size - ks);
	kfree(p);
	return ret;
}

void *kvmalloc(size_t size, gfp_t flags)
{
	if (!size)
		return ZERO_SIZE_PTR;
	return um_alloc(size, size >= PAGE_SIZE ? PAGE_SIZE : kmalloc_align(size),
			flags);
}

void kvfree(const void *addr)
{
	kfree(addr);
}

void kvfree_sensitive(const void *addr, size_t len)
{
	if (!ZERO_OR_NULL_PTR(addr))
		memzero_explicit((void *)addr, len);
	kvfree(addr);
}

void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
{
	void *newp;

	if (oldsize >= newsize)
		return (void *)p;
	newp = kvmalloc(newsize, flags);
	if (!newp)
		return NULL;
	memcpy(newp, p, oldsize);
	kvfree(p);
	return newp;
}

/* vmalloc: page-aligned */
void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	if (!size)
		return NULL;
	return um_alloc(size, PAGE_SIZE, gfp_mask);
}

void *vmalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL);
}

void *vzalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_ZERO);
}

void *vmalloc_user(unsigned long size)
{
	return __vmalloc(PAGE_ALIGN(size), GFP_KERNEL | __GFP_ZERO);
}

void vfree(const void *addr)
{
	if (addr)
		um_free(addr);
}

/* there is no separate vmalloc area in the host */
bool is_vmalloc_addr(const void *x)
{
	return false;
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	return (unsigned long)um_alloc(PAGE_SIZE << order, PAGE_SIZE, gfp_mask);
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		um_free((void *)addr);
}

/* slab caches */
struct kmem_cache {
	const char *name;
	unsigned int size;
	unsigned int align;
	void (*ctor)(void *);
};

struct kmem_cache *kmem_cache_create_usercopy(const char *name,
			unsigned int size, unsigned int align,
			slab_flags_t flags,
			unsigned int useroffset, unsigned int usersize,
			void (*ctor)(void *))
{
	struct kmem_cache *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s) {
		BUG_ON(flags & SLAB_PANIC);
		return NULL;
	}
	s->name = name;
	s->size = size;
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max_t(unsigned int, align, 256);
	s->align = max_t(unsigned int, align, ARCH_KMALLOC_MINALIGN);
	s->ctor = ctor;
	return s;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	return kmem_cache_create_usercopy(name, size, align, flags, 0, 0, ctor);
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	kfree(s);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *p = um_alloc(s->size ?: 1, s->align, flags);

	if (p && s->ctor)
		s->ctor(p);
	return p;
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	if (objp)
		um_free(objp);
}

/* string duplication (mm/util.c) */
char *kstrdup(const char *s, gfp_t gfp)
{
	return s ? kmemdup(s, strlen(s) + 1, gfp) : NULL;
}

const char *kstrdup_const(const char *s, gfp_t gfp)
{
	return kstrdup(s, gfp);
}

void kfree_const(const void *x)
{
	kfree(x);
}

char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	return s ? kmemdup_nul(s, strnlen(s, max), gfp) : NULL;
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p && len)
		memcpy(p, src, len);
	return p;
}

char *kmemdup_nul(const char *s, size_t len, gfp_t gfp)
{
	char *buf;

	if (!s)
		return NULL;
	buf = kmalloc(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags)
{
	return kmalloc_array(BITS_TO_LONGS(nbits), sizeof(unsigned long), flags);
}

unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags)
{
	return bitmap_alloc(nbits, flags | __GFP_ZERO);
}

void bitmap_free(const unsigned long *bitmap)
{
	kfree(bitmap);
}

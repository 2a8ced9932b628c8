/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_SLAB_H
#define _UM_LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>

/*
 * kmalloc family on the C library's allocator.  Like the kernel:
 * kmalloc(0) returns ZERO_SIZE_PTR; power-of-two sizes are naturally
 * aligned (up to PAGE_SIZE); every allocation counts toward the calling
 * thread's fail-nth (see <um/fault.h>) unless __GFP_NOFAIL.
 */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define ARCH_KMALLOC_MINALIGN	8
#define KMALLOC_MAX_SIZE	(1UL << 30)

/* kmem_cache flags (accepted, mostly without effect) */
#define SLAB_HWCACHE_ALIGN	((slab_flags_t __force)0x00002000U)
#define SLAB_CACHE_DMA		((slab_flags_t __force)0x00004000U)
#define SLAB_PANIC		((slab_flags_t __force)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU	((slab_flags_t __force)0x00080000U)
#define SLAB_ACCOUNT		((slab_flags_t __force)0x04000000U)
#define SLAB_RECLAIM_ACCOUNT	((slab_flags_t __force)0x00020000U)

void *kmalloc(size_t size, gfp_t flags) __malloc;
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
void *krealloc(const void *objp, size_t new_size, gfp_t flags) __must_check;
size_t ksize(const void *objp);

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc(bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static inline void * __must_check krealloc_array(void *p, size_t new_n,
						 size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}

#define kmalloc_node(size, flags, node)		kmalloc(size, flags)
#define kzalloc_node(size, flags, node)		kzalloc(size, flags)
#define kcalloc_node(n, size, flags, node)	kcalloc(n, size, flags)
#define kmalloc_array_node(n, size, flags, node) kmalloc_array(n, size, flags)

/* kvmalloc: may be "vmalloc"ed (here: page-aligned when >= PAGE_SIZE) */
void *kvmalloc(size_t size, gfp_t flags) __malloc;
void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags);
#define kvmalloc_node(size, flags, node)	kvmalloc(size, flags)

static inline void *kvzalloc(size_t size, gfp_t flags)
{
	return kvmalloc(size, flags | __GFP_ZERO);
}

static inline void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc(bytes, flags);
}

static inline void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}

/* slab caches: a name, an object size and alignment, an optional ctor */
struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name,
			unsigned int size, unsigned int align,
			slab_flags_t flags,
			unsigned int useroffset, unsigned int usersize,
			void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);

static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

#define KMEM_CACHE(__struct, __flags)					\
		kmem_cache_create(#__struct, sizeof(struct __struct),	\
				  __alignof__(struct __struct), (__flags), NULL)

#endif /* _UM_LINUX_SLAB_H */

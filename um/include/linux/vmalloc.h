/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_VMALLOC_H
#define _UM_LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/overflow.h>

/* page-aligned, zeroed on request, subject to fail-nth like kmalloc */
void *vmalloc(unsigned long size) __malloc;
void *vzalloc(unsigned long size) __malloc;
void *vmalloc_user(unsigned long size) __malloc;
void *__vmalloc(unsigned long size, gfp_t gfp_mask) __malloc;
void vfree(const void *addr);
bool is_vmalloc_addr(const void *x);

static inline void *vmalloc_array(size_t n, size_t size)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return vmalloc(bytes);
}

static inline void *vcalloc(size_t n, size_t size)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return vzalloc(bytes);
}

/*
 * vmap() of pages from pin_user_pages_fast(): they are addresses of this
 * process, so consecutive pages need no new mapping; others get none
 * (NULL).
 */
#define VM_MAP		0x00000004
#define PAGE_KERNEL	0
struct page;
void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   int prot);
static inline void vunmap(const void *addr)
{
}

#endif

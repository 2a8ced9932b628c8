/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_MM_H
#define _UM_LINUX_MM_H

/*
 * A slice of the kernel's mm.h: page geometry and the allocation API.
 * There is no struct page in the user-mode host: where one is handed out
 * (KVM's guest page accessors, pin_user_pages_fast()) it is the page's
 * address in this process, disguised.
 */
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/pfn.h>
#include <asm/page.h>

#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGN_DOWN(addr)	ALIGN_DOWN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)


/*
 * Pinning the program's pages for the kernel to write: the pages are
 * this process's own memory, so a "pin" checks that each page can be
 * written now (a fault-guarded no-op write) and hands out its address.
 * Nothing keeps the program from unmapping it afterwards, as a real pin
 * would. Returns the number of pages pinned (the first unwritable one
 * ends it), or -EFAULT if none.
 */
#define FOLL_WRITE	0x01
struct page;
int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
static inline void unpin_user_pages_dirty_lock(struct page **pages,
					       unsigned long npages,
					       bool make_dirty)
{
}

#endif

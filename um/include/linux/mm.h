/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_MM_H
#define _UM_LINUX_MM_H

/*
 * A slice of the kernel's mm.h: page geometry and the allocation API.
 * There is no struct page and no page_address() in the user-mode host.
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

#endif

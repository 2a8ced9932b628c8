/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_ASM_PAGE_H
#define _UM_ASM_PAGE_H

#include <linux/const.h>
#include <linux/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#ifndef __ASSEMBLY__
/*
 * In the user-mode host, kernel and "physical" addresses are the same
 * process addresses (identity), so __pa/__va are casts.  kmalloc's
 * GFP_DMA gives 31-bit ones (the channel's arena).  A struct page * is
 * the page's address (see <linux/mm.h>), so page_to_phys() is a cast too.
 */
#define __pa(x)		((unsigned long)(x))
#define __va(x)		((void *)(unsigned long)(x))
static inline unsigned long virt_to_phys(volatile void *address)
{
	return (unsigned long)address;
}
static inline void *phys_to_virt(unsigned long address)
{
	return (void *)address;
}
#define page_to_phys(page)	((phys_addr_t)(unsigned long)(page))
#define page_to_virt(page)	((void *)(page))

static inline __attribute_const__ int get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}
#endif

#endif

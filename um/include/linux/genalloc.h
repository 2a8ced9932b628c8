/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <linux/genalloc.h>: only the type, which 6.1's <asm/cio.h>
 * names in the prototypes of its DMA pool helpers.  The host's channel
 * storage is um/hw's arena (cio_dma_zalloc), not a gen_pool.
 */
#ifndef _UM_LINUX_GENALLOC_H
#define _UM_LINUX_GENALLOC_H

struct gen_pool;

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_CACHE_H
#define _UM_LINUX_CACHE_H

#define L1_CACHE_SHIFT		8	/* s390 */
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES
#define ____cacheline_aligned	__attribute__((__aligned__(SMP_CACHE_BYTES)))
#define ____cacheline_aligned_in_smp ____cacheline_aligned
#define __cacheline_aligned	____cacheline_aligned
#define __cacheline_aligned_in_smp ____cacheline_aligned

#endif

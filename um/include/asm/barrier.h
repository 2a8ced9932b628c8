/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_ASM_BARRIER_H
#define _UM_ASM_BARRIER_H

#include <linux/compiler_types.h>

/*
 * Memory barriers.  ThreadSanitizer does not model fences (gcc even
 * warns about them), so under TSan a barrier is a seq_cst RMW on one
 * global word: stronger than needed, and understood by TSan.
 */
#ifdef __SANITIZE_THREAD__
extern unsigned long um_tsan_fence_word;
#define __um_fence()	((void)__atomic_fetch_add(&um_tsan_fence_word, 0, __ATOMIC_SEQ_CST))
#define __um_fence_acq()	__um_fence()
#define __um_fence_rel()	__um_fence()
#else
#define __um_fence()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define __um_fence_acq()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define __um_fence_rel()	__atomic_thread_fence(__ATOMIC_RELEASE)
#endif

#define mb()		__um_fence()
#define rmb()		__um_fence_acq()
#define wmb()		__um_fence_rel()
#define smp_mb()	__um_fence()
#define smp_rmb()	__um_fence_acq()
#define smp_wmb()	__um_fence_rel()
#define dma_rmb()	rmb()
#define dma_wmb()	wmb()
#define smp_mb__before_atomic()	smp_mb()
#define smp_mb__after_atomic()	smp_mb()
#define smp_mb__after_spinlock()	smp_mb()
#define smp_store_mb(var, value)	do { WRITE_ONCE(var, value); smp_mb(); } while (0)

#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)

#define smp_cond_load_relaxed(ptr, cond_expr) ({		\
	typeof(ptr) __PTR = (ptr);				\
	__unqual_scalar_typeof(*ptr) VAL;			\
	for (;;) {						\
		VAL = READ_ONCE(*__PTR);			\
		if (cond_expr)					\
			break;					\
		barrier();					\
	}							\
	VAL;							\
})
#define smp_cond_load_acquire smp_cond_load_relaxed

#endif

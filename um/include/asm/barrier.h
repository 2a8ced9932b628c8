/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_ASM_BARRIER_H
#define _UM_ASM_BARRIER_H

#include <linux/compiler_types.h>

/*
 * Memory barriers: C11 fences, as strong as the kernel promises and no
 * stronger, so that the race detector sees exactly the ordering portable
 * code asked for.  ThreadSanitizer does not model stand-alone fences
 * (it executes them but derives no happens-before from them), so data
 * published only through an smp_wmb()/smp_rmb() pair is reported as a
 * race under TSan: such pairs want smp_store_release()/smp_load_acquire()
 * (which TSan does see) where the kernel has them too.  gcc warns about
 * __atomic_thread_fence() under -fsanitize=thread; the TSan entry point
 * it would call is called directly instead.
 */
#ifdef __SANITIZE_THREAD__
void __tsan_atomic_thread_fence(int mo);
#define __um_fence(mo)	__tsan_atomic_thread_fence(mo)
#else
#define __um_fence(mo)	__atomic_thread_fence(mo)
#endif

#define mb()		__um_fence(__ATOMIC_SEQ_CST)
#define rmb()		__um_fence(__ATOMIC_ACQUIRE)
#define wmb()		__um_fence(__ATOMIC_RELEASE)
#define smp_mb()	mb()
#define smp_rmb()	rmb()
#define smp_wmb()	wmb()
#define dma_rmb()	rmb()
#define dma_wmb()	wmb()
#define smp_mb__before_atomic()	smp_mb()
#define smp_mb__after_atomic()	smp_mb()
#define smp_mb__after_spinlock()	smp_mb()
#define smp_acquire__after_ctrl_dep()	smp_rmb()
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

/*
 * The kernel's generic version is the relaxed loop followed by
 * smp_acquire__after_ctrl_dep(); a load-acquire of the final value is
 * the same ordering in a form TSan can see.
 */
#define smp_cond_load_acquire(ptr, cond_expr) ({		\
	typeof(ptr) __PTR = (ptr);				\
	__unqual_scalar_typeof(*ptr) VAL;			\
	for (;;) {						\
		VAL = smp_load_acquire(__PTR);			\
		if (cond_expr)					\
			break;					\
		barrier();					\
	}							\
	VAL;							\
})

#endif

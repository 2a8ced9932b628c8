/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_ASM_CMPXCHG_H
#define _UM_ASM_CMPXCHG_H

/* Fully ordered cmpxchg/xchg on any 1/2/4/8-byte object. */
#define cmpxchg(ptr, o, n) ({						\
	__typeof__(*(ptr)) __cx_old = (o);				\
	__atomic_compare_exchange_n((ptr), &__cx_old, (n), false,	\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	__cx_old;							\
})
#define try_cmpxchg(ptr, po, n)						\
	__atomic_compare_exchange_n((ptr), (po), (n), false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define xchg(ptr, v)	__atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)
#define cmpxchg64	cmpxchg
#define cmpxchg_relaxed	cmpxchg
#define cmpxchg_acquire	cmpxchg
#define cmpxchg_release	cmpxchg
#define xchg_relaxed	xchg
#define try_cmpxchg_relaxed	try_cmpxchg

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_ATOMIC_H
#define _UM_LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <asm/cmpxchg.h>

/*
 * atomic_t, atomic64_t, atomic_long_t on the compiler's __atomic builtins
 * with the kernel's ordering (Documentation/atomic_t.txt): read and set
 * and the RMW operations that return nothing are unordered; those that
 * return a value are fully ordered (seq_cst).  The _relaxed, _acquire
 * and _release variants map to the fully ordered ones (stronger than
 * asked, never weaker).
 */
typedef atomic64_t atomic_long_t;
#define ATOMIC_LONG_INIT(i)	ATOMIC64_INIT(i)

#define __UM_ATOMIC_OPS(pfx, atype, type)				\
static inline type pfx##_read(const atype *v)				\
{									\
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_set(atype *v, type i)				\
{									\
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_add(type i, atype *v)				\
{									\
	__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_sub(type i, atype *v)				\
{									\
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_inc(atype *v) { pfx##_add(1, v); }		\
static inline void pfx##_dec(atype *v) { pfx##_sub(1, v); }		\
static inline void pfx##_and(type i, atype *v)				\
{									\
	__atomic_fetch_and(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_or(type i, atype *v)				\
{									\
	__atomic_fetch_or(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_xor(type i, atype *v)				\
{									\
	__atomic_fetch_xor(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_andnot(type i, atype *v)			\
{									\
	__atomic_fetch_and(&v->counter, ~i, __ATOMIC_RELAXED);		\
}									\
static inline type pfx##_fetch_add(type i, atype *v)			\
{									\
	return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline type pfx##_fetch_sub(type i, atype *v)			\
{									\
	return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline type pfx##_fetch_and(type i, atype *v)			\
{									\
	return __atomic_fetch_and(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline type pfx##_fetch_or(type i, atype *v)			\
{									\
	return __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline type pfx##_fetch_xor(type i, atype *v)			\
{									\
	return __atomic_fetch_xor(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline type pfx##_fetch_andnot(type i, atype *v)			\
{									\
	return __atomic_fetch_and(&v->counter, ~i, __ATOMIC_SEQ_CST);	\
}									\
static inline type pfx##_fetch_inc(atype *v) { return pfx##_fetch_add(1, v); } \
static inline type pfx##_fetch_dec(atype *v) { return pfx##_fetch_sub(1, v); } \
static inline type pfx##_add_return(type i, atype *v)			\
{									\
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline type pfx##_sub_return(type i, atype *v)			\
{									\
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline type pfx##_inc_return(atype *v) { return pfx##_add_return(1, v); } \
static inline type pfx##_dec_return(atype *v) { return pfx##_sub_return(1, v); } \
static inline bool pfx##_dec_and_test(atype *v) { return pfx##_dec_return(v) == 0; } \
static inline bool pfx##_inc_and_test(atype *v) { return pfx##_inc_return(v) == 0; } \
static inline bool pfx##_sub_and_test(type i, atype *v) { return pfx##_sub_return(i, v) == 0; } \
static inline bool pfx##_add_negative(type i, atype *v) { return pfx##_add_return(i, v) < 0; } \
static inline type pfx##_xchg(atype *v, type n)				\
{									\
	return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST);	\
}									\
/* returns the old value; stores n only when it was o */		\
static inline type pfx##_cmpxchg(atype *v, type o, type n)		\
{									\
	__atomic_compare_exchange_n(&v->counter, &o, n, false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	return o;							\
}									\
/* on failure *o is updated to the current value */			\
static inline bool pfx##_try_cmpxchg(atype *v, type *o, type n)	\
{									\
	return __atomic_compare_exchange_n(&v->counter, o, n, false,	\
				__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);	\
}									\
/* add a unless the value is u; returns the old value */		\
static inline type pfx##_fetch_add_unless(atype *v, type a, type u)	\
{									\
	type c = pfx##_read(v);						\
									\
	do {								\
		if (c == u)						\
			break;						\
	} while (!pfx##_try_cmpxchg(v, &c, c + a));			\
	return c;							\
}									\
static inline bool pfx##_add_unless(atype *v, type a, type u)		\
{									\
	return pfx##_fetch_add_unless(v, a, u) != u;			\
}									\
static inline bool pfx##_inc_not_zero(atype *v)				\
{									\
	return pfx##_add_unless(v, 1, 0);				\
}									\
/* decrement unless the result would be negative; returns new-1 */	\
static inline type pfx##_dec_if_positive(atype *v)			\
{									\
	type dec, c = pfx##_read(v);					\
									\
	do {								\
		dec = c - 1;						\
		if (dec < 0)						\
			break;						\
	} while (!pfx##_try_cmpxchg(v, &c, dec));			\
	return dec;							\
}

__UM_ATOMIC_OPS(atomic, atomic_t, int)
__UM_ATOMIC_OPS(atomic64, atomic64_t, s64)

/* atomic_long_t is atomic64_t on our (LP64) hosts */
_Static_assert(sizeof(long) == 8, "um host is LP64");

static inline long atomic_long_read(const atomic_long_t *v) { return atomic64_read(v); }
static inline void atomic_long_set(atomic_long_t *v, long i) { atomic64_set(v, i); }
static inline void atomic_long_add(long i, atomic_long_t *v) { atomic64_add(i, v); }
static inline void atomic_long_sub(long i, atomic_long_t *v) { atomic64_sub(i, v); }
static inline void atomic_long_inc(atomic_long_t *v) { atomic64_inc(v); }
static inline void atomic_long_dec(atomic_long_t *v) { atomic64_dec(v); }
static inline void atomic_long_or(long i, atomic_long_t *v) { atomic64_or(i, v); }
static inline void atomic_long_and(long i, atomic_long_t *v) { atomic64_and(i, v); }
static inline void atomic_long_andnot(long i, atomic_long_t *v) { atomic64_andnot(i, v); }
static inline long atomic_long_add_return(long i, atomic_long_t *v) { return atomic64_add_return(i, v); }
static inline long atomic_long_sub_return(long i, atomic_long_t *v) { return atomic64_sub_return(i, v); }
static inline long atomic_long_inc_return(atomic_long_t *v) { return atomic64_inc_return(v); }
static inline long atomic_long_dec_return(atomic_long_t *v) { return atomic64_dec_return(v); }
static inline bool atomic_long_dec_and_test(atomic_long_t *v) { return atomic64_dec_and_test(v); }
static inline long atomic_long_fetch_add(long i, atomic_long_t *v) { return atomic64_fetch_add(i, v); }
static inline long atomic_long_fetch_or(long i, atomic_long_t *v) { return atomic64_fetch_or(i, v); }
static inline long atomic_long_fetch_and(long i, atomic_long_t *v) { return atomic64_fetch_and(i, v); }
static inline long atomic_long_fetch_andnot(long i, atomic_long_t *v) { return atomic64_fetch_andnot(i, v); }
static inline long atomic_long_xchg(atomic_long_t *v, long n) { return atomic64_xchg(v, n); }
static inline long atomic_long_cmpxchg(atomic_long_t *v, long o, long n) { return atomic64_cmpxchg(v, o, n); }
static inline bool atomic_long_try_cmpxchg(atomic_long_t *v, long *o, long n)
{
	return __atomic_compare_exchange_n(&v->counter, (s64 *)o, n, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline bool atomic_long_inc_not_zero(atomic_long_t *v) { return atomic64_inc_not_zero(v); }
static inline bool atomic_long_add_unless(atomic_long_t *v, long a, long u) { return atomic64_add_unless(v, a, u); }

/* ordering variants: all map to the seq_cst versions */
#define atomic_read_acquire(v)	__atomic_load_n(&(v)->counter, __ATOMIC_ACQUIRE)
#define atomic_set_release(v, i) __atomic_store_n(&(v)->counter, (i), __ATOMIC_RELEASE)
#define atomic_inc_return_relaxed	atomic_inc_return
#define atomic_dec_return_relaxed	atomic_dec_return
#define atomic_fetch_add_relaxed	atomic_fetch_add
#define atomic_fetch_or_relaxed		atomic_fetch_or
#define atomic_fetch_sub_release	atomic_fetch_sub
#define atomic_cmpxchg_relaxed		atomic_cmpxchg
#define atomic_cmpxchg_acquire		atomic_cmpxchg
#define atomic_cmpxchg_release		atomic_cmpxchg
#define atomic_try_cmpxchg_relaxed	atomic_try_cmpxchg
#define atomic_try_cmpxchg_acquire	atomic_try_cmpxchg
#define atomic_try_cmpxchg_release	atomic_try_cmpxchg
#define atomic64_read_acquire		atomic_read_acquire
#define atomic64_set_release		atomic_set_release
#define atomic_long_read_acquire	atomic_read_acquire
#define atomic_long_set_release		atomic_set_release

#endif /* _UM_LINUX_ATOMIC_H */

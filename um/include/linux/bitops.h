/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_BITOPS_H
#define _UM_LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/typecheck.h>

#define BITS_PER_TYPE(type)	(sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_TYPE(long) - 1) / BITS_PER_TYPE(long))
#define BITS_TO_U64(nr)		(((nr) + BITS_PER_TYPE(u64) - 1) / BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr)		(((nr) + BITS_PER_TYPE(u32) - 1) / BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr)	(((nr) + BITS_PER_TYPE(char) - 1) / BITS_PER_TYPE(char))

/*
 * Atomic bit operations with the kernel's ordering: set_bit, clear_bit,
 * change_bit and test_bit are unordered, test_and_* fully ordered,
 * clear_bit_unlock a release and test_and_set_bit_lock an acquire.
 */
static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long m = BIT_MASK(nr);

	return __atomic_fetch_or(&addr[BIT_WORD(nr)], m, __ATOMIC_SEQ_CST) & m;
}

static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long m = BIT_MASK(nr);

	return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~m, __ATOMIC_SEQ_CST) & m;
}

static inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	unsigned long m = BIT_MASK(nr);

	return __atomic_fetch_xor(&addr[BIT_WORD(nr)], m, __ATOMIC_SEQ_CST) & m;
}

static inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

static inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	unsigned long m = BIT_MASK(nr);

	return __atomic_fetch_or(&addr[BIT_WORD(nr)], m, __ATOMIC_ACQUIRE) & m;
}

/* test_bit is a plain (but marked) load, as in the kernel. */
static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_RELAXED) >>
		(nr & (BITS_PER_LONG - 1))) & 1UL;
}

static inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_ACQUIRE) >>
		(nr & (BITS_PER_LONG - 1))) & 1UL;
}

/* Non-atomic versions: the caller serialises. */
static inline void __set_bit(long nr, volatile unsigned long *addr)
{
	((unsigned long *)addr)[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	((unsigned long *)addr)[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline void __change_bit(long nr, volatile unsigned long *addr)
{
	((unsigned long *)addr)[BIT_WORD(nr)] ^= BIT_MASK(nr);
}

static inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = (unsigned long *)addr + BIT_WORD(nr);
	unsigned long old = *p;

	*p = old | BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

static inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = (unsigned long *)addr + BIT_WORD(nr);
	unsigned long old = *p;

	*p = old & ~BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

/* Bit searching, kernel conventions: __ffs/__fls undefined for 0. */
static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

static inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

static inline unsigned long ffz(unsigned long word)
{
	return __ffs(~word);
}

/* ffs/fls: 1-based, 0 for 0.  ffs() is the C library's (same semantics). */
extern int ffs(int x);

static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline int fls_long(unsigned long l)
{
	return l ? BITS_PER_LONG - __builtin_clzl(l) : 0;
}

static inline unsigned int __ffs64(u64 word)
{
	return __builtin_ctzll(word);
}

static inline unsigned int hweight32(unsigned int w) { return __builtin_popcount(w); }
static inline unsigned int hweight16(unsigned int w) { return __builtin_popcount(w & 0xffff); }
static inline unsigned int hweight8(unsigned int w) { return __builtin_popcount(w & 0xff); }
static inline unsigned long hweight64(u64 w) { return __builtin_popcountll(w); }
static inline unsigned long hweight_long(unsigned long w) { return __builtin_popcountl(w); }

static inline u32 rol32(u32 word, unsigned int shift)
{
	return (word << (shift & 31)) | (word >> ((-shift) & 31));
}

static inline u32 ror32(u32 word, unsigned int shift)
{
	return (word >> (shift & 31)) | (word << ((-shift) & 31));
}

static inline u64 rol64(u64 word, unsigned int shift)
{
	return (word << (shift & 63)) | (word >> ((-shift) & 63));
}

static inline int get_count_order(unsigned int count)
{
	if (count == 0)
		return -1;
	return fls(--count);
}

/* the position of the (n+1)th set bit of word, BITS_PER_LONG if none */
static inline unsigned long fns(unsigned long word, unsigned int n)
{
	for (; word && n; n--)
		word &= word - 1;	/* drop the lowest set bit */
	return word ? __ffs(word) : BITS_PER_LONG;
}

/* find_*_bit() and for_each_*_bit() are the kernel's: <linux/bitmap.h> */

#endif /* _UM_LINUX_BITOPS_H */

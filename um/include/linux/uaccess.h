/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_UACCESS_H
#define _UM_LINUX_UACCESS_H

#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

/*
 * User and kernel share the host process's address space.  Every access
 * through these functions runs under a fault guard (um/kernel/uaccess.c:
 * a per-thread sigsetjmp and a SIGSEGV/SIGBUS handler, the host's
 * exception table), so an unmapped or protection-faulting user address
 * gives the kernel's -EFAULT results instead of a crash.
 *
 * Return values are the kernel's: copy_{from,to}_user and clear_user
 * return the number of bytes NOT copied (0 on success).  On a fault the
 * byte-exact prefix up to the faulting byte is copied, the return counts
 * the rest, and copy_from_user zero-fills the uncopied tail of the
 * kernel buffer.  get_user/put_user return 0 or -EFAULT (get_user sets
 * x to 0 on a fault).
 */
#define TASK_SIZE_MAX		(~0UL)

static inline bool __access_ok(const void __user *ptr, unsigned long size)
{
	unsigned long addr = (unsigned long)ptr;

	return size <= TASK_SIZE_MAX - addr;	/* no wrap-around */
}
#define access_ok(addr, size)	likely(__access_ok(addr, size))

unsigned long _copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long _copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *str, long n);
int check_zeroed_user(const void __user *from, size_t size);

static __always_inline unsigned long __must_check
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return _copy_from_user(to, from, n);
}

static __always_inline unsigned long __must_check
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return _copy_to_user(to, from, n);
}

#define __copy_from_user(to, from, n)	_copy_from_user(to, from, n)
#define __copy_to_user(to, from, n)	_copy_to_user(to, from, n)
#define __clear_user(to, n)		clear_user(to, n)
#define copy_from_user_nofault(dst, src, size) \
	(_copy_from_user(dst, src, size) ? -EFAULT : 0)
#define copy_to_user_nofault(dst, src, size) \
	(_copy_to_user(dst, src, size) ? -EFAULT : 0)

#define get_user(x, ptr)						\
({									\
	__unqual_scalar_typeof(*(ptr)) __gu_val;			\
	int __gu_err = 0;						\
	if (_copy_from_user(&__gu_val, (ptr), sizeof(*(ptr))))		\
		__gu_err = -EFAULT;	/* __gu_val was zero-filled */	\
	(x) = (__force __typeof__(*(ptr)))__gu_val;			\
	__gu_err;							\
})

#define put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __pu_val = (x);				\
	_copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0;	\
})

#define __get_user(x, ptr)	get_user(x, ptr)
#define __put_user(x, ptr)	put_user(x, ptr)

/*
 * Copy a struct of usize bytes from userspace into one of ksize bytes
 * (extensible-struct convention): 0, -EFAULT, or -E2BIG when userspace's
 * extra tail is not zero.
 */
static __always_inline __must_check int
copy_struct_from_user(void *dst, size_t ksize, const void __user *src,
		      size_t usize)
{
	size_t size = min(ksize, usize);
	size_t rest = max(ksize, usize) - size;

	if (usize < ksize) {
		memset(dst + size, 0, rest);
	} else if (usize > ksize) {
		int ret = check_zeroed_user(src + size, rest);

		if (ret <= 0)
			return ret ?: -E2BIG;
	}
	if (copy_from_user(dst, src, size))
		return -EFAULT;
	return 0;
}

static inline void pagefault_disable(void) { }
static inline void pagefault_enable(void) { }

#endif /* _UM_LINUX_UACCESS_H */

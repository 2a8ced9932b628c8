/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-mode host: compiler annotations, force-included into every
 * kernel-side translation unit (before any libc header), as the kernel
 * does with include/linux/compiler_types.h.  Only compiler builtins here.
 */
#ifndef _UM_LINUX_COMPILER_TYPES_H
#define _UM_LINUX_COMPILER_TYPES_H

#ifndef __ASSEMBLY__

/* sparse address spaces; plain no-ops for gcc/clang. */
#ifdef __CHECKER__
# define __user		__attribute__((noderef, address_space(__user)))
# define __kernel	__attribute__((address_space(0)))
# define __iomem	__attribute__((noderef, address_space(__iomem)))
# define __percpu	__attribute__((noderef, address_space(__percpu)))
# define __rcu		__attribute__((noderef, address_space(__rcu)))
# define __force	__attribute__((force))
# define __nocast	__attribute__((nocast))
# define __safe		__attribute__((safe))
# define __must_hold(x)	__attribute__((context(x, 1, 1)))
# define __acquires(x)	__attribute__((context(x, 0, 1)))
# define __cond_acquires(x)	__attribute__((context(x, 0, -1)))
# define __releases(x)	__attribute__((context(x, 1, 0)))
# define __acquire(x)	__context__(x, 1)
# define __release(x)	__context__(x, -1)
# define __cond_lock(x, c)	((c) ? ({ __acquire(x); 1; }) : 0)
#else
# define __user
# define __kernel
# define __iomem
# define __percpu
# define __rcu
# define __force
# define __nocast
# define __safe
# define __must_hold(x)
# define __acquires(x)
# define __cond_acquires(x)
# define __releases(x)
# define __acquire(x)	(void)0
# define __release(x)	(void)0
# define __cond_lock(x, c)	(c)
#endif
/* the uapi headers define __bitwise themselves as well; keep them equal */
#ifdef __CHECKER__
# define __bitwise	__attribute__((bitwise))
#else
# define __bitwise
#endif

/* Attributes (compiler_attributes.h in the kernel). */
#define __always_inline	inline __attribute__((__always_inline__))
#define noinline	__attribute__((__noinline__))
#define __noreturn	__attribute__((__noreturn__))
#define __packed	__attribute__((__packed__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __section(s)	__attribute__((__section__(s)))
#define __used		__attribute__((__used__))
#define __maybe_unused	__attribute__((__unused__))
#define __always_unused	__attribute__((__unused__))
#define __must_check	__attribute__((__warn_unused_result__))
#define __cold		__attribute__((__cold__))
#define __weak		__attribute__((__weak__))
#define __pure		__attribute__((__pure__))
/* token-identical to glibc's <sys/cdefs.h> so either may come first */
#define __attribute_const__ __attribute__ ((__const__))
#define __malloc	__attribute__((__malloc__))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#define __scanf(a, b)	__attribute__((__format__(scanf, a, b)))
#define __mode(x)	__attribute__((__mode__(x)))
#define __nonstring	__attribute__((__nonstring__))
#define __visible	__attribute__((__externally_visible__))
#define __deprecated
#define __gnu_inline	__attribute__((__gnu_inline__))
#define __assume_aligned(a, ...) \
	__attribute__((__assume_aligned__(a, ## __VA_ARGS__)))
#define __alloc_size(x, ...)
#define __counted_by(m)
#define __randomize_layout
#define __no_randomize_layout
#define randomized_struct_fields_start	struct {
#define randomized_struct_fields_end	};
#define __latent_entropy
#define __ro_after_init
#define __read_mostly
#define notrace
#define __noclone
#define __no_sanitize_address
#define __no_kcsan
#define noinstr
#define fallthrough	__attribute__((__fallthrough__))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)

#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))

/*
 * __unqual_scalar_typeof(x): typeof(x) without qualifiers for scalars, so
 * READ_ONCE() can declare a writable temporary.
 */
#define __scalar_type_to_expr_cases(type)				\
		unsigned type:	(unsigned type)0,			\
		signed type:	(signed type)0

#define __unqual_scalar_typeof(x) typeof(				\
		_Generic((x),						\
			 char:	(char)0,				\
			 __scalar_type_to_expr_cases(char),		\
			 __scalar_type_to_expr_cases(short),		\
			 __scalar_type_to_expr_cases(int),		\
			 __scalar_type_to_expr_cases(long),		\
			 __scalar_type_to_expr_cases(long long),	\
			 _Bool: (_Bool)0,				\
			 default: ((void)0, (x))))

#define barrier()	__asm__ __volatile__("" : : : "memory")

/*
 * READ_ONCE/WRITE_ONCE: single, untorn, unordered accesses, as the kernel
 * promises.  The kernel makes them volatile accesses; under TSan they are
 * relaxed atomics instead, the marked-but-unordered accesses KCSAN takes
 * them for: TSan then reports neither them nor a race they merely touch,
 * yet derives no ordering from them, so a missing barrier shows up as a
 * race on the data it should have ordered.  Only 1, 2, 4 and 8 byte
 * objects, as in the kernel.
 */
#define __um_once_size_check(x, what)					\
	_Static_assert(sizeof(x) == 1 || sizeof(x) == 2 ||		\
		       sizeof(x) == 4 || sizeof(x) == 8,		\
		       what " on an unsupported size")

#ifdef __SANITIZE_THREAD__
#define READ_ONCE(x)							\
({									\
	__unqual_scalar_typeof(x) __ro_val;				\
	__um_once_size_check(x, "READ_ONCE");				\
	__atomic_load(&(x), &__ro_val, __ATOMIC_RELAXED);		\
	__ro_val;							\
})

#define WRITE_ONCE(x, val)						\
do {									\
	__unqual_scalar_typeof(x) __wo_val = (val);			\
	__um_once_size_check(x, "WRITE_ONCE");				\
	__atomic_store(&(x), &__wo_val, __ATOMIC_RELAXED);		\
} while (0)
#else
#define READ_ONCE(x)							\
({									\
	__um_once_size_check(x, "READ_ONCE");				\
	(*(const volatile __unqual_scalar_typeof(x) *)&(x));		\
})

#define WRITE_ONCE(x, val)						\
do {									\
	__um_once_size_check(x, "WRITE_ONCE");				\
	*(volatile typeof(x) *)&(x) = (val);				\
} while (0)
#endif

#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))

#endif /* __ASSEMBLY__ */
#endif /* _UM_LINUX_COMPILER_TYPES_H */

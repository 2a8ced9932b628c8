/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_COMPILER_H
#define _UM_LINUX_COMPILER_H

#include <linux/compiler_types.h>

/* BUILD_BUG_ON_ZERO comes from <linux/build_bug.h>, as in the kernel */
#define __must_be_array(a)	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))

#ifndef __UNIQUE_ID
# define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#endif

/*
 * The kselftest harness defines is_signed_type() for a variable; this one
 * takes a type or an expression, so whichever comes first serves both.
 */
#ifndef is_signed_type
#define is_signed_type(type)	(((typeof(type))(-1)) < (__force typeof(type))1)
#endif
#define is_unsigned_type(type)	(!is_signed_type(type))

#define statically_true(x)	(__builtin_constant_p(x) && (x))

#define data_race(expr)		({ __auto_type __dr_v = (expr); __dr_v; })

#define OPTIMIZER_HIDE_VAR(var) __asm__ ("" : "=r" (var) : "0" (var))
#define RELOC_HIDE(ptr, off)	((typeof(ptr))((unsigned long)(ptr) + (off)))

/*
 * As in the kernel: a call to an undefined function carrying gcc's error
 * attribute, which the optimiser removes when cond is provably true, so
 * cond need only fold to a constant, not be an integer constant
 * expression as _Static_assert wants.
 */
#ifdef __OPTIMIZE__
#define __compiletime_assert(cond, msg, prefix, suffix)		\
	do {								\
		__noreturn extern void prefix ## suffix(void)		\
			__attribute__((__error__(msg)));		\
		if (!(cond))						\
			prefix ## suffix();				\
	} while (0)
#else
#define __compiletime_assert(cond, msg, prefix, suffix) do { } while (0)
#endif
#define _compiletime_assert(cond, msg, prefix, suffix)		\
	__compiletime_assert(cond, msg, prefix, suffix)
#define compiletime_assert(cond, msg)					\
	_compiletime_assert(cond, msg, __compiletime_assert_, __COUNTER__)

#include <asm/barrier.h>
#include <linux/build_bug.h>

#endif /* _UM_LINUX_COMPILER_H */

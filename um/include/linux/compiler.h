/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_COMPILER_H
#define _UM_LINUX_COMPILER_H

#include <linux/compiler_types.h>

/* Zero-valued expression that fails to build when e is true. */
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))
#define __must_be_array(a)	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))

#define data_race(expr)		({ __auto_type __dr_v = (expr); __dr_v; })

#define OPTIMIZER_HIDE_VAR(var) __asm__ ("" : "=r" (var) : "0" (var))
#define RELOC_HIDE(ptr, off)	((typeof(ptr))((unsigned long)(ptr) + (off)))

#define __is_constexpr(x) \
	(sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))

#define compiletime_assert(cond, msg)	_Static_assert(cond, msg)

#include <asm/barrier.h>

#endif /* _UM_LINUX_COMPILER_H */

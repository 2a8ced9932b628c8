/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_BUG_H
#define _UM_LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/printk.h>

/*
 * BUG() prints to stderr and aborts; WARN*() print to stderr (whatever
 * UM_LOG says) and count, see um_warn_count() in <um/bug.h>.  As in the
 * kernel, WARN*() evaluate to the condition.
 */
__noreturn __cold void um_bug(const char *file, int line);
__cold void um_warn_on(const char *file, int line, const char *cond);
__printf(3, 4) __cold void um_warn_fmt(const char *file, int line,
				       const char *fmt, ...);

#define BUG()		um_bug(__FILE__, __LINE__)
#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		um_warn_on(__FILE__, __LINE__, #condition);		\
	unlikely(__ret_warn_on);					\
})

#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		um_warn_fmt(__FILE__, __LINE__, format);		\
	unlikely(__ret_warn_on);					\
})

#define __UM_ONCE(cond)							\
({									\
	static bool __warned;						\
	int __ret_once = !!(cond);					\
	unlikely(__ret_once) &&						\
		!__atomic_exchange_n(&__warned, true, __ATOMIC_RELAXED); \
})

#define WARN_ON_ONCE(condition) ({					\
	int __ret_warn_once = !!(condition);				\
	if (__UM_ONCE(__ret_warn_once))					\
		um_warn_on(__FILE__, __LINE__, #condition);		\
	unlikely(__ret_warn_once);					\
})

#define WARN_ONCE(condition, format...) ({				\
	int __ret_warn_once = !!(condition);				\
	if (__UM_ONCE(__ret_warn_once))					\
		um_warn_fmt(__FILE__, __LINE__, format);		\
	unlikely(__ret_warn_once);					\
})

#define WARN_TAINT(condition, taint, format...) WARN(condition, format)
#define WARN_TAINT_ONCE(condition, taint, format...) WARN_ONCE(condition, format)

#define BUILD_BUG_ON_NULL(e) ((void *)sizeof(struct { int:(-!!(e)); }))

#endif /* _UM_LINUX_BUG_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_PRINTK_H
#define _UM_LINUX_PRINTK_H

#include <stdarg.h>
#include <linux/compiler.h>
#include <linux/kern_levels.h>
#include <linux/types.h>

/*
 * printk and pr_*: where output goes is chosen by the UM_LOG environment
 * variable (see um/kernel/printk.c): "stderr", a file name, or unset for
 * an in-memory ring.
 */
__printf(1, 2) __cold int _printk(const char *fmt, ...);
__printf(1, 0) int vprintk(const char *fmt, va_list args);
#define printk(fmt, ...)	_printk(fmt, ##__VA_ARGS__)

#define no_printk(fmt, ...)				\
({							\
	if (0)						\
		_printk(fmt, ##__VA_ARGS__);		\
	0;						\
})

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warning		pr_warn
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_devel(fmt, ...)	no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)

#ifdef DEBUG
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_debug(fmt, ...)	no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

/* print once per call site (the flag is set atomically) */
#define printk_once(fmt, ...)						\
({									\
	static bool __print_once;					\
	bool __ret_print_once = !__atomic_exchange_n(&__print_once,	\
						     true,		\
						     __ATOMIC_RELAXED);	\
	if (__ret_print_once)						\
		printk(fmt, ##__VA_ARGS__);				\
	__ret_print_once;						\
})
#define pr_emerg_once(fmt, ...)	printk_once(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once(fmt, ...)	printk_once(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_once(fmt, ...)	printk_once(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice_once(fmt, ...) printk_once(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_once(fmt, ...)	printk_once(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug_once(fmt, ...)	no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)

/*
 * Rate limiting: at most 10 messages per 5 s per call site, the kernel's
 * DEFAULT_RATELIMIT_BURST / _INTERVAL.
 */
struct um_printk_ratelimit {
	long long begin_ns;	/* start of the current interval */
	int printed;		/* messages in this interval */
	int lock;		/* protects both fields: a test-and-set flag */
};
bool um_printk_ratelimit(struct um_printk_ratelimit *rs);

#define printk_ratelimited(fmt, ...)					\
({									\
	static struct um_printk_ratelimit __rs;				\
	if (um_printk_ratelimit(&__rs))					\
		printk(fmt, ##__VA_ARGS__);				\
})
#define pr_emerg_ratelimited(fmt, ...) printk_ratelimited(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...) printk_ratelimited(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...) printk_ratelimited(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice_ratelimited(fmt, ...) printk_ratelimited(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_ratelimited(fmt, ...) printk_ratelimited(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug_ratelimited(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)

void dump_stack(void);

#endif /* _UM_LINUX_PRINTK_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_STRING_H
#define _UM_LINUX_STRING_H

#include <string.h>		/* the C library's mem*, str* */
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/err.h>

void *memchr_inv(const void *s, int c, size_t n);
char *strim(char *s);
char *skip_spaces(const char *str);
ssize_t strscpy(char *dst, const char *src, size_t count);

extern char *kstrdup(const char *s, gfp_t gfp) __malloc;
extern const char *kstrdup_const(const char *s, gfp_t gfp);
extern char *kstrndup(const char *s, size_t len, gfp_t gfp) __malloc;
extern void *kmemdup(const void *src, size_t len, gfp_t gfp) __malloc;
extern char *kmemdup_nul(const char *s, size_t len, gfp_t gfp) __malloc;
extern void kfree_const(const void *x);

/* user copies: ERR_PTR(-EFAULT) / ERR_PTR(-ENOMEM) on failure */
extern void *memdup_user(const void __user *src, size_t len);
extern void *vmemdup_user(const void __user *src, size_t len);
extern void *memdup_user_nul(const void __user *src, size_t len);
extern char *strndup_user(const char __user *s, long n);

static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier();
}

static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

static __always_inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

#define memset_startat(obj, v, member)					\
({									\
	u8 *__ptr = (u8 *)(obj);					\
	typeof(v) __val = (v);						\
	memset(__ptr + offsetof(typeof(*(obj)), member), __val,		\
	       sizeof(*(obj)) - offsetof(typeof(*(obj)), member));	\
})

#endif /* _UM_LINUX_STRING_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_KSTRTOX_H
#define _UM_LINUX_KSTRTOX_H

#include <linux/compiler.h>
#include <linux/types.h>

/*
 * Kernel semantics: the whole string (one trailing newline allowed) must
 * be a number fitting the type; base 0 auto-detects 0x/0 prefixes.
 * 0 or -EINVAL / -ERANGE.
 */
int __must_check kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int __must_check kstrtoll(const char *s, unsigned int base, long long *res);
int __must_check kstrtoul(const char *s, unsigned int base, unsigned long *res);
int __must_check kstrtol(const char *s, unsigned int base, long *res);
int __must_check kstrtouint(const char *s, unsigned int base, unsigned int *res);
int __must_check kstrtoint(const char *s, unsigned int base, int *res);
int __must_check kstrtou64(const char *s, unsigned int base, u64 *res);
int __must_check kstrtos64(const char *s, unsigned int base, s64 *res);
int __must_check kstrtou32(const char *s, unsigned int base, u32 *res);
int __must_check kstrtos32(const char *s, unsigned int base, s32 *res);
int __must_check kstrtou16(const char *s, unsigned int base, u16 *res);
int __must_check kstrtou8(const char *s, unsigned int base, u8 *res);
int __must_check kstrtobool(const char *s, bool *res);

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);

#endif

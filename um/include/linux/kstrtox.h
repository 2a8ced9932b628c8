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
int __must_check kstrtouint(const char *s, unsigned int base, unsigned int *res);
int __must_check kstrtoint(const char *s, unsigned int base, int *res);

#endif

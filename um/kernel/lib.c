// SPDX-License-Identifier: GPL-2.0
/*
 * The few lib/ helpers the host's own files call: kstrtoint (the fail-nth
 * file), kstrtoull/kstrtouint (the machine file), strscpy (sysfs), strim
 * and memchr_inv (uaccess).  Bit searching is the kernel's lib/find_bit.c,
 * extracted at build time.
 */
#include <ctype.h>
#include <errno.h>

#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/string.h>

/* base 0: 0x.. hex, 0.. octal, else decimal; base 16 accepts 0x */
static const char *kstrto_prefix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if (tolower((unsigned char)s[1]) == 'x' &&
			    isxdigit((unsigned char)s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && tolower((unsigned char)s[1]) == 'x')
		s += 2;
	return s;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long acc = 0;
	const char *p;

	if (s[0] == '+')
		s++;
	p = kstrto_prefix(s, &base);
	s = p;
	while (*p) {
		unsigned int d;
		int c = tolower((unsigned char)*p);

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		if (__builtin_mul_overflow(acc, base, &acc) ||
		    __builtin_add_overflow(acc, d, &acc))
			return -ERANGE;
		p++;
	}
	if (p == s)
		return -EINVAL;
	if (*p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	*res = acc;
	return 0;
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long tmp;
	int rv;

	if (s[0] == '-') {
		rv = kstrtoull(s + 1, base, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)-tmp > 0)
			return -ERANGE;
		*res = -tmp;
	} else {
		rv = kstrtoull(s, base, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)tmp < 0)
			return -ERANGE;
		*res = tmp;
	}
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long tmp;
	int rv = kstrtoull(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp > UINT_MAX)
		return -ERANGE;
	*res = tmp;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long tmp;
	int rv = kstrtoll(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp < INT_MIN || tmp > INT_MAX)
		return -ERANGE;
	*res = tmp;
	return 0;
}

void *memchr_inv(const void *start, int c, size_t bytes)
{
	const unsigned char *p = start;

	for (; bytes; bytes--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

char *skip_spaces(const char *str)
{
	while (isspace((unsigned char)*str))
		++str;
	return (char *)str;
}

char *strim(char *s)
{
	size_t size = strlen(s);
	char *end;

	if (!size)
		return s;
	end = s + size - 1;
	while (end >= s && isspace((unsigned char)*end))
		end--;
	*(end + 1) = '\0';
	return skip_spaces(s);
}

/* -E2BIG when truncated, as the kernel's */
ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t len;

	if (count == 0 || count > INT_MAX)
		return -E2BIG;
	len = strnlen(src, count);
	if (len == count) {
		memcpy(dest, src, count - 1);
		dest[count - 1] = 0;
		return -E2BIG;
	}
	memcpy(dest, src, len + 1);
	return len;
}

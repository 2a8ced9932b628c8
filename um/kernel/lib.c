// SPDX-License-Identifier: GPL-2.0
/* Small lib/ helpers: kstrto*, strscpy & co, bit searching, hex. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include <linux/bitops.h>
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

#define UM_KSTRTO_U(name, type, max)					\
int name(const char *s, unsigned int base, type *res)			\
{									\
	unsigned long long tmp;						\
	int rv = kstrtoull(s, base, &tmp);				\
									\
	if (rv < 0)							\
		return rv;						\
	if (tmp > (max))						\
		return -ERANGE;						\
	*res = tmp;							\
	return 0;							\
}
#define UM_KSTRTO_S(name, type, min, max)				\
int name(const char *s, unsigned int base, type *res)			\
{									\
	long long tmp;							\
	int rv = kstrtoll(s, base, &tmp);				\
									\
	if (rv < 0)							\
		return rv;						\
	if (tmp < (min) || tmp > (max))					\
		return -ERANGE;						\
	*res = tmp;							\
	return 0;							\
}
UM_KSTRTO_U(kstrtoul, unsigned long, ULONG_MAX)
UM_KSTRTO_U(kstrtouint, unsigned int, UINT_MAX)
UM_KSTRTO_U(kstrtou64, u64, U64_MAX)
UM_KSTRTO_U(kstrtou32, u32, U32_MAX)
UM_KSTRTO_U(kstrtou16, u16, U16_MAX)
UM_KSTRTO_U(kstrtou8, u8, U8_MAX)
UM_KSTRTO_S(kstrtol, long, LONG_MIN, LONG_MAX)
UM_KSTRTO_S(kstrtoint, int, INT_MIN, INT_MAX)
UM_KSTRTO_S(kstrtos64, s64, S64_MIN, S64_MAX)
UM_KSTRTO_S(kstrtos32, s32, S32_MIN, S32_MAX)

int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		switch (s[1]) {
		case 'n': case 'N':
			*res = true;
			return 0;
		case 'f': case 'F':
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	return strtoull(cp, endp, base);
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return strtoul(cp, endp, base);
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	return strtol(cp, endp, base);
}

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

ssize_t strscpy_pad(char *dest, const char *src, size_t count)
{
	ssize_t written = strscpy(dest, src, count);

	if (written < 0 || written == count - 1)
		return written;
	memset(dest + written + 1, 0, count - written - 1);
	return written;
}

size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t ret = strlen(src);

	if (size) {
		size_t len = (ret >= size) ? size - 1 : ret;

		memcpy(dest, src, len);
		dest[len] = '\0';
	}
	return ret;
}

size_t strlcat(char *dest, const char *src, size_t count)
{
	size_t dsize = strnlen(dest, count);

	if (dsize == count)
		return count + strlen(src);
	return dsize + strlcpy(dest + dsize, src, count - dsize);
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

bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}

int match_string(const char * const *array, size_t n, const char *string)
{
	size_t index;

	for (index = 0; index < n; index++) {
		if (!array[index])
			break;
		if (!strcmp(array[index], string))
			return index;
	}
	return -EINVAL;
}

int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

int hex2bin(u8 *dst, const char *src, size_t count)
{
	while (count--) {
		int hi = hex_to_bin(*src++), lo;

		if (hi < 0)
			return -EINVAL;
		lo = hex_to_bin(*src++);
		if (lo < 0)
			return -EINVAL;
		*dst++ = (hi << 4) | lo;
	}
	return 0;
}

/* invert = ~0UL searches for zero bits */
unsigned long _find_next_bit(const unsigned long *addr, unsigned long nbits,
			     unsigned long start, unsigned long invert)
{
	unsigned long tmp, mask;

	if (start >= nbits)
		return nbits;
	tmp = addr[start / BITS_PER_LONG] ^ invert;
	mask = ~0UL << (start & (BITS_PER_LONG - 1));
	tmp &= mask;
	start &= ~(BITS_PER_LONG - 1);
	while (!tmp) {
		start += BITS_PER_LONG;
		if (start >= nbits)
			return nbits;
		tmp = addr[start / BITS_PER_LONG] ^ invert;
	}
	return min(start + __ffs(tmp), nbits);
}

unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long i;

	for (i = size; i-- > 0;)
		if (test_bit(i, addr))
			return i;
	return size;
}

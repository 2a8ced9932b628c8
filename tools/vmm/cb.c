// SPDX-License-Identifier: GPL-2.0
/*
 * Architected control blocks <-> the host kernel's layout (see cb.h).
 * The widths below are the field order of 6.1's structures, which is the
 * architected one (z/Architecture Principles of Operation, chapter 15).
 */
#include "cb.h"

#define END	99

const uint8_t cb_orb[] = {
	32, 0,					/* intparm */
	4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8, 1, 6, 1, 0,
	32, 0, END,				/* cpa */
};

#define SCSW_WORDS \
	4, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 7, 5, 0, \
	32, 0, \
	8, 8, 16, 0

const uint8_t cb_scsw[] = { SCSW_WORDS, END };

const uint8_t cb_schib[] = {
	32, 0,					/* intparm */
	1, 1, 3, 3, 1, 2, 2, 1, 1, 1, 16, 0,	/* flags, devno */
	8, 8, 8, 8, 0,				/* lpm pnom lpum pim */
	16, 8, 8, 0,				/* mbi pom pam */
	8, 8, 8, 8, 0, 8, 8, 8, 8, 0,		/* chpids */
	8, 3, 18, 1, 1, 1, 0,		/* st, mbfc, xmwme, csense */
	SCSW_WORDS,
	32, 0, 32, 0,	/* MBA: the VMM never lets a guest set one */
	8, 8, 8, 8, 0, END,			/* model-dependent area */
};

const uint8_t cb_esw0[] = {
	1, 7, 8, 1, 5, 2, 2, 1, 1, 1, 3, 0,	/* subchannel logout */
	3, 1, 1, 1, 1, 1, 1, 1, 6, 16, 0,	/* extended report word */
	32, 0, 32, 0, 32, 0, END,	/* failing, secondary address */
};

const uint8_t cb_crw[] = { 1, 1, 1, 1, 4, 1, 1, 6, 16, 0, END };

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
static size_t cb_size(const uint8_t *l)
{
	size_t words = 0;

	for (; *l != END; l++)
		words += !*l;
	return 4 * words;
}

void cb_to_host(void *host, const void *arch, const uint8_t *layout)
{
	memmove(host, arch, cb_size(layout));
}

void cb_to_arch(void *arch, const void *host, const uint8_t *layout)
{
	memmove(arch, host, cb_size(layout));
}
#else
/*
 * Little-endian host: the compiler allocates bitfields from the least
 * significant bit of the word, so the first (architecturally leftmost)
 * field lands in the lowest bits.
 */
static uint32_t mirror(uint32_t v, const uint8_t **l, int to_host)
{
	unsigned int hi = 32, lo = 0;
	uint32_t out = 0, f, m;

	for (; **l; (*l)++) {
		unsigned int n = **l;

		m = n == 32 ? ~0u : (1u << n) - 1;
		hi -= n;
		if (to_host) {
			f = n == 32 ? v : (v >> hi) & m;
			out |= n == 32 ? f : f << lo;
		} else {
			f = n == 32 ? v : (v >> lo) & m;
			out |= n == 32 ? f : f << hi;
		}
		lo += n;
	}
	(*l)++;
	return out;
}

void cb_to_host(void *host, const void *arch, const uint8_t *layout)
{
	const uint8_t *l = layout;
	uint32_t v;
	int w;

	for (w = 0; *l != END; w++) {
		memcpy(&v, (const uint8_t *)arch + 4 * w, 4);
		v = mirror(be32toh(v), &l, 1);
		memcpy((uint8_t *)host + 4 * w, &v, 4);
	}
}

void cb_to_arch(void *arch, const void *host, const uint8_t *layout)
{
	const uint8_t *l = layout;
	uint32_t v;
	int w;

	for (w = 0; *l != END; w++) {
		memcpy(&v, (const uint8_t *)host + 4 * w, 4);
		v = htobe32(mirror(v, &l, 0));
		memcpy((uint8_t *)arch + 4 * w, &v, 4);
	}
}
#endif

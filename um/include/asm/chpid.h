/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <asm/chpid.h>: struct chp_id is uapi, included as Debian's
 * linux-libc-dev-s390x-cross installs it; the helpers are ours.
 */
#ifndef _ASM_S390_CHPID_KERNEL_H
#define _ASM_S390_CHPID_KERNEL_H

#include <linux/string.h>
#include <linux/types.h>
#include "/usr/s390x-linux-gnu/include/asm/chpid.h"
#include <asm/cio.h>

static inline void chp_id_init(struct chp_id *chpid)
{
	memset(chpid, 0, sizeof(*chpid));
}

static inline int chp_id_is_equal(struct chp_id *a, struct chp_id *b)
{
	return a->cssid == b->cssid && a->id == b->id;
}

static inline void chp_id_next(struct chp_id *chpid)
{
	if (chpid->id < __MAX_CHPID) {
		chpid->id++;
	} else {
		chpid->id = 0;
		chpid->cssid++;
	}
}

static inline int chp_id_is_valid(struct chp_id *chpid)
{
	return chpid->cssid <= __MAX_CSSID;
}

#define chp_id_for_each(c) \
	for (chp_id_init(c); chp_id_is_valid(c); chp_id_next(c))

#endif /* _ASM_S390_CHPID_KERNEL_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <asm/schid.h>.  struct subchannel_id is uapi: it comes, as
 * installed, from Debian's linux-libc-dev-s390x-cross (never re-typed);
 * the in-kernel helpers around it are ours.
 */
#ifndef _ASM_S390_SCHID_H
#define _ASM_S390_SCHID_H

#include <linux/string.h>
#include <linux/types.h>
#include "/usr/s390x-linux-gnu/include/asm/schid.h"

static inline void init_subchannel_id(struct subchannel_id *schid)
{
	memset(schid, 0, sizeof(*schid));
	schid->one = 1;
}

static inline int schid_equal(struct subchannel_id *a,
			      struct subchannel_id *b)
{
	return a->cssid == b->cssid && a->ssid == b->ssid &&
	       a->sch_no == b->sch_no && a->one == b->one;
}

#endif /* _ASM_S390_SCHID_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's version of 6.1's drivers/s390/cio/chsc.h, reduced to what
 * the subchannel structure and chp_ssd_get_mask() need: this machine has
 * no CHSC subchannel; the subchannel description comes from the PMCW.
 */
#ifndef S390_CHSC_H
#define S390_CHSC_H

#include <linux/types.h>
#include <asm/chpid.h>

/* subchannel description (store subchannel description, SSD) */
struct chsc_ssd_info {
	u8 path_mask;
	u8 fla_valid_mask;
	struct chp_id chpid[8];
	u16 fla[8];
};

#endif /* S390_CHSC_H */

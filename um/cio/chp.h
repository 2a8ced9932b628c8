/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's version of 6.1's drivers/s390/cio/chp.h: channel-path
 * events as the css bus delivers them to drivers.
 */
#ifndef S390_CHP_H
#define S390_CHP_H

#include <linux/types.h>
#include <asm/chpid.h>
#include "chsc.h"
#include "css.h"

#define CHP_STATUS_STANDBY		0
#define CHP_STATUS_CONFIGURED		1
#define CHP_STATUS_RESERVED		2
#define CHP_STATUS_NOT_RECOGNIZED	3

#define CHP_ONLINE 0
#define CHP_OFFLINE 1
#define CHP_VARY_ON 2
#define CHP_VARY_OFF 3
#define CHP_FCES_EVENT 4

struct chp_link {
	struct chp_id chpid;
	u32 fla_mask;
	u16 fla;
};

static inline int chp_test_bit(u8 *bitmap, int num)
{
	return (bitmap[num >> 3] & (128 >> (num & 7))) ? 1 : 0;
}

int chp_get_status(struct chp_id chpid);
u8 chp_get_sch_opm(struct subchannel *sch);
int chp_ssd_get_mask(struct chsc_ssd_info *ssd, struct chp_link *link);

#endif /* S390_CHP_H */

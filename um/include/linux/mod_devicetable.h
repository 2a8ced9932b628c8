/* SPDX-License-Identifier: GPL-2.0 */
/* The host's <linux/mod_devicetable.h>: the css bus's match entries. */
#ifndef _UM_LINUX_MOD_DEVICETABLE_H
#define _UM_LINUX_MOD_DEVICETABLE_H

#include <linux/types.h>

typedef unsigned long kernel_ulong_t;

/* css driver match: subchannel type */
struct css_device_id {
	__u8 match_flags;
	__u8 type;		/* subchannel type */
	kernel_ulong_t driver_data;
};

#endif /* _UM_LINUX_MOD_DEVICETABLE_H */

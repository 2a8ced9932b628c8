/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_SWAB_H
#define _UM_LINUX_SWAB_H

#include_next <linux/swab.h>	/* uapi: __swab16() & co */

#define swab16 __swab16
#define swab32 __swab32
#define swab64 __swab64
#define swahw32 __swahw32
#define swahb32 __swahb32
#define swab16p __swab16p
#define swab32p __swab32p
#define swab64p __swab64p
#define swab16s __swab16s
#define swab32s __swab32s
#define swab64s __swab64s

#endif

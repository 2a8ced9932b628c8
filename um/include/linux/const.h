/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_CONST_H
#define _UM_LINUX_CONST_H

#include_next <linux/const.h>	/* uapi: _AC, _UL, _ULL, _BITUL */

#define UL(x)		(_UL(x))
#define ULL(x)		(_ULL(x))

#endif

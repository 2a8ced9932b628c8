/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_BYTEORDER_LITTLE_ENDIAN_H
#define _UM_LINUX_BYTEORDER_LITTLE_ENDIAN_H
#include_next <linux/byteorder/little_endian.h>
#include <linux/byteorder/generic.h>
#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_TIME_H
#define _UM_LINUX_TIME_H

#include <linux/types.h>
#include <linux/time64.h>

#endif

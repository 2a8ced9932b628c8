/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_LINKAGE_H
#define _UM_LINUX_LINKAGE_H
#include <linux/compiler_types.h>
#include <linux/stringify.h>
#define asmlinkage
#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_LINKAGE_H
#define _UM_LINUX_LINKAGE_H
#include <linux/compiler_types.h>
#include <linux/stringify.h>
#include <linux/export.h>	/* as the kernel's linkage.h */
#define asmlinkage
#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_MM_TYPES_H
#define _UM_LINUX_MM_TYPES_H

#include <linux/types.h>

/*
 * The host process has one address space; every task's ->mm points at
 * um_mm.  mm_count/mm_users are kept so mmgrab/mmdrop pairs balance.
 */
struct mm_struct {
	atomic_t mm_users;
	atomic_t mm_count;
};

extern struct mm_struct um_mm;

#endif

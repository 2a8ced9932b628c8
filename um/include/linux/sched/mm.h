/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_SCHED_MM_H
#define _UM_LINUX_SCHED_MM_H

#include <linux/atomic.h>
#include <linux/mm_types.h>
#include <linux/sched.h>

static inline void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

static inline void mmdrop(struct mm_struct *mm)
{
	atomic_dec(&mm->mm_count);
}

static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

static inline bool mmget_not_zero(struct mm_struct *mm)
{
	return atomic_inc_not_zero(&mm->mm_users);
}

static inline void mmput(struct mm_struct *mm)
{
	atomic_dec(&mm->mm_users);
}

#endif

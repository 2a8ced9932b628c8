/* SPDX-License-Identifier: GPL-2.0 */
/* current: the host's task_struct lives with its definition */
#include <linux/sched.h>

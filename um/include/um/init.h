/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_UM_INIT_H
#define _UM_UM_INIT_H

/*
 * Runs every recorded initcall once (pthread_once), in level order; the
 * syscall layer calls it on the first routed syscall, tests may call it
 * directly.  Returns 0, or the first failing initcall's error (all
 * initcalls still run, as in the kernel, which only logs failures).
 */
int um_kernel_init(void);

#endif

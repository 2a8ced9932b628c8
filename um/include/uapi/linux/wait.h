/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stub for the kernel's <linux/wait.h>, which includes this for the
 * waitid() flags: no kernel-side host code uses them, and glibc's
 * <stdlib.h> and <sys/wait.h> define the same names spelled otherwise.
 */

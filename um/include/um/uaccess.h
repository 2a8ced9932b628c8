/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_UM_UACCESS_H
#define _UM_UM_UACCESS_H

#include <signal.h>
#include <stdbool.h>

/*
 * The uaccess fault guard owns SIGSEGV and SIGBUS (installed on the first
 * user access).  Faults outside a user access are passed to the
 * disposition the program chose.  The syscall layer's sigaction()/
 * signal() wrappers must route SIGSEGV/SIGBUS here instead of installing
 * them: act becomes the chained disposition, *oact receives the previous
 * one (either may be NULL).  Returns 0 or -errno.
 */
int um_uaccess_sigaction(int sig, const struct sigaction *act,
			 struct sigaction *oact);

/* installs the guard now (idempotent; done lazily otherwise) */
void um_uaccess_init(void);

/*
 * Is the byte at @addr writable now (a guarded atomic no-op write)?  What
 * the host's page "pinning" checks; never faults.
 */
bool um_probe_writable(void *addr);

#endif

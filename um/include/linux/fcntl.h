/* SPDX-License-Identifier: GPL-2.0 */
/* File flags for anon_inode_getfd() and friends (<linux/fcntl.h>). */
#ifndef _LINUX_FCNTL_H
#define _LINUX_FCNTL_H

#include <asm-generic/fcntl.h>

#endif /* _LINUX_FCNTL_H */

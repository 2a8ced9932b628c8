/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The css bus's sysfs, between its kernel side (um/cio/sysfs.c) and the
 * syscall layer's directory calls (um/cio/sysfs_wrap.c, libc side).
 * Plain C types only, so both sides can include it.
 */
#ifndef _UM_CIO_SYSFS_H
#define _UM_CIO_SYSFS_H

#include <stddef.h>

#define UM_SYSFS_ROOT	"/sys/bus/css"

enum um_sysfs_type {
	UM_SYSFS_DIR = 1,
	UM_SYSFS_FILE,
	UM_SYSFS_LINK,
};

/*
 * What @path is: its type and permission bits (0444, 0644, 0200, ...).
 * Returns 0, -ENOENT for a missing node under UM_SYSFS_ROOT, or
 * UM_VFS_NOT_ROUTED for paths outside it.  @path is normalized (no
 * trailing slash, no "." or ".." components).
 */
long um_sysfs_stat(const char *path, int *type, unsigned int *mode);
/* the target of a link, like readlink(2) (no NUL); length or -errno */
long um_sysfs_readlink(const char *path, char *buf, size_t len);
/*
 * The entries of directory @path as NUL-terminated names one after the
 * other in @buf; returns the bytes used, or -errno (-ERANGE: @buf is
 * too small).
 */
long um_sysfs_list(const char *path, char *buf, size_t len);
/* open an attribute file (from um_vfs_open) */
long um_sysfs_open(const char *path, int flags);

#endif /* _UM_CIO_SYSFS_H */

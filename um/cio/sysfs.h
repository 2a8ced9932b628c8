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

/*
 * A part of sysfs: the css bus's (um/cio/sysfs.c) or the mdev core's
 * (um/vfio/mdev.c: types and devices under a subchannel's directory,
 * /sys/bus/mdev and /sys/kernel/iommu_groups).  um/cio/sysfs.c asks
 * each part in turn and keeps the file plumbing (open, access checks,
 * read and write offsets, user copies) for all of them.  Every call
 * returns UM_VFS_NOT_ROUTED for a path the part does not serve.
 *
 * @stat:	as um_sysfs_stat
 * @link:	a link's target into @buf (NUL-terminated); 0 or -errno
 * @list:	add the entries of a directory with um_sysfs_add()
 * @show:	a readable attribute's contents into @buf (@len is
 *		PAGE_SIZE); the length or -errno
 * @store:	a write of @count bytes (NUL-terminated) to a writable
 *		attribute; @count or -errno
 * @list_dev:	optional; the names this part adds to the directory of
 *		css device @devname
 */
struct um_sysfs_part {
	long (*stat)(const char *path, int *type, unsigned int *mode);
	long (*link)(const char *path, char *buf, size_t len);
	long (*list)(const char *path, char *buf, size_t len, size_t *used);
	long (*show)(const char *path, char *buf, size_t len);
	long (*store)(const char *path, const char *buf, size_t count);
	int (*list_dev)(const char *devname, char *buf, size_t len,
			size_t *used);
};
/* serve @part before the css bus (it has paths below css devices) */
void um_sysfs_set_ext(const struct um_sysfs_part *part);
/*
 * The next component of path *@p (up to '/' or the end) into @c of @len,
 * NUL-terminated; *@p moves past it.  Returns its whole length (>= @len:
 * cut short, so a name to compare it with must be shorter than @len).
 */
size_t um_sysfs_comp(const char **p, char *c, size_t len);
/* append @name to a listing; -ERANGE when @buf is full */
int um_sysfs_add(char *buf, size_t len, size_t *used, const char *name);

/* the trees under which the syscall layer asks um_sysfs_* first */
#define UM_SYSFS_ROOTS	{ UM_SYSFS_ROOT, "/sys/bus/mdev", \
			  "/sys/kernel/iommu_groups" }

#endif /* _UM_CIO_SYSFS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * File references and descriptor installation (user-mode host version of
 * <linux/file.h>).  A descriptor number is a real host descriptor the
 * host reserved (memfd or /dev/null), so it never collides with libc's.
 */
#ifndef __LINUX_FILE_H
#define __LINUX_FILE_H

#include <linux/types.h>
#include <linux/fs.h>

struct file *fget(unsigned int fd);
void fput(struct file *file);

static inline struct file *get_file(struct file *f)
{
	atomic_long_inc(&f->f_count);
	return f;
}

/* Reserve a descriptor number; give it back with put_unused_fd(). */
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
/* Make @fd refer to @file; consumes the caller's reference. */
void fd_install(unsigned int fd, struct file *file);

#endif /* __LINUX_FILE_H */

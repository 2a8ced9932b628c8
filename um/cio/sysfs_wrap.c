// SPDX-License-Identifier: GPL-2.0
/*
 * The directory side of /sys/bus/css in the syscall layer: stat, lstat,
 * readlink and opendir/readdir/closedir of paths under UM_SYSFS_ROOT go
 * to the css bus stand-in (um/cio/sysfs.c); everything else to libc
 * untouched (the linker's --wrap, um/wrap.flags).  open/read/write/close
 * of the attribute files go through the ordinary routed path
 * (um/kernel/syscall.c routes "/sys/").
 *
 * Built as libc code (libc-y), like the rest of the syscall layer: only
 * plain C types cross sysfs.h.  A directory stream of ours is a
 * struct um_dir, recognised by its address in um_dirs (um_dirs_lock).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../include/um/init.h"
#include "../include/um/syscall.h"
#include "sysfs.h"

int __real_stat(const char *path, struct stat *st);
int __real_lstat(const char *path, struct stat *st);
int __real_stat64(const char *path, struct stat64 *st);
int __real_lstat64(const char *path, struct stat64 *st);
ssize_t __real_readlink(const char *path, char *buf, size_t len);
DIR *__real_opendir(const char *path);
struct dirent *__real_readdir(DIR *d);
struct dirent64 *__real_readdir64(DIR *d);
int __real_closedir(DIR *d);

static bool ours(const char *path)
{
	static const char *const roots[] = UM_SYSFS_ROOTS;
	size_t i, n;

	for (i = 0; path && i < sizeof(roots) / sizeof(roots[0]); i++) {
		n = strlen(roots[i]);
		if (!strncmp(path, roots[i], n) &&
		    (!path[n] || path[n] == '/'))
			return true;
	}
	return false;
}

/* 0, or -1 with errno */
static int sysfs_stat(const char *path, bool follow, struct stat64 *st)
{
	unsigned int mode;
	int type;
	long r;

	um_kernel_init();
	r = um_sysfs_stat(path, &type, &mode);
	if (r == UM_VFS_NOT_ROUTED)	/* a tree nobody serves now */
		r = -ENOENT;
	if (r) {
		errno = (int)-r;
		return -1;
	}
	memset(st, 0, sizeof(*st));
	if (type == UM_SYSFS_LINK && follow) {
		type = UM_SYSFS_DIR;
		mode = 0755;
	}
	st->st_mode = mode | (type == UM_SYSFS_DIR ? S_IFDIR :
			      type == UM_SYSFS_LINK ? S_IFLNK : S_IFREG);
	st->st_nlink = type == UM_SYSFS_DIR ? 2 : 1;
	st->st_size = type == UM_SYSFS_FILE ? 4096 : 0;
	st->st_blksize = 4096;
	st->st_ino = 1;
	return 0;
}

static void to_stat(const struct stat64 *s64, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = s64->st_mode;
	st->st_nlink = s64->st_nlink;
	st->st_size = s64->st_size;
	st->st_blksize = s64->st_blksize;
	st->st_ino = s64->st_ino;
}

int __wrap_stat(const char *path, struct stat *st)
{
	struct stat64 s;

	if (!ours(path))
		return __real_stat(path, st);
	if (sysfs_stat(path, true, &s))
		return -1;
	to_stat(&s, st);
	return 0;
}

int __wrap_lstat(const char *path, struct stat *st)
{
	struct stat64 s;

	if (!ours(path))
		return __real_lstat(path, st);
	if (sysfs_stat(path, false, &s))
		return -1;
	to_stat(&s, st);
	return 0;
}

int __wrap_stat64(const char *path, struct stat64 *st)
{
	if (!ours(path))
		return __real_stat64(path, st);
	return sysfs_stat(path, true, st);
}

int __wrap_lstat64(const char *path, struct stat64 *st)
{
	if (!ours(path))
		return __real_lstat64(path, st);
	return sysfs_stat(path, false, st);
}

ssize_t __wrap_readlink(const char *path, char *buf, size_t len)
{
	long r;

	if (!ours(path))
		return __real_readlink(path, buf, len);
	um_kernel_init();
	r = um_sysfs_readlink(path, buf, len);
	if (r == UM_VFS_NOT_ROUTED)
		r = -ENOENT;
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

struct um_dir {
	struct um_dir *next;
	char *names;		/* NUL-separated */
	size_t len, pos;
	struct dirent de;
	struct dirent64 de64;
};

static struct um_dir *um_dirs;
static pthread_mutex_t um_dirs_lock = PTHREAD_MUTEX_INITIALIZER;

static struct um_dir *find_dir(DIR *d, bool unlink)
{
	struct um_dir **p, *u = NULL;

	pthread_mutex_lock(&um_dirs_lock);
	for (p = &um_dirs; *p; p = &(*p)->next) {
		if ((DIR *)*p == d) {
			u = *p;
			if (unlink)
				*p = u->next;
			break;
		}
	}
	pthread_mutex_unlock(&um_dirs_lock);
	return u;
}

DIR *__wrap_opendir(const char *path)
{
	struct um_dir *u;
	size_t size = 4096;
	long r;

	if (!ours(path))
		return __real_opendir(path);
	um_kernel_init();
	u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	for (;;) {
		u->names = malloc(size);
		if (!u->names) {
			free(u);
			errno = ENOMEM;
			return NULL;
		}
		r = um_sysfs_list(path, u->names, size);
		if (r != -ERANGE)
			break;
		free(u->names);
		size *= 4;
	}
	if (r == UM_VFS_NOT_ROUTED)
		r = -ENOENT;
	if (r < 0) {
		free(u->names);
		free(u);
		errno = (int)-r;
		return NULL;
	}
	u->len = r;
	pthread_mutex_lock(&um_dirs_lock);
	u->next = um_dirs;
	um_dirs = u;
	pthread_mutex_unlock(&um_dirs_lock);
	return (DIR *)u;
}

/* the next name, or NULL at the end ("." and ".." first) */
static const char *next_name(struct um_dir *u, unsigned char *type)
{
	const char *name;

	*type = DT_UNKNOWN;
	if (u->pos == 0 || u->pos == 1) {
		*type = DT_DIR;
		return u->pos++ ? ".." : ".";
	}
	if (u->pos - 2 >= u->len)
		return NULL;
	name = u->names + u->pos - 2;
	u->pos += strlen(name) + 1;
	return name;
}

struct dirent *__wrap_readdir(DIR *d)
{
	struct um_dir *u = find_dir(d, false);
	const char *name;
	unsigned char type;

	if (!u)
		return __real_readdir(d);
	name = next_name(u, &type);
	if (!name)
		return NULL;
	memset(&u->de, 0, sizeof(u->de));
	u->de.d_ino = 1;
	u->de.d_type = type;
	strncpy(u->de.d_name, name, sizeof(u->de.d_name) - 1);
	return &u->de;
}

struct dirent64 *__wrap_readdir64(DIR *d)
{
	struct um_dir *u = find_dir(d, false);
	const char *name;
	unsigned char type;

	if (!u)
		return __real_readdir64(d);
	name = next_name(u, &type);
	if (!name)
		return NULL;
	memset(&u->de64, 0, sizeof(u->de64));
	u->de64.d_ino = 1;
	u->de64.d_type = type;
	strncpy(u->de64.d_name, name, sizeof(u->de64.d_name) - 1);
	return &u->de64;
}

int __wrap_closedir(DIR *d)
{
	struct um_dir *u = find_dir(d, true);

	if (!u)
		return __real_closedir(d);
	free(u->names);
	free(u);
	return 0;
}

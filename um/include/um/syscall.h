/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The seam between the syscall layer (um/kernel/syscall.c, libc side: the
 * --wrap functions) and the VFS-lite (um/kernel/file.c, chrdev.c, kernel
 * side).  Host-only: portable code never includes this.  Only plain C
 * types cross it, so neither side needs the other's headers.
 */
#ifndef _UM_SYSCALL_H
#define _UM_SYSCALL_H

#include <stddef.h>

/* Returned by um_vfs_*() when the descriptor/address is not routed. */
#define UM_VFS_NOT_ROUTED	(-0x7fffffffL - 1)

/* ---- kernel side, called by the syscall layer ---- */

/* Open a routed path ("/dev/kvm"...); UM_VFS_NOT_ROUTED if unknown. */
long um_vfs_open(const char *path, int flags);
/* Open the fail-nth file of host thread @tid. */
long um_vfs_open_fail_nth(int tid, int flags);
long um_vfs_close(int fd);
long um_vfs_ioctl(int fd, unsigned int cmd, unsigned long arg);
/* @pos: NULL for read()/write() (uses and advances f_pos) */
long um_vfs_read(int fd, void *buf, size_t count, const long long *pos);
long um_vfs_write(int fd, const void *buf, size_t count,
		  const long long *pos);
/*
 * mmap of a routed fd; @vm_flags are VM_READ|VM_WRITE|VM_EXEC|VM_SHARED.
 * On success stores the address in *@addr and returns 0.
 */
long um_vfs_mmap(int fd, size_t len, unsigned long vm_flags,
		 unsigned long pgoff, void **addr);
/* 0 if [addr, addr+len) covered routed mappings (now dropped). */
long um_vfs_munmap(void *addr, size_t len);
int um_vfs_fd_is_routed(int fd);
/*
 * dup()/fcntl(F_DUPFD*) of a routed @fd: a new number >= @minfd for the
 * same file.  dup2()/dup3(): @newfd (!= @oldfd) becomes @oldfd's file,
 * whichever of the two is routed; UM_VFS_NOT_ROUTED if neither is.
 */
long um_vfs_dupfd(int fd, int minfd, int cloexec);
long um_vfs_dup3(int oldfd, int newfd, int flags);
/* fcntl(F_GETFL/F_SETFL) of a routed fd: the file's status flags */
long um_vfs_getfl(int fd);
long um_vfs_setfl(int fd, int flags);

/*
 * fork(): the child gets a copy of the in-process kernel, and its
 * routed descriptors share their files with the parent's, as a real
 * fork shares them.  The child's copy holds one more reference on every
 * file (the parent's), so it never runs a ->release, which would tear
 * down what the parent still uses (threads, host descriptors).
 * um_mm_id names the copy: 0 in the process that started the kernel,
 * a new value in every child (6.1's current->mm).  Set by the child
 * handler, read without a lock (it changes only while one thread runs).
 */
void um_vfs_fork_prepare(void);
void um_vfs_fork_parent(void);
void um_vfs_fork_child(void);
extern unsigned long um_mm_id;

/*
 * eventfd wake-ups (um/kernel/eventfd.c).  Bit n of um_eventfd_watched
 * (word n / (8 * sizeof(long))) is set while an eventfd context taken
 * from descriptor number n has wait-queue callbacks.  The syscall layer
 * reads it without a lock before each plain write(2): a stale set bit
 * costs one identity check, a stale clear bit only the synchronous
 * wake-up (the consumer's poller still sees the counter).
 */
#define UM_EVENTFD_WATCH_FDS	65536
extern unsigned long um_eventfd_watched[];
/*
 * The program's write(2) on a possibly watched number: the real write
 * with the callbacks' locks held across it, then the callbacks.
 */
ssize_t um_eventfd_write(int fd, const void *buf, size_t count);
/*
 * The program's close(2) of a descriptor not routed to the host: closes
 * it and, for a watched eventfd whose last descriptor this was, wakes
 * its callbacks with EPOLLHUP (the kernel's eventfd_release()).
 */
int um_eventfd_close(int fd);

/* ---- kernel side, between file.c and chrdev.c ---- */
struct file;
struct file_operations;
/* A new file (one reference, own inode), on no descriptor; ERR_PTR. */
struct file *um_alloc_file(const char *name,
			   const struct file_operations *fops,
			   void *priv, int flags);
/* Put @file on a new descriptor (consumes the reference); -errno. */
int um_install_file(struct file *file);

/* ---- libc side, called by the kernel side ---- */

/*
 * Reserve a real host descriptor through the real syscalls: an O_PATH
 * descriptor (named after a memfd_create(@name) where the host can), on
 * which every real read, write, ioctl or mmap fails with EBADF, so a
 * call that races with the routing table never reaches anything but
 * the file.  @flags are the O_* of the open/anon file (O_CLOEXEC
 * honoured).  Returns the fd or -errno.
 */
int um_host_reserve_fd(const char *name, int flags);
void um_host_release_fd(int fd);
/* Real fcntl(F_DUPFD[_CLOEXEC]) and dup3(2); the fd or -errno. */
int um_host_dupfd(int fd, int minfd, int cloexec);
int um_host_dup3(int oldfd, int newfd, int flags);
/* The real sigaction, for host code that must not get the trampoline. */
int um_host_sigaction(int sig, const void *act, void *oact);
/* Host thread id of the caller. */
int um_host_gettid(void);

#endif /* _UM_SYSCALL_H */

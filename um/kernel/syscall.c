// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall layer of the user-mode host: the linker's --wrap turns a
 * program's open/ioctl/mmap/read/... into calls of the __wrap_ functions
 * below (um/wrap.flags lists them).  Routed descriptors, paths and
 * mappings go to the VFS-lite (um/kernel/file.c, chrdev.c), which returns
 * the kernel's 0/positive/-errno; everything else goes to the real libc
 * function untouched.  This file is the libc side: it includes no kernel
 * header, and only plain C types cross um/include/um/syscall.h.
 *
 * Build note: compile this file as plain libc code (no -D__KERNEL__, no
 * -I um/include: glibc's own headers include <linux/types.h> & co, which
 * um/include would shadow); its host headers are included by path.
 *
 * The kernel's internal "restart" codes never reach the program:
 * -ERESTARTSYS and friends become EINTR, -ENOIOCTLCMD becomes ENOTTY.
 *
 * A routed number is a real O_PATH descriptor on the host (see
 * um_host_reserve_fd()), so a call that races with close() or open()
 * of the number and misses the table goes to the real syscall and fails
 * with EBADF there; one that finds the number routed and then closed
 * before it could take the file fails with EBADF here.  Either way a
 * call runs on the file or fails with EBADF, as in the kernel.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "../include/um/init.h"
#include "../include/um/sched.h"
#include "../include/um/syscall.h"
#include "../include/um/uaccess.h"

/* kernel-internal errnos (include/linux/errno.h) */
#define UM_ERESTARTSYS		512
#define UM_ERESTARTNOINTR	513
#define UM_ERESTARTNOHAND	514
#define UM_ENOIOCTLCMD		515
#define UM_ERESTART_RESTARTBLOCK 516

/* vm_flags bits (include/linux/mm.h) */
#define UM_VM_READ	0x1UL
#define UM_VM_WRITE	0x2UL
#define UM_VM_EXEC	0x4UL
#define UM_VM_SHARED	0x8UL

int __real_open(const char *path, int flags, ...);
int __real_open64(const char *path, int flags, ...);
int __real_openat(int dirfd, const char *path, int flags, ...);
int __real_openat64(int dirfd, const char *path, int flags, ...);
int __real_close(int fd);
int __real_ioctl(int fd, unsigned long request, ...);
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
void *__real_mmap64(void *addr, size_t len, int prot, int flags, int fd,
		    off64_t off);
int __real_munmap(void *addr, size_t len);
ssize_t __real_read(int fd, void *buf, size_t count);
ssize_t __real_write(int fd, const void *buf, size_t count);
ssize_t __real_pread(int fd, void *buf, size_t count, off_t off);
ssize_t __real_pread64(int fd, void *buf, size_t count, off64_t off);
ssize_t __real_pwrite(int fd, const void *buf, size_t count, off_t off);
ssize_t __real_pwrite64(int fd, const void *buf, size_t count,
			off64_t off);
int __real_dup(int fd);
int __real_dup2(int oldfd, int newfd);
int __real_dup3(int oldfd, int newfd, int flags);
int __real_fcntl(int fd, int cmd, ...);
int __real_fcntl64(int fd, int cmd, ...);
int __real_sigaction(int sig, const struct sigaction *act,
		     struct sigaction *oact);
sighandler_t __real_signal(int sig, sighandler_t handler);

/* ---- kernel start-up ---- */

static pthread_once_t um_init_once = PTHREAD_ONCE_INIT;
/* set while this thread runs um_kernel_init: its own opens pass through */
static __thread bool um_in_init;

static void um_do_init(void)
{
	um_in_init = true;
	um_kernel_init();
	/* a fork()ed child shares the routed files, it does not own them */
	pthread_atfork(um_vfs_fork_prepare, um_vfs_fork_parent,
		       um_vfs_fork_child);
	um_in_init = false;
}

static void um_ensure_init(void)
{
	if (!um_in_init)
		pthread_once(&um_init_once, um_do_init);
}

/* ---- return values ---- */

static int kernel_errno(long err)
{
	switch (err) {
	case UM_ERESTARTSYS:
	case UM_ERESTARTNOINTR:
	case UM_ERESTARTNOHAND:
	case UM_ERESTART_RESTARTBLOCK:
		return EINTR;
	case UM_ENOIOCTLCMD:
		return ENOTTY;
	default:
		return (int)err;
	}
}

/*
 * Leave a routed syscall: a signal that interrupted it has been seen;
 * the next syscall starts clean.  Kernel -errno becomes -1 + errno.
 */
static long um_return(long ret)
{
	um_clear_signal_pending();
	if (ret < 0 && ret >= -4095) {
		errno = kernel_errno(-ret);
		return -1;
	}
	return ret;
}

/*
 * Enter a routed syscall: signals handled before it don't interrupt it.
 * Every routed syscall starts here before it can sleep, so a pending
 * flag left by a handler that ran outside a routed syscall (see
 * um_sig_trampoline) never reaches a later one.  Clearing it outside a
 * routed syscall is harmless: only routed syscalls look at it.
 */
static void um_enter(void)
{
	um_clear_signal_pending();
}

/* ---- host descriptors for the VFS-lite ---- */

int um_host_reserve_fd(const char *name, int flags)
{
	int cloexec = flags & O_CLOEXEC ? O_CLOEXEC : 0;
	char path[40];
	int fd, mfd, named;

	/* O_PATH from the first instant the number exists */
	fd = __real_open("/", O_PATH | O_DIRECTORY | cloexec);
	if (fd < 0)
		return -errno;
	/*
	 * Best effort: the same O_PATH kind of descriptor, but on a memfd
	 * named after the file, so /proc/self/fd says what it is.
	 */
	mfd = (int)syscall(SYS_memfd_create, name, MFD_CLOEXEC);
	if (mfd < 0)
		return fd;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", mfd);
	named = __real_open(path, O_PATH | O_CLOEXEC);
	if (named >= 0) {
		syscall(SYS_dup3, named, fd, cloexec);
		__real_close(named);
	}
	__real_close(mfd);
	return fd;
}

int um_host_dupfd(int fd, int minfd, int cloexec)
{
	int r = __real_fcntl(fd, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, minfd);

	return r < 0 ? -errno : r;
}

int um_host_dup3(int oldfd, int newfd, int flags)
{
	int r = (int)syscall(SYS_dup3, oldfd, newfd, flags);

	return r < 0 ? -errno : r;
}

void um_host_release_fd(int fd)
{
	int saved = errno;

	__real_close(fd);
	errno = saved;
}

int um_host_sigaction(int sig, const void *act, void *oact)
{
	return __real_sigaction(sig, act, oact);
}

int um_host_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

/* ---- open ---- */

/*
 * The fail-nth file of a thread of this process, or -1 if @path is not
 * one: /proc/thread-self/fail-nth, /proc/self/task/<tid>/fail-nth and
 * /proc/<our pid>/task/<tid>/fail-nth.
 */
static int fail_nth_tid(const char *path)
{
	char *end;
	long pid, tid;

	if (!strcmp(path, "/proc/thread-self/fail-nth"))
		return um_host_gettid();
	if (!strncmp(path, "/proc/self/task/", 16)) {
		path += 16;
	} else if (!strncmp(path, "/proc/", 6)) {
		pid = strtol(path + 6, &end, 10);
		if (end == path + 6 || pid != getpid() ||
		    strncmp(end, "/task/", 6))
			return -1;
		path = end + 6;
	} else {
		return -1;
	}
	tid = strtol(path, &end, 10);
	if (end == path || tid <= 0 || strcmp(end, "/fail-nth"))
		return -1;
	/* a thread of ours? the real /proc would say ENOENT otherwise */
	if (tid != getpid() && syscall(SYS_tgkill, getpid(), tid, 0))
		return -1;
	return (int)tid;
}

static long um_route_open(const char *path, int flags)
{
	int tid;

	if (!path)
		return UM_VFS_NOT_ROUTED;
	if (strncmp(path, "/dev/", 5) && strncmp(path, "/proc/", 6) &&
	    strncmp(path, "/sys/", 5))
		return UM_VFS_NOT_ROUTED;
	tid = fail_nth_tid(path);
	if (tid < 0 && strncmp(path, "/dev/", 5) && strncmp(path, "/sys/", 5))
		return UM_VFS_NOT_ROUTED;
	um_ensure_init();
	um_enter();
	if (tid >= 0)
		return um_vfs_open_fail_nth(tid, flags);
	return um_vfs_open(path, flags);
}

static mode_t open_mode(int flags, va_list ap)
{
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		return va_arg(ap, mode_t);
	return 0;
}

#define UM_OPEN_BODY(real_call)						\
	do {								\
		long r = um_route_open(path, flags);			\
		if (r != UM_VFS_NOT_ROUTED)				\
			return (int)um_return(r);			\
		return real_call;					\
	} while (0)

int __wrap_open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	UM_OPEN_BODY(__real_open(path, flags, mode));
}

int __wrap_open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	UM_OPEN_BODY(__real_open64(path, flags, mode));
}

int __wrap_openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	UM_OPEN_BODY(__real_openat(dirfd, path, flags, mode));
}

int __wrap_openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	UM_OPEN_BODY(__real_openat64(dirfd, path, flags, mode));
}

/* ---- close, ioctl ---- */

int __wrap_close(int fd)
{
	long r;

	if (um_vfs_fd_is_routed(fd))
		um_enter();
	r = um_vfs_close(fd);
	if (r == UM_VFS_NOT_ROUTED)
		return um_eventfd_close(fd);
	return (int)um_return(r);
}

int __wrap_ioctl(int fd, unsigned long request, ...)
{
	unsigned long arg;
	va_list ap;
	long r;

	va_start(ap, request);
	arg = va_arg(ap, unsigned long);
	va_end(ap);

	if (!um_vfs_fd_is_routed(fd))
		return __real_ioctl(fd, request, arg);
	um_enter();
	/* the kernel's ioctl command is 32 bits wide */
	r = um_vfs_ioctl(fd, (unsigned int)request, arg);
	if (r == UM_VFS_NOT_ROUTED)
		r = -EBADF;	/* closed under us */
	return (int)um_return(r);
}

/* ---- dup, dup2, dup3, fcntl ---- */

/* A routed fd's new number shares its file (refcounted), as in fs/file.c. */
int __wrap_dup(int fd)
{
	long r = um_vfs_dupfd(fd, 0, 0);

	if (r == UM_VFS_NOT_ROUTED)
		return __real_dup(fd);
	return (int)um_return(r);
}

int __wrap_dup2(int oldfd, int newfd)
{
	long r;

	if (oldfd == newfd)
		return um_vfs_fd_is_routed(oldfd) ? oldfd :
		       __real_dup2(oldfd, newfd);
	r = um_vfs_dup3(oldfd, newfd, 0);
	if (r == UM_VFS_NOT_ROUTED)
		return __real_dup2(oldfd, newfd);
	return (int)um_return(r);
}

int __wrap_dup3(int oldfd, int newfd, int flags)
{
	long r;

	if (oldfd == newfd)
		return __real_dup3(oldfd, newfd, flags);	/* EINVAL */
	r = um_vfs_dup3(oldfd, newfd, flags);
	if (r == UM_VFS_NOT_ROUTED)
		return __real_dup3(oldfd, newfd, flags);
	return (int)um_return(r);
}

/*
 * The commands that concern the file rather than the number; the rest
 * (F_GETFD, F_SETFD ...) act on the host descriptor.
 */
static long um_route_fcntl(int fd, int cmd, unsigned long arg)
{
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if ((long)(int)arg < 0)
			return UM_VFS_NOT_ROUTED;	/* the host says EINVAL */
		return um_vfs_dupfd(fd, (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFL:
		return um_vfs_getfl(fd);
	case F_SETFL:
		return um_vfs_setfl(fd, (int)arg);
	default:
		return UM_VFS_NOT_ROUTED;
	}
}

#define UM_FCNTL_BODY(real)						\
	do {								\
		unsigned long arg;					\
		va_list ap;						\
		long r;							\
									\
		va_start(ap, cmd);					\
		arg = va_arg(ap, unsigned long);			\
		va_end(ap);						\
		r = um_route_fcntl(fd, cmd, arg);			\
		if (r == UM_VFS_NOT_ROUTED)				\
			return real(fd, cmd, arg);			\
		return (int)um_return(r);				\
	} while (0)

int __wrap_fcntl(int fd, int cmd, ...)
{
	UM_FCNTL_BODY(__real_fcntl);
}

int __wrap_fcntl64(int fd, int cmd, ...)
{
	UM_FCNTL_BODY(__real_fcntl64);
}

/* ---- mmap, munmap ---- */

static void *um_route_mmap(void *addr, size_t len, int prot, int flags,
			   int fd, long long off, bool *routed)
{
	unsigned long vm_flags = 0, page = (unsigned long)sysconf(_SC_PAGESIZE);
	void *res = NULL;
	long r;

	*routed = false;
	if ((flags & MAP_ANONYMOUS) || !um_vfs_fd_is_routed(fd))
		return NULL;
	*routed = true;
	um_enter();
	if (!len || (off & (page - 1)) || off < 0)
		r = -EINVAL;
	else if ((flags & MAP_TYPE) != MAP_SHARED &&
		 (flags & MAP_TYPE) != MAP_PRIVATE)
		r = -EINVAL;
	else if (flags & MAP_FIXED)
		r = -EINVAL;	/* the driver's memory cannot move */
	else {
		if (prot & PROT_READ)
			vm_flags |= UM_VM_READ;
		if (prot & PROT_WRITE)
			vm_flags |= UM_VM_WRITE;
		if (prot & PROT_EXEC)
			vm_flags |= UM_VM_EXEC;
		if ((flags & MAP_TYPE) == MAP_SHARED)
			vm_flags |= UM_VM_SHARED;
		r = um_vfs_mmap(fd, len, vm_flags, off / page, &res);
		if (r == UM_VFS_NOT_ROUTED)
			r = -EBADF;
	}
	if (um_return(r) < 0)
		return MAP_FAILED;
	return res;
}

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off)
{
	bool routed;
	void *res = um_route_mmap(addr, len, prot, flags, fd, off, &routed);

	return routed ? res : __real_mmap(addr, len, prot, flags, fd, off);
}

void *__wrap_mmap64(void *addr, size_t len, int prot, int flags, int fd,
		    off64_t off)
{
	bool routed;
	void *res = um_route_mmap(addr, len, prot, flags, fd, off, &routed);

	return routed ? res : __real_mmap64(addr, len, prot, flags, fd, off);
}

int __wrap_munmap(void *addr, size_t len)
{
	long r;

	/* whether addr is a routed mapping is known only inside */
	um_enter();
	r = um_vfs_munmap(addr, len);

	if (r == UM_VFS_NOT_ROUTED)
		return __real_munmap(addr, len);
	return (int)um_return(r);
}

/* ---- read, write, pread, pwrite ---- */

/* The number was routed when we looked and is closed now. */
static long not_routed_ebadf(long r)
{
	return r == UM_VFS_NOT_ROUTED ? -EBADF : r;
}

ssize_t __wrap_read(int fd, void *buf, size_t count)
{
	if (!um_vfs_fd_is_routed(fd))
		return __real_read(fd, buf, count);
	um_enter();
	return um_return(not_routed_ebadf(um_vfs_read(fd, buf, count, NULL)));
}

/*
 * Is @fd a descriptor number whose eventfd has kernel callbacks?  Most
 * writes go to stdout, pipes and files: one load and a branch for them.
 * Relaxed: a bit that changes under us is a race the eventfd's other
 * consumer (irqfd's waiter) covers either way.
 */
/*
 * Depth of the program's signal handlers on this thread (the trampoline
 * below).  A handler may write an eventfd (a common way out of one), but
 * it may have interrupted this thread inside the eventfd callbacks or
 * the FLIC, under locks it would then take again: its writes are left
 * to irqfd's waiter, as a write the host cannot see.
 */
static __thread unsigned int um_in_sig_handler;

static inline bool um_eventfd_maybe_watched(int fd)
{
	unsigned int n = (unsigned int)fd;
	const unsigned int bits = 8 * sizeof(long);

	return n < UM_EVENTFD_WATCH_FDS &&
	       (__atomic_load_n(&um_eventfd_watched[n / bits],
				__ATOMIC_RELAXED) >> (n % bits) & 1);
}

ssize_t __wrap_write(int fd, const void *buf, size_t count)
{
	if (!um_vfs_fd_is_routed(fd)) {
		/*
		 * The kernel runs an eventfd's wait-queue callbacks (irqfd)
		 * inside write(2), under the lock of the increment; the host
		 * takes those locks around the real write and runs them
		 * right after.  pwrite needs nothing: an eventfd refuses it
		 * (ESPIPE).  Not in a fork()ed child: its callbacks are
		 * copies of the parent's, which would take the count the
		 * parent's irqfd must see; the parent's waiter injects it.
		 * (An irqfd the child assigned itself still has its own
		 * waiter.)
		 */
		if (um_eventfd_maybe_watched(fd) && !um_in_sig_handler &&
		    !um_mm_id)
			return um_eventfd_write(fd, buf, count);
		return __real_write(fd, buf, count);
	}
	um_enter();
	return um_return(not_routed_ebadf(um_vfs_write(fd, buf, count, NULL)));
}

static ssize_t um_pread(int fd, void *buf, size_t count, long long off)
{
	um_enter();
	return um_return(not_routed_ebadf(um_vfs_read(fd, buf, count, &off)));
}

static ssize_t um_pwrite(int fd, const void *buf, size_t count,
			 long long off)
{
	um_enter();
	return um_return(not_routed_ebadf(um_vfs_write(fd, buf, count, &off)));
}

ssize_t __wrap_pread(int fd, void *buf, size_t count, off_t off)
{
	if (!um_vfs_fd_is_routed(fd))
		return __real_pread(fd, buf, count, off);
	return um_pread(fd, buf, count, off);
}

ssize_t __wrap_pread64(int fd, void *buf, size_t count, off64_t off)
{
	if (!um_vfs_fd_is_routed(fd))
		return __real_pread64(fd, buf, count, off);
	return um_pread(fd, buf, count, off);
}

ssize_t __wrap_pwrite(int fd, const void *buf, size_t count, off_t off)
{
	if (!um_vfs_fd_is_routed(fd))
		return __real_pwrite(fd, buf, count, off);
	return um_pwrite(fd, buf, count, off);
}

ssize_t __wrap_pwrite64(int fd, const void *buf, size_t count,
			off64_t off)
{
	if (!um_vfs_fd_is_routed(fd))
		return __real_pwrite64(fd, buf, count, off);
	return um_pwrite(fd, buf, count, off);
}

/* ---- signals ---- */

/*
 * The program's handlers.  A signal handler that runs on a thread must
 * make that thread's blocking kernel waits return -ERESTARTSYS, as the
 * real kernel does when it delivers a signal.  So the host installs a
 * trampoline that raises the thread's signal-pending flag and then calls
 * the program's handler.  Synchronous fault signals (SEGV, BUS, ILL, FPE,
 * TRAP) cannot interrupt a syscall and get no trampoline.  SEGV and BUS
 * belong to the host's uaccess fault guard (um/kernel/uaccess.c): the
 * program's disposition for them becomes the one the guard chains to for
 * faults outside user accesses, so a bad pointer given to a syscall
 * still gives EFAULT.  ILL, FPE and TRAP are installed untouched.
 *
 * user_handler[] is written under sig_lock and read by the trampoline
 * with an atomic load (a handler cannot take a lock).
 */
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER; /* user_handler writers */
static void *user_handler[NSIG];	/* sa_handler or sa_sigaction */
static bool user_siginfo[NSIG];		/* handler takes siginfo */

static bool sig_is_sync(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGTRAP;
}

/*
 * The flag is raised before the program's handler runs (a wait of this
 * thread ends as soon as possible) and again after it: a routed syscall
 * the handler makes clears it on entry and return, and the syscall the
 * signal interrupted (if any) must still see it and return EINTR.  If
 * the signal interrupted no routed syscall, the flag stays raised only
 * until the next routed syscall enters (um_enter() clears it first), so
 * it interrupts nothing the kernel would not: a signal handled before a
 * syscall does not interrupt it.
 *
 * A handler that leaves by siglongjmp() skips the second raise, but it
 * abandons the routed syscall it interrupted (if any) anyway.
 */
static void um_sig_trampoline(int sig, siginfo_t *info, void *uctx)
{
	void *h = __atomic_load_n(&user_handler[sig], __ATOMIC_ACQUIRE);
	bool si = __atomic_load_n(&user_siginfo[sig], __ATOMIC_ACQUIRE);
	int err = errno;

	/* errno: the first use of current on a thread makes syscalls */
	um_set_signal_pending();
	errno = err;
	if (!h || h == (void *)SIG_IGN || h == (void *)SIG_DFL)
		return;
	um_in_sig_handler++;
	if (si)
		((void (*)(int, siginfo_t *, void *))h)(sig, info, uctx);
	else
		((void (*)(int))h)(sig);
	um_in_sig_handler--;
	err = errno;
	um_set_signal_pending();
	errno = err;
}

static bool act_is_handler(const struct sigaction *act)
{
	if (act->sa_flags & SA_SIGINFO)
		return true;
	return act->sa_handler != SIG_IGN && act->sa_handler != SIG_DFL;
}

int __wrap_sigaction(int sig, const struct sigaction *act,
		     struct sigaction *oact)
{
	struct sigaction tramp, old;
	void *prev_h;
	bool prev_si;
	int ret;

	if (sig == SIGSEGV || sig == SIGBUS) {
		ret = um_uaccess_sigaction(sig, act, oact);
		if (ret) {
			errno = -ret;
			return -1;
		}
		return 0;
	}
	if (sig <= 0 || sig >= NSIG || sig_is_sync(sig))
		return __real_sigaction(sig, act, oact);

	pthread_mutex_lock(&sig_lock);
	prev_h = user_handler[sig];
	prev_si = user_siginfo[sig];
	if (act && act_is_handler(act)) {
		tramp = *act;
		tramp.sa_flags |= SA_SIGINFO;
		tramp.sa_sigaction = um_sig_trampoline;
		__atomic_store_n(&user_siginfo[sig],
				 !!(act->sa_flags & SA_SIGINFO),
				 __ATOMIC_RELEASE);
		__atomic_store_n(&user_handler[sig],
				 act->sa_flags & SA_SIGINFO ?
				 (void *)act->sa_sigaction :
				 (void *)act->sa_handler, __ATOMIC_RELEASE);
		ret = __real_sigaction(sig, &tramp, &old);
	} else {
		ret = __real_sigaction(sig, act, &old);
		if (!ret && act)
			__atomic_store_n(&user_handler[sig], NULL,
					 __ATOMIC_RELEASE);
	}
	if (ret) {
		user_handler[sig] = prev_h;
		user_siginfo[sig] = prev_si;
	} else if (oact) {
		*oact = old;
		/* the program sees its own handler, not the trampoline */
		if ((old.sa_flags & SA_SIGINFO) &&
		    old.sa_sigaction == um_sig_trampoline) {
			if (prev_si) {
				oact->sa_sigaction = prev_h;
			} else {
				oact->sa_flags &= ~SA_SIGINFO;
				oact->sa_handler = (sighandler_t)prev_h;
			}
		}
	}
	pthread_mutex_unlock(&sig_lock);
	return ret;
}

/* glibc's signal(): BSD semantics, SA_RESTART */
sighandler_t __wrap_signal(int sig, sighandler_t handler)
{
	struct sigaction act, old;

	memset(&act, 0, sizeof(act));
	act.sa_handler = handler;
	act.sa_flags = SA_RESTART;
	sigemptyset(&act.sa_mask);
	if (sig > 0 && sig < NSIG)
		sigaddset(&act.sa_mask, sig);
	if (__wrap_sigaction(sig, &act, &old))
		return SIG_ERR;
	return old.sa_handler;
}

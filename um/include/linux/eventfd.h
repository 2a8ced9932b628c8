/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_EVENTFD_H
#define _UM_LINUX_EVENTFD_H

#include <linux/err.h>
#include <linux/types.h>
#include <linux/wait.h>

/*
 * eventfd contexts over REAL eventfd(2) descriptors of the host process:
 * eventfd_ctx_fdget() duplicates the descriptor, so the context owns a
 * reference to the eventfd file that outlives close(fd) by the program;
 * eventfd_signal() adds to the counter with the write(2) system call, so
 * the program sees it with read(2)/poll(2) on its descriptor.
 *
 * Wait-queue callbacks, as the kernel's irqfd uses them: a consumer adds
 * a wait_queue_entry with its own func (um_eventfd_add_wait_queue(), the
 * host's stand-in for vfs_poll() + the poll table's queue proc) and
 * removes it with eventfd_ctx_remove_wait_queue().  The funcs run, with
 * key EPOLLIN and the context's wait-queue lock held (so they must not
 * sleep), in the signaller's context:
 *  - after eventfd_signal() on any context of the same eventfd file;
 *  - after the program's write(2) through the wrapped write() on the
 *    descriptor number the context was taken from (the syscall layer
 *    checks a lock-free table of watched numbers, then kcmp(2) proves
 *    the number still names the same file).
 * A write the host cannot see (another process, a raw syscall, a dup of
 * the descriptor, a write from a signal handler) runs no callback; a
 * consumer that must not miss it also polls the descriptor (irqfd's
 * waiter thread).  In a callback, eventfd_ctx_do_read() consumes the
 * counter without blocking.
 *
 * eventfd_signal() on a counter that would overflow blocks in write(2)
 * unless the program made the descriptor O_NONBLOCK (the kernel instead
 * clamps); the kernel's ULLONG_MAX-1 limit is never near in practice.
 */
/* libc's <sys/eventfd.h> may have defined them (same values) */
#ifndef EFD_SEMAPHORE
#define EFD_SEMAPHORE	(1 << 0)
#endif
#ifndef EFD_CLOEXEC
#define EFD_CLOEXEC	02000000
#endif
#ifndef EFD_NONBLOCK
#define EFD_NONBLOCK	00004000
#endif

struct eventfd_ctx;
struct file;

/* ERR_PTR(-EBADF) for a bad fd, ERR_PTR(-EINVAL) for a non-eventfd */
struct eventfd_ctx *eventfd_ctx_fdget(int fd);
void eventfd_ctx_put(struct eventfd_ctx *ctx);
/* returns n, as the kernel does when the counter does not overflow */
__u64 eventfd_signal(struct eventfd_ctx *ctx, __u64 n);
__u64 eventfd_signal_mask(struct eventfd_ctx *ctx, __u64 n, unsigned mask);
/* not in Linux 6.1 (removed in 4.x): for host-side code only */
void eventfd_ctx_get(struct eventfd_ctx *ctx);
/* the host descriptor the context owns (host-side code only) */
int um_eventfd_ctx_fd(struct eventfd_ctx *ctx);

/*
 * As 6.1: the caller holds the context's wait-queue lock, i.e. it is a
 * wait-queue func.  Consumes the counter without blocking (*cnt = 0 if
 * it was zero or another reader got there first).
 */
void eventfd_ctx_do_read(struct eventfd_ctx *ctx, __u64 *cnt);
/*
 * As 6.1, except that @cnt may be NULL (keep the counter).  Once it
 * returns, @wait's func is not running and will not run again.
 */
int eventfd_ctx_remove_wait_queue(struct eventfd_ctx *ctx,
				  wait_queue_entry_t *wait, __u64 *cnt);
/* host-side code only: hook @wait into @ctx (see above) */
void um_eventfd_add_wait_queue(struct eventfd_ctx *ctx,
			       wait_queue_entry_t *wait);
/*
 * host-side code only: the context's wait-queue lock, for a consumer
 * that polls the descriptor and must consume and act atomically with
 * respect to the callbacks (irqfd's waiter).
 */
spinlock_t *um_eventfd_ctx_wqh_lock(struct eventfd_ctx *ctx);

static inline bool eventfd_signal_allowed(void)
{
	return !current->in_eventfd;
}

#endif

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
 * Not supported: wait-queue callbacks on the eventfd (the kernel's
 * eventfd_ctx_remove_wait_queue / poll-table hooks used by irqfd), since
 * the counter lives in the host kernel.  A consumer that must react to a
 * signal from userspace has to poll(2) the descriptor from a thread.
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

static inline bool eventfd_signal_allowed(void)
{
	return !current->in_eventfd;
}

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * eventfd contexts over real eventfd(2) descriptors; see <linux/eventfd.h>.
 * Raw system calls for write/close: the program's write() and close()
 * may be wrapped by the syscall layer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include <linux/eventfd.h>
#include <linux/kref.h>
#include <linux/slab.h>

struct eventfd_ctx {
	struct kref kref;
	int fd;			/* our own duplicate of the eventfd */
};

static bool um_fd_is_eventfd(int fd)
{
	char path[64], target[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = 0;
	return !strcmp(target, "anon_inode:[eventfd]");
}

struct eventfd_ctx *eventfd_ctx_fdget(int fd)
{
	struct eventfd_ctx *ctx;
	int dup_fd;

	if (fd < 0)
		return ERR_PTR(-EBADF);
	/*
	 * dup() both validates fd and takes our reference.  Not
	 * F_DUPFD_CLOEXEC: qemu-user only carries its eventfd value
	 * byte-swapping over to descriptors made by dup().
	 */
	dup_fd = syscall(SYS_dup, fd);
	if (dup_fd < 0)
		return ERR_PTR(errno == EMFILE ? -EMFILE : -EBADF);
	fcntl(dup_fd, F_SETFD, FD_CLOEXEC);
	if (!um_fd_is_eventfd(dup_fd)) {
		syscall(SYS_close, dup_fd);
		return ERR_PTR(-EINVAL);
	}
	ctx = kmalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx) {
		syscall(SYS_close, dup_fd);
		return ERR_PTR(-ENOMEM);
	}
	kref_init(&ctx->kref);
	ctx->fd = dup_fd;
	return ctx;
}

static void eventfd_free(struct kref *kref)
{
	struct eventfd_ctx *ctx = container_of(kref, struct eventfd_ctx, kref);

	syscall(SYS_close, ctx->fd);
	kfree(ctx);
}

void eventfd_ctx_put(struct eventfd_ctx *ctx)
{
	kref_put(&ctx->kref, eventfd_free);
}

void eventfd_ctx_get(struct eventfd_ctx *ctx)
{
	kref_get(&ctx->kref);
}

int um_eventfd_ctx_fd(struct eventfd_ctx *ctx)
{
	return ctx->fd;
}

__u64 eventfd_signal_mask(struct eventfd_ctx *ctx, __u64 n, unsigned mask)
{
	__u64 val = n;
	long r;

	if (!n)
		return 0;
	do {
		r = syscall(SYS_write, ctx->fd, &val, sizeof(val));
	} while (r < 0 && errno == EINTR);
	return r == sizeof(val) ? n : 0;
}

__u64 eventfd_signal(struct eventfd_ctx *ctx, __u64 n)
{
	return eventfd_signal_mask(ctx, n, 0);
}

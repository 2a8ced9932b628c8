// SPDX-License-Identifier: GPL-2.0
/*
 * eventfd contexts over real eventfd(2) descriptors; see <linux/eventfd.h>.
 * Raw system calls for read/write/close: the program's read(), write()
 * and close() may be wrapped by the syscall layer.
 *
 * Wake callbacks: each context has the kernel's wait queue (ctx->wqh).
 * The counter itself lives in the host kernel, so the callbacks are run
 * by whoever the host sees signalling: eventfd_signal(), and the syscall
 * layer around the program's write(2) (um_eventfd_write()).  To find
 * the contexts of a written descriptor number without a system call on
 * every write, a context with callbacks is "watched": linked in the
 * bucket of the number it was taken from, and that number's bit is set
 * in um_eventfd_watched[], which the syscall layer tests lock-free.  A
 * number can be closed and reused for another file, so a match by number
 * is confirmed with kcmp(2) against the context's own dup before any
 * callback runs; nothing about the identity is cached.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/uio.h>	/* struct iovec */

#include <linux/eventfd.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <um/syscall.h>

#define UM_KCMP_FILE		0	/* <linux/kcmp.h> KCMP_FILE */
#define UM_RWF_NOWAIT		0x00000008	/* <linux/fs.h> RWF_NOWAIT */
#define UM_WATCH_BUCKETS	64
#define UM_CLOSE_MAX_CTXS	16	/* contexts of one number told of a close */

struct eventfd_ctx {
	struct kref kref;
	int fd;			/* our own duplicate of the eventfd */
	int user_fd;		/* the number it was taken from */
	/*
	 * wqh.lock protects the callback list, serializes the callbacks
	 * (they run under it, as in the kernel) and makes the host's
	 * non-blocking reads of the counter (eventfd_ctx_do_read) atomic
	 * with respect to each other.
	 */
	wait_queue_head_t wqh;
	struct hlist_node watch;	/* in a bucket while wqh is non-empty */
	bool watched;			/* under the bucket lock */
	struct list_head all;		/* in all_ctxs, under all_ctxs_lock */
};

/* every live context, so that their own dups can be told apart */
static LIST_HEAD(all_ctxs);
static DEFINE_SPINLOCK(all_ctxs_lock);

unsigned long um_eventfd_watched[UM_EVENTFD_WATCH_FDS / BITS_PER_LONG];

/*
 * Watched contexts by user_fd % UM_WATCH_BUCKETS.  A bucket's lock
 * protects its list, the contexts' watch/watched fields, and the
 * um_eventfd_watched bits of the numbers that hash to it (set and
 * cleared with atomic operations: a word is shared by 64 buckets).  It
 * is held while a written number's callbacks run, so a context cannot
 * stop being watched (nor be freed) under them.  Order: bucket lock,
 * then ctx->wqh.lock.
 */
static struct um_watch_bucket {
	spinlock_t lock;
	struct hlist_head ctxs;
} watch_buckets[UM_WATCH_BUCKETS] = {
	[0 ... UM_WATCH_BUCKETS - 1] = {
		.lock = __SPIN_LOCK_UNLOCKED(watch_buckets.lock),
	},
};

static struct um_watch_bucket *watch_bucket(int fd)
{
	return &watch_buckets[(unsigned int)fd % UM_WATCH_BUCKETS];
}

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
	ctx->user_fd = fd;
	init_waitqueue_head(&ctx->wqh);
	INIT_HLIST_NODE(&ctx->watch);
	ctx->watched = false;
	spin_lock(&all_ctxs_lock);
	list_add(&ctx->all, &all_ctxs);
	spin_unlock(&all_ctxs_lock);
	return ctx;
}

static void eventfd_free(struct kref *kref)
{
	struct eventfd_ctx *ctx = container_of(kref, struct eventfd_ctx, kref);

	/* callbacks hold a reference: nobody can be watching it */
	WARN_ON(ctx->watched);
	spin_lock(&all_ctxs_lock);
	list_del(&ctx->all);
	spin_unlock(&all_ctxs_lock);
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

/* ---- the counter ---- */

void eventfd_ctx_do_read(struct eventfd_ctx *ctx, __u64 *cnt)
{
	struct pollfd pfd = { .fd = ctx->fd, .events = POLLIN };
	struct iovec iov = { .iov_base = cnt, .iov_len = sizeof(*cnt) };
	ssize_t r;

	lockdep_assert_held(&ctx->wqh.lock);
	*cnt = 0;
	/*
	 * The file (and its O_NONBLOCK) is the program's, so never a plain
	 * blocking read: RWF_NOWAIT where the host has it, else poll first
	 * (racing only with the program's own reads, as upstream's irqfd
	 * races with them; host readers are serialized by wqh.lock).
	 */
	r = syscall(SYS_preadv2, ctx->fd, &iov, 1, -1L, -1L, UM_RWF_NOWAIT);
	if (r == sizeof(*cnt))
		return;
	*cnt = 0;
	if (r < 0 && errno == EAGAIN)
		return;
	if (syscall(SYS_poll, &pfd, 1, 0) != 1 || !(pfd.revents & POLLIN))
		return;
	if (syscall(SYS_read, ctx->fd, cnt, sizeof(*cnt)) != sizeof(*cnt))
		*cnt = 0;
}

spinlock_t *um_eventfd_ctx_wqh_lock(struct eventfd_ctx *ctx)
{
	return &ctx->wqh.lock;
}

/* ---- callbacks ---- */

/* Do two descriptors name the same open file?  No answer, no. */
static bool same_file(int fd1, int fd2)
{
	pid_t pid = getpid();

	return syscall(SYS_kcmp, pid, pid, UM_KCMP_FILE, fd1, fd2) == 0;
}

static void watch_bit(int fd, bool set)
{
	unsigned long mask = 1UL << ((unsigned int)fd % BITS_PER_LONG);
	unsigned long *word = &um_eventfd_watched[(unsigned int)fd /
						  BITS_PER_LONG];

	if (set)
		__atomic_fetch_or(word, mask, __ATOMIC_RELEASE);
	else
		__atomic_fetch_and(word, ~mask, __ATOMIC_RELEASE);
}

void um_eventfd_add_wait_queue(struct eventfd_ctx *ctx,
			       wait_queue_entry_t *wait)
{
	struct um_watch_bucket *b = watch_bucket(ctx->user_fd);

	spin_lock(&b->lock);
	spin_lock(&ctx->wqh.lock);
	__add_wait_queue_entry_tail(&ctx->wqh, wait);
	spin_unlock(&ctx->wqh.lock);
	if (!ctx->watched && ctx->user_fd < UM_EVENTFD_WATCH_FDS) {
		hlist_add_head(&ctx->watch, &b->ctxs);
		ctx->watched = true;
		watch_bit(ctx->user_fd, true);
	}
	spin_unlock(&b->lock);
}

int eventfd_ctx_remove_wait_queue(struct eventfd_ctx *ctx,
				  wait_queue_entry_t *wait, __u64 *cnt)
{
	struct um_watch_bucket *b = watch_bucket(ctx->user_fd);
	struct eventfd_ctx *other;
	bool empty, still = false;

	spin_lock(&b->lock);
	spin_lock(&ctx->wqh.lock);
	if (cnt)
		eventfd_ctx_do_read(ctx, cnt);
	list_del_init(&wait->entry);
	empty = list_empty(&ctx->wqh.head);
	spin_unlock(&ctx->wqh.lock);
	if (empty && ctx->watched) {
		hlist_del_init(&ctx->watch);
		ctx->watched = false;
		/* another context may watch the same number */
		hlist_for_each_entry(other, &b->ctxs, watch)
			if (other->user_fd == ctx->user_fd)
				still = true;
		if (!still)
			watch_bit(ctx->user_fd, false);
	}
	spin_unlock(&b->lock);
	return 0;
}

/* As the kernel's wake_up_locked_poll(&ctx->wqh, @key). */
static void eventfd_wake_key(struct eventfd_ctx *ctx, unsigned long key)
{
	wait_queue_entry_t *curr, *next;

	spin_lock(&ctx->wqh.lock);
	list_for_each_entry_safe(curr, next, &ctx->wqh.head, entry)
		curr->func(curr, TASK_NORMAL, 0, (void *)key);
	spin_unlock(&ctx->wqh.lock);
}

static void eventfd_wake(struct eventfd_ctx *ctx)
{
	eventfd_wake_key(ctx, EPOLLIN);
}

/*
 * The program's write(2) on a watched number: the callbacks' locks are
 * taken before the real write and held until the callbacks have run, as
 * the kernel's eventfd_write() holds ctx->wqh.lock across the increment
 * and the wake-up.  So the irqfd waiter, which the host kernel wakes
 * inside the write, cannot consume the count first and put its own
 * wake-up on the critical path: it finds the lock taken (it only
 * trylocks) or the count consumed.  A write that blocks (a counter at
 * its maximum) would hold the locks while it waits; irqfd consumes every
 * count at once, so only a program writing values near 2^64 gets there.
 */
ssize_t um_eventfd_write(int fd, const void *buf, size_t count)
{
	struct eventfd_ctx *ctx, *locked[UM_CLOSE_MAX_CTXS];
	struct um_watch_bucket *b;
	int i, n = 0, err;
	ssize_t r;

	if (fd < 0 || fd >= UM_EVENTFD_WATCH_FDS)
		return syscall(SYS_write, fd, buf, count);
	b = watch_bucket(fd);
	spin_lock(&b->lock);
	hlist_for_each_entry(ctx, &b->ctxs, watch) {
		if (n < UM_CLOSE_MAX_CTXS && ctx->user_fd == fd &&
		    same_file(fd, ctx->fd)) {
			spin_lock(&ctx->wqh.lock);
			locked[n++] = ctx;
		}
	}
	r = syscall(SYS_write, fd, buf, count);
	err = errno;
	for (i = 0; i < n; i++) {
		wait_queue_entry_t *curr, *next;

		if (r > 0)
			list_for_each_entry_safe(curr, next,
						 &locked[i]->wqh.head, entry)
				curr->func(curr, TASK_NORMAL, 0,
					   (void *)(unsigned long)EPOLLIN);
		spin_unlock(&locked[i]->wqh.lock);
	}
	spin_unlock(&b->lock);
	errno = err;
	return r;
}

/*
 * Every watched context of @ctx's file: in the kernel they would all be
 * one eventfd_ctx; here each eventfd_ctx_fdget() made its own.
 */
static void eventfd_wake_file(struct eventfd_ctx *ctx)
{
	struct um_watch_bucket *b;
	struct eventfd_ctx *other;
	int i;

	for (i = 0; i < UM_WATCH_BUCKETS; i++) {
		b = &watch_buckets[i];
		spin_lock(&b->lock);
		hlist_for_each_entry(other, &b->ctxs, watch)
			if (other == ctx || same_file(ctx->fd, other->fd))
				eventfd_wake(other);
		spin_unlock(&b->lock);
	}
	/* one past the table is never watched: run its own callbacks */
	if (ctx->user_fd >= UM_EVENTFD_WATCH_FDS)
		eventfd_wake(ctx);
}

/*
 * Add to the counter, then run the callbacks in the caller's context as
 * the kernel does (it runs them under the lock that also covers the
 * increment; here the increment is the host kernel's, so a callback
 * finds the count already there).
 */
__u64 eventfd_signal_mask(struct eventfd_ctx *ctx, __u64 n, unsigned mask)
{
	__u64 val = n;
	long r;

	if (!n)
		return 0;
	do {
		r = syscall(SYS_write, ctx->fd, &val, sizeof(val));
	} while (r < 0 && errno == EINTR);
	if (r != sizeof(val))
		return 0;
	eventfd_wake_file(ctx);
	return n;
}

__u64 eventfd_signal(struct eventfd_ctx *ctx, __u64 n)
{
	return eventfd_signal_mask(ctx, n, 0);
}

/* ---- release ---- */

static bool is_ctx_fd(int fd)
{
	struct eventfd_ctx *ctx;
	bool found = false;

	spin_lock(&all_ctxs_lock);
	list_for_each_entry(ctx, &all_ctxs, all)
		if (ctx->fd == fd)
			found = true;
	spin_unlock(&all_ctxs_lock);
	return found;
}

/* Has the program another descriptor of @ctx's file (not a context's)? */
static bool program_has_file(struct eventfd_ctx *ctx)
{
	struct dirent *de;
	bool found = false;
	DIR *dir;
	char *end;
	long fd;

	dir = opendir("/proc/self/fd");
	if (!dir)
		return true;	/* cannot tell: keep it */
	while (!found && (de = readdir(dir))) {
		fd = strtol(de->d_name, &end, 10);
		if (*end || end == de->d_name || fd == dirfd(dir))
			continue;
		found = same_file(fd, ctx->fd) && !is_ctx_fd(fd);
	}
	closedir(dir);
	return found;
}

static bool fd_watched(int fd)
{
	unsigned int n = (unsigned int)fd;

	return n < UM_EVENTFD_WATCH_FDS &&
	       (__atomic_load_n(&um_eventfd_watched[n / BITS_PER_LONG],
				__ATOMIC_ACQUIRE) >> (n % BITS_PER_LONG) & 1);
}

/*
 * The program's close(2) of @fd.  When the last reference to an eventfd
 * goes, the kernel's eventfd_release() wakes the wait queue with
 * EPOLLHUP (irqfd then detaches).  Here the contexts' own dups keep the
 * file open, so for a number with callbacks the host looks, after the
 * close, for another descriptor of the program naming the file; if there
 * is none, the callbacks get EPOLLHUP.  Not seen: a descriptor held by
 * another process (fork, SCM_RIGHTS), and the close of another number
 * of the file than the one the context was taken from.
 */
int um_eventfd_close(int fd)
{
	struct eventfd_ctx *ctx, *hup[UM_CLOSE_MAX_CTXS];
	struct um_watch_bucket *b;
	int i, n = 0, r, err;

	if (!fd_watched(fd))
		return syscall(SYS_close, fd);
	b = watch_bucket(fd);
	spin_lock(&b->lock);
	hlist_for_each_entry(ctx, &b->ctxs, watch) {
		if (n < UM_CLOSE_MAX_CTXS && ctx->user_fd == fd &&
		    same_file(fd, ctx->fd)) {
			kref_get(&ctx->kref);
			hup[n++] = ctx;
		}
	}
	spin_unlock(&b->lock);
	r = syscall(SYS_close, fd);
	err = errno;
	for (i = 0; i < n; i++) {
		if (!r && !program_has_file(hup[i]))
			eventfd_wake_key(hup[i], EPOLLHUP);
		eventfd_ctx_put(hup[i]);
	}
	errno = err;
	return r;
}

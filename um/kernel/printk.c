// SPDX-License-Identifier: GPL-2.0
/*
 * printk, WARN and BUG for the user-mode host.
 *
 * UM_LOG=stderr: messages go to standard error; UM_LOG=<path>: appended
 * to that file; unset: kept in an in-memory ring (um_log_ring_read()).
 * WARN and BUG always go to standard error.  Output uses raw write(2)
 * system calls: the program's write() may be wrapped by the syscall layer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>
#include <sys/syscall.h>

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <um/bug.h>
#include <um/printk.h>

#define UM_LOG_RING_SIZE	(64 * 1024)

enum { UM_LOG_RING, UM_LOG_STDERR, UM_LOG_FILE };

static pthread_once_t um_log_once = PTHREAD_ONCE_INIT;
static int um_log_mode;		/* written once under um_log_once */
static int um_log_fd = -1;	/* likewise */

/* protects um_log_ring and um_log_ring_head */
static DEFINE_SPINLOCK(um_log_lock);
static char um_log_ring[UM_LOG_RING_SIZE];
static unsigned long um_log_ring_head;	/* total bytes ever written */

static unsigned long um_warnings;	/* atomic */

static void um_log_setup(void)
{
	const char *dest = getenv("UM_LOG");

	if (!dest || !*dest) {
		um_log_mode = UM_LOG_RING;
	} else if (!strcmp(dest, "stderr")) {
		um_log_mode = UM_LOG_STDERR;
	} else {
		um_log_fd = syscall(SYS_openat, AT_FDCWD, dest,
				    O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
				    0644);
		um_log_mode = um_log_fd >= 0 ? UM_LOG_FILE : UM_LOG_STDERR;
	}
}

static void um_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		long n = syscall(SYS_write, fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

static void um_log_emit(const char *buf, size_t len, bool force_stderr)
{
	pthread_once(&um_log_once, um_log_setup);
	if (force_stderr || um_log_mode == UM_LOG_STDERR) {
		um_write_all(STDERR_FILENO, buf, len);
	} else if (um_log_mode == UM_LOG_FILE) {
		um_write_all(um_log_fd, buf, len);
	}
	if (um_log_mode == UM_LOG_RING) {
		size_t i;

		spin_lock(&um_log_lock);
		for (i = 0; i < len; i++)
			um_log_ring[um_log_ring_head++ % UM_LOG_RING_SIZE] = buf[i];
		spin_unlock(&um_log_lock);
	}
}

size_t um_log_ring_read(char *buf, size_t size)
{
	unsigned long start, n, i;

	if (!size)
		return 0;
	spin_lock(&um_log_lock);
	n = min_t(unsigned long, um_log_ring_head, UM_LOG_RING_SIZE);
	n = min_t(unsigned long, n, size - 1);
	start = um_log_ring_head - n;
	for (i = 0; i < n; i++)
		buf[i] = um_log_ring[(start + i) % UM_LOG_RING_SIZE];
	spin_unlock(&um_log_lock);
	buf[n] = 0;
	return n;
}

/* strip the KERN_<level> header; KERN_CONT lines get no newline fix-up */
static int um_vlog(bool force_stderr, const char *fmt, va_list args)
{
	char buf[1024];
	int len;

	while (fmt[0] == KERN_SOH_ASCII && fmt[1])
		fmt += 2;
	len = vsnprintf(buf, sizeof(buf), fmt, args);
	if (len < 0)
		return len;
	if (len >= (int)sizeof(buf)) {
		len = sizeof(buf) - 1;
		buf[len - 1] = '\n';
	}
	um_log_emit(buf, len, force_stderr);
	return len;
}

int vprintk(const char *fmt, va_list args)
{
	return um_vlog(false, fmt, args);
}

int _printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

static void um_stderr_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	um_vlog(true, fmt, args);
	va_end(args);
}

unsigned long um_warn_count(void)
{
	return __atomic_load_n(&um_warnings, __ATOMIC_SEQ_CST);
}

void um_warn_on(const char *file, int line, const char *cond)
{
	__atomic_add_fetch(&um_warnings, 1, __ATOMIC_SEQ_CST);
	um_stderr_printf("WARNING: CPU: 0 PID: %d Comm: %s at %s:%d: WARN_ON(%s)\n",
			 current->pid, current->comm, file, line, cond);
}

void um_warn_fmt(const char *file, int line, const char *fmt, ...)
{
	va_list args;

	__atomic_add_fetch(&um_warnings, 1, __ATOMIC_SEQ_CST);
	um_stderr_printf("WARNING: CPU: 0 PID: %d Comm: %s at %s:%d\n",
			 current->pid, current->comm, file, line);
	va_start(args, fmt);
	um_vlog(true, fmt, args);
	va_end(args);
}

void um_bug(const char *file, int line)
{
	um_stderr_printf("kernel BUG at %s:%d! (PID: %d Comm: %s)\n",
			 file, line, current->pid, current->comm);
	abort();
}

void dump_stack(void)
{
	um_stderr_printf("dump_stack: no backtrace in the user-mode host\n");
}

bool um_printk_ratelimit(struct um_printk_ratelimit *rs)
{
	const long long interval = 5 * NSEC_PER_SEC;
	long long now = ktime_get();
	bool ok;

	while (__atomic_exchange_n(&rs->lock, 1, __ATOMIC_ACQUIRE))
		sched_yield();
	if (!rs->begin_ns || now - rs->begin_ns >= interval) {
		rs->begin_ns = now;
		rs->printed = 0;
	}
	ok = rs->printed < 10;
	if (ok)
		rs->printed++;
	__atomic_store_n(&rs->lock, 0, __ATOMIC_RELEASE);
	return ok;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i;

	if (!size)
		return 0;
	i = vsnprintf(buf, size, fmt, args);
	if (i < 0)
		return 0;
	return (size_t)i < size ? i : (int)(size - 1);
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}

/* device names (dev_set_name) */
char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int len;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0)
		return NULL;
	p = kmalloc(len + 1, gfp);
	if (!p)
		return NULL;
	vsnprintf(p, len + 1, fmt, ap);
	return p;
}

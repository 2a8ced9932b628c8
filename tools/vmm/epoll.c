// SPDX-License-Identifier: GPL-2.0
/*
 * The main loop, as QEMU's: epoll on the devices' eventfds, a signalfd
 * for SIGINT/SIGTERM, and a timerfd that ticks the progress line and
 * ends the run.  Handlers run on this thread only.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

#include "vmm.h"

struct handler {
	int fd;
	loop_fn fn;
	void *arg;
};

static int epfd = -1, sigfd = -1, tickfd = -1, stopfd = -1;
static struct handler *handlers[4 * VMM_MAX_SCH];	/* loop thread only */

int loop_init(void)
{
	struct itimerspec its = { .it_interval.tv_nsec = 250000000,
				  .it_value.tv_nsec = 250000000 };
	struct epoll_event ev = { .events = EPOLLIN };
	sigset_t set;

	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		return -errno;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	/* vcpu threads are created later and inherit the mask */
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	tickfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	stopfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (sigfd < 0 || tickfd < 0 || stopfd < 0)
		return -errno;
	if (timerfd_settime(tickfd, 0, &its, NULL))
		return -errno;
	/* our own descriptors: the number shifted left; handlers: tagged 1 */
	ev.data.u64 = (uint64_t)sigfd << 1;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, sigfd, &ev))
		return -errno;
	ev.data.u64 = (uint64_t)tickfd << 1;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, tickfd, &ev))
		return -errno;
	ev.data.u64 = (uint64_t)stopfd << 1;
	return epoll_ctl(epfd, EPOLL_CTL_ADD, stopfd, &ev) ? -errno : 0;
}

int loop_add(int fd, loop_fn fn, void *arg)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct handler *h;
	unsigned int i;

	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (!handlers[i])
			break;
	if (i == sizeof(handlers) / sizeof(handlers[0]))
		return -ENOSPC;
	h = malloc(sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->fd = fd;
	h->fn = fn;
	h->arg = arg;
	ev.data.u64 = (uintptr_t)h | 1;		/* tagged: a handler */
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev)) {
		free(h);
		return -errno;
	}
	handlers[i] = h;
	return 0;
}

void loop_del(int fd)
{
	unsigned int i;

	epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
	/* kept until loop_exit(): an event of this round may still name it */
	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (handlers[i] && handlers[i]->fd == fd)
			handlers[i]->fn = NULL;
}

void loop_exit(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++) {
		free(handlers[i]);
		handlers[i] = NULL;
	}
	close(epfd);
	close(sigfd);
	close(tickfd);
	close(stopfd);
}

/* from any thread: make loop_run() return */
void loop_stop(void)
{
	uint64_t one = 1;

	if (write(stopfd, &one, sizeof(one)) < 0)
		perror("vmm: loop_stop");
}

/*
 * Run until loop_stop() or a signal, calling @tick four times a second.
 * Returns 0, or the signal number that ended it.
 */
int loop_run(struct vmm *v, double seconds, void (*tick)(struct vmm *v))
{
	struct epoll_event evs[16];
	int i, n;

	(void)seconds;
	for (;;) {
		count_syscall();
		n = epoll_wait(epfd, evs, 16, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (i = 0; i < n; i++) {
			if (evs[i].data.u64 & 1) {
				/* woken for device work: counted */
				__atomic_fetch_add(&vmm_wakeups, 1,
						   __ATOMIC_RELAXED);
				break;
			}
		}
		for (i = 0; i < n; i++) {
			uint64_t d = evs[i].data.u64, x;
			struct signalfd_siginfo si;

			if (d & 1) {
				struct handler *h;

				h = (void *)(uintptr_t)(d & ~1ULL);

				if (h->fn)
					h->fn(h->arg);
			} else if (d >> 1 == (uint64_t)sigfd) {
				if (read(sigfd, &si, sizeof(si)) == sizeof(si))
					return (int)si.ssi_signo;
			} else if (d >> 1 == (uint64_t)tickfd) {
				if (read(tickfd, &x, sizeof(x)) > 0 && tick)
					tick(v);
			} else if (d >> 1 == (uint64_t)stopfd) {
				if (read(stopfd, &x, sizeof(x)) > 0)
					return 0;
			}
		}
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Coroutines on ucontext for the simulated CPU (see coroutine.h).
 *
 * swapcontext() also switches the signal mask.  A coroutine may be run by
 * a different thread each KVM_RUN, so um_coro_enter() gives the coroutine
 * the caller's current mask: the guest never runs with a mask that
 * belongs to another thread.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/errno.h>

#include "coroutine.h"

#if defined(__SANITIZE_THREAD__)
#define UM_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UM_TSAN 1
#endif
#endif

#if defined(__SANITIZE_ADDRESS__)
#define UM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UM_ASAN 1
#endif
#endif

#ifdef UM_TSAN
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned int flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned int flags);
#endif
#ifdef UM_ASAN
void __sanitizer_start_switch_fiber(void **fake_stack_save,
				    const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save,
				     const void **bottom_old,
				     size_t *size_old);
#endif

static void *coro_stack_lo(struct um_coro *co)
{
	return (char *)co->stack + (co->map_size - co->stack_size);
}

/* Host side: run the coroutine until it switches back. */
static void switch_to_coro(struct um_coro *co)
{
#ifdef UM_ASAN
	void *fake = NULL;
#endif

#ifdef UM_TSAN
	co->tsan_host_fiber = __tsan_get_current_fiber();
	__tsan_switch_to_fiber(co->tsan_fiber, 0);
#endif
#ifdef UM_ASAN
	__sanitizer_start_switch_fiber(&fake, coro_stack_lo(co),
				       co->stack_size);
#endif
	swapcontext(&co->host, &co->ctx);
#ifdef UM_ASAN
	__sanitizer_finish_switch_fiber(fake, NULL, NULL);
#endif
}

/* Coroutine side: go back to the host; final when the coroutine ends. */
static void switch_to_host(struct um_coro *co, bool final)
{
#ifdef UM_ASAN
	__sanitizer_start_switch_fiber(final ? NULL : &co->asan_fake_stack,
				       co->host_stack_bottom,
				       co->host_stack_size);
#endif
#ifdef UM_TSAN
	__tsan_switch_to_fiber(co->tsan_host_fiber, 0);
#endif
	swapcontext(&co->ctx, &co->host);
	/* resumed by the next um_coro_enter(), maybe on another thread */
#ifdef UM_ASAN
	__sanitizer_finish_switch_fiber(co->asan_fake_stack,
					&co->host_stack_bottom,
					&co->host_stack_size);
#endif
}

/* makecontext() passes int arguments only: the pointer comes in halves. */
static void coro_trampoline(unsigned int hi, unsigned int lo)
{
	struct um_coro *co = (struct um_coro *)
		(((uintptr_t)hi << 16 << 16) | (uintptr_t)lo);

#ifdef UM_ASAN
	__sanitizer_finish_switch_fiber(NULL, &co->host_stack_bottom,
					&co->host_stack_size);
#endif
	co->fn(co->arg);
	co->finished = true;
	co->running = false;
	switch_to_host(co, true);
	/* never entered again without um_coro_reset() */
	__builtin_trap();
}

void um_coro_reset(struct um_coro *co)
{
	uintptr_t p = (uintptr_t)co;

	getcontext(&co->ctx);
	co->ctx.uc_stack.ss_sp = coro_stack_lo(co);
	co->ctx.uc_stack.ss_size = co->stack_size;
	co->ctx.uc_link = NULL;
	makecontext(&co->ctx, (void (*)(void))coro_trampoline, 2,
		    (unsigned int)(p >> 16 >> 16), (unsigned int)p);
	co->finished = false;
	co->running = false;
	co->asan_fake_stack = NULL;
#ifdef UM_TSAN
	/* a fresh fiber: the old one's stack history is gone */
	if (co->tsan_fiber)
		__tsan_destroy_fiber(co->tsan_fiber);
	co->tsan_fiber = __tsan_create_fiber(0);
#endif
}

int um_coro_init(struct um_coro *co, size_t stack_size,
		 void (*fn)(void *arg), void *arg)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	memset(co, 0, sizeof(*co));
	co->stack_size = (stack_size + page - 1) & ~(page - 1);
	co->map_size = co->stack_size + page;
	co->stack = mmap(NULL, co->map_size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (co->stack == MAP_FAILED) {
		co->stack = NULL;
		return -ENOMEM;
	}
	/* the lowest page catches a guest program overflowing its stack */
	mprotect(co->stack, page, PROT_NONE);
	co->fn = fn;
	co->arg = arg;
	um_coro_reset(co);
	return 0;
}

void um_coro_destroy(struct um_coro *co)
{
#ifdef UM_TSAN
	if (co->tsan_fiber)
		__tsan_destroy_fiber(co->tsan_fiber);
	co->tsan_fiber = NULL;
#endif
	if (co->stack)
		munmap(co->stack, co->map_size);
	co->stack = NULL;
}

bool um_coro_enter(struct um_coro *co)
{
	if (co->finished)
		return false;
	/* the guest runs with the signal mask of the thread running it */
	sigprocmask(SIG_SETMASK, NULL, &co->ctx.uc_sigmask);
	co->running = true;
	switch_to_coro(co);
	return !co->finished;
}

void um_coro_yield(struct um_coro *co)
{
	co->running = false;
	switch_to_host(co, false);
	co->running = true;
}

void um_coro_signal_point(void)
{
#ifdef UM_TSAN
	struct timespec ts;

	/* intercepted by TSan, which then runs deferred signal handlers */
	clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
}

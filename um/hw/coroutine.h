/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Coroutines for the simulated CPU: every vcpu runs its guest program on
 * a stack of its own, entered from KVM_RUN and left at every intercept,
 * so that the next KVM_RUN resumes the guest exactly where it stopped.
 *
 * Host-only (um/hw); built on ucontext, annotated for ThreadSanitizer and
 * AddressSanitizer so that both understand the stack switches.
 */
#ifndef UM_HW_COROUTINE_H
#define UM_HW_COROUTINE_H

#include <stdbool.h>
#include <stddef.h>
#include <ucontext.h>

struct um_coro {
	ucontext_t ctx;			/* the coroutine, while suspended */
	ucontext_t host;		/* the caller of um_coro_enter() */
	void *stack;			/* mapping incl. a guard page */
	size_t map_size;
	size_t stack_size;		/* usable part, above the guard */
	void (*fn)(void *arg);
	void *arg;
	bool running;			/* between enter and yield */
	bool finished;			/* fn returned; enter needs a reset */
	/* sanitizer bookkeeping */
	void *tsan_fiber;
	void *tsan_host_fiber;
	void *asan_fake_stack;
	const void *host_stack_bottom;
	size_t host_stack_size;
};

/*
 * Both run on the thread that owns the coroutine at that moment; a
 * coroutine is never entered by two threads at once (the vcpu mutex
 * serializes KVM_RUN).  um_coro_init() returns 0 or -ENOMEM.
 */
int um_coro_init(struct um_coro *co, size_t stack_size,
		 void (*fn)(void *arg), void *arg);
void um_coro_destroy(struct um_coro *co);

/* Discard the coroutine's stack: the next enter starts fn afresh. */
void um_coro_reset(struct um_coro *co);

/*
 * Run the coroutine until it yields or fn returns.  Returns true if it
 * yielded (may be entered again), false if fn has returned.
 */
bool um_coro_enter(struct um_coro *co);

/* From inside the coroutine: suspend it and return from um_coro_enter(). */
void um_coro_yield(struct um_coro *co);

/*
 * A point where the thread may take a pending asynchronous signal.  Only
 * ThreadSanitizer needs it: it defers signals until the thread enters an
 * intercepted libc function, which a guest spinning in cpu_relax() never
 * does.  Empty otherwise.
 */
void um_coro_signal_point(void);

#endif /* UM_HW_COROUTINE_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_IRQFD for the user-mode KVM core (6.1: virt/kvm/eventfd.c), without
 * deferral: irqfd_wakeup() injects in the signaller's context, a waiter
 * thread per VM catches the writes the host cannot see, and EPOLLHUP
 * (the program closed the eventfd) detaches. The design, the locking and
 * the lifetime rules are in Documentation/virt/kvm/s390-adapter-routing.rst
 * ("No deferral: the irqfd waiter", "Concurrency").
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/eventfd.h>
#include <linux/kvm_irqfd.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <um/sched.h>
#include "kvm_mm.h"

#define IRQFD_WAKE_ID		0	/* epoll cookie of the stop eventfd */
#define IRQFD_BATCH		64
#define UM_KCMP_FILE		0	/* <linux/kcmp.h> KCMP_FILE */

/*
 * Upstream's struct kvm_kernel_irqfd has the wait entry and the inject
 * work itself; the host's <linux/kvm_irqfd.h> does not, so they live
 * next to it.
 */
struct um_irqfd {
	struct kvm_kernel_irqfd irqfd;
	wait_queue_entry_t wait;	/* on irqfd.eventfd's wait queue */
	struct work_struct inject;	/* kvm_set_irq(): in-atomic declined */
	struct work_struct shutdown;	/* EPOLLHUP: the eventfd was closed */
	bool hup;			/* under the eventfd's wait-queue lock */
};

static struct um_irqfd *to_um_irqfd(struct kvm_kernel_irqfd *irqfd)
{
	return container_of(irqfd, struct um_irqfd, irqfd);
}

struct kvm_irqfd_waiter {
	struct kvm *kvm;
	pthread_t thread;
	int epfd;		/* epoll set: the irqfds and wakefd */
	int wakefd;		/* eventfd(2) that stops the thread */
	bool stop;		/* atomic: set before wakefd is signalled */
	/*
	 * Held by the waiter while it handles one batch of ready irqfds,
	 * and by deassign/teardown while they unlink one: excludes
	 * in-flight injections from irqfds being removed.  Also
	 * serializes assign/deassign and next_id.
	 */
	struct mutex inject_lock;
	u64 next_id;
};

/* ---- comparing eventfds ---- */

/*
 * Do two descriptors refer to the same eventfd (open file description)?
 * Upstream compares eventfd_ctx pointers; here each context owns a dup
 * of the program's descriptor, so ask kcmp(2).  Where kcmp is missing
 * (e.g. some user-mode emulators), fall back to the program's fd number.
 */
static bool same_eventfd(struct kvm_kernel_irqfd *irqfd,
			 struct eventfd_ctx *ctx, int user_fd)
{
	pid_t pid = getpid();
	long r;

	r = syscall(SYS_kcmp, pid, pid, UM_KCMP_FILE,
		    um_eventfd_ctx_fd(irqfd->eventfd), um_eventfd_ctx_fd(ctx));
	if (r >= 0)
		return r == 0;
	return irqfd->um_user_fd == user_fd;
}

/* ---- injection ---- */

/*
 * kvm_arch_set_irq_inatomic() for every route of @gsi; never sleeps.
 * True if a route declined (-EWOULDBLOCK) and needs kvm_set_irq().
 */
static bool irqfd_inject_atomic(struct kvm *kvm, int gsi)
{
	struct kvm_kernel_irq_routing_entry entries[KVM_NR_IRQCHIPS];
	bool blocked = false;
	int i, n, idx;

	idx = srcu_read_lock(&kvm->irq_srcu);
	n = kvm_irq_map_gsi(kvm, entries, gsi);
	for (i = 0; i < n; i++)
		if (kvm_arch_set_irq_inatomic(&entries[i], kvm,
					      KVM_USERSPACE_IRQ_SOURCE_ID, 1,
					      false) == -EWOULDBLOCK)
			blocked = true;
	srcu_read_unlock(&kvm->irq_srcu, idx);
	return blocked;
}

/* 6.1's irqfd_inject(): the in-atomic path declined. */
static void irqfd_inject(struct work_struct *work)
{
	struct um_irqfd *u = container_of(work, struct um_irqfd, inject);

	kvm_set_irq(u->irqfd.kvm, KVM_USERSPACE_IRQ_SOURCE_ID, u->irqfd.gsi,
		    1, false);
}

/*
 * 6.1's irqfd_wakeup() for EPOLLIN: the signaller's context, the
 * eventfd's wait-queue lock held, so nothing here may sleep.  Whoever
 * reads the non-zero count injects (this or the waiter), exactly once.
 */
static int irqfd_wakeup(wait_queue_entry_t *wait, unsigned int mode,
			int sync, void *key)
{
	struct um_irqfd *u = container_of(wait, struct um_irqfd, wait);
	u64 cnt;

	/* as 6.1: the eventfd is released, detach (once) from process context */
	if ((unsigned long)key & EPOLLHUP) {
		if (!u->hup)
			schedule_work(&u->shutdown);
		u->hup = true;
		return 0;
	}
	if (!((unsigned long)key & EPOLLIN))
		return 0;
	eventfd_ctx_do_read(u->irqfd.eventfd, &cnt);
	if (!cnt)
		return 0;
	if (irqfd_inject_atomic(u->irqfd.kvm, u->irqfd.gsi))
		schedule_work(&u->inject);
	return 0;
}

/*
 * The waiter's irqfd_wakeup(): consume and inject in-atomic under the
 * eventfd's wait-queue lock, as the callback does, so exactly one of
 * them injects a count.  The sleeping fallback runs after the lock is
 * dropped, here, in a process context.  False: the lock was busy.
 */
static bool irqfd_consume_inject(struct kvm_kernel_irqfd *irqfd)
{
	spinlock_t *lock = um_eventfd_ctx_wqh_lock(irqfd->eventfd);
	bool blocked = false;
	u64 cnt;

	/*
	 * Taken: most likely by a write(2) the host sees, which consumes
	 * the count itself; else by a short (de)assign. Either way the
	 * count, if one is left, keeps the level-triggered epoll ready.
	 */
	if (!spin_trylock(lock))
		return false;
	eventfd_ctx_do_read(irqfd->eventfd, &cnt);
	if (cnt)
		blocked = irqfd_inject_atomic(irqfd->kvm, irqfd->gsi);
	spin_unlock(lock);
	if (blocked)
		kvm_set_irq(irqfd->kvm, KVM_USERSPACE_IRQ_SOURCE_ID,
			    irqfd->gsi, 1, false);
	return true;
}

static struct kvm_kernel_irqfd *irqfd_find_id(struct kvm *kvm, u64 id)
{
	struct kvm_kernel_irqfd *irqfd, *found = NULL;

	spin_lock(&kvm->irqfds.lock);
	list_for_each_entry(irqfd, &kvm->irqfds.items, list) {
		if (irqfd->um_id == id) {
			found = irqfd;
			break;
		}
	}
	spin_unlock(&kvm->irqfds.lock);
	return found;
}

static void *irqfd_waiter_fn(void *arg)
{
	struct kvm_irqfd_waiter *w = arg;
	struct epoll_event evs[IRQFD_BATCH];
	struct kvm_kernel_irqfd *irqfd;
	bool busy;
	int i, n;

	/*
	 * Signals the host sees are injected by the signaller itself; the
	 * waiter is woken by them too (epoll), finds the counter consumed,
	 * and must not take the CPU from the vcpu it just kicked.  At the
	 * lowest normal priority it still runs (no starvation) when a
	 * signal only it can see arrives.  Best effort: on failure it just
	 * competes at normal priority.
	 */
	(void)setpriority(PRIO_PROCESS, syscall(SYS_gettid), 19);
	while (!__atomic_load_n(&w->stop, __ATOMIC_ACQUIRE)) {
		n = epoll_wait(w->epfd, evs, IRQFD_BATCH, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			pr_err("kvm irqfd: epoll_wait: %d\n", errno);
			break;
		}
		busy = false;
		mutex_lock(&w->inject_lock);
		for (i = 0; i < n; i++) {
			if (evs[i].data.u64 == IRQFD_WAKE_ID)
				continue;
			irqfd = irqfd_find_id(w->kvm, evs[i].data.u64);
			if (irqfd && !irqfd_consume_inject(irqfd))
				busy = true;
		}
		mutex_unlock(&w->inject_lock);
		/* let the lock holder finish before epoll reports it again */
		if (busy)
			sched_yield();
	}
	return NULL;
}

/* ---- the waiter ---- */

static void irqfd_waiter_free(struct kvm_irqfd_waiter *w)
{
	if (w->epfd >= 0)
		syscall(SYS_close, w->epfd);
	if (w->wakefd >= 0)
		syscall(SYS_close, w->wakefd);
	kfree(w);
}

/* Under kvm->irq_lock. */
static struct kvm_irqfd_waiter *irqfd_waiter_start(struct kvm *kvm)
{
	struct epoll_event ev = { .events = EPOLLIN,
				  .data.u64 = IRQFD_WAKE_ID };
	struct kvm_irqfd_waiter *w;
	int r;

	w = kzalloc(sizeof(*w), GFP_KERNEL_ACCOUNT);
	if (!w)
		return ERR_PTR(-ENOMEM);
	w->kvm = kvm;
	w->next_id = IRQFD_WAKE_ID + 1;
	mutex_init(&w->inject_lock);
	w->epfd = epoll_create1(EPOLL_CLOEXEC);
	w->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (w->epfd < 0 || w->wakefd < 0 ||
	    epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->wakefd, &ev)) {
		r = errno == EMFILE ? -EMFILE : -ENOMEM;
		goto fail;
	}
	spin_lock_init(&kvm->irqfds.lock);
	INIT_LIST_HEAD(&kvm->irqfds.items);

	r = um_kthread_create(&w->thread, NULL, irqfd_waiter_fn, w);
	if (r) {
		r = -EAGAIN;
		goto fail;
	}
	return w;
fail:
	irqfd_waiter_free(w);
	return ERR_PTR(r);
}

static struct kvm_irqfd_waiter *irqfd_waiter_get(struct kvm *kvm)
{
	struct kvm_irqfd_waiter *w;

	mutex_lock(&kvm->irq_lock);
	w = kvm->irqfd_waiter;
	if (!w) {
		w = irqfd_waiter_start(kvm);
		if (!IS_ERR(w))
			/* pairs with smp_load_acquire() in deassign */
			smp_store_release(&kvm->irqfd_waiter, w);
	}
	mutex_unlock(&kvm->irq_lock);
	return w;
}

/* ---- assign / deassign ---- */

static void irqfd_shutdown(struct work_struct *work);

static int kvm_irqfd_assign(struct kvm *kvm, struct kvm_irqfd *args)
{
	struct kvm_kernel_irqfd *irqfd, *tmp;
	struct kvm_irqfd_waiter *w;
	struct eventfd_ctx *eventfd;
	struct epoll_event ev = { .events = EPOLLIN };
	struct um_irqfd *u;
	int r;

	/* resampling (level-triggered) irqfds are not implemented */
	if (args->flags & KVM_IRQFD_FLAG_RESAMPLE)
		return -EINVAL;

	u = kzalloc(sizeof(*u), GFP_KERNEL_ACCOUNT);
	if (!u)
		return -ENOMEM;
	irqfd = &u->irqfd;
	init_waitqueue_func_entry(&u->wait, irqfd_wakeup);
	INIT_WORK(&u->inject, irqfd_inject);
	INIT_WORK(&u->shutdown, irqfd_shutdown);
	irqfd->kvm = kvm;
	irqfd->gsi = args->gsi;
	irqfd->um_user_fd = args->fd;
	INIT_LIST_HEAD(&irqfd->list);

	eventfd = eventfd_ctx_fdget(args->fd);
	if (IS_ERR(eventfd)) {
		r = PTR_ERR(eventfd);
		goto fail;
	}
	irqfd->eventfd = eventfd;

	w = irqfd_waiter_get(kvm);
	if (IS_ERR(w)) {
		r = PTR_ERR(w);
		goto fail;
	}

	mutex_lock(&w->inject_lock);
	/* an eventfd drives at most one irqfd */
	list_for_each_entry(tmp, &kvm->irqfds.items, list) {
		if (same_eventfd(tmp, eventfd, args->fd)) {
			r = -EBUSY;
			goto unlock;
		}
	}
	irqfd->um_id = w->next_id++;
	ev.data.u64 = irqfd->um_id;
	/*
	 * Level-triggered: a signal that came before the assign is reported
	 * at once, as upstream's assign checks for a pending event.
	 */
	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, um_eventfd_ctx_fd(eventfd),
		      &ev)) {
		r = errno == ENOMEM || errno == ENOSPC ? -ENOMEM : -EINVAL;
		goto unlock;
	}
	spin_lock(&kvm->irqfds.lock);
	list_add_tail(&irqfd->list, &kvm->irqfds.items);
	spin_unlock(&kvm->irqfds.lock);
	/*
	 * From here the signaller injects.  A signal between the epoll add
	 * and this is the waiter's: it polls level-triggered.
	 */
	um_eventfd_add_wait_queue(eventfd, &u->wait);
	mutex_unlock(&w->inject_lock);
	return 0;

unlock:
	mutex_unlock(&w->inject_lock);
fail:
	if (!IS_ERR_OR_NULL(irqfd->eventfd))
		eventfd_ctx_put(irqfd->eventfd);
	kfree(u);
	return r;
}

/*
 * Unlink @irqfd; waiter->inject_lock held, so the waiter is not using
 * it.  Removing the wait entry waits for a running irqfd_wakeup() and
 * stops new ones; its inject work may still be queued (irqfd_free()).
 */
static void irqfd_unlink(struct kvm_irqfd_waiter *w,
			 struct kvm_kernel_irqfd *irqfd)
{
	spin_lock(&w->kvm->irqfds.lock);
	list_del(&irqfd->list);
	spin_unlock(&w->kvm->irqfds.lock);
	epoll_ctl(w->epfd, EPOLL_CTL_DEL, um_eventfd_ctx_fd(irqfd->eventfd),
		  NULL);
	/* the counter stays: a later assign sees the signal, as before */
	eventfd_ctx_remove_wait_queue(irqfd->eventfd, &to_um_irqfd(irqfd)->wait,
				      NULL);
}

/*
 * An unlinked irqfd: wait for its works, then free it. Not under
 * inject_lock, which its shutdown work may be waiting for.
 */
static void irqfd_free(struct kvm_kernel_irqfd *irqfd)
{
	struct um_irqfd *u = to_um_irqfd(irqfd);

	flush_work(&u->inject);
	if (current_work() != &u->shutdown)
		cancel_work_sync(&u->shutdown);
	eventfd_ctx_put(irqfd->eventfd);
	kfree(u);
}

/*
 * 6.1's irqfd_shutdown() after EPOLLHUP: the program closed the eventfd,
 * so nobody can signal or deassign it any more; unlink and free the
 * irqfd unless a deassign or the VM's release got there first (then it
 * is no longer listed, and its freeing waits for this work).
 */
static void irqfd_shutdown(struct work_struct *work)
{
	struct um_irqfd *u = container_of(work, struct um_irqfd, shutdown);
	struct kvm *kvm = u->irqfd.kvm;
	/* set before the irqfd was listed, cleared after it is freed */
	struct kvm_irqfd_waiter *w = smp_load_acquire(&kvm->irqfd_waiter);
	struct kvm_kernel_irqfd *tmp;
	bool listed = false;

	mutex_lock(&w->inject_lock);
	list_for_each_entry(tmp, &kvm->irqfds.items, list)
		if (tmp == &u->irqfd)
			listed = true;
	if (listed)
		irqfd_unlink(w, &u->irqfd);
	mutex_unlock(&w->inject_lock);
	if (listed)
		irqfd_free(&u->irqfd);
}

static int kvm_irqfd_deassign(struct kvm *kvm, struct kvm_irqfd *args)
{
	struct kvm_kernel_irqfd *irqfd, *tmp, *found = NULL;
	struct kvm_irqfd_waiter *w;
	struct eventfd_ctx *eventfd;

	eventfd = eventfd_ctx_fdget(args->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);

	w = smp_load_acquire(&kvm->irqfd_waiter);
	if (w) {
		mutex_lock(&w->inject_lock);
		list_for_each_entry_safe(irqfd, tmp, &kvm->irqfds.items,
					 list) {
			if (irqfd->gsi == args->gsi &&
			    same_eventfd(irqfd, eventfd, args->fd)) {
				irqfd_unlink(w, irqfd);
				found = irqfd;
				break;
			}
		}
		mutex_unlock(&w->inject_lock);
	}
	eventfd_ctx_put(eventfd);
	/* not under inject_lock: the work's kvm_set_irq() may sleep long */
	if (found)
		irqfd_free(found);
	/* as 6.1: deassigning an unknown irqfd is not an error */
	return 0;
}

int kvm_irqfd(struct kvm *kvm, struct kvm_irqfd *args)
{
	if (args->flags & ~(KVM_IRQFD_FLAG_DEASSIGN | KVM_IRQFD_FLAG_RESAMPLE))
		return -EINVAL;
	if (args->flags & KVM_IRQFD_FLAG_DEASSIGN)
		return kvm_irqfd_deassign(kvm, args);
	return kvm_irqfd_assign(kvm, args);
}

/*
 * The VM fd is being released (6.1: kvm_irqfd_release from
 * kvm_vm_release): stop the waiter and drop every irqfd.  No VM ioctl
 * can run any more, so nothing races with this but the waiter.
 */
void kvm_irqfd_release(struct kvm *kvm)
{
	struct kvm_irqfd_waiter *w = kvm->irqfd_waiter;
	struct kvm_kernel_irqfd *irqfd;
	u64 one = 1;

	if (!w)
		return;
	__atomic_store_n(&w->stop, true, __ATOMIC_RELEASE);
	syscall(SYS_write, w->wakefd, &one, sizeof(one));
	pthread_join(w->thread, NULL);

	/*
	 * The waiter is gone, but signallers may still run irqfd_wakeup()
	 * and shutdown works unlink under inject_lock.
	 */
	for (;;) {
		mutex_lock(&w->inject_lock);
		irqfd = list_first_entry_or_null(&kvm->irqfds.items,
						  struct kvm_kernel_irqfd, list);
		if (irqfd)
			irqfd_unlink(w, irqfd);
		mutex_unlock(&w->inject_lock);
		if (!irqfd)
			break;
		irqfd_free(irqfd);
	}
	kvm->irqfd_waiter = NULL;
	irqfd_waiter_free(w);
}

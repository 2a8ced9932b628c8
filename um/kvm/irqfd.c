// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_IRQFD for the user-mode KVM core (6.1: virt/kvm/eventfd.c), without
 * deferral.
 *
 * Upstream, a signalled irqfd runs irqfd_wakeup() from the eventfd's
 * wait queue: it consumes the counter and calls
 * kvm_arch_set_irq_inatomic(); only if that returns -EWOULDBLOCK does it
 * queue irqfd->inject on a workqueue (and s390 had no in-atomic path in
 * 6.1, so every injection went through the workqueue: two wake-ups).
 *
 * The host's eventfds are real eventfd(2) descriptors: no wait-queue
 * callback can be hooked into them (um/kernel/eventfd.c). So each VM gets
 * one waiter thread, started at its first KVM_IRQFD assign, that
 * epoll-waits on all of the VM's irqfd eventfds and, for every ready
 * one, reads (consumes) the counter and injects right there:
 * kvm_arch_set_irq_inatomic() under kvm->irq_srcu, and if that declines
 * (-EWOULDBLOCK: e.g. an AIS adapter, whose state is under a mutex) the
 * sleeping kvm_set_irq() in the same thread, since it is a process
 * context. One thread wake-up per signal (or per burst of signals: the
 * counter coalesces them, as upstream).
 *
 * Lifetime: irqfds hold no reference to the VM (as upstream); they are
 * torn down with the waiter when the VM fd is released
 * (kvm_irqfd_release()). Deassign and teardown take waiter->inject_lock,
 * which the waiter holds while it looks up and injects a batch, so once
 * KVM_IRQFD(DEASSIGN) returns no injection from that irqfd is running or
 * will run; the waiter only reaches an irqfd through its id, looked up
 * in kvm->irqfds.items under the lock, never through a stale pointer.
 * Route updates need nothing from here: the waiter resolves the gsi
 * inside srcu_read_lock(&kvm->irq_srcu) on every injection.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include <sys/epoll.h>
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
#include "kvm_mm.h"

#define IRQFD_WAKE_ID		0	/* epoll cookie of the stop eventfd */
#define IRQFD_BATCH		64
#define UM_KCMP_FILE		0	/* <linux/kcmp.h> KCMP_FILE */

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

/* What irqfd_wakeup() + irqfd_inject() do for one signalled gsi. */
static void irqfd_inject_gsi(struct kvm *kvm, int gsi)
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

	/* a process context: the sleeping path, here and now */
	if (blocked)
		kvm_set_irq(kvm, KVM_USERSPACE_IRQ_SOURCE_ID, gsi, 1, false);
}

/* Consume the counter without blocking; 0 if there was nothing. */
static u64 irqfd_consume(struct kvm_kernel_irqfd *irqfd)
{
	struct pollfd pfd = {
		.fd = um_eventfd_ctx_fd(irqfd->eventfd), .events = POLLIN,
	};
	u64 cnt = 0;

	/*
	 * The descriptor shares its file (and O_NONBLOCK) with the program,
	 * so check readiness first: a program that reads its own irqfd
	 * races with us as it races with upstream's irqfd.
	 */
	if (syscall(SYS_poll, &pfd, 1, 0) != 1 || !(pfd.revents & POLLIN))
		return 0;
	if (syscall(SYS_read, pfd.fd, &cnt, sizeof(cnt)) != sizeof(cnt))
		return 0;
	return cnt;
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
	int i, n;

	while (!__atomic_load_n(&w->stop, __ATOMIC_ACQUIRE)) {
		n = epoll_wait(w->epfd, evs, IRQFD_BATCH, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			pr_err("kvm irqfd: epoll_wait: %d\n", errno);
			break;
		}
		mutex_lock(&w->inject_lock);
		for (i = 0; i < n; i++) {
			if (evs[i].data.u64 == IRQFD_WAKE_ID)
				continue;
			irqfd = irqfd_find_id(w->kvm, evs[i].data.u64);
			if (irqfd && irqfd_consume(irqfd))
				irqfd_inject_gsi(w->kvm, irqfd->gsi);
		}
		mutex_unlock(&w->inject_lock);
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
	sigset_t all, old;
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

	/* the program's signals are not for this thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&w->thread, NULL, irqfd_waiter_fn, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
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

static int kvm_irqfd_assign(struct kvm *kvm, struct kvm_irqfd *args)
{
	struct kvm_kernel_irqfd *irqfd, *tmp;
	struct kvm_irqfd_waiter *w;
	struct eventfd_ctx *eventfd;
	struct epoll_event ev = { .events = EPOLLIN };
	int r;

	/* resampling (level-triggered) irqfds are not implemented */
	if (args->flags & KVM_IRQFD_FLAG_RESAMPLE)
		return -EINVAL;

	irqfd = kzalloc(sizeof(*irqfd), GFP_KERNEL_ACCOUNT);
	if (!irqfd)
		return -ENOMEM;
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
	mutex_unlock(&w->inject_lock);
	return 0;

unlock:
	mutex_unlock(&w->inject_lock);
fail:
	if (!IS_ERR_OR_NULL(irqfd->eventfd))
		eventfd_ctx_put(irqfd->eventfd);
	kfree(irqfd);
	return r;
}

/* Unlink @irqfd; waiter->inject_lock held, so it is not in use. */
static void irqfd_unlink(struct kvm_irqfd_waiter *w,
			 struct kvm_kernel_irqfd *irqfd)
{
	spin_lock(&w->kvm->irqfds.lock);
	list_del(&irqfd->list);
	spin_unlock(&w->kvm->irqfds.lock);
	epoll_ctl(w->epfd, EPOLL_CTL_DEL, um_eventfd_ctx_fd(irqfd->eventfd),
		  NULL);
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
	if (found) {
		eventfd_ctx_put(found->eventfd);
		kfree(found);
	}
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
	struct kvm_kernel_irqfd *irqfd, *tmp;
	u64 one = 1;

	if (!w)
		return;
	__atomic_store_n(&w->stop, true, __ATOMIC_RELEASE);
	syscall(SYS_write, w->wakefd, &one, sizeof(one));
	pthread_join(w->thread, NULL);

	list_for_each_entry_safe(irqfd, tmp, &kvm->irqfds.items, list) {
		list_del(&irqfd->list);
		eventfd_ctx_put(irqfd->eventfd);
		kfree(irqfd);
	}
	kvm->irqfd_waiter = NULL;
	irqfd_waiter_free(w);
}

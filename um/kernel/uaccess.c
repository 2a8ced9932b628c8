// SPDX-License-Identifier: GPL-2.0
/*
 * User access with -EFAULT semantics: the host's exception table.
 *
 * Each access arms a per-thread sigjmp_buf, then copies with memcpy (full
 * speed).  A SIGSEGV/SIGBUS while armed long-jumps back; the copy is then
 * redone byte by byte, to report exactly how far it got.  The handler is
 * installed with SA_NODEFER (so sigsetjmp need not save the signal mask:
 * SIGSEGV is never left blocked) and SA_ONSTACK; faults outside a user
 * access go to the previous disposition (chained).
 *
 * The guard nests: a signal handler may do user accesses (a program's
 * handler making a syscall) while the thread it interrupted is inside
 * one.  Every access saves the guard it found and puts it back when it
 * ends, however it ends, so the interrupted access is still guarded.
 *
 * Under ThreadSanitizer the copies use an uninstrumented byte loop: the
 * sanitizer's memcpy interceptor must not touch unmapped user memory.
 *
 * Before any of that, the range must lie below um_user_end (the host's
 * TASK_SIZE): an address no user mapping can have is -EFAULT without
 * touching it, as the kernel's access_ok() makes it.  Touching one is
 * not merely a fault the guard would catch: AddressSanitizer's memcpy
 * interceptor aborts on such a "wild pointer".
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <um/uaccess.h>

/* glibc's alias: not affected by the syscall layer's --wrap=sigaction */
extern int __sigaction(int sig, const struct sigaction *act,
		       struct sigaction *oact);

/*
 * The innermost guarded user access of this thread (NULL: none).  A
 * fault clears it before jumping back, so a fault in the access's own
 * recovery cannot loop; the access then restores its saved outer one.
 */
static __thread sigjmp_buf *volatile um_uaccess_jb
	__attribute__((tls_model("initial-exec")));

static pthread_once_t um_uaccess_once = PTHREAD_ONCE_INIT;
static bool um_uaccess_ready;	/* atomic: guard installed */
/*
 * The program's dispositions for SIGSEGV/SIGBUS, chained to for faults
 * outside user accesses.  Protected by um_chain_lock for writers; the
 * handler reads them without locking (a fault racing with a sigaction()
 * call may see either disposition, as in the kernel).
 */
static struct sigaction um_chain_segv, um_chain_bus;
static pthread_mutex_t um_chain_lock = PTHREAD_MUTEX_INITIALIZER;

static struct sigaction *um_chain_of(int sig)
{
	return sig == SIGBUS ? &um_chain_bus : &um_chain_segv;
}

static void um_uaccess_handler(int sig, siginfo_t *info, void *uctx)
{
	sigjmp_buf *jb = um_uaccess_jb;
	struct sigaction *old;

	if (jb) {
		um_uaccess_jb = NULL;
		siglongjmp(*jb, 1);
	}

	old = um_chain_of(sig);
	if (old->sa_flags & SA_SIGINFO) {
		old->sa_sigaction(sig, info, uctx);
	} else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
		old->sa_handler(sig);
	} else {
		/* default action: re-fault with no handler, dumping core */
		struct sigaction dfl = { .sa_handler = SIG_DFL };

		__sigaction(sig, &dfl, NULL);
	}
}

static void um_uaccess_install(void)
{
	struct sigaction sa = {
		.sa_sigaction = um_uaccess_handler,
		.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK | SA_RESTART,
	};

	sigemptyset(&sa.sa_mask);
	pthread_mutex_lock(&um_chain_lock);
	__sigaction(SIGSEGV, &sa, &um_chain_segv);
	__sigaction(SIGBUS, &sa, &um_chain_bus);
	pthread_mutex_unlock(&um_chain_lock);
	__atomic_store_n(&um_uaccess_ready, true, __ATOMIC_RELEASE);
}

void um_uaccess_init(void)
{
	if (!__atomic_load_n(&um_uaccess_ready, __ATOMIC_ACQUIRE))
		pthread_once(&um_uaccess_once, um_uaccess_install);
}

int um_uaccess_sigaction(int sig, const struct sigaction *act,
			 struct sigaction *oact)
{
	struct sigaction *chain;

	if (sig != SIGSEGV && sig != SIGBUS)
		return -EINVAL;
	um_uaccess_init();
	chain = um_chain_of(sig);
	pthread_mutex_lock(&um_chain_lock);
	if (oact)
		*oact = *chain;
	if (act)
		*chain = *act;
	pthread_mutex_unlock(&um_chain_lock);
	return 0;
}

/*
 * The end of user space.  x86-64: a program's mappings lie below 2^47,
 * or below 2^56 with 5-level paging if it asks for addresses that high
 * with an mmap() hint (which ASan does not support: its application
 * memory ends at 2^47).  Elsewhere (s390x's user space is the whole
 * 64-bit range) only wrapping ranges are refused.
 */
#if defined(__x86_64__) && defined(__SANITIZE_ADDRESS__)
static const unsigned long um_user_end = 1UL << 47;
#elif defined(__x86_64__)
static const unsigned long um_user_end = 1UL << 56;
#else
static const unsigned long um_user_end = ~0UL;
#endif

/* access_ok() against the host's TASK_SIZE: [@addr, @addr + @n) */
static bool um_user_range_ok(const void __user *addr, unsigned long n)
{
	unsigned long a = (__force unsigned long)addr;

	return n <= um_user_end && a <= um_user_end - n;
}

/* How many bytes from @addr, at most @n, lie in user space. */
static unsigned long um_user_span(const void __user *addr, unsigned long n)
{
	unsigned long a = (__force unsigned long)addr;

	if (a >= um_user_end)
		return 0;
	return min(n, um_user_end - a);
}

#ifdef __SANITIZE_THREAD__
#define UM_UACCESS_FN	__attribute__((no_sanitize_thread))
__attribute__((__no_sanitize_thread__, __noinline__,
	       optimize("no-tree-loop-distribute-patterns")))
static void um_raw_copy(void *to, const void *from, unsigned long n)
{
	volatile char *d = to;
	const volatile char *s = from;

	while (n--)
		*d++ = *s++;
}

__attribute__((__no_sanitize_thread__, __noinline__,
	       optimize("no-tree-loop-distribute-patterns")))
static void um_raw_clear(void *to, unsigned long n)
{
	volatile char *d = to;

	while (n--)
		*d++ = 0;
}
#else
#define UM_UACCESS_FN
#define um_raw_copy(to, from, n)	memcpy(to, from, n)
#define um_raw_clear(to, n)		memset(to, 0, n)
#endif

/*
 * Copy n bytes (or clear them) under the guard; returns the number of
 * bytes not copied.
 */
UM_UACCESS_FN
static unsigned long um_guarded_copy(void *to, const void *from,
				     unsigned long n, bool clear)
{
	sigjmp_buf jb;
	sigjmp_buf *const outer = um_uaccess_jb;
	volatile unsigned long done = 0;

	um_uaccess_init();
	if (!sigsetjmp(jb, 0)) {
		um_uaccess_jb = &jb;
		barrier();
		if (!clear)
			um_raw_copy(to, from, n);
		else
			um_raw_clear(to, n);
		barrier();
		um_uaccess_jb = outer;
		return 0;
	}

	/* faulted: find the exact boundary */
	if (!sigsetjmp(jb, 0)) {
		um_uaccess_jb = &jb;
		barrier();
		while (done < n) {
			if (!clear)
				((volatile char *)to)[done] =
					((const volatile char *)from)[done];
			else
				((volatile char *)to)[done] = 0;
			done++;
		}
		barrier();
	}
	um_uaccess_jb = outer;
	return n - done;
}

/*
 * Can this process write the byte at @addr?  Probed with an atomic OR of
 * 0: a real write access that changes nothing, even with another thread
 * (a vcpu) updating the byte.  For the host's stand-in of pinning a page
 * of the program's memory for the kernel to write (a read-only or
 * unmapped page cannot be pinned).
 */
/*
 * Not instrumented under ASan either: the probe touches program memory
 * that is not an object of its own (a pinned page holds others' redzones).
 */
__attribute__((__no_sanitize_address__))
UM_UACCESS_FN
bool um_probe_writable(void *addr)
{
	sigjmp_buf jb;
	sigjmp_buf *const outer = um_uaccess_jb;
	volatile bool ok = false;

	um_uaccess_init();
	if (!sigsetjmp(jb, 0)) {
		um_uaccess_jb = &jb;
		barrier();
		__atomic_fetch_or((volatile char *)addr, 0, __ATOMIC_RELAXED);
		barrier();
		ok = true;
	}
	um_uaccess_jb = outer;
	return ok;
}

/* The same for reading. */
__attribute__((__no_sanitize_address__))
UM_UACCESS_FN
static bool um_probe_readable(const void *addr)
{
	sigjmp_buf jb;
	sigjmp_buf *const outer = um_uaccess_jb;
	volatile bool ok = false;

	um_uaccess_init();
	if (!sigsetjmp(jb, 0)) {
		um_uaccess_jb = &jb;
		barrier();
		(void)*(const volatile char *)addr;
		barrier();
		ok = true;
	}
	um_uaccess_jb = outer;
	return ok;
}

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages)
{
	int i;

	start &= PAGE_MASK;
	for (i = 0; i < nr_pages; i++) {
		void *p = (void *)(start + (unsigned long)i * PAGE_SIZE);

		if (!access_ok(p, PAGE_SIZE))
			break;
		if (gup_flags & FOLL_WRITE ? !um_probe_writable(p) :
		    !um_probe_readable(p))
			break;
		pages[i] = p;
	}
	return i ? i : -EFAULT;
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   int prot)
{
	unsigned int i;

	for (i = 1; i < count; i++)
		if ((char *)pages[i] != (char *)pages[0] + i * PAGE_SIZE)
			return NULL;
	return count ? (void *)pages[0] : NULL;
}

unsigned long _copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long res = n;

	if (likely(access_ok(from, n) && um_user_range_ok(from, n)))
		res = um_guarded_copy(to, (__force const void *)from, n, false);
	if (unlikely(res))
		memset((char *)to + (n - res), 0, res);
	return res;
}

unsigned long _copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (unlikely(!access_ok(to, n) || !um_user_range_ok(to, n)))
		return n;
	return um_guarded_copy((__force void *)to, from, n, false);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (unlikely(!access_ok(to, n) || !um_user_range_ok(to, n)))
		return n;
	return um_guarded_copy((__force void *)to, NULL, n, true);
}

/*
 * The length copied (without the NUL) when a NUL was found within count
 * bytes, count when not (dst then is not terminated), -EFAULT on a fault
 * or at the end of user space (as lib/strncpy_from_user.c's max).
 */
UM_UACCESS_FN
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	sigjmp_buf jb;
	sigjmp_buf *const outer = um_uaccess_jb;
	volatile long i = 0;
	long max;

	if (count <= 0)
		return 0;
	max = um_user_span(src, count);
	if (!max)
		return -EFAULT;
	um_uaccess_init();
	if (sigsetjmp(jb, 0)) {
		um_uaccess_jb = outer;
		return -EFAULT;
	}
	um_uaccess_jb = &jb;
	barrier();
	for (; i < max; i++) {
		char c = ((const volatile char __force *)src)[i];

		dst[i] = c;
		if (!c)
			break;
	}
	barrier();
	um_uaccess_jb = outer;
	if (i == max && max < count)
		return -EFAULT;		/* ran into the end of user space */
	return i;
}

/* length including the NUL; > n if none within n; 0 on a fault */
UM_UACCESS_FN
long strnlen_user(const char __user *str, long n)
{
	sigjmp_buf jb;
	sigjmp_buf *const outer = um_uaccess_jb;
	volatile long i = 0;
	long max;

	if (n <= 0)
		return 0;
	max = um_user_span(str, n);
	if (!max)
		return 0;
	um_uaccess_init();
	if (sigsetjmp(jb, 0)) {
		um_uaccess_jb = outer;
		return 0;
	}
	um_uaccess_jb = &jb;
	barrier();
	for (; i < max; i++)
		if (!((const volatile char __force *)str)[i])
			break;
	barrier();
	um_uaccess_jb = outer;
	if (i == max && max < n)
		return 0;		/* ran into the end of user space */
	return i < n ? i + 1 : n + 1;
}

/* 1 if all size bytes are zero, 0 if not, -EFAULT */
int check_zeroed_user(const void __user *from, size_t size)
{
	char buf[256];

	while (size) {
		size_t chunk = min(size, sizeof(buf));

		if (copy_from_user(buf, from, chunk))
			return -EFAULT;
		if (memchr_inv(buf, 0, chunk))
			return 0;
		from += chunk;
		size -= chunk;
	}
	return 1;
}

void *memdup_user(const void __user *src, size_t len)
{
	void *p = kmalloc(len, GFP_USER | __GFP_NOWARN);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}

void *vmemdup_user(const void __user *src, size_t len)
{
	void *p = kvmalloc(len, GFP_USER);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kvfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}

void *memdup_user_nul(const void __user *src, size_t len)
{
	char *p = kmalloc(len + 1, GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	p[len] = '\0';
	return p;
}

char *strndup_user(const char __user *s, long n)
{
	long length = strnlen_user(s, n);
	char *p;

	if (!length)
		return ERR_PTR(-EFAULT);
	if (length > n)
		return ERR_PTR(-EINVAL);
	p = memdup_user(s, length);
	if (IS_ERR(p))
		return p;
	p[length - 1] = '\0';
	return p;
}

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_UM_FAULT_H
#define _UM_UM_FAULT_H

/*
 * Allocation fault injection with the semantics of the kernel's
 * /proc/thread-self/fail-nth: after um_fail_nth_set(n) (n > 0), the
 * calling thread's n-th following allocation through kmalloc & co,
 * kmem_cache_alloc, vmalloc & co and __get_free_pages fails (returns
 * NULL; __GFP_NOFAIL allocations are not counted).  um_fail_nth_get()
 * returns the remaining count: 0 once the failure has fired (or if none
 * is armed).  n = 0 disarms.  The counter is per thread and starts at 0.
 * Returns 0 or -EINVAL (n < 0).
 */
int um_fail_nth_set(int n);
int um_fail_nth_get(void);

/* live kmalloc-family objects (kmalloc - kfree), for leak checks */
long um_slab_live_objects(void);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_RCUPDATE_H
#define _UM_LINUX_RCUPDATE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/barrier.h>

/*
 * Only the pointer-publication half of RCU: the host's readers are all
 * SRCU readers (kvm->srcu, kvm->irq_srcu; see <linux/srcu.h>), which
 * publish and look up with these.  There is no rcu_read_lock() or
 * synchronize_rcu(): nothing here uses them.
 *
 * The kernel's rcu_dereference() relies on the address dependency of a
 * READ_ONCE() (and on Alpha, a barrier); C11 offers only consume, which
 * compilers implement as acquire.  Acquire is what ThreadSanitizer can
 * see pair with rcu_assign_pointer()'s release.
 */
#define RCU_INITIALIZER(v)	((typeof(*(v)) __force __rcu *)(v))

#define rcu_assign_pointer(p, v)	smp_store_release(&(p), (typeof(p))(v))
#define RCU_INIT_POINTER(p, v)	WRITE_ONCE(p, (typeof(p))(v))
#define rcu_access_pointer(p)	READ_ONCE(p)
#define rcu_dereference_raw(p)	smp_load_acquire(&(p))
#define rcu_dereference_check(p, c)	rcu_dereference_raw(p)
#define rcu_dereference_protected(p, c)	((void)(c), (p))

#endif /* _UM_LINUX_RCUPDATE_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_TYPES_H
#define _UM_LINUX_TYPES_H

/*
 * The uapi <linux/types.h> of the C library gives __u8..__u64 (int-ll64:
 * __u64 is unsigned long long on every arch, as in the kernel), __be*,
 * __le* and __kernel_* types, so userspace and kernel-side views of the
 * uapi structs stay identical.
 */
#include_next <linux/types.h>
#include <linux/stddef.h>
#include <stdint.h>		/* uintptr_t, uint64_t (libc's, not ours) */

#ifndef __ASSEMBLY__

typedef __u8  u8;
typedef __s8  s8;
typedef __u16 u16;
typedef __s16 s16;
typedef __u32 u32;
typedef __s32 s32;
typedef __u64 u64;
typedef __s64 s64;

typedef unsigned char	u_char;
typedef unsigned short	u_short;
typedef unsigned int	u_int;
typedef unsigned long	u_long;
typedef unsigned char	unchar;
typedef unsigned short	ushort;
typedef unsigned int	uint;
typedef unsigned long	ulong;

/*
 * Types that libc's <sys/types.h> also defines.  Use libc's guard macros
 * (or identical types) so kernel-side um/ files may include both.
 * Note loff_t: the kernel's is long long; glibc's (declared without a
 * guard) is long on LP64.  We follow glibc so both can coexist; both
 * are 64 bits, only %lld vs %ld format checking differs.
 */
#ifndef __dev_t_defined
#define __dev_t_defined
typedef u32 dev_t;
#endif
#ifndef __mode_t_defined
#define __mode_t_defined
typedef unsigned int mode_t;
#endif
#ifndef __off_t_defined
#define __off_t_defined
typedef long off_t;
#endif
#ifndef __pid_t_defined
#define __pid_t_defined
typedef int pid_t;
#endif
#ifndef __uid_t_defined
#define __uid_t_defined
typedef unsigned int uid_t;
#endif
#ifndef __gid_t_defined
#define __gid_t_defined
typedef unsigned int gid_t;
#endif
#ifndef __ssize_t_defined
#define __ssize_t_defined
typedef long ssize_t;
#endif
#ifndef __time_t_defined
#define __time_t_defined
typedef long time_t;
#endif
typedef long loff_t;
typedef s64 time64_t;
typedef unsigned short umode_t;

typedef u64 sector_t;

typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef phys_addr_t resource_size_t;
typedef unsigned long irq_hw_number_t;
/* s390's address type (its uapi <asm/types.h>, which the host lacks) */
typedef unsigned long addr_t;

typedef unsigned int __bitwise gfp_t;
typedef unsigned int __bitwise slab_flags_t;
typedef unsigned int __bitwise fmode_t;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	s64 counter;
} atomic64_t;

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head

typedef void (*rcu_callback_t)(struct rcu_head *head);
typedef void (*call_rcu_func_t)(struct rcu_head *head, rcu_callback_t func);

#endif /* __ASSEMBLY__ */
#endif /* _UM_LINUX_TYPES_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_INIT_H
#define _UM_LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

/*
 * Initcalls: a constructor records each one (no code runs before main
 * besides the recording); um_kernel_init() in <um/init.h> runs them once,
 * by level (core < postcore < arch < subsys < fs < device/module < late)
 * and in registration order within a level.  Exit calls are recorded
 * but never run: the host "kernel" lives as long as the process.
 */
#define __init
#define __exit
#define __initdata
#define __initconst
#define __exitdata
#define __init_or_module
#define __meminit
#define __refdata
#define __ref

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

struct um_initcall {
	initcall_t call;
	const char *name;
	int level;
	struct um_initcall *next;	/* written only by constructors */
};

void um_register_initcall(struct um_initcall *ic);

#define __um_define_initcall(fn, lvl)					\
	static struct um_initcall __um_initcall_##fn##lvl = {		\
		.call = fn, .name = #fn, .level = lvl,			\
	};								\
	static void __attribute__((constructor))			\
	__um_initcall_ctor_##fn##lvl(void)				\
	{								\
		um_register_initcall(&__um_initcall_##fn##lvl);		\
	}

#define pure_initcall(fn)		__um_define_initcall(fn, 0)
#define core_initcall(fn)		__um_define_initcall(fn, 1)
#define postcore_initcall(fn)		__um_define_initcall(fn, 2)
#define arch_initcall(fn)		__um_define_initcall(fn, 3)
#define subsys_initcall(fn)		__um_define_initcall(fn, 4)
#define fs_initcall(fn)			__um_define_initcall(fn, 5)
#define device_initcall(fn)		__um_define_initcall(fn, 6)
#define late_initcall(fn)		__um_define_initcall(fn, 7)
#define core_initcall_sync(fn)		core_initcall(fn)
#define subsys_initcall_sync(fn)	subsys_initcall(fn)
#define late_initcall_sync(fn)		late_initcall(fn)
#define __initcall(fn)			device_initcall(fn)

#define __exitcall(fn)							\
	static exitcall_t __um_exitcall_##fn __used = fn

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_MODULEPARAM_H
#define _UM_LINUX_MODULEPARAM_H

#include <linux/stringify.h>

/* parameters keep their compiled-in defaults in the host */
#define module_param(name, type, perm)	\
	static void *__UNIQUE_ID(param_##name) __used __attribute__((unused)) = &(name)
#define module_param_named(name, value, type, perm) \
	static void *__UNIQUE_ID(param_##name) __used __attribute__((unused)) = &(value)
#define MODULE_PARM_DESC(_parm, desc) \
	static const char __UNIQUE_ID(parmdesc)[] __used __attribute__((unused)) = desc

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_MODULE_H
#define _UM_LINUX_MODULE_H

#include <linux/compiler.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/stringify.h>

/*
 * Everything is built in: THIS_MODULE is NULL, module references always
 * succeed, and module_init() is a device_initcall as in a built-in kernel.
 */
struct module;
#define THIS_MODULE ((struct module *)0)
#define KBUILD_MODNAME_UM "um"
/* kbuild names each object's module; the host is one program */
#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME KBUILD_MODNAME_UM
#endif

#define __um_modinfo(tag, info) \
	static const char __UNIQUE_ID(tag)[] __used __maybe_unused = #tag "=" info

#define MODULE_LICENSE(_license)	__um_modinfo(license, _license)
#define MODULE_AUTHOR(_author)		__um_modinfo(author, _author)
#define MODULE_DESCRIPTION(_desc)	__um_modinfo(description, _desc)
#define MODULE_VERSION(_version)	__um_modinfo(version, _version)
#define MODULE_ALIAS(_alias)		__um_modinfo(alias, _alias)
#define MODULE_SOFTDEP(_softdep)	__um_modinfo(softdep, _softdep)
#define MODULE_IMPORT_NS(ns)		__um_modinfo(import_ns, #ns)
#define MODULE_ALIAS_MISCDEV(minor)	__um_modinfo(alias, "char-major-10-" __stringify(minor))
#define MODULE_DEVICE_TABLE(type, name)	extern typeof(name) name

#define module_init(initfn)		device_initcall(initfn)
#define module_exit(exitfn)		__exitcall(exitfn)

static inline bool try_module_get(struct module *module) { return true; }
static inline void module_put(struct module *module) { }
static inline void __module_get(struct module *module) { }
#define module_put_and_kthread_exit(code) do { } while (0)

/*
 * symbol_get() as a built-in kernel has it (6.1, !CONFIG_MODULES): a
 * weak reference, NULL when nothing linked in defines the symbol.
 */
#define symbol_get(x) \
	({ extern typeof(x) x __attribute__((weak, visibility("hidden"))); &(x); })
#define symbol_put(x) do { } while (0)

#endif

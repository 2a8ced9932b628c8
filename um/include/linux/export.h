/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_EXPORT_H
#define _UM_LINUX_EXPORT_H

/* everything is linked into one program: exports only type-check */
#define EXPORT_SYMBOL(sym)		extern typeof(sym) sym
#define EXPORT_SYMBOL_GPL(sym)		extern typeof(sym) sym
#define EXPORT_SYMBOL_NS(sym, ns)	extern typeof(sym) sym
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	extern typeof(sym) sym
#define EXPORT_SYMBOL_GPL_FOR_MODULES(sym, mods) extern typeof(sym) sym

#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_BUILD_BUG_H
#define _UM_LINUX_BUILD_BUG_H

#include <linux/compiler.h>

#define BUILD_BUG_ON_MSG(cond, msg)	_Static_assert(!(cond), msg)
#define BUILD_BUG_ON(condition) \
	BUILD_BUG_ON_MSG(condition, "BUILD_BUG_ON failed: " #condition)
#define BUILD_BUG_ON_NOT_POWER_OF_2(n) \
	BUILD_BUG_ON((n) == 0 || (((n) & ((n) - 1)) != 0))
#define BUILD_BUG_ON_INVALID(e)	((void)(sizeof((long)(e))))
#define BUILD_BUG()		BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")

#define __static_assert(expr, msg, ...) _Static_assert(expr, msg)
#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)

#endif /* _UM_LINUX_BUILD_BUG_H */

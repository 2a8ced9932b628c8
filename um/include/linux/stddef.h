/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_STDDEF_H
#define _UM_LINUX_STDDEF_H

/*
 * The uapi <linux/stddef.h> (struct_group, __DECLARE_FLEX_ARRAY) is also
 * what the system's <linux/posix_types.h> expects to find here.
 */
#include_next <linux/stddef.h>
#include <stddef.h>		/* NULL, offsetof, size_t */
#include <stdbool.h>		/* bool, true, false */

#define sizeof_field(TYPE, MEMBER)	sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER) \
	(offsetof(TYPE, MEMBER)	+ sizeof_field(TYPE, MEMBER))

#define struct_group(NAME, MEMBERS...) \
	__struct_group(/* no tag */, NAME, /* no attrs */, MEMBERS)
#define struct_group_attr(NAME, ATTRS, MEMBERS...) \
	__struct_group(/* no tag */, NAME, ATTRS, MEMBERS)
#define struct_group_tagged(TAG, NAME, MEMBERS...) \
	__struct_group(TAG, NAME, /* no attrs */, MEMBERS)

#define DECLARE_FLEX_ARRAY(TYPE, NAME) __DECLARE_FLEX_ARRAY(TYPE, NAME)

#endif /* _UM_LINUX_STDDEF_H */

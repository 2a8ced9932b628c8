/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_LINUX_BOTTOM_HALF_H
#define _UM_LINUX_BOTTOM_HALF_H

/* no softirqs in the user-mode host */
#define local_bh_disable()	do { } while (0)
#define local_bh_enable()	do { } while (0)

#endif

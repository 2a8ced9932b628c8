/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_UM_BUG_H
#define _UM_UM_BUG_H

/* number of WARN*() that fired in this process so far */
unsigned long um_warn_count(void);

#endif

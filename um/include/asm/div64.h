/* SPDX-License-Identifier: GPL-2.0 */
/* s390 has no div64.h of its own: kbuild's generic-y gives it this one. */
#include <asm-generic/div64.h>

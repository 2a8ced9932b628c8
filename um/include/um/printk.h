/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_UM_PRINTK_H
#define _UM_UM_PRINTK_H

#include <stddef.h>

/*
 * Copies the most recent contents of the in-memory log ring (used when
 * UM_LOG is unset) into buf, NUL-terminated; returns the length.
 */
size_t um_log_ring_read(char *buf, size_t size);

#endif

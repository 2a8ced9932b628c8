/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <linux/uuid.h>: the guid_t the mdev core names its devices
 * by, with the few helpers it uses (um/vfio/mdev.c parses them).
 */
#ifndef _UM_LINUX_UUID_H
#define _UM_LINUX_UUID_H

#include <linux/types.h>
#include <linux/string.h>

#define UUID_SIZE		16
#define UUID_STRING_LEN		36

typedef struct {
	__u8 b[UUID_SIZE];
} guid_t;

static inline bool guid_equal(const guid_t *u1, const guid_t *u2)
{
	return memcmp(u1, u2, sizeof(guid_t)) == 0;
}

static inline void guid_copy(guid_t *dst, const guid_t *src)
{
	memcpy(dst, src, sizeof(guid_t));
}

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (any case); 0 or -EINVAL */
int guid_parse(const char *uuid, guid_t *u);

#endif /* _UM_LINUX_UUID_H */

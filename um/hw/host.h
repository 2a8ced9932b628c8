/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the simulated hardware needs from the host OS (um/hw/host.c, built
 * as libc code): image files, the channel's low storage, time.  Plain C
 * types only, so both sides can include it.
 */
#ifndef _UM_HW_HOST_H
#define _UM_HW_HOST_H

#include <stddef.h>
#include <stdint.h>

/* files: return >= 0 or -errno; pread/pwrite move the whole length */
int um_host_file_open(const char *path, int writable);
int um_host_file_close(int fd);
long long um_host_file_size(int fd);
int um_host_file_pread(int fd, void *buf, size_t len, long long off);
int um_host_file_pwrite(int fd, const void *buf, size_t len, long long off);
/* read a whole (small) text file into a malloc'ed NUL-terminated buffer */
int um_host_file_slurp(const char *path, char **text, size_t max);
void um_host_free(void *p);

/*
 * Map @len bytes of zeroed memory whose addresses all fit in @bits bits
 * (31 or 24); NULL if the host cannot give such addresses.
 */
void *um_host_map_low(size_t len, int bits);

uint64_t um_host_now_ns(void);
const char *um_host_getenv(const char *name);
/* a broken machine configuration: say why on stderr and exit(1) */
void um_host_fatal(const char *msg) __attribute__((noreturn));

#endif /* _UM_HW_HOST_H */

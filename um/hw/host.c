// SPDX-License-Identifier: GPL-2.0
/*
 * Host services of the simulated hardware, on libc: built as plain libc
 * code (libc-y), like the syscall layer, so it sees libc's headers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "host.h"

int um_host_file_open(const char *path, int writable)
{
	int fd = open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int um_host_file_close(int fd)
{
	return close(fd) ? -errno : 0;
}

long long um_host_file_size(int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		return -errno;
	return st.st_size;
}

int um_host_file_pread(int fd, void *buf, size_t len, long long off)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = pread(fd, p, len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ENODATA;	/* short file */
		p += n;
		off += n;
		len -= n;
	}
	return 0;
}

int um_host_file_pwrite(int fd, const void *buf, size_t len, long long off)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = pwrite(fd, p, len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		off += n;
		len -= n;
	}
	return 0;
}

int um_host_file_slurp(const char *path, char **text, size_t max)
{
	long long size;
	char *buf;
	int fd, ret;

	fd = um_host_file_open(path, 0);
	if (fd < 0)
		return fd;
	size = um_host_file_size(fd);
	if (size < 0 || (size_t)size > max) {
		close(fd);
		return size < 0 ? (int)size : -EFBIG;
	}
	buf = malloc(size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	ret = um_host_file_pread(fd, buf, size, 0);
	close(fd);
	if (ret) {
		free(buf);
		return ret;
	}
	buf[size] = 0;
	*text = buf;
	return 0;
}

void um_host_free(void *p)
{
	free(p);
}

static int fits(void *p, size_t len, int bits)
{
	uintptr_t end = (uintptr_t)p + len;

	return p != MAP_FAILED && end <= ((uintptr_t)1 << bits);
}

void *um_host_map_low(size_t len, int bits)
{
	uintptr_t hint;
	void *p;

#ifdef MAP_32BIT
	/* x86-64: the first 2 GiB, exactly 31 bits */
	if (bits >= 31) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
		if (fits(p, len, bits))
			return p;
		if (p != MAP_FAILED)
			munmap(p, len);
	}
#endif
	/* elsewhere (and for 24 bits): probe free places below the limit */
	for (hint = 1 << 20; hint + len <= ((uintptr_t)1 << bits);
	     hint += 1 << 20) {
		p = mmap((void *)hint, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			 -1, 0);
		if (fits(p, len, bits))
			return p;
		if (p != MAP_FAILED)
			munmap(p, len);
	}
	return NULL;
}

uint64_t um_host_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

const char *um_host_getenv(const char *name)
{
	return getenv(name);
}

void um_host_fatal(const char *msg)
{
	fprintf(stderr, "s390um: %s\n", msg);
	exit(1);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Libc side of the VFIO core: whether a descriptor the host does not
 * route is open at all.  The kernel's fget() takes any open file; the
 * host's fget() knows only its own, so callers that must tell "not a
 * VFIO file" (EINVAL) from "no file" (EBADF) ask here.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int um_host_fd_valid(int fd)
{
	return fd >= 0 && syscall(SYS_fcntl, fd, F_GETFD) >= 0;
}

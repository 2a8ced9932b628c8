/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-only view of the VFIO core (um/vfio) for tests: what is pinned.
 */
#ifndef _UM_UM_VFIO_H
#define _UM_UM_VFIO_H

/* pages pinned through vfio_pin_pages() in every container now */
long um_vfio_pinned_pages(void);

/*
 * Is @fd an open descriptor of the process (routed or not)?  For the
 * fget() callers that answer EINVAL for a file of the wrong kind and
 * EBADF for none, as 6.1 does (um/vfio/host_fd.c).
 */
int um_host_fd_valid(int fd);

#endif /* _UM_UM_VFIO_H */

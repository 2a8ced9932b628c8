/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-only view of the VFIO core (um/vfio) for tests: what is pinned.
 */
#ifndef _UM_UM_VFIO_H
#define _UM_UM_VFIO_H

/* pages pinned through vfio_pin_pages() in every container now */
long um_vfio_pinned_pages(void);

#endif /* _UM_UM_VFIO_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel-side helper of vfio_ccw_direct_test (LIBKERNEL): the machine
 * operator's side of the simulated channel subsystem, which has no
 * sysfs file for it: vary a channel path off or on, as the SE would
 * (the css core then calls the drivers' chp_event).
 */
#include <linux/types.h>

/* um/hw/css.h, which is not on the kernel-side include path */
int um_css_vary_chpid(u8 chpid, bool online);

int tmach_vary_chpid(int chpid, int online)
{
	return um_css_vary_chpid(chpid, online);
}

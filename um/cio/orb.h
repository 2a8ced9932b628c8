/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's version of 6.1's drivers/s390/cio/orb.h: the ORB is
 * hardware, declared with the rest of the channel subsystem's control
 * blocks in um/hw/css_types.h.
 */
#ifndef S390_ORB_H
#define S390_ORB_H

#include "../hw/css_types.h"

#endif /* S390_ORB_H */

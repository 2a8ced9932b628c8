/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's own interfaces of the css bus stand-in (um/cio): for the
 * sysfs files, the tests and start-up.  Not a 6.1 header.
 */
#ifndef _UM_CIO_UM_CIO_H
#define _UM_CIO_UM_CIO_H

#include "css.h"

struct subchannel *um_cio_sch(int nr);
int um_cio_nr_sch(void);
int um_css_probe(struct subchannel *sch);
bool um_css_driver_exists(const char *name);
int um_css_driver_names(char *buf, size_t len, size_t *used);

/* the machine file (um/hw/machine.c) */
int um_machine_load(void);
const char *um_machine_sch_driver(int sch_no);
int um_machine_channel_threads(void);

/* um/hw */
int um_css_chpid_online(u8 chpid);


#endif /* _UM_CIO_UM_CIO_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's version of 6.1's drivers/s390/cio/css.h: the css bus's
 * driver structure and helpers (um/cio/css.c).
 */
#ifndef _CSS_H
#define _CSS_H

#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/device.h>
#include <linux/types.h>
#include <asm/cio.h>
#include <asm/chpid.h>
#include <asm/schid.h>

#include "cio.h"

struct subchannel;
struct chp_link;

/* a driver of subchannels; the callbacks as in 6.1 */
struct css_driver {
	struct css_device_id *subchannel_type;
	struct device_driver drv;
	void (*irq)(struct subchannel *sch);
	int (*chp_event)(struct subchannel *sch, struct chp_link *link,
			 int event);
	int (*sch_event)(struct subchannel *sch, int process);
	int (*probe)(struct subchannel *sch);
	void (*remove)(struct subchannel *sch);
	void (*shutdown)(struct subchannel *sch);
	int (*settle)(void);
};

#define to_cssdriver(n) container_of(n, struct css_driver, drv)

int css_driver_register(struct css_driver *cdrv);
void css_driver_unregister(struct css_driver *cdrv);

void css_sch_device_unregister(struct subchannel *sch);
struct subchannel *get_subchannel_by_schid(struct subchannel_id schid);
int for_each_subchannel_staged(int (*fn_known)(struct subchannel *, void *),
			       int (*fn_unknown)(struct subchannel_id, void *),
			       void *data);
int css_sch_is_valid(struct schib *schib);
void css_sched_sch_todo(struct subchannel *sch, enum sch_todo todo);
int css_complete_work(void);
void css_schedule_reprobe(void);
int driver_set_override(struct device *dev, const char **override,
			const char *s, size_t len);

/* host: register subchannels the machine has gained (tests, start-up) */
int um_cio_scan(void);
/* host: bind @sch to the driver named @name (sysfs bind) */
int um_css_bind(struct subchannel *sch, const char *name);
int um_css_unbind(struct subchannel *sch);
/* host: wait until every queued interruption and CRW was handled */
void um_cio_settle(void);

#endif

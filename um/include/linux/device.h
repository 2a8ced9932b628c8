/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <linux/device.h>: the part of the driver model the css bus
 * stand-in (um/cio) and its drivers use.  A device has a name, a parent,
 * driver data, a reference count with a release callback and a lock;
 * buses and their sysfs are the stand-ins' own business.
 */
#ifndef _UM_LINUX_DEVICE_H
#define _UM_LINUX_DEVICE_H

#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/types.h>

struct module;
struct device;

struct device_driver {
	const char *name;
	struct module *owner;
	const char *mod_name;		/* KBUILD_MODNAME of built-in ones */
};

struct device {
	struct device *parent;
	const char *init_name;
	char *name;			/* set by dev_set_name() */
	struct device_driver *driver;	/* bound driver */
	void *driver_data;
	struct kref kref;
	struct mutex mutex;		/* device_lock() */
	bool registered;
	void (*release)(struct device *dev);
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->name ? dev->name : dev->init_name ? dev->init_name : "";
}

__printf(2, 3) int dev_set_name(struct device *dev, const char *fmt, ...);
void device_initialize(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline bool device_is_registered(struct device *dev)
{
	return dev->registered;
}

static inline void device_lock(struct device *dev)
{
	mutex_lock(&dev->mutex);
}

static inline void device_unlock(struct device *dev)
{
	mutex_unlock(&dev->mutex);
}

#define dev_printk(level, dev, fmt, ...) \
	printk(level "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)	dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) \
	dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...) \
	do { if (0) dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__); } while (0)
#define dev_notice_ratelimited(dev, fmt, ...) \
	printk_ratelimited(KERN_NOTICE "%s: " fmt, dev_name(dev), \
			   ##__VA_ARGS__)
#define dev_warn_ratelimited(dev, fmt, ...) \
	printk_ratelimited(KERN_WARNING "%s: " fmt, dev_name(dev), \
			   ##__VA_ARGS__)

#endif /* _UM_LINUX_DEVICE_H */

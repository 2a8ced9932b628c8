/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's <linux/mdev.h>: 6.1's mediated-device API (mdev_device,
 * mdev_type, mdev_parent, mdev_driver and their registration) over the
 * host's mdev core (um/vfio/mdev.c).  The fields a driver sets or reads
 * are 6.1's; the core's private ones differ (no kobjects or kset: the
 * host's sysfs is generated from these structures).
 */
#ifndef _UM_LINUX_MDEV_H
#define _UM_LINUX_MDEV_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/uuid.h>

struct mdev_type;

struct mdev_device {
	struct device dev;
	guid_t uuid;
	struct list_head next;		/* in the core's list, its lock */
	struct mdev_type *type;
	bool active;			/* created, not being removed */
	char name[UUID_STRING_LEN + 1];
};

struct mdev_type {
	/* set by the driver before calling mdev_register_parent: */
	const char *sysfs_name;
	const char *pretty_name;

	/* set by the core, can be used by drivers */
	struct mdev_parent *parent;
};

/* embedded into the struct device that the mdev devices hang off */
struct mdev_parent {
	struct device *dev;
	struct mdev_driver *mdev_driver;
	struct mdev_type **types;
	unsigned int nr_types;
	atomic_t available_instances;
	/* host core: the registry's link and the unregistration flag */
	struct list_head next;
	bool unregistering;
	int busy;			/* creates/removes in progress */
	char drv_name[32];		/* parent's driver, for type names */
};

static inline struct mdev_device *to_mdev_device(struct device *dev)
{
	return container_of(dev, struct mdev_device, dev);
}

struct mdev_driver {
	const char *device_api;
	unsigned int max_instances;
	int (*probe)(struct mdev_device *dev);
	void (*remove)(struct mdev_device *dev);
	unsigned int (*get_available)(struct mdev_type *mtype);
	ssize_t (*show_description)(struct mdev_type *mtype, char *buf);
	struct device_driver driver;
	struct list_head next;		/* host core: registered drivers */
};

int mdev_register_parent(struct mdev_parent *parent, struct device *dev,
			 struct mdev_driver *mdev_driver,
			 struct mdev_type **types, unsigned int nr_types);
void mdev_unregister_parent(struct mdev_parent *parent);

int mdev_register_driver(struct mdev_driver *drv);
void mdev_unregister_driver(struct mdev_driver *drv);

static inline struct device *mdev_dev(struct mdev_device *mdev)
{
	return &mdev->dev;
}

#endif /* _UM_LINUX_MDEV_H */

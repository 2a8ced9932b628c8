// SPDX-License-Identifier: GPL-2.0
/*
 * The driver model's device lifetime for the host's buses: names,
 * references and release (what drivers/base/core.c gives 6.1).
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/slab.h>

int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list ap;
	char *name;

	va_start(ap, fmt);
	name = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	if (!name)
		return -ENOMEM;
	kfree(dev->name);
	dev->name = name;
	return 0;
}

void device_initialize(struct device *dev)
{
	kref_init(&dev->kref);
	mutex_init(&dev->mutex);
}

struct device *get_device(struct device *dev)
{
	if (dev)
		kref_get(&dev->kref);
	return dev;
}

static void device_release(struct kref *kref)
{
	struct device *dev = container_of(kref, struct device, kref);
	char *name = dev->name;

	dev->name = NULL;
	if (dev->release)
		dev->release(dev);
	kfree(name);
}

void put_device(struct device *dev)
{
	if (dev)
		kref_put(&dev->kref, device_release);
}

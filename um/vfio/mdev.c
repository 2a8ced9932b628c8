// SPDX-License-Identifier: GPL-2.0
/*
 * The mdev core of the host, with 6.1's driver API (mdev_register_parent,
 * mdev_register_driver ...) and 6.1's sysfs, a part of the host's sysfs
 * (um/cio/sysfs.c opens, reads and writes the files; this part says what
 * a path is and makes or takes an attribute's contents):
 *
 *   /sys/bus/css/devices/<parent>/mdev_supported_types/<drv>-<type>/
 *       {create, available_instances, name, device_api, description,
 *        devices/<uuid>}
 *   /sys/bus/css/devices/<parent>/<uuid>/{iommu_group, mdev_type, driver,
 *                                         remove}
 *   /sys/bus/mdev/devices/<uuid>  (a link to the above)
 *   /sys/bus/mdev/drivers/<mdev driver>/<uuid>  (likewise)
 *   /sys/kernel/iommu_groups/<n>/devices/<uuid>
 *
 * Creating an mdev probes it with the parent's mdev driver (vfio-ccw's
 * registers its vfio_device there); removing it calls the driver's
 * remove, which waits for the VMM to close the device.  Attribute files
 * look their object up again at each read and write, so a file opened
 * before a removal sees -ENODEV after it, as a removed sysfs file does.
 * The driver link is there while the mdev is bound (probed, not being
 * removed).
 *
 * Locking: mdev_lock protects the parent, driver and mdev lists, each
 * parent's busy count and unregistering flag and available_instances
 * changes.  Probe and remove run without it (they sleep); a parent's
 * busy count keeps mdev_unregister_parent() waiting for them.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/mdev.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <um/syscall.h>

#include "../cio/sysfs.h"
#include "vfio.h"

static DEFINE_MUTEX(mdev_lock);	/* lists, busy, available_instances */
static LIST_HEAD(mdev_parents);
static LIST_HEAD(mdev_drivers);
static LIST_HEAD(mdev_list);
static DECLARE_WAIT_QUEUE_HEAD(mdev_idle);	/* a parent's busy hit 0 */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* dashes after 4, 6, 8 and 10 bytes */
static bool dash_after(int b)
{
	return b == 4 || b == 6 || b == 8 || b == 10;
}

int guid_parse(const char *uuid, guid_t *u)
{
	int b, hi, lo;

	for (b = 0; b < UUID_SIZE; b++) {
		if (dash_after(b) && *uuid++ != '-')
			return -EINVAL;
		hi = hexval(uuid[0]);
		lo = hi < 0 ? -1 : hexval(uuid[1]);
		if (lo < 0)
			return -EINVAL;
		u->b[b] = hi << 4 | lo;
		uuid += 2;
	}
	return 0;
}

static void guid_name(const guid_t *u, char *buf)
{
	int b;

	for (b = 0; b < UUID_SIZE; b++) {
		if (dash_after(b))
			*buf++ = '-';
		buf += sprintf(buf, "%02x", u->b[b]);
	}
}

/* ---------------------------------------------------------- registry */

int mdev_register_driver(struct mdev_driver *drv)
{
	if (!drv->device_api)
		return -EINVAL;
	mutex_lock(&mdev_lock);
	list_add_tail(&drv->next, &mdev_drivers);
	mutex_unlock(&mdev_lock);
	return 0;
}
EXPORT_SYMBOL(mdev_register_driver);

void mdev_unregister_driver(struct mdev_driver *drv)
{
	mutex_lock(&mdev_lock);
	list_del(&drv->next);
	mutex_unlock(&mdev_lock);
}
EXPORT_SYMBOL(mdev_unregister_driver);

int mdev_register_parent(struct mdev_parent *parent, struct device *dev,
			 struct mdev_driver *mdev_driver,
			 struct mdev_type **types, unsigned int nr_types)
{
	struct mdev_parent *p;
	unsigned int i;
	int ret = 0;

	if (!dev || !mdev_driver || !nr_types)
		return -EINVAL;
	memset(parent, 0, sizeof(*parent));
	parent->dev = dev;
	parent->mdev_driver = mdev_driver;
	parent->types = types;
	parent->nr_types = nr_types;
	atomic_set(&parent->available_instances, mdev_driver->max_instances);
	/* type directories are named "<parent's driver>-<type>" */
	strscpy(parent->drv_name, dev->driver ? dev->driver->name : "",
		sizeof(parent->drv_name));
	for (i = 0; i < nr_types; i++) {
		types[i]->parent = parent;
		if (!types[i]->pretty_name)
			types[i]->pretty_name = types[i]->sysfs_name;
	}
	mutex_lock(&mdev_lock);
	list_for_each_entry(p, &mdev_parents, next)
		if (p->dev == dev)
			ret = -EEXIST;
	if (!ret)
		list_add_tail(&parent->next, &mdev_parents);
	mutex_unlock(&mdev_lock);
	if (!ret)
		dev_info(dev, "MDEV: Registered\n");
	return ret;
}
EXPORT_SYMBOL(mdev_register_parent);

static void mdev_device_release(struct device *dev)
{
	kfree(to_mdev_device(dev));
}

/* the driver's remove has run: forget the mdev; mdev_lock held */
static void mdev_forget_locked(struct mdev_device *mdev)
{
	struct mdev_parent *parent = mdev->type->parent;

	list_del(&mdev->next);
	if (!parent->mdev_driver->get_available)
		atomic_inc(&parent->available_instances);
}

void mdev_unregister_parent(struct mdev_parent *parent)
{
	struct mdev_device *mdev, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&mdev_lock);
	parent->unregistering = true;
	/* creates and removes in flight finish first */
	while (parent->busy) {
		mutex_unlock(&mdev_lock);
		wait_event(mdev_idle, READ_ONCE(parent->busy) == 0);
		mutex_lock(&mdev_lock);
	}
	list_for_each_entry_safe(mdev, tmp, &mdev_list, next) {
		if (mdev->type->parent == parent) {
			mdev->active = false;
			list_move_tail(&mdev->next, &gone);
		}
	}
	mutex_unlock(&mdev_lock);

	/* the parent is ours alone now: remove every mdev it had */
	list_for_each_entry_safe(mdev, tmp, &gone, next) {
		parent->mdev_driver->remove(mdev);
		mutex_lock(&mdev_lock);
		mdev_forget_locked(mdev);
		mutex_unlock(&mdev_lock);
		put_device(&mdev->dev);
	}
	mutex_lock(&mdev_lock);
	list_del(&parent->next);
	mutex_unlock(&mdev_lock);
	dev_info(parent->dev, "MDEV: Unregistering\n");
}
EXPORT_SYMBOL(mdev_unregister_parent);

static void parent_idle(struct mdev_parent *parent)
{
	mutex_lock(&mdev_lock);
	if (!--parent->busy)
		wake_up_all(&mdev_idle);
	mutex_unlock(&mdev_lock);
}

static int mdev_device_create(struct mdev_type *type, const guid_t *uuid)
{
	struct mdev_parent *parent = type->parent;
	struct mdev_driver *drv = parent->mdev_driver;
	struct mdev_device *mdev, *tmp;
	int ret;

	mdev = kzalloc(sizeof(*mdev), GFP_KERNEL);
	if (!mdev)
		return -ENOMEM;
	mutex_lock(&mdev_lock);
	ret = 0;
	list_for_each_entry(tmp, &mdev_list, next)
		if (!ret && guid_equal(&tmp->uuid, uuid))
			ret = -EEXIST;
	if (!ret && !drv->get_available) {
		if (!atomic_read(&parent->available_instances))
			ret = -EUSERS;
		else
			atomic_dec(&parent->available_instances);
	}
	if (ret) {
		mutex_unlock(&mdev_lock);
		kfree(mdev);
		return ret;
	}
	device_initialize(&mdev->dev);
	mdev->dev.parent = parent->dev;
	mdev->dev.release = mdev_device_release;
	mdev->dev.driver = &drv->driver;
	mdev->type = type;
	guid_copy(&mdev->uuid, uuid);
	guid_name(uuid, mdev->name);
	dev_set_name(&mdev->dev, "%s", mdev->name);
	list_add_tail(&mdev->next, &mdev_list);
	mutex_unlock(&mdev_lock);

	ret = drv->probe(mdev);

	mutex_lock(&mdev_lock);
	if (ret)
		mdev_forget_locked(mdev);
	else
		mdev->active = true;
	mutex_unlock(&mdev_lock);
	if (ret)
		put_device(&mdev->dev);
	return ret;
}

static void mdev_device_remove(struct mdev_device *mdev)
{
	mdev->type->parent->mdev_driver->remove(mdev);
	mutex_lock(&mdev_lock);
	mdev_forget_locked(mdev);
	mutex_unlock(&mdev_lock);
	put_device(&mdev->dev);
}

/* ------------------------------------------------------------ lookup */

enum mdev_node {
	N_TYPES = 1,		/* mdev_supported_types */
	N_TYPE,			/* .../<drv>-<type> */
	N_TYPE_ATTR,		/* create, available_instances, ... */
	N_TYPE_DEVICES,		/* .../devices */
	N_TYPE_DEV_LINK,	/* .../devices/<uuid> */
	N_MDEV,			/* <parent>/<uuid> */
	N_MDEV_ATTR,		/* remove */
	N_MDEV_LINK,		/* iommu_group, mdev_type, driver */
	N_BUS,			/* /sys/bus/mdev */
	N_BUS_DEVICES,		/* /sys/bus/mdev/devices */
	N_BUS_LINK,		/* /sys/bus/mdev/devices/<uuid> */
	N_BUS_DRIVERS,		/* /sys/bus/mdev/drivers */
	N_DRIVER,		/* .../drivers/<name> */
	N_DRIVER_LINK,		/* .../drivers/<name>/<uuid> */
	N_GROUPS,		/* /sys/kernel/iommu_groups */
	N_GROUP,		/* .../<n> */
	N_GROUP_DEVICES,	/* .../<n>/devices */
	N_GROUP_LINK,		/* .../<n>/devices/<uuid> */
};

struct mdev_path {
	enum mdev_node node;
	struct mdev_parent *parent;
	struct mdev_type *type;
	struct mdev_device *mdev;
	struct mdev_driver *drv;
	int group;
	char attr[24];
};

#define CSS_DEVICES	UM_SYSFS_ROOT "/devices/"
#define MDEV_BUS	"/sys/bus/mdev"
#define IOMMU_GROUPS	"/sys/kernel/iommu_groups"
#define NAME_LEN	64	/* a path component's buffer */

static const char *const type_attrs[] = {
	"available_instances", "create", "description", "device_api", "name",
};

/* @mp is at @node; the next component into @c[NAME_LEN]; false: none */
static bool walk(struct mdev_path *mp, enum mdev_node node, const char **p,
		 char *c)
{
	mp->node = node;
	return um_sysfs_comp(p, c, NAME_LEN);
}

static struct mdev_device *mdev_by_name(const char *name,
					struct mdev_parent *parent)
{
	struct mdev_device *mdev;

	list_for_each_entry(mdev, &mdev_list, next)
		if (!strcmp(mdev->name, name) &&
		    (!parent || mdev->type->parent == parent))
			return mdev;
	return NULL;
}

static int mdev_group_id(struct mdev_device *mdev)
{
	return vfio_device_group_id(&mdev->dev);
}

static struct mdev_device *mdev_by_group(int id)
{
	struct mdev_device *mdev;

	list_for_each_entry(mdev, &mdev_list, next)
		if (mdev_group_id(mdev) == id)
			return mdev;
	return NULL;
}

/* the mdev's attributes: @c names one, fill @mp; mdev_lock held */
static long mdev_attr(struct mdev_path *mp, const char *c)
{
	if (!strcmp(c, "remove")) {
		mp->node = N_MDEV_ATTR;
	} else if (!strcmp(c, "mdev_type") ||
		   (!strcmp(c, "driver") && mp->mdev->active) ||
		   (!strcmp(c, "iommu_group") &&
		    mdev_group_id(mp->mdev) >= 0)) {
		mp->node = N_MDEV_LINK;
	} else {
		return -ENOENT;
	}
	strscpy(mp->attr, c, sizeof(mp->attr));
	return 0;
}

static long resolve_type(struct mdev_path *mp, const char *p)
{
	char c[NAME_LEN];
	unsigned int i;

	if (!walk(mp, N_TYPES, &p, c))
		return 0;
	for (i = 0; i < mp->parent->nr_types; i++) {
		struct mdev_type *t = mp->parent->types[i];
		size_t n = strlen(mp->parent->drv_name);

		if (!strncmp(c, mp->parent->drv_name, n) && c[n] == '-' &&
		    !strcmp(c + n + 1, t->sysfs_name))
			mp->type = t;
	}
	if (!mp->type)
		return -ENOENT;
	if (!walk(mp, N_TYPE, &p, c))
		return 0;
	if (!strcmp(c, "devices")) {
		if (!walk(mp, N_TYPE_DEVICES, &p, c))
			return 0;
		mp->mdev = mdev_by_name(c, mp->parent);
		if (!mp->mdev || mp->mdev->type != mp->type)
			return -ENOENT;
		return walk(mp, N_TYPE_DEV_LINK, &p, c) ? -ENOENT : 0;
	}
	for (i = 0; i < ARRAY_SIZE(type_attrs); i++)
		if (!strcmp(c, type_attrs[i]))
			break;
	if (i == ARRAY_SIZE(type_attrs) ||
	    (!strcmp(c, "description") &&
	     !mp->parent->mdev_driver->show_description))
		return -ENOENT;
	mp->node = N_TYPE_ATTR;
	strscpy(mp->attr, c, sizeof(mp->attr));
	return um_sysfs_comp(&p, c, sizeof(c)) ? -ENOTDIR : 0;
}

/* mdev @mp->mdev's directory at @node, then "[/attr]" */
static long resolve_mdev(struct mdev_path *mp, enum mdev_node node,
			 const char *p, char *c)
{
	long ret;

	if (!walk(mp, node, &p, c))
		return 0;
	ret = mdev_attr(mp, c);
	if (ret)
		return ret;
	return um_sysfs_comp(&p, c, NAME_LEN) ?
		(mp->node == N_MDEV_LINK ? -ENOENT : -ENOTDIR) : 0;
}

static long resolve_css(struct mdev_path *mp, const char *p)
{
	struct mdev_parent *parent;
	char c[NAME_LEN];

	if (!um_sysfs_comp(&p, c, sizeof(c)))
		return UM_VFS_NOT_ROUTED;
	list_for_each_entry(parent, &mdev_parents, next)
		if (!strcmp(dev_name(parent->dev), c))
			mp->parent = parent;
	if (!mp->parent || !um_sysfs_comp(&p, c, sizeof(c)))
		return UM_VFS_NOT_ROUTED;
	if (!strcmp(c, "mdev_supported_types"))
		return resolve_type(mp, p);
	mp->mdev = mdev_by_name(c, mp->parent);
	if (!mp->mdev)
		return UM_VFS_NOT_ROUTED;	/* the css bus's own */
	return resolve_mdev(mp, N_MDEV, p, c);
}

static long resolve_groups(struct mdev_path *mp, const char *p)
{
	char c[NAME_LEN];
	int id;

	if (!walk(mp, N_GROUPS, &p, c))
		return 0;
	if (kstrtoint(c, 10, &id) || id < 0)
		return -ENOENT;
	mp->mdev = mdev_by_group(id);
	if (!mp->mdev)
		return -ENOENT;
	mp->group = id;
	if (!walk(mp, N_GROUP, &p, c))
		return 0;
	if (strcmp(c, "devices"))
		return -ENOENT;
	if (!walk(mp, N_GROUP_DEVICES, &p, c))
		return 0;
	if (strcmp(c, mp->mdev->name))
		return -ENOENT;
	return walk(mp, N_GROUP_LINK, &p, c) ? -ENOENT : 0;
}

/* /sys/bus/mdev/drivers[/<name>[/<uuid>]]: the mdevs a driver has */
static long resolve_drivers(struct mdev_path *mp, const char *p)
{
	struct mdev_driver *drv;
	char c[NAME_LEN];

	if (!walk(mp, N_BUS_DRIVERS, &p, c))
		return 0;
	list_for_each_entry(drv, &mdev_drivers, next)
		if (!strcmp(drv->driver.name, c))
			mp->drv = drv;
	if (!mp->drv)
		return -ENOENT;
	if (!walk(mp, N_DRIVER, &p, c))
		return 0;
	mp->mdev = mdev_by_name(c, NULL);
	if (!mp->mdev || !mp->mdev->active ||
	    mp->mdev->type->parent->mdev_driver != mp->drv)
		return -ENOENT;
	return walk(mp, N_DRIVER_LINK, &p, c) ? -ENOENT : 0;
}

/* what @path is; UM_VFS_NOT_ROUTED if not ours; mdev_lock held */
static long resolve(const char *path, struct mdev_path *mp)
{
	const char *p;
	char c[NAME_LEN];

	memset(mp, 0, sizeof(*mp));
	if (!strncmp(path, CSS_DEVICES, strlen(CSS_DEVICES)))
		return resolve_css(mp, path + strlen(CSS_DEVICES));
	if (!strncmp(path, IOMMU_GROUPS, strlen(IOMMU_GROUPS)) &&
	    (!path[strlen(IOMMU_GROUPS)] || path[strlen(IOMMU_GROUPS)] == '/'))
		return resolve_groups(mp, path + strlen(IOMMU_GROUPS));
	if (strncmp(path, MDEV_BUS, strlen(MDEV_BUS)) ||
	    (path[strlen(MDEV_BUS)] && path[strlen(MDEV_BUS)] != '/'))
		return UM_VFS_NOT_ROUTED;
	p = path + strlen(MDEV_BUS);
	if (!walk(mp, N_BUS, &p, c))
		return 0;
	if (!strcmp(c, "drivers"))
		return resolve_drivers(mp, p);
	if (strcmp(c, "devices"))
		return -ENOENT;
	if (!walk(mp, N_BUS_DEVICES, &p, c))
		return 0;
	mp->mdev = mdev_by_name(c, NULL);
	if (!mp->mdev)
		return -ENOENT;
	/* the link is followed for anything below it */
	return resolve_mdev(mp, N_BUS_LINK, p, c);
}

/* ------------------------------------------------- stat, link, list */

static long mdev_sysfs_stat(const char *path, int *type, unsigned int *mode)
{
	struct mdev_path mp;
	long ret;

	mutex_lock(&mdev_lock);
	ret = resolve(path, &mp);
	mutex_unlock(&mdev_lock);
	if (ret)
		return ret;
	switch (mp.node) {
	case N_TYPE_ATTR:
		*type = UM_SYSFS_FILE;
		*mode = !strcmp(mp.attr, "create") ? 0200 : 0444;
		break;
	case N_MDEV_ATTR:
		*type = UM_SYSFS_FILE;
		*mode = 0200;
		break;
	case N_TYPE_DEV_LINK:
	case N_MDEV_LINK:
	case N_BUS_LINK:
	case N_GROUP_LINK:
	case N_DRIVER_LINK:
		*type = UM_SYSFS_LINK;
		*mode = 0777;
		break;
	default:
		*type = UM_SYSFS_DIR;
		*mode = 0755;
	}
	return 0;
}

static long mdev_sysfs_link(const char *path, char *buf, size_t len)
{
	struct mdev_path mp;
	long ret;

	mutex_lock(&mdev_lock);
	ret = resolve(path, &mp);
	if (ret)
		goto out;
	switch (mp.node) {
	case N_TYPE_DEV_LINK:		/* from the type's devices/ */
		snprintf(buf, len, "../../../%s", mp.mdev->name);
		break;
	case N_BUS_LINK:		/* to the mdev's directory */
	case N_GROUP_LINK:
	case N_DRIVER_LINK:
		snprintf(buf, len, "%scss/devices/%s/%s",
			 mp.node == N_BUS_LINK ? "../../" :
			 mp.node == N_DRIVER_LINK ? "../../../" :
			 "../../../../bus/",
			 dev_name(mp.mdev->type->parent->dev), mp.mdev->name);
		break;
	case N_MDEV_LINK:
		if (!strcmp(mp.attr, "iommu_group"))
			snprintf(buf, len, "../../../../kernel/iommu_groups/%d",
				 mdev_group_id(mp.mdev));
		else if (!strcmp(mp.attr, "driver"))
			snprintf(buf, len, "../../../../../bus/mdev/drivers/%s",
				 mp.mdev->dev.driver->name);
		else
			snprintf(buf, len, "../mdev_supported_types/%s-%s",
				 mp.mdev->type->parent->drv_name,
				 mp.mdev->type->sysfs_name);
		break;
	default:
		ret = -EINVAL;
	}
out:
	mutex_unlock(&mdev_lock);
	return ret;
}

static long list_node(struct mdev_path *mp, char *buf, size_t len,
		      size_t *used)
{
	struct mdev_device *mdev;
	struct mdev_driver *drv;
	char name[64];
	unsigned int i;
	long ret = 0;

	switch (mp->node) {
	case N_TYPES:
		for (i = 0; i < mp->parent->nr_types && !ret; i++) {
			snprintf(name, sizeof(name), "%s-%s",
				 mp->parent->drv_name,
				 mp->parent->types[i]->sysfs_name);
			ret = um_sysfs_add(buf, len, used, name);
		}
		return ret;
	case N_TYPE:
		for (i = 0; i < ARRAY_SIZE(type_attrs) && !ret; i++)
			if (strcmp(type_attrs[i], "description") ||
			    mp->parent->mdev_driver->show_description)
				ret = um_sysfs_add(buf, len, used,
						   type_attrs[i]);
		return ret ?: um_sysfs_add(buf, len, used, "devices");
	case N_TYPE_DEVICES:
	case N_BUS_DEVICES:
		list_for_each_entry(mdev, &mdev_list, next)
			if (!ret && (!mp->type || mdev->type == mp->type))
				ret = um_sysfs_add(buf, len, used, mdev->name);
		return ret;
	case N_MDEV:
	case N_BUS_LINK:
		ret = um_sysfs_add(buf, len, used, "mdev_type") ?:
		      um_sysfs_add(buf, len, used, "remove");
		if (!ret && mdev_group_id(mp->mdev) >= 0)
			ret = um_sysfs_add(buf, len, used, "iommu_group");
		if (!ret && mp->mdev->active)
			ret = um_sysfs_add(buf, len, used, "driver");
		return ret;
	case N_BUS:
		return um_sysfs_add(buf, len, used, "devices") ?:
		       um_sysfs_add(buf, len, used, "drivers");
	case N_BUS_DRIVERS:
		list_for_each_entry(drv, &mdev_drivers, next)
			if (!ret)
				ret = um_sysfs_add(buf, len, used,
						   drv->driver.name);
		return ret;
	case N_DRIVER:
		list_for_each_entry(mdev, &mdev_list, next)
			if (!ret && mdev->active &&
			    mdev->type->parent->mdev_driver == mp->drv)
				ret = um_sysfs_add(buf, len, used, mdev->name);
		return ret;
	case N_GROUPS:
		list_for_each_entry(mdev, &mdev_list, next) {
			if (ret || mdev_group_id(mdev) < 0)
				continue;
			snprintf(name, sizeof(name), "%d", mdev_group_id(mdev));
			ret = um_sysfs_add(buf, len, used, name);
		}
		return ret;
	case N_GROUP:
		return um_sysfs_add(buf, len, used, "devices");
	case N_GROUP_DEVICES:
		return um_sysfs_add(buf, len, used, mp->mdev->name);
	default:
		return -ENOTDIR;
	}
}

static long mdev_sysfs_list(const char *path, char *buf, size_t len,
			    size_t *used)
{
	struct mdev_path mp;
	long ret;

	mutex_lock(&mdev_lock);
	ret = resolve(path, &mp);
	if (!ret)
		ret = list_node(&mp, buf, len, used);
	mutex_unlock(&mdev_lock);
	return ret;
}

/* a css device's directory: its types and mdevs */
static int mdev_sysfs_list_dev(const char *devname, char *buf, size_t len,
			       size_t *used)
{
	struct mdev_parent *parent;
	struct mdev_device *mdev;
	int ret = 0;

	mutex_lock(&mdev_lock);
	list_for_each_entry(parent, &mdev_parents, next) {
		if (strcmp(dev_name(parent->dev), devname))
			continue;
		ret = um_sysfs_add(buf, len, used, "mdev_supported_types");
		list_for_each_entry(mdev, &mdev_list, next)
			if (!ret && mdev->type->parent == parent)
				ret = um_sysfs_add(buf, len, used, mdev->name);
	}
	mutex_unlock(&mdev_lock);
	return ret;
}

/* ----------------------------------------------------- attribute files */

static ssize_t type_show(struct mdev_path *mp, char *buf, size_t len)
{
	struct mdev_driver *drv = mp->parent->mdev_driver;
	unsigned int n;

	if (!strcmp(mp->attr, "available_instances")) {
		n = drv->get_available ? drv->get_available(mp->type) :
		    atomic_read(&mp->parent->available_instances);
		return scnprintf(buf, len, "%u\n", n);
	}
	if (!strcmp(mp->attr, "name"))
		return scnprintf(buf, len, "%s\n", mp->type->pretty_name);
	if (!strcmp(mp->attr, "device_api"))
		return scnprintf(buf, len, "%s\n", drv->device_api);
	if (!strcmp(mp->attr, "description") && len >= PAGE_SIZE)
		return drv->show_description(mp->type, buf);
	return -EACCES;
}

static long mdev_sysfs_show(const char *path, char *buf, size_t len)
{
	struct mdev_path mp;
	long ret;

	mutex_lock(&mdev_lock);
	ret = resolve(path, &mp);
	if (!ret)
		ret = mp.node == N_TYPE_ATTR ? type_show(&mp, buf, len) :
		      -EACCES;
	mutex_unlock(&mdev_lock);
	return ret;
}

/* "create": a UUID, optionally newline-terminated */
static ssize_t create_store(struct mdev_type *type, const char *buf,
			    size_t count)
{
	guid_t uuid;
	int ret;

	if (count < UUID_STRING_LEN || count > UUID_STRING_LEN + 1)
		return -EINVAL;
	ret = guid_parse(buf, &uuid);
	if (ret)
		return ret;
	ret = mdev_device_create(type, &uuid);
	return ret ? ret : count;
}

/* "remove": a number; non-zero removes the mdev */
static ssize_t remove_store(struct mdev_device *mdev, const char *buf,
			    size_t count)
{
	unsigned long long val;

	if (kstrtoull(buf, 0, &val) < 0)
		return -EINVAL;
	if (!val)
		return count;
	mutex_lock(&mdev_lock);
	if (!mdev->active) {		/* being created or removed */
		mutex_unlock(&mdev_lock);
		return -EAGAIN;
	}
	mdev->active = false;
	mutex_unlock(&mdev_lock);
	mdev_device_remove(mdev);
	return count;
}

static long mdev_sysfs_store(const char *path, const char *buf,
			     size_t count)
{
	struct mdev_parent *parent = NULL;
	struct mdev_path mp;
	long ret;

	mutex_lock(&mdev_lock);
	ret = resolve(path, &mp);
	if (!ret && !(mp.node == N_MDEV_ATTR ||
		      (mp.node == N_TYPE_ATTR && !strcmp(mp.attr, "create"))))
		ret = -EACCES;
	if (!ret) {
		parent = mp.mdev ? mp.mdev->type->parent : mp.parent;
		if (parent->unregistering)
			ret = -ENODEV;
		else
			parent->busy++;	/* keeps parent, type and mdev */
	}
	mutex_unlock(&mdev_lock);
	if (ret)
		return ret;
	if (mp.node == N_TYPE_ATTR)
		ret = create_store(mp.type, buf, count);
	else
		ret = remove_store(mp.mdev, buf, count);
	parent_idle(parent);
	return ret;
}

static const struct um_sysfs_part mdev_sysfs = {
	.stat = mdev_sysfs_stat,
	.link = mdev_sysfs_link,
	.list = mdev_sysfs_list,
	.show = mdev_sysfs_show,
	.store = mdev_sysfs_store,
	.list_dev = mdev_sysfs_list_dev,
};

static int __init mdev_init(void)
{
	um_sysfs_set_ext(&mdev_sysfs);
	return 0;
}
core_initcall(mdev_init);

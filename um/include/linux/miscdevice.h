/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Character devices by path: open("/dev/" + (nodename ?: name)) creates
 * a struct file with the device's fops (um/kernel/chrdev.c).
 */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/fs.h>

#define MISC_DYNAMIC_MINOR	255
#define KVM_MINOR		232
#define VFIO_MINOR		196

struct device;

struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;	/* in the registry, under its lock */
	struct device *parent;
	struct device *this_device;
	const char *nodename;
	umode_t mode;
};

int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);

#endif /* _LINUX_MISCDEVICE_H */

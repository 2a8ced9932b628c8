// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/bus/css as 6.1 shows it, for the subchannels on the host's css
 * bus: devices/0.0.XXXX/{type,dev_busid,pimpampom,chpids,
 * driver_override,driver}, drivers/<name>/{bind,unbind,0.0.XXXX} and
 * drivers_probe.  Attribute files are opened through the syscall layer
 * like /dev nodes (um_sysfs_open); stat, readlink and directory listing
 * come through um/cio/sysfs_wrap.c.  Contents are made at read time from
 * the live state; writes act at once, with 6.1's errnos.
 *
 * The css bus is one part of sysfs (struct um_sysfs_part); the mdev
 * core's is another, asked first.  The file plumbing is here, once for
 * every part: which part serves a path, the access checks at open, read
 * offsets, the one store at offset 0, user copies, readlink's copy.  A
 * file keeps its path and its part and asks the part again at each read
 * and write, so a file whose object is gone answers -ENODEV.
 *
 * One simplification: a subchannel's directory is listed directly under
 * devices/ (6.1 links it to /sys/devices/css0/); its driver link's
 * target is written relative to that place.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <um/syscall.h>

#include "css.h"
#include "ioasm.h"
#include "sysfs.h"
#include "um_cio.h"

enum attr {
	A_TYPE,
	A_DEV_BUSID,
	A_PIMPAMPOM,
	A_CHPIDS,
	A_DRIVER_OVERRIDE,
	A_BIND,
	A_UNBIND,
	A_DRIVERS_PROBE,
};

static const struct {
	const char *name;
	unsigned int mode;
} sch_attrs[] = {
	[A_TYPE] = { "type", 0444 },
	[A_DEV_BUSID] = { "dev_busid", 0444 },
	[A_PIMPAMPOM] = { "pimpampom", 0444 },
	[A_CHPIDS] = { "chpids", 0444 },
	[A_DRIVER_OVERRIDE] = { "driver_override", 0644 },
};

struct sysfs_node {
	int type;
	unsigned int mode;
	enum attr attr;
	struct subchannel *sch;		/* devices/0.0.XXXX[/...] */
	char driver[64];		/* drivers/<name>[/...] */
};

static struct subchannel *sch_by_name(const char *name, size_t len)
{
	int i, n = um_cio_nr_sch();

	for (i = 0; i < n; i++) {
		struct subchannel *sch = um_cio_sch(i);

		if (strlen(dev_name(&sch->dev)) == len &&
		    !strncmp(dev_name(&sch->dev), name, len))
			return sch;
	}
	return NULL;
}

/* the bound driver's name, or "" (the css mutex is not needed: a read) */
static void driver_of(struct subchannel *sch, char *buf, size_t len)
{
	struct css_driver *drv = READ_ONCE(sch->driver);

	strscpy(buf, drv ? drv->drv.name : "", len);
}

size_t um_sysfs_comp(const char **p, char *c, size_t len)
{
	size_t n;

	while (**p == '/')
		(*p)++;
	n = strcspn(*p, "/");
	/* a longer one is cut short, and its length tells */
	strscpy(c, *p, min(n + 1, len));
	*p += n;
	return n;
}

static long resolve(const char *path, struct sysfs_node *node)
{
	size_t n, len = strlen(UM_SYSFS_ROOT);
	const char *p;
	char c[64];
	int i;

	if (strncmp(path, UM_SYSFS_ROOT, len) ||
	    (path[len] && path[len] != '/'))
		return UM_VFS_NOT_ROUTED;
	memset(node, 0, sizeof(*node));
	p = path + len;
	node->type = UM_SYSFS_DIR;
	node->mode = 0755;
	n = um_sysfs_comp(&p, c, sizeof(c));
	if (!n)
		return 0;				/* the bus */
	if (!strcmp(c, "drivers_probe")) {
		node->type = UM_SYSFS_FILE;
		node->mode = 0200;
		node->attr = A_DRIVERS_PROBE;
		goto leaf;
	}
	if (!strcmp(c, "devices")) {
		n = um_sysfs_comp(&p, c, sizeof(c));
		if (!n)
			return 0;
		node->sch = sch_by_name(c, n);
		if (!node->sch)
			return -ENOENT;
		n = um_sysfs_comp(&p, c, sizeof(c));
		if (!n)
			return 0;
		if (!strcmp(c, "driver")) {
			char drv[64];

			driver_of(node->sch, drv, sizeof(drv));
			if (!drv[0])
				return -ENOENT;
			node->type = UM_SYSFS_LINK;
			node->mode = 0777;
			goto leaf;
		}
		for (i = 0; i < ARRAY_SIZE(sch_attrs); i++) {
			if (!strcmp(c, sch_attrs[i].name)) {
				node->type = UM_SYSFS_FILE;
				node->mode = sch_attrs[i].mode;
				node->attr = i;
				goto leaf;
			}
		}
		return -ENOENT;
	}
	if (!strcmp(c, "drivers")) {
		n = um_sysfs_comp(&p, c, sizeof(c));
		if (!n)
			return 0;
		if (n >= sizeof(node->driver))
			return -ENOENT;
		strscpy(node->driver, c, sizeof(node->driver));
		if (!um_css_driver_exists(node->driver))
			return -ENOENT;
		n = um_sysfs_comp(&p, c, sizeof(c));
		if (!n)
			return 0;
		if (!strcmp(c, "bind") || !strcmp(c, "unbind")) {
			node->type = UM_SYSFS_FILE;
			node->mode = 0200;
			node->attr = !strcmp(c, "bind") ? A_BIND : A_UNBIND;
			goto leaf;
		}
		node->sch = sch_by_name(c, n);
		if (node->sch) {
			char drv[64];

			driver_of(node->sch, drv, sizeof(drv));
			if (!strcmp(drv, node->driver)) {
				node->type = UM_SYSFS_LINK;
				node->mode = 0777;
				goto leaf;
			}
		}
		return -ENOENT;
	}
	return -ENOENT;
leaf:
	/* nothing may follow a file or a link we do not traverse */
	if (!um_sysfs_comp(&p, c, sizeof(c)))
		return 0;
	return node->type == UM_SYSFS_LINK ? -ENOENT : -ENOTDIR;
}

static long css_stat(const char *path, int *type, unsigned int *mode)
{
	struct sysfs_node node;
	long ret = resolve(path, &node);

	if (ret)
		return ret;
	*type = node.type;
	*mode = node.mode;
	return 0;
}

static long css_link(const char *path, char *buf, size_t len)
{
	struct sysfs_node node;
	char drv[64];
	long ret;

	ret = resolve(path, &node);
	if (ret)
		return ret;
	if (node.type != UM_SYSFS_LINK)
		return -EINVAL;
	if (node.driver[0]) {
		/* drivers/<name>/0.0.XXXX */
		snprintf(buf, len, "../../devices/%s",
			 dev_name(&node.sch->dev));
	} else {
		driver_of(node.sch, drv, sizeof(drv));
		snprintf(buf, len, "../../../../bus/css/drivers/%s", drv);
	}
	return 0;
}

/* set once at init, before the first routed syscall; read after */
static const struct um_sysfs_part *sysfs_ext;

void um_sysfs_set_ext(const struct um_sysfs_part *part)
{
	sysfs_ext = part;
}

int um_sysfs_add(char *buf, size_t len, size_t *used, const char *name)
{
	size_t n = strlen(name) + 1;

	if (*used + n > len)
		return -ERANGE;
	memcpy(buf + *used, name, n);
	*used += n;
	return 0;
}

static long css_list(const char *path, char *buf, size_t len, size_t *used)
{
	struct sysfs_node node;
	char drv[64];
	long ret;
	int i, n;

	ret = resolve(path, &node);
	if (ret)
		return ret;
	if (node.type != UM_SYSFS_DIR)
		return -ENOTDIR;
	path += strlen(UM_SYSFS_ROOT);
	if (!*path || !strcmp(path, "/")) {
		ret = um_sysfs_add(buf, len, used, "devices") ?:
		      um_sysfs_add(buf, len, used, "drivers") ?:
		      um_sysfs_add(buf, len, used, "drivers_probe");
	} else if (node.sch) {
		for (i = 0; i < ARRAY_SIZE(sch_attrs) && !ret; i++)
			ret = um_sysfs_add(buf, len, used,
						sch_attrs[i].name);
		driver_of(node.sch, drv, sizeof(drv));
		if (!ret && drv[0])
			ret = um_sysfs_add(buf, len, used, "driver");
		if (!ret && sysfs_ext && sysfs_ext->list_dev)
			ret = sysfs_ext->list_dev(dev_name(&node.sch->dev),
						  buf, len, used);
	} else if (node.driver[0]) {
		ret = um_sysfs_add(buf, len, used, "bind") ?:
		      um_sysfs_add(buf, len, used, "unbind");
		n = um_cio_nr_sch();
		for (i = 0; i < n && !ret; i++) {
			struct subchannel *sch = um_cio_sch(i);

			driver_of(sch, drv, sizeof(drv));
			if (!strcmp(drv, node.driver))
				ret = um_sysfs_add(buf, len, used,
							dev_name(&sch->dev));
		}
	} else if (strstr(path, "devices")) {
		n = um_cio_nr_sch();
		for (i = 0; i < n && !ret; i++)
			ret = um_sysfs_add(buf, len, used,
						dev_name(&um_cio_sch(i)->dev));
	} else {
		ret = um_css_driver_names(buf, len, used);
	}
	return ret;
}

/* ---------------------------------------------------- attribute files */

static long css_show(const char *path, char *buf, size_t len)
{
	struct sysfs_node node;
	struct schib schib;
	struct pmcw *p = &schib.pmcw;
	struct subchannel *sch;
	long n = resolve(path, &node);	/* 0 on, for A_CHPIDS */
	int i;

	if (n)
		return n;
	sch = node.sch;
	if (sch && stsch(sch->schid, &schib))
		return -ENODEV;
	switch (node.attr) {
	case A_TYPE:
		return scnprintf(buf, len, "%01x\n", sch->st);
	case A_DEV_BUSID:
		if (!p->dnv)
			return scnprintf(buf, len, "none\n");
		return scnprintf(buf, len, "0.%x.%04x\n", sch->schid.ssid,
				 p->dev);
	case A_PIMPAMPOM:
		return scnprintf(buf, len, "%02x %02x %02x\n", p->pim, p->pam,
				 p->pom);
	case A_CHPIDS:
		for (i = 0; i < 8; i++)
			n += scnprintf(buf + n, len - n, "%02x%s",
				       (p->pim & (0x80 >> i)) ? p->chpid[i] : 0,
				       i < 7 ? " " : "\n");
		return n;
	case A_DRIVER_OVERRIDE:
		device_lock(&sch->dev);
		n = scnprintf(buf, len, "%s\n", sch->driver_override ?:
			      "(null)");
		device_unlock(&sch->dev);
		return n;
	default:
		return -EACCES;
	}
}

static long css_store(const char *path, const char *buf, size_t count)
{
	struct sysfs_node node;
	struct subchannel *sch;
	size_t n = count;
	char drv[64];
	long ret;

	ret = resolve(path, &node);
	if (ret)
		return ret;
	if (node.attr == A_DRIVER_OVERRIDE) {
		ret = driver_set_override(&node.sch->dev,
					  &node.sch->driver_override, buf,
					  count);
		return ret ? ret : count;
	}
	/* bind, unbind, drivers_probe: a subchannel's name */
	if (n && buf[n - 1] == '\n')
		n--;
	sch = sch_by_name(buf, n);
	if (!sch)
		return -ENODEV;
	switch (node.attr) {
	case A_BIND:
		driver_of(sch, drv, sizeof(drv));
		if (drv[0])
			return -ENODEV;
		ret = um_css_bind(sch, node.driver);
		return ret ? ret : count;
	case A_UNBIND:
		driver_of(sch, drv, sizeof(drv));
		if (strcmp(drv, node.driver))
			return -ENODEV;
		ret = um_css_unbind(sch);
		return ret ? ret : count;
	case A_DRIVERS_PROBE:
		ret = um_css_probe(sch);
		return ret < 0 && ret != -ENODEV ? -EINVAL : count;
	default:
		return -EACCES;
	}
}

static const struct um_sysfs_part css_part = {
	.stat = css_stat,
	.link = css_link,
	.list = css_list,
	.show = css_show,
	.store = css_store,
};

/* ------------------------------------------- every part: the dispatch */

/* the part serving @path (NULL: none), and its stat's answer */
static const struct um_sysfs_part *part_of(const char *path, int *type,
					   unsigned int *mode, long *ret)
{
	const struct um_sysfs_part *parts[] = { sysfs_ext, &css_part };
	int i;

	*ret = UM_VFS_NOT_ROUTED;
	for (i = 0; i < ARRAY_SIZE(parts); i++) {
		if (!parts[i])
			continue;
		*ret = parts[i]->stat(path, type, mode);
		if (*ret != UM_VFS_NOT_ROUTED)
			return parts[i];
	}
	return NULL;
}

long um_sysfs_stat(const char *path, int *type, unsigned int *mode)
{
	long ret;

	part_of(path, type, mode, &ret);
	return ret;
}

long um_sysfs_readlink(const char *path, char *buf, size_t len)
{
	const struct um_sysfs_part *part;
	char target[160];
	unsigned int mode;
	int type;
	long ret;
	size_t n;

	part = part_of(path, &type, &mode, &ret);
	if (!ret)
		ret = part->link(path, target, sizeof(target));
	if (ret == UM_VFS_NOT_ROUTED)	/* gone since the stat */
		ret = -ENOENT;
	if (ret)
		return ret;
	n = min(strlen(target), len);
	memcpy(buf, target, n);
	return n;
}

long um_sysfs_list(const char *path, char *buf, size_t len)
{
	const struct um_sysfs_part *part;
	unsigned int mode;
	size_t used = 0;
	int type;
	long ret;

	part = part_of(path, &type, &mode, &ret);
	if (!ret)
		ret = part->list(path, buf, len, &used);
	if (ret == UM_VFS_NOT_ROUTED)
		ret = -ENOENT;
	return ret ? ret : (long)used;
}

/* an open attribute file (or directory, or link): who serves it */
struct sysfs_file {
	const struct um_sysfs_part *part;
	int type;
	unsigned int mode;
	char path[];
};

static ssize_t attr_read(struct file *file, char __user *ubuf, size_t count,
			 loff_t *ppos)
{
	struct sysfs_file *f = file->private_data;
	ssize_t len;
	char *buf;

	if (f->type != UM_SYSFS_FILE)
		return -EISDIR;
	if (!(f->mode & 0444))
		return -EACCES;
	buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* made now from the live state, as sysfs does */
	len = f->part->show(f->path, buf, PAGE_SIZE);
	if (len == UM_VFS_NOT_ROUTED)	/* removed since the open */
		len = -ENODEV;
	if (len > 0 && *ppos < len) {
		count = min_t(size_t, count, len - *ppos);
		len = copy_to_user(ubuf, buf + *ppos, count) ? -EFAULT : count;
		if (len > 0)
			*ppos += len;
	} else if (len > 0) {
		len = 0;
	}
	kfree(buf);
	return len;
}

static ssize_t attr_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	struct sysfs_file *f = file->private_data;
	char buf[256];
	long ret;

	if (f->type != UM_SYSFS_FILE)
		return -EISDIR;
	if (!(f->mode & 0222))
		return -EACCES;
	if (*ppos)		/* sysfs takes a store at offset 0 only */
		return -EINVAL;
	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = 0;
	ret = f->part->store(f->path, buf, count);
	return ret == UM_VFS_NOT_ROUTED ? -ENODEV : ret;
}

static int attr_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations attr_fops = {
	.read = attr_read,
	.write = attr_write,
	.release = attr_release,
};

long um_sysfs_open(const char *path, int flags)
{
	const struct um_sysfs_part *part;
	struct sysfs_file *f;
	struct file *file;
	int fd, acc = flags & O_ACCMODE;
	unsigned int mode;
	int type;
	long ret;

	part = part_of(path, &type, &mode, &ret);
	if (ret)
		return ret;
	if (type == UM_SYSFS_DIR && acc != O_RDONLY)
		return -EISDIR;
	if (type == UM_SYSFS_FILE &&
	    (((acc == O_RDONLY || acc == O_RDWR) && !(mode & 0444)) ||
	     ((acc == O_WRONLY || acc == O_RDWR) && !(mode & 0222))))
		return -EACCES;
	f = kzalloc(sizeof(*f) + strlen(path) + 1, GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->part = part;
	f->type = type;
	f->mode = mode;
	strcpy(f->path, path);
	/* a directory or a link: open it as a plain file */
	file = um_alloc_file(path, &attr_fops, f, flags);
	if (IS_ERR(file)) {
		kfree(f);
		return PTR_ERR(file);
	}
	fd = um_install_file(file);
	if (fd < 0)
		fput(file);
	return fd;
}

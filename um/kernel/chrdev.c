// SPDX-License-Identifier: GPL-2.0
/*
 * Character devices by path and the few /proc files the host serves.
 *
 * misc_register() makes "/dev/" + (nodename ?: name) openable: open()
 * creates a struct file with the device's fops, points private_data at
 * the miscdevice (as misc_open does) and calls ->open.
 *
 * /proc/thread-self/fail-nth (and /proc/self/task/<tid>/fail-nth) is the
 * kernel's fault-injection interface: write N and the Nth allocation of
 * that thread fails; read gives what is left (0 once it fired).  The
 * host's counter (um/include/um/fault.h) can only be armed by its own
 * thread, so another thread's file gives EPERM on read and write.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <um/fault.h>
#include <um/syscall.h>

#include "../cio/sysfs.h"

static LIST_HEAD(misc_list);
static DEFINE_MUTEX(misc_mtx);	/* protects misc_list */

static const char *misc_node(const struct miscdevice *misc)
{
	return misc->nodename ? misc->nodename : misc->name;
}

static struct miscdevice *misc_find_locked(const char *node)
{
	struct miscdevice *c;

	list_for_each_entry(c, &misc_list, list)
		if (!strcmp(misc_node(c), node))
			return c;
	return NULL;
}

int misc_register(struct miscdevice *misc)
{
	int err = 0;

	if (!misc->name || !misc->fops)
		return -EINVAL;
	mutex_lock(&misc_mtx);
	if (misc_find_locked(misc_node(misc)))
		err = -EBUSY;
	else
		list_add_tail(&misc->list, &misc_list);
	mutex_unlock(&misc_mtx);
	return err;
}

void misc_deregister(struct miscdevice *misc)
{
	mutex_lock(&misc_mtx);
	list_del_init(&misc->list);
	mutex_unlock(&misc_mtx);
}

/*
 * Files already open keep working after misc_deregister (as in the
 * kernel, the driver must cope); only new opens fail.
 */
static long misc_open(struct miscdevice *misc, const char *path, int flags)
{
	const struct file_operations *fops = misc->fops;
	struct file *file;
	int err, fd;

	file = um_alloc_file(path, fops, misc, flags);
	if (IS_ERR(file))
		return PTR_ERR(file);
	if (fops->open) {
		err = fops->open(file->f_inode, file);
		if (err) {
			/* ->open failed: no ->release, as in the kernel */
			file->f_op = NULL;
			fput(file);
			return err;
		}
	}
	fd = um_install_file(file);
	if (fd < 0)
		fput(file);
	return fd;
}

long um_vfs_open(const char *path, int flags)
{
	struct miscdevice *misc;
	long ret;

	/* /sys/bus/css: the css bus stand-in's attribute files */
	if (!strncmp(path, "/sys/", 5))
		return um_sysfs_open(path, flags);
	if (strncmp(path, "/dev/", 5))
		return UM_VFS_NOT_ROUTED;
	mutex_lock(&misc_mtx);
	misc = misc_find_locked(path + 5);
	/*
	 * Opening under misc_mtx keeps the device registered until ->open
	 * is done, like the kernel's misc_open.
	 */
	ret = misc ? misc_open(misc, path, flags) : UM_VFS_NOT_ROUTED;
	mutex_unlock(&misc_mtx);
	return ret;
}

/* ---- fail-nth ---- */

struct fail_nth_file {
	int tid;		/* host thread whose allocations we count */
};

static ssize_t fail_nth_read(struct file *file, char __user *buf,
			     size_t count, loff_t *ppos)
{
	struct fail_nth_file *f = file->private_data;
	char tmp[24];
	size_t len;

	/* the counter is per thread: only its own thread can see it */
	if (f->tid != um_host_gettid())
		return -EPERM;
	len = scnprintf(tmp, sizeof(tmp), "%d", um_fail_nth_get());
	if (*ppos >= len)
		return 0;
	len -= *ppos;
	if (count > len)
		count = len;
	if (copy_to_user(buf, tmp + *ppos, count))
		return -EFAULT;
	*ppos += count;
	return count;
}

static ssize_t fail_nth_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	struct fail_nth_file *f = file->private_data;
	char tmp[24];
	int err, n;

	if (f->tid != um_host_gettid())
		return -EPERM;
	if (count >= sizeof(tmp))
		return -EINVAL;
	if (copy_from_user(tmp, buf, count))
		return -EFAULT;
	tmp[count] = '\0';
	err = kstrtoint(strim(tmp), 0, &n);
	if (err)
		return err;
	err = um_fail_nth_set(n);
	return err ? err : count;
}

static int fail_nth_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations fail_nth_fops = {
	.read = fail_nth_read,
	.write = fail_nth_write,
	.release = fail_nth_release,
};

long um_vfs_open_fail_nth(int tid, int flags)
{
	struct fail_nth_file *f;
	struct file *file;
	int fd;

	/* as a kernel built without CONFIG_FAULT_INJECTION: no such file */
	if (!IS_ENABLED(CONFIG_UM_FAULT_INJECTION))
		return -ENOENT;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->tid = tid;
	file = um_alloc_file("fail-nth", &fail_nth_fops, f, flags);
	if (IS_ERR(file)) {
		kfree(f);
		return PTR_ERR(file);
	}
	fd = um_install_file(file);
	if (fd < 0)
		fput(file);
	return fd;
}

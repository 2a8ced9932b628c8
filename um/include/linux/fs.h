/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VFS-lite: the parts of <linux/fs.h> drivers use (struct file, inode,
 * file_operations) plus the vma a driver's ->mmap sees.  Implemented by
 * um/kernel/file.c; programs reach it through um/kernel/syscall.c.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <asm/page.h>

struct file;
struct inode;
struct poll_table_struct;
struct vm_area_struct;
struct module;

typedef unsigned int fmode_t;

#define FMODE_READ		((__force fmode_t)0x1)
#define FMODE_WRITE		((__force fmode_t)0x2)
#define FMODE_LSEEK		((__force fmode_t)0x4)
#define FMODE_PREAD		((__force fmode_t)0x8)
#define FMODE_PWRITE		((__force fmode_t)0x10)

/* The inode of the user-mode host only identifies the object. */
struct inode {
	umode_t i_mode;
	dev_t i_rdev;
	void *i_private;
};

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t,
			 loff_t *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
};

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	atomic_long_t f_count;	/* fd + in-flight syscalls + mmaps */
	unsigned int f_flags;	/* O_* given to open */
	fmode_t f_mode;		/* FMODE_* */
	struct mutex f_pos_lock;	/* serializes read/write on f_pos */
	loff_t f_pos;
	void *private_data;	/* the driver's */
	const char *f_name;	/* anon-inode name or device path, for logs */
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

/* vm_flags (values as <linux/mm.h>) */
#ifndef VM_READ
#define VM_NONE		0x00000000
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#endif

/*
 * What ->mmap sees.  User and kernel share one address space: the driver
 * sets vm_private_data to the (page-aligned) kernel memory to expose and
 * the mmap syscall returns exactly that address, so vm_start is known
 * only afterwards; vm_end - vm_start is the requested length.
 */
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	unsigned long vm_pgoff;	/* offset in PAGE_SIZE units */
	unsigned long vm_flags;	/* VM_* */
	struct file *vm_file;
	void *vm_private_data;
};

static inline unsigned long vma_pages(struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t no_llseek(struct file *file, loff_t offset, int whence);
int nonseekable_open(struct inode *inode, struct file *filp);

#endif /* _LINUX_FS_H */

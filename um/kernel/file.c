// SPDX-License-Identifier: GPL-2.0
/*
 * VFS-lite of the user-mode host: struct file life cycle, the table of
 * routed descriptors, anonymous-inode files and routed mappings.
 *
 * A routed descriptor is a real host descriptor (O_PATH, see
 * um_host_reserve_fd()) that the host reserved through the real
 * syscalls, so libc can never hand out the same number.  The table maps
 * that number to a struct file.  Every routed syscall takes a file
 * reference for its duration (fget/fput), every routed mmap holds one
 * until munmap, and every descriptor holds one until close (dup() and
 * friends make more descriptors of one file, as in fs/file.c);
 * ->release runs when the last of them goes.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/anon_inodes.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <um/syscall.h>

/*
 * fd -> struct file.  A slot is NULL (free), UM_FD_RESERVED (number taken
 * by get_unused_fd_flags, file not yet installed) or a file.  Protected by
 * fdtable_lock; the array only grows.
 */
#define UM_FD_RESERVED	((struct file *)1UL)

static DEFINE_SPINLOCK(fdtable_lock);	/* protects fdtable, fdtable_size */
static struct file **fdtable;
static unsigned int fdtable_size;

/* One routed mmap: the kernel memory a driver exposed, and its file. */
struct um_mapping {
	struct list_head node;		/* in um_mappings */
	unsigned long start;
	unsigned long len;
	struct file *file;		/* holds a reference */
};

static DEFINE_SPINLOCK(mappings_lock);	/* protects um_mappings */
static LIST_HEAD(um_mappings);

/* ---- struct file ---- */

static void __fput(struct file *file)
{
	if (file->f_op && file->f_op->release)
		file->f_op->release(file->f_inode, file);
	kfree(file->f_inode);
	kfree(file->f_name);
	kfree(file);
}

void fput(struct file *file)
{
	if (atomic_long_dec_and_test(&file->f_count))
		__fput(file);
}

static fmode_t flags_to_mode(unsigned int flags)
{
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		return FMODE_READ;
	case O_WRONLY:
		return FMODE_WRITE;
	default:
		return FMODE_READ | FMODE_WRITE;
	}
}

/*
 * A new file with one reference and its own inode, not yet on a
 * descriptor.  Used for anon-inode files and opened devices.
 */
struct file *um_alloc_file(const char *name,
			   const struct file_operations *fops,
			   void *priv, int flags)
{
	struct file *file;

	file = kzalloc(sizeof(*file), GFP_KERNEL);
	if (!file)
		return ERR_PTR(-ENOMEM);
	file->f_inode = kzalloc(sizeof(*file->f_inode), GFP_KERNEL);
	file->f_name = kstrdup(name, GFP_KERNEL);
	if (!file->f_inode || !file->f_name) {
		kfree(file->f_inode);
		kfree(file->f_name);
		kfree(file);
		return ERR_PTR(-ENOMEM);
	}
	atomic_long_set(&file->f_count, 1);
	mutex_init(&file->f_pos_lock);
	file->f_op = fops;
	file->f_flags = flags;
	file->f_mode = flags_to_mode(flags) | FMODE_LSEEK | FMODE_PREAD |
		       FMODE_PWRITE;
	file->private_data = priv;
	return file;
}

struct file *anon_inode_getfile(const char *name,
				const struct file_operations *fops,
				void *priv, int flags)
{
	struct file *file = um_alloc_file(name, fops, priv, flags);

	/*
	 * A pseudo file is not opened through a path, so it does not get the
	 * positional-I/O modes an opened device gets: pread/pwrite on it
	 * fail with ESPIPE unless its creator grants them (the stats fds
	 * set FMODE_PREAD).
	 */
	if (!IS_ERR(file))
		file->f_mode &= ~(FMODE_PREAD | FMODE_PWRITE);
	return file;
}

/* ---- descriptor table ---- */

/* Make the table cover @fd; called without the lock. */
static int fdtable_expand(unsigned int fd)
{
	unsigned int new_size = max(64U, fdtable_size);
	struct file **new, **old = NULL;

	while (new_size <= fd)
		new_size *= 2;
	new = kcalloc(new_size, sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;

	spin_lock(&fdtable_lock);
	if (fdtable_size < new_size) {
		if (fdtable_size)
			memcpy(new, fdtable, fdtable_size * sizeof(*new));
		old = fdtable;
		fdtable = new;
		fdtable_size = new_size;
		new = NULL;
	}
	spin_unlock(&fdtable_lock);
	/*
	 * Lookups copy the pointer under the lock, so nobody can still be
	 * reading the old array.
	 */
	kfree(old);
	kfree(new);
	return 0;
}

static int reserve_fd(const char *name, unsigned int flags)
{
	int fd, err;

	fd = um_host_reserve_fd(name, flags);
	if (fd < 0)
		return fd;
	err = fdtable_expand(fd);
	if (err) {
		um_host_release_fd(fd);
		return err;
	}
	spin_lock(&fdtable_lock);
	/* the host just gave us this number: nobody else can have it */
	WARN_ON(fdtable[fd]);
	fdtable[fd] = UM_FD_RESERVED;
	spin_unlock(&fdtable_lock);
	return fd;
}

int get_unused_fd_flags(unsigned int flags)
{
	return reserve_fd("anon", flags);
}

void put_unused_fd(unsigned int fd)
{
	spin_lock(&fdtable_lock);
	WARN_ON(fd >= fdtable_size || fdtable[fd] != UM_FD_RESERVED);
	if (fd < fdtable_size)
		fdtable[fd] = NULL;
	spin_unlock(&fdtable_lock);
	um_host_release_fd(fd);
}

void fd_install(unsigned int fd, struct file *file)
{
	spin_lock(&fdtable_lock);
	WARN_ON(fd >= fdtable_size || fdtable[fd] != UM_FD_RESERVED);
	if (fd < fdtable_size)
		fdtable[fd] = file;
	spin_unlock(&fdtable_lock);
}

int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, int flags)
{
	struct file *file;
	int fd;

	fd = reserve_fd(name, flags);
	if (fd < 0)
		return fd;
	file = anon_inode_getfile(name, fops, priv, flags);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}

/* Install a freshly opened file on a new descriptor (chrdev open). */
int um_install_file(struct file *file)
{
	int fd;

	fd = reserve_fd(file->f_name, file->f_flags);
	if (fd < 0)
		return fd;
	fd_install(fd, file);
	return fd;
}

/*
 * The file on @fd, or NULL.  A number that is reserved but not yet
 * installed has no file either, but it is not the host's (see
 * um_vfs_close()).
 */
static struct file *lookup_locked(unsigned int fd)
{
	struct file *file;

	if (fd >= fdtable_size)
		return NULL;
	file = fdtable[fd];
	return file == UM_FD_RESERVED ? NULL : file;
}

struct file *fget(unsigned int fd)
{
	struct file *file;

	spin_lock(&fdtable_lock);
	file = lookup_locked(fd);
	if (file)
		get_file(file);
	spin_unlock(&fdtable_lock);
	return file;
}

int um_vfs_fd_is_routed(int fd)
{
	int routed;

	if (fd < 0)
		return 0;
	spin_lock(&fdtable_lock);
	routed = lookup_locked(fd) != NULL;
	spin_unlock(&fdtable_lock);
	return routed;
}

long um_vfs_close(int fd)
{
	struct file *file = NULL;

	if (fd < 0)
		return UM_VFS_NOT_ROUTED;
	spin_lock(&fdtable_lock);
	if (fd < fdtable_size && fdtable[fd] == UM_FD_RESERVED) {
		/*
		 * Another thread is between get_unused_fd_flags() and
		 * fd_install() on this number.  Like Linux, the close sees
		 * no file (EBADF) and must not give the reservation back to
		 * the host, or a later open() could get the number that the
		 * fd_install() then routes.
		 */
		spin_unlock(&fdtable_lock);
		return -EBADF;
	}
	file = lookup_locked(fd);
	if (file)
		fdtable[fd] = NULL;
	spin_unlock(&fdtable_lock);
	if (!file)
		return UM_VFS_NOT_ROUTED;
	/*
	 * The number goes back to the host now; the file lives on while a
	 * syscall or a mapping still holds it.
	 */
	um_host_release_fd(fd);
	fput(file);
	return 0;
}

/* ---- dup ---- */

long um_vfs_dupfd(int fd, int minfd, int cloexec)
{
	struct file *file;
	int newfd, err;

	file = fd < 0 ? NULL : fget(fd);
	if (!file)
		return UM_VFS_NOT_ROUTED;
	/* a dup of the O_PATH number: the lowest free one >= minfd */
	newfd = um_host_dupfd(fd, minfd, cloexec);
	if (newfd < 0) {
		fput(file);
		return newfd;
	}
	err = fdtable_expand(newfd);
	if (err) {
		um_host_release_fd(newfd);
		fput(file);
		return err;
	}
	spin_lock(&fdtable_lock);
	/* the host just gave us this number: nobody else can have it */
	WARN_ON(fdtable[newfd]);
	fdtable[newfd] = file;		/* fget's reference is the new fd's */
	spin_unlock(&fdtable_lock);
	return newfd;
}

/*
 * dup2/dup3 to a different number.  The host's dup3 puts the O_PATH
 * number (or the program's own file) on @newfd and closes what was
 * there; then the table follows: @newfd names @oldfd's file, or none,
 * and the file it named loses that reference.  A call on @newfd in
 * between finds the old file or fails with EBADF, as it may in Linux.
 */
long um_vfs_dup3(int oldfd, int newfd, int flags)
{
	struct file *file, *old;
	bool routed, reserved;
	int ret, err;

	if (newfd < 0)
		return UM_VFS_NOT_ROUTED;	/* the host says EBADF */
	file = oldfd >= 0 ? fget(oldfd) : NULL;
	spin_lock(&fdtable_lock);
	reserved = newfd < fdtable_size && fdtable[newfd] == UM_FD_RESERVED;
	routed = lookup_locked(newfd) != NULL;
	spin_unlock(&fdtable_lock);
	if (!file && !routed && !reserved)
		return UM_VFS_NOT_ROUTED;
	/* being opened by another thread: fs/file.c's do_dup2() */
	if (reserved) {
		if (file)
			fput(file);
		return -EBUSY;
	}
	ret = um_host_dup3(oldfd, newfd, flags);
	if (ret < 0) {
		if (file)
			fput(file);
		return ret;
	}
	if (file) {
		err = fdtable_expand(newfd);
		if (err) {
			/* newfd has no file now: give the number back */
			um_host_release_fd(newfd);
			fput(file);
			file = NULL;
			ret = err;
		}
	}
	spin_lock(&fdtable_lock);
	old = lookup_locked(newfd);
	if (newfd < fdtable_size && fdtable[newfd] != UM_FD_RESERVED)
		fdtable[newfd] = file;	/* fget's reference */
	else if (file)
		WARN_ON(1);		/* cannot happen: file implies expanded */
	spin_unlock(&fdtable_lock);
	if (old)
		fput(old);
	return ret;
}

/* ---- status flags (fs/fcntl.c) ---- */

/* what F_SETFL may change; O_DIRECT is refused (no direct I/O here) */
#define UM_SETFL_MASK	(O_APPEND | O_NONBLOCK | O_NOATIME)

long um_vfs_getfl(int fd)
{
	struct file *file;
	long flags;

	file = fd < 0 ? NULL : fget(fd);
	if (!file)
		return UM_VFS_NOT_ROUTED;
	/* O_CLOEXEC belongs to the descriptor (F_GETFD), not the file */
	flags = READ_ONCE(file->f_flags) & ~O_CLOEXEC;
	fput(file);
	return flags;
}

long um_vfs_setfl(int fd, int arg)
{
	struct file *file;

	file = fd < 0 ? NULL : fget(fd);
	if (!file)
		return UM_VFS_NOT_ROUTED;
	if (arg & O_DIRECT) {
		fput(file);
		return -EINVAL;
	}
	/* fs/fcntl.c's setfl() takes f_lock; f_pos_lock is ours */
	mutex_lock(&file->f_pos_lock);
	WRITE_ONCE(file->f_flags, (arg & UM_SETFL_MASK) |
				  (file->f_flags & ~UM_SETFL_MASK));
	mutex_unlock(&file->f_pos_lock);
	fput(file);
	return 0;
}

/* ---- fork ---- */

unsigned long um_mm_id;

/*
 * Hold the table and mapping locks across fork(), so the child's copies
 * are consistent and unlocked whatever the parent's other threads did.
 */
void um_vfs_fork_prepare(void)
{
	spin_lock(&fdtable_lock);
	spin_lock(&mappings_lock);
}

void um_vfs_fork_parent(void)
{
	spin_unlock(&mappings_lock);
	spin_unlock(&fdtable_lock);
}

/*
 * In the child: every reference the parent's descriptors and mappings
 * hold is one the child's copy never drops, so its close() and munmap()
 * only drop the child's own and no ->release runs here.  Files the
 * child opens itself are its own.
 */
void um_vfs_fork_child(void)
{
	struct um_mapping *map;
	struct file *file;
	unsigned int fd;

	for (fd = 0; fd < fdtable_size; fd++) {
		file = lookup_locked(fd);
		if (file)
			get_file(file);
	}
	list_for_each_entry(map, &um_mappings, node)
		get_file(map->file);
	/*
	 * Distinct from every ancestor's: what this copy holds was made
	 * here or by one of them.  (Siblings may share a value: they
	 * never see each other's objects.)
	 */
	um_mm_id++;
	spin_unlock(&mappings_lock);
	spin_unlock(&fdtable_lock);
}

/* ---- routed syscalls ---- */

long um_vfs_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *file;
	long ret = -ENOTTY;

	file = fd < 0 ? NULL : fget(fd);
	if (!file)
		return UM_VFS_NOT_ROUTED;
	if (file->f_op->unlocked_ioctl)
		ret = file->f_op->unlocked_ioctl(file, cmd, arg);
	fput(file);
	return ret;
}

static long do_rw(struct file *file, void *buf, size_t count,
		  const long long *pos, bool write)
{
	loff_t off;
	long ret;

	/* the order of ksys_pread64() + vfs_read(): offset, mode, access */
	if (pos && *pos < 0)
		return -EINVAL;
	if (pos && !(file->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)))
		return -ESPIPE;
	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (write ? !file->f_op->write : !file->f_op->read)
		return -EINVAL;
	if ((ssize_t)count < 0)
		return -EINVAL;

	if (pos) {
		off = *pos;
		if (write)
			return file->f_op->write(file, buf, count, &off);
		return file->f_op->read(file, buf, count, &off);
	}

	/* read()/write(): f_pos is shared by everyone using the file */
	mutex_lock(&file->f_pos_lock);
	off = file->f_pos;
	if (write)
		ret = file->f_op->write(file, buf, count, &off);
	else
		ret = file->f_op->read(file, buf, count, &off);
	if (ret >= 0)
		file->f_pos = off;
	mutex_unlock(&file->f_pos_lock);
	return ret;
}

long um_vfs_read(int fd, void *buf, size_t count, const long long *pos)
{
	struct file *file;
	long ret;

	file = fd < 0 ? NULL : fget(fd);
	if (!file)
		return UM_VFS_NOT_ROUTED;
	ret = do_rw(file, buf, count, pos, false);
	fput(file);
	return ret;
}

long um_vfs_write(int fd, const void *buf, size_t count,
		  const long long *pos)
{
	struct file *file;
	long ret;

	file = fd < 0 ? NULL : fget(fd);
	if (!file)
		return UM_VFS_NOT_ROUTED;
	ret = do_rw(file, (void *)buf, count, pos, true);
	fput(file);
	return ret;
}

static long do_mmap(struct file *file, size_t len, unsigned long vm_flags,
		    unsigned long pgoff, void **addr)
{
	struct vm_area_struct vma = {
		.vm_start = 0,
		.vm_end = PAGE_ALIGN(len),
		.vm_pgoff = pgoff,
		.vm_flags = vm_flags,
		.vm_file = file,
	};
	struct um_mapping *map;
	int ret;

	if (!file->f_op->mmap)
		return -ENODEV;
	if ((vm_flags & VM_SHARED) && (vm_flags & VM_WRITE) &&
	    !(file->f_mode & FMODE_WRITE))
		return -EACCES;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	ret = file->f_op->mmap(file, &vma);
	if (ret) {
		kfree(map);
		return ret;
	}
	if (WARN_ON(!vma.vm_private_data ||
		    !PAGE_ALIGNED(vma.vm_private_data))) {
		kfree(map);
		return -ENODEV;
	}
	map->start = (unsigned long)vma.vm_private_data;
	map->len = PAGE_ALIGN(len);
	map->file = get_file(file);
	spin_lock(&mappings_lock);
	list_add(&map->node, &um_mappings);
	spin_unlock(&mappings_lock);
	*addr = vma.vm_private_data;
	return 0;
}

long um_vfs_mmap(int fd, size_t len, unsigned long vm_flags,
		 unsigned long pgoff, void **addr)
{
	struct file *file;
	long ret;

	file = fd < 0 ? NULL : fget(fd);
	if (!file)
		return UM_VFS_NOT_ROUTED;
	ret = do_mmap(file, len, vm_flags, pgoff, addr);
	fput(file);
	return ret;
}

/*
 * munmap of routed memory.  The same driver page may be mapped several
 * times at the same address, so an exact match drops just one mapping
 * (one reference); otherwise every mapping overlapping the range goes
 * (they are dropped whole: the memory belongs to the driver, there is
 * nothing to split).  Not routed if nothing overlaps.
 */
long um_vfs_munmap(void *addr, size_t len)
{
	unsigned long start = (unsigned long)addr;
	unsigned long end = start + PAGE_ALIGN(len);
	struct um_mapping *map, *tmp, *exact = NULL;
	LIST_HEAD(dropped);

	if (!len || end < start)
		return UM_VFS_NOT_ROUTED;
	spin_lock(&mappings_lock);
	list_for_each_entry(map, &um_mappings, node) {
		if (map->start == start && map->len == end - start) {
			exact = map;
			break;
		}
	}
	if (exact) {
		list_move(&exact->node, &dropped);
	} else {
		list_for_each_entry_safe(map, tmp, &um_mappings, node) {
			if (map->start < end && start < map->start + map->len)
				list_move(&map->node, &dropped);
		}
	}
	spin_unlock(&mappings_lock);
	if (list_empty(&dropped))
		return UM_VFS_NOT_ROUTED;
	list_for_each_entry_safe(map, tmp, &dropped, node) {
		list_del(&map->node);
		fput(map->file);
		kfree(map);
	}
	return 0;
}

/* ---- small llseek helpers drivers name in their fops ---- */

loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos;
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

int nonseekable_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/bus/css through the syscall layer: open/read/write/close of the
 * attribute files, readlink and stat of the driver link, directory
 * listing, and binding with bind/unbind/drivers_probe/driver_override,
 * with 6.1's errnos.
 */
#include "kselftest_harness.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cio_util.h"

#define DEV(n, f)	"/sys/bus/css/devices/0.0.000" #n "/" f
#define DRV(f)		"/sys/bus/css/drivers/css_test/" f

static int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return n;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n < 0 ? -errno : (int)n;
}

/* the directory's names, space-separated, without . and .. */
static int list(const char *path, char *out, size_t len)
{
	struct dirent *de;
	DIR *d = opendir(path);

	if (!d)
		return -errno;
	out[0] = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		strncat(out, de->d_name, len - strlen(out) - 2);
		strcat(out, " ");
	}
	closedir(d);
	return 0;
}

TEST(attributes)
{
	char buf[256];

	ASSERT_EQ(0, t_machine(3, 0, 0, 1));
	ASSERT_LT(0, read_file(DEV(1, "type"), buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
	ASSERT_LT(0, read_file(DEV(1, "dev_busid"), buf, sizeof(buf)));
	EXPECT_STREQ("0.0.0101\n", buf);
	ASSERT_LT(0, read_file(DEV(1, "pimpampom"), buf, sizeof(buf)));
	EXPECT_STREQ("c0 c0 ff\n", buf);
	ASSERT_LT(0, read_file(DEV(1, "chpids"), buf, sizeof(buf)));
	EXPECT_STREQ("40 41 00 00 00 00 00 00\n", buf);
	ASSERT_LT(0, read_file(DEV(1, "driver_override"), buf, sizeof(buf)));
	EXPECT_STREQ("(null)\n", buf);
	/* a path that changes: the live state */
	ASSERT_EQ(0, um_css_vary_chpid(0x41, false));
	ASSERT_LT(0, read_file(DEV(1, "pimpampom"), buf, sizeof(buf)));
	EXPECT_STREQ("c0 80 ff\n", buf);
	/* errors */
	EXPECT_EQ(-ENOENT, read_file(DEV(1, "nosuch"), buf, sizeof(buf)));
	EXPECT_EQ(-ENOENT, read_file("/sys/bus/css/devices/0.0.0009/type",
				     buf, sizeof(buf)));
	EXPECT_EQ(-EACCES, write_file(DEV(1, "type"), "1"));
	EXPECT_EQ(-EACCES, read_file(DRV("bind"), buf, sizeof(buf)));
	EXPECT_EQ(-ENOTDIR, read_file(DEV(1, "type/x"), buf, sizeof(buf)));
	/* the host's real /sys is untouched */
	EXPECT_LT(0, read_file("/sys/devices/system/cpu/online", buf,
			       sizeof(buf)));
}

TEST(listing_stat_readlink)
{
	char buf[512];
	struct stat st;
	ssize_t n;

	ASSERT_EQ(0, t_machine(3, 0, 0, 1));
	ASSERT_EQ(0, list("/sys/bus/css/devices", buf, sizeof(buf)));
	EXPECT_STREQ("0.0.0000 0.0.0001 0.0.0002 ", buf);
	ASSERT_EQ(0, list("/sys/bus/css", buf, sizeof(buf)));
	EXPECT_STREQ("devices drivers drivers_probe ", buf);
	ASSERT_EQ(0, list("/sys/bus/css/drivers/", buf, sizeof(buf)));
	/* vfio_ccw registers at start-up, before the test's driver */
	EXPECT_STREQ(IS_ENABLED(CONFIG_VFIO_CCW) ? "vfio_ccw css_test " :
		     "css_test ", buf);
	ASSERT_EQ(0, list(DRV(""), buf, sizeof(buf)));
	EXPECT_STREQ("bind unbind 0.0.0000 0.0.0001 0.0.0002 ", buf);
	ASSERT_EQ(0, list(DEV(2, ""), buf, sizeof(buf)));
	EXPECT_STREQ("type dev_busid pimpampom chpids driver_override driver ",
		     buf);
	EXPECT_EQ(-ENOENT, list("/sys/bus/css/devices/0.0.0007", buf,
				sizeof(buf)));
	EXPECT_EQ(-ENOTDIR, list(DEV(2, "type"), buf, sizeof(buf)));
	/* the driver link */
	n = readlink(DEV(2, "driver"), buf, sizeof(buf));
	ASSERT_LT(0, n);
	buf[n] = 0;
	EXPECT_STREQ("../../../../bus/css/drivers/css_test", buf);
	ASSERT_EQ(0, lstat(DEV(2, "driver"), &st));
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	ASSERT_EQ(0, stat(DEV(2, "driver"), &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	ASSERT_EQ(0, stat(DEV(2, "driver_override"), &st));
	EXPECT_TRUE(S_ISREG(st.st_mode));
	EXPECT_EQ(0644, st.st_mode & 0777);
	ASSERT_EQ(0, stat(DRV("bind"), &st));
	EXPECT_EQ(0200, st.st_mode & 0777);
	EXPECT_EQ(-1, readlink(DEV(2, "type"), buf, sizeof(buf)));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, stat("/sys/bus/css/devices/0.0.0003", &st));
	EXPECT_EQ(ENOENT, errno);
	/* real paths still work */
	EXPECT_EQ(0, stat("/sys/devices", &st));
	EXPECT_LT(0, readlink("/proc/self/exe", buf, sizeof(buf)));
}

TEST(bind_unbind_probe_override)
{
	struct subchannel *sch;
	char buf[256];

	ASSERT_EQ(0, t_machine(2, 0, 0, 1));
	sch = um_cio_sch(1);
	EXPECT_EQ(9, write_file(DRV("unbind"), "0.0.0001\n"));
	EXPECT_EQ(NULL, sch->driver);
	EXPECT_EQ(-ENOENT, readlink(DEV(1, "driver"), buf, sizeof(buf)) < 0 ?
		  -errno : 0);
	EXPECT_EQ(-ENODEV, write_file(DRV("unbind"), "0.0.0001\n"));
	EXPECT_EQ(-ENODEV, write_file(DRV("bind"), "0.0.0009\n"));
	EXPECT_EQ(9, write_file(DRV("bind"), "0.0.0001\n"));
	EXPECT_EQ(&t_driver, sch->driver);
	EXPECT_EQ(-ENODEV, write_file(DRV("bind"), "0.0.0001\n"));
	/* driver_override naming another driver keeps css_test away */
	EXPECT_EQ(8, write_file(DRV("unbind"), "0.0.0001"));
	EXPECT_EQ(9, write_file(DEV(1, "driver_override"), "vfio_ccw\n"));
	ASSERT_LT(0, read_file(DEV(1, "driver_override"), buf, sizeof(buf)));
	EXPECT_STREQ("vfio_ccw\n", buf);
	EXPECT_EQ(-ENODEV, write_file(DRV("bind"), "0.0.0001"));
	EXPECT_EQ(8, write_file("/sys/bus/css/drivers_probe", "0.0.0001"));
	/* the driver it names takes it, if there is one */
	if (IS_ENABLED(CONFIG_VFIO_CCW)) {
		ASSERT_NE(NULL, sch->driver);
		EXPECT_STREQ("vfio_ccw", sch->driver->drv.name);
		EXPECT_EQ(8, write_file("/sys/bus/css/drivers/vfio_ccw/unbind",
					"0.0.0001"));
	}
	EXPECT_EQ(NULL, sch->driver);
	/* cleared: drivers_probe finds the first driver registered */
	EXPECT_EQ(1, write_file(DEV(1, "driver_override"), "\n"));
	ASSERT_LT(0, read_file(DEV(1, "driver_override"), buf, sizeof(buf)));
	EXPECT_STREQ("(null)\n", buf);
	EXPECT_EQ(8, write_file("/sys/bus/css/drivers_probe", "0.0.0001"));
	ASSERT_NE(NULL, sch->driver);
	EXPECT_STREQ(IS_ENABLED(CONFIG_VFIO_CCW) ? "vfio_ccw" : "css_test",
		     sch->driver->drv.name);
	EXPECT_EQ(-ENODEV, write_file("/sys/bus/css/drivers_probe", "zz"));
}

TEST_HARNESS_MAIN

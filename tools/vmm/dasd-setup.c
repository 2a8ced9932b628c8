// SPDX-License-Identifier: GPL-2.0
/*
 * --dasd IMAGE: what an administrator does on an s390 host before
 * starting QEMU with a passthrough DASD.  Here the host kernel lives in
 * this process (the user-mode host), configured from the machine file
 * S390UM_MACHINE names before its first use, so the VMM writes that file
 * (one 3390 per image behind channel path 40), then, through the host's
 * sysfs: sets each subchannel's driver_override to vfio_ccw, binds it,
 * and creates its mdev (type vfio_ccw-io) under a fresh UUID.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "vmm.h"

#define CKD_HDR		512

/* a plain Hercules CKD image of a 3390, or a reason why not */
int dasd_check_image(const char *path, char *err, size_t errlen)
{
	uint8_t h[CKD_HDR];
	struct stat st;
	uint32_t trksize;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || pread(fd, h, sizeof(h), 0) != sizeof(h)) {
		snprintf(err, errlen, "%s: too short for a CKD image (%lld bytes)",
			 path, (long long)st.st_size);
		close(fd);
		return -1;
	}
	close(fd);
	if (!memcmp(h, "CKD_C370", 8) || !memcmp(h, "CKD_S370", 8)) {
		snprintf(err, errlen,
			 "%s: compressed (CCKD) images are not supported; make a plain one with 'dasdinit -linux FILE 3390 VOL001 CYLS' (no -z) or convert it with cckd2ckd",
			 path);
		return -1;
	}
	if (memcmp(h, "CKD_P370", 8)) {
		snprintf(err, errlen,
			 "%s: not a CKD DASD image (no CKD_P370 header); make one with 'dasdinit -linux FILE 3390 VOL001 CYLS'",
			 path);
		return -1;
	}
	trksize = h[12] | h[13] << 8 | h[14] << 16 | (uint32_t)h[15] << 24;
	if (h[16] != 0x90) {
		snprintf(err, errlen, "%s: not a 3390 image (device type %#x)",
			 path, h[16]);
		return -1;
	}
	if (!trksize || (st.st_size - CKD_HDR) % trksize) {
		snprintf(err, errlen, "%s: truncated image (%lld bytes is no whole number of tracks)",
			 path, (long long)st.st_size);
		return -1;
	}
	return 0;
}

static int sysfs_write(const char *path, const char *val)
{
	ssize_t n;
	int fd = open(path, O_WRONLY | O_CLOEXEC), err;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	err = n < 0 ? -errno : 0;
	close(fd);
	return err;
}

static void new_uuid(char *out)
{
	uint8_t b[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC), i;

	if (fd < 0 || read(fd, b, sizeof(b)) != sizeof(b)) {
		for (i = 0; i < 16; i++)
			b[i] = (uint8_t)(now_ns() >> (i % 8 * 8)) ^ i;
	}
	if (fd >= 0)
		close(fd);
	b[6] = (b[6] & 0x0f) | 0x40;	/* version 4 */
	b[8] = (b[8] & 0x3f) | 0x80;
	sprintf(out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
		b[10], b[11], b[12], b[13], b[14], b[15]);
}

static char machine_file[PATH_MAX];

/*
 * @n images (3390s), then @nulls null devices (--null: the host's
 * benchmark device, no data, no latency), subchannels in that order.
 */
int dasd_setup(char **images, int n, int nulls, char **sysfsdevs)
{
	char path[PATH_MAX], abs[PATH_MAX], uuid[40], sch[16];
	const char *tmp = getenv("TMPDIR") ?: "/tmp";
	FILE *f;
	int i, fd, ret;

	snprintf(machine_file, sizeof(machine_file), "%s/vmm-machine.XXXXXX",
		 tmp);
	fd = mkstemp(machine_file);
	if (fd < 0 || !(f = fdopen(fd, "w")))
		return -errno;
	fprintf(f, "# written by vmm --dasd\nchpid 40\n");
	for (i = 0; i < n; i++) {
		if (!realpath(images[i], abs)) {
			fclose(f);
			return -errno;
		}
		fprintf(f, "ccw 0.0.%04x 3390 file=%s chpids=40\n", 0x100 + i,
			abs);
	}
	for (i = 0; i < nulls; i++)
		fprintf(f, "ccw 0.0.%04x null chpids=40\n", 0x100 + n + i);
	n += nulls;
	if (fclose(f))
		return -errno;
	setenv("S390UM_MACHINE", machine_file, 1);
	for (i = 0; i < n; i++) {
		snprintf(sch, sizeof(sch), "0.0.%04x", i);
		snprintf(path, sizeof(path),
			 "/sys/bus/css/devices/%s/driver_override", sch);
		ret = sysfs_write(path, "vfio_ccw");
		if (ret)
			goto fail;
		snprintf(path, sizeof(path), "/sys/bus/css/drivers/vfio_ccw/bind");
		ret = sysfs_write(path, sch);
		if (ret)
			goto fail;
		new_uuid(uuid);
		snprintf(path, sizeof(path),
			 "/sys/bus/css/devices/%s/mdev_supported_types/vfio_ccw-io/create",
			 sch);
		ret = sysfs_write(path, uuid);
		if (ret)
			goto fail;
		if (asprintf(&sysfsdevs[i], "/sys/bus/mdev/devices/%s", uuid) < 0)
			return -ENOMEM;
	}
	return 0;
fail:
	fprintf(stderr, "vmm: %s: %s\n", path, strerror(-ret));
	return ret;
}

/* the machine file has been read at the host's start: remove it */
int dasd_teardown(void)
{
	if (machine_file[0] && unlink(machine_file))
		return -errno;
	machine_file[0] = 0;
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * ccw_region_fuzz.c - libFuzzer harness for the vfio-ccw mdev's region
 * writes (I/O region, async region), from the VMM's side.
 *
 * The whole driver runs for real: drivers/s390/cio/vfio_ccw_*.c are
 * compiled by run.sh with clang -fsanitize=fuzzer-no-link,address (so
 * libFuzzer sees their coverage) and linked with the user-mode host
 * library of the host build (its css, simulated channel subsystem with
 * a null device, VFIO core, mdev bus, syscall layer), without the host
 * library's own vfio-ccw objects.  The harness is a VMM: it binds the
 * subchannel, creates and opens the mdev, maps 1 MiB of guest memory,
 * once; each input then is
 *
 *   512 bytes   guest memory at 0x1000 (CCWs) and 0x1c00 (IDALs),
 *               the rest of guest memory keeps what earlier inputs left;
 *   17 bytes    per operation: the kind (I/O region write, async region
 *               write, a write of another size or offset, a read), the
 *               ORB's three words (or, bit 2 of the kind, a well-formed
 *               ORB naming one of the CCWs), the SCSW function control,
 *               a length and offset.
 *
 * Each result must be one of the documented ones (a full write or
 * -EINVAL, -EFAULT, -EOPNOTSUPP, -EBUSY, -EAGAIN, -EACCES, -ENODEV);
 * a started program ends with an interrupt, or a CSCH makes it end;
 * after every input the IRBs are consumed and no page stays pinned.
 * Anything else aborts (a fuzzer crash).
 */
/* libc first: the kernel headers redefine some of its names (abs) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <um/vfio.h>

#include "../vfio/vfio_util.h"

#define CP	0x1000
#define HDR	512

static struct v_vmm vmm;
static bool ready;
/* what the inputs did, printed at exit: both sides must be reached */
static long started, refused, irqs, cleared;

static void __attribute__((destructor)) stats(void)
{
	if (ready)
		fprintf(stderr,
			"ccw_region_fuzz: %ld programs started (%ld cleared), %ld I/O region writes refused, %ld interrupts\n",
			started, cleared, refused, irqs);
}

static void fail(const char *what, long v)
{
	fprintf(stderr, "ccw_region_fuzz: %s (%ld)\n", what, v);
	abort();
}

static bool documented(ssize_t n, size_t full)
{
	if (n >= 0)
		return (size_t)n == full;
	switch (-n) {
	case EINVAL: case EFAULT: case EOPNOTSUPP: case EBUSY:
	case EAGAIN: case EACCES: case ENODEV:
		return true;
	}
	return false;
}

static void setup(void)
{
	int ret;

	ret = v_machine("chpid 80\nccw 0.0.0100 null latency=20us\n");
	if (ret)
		fail("machine file", ret);
	ret = v_vmm_open(&vmm);
	if (ret)
		fail("mdev open", ret);
	vmm.io_efd = eventfd(0, EFD_NONBLOCK);
	if (vmm.io_efd < 0 ||
	    v_set_trigger(&vmm, VFIO_CCW_IO_IRQ_INDEX, vmm.io_efd))
		fail("I/O eventfd", errno);
	ready = true;
}

static ssize_t rw(bool write, void *buf, size_t len, off_t off)
{
	ssize_t n = write ? pwrite(vmm.device, buf, len, off) :
			    pread(vmm.device, buf, len, off);

	return n < 0 ? -errno : n;
}

static bool irb_pending(int ms)
{
	struct ccw_io_region r;

	if (!v_wait_efd(vmm.io_efd, ms))
		return false;
	if (rw(false, &r, sizeof(r), 0) != sizeof(r))
		fail("I/O region read", errno);
	irqs++;
	return true;
}

/* the program runs to its interrupt, or a CSCH ends it */
static void finish(void)
{
	ssize_t n;

	if (irb_pending(50))
		return;
	{
		struct ccw_cmd_region c = { .command = VFIO_CCW_ASYNC_CMD_CSCH };

		n = rw(true, &c, sizeof(c), 1 << 10);
	}
	if (n != sizeof(struct ccw_cmd_region) && n != -EBUSY &&
	    n != -EAGAIN)
		fail("CSCH of a running program", n);
	if (n == sizeof(struct ccw_cmd_region) && !irb_pending(5000))
		fail("no interrupt after CSCH", 0);
	cleared++;
}

static void io_write(const u8 *op)
{
	struct ccw_io_region r;
	union orb orb;
	union scsw scsw;
	ssize_t n;

	memset(&r, 0, sizeof(r));
	memcpy(&orb, op + 1, sizeof(orb));
	if (op[0] & 4) {
		/* well formed: the CCW at CP + 8 * op[2], in the mapping */
		memset(&orb, 0, sizeof(orb));
		orb.cmd.intparm = 0xfeed;
		orb.cmd.fmt = op[1] & 1;
		orb.cmd.c64 = !!(op[1] & 2);
		orb.cmd.i2k = !!(op[1] & 4);
		orb.cmd.cpa = CP + 8 * (op[2] % 64);
	}
	if (!(op[13] & 0x80))
		orb.cmd.lpm = 0x80;	/* mostly the installed path */
	memcpy(r.orb_area, &orb, sizeof(r.orb_area));
	memset(&scsw, 0, sizeof(scsw));
	scsw.cmd.fctl = op[13] & 0x40 ? op[13] & 7 : SCSW_FCTL_START_FUNC;
	memcpy(r.scsw_area, &scsw, sizeof(r.scsw_area));
	n = rw(true, &r, sizeof(r), 0);
	if (!documented(n, sizeof(r)))
		fail("I/O region write", n);
	if (n == sizeof(r)) {
		started++;
		finish();
	} else {
		refused++;
	}
}

static void async_write(const u8 *op)
{
	struct ccw_cmd_region c;
	ssize_t n;

	memcpy(&c.command, op + 1, sizeof(c.command));
	if (!(op[13] & 0x80))
		c.command &= 3;
	c.ret_code = 0;
	n = rw(true, &c, sizeof(c), 1 << 10);
	if (!documented(n, sizeof(c)))
		fail("async region write", n);
	/* a halt or clear that was taken ends with an interrupt */
	if (n == sizeof(c))
		irb_pending(50);
}

/* other sizes and offsets: a short count, or the documented errno */
static void odd_access(const u8 *op, bool write)
{
	u8 buf[512];
	size_t len = (op[14] | op[15] << 8) % sizeof(buf);
	off_t off = (op[16] & 0x7f) << 4 | (op[13] & 0xf);
	ssize_t n;

	if (op[16] & 0x80)
		off += 1 << 10;		/* the async region */
	memset(buf, 0, sizeof(buf));
	n = rw(write, buf, len, off);
	if (n >= 0 ? (size_t)n > len : !documented(n, 0))
		fail(write ? "odd region write" : "odd region read", n);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	size_t i;

	if (!ready)
		setup();
	if (size < HDR)
		return 0;
	memcpy(vmm.mem + CP, data, HDR);
	for (i = HDR; i + 17 <= size; i += 17) {
		const u8 *op = data + i;

		switch (op[0] & 3) {
		case 0:
			io_write(op);
			break;
		case 1:
			async_write(op);
			break;
		default:
			odd_access(op, op[0] & 1);
			break;
		}
	}
	while (irb_pending(0))
		;
	for (i = 0; i < 2000 && um_vfio_pinned_pages(); i++)
		usleep(500);
	if (um_vfio_pinned_pages())
		fail("pages left pinned", um_vfio_pinned_pages());
	return 0;
}

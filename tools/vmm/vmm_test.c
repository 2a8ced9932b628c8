// SPDX-License-Identifier: GPL-2.0
/*
 * The VMM end to end, each run in a child process as the program runs
 * (the host kernel lives in the process; the harness and the children
 * give every run a fresh one): the readwrite workload through vfio-ccw
 * on one and on two DASDs with its JSON summary; guest misbehaviour
 * mapped as QEMU maps it; a VMM killed while writing leaves an image on
 * which a restart finds every acknowledged write (and a journal that
 * claims more is caught); bad command lines and images.  Then the same
 * with --direct: no exit or VMM system call per I/O, exact accounting
 * on both paths, several DASDs on several ISCs under CR6, the interplay
 * of the VMM's and the kernel's instructions, unplug and SIGKILL while
 * bound, and the fallback when the kernel refuses.
 */
#define _GNU_SOURCE
#include "kselftest_harness.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vmm.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

static char dir[64];

/*
 * The child ends with _exit() (the harness's process must not run its
 * atexit handlers twice), which skips LeakSanitizer's check at exit: in
 * the asan build do it here; a leak makes the run fail (status 97).
 */
static int leak_check(int status)
{
#ifdef __SANITIZE_ADDRESS__
	if (__lsan_do_recoverable_leak_check())
		return 97;
#endif
	return status;
}

static const char *tmpdir(void)
{
	return dir;
}

/* each test's images and outputs in a directory of its own */
FIXTURE(vmm) {
	int unused;
};

FIXTURE_SETUP(vmm)
{
	strcpy(dir, "/tmp/vmm_test.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(dir));
}

FIXTURE_TEARDOWN(vmm)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		TH_LOG("could not remove %s", dir);
}

/*
 * A dasdinit image of @cyls cylinders, or NULL.  The path is in a
 * static slot, not the heap: the children the tests fork inherit it,
 * and their leak check (asan) must see only the VMM's own memory.
 */
static char *image(const char *name, const char *opts, int cyls)
{
	static char paths[4][128];
	static int next;
	char *path = paths[next++ % 4], cmd[512];

	snprintf(path, sizeof(paths[0]), "%s/%s", tmpdir(), name);
	snprintf(cmd, sizeof(cmd), "dasdinit %s %s 3390 VOL001 %d >/dev/null 2>&1",
		 opts, path, cyls);
	return system(cmd) ? NULL : path;
}

/*
 * Run "vmm ARGS..." in a child, its output in @out; the child's pid.
 * @prep (if any) runs in the child first, as the host's administrator
 * (the child is the host): non-zero fails the child (status 98).
 */
static pid_t spawn(char *const argv[], const char *out,
		   int (*prep)(const char *), const char *prep_arg)
{
	pid_t pid = fork();
	int argc = 0, fd;

	if (pid)
		return pid;
	if (prep && prep(prep_arg))
		_exit(98);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
		_exit(99);
	while (argv[argc])
		argc++;
	fd = run_vm(argc, (char **)argv, false);
	fflush(NULL);
	_exit(leak_check(fd));
}

/* the child's exit status, 128 + the signal that ended it, or -1 */
static int reap(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* run "vmm ARGS..." to its end, its output in @out; reap()'s status */
static int vmm(char *const argv[], const char *out)
{
	return reap(spawn(argv, out, NULL, NULL));
}

/*
 * The per-I/O figures are of a window between two snapshots, each of
 * a few dozen reads of the VM's and vcpus' statistics; on a loaded
 * machine the guest completes I/Os while one is read, and each figure
 * may be off by those (0.7% seen under ASan in CI).  The exact counts
 * are check_accounting()'s, over the whole run.
 */
#define EDGE	0.02

static char *slurp(const char *path)
{
	static char buf[16384];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

/* a number after "key": in the JSON line, or -1 */
static double json_num(const char *s, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\": ", key);
	p = strstr(s, pat);
	return p ? strtod(p + strlen(pat), NULL) : -1;
}

#define SKIP_NO_IMAGE(p) \
	do { if (!(p)) SKIP(return, "dasdinit (package hercules) missing"); } while (0)

static void check_run(struct __test_metadata *_metadata, const char *out,
		      int devices)
{
	char *s = slurp(out);
	double ios = json_num(s, "ios");

	TH_LOG("%s", s);
	ASSERT_NE(NULL, strstr(s, "\"path\": \"classic\""));
	EXPECT_EQ(0, json_num(s, "errors"));
	EXPECT_EQ(devices, json_num(s, "devices"));
	ASSERT_LT(20, ios);
	EXPECT_LT(0, json_num(s, "bytes"));
	EXPECT_LT(0, json_num(s, "mbps"));
	EXPECT_LT(0, json_num(s, "p50"));
	EXPECT_LE(json_num(s, "p50"), json_num(s, "p99"));
	/*
	 * The classic path: an SSCH and a TSCH exit per I/O (one I/O per
	 * vcpu may straddle the start of the measurement), a wake-up of
	 * the main loop or a vcpu, and the VMM's system calls.
	 */
	EXPECT_LE(2.0 * (1 - EDGE) - 2.0 / ios * 4 - 0.0005,
		  json_num(s, "exits"));
	EXPECT_LE(4.0, json_num(s, "syscalls"));
	/* one FLIC injection per I/O (the VM's inject_io); printed %.3f */
	EXPECT_LE(1.0 - EDGE - 4.0 / ios - 0.0005, json_num(s, "inject_io"));
	EXPECT_GE(1.0 + EDGE + 4.0 / ios + 0.0005, json_num(s, "inject_io"));
	EXPECT_LT(0.5, json_num(s, "wakeups"));
}

TEST_F(vmm, readwrite_one_dasd)
{
	char *img = image("a.3390", "-linux", 10), out[128];

	SKIP_NO_IMAGE(img);
	snprintf(out, sizeof(out), "%s/out", dir);
	char *const argv[] = { "run", "--vcpus", "2", "--dasd", img,
			       "--seconds", "1", "--json", NULL };
	ASSERT_EQ(0, vmm(argv, out));
	check_run(_metadata, out, 1);
}

TEST_F(vmm, readwrite_two_dasds_four_vcpus)
{
	char *a = image("a.3390", "-linux", 10), *b = image("b.3390", "-linux", 10);
	char out[128];

	SKIP_NO_IMAGE(a);
	SKIP_NO_IMAGE(b);
	snprintf(out, sizeof(out), "%s/out", dir);
	char *const argv[] = { "run", "--vcpus", "4", "--dasd", a, "--dasd", b,
			       "--seconds", "1", "--json", NULL };
	ASSERT_EQ(0, vmm(argv, out));
	check_run(_metadata, out, 2);
}

/*
 * The host machine's fault injection (um/hw/css.h, in this process's
 * user-mode host): UM_FAULT_PATH is 3 there.
 */
int um_css_inject(unsigned short sch_no, int fault, int arg);

/* remove the (only) mdev, as the host's administrator would */
static int remove_mdev(void)
{
	char path[300];
	struct dirent *e;
	DIR *d = opendir("/sys/bus/mdev/devices");
	int fd, ret = -ENOENT;

	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/remove",
			 e->d_name);
		fd = open(path, O_WRONLY);
		/* returns once the VMM has let the device go */
		ret = fd < 0 || write(fd, "1", 1) != 1 ? -errno : 0;
		if (fd >= 0)
			close(fd);
		break;
	}
	if (d)
		closedir(d);
	return ret;
}

static int inject(int sch, int fault, int arg)
{
	if (fault == FAULT_PATH)
		return um_css_inject(sch, 3, arg);
	if (fault == FAULT_REMOVE)
		return remove_mdev();
	return -EINVAL;
}

/*
 * The workload's verdicts in @out (logged): no "WRONG", and with
 * @no_refused no "refused" (the kernel refused direct injection); the
 * number of " ok" lines.
 */
static int oks(struct __test_metadata *_metadata, const char *out,
	       bool no_refused)
{
	char *s = slurp(out);
	int ok = 0;

	TH_LOG("%s", s);
	EXPECT_EQ(NULL, strstr(s, "WRONG"));
	if (no_refused)
		EXPECT_EQ(NULL, strstr(s, "refused"));
	for (; (s = strstr(s, " ok\n")); s++)
		ok++;
	return ok;
}

TEST_F(vmm, misbehaviour_mapped_as_qemu)
{
	char *img = image("a.3390", "-linux", 10), out[128];

	SKIP_NO_IMAGE(img);
	vmm_fault_hook = inject;
	snprintf(out, sizeof(out), "%s/out", dir);
	char *const argv[] = { "run", "--vcpus", "1", "--dasd", img,
			       "--workload", "misbehave", NULL };
	EXPECT_EQ(0, vmm(argv, out));
	EXPECT_EQ(25, oks(_metadata, out, false)); /* 16; 5 path, 4 unplug */
}

static const char admin_uuid[] = "6a1b2c3d-0000-4000-8000-00000000cafe";

/* spawn()'s @prep: the host from the machine file @machine, an mdev */
static int admin_mdev(const char *machine)
{
	const char *create = "/sys/bus/css/devices/0.0.0000/"
			     "mdev_supported_types/vfio_ccw-io/create";
	int fd, n;

	setenv("S390UM_MACHINE", machine, 1);
	fd = open(create, O_WRONLY);
	if (fd < 0)
		return -1;
	n = write(fd, admin_uuid, strlen(admin_uuid));
	close(fd);
	return n < 0;
}

/*
 * --device: the administrator (this child, which is the host here) made
 * the machine with driver=vfio_ccw and created the mdev; the VMM is
 * given only its sysfs path, as QEMU is.
 */
TEST_F(vmm, device_option_admin_made_mdev)
{
	char *img = image("a.3390", "-linux", 10), out[128], machine[128];
	char line[512], dev[128];
	int fd;

	SKIP_NO_IMAGE(img);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(machine, sizeof(machine), "%s/machine", dir);
	snprintf(line, sizeof(line),
		 "chpid 41\nccw 0.0.0234 3390 file=%s driver=vfio_ccw\n", img);
	fd = open(machine, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_EQ((ssize_t)strlen(line), write(fd, line, strlen(line)));
	close(fd);
	snprintf(dev, sizeof(dev), "vfio-ccw,sysfsdev=/sys/bus/mdev/devices/%s",
		 admin_uuid);
	char *const argv[] = { "run", "--vcpus", "1", "--device", dev,
			       "--seconds", "1", "--json", NULL };
	EXPECT_EQ(0, reap(spawn(argv, out, admin_mdev, machine)));
	check_run(_metadata, out, 1);
	/* and a path that is no mdev: a clear error, status 1 */
	char *const bad[] = { "run", "--device",
			      "vfio-ccw,sysfsdev=/sys/bus/mdev/devices/nope",
			      NULL };
	EXPECT_EQ(1, vmm(bad, out));
	EXPECT_NE(NULL, strstr(slurp(out), "vfio-ccw /sys/bus/mdev/devices/nope"));
}

static int lines(const char *path)
{
	char *s = slurp(path);
	int n = 0;

	while ((s = strchr(s, '\n'))) {
		n++;
		s++;
	}
	return n;
}

/* 500 acknowledged writes in the journal @jnl */
static bool journal_has_500(const char *jnl)
{
	return lines(jnl) >= 500;
}

/* the guest's workload has started (its output @out says so) */
static bool guest_started(const char *out)
{
	return strstr(slurp(out), "guest: readwrite");
}

/*
 * Run "vmm ARGS..." in a child, its output in @out; once @ready(@arg)
 * holds (a minute at most), let it run @ms more, send it @sig and wait:
 * reap()'s status.
 */
static int vmm_signalled(char *const argv[], const char *out,
			 bool (*ready)(const char *), const char *arg, int ms,
			 int sig)
{
	pid_t pid = spawn(argv, out, NULL, NULL);
	int i;

	if (pid < 0)
		return -1;
	for (i = 0; i < 60000 && !ready(arg); i++)
		usleep(1000);
	usleep(ms * 1000);
	kill(pid, sig);
	return reap(pid);
}

TEST_F(vmm, killed_mid_io_restart_reads_back)
{
	char *img = image("k.3390", "-linux", 10), out[128], jnl[128];
	char bad[128], buf[64];
	int fd;

	SKIP_NO_IMAGE(img);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(jnl, sizeof(jnl), "%s/journal", dir);
	char *const writer[] = { "run", "--vcpus", "2", "--dasd", img,
				 "--workload", "journal", "--journal", jnl,
				 "--seconds", "600", NULL };
	/* kill it in the middle: after 500 acknowledged writes */
	ASSERT_EQ(128 + SIGKILL, vmm_signalled(writer, out, journal_has_500,
					       jnl, 0, SIGKILL));
	ASSERT_LE(500, lines(jnl));
	/*
	 * A restart finds every acknowledged write, every block intact but
	 * at most the one in flight at the kill (verify counts it).
	 */
	char *const verify[] = { "run", "--vcpus", "3", "--dasd", img,
				 "--workload", "verify", "--journal", jnl, NULL };
	EXPECT_EQ(0, vmm(verify, out));
	TH_LOG("%s", slurp(out));
	EXPECT_NE(NULL, strstr(slurp(out), "verified"));
	/*
	 * And a journal claiming writes that never happened is caught (two
	 * blocks: one might be the block the kill damaged, which is let by).
	 */
	snprintf(bad, sizeof(bad), "%s/bad-journal", dir);
	fd = open(bad, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	snprintf(buf, sizeof(buf), "17 999999999\n18 999999999\n");
	ASSERT_EQ((ssize_t)strlen(buf), write(fd, buf, strlen(buf)));
	close(fd);
	char *const verify_bad[] = { "run", "--vcpus", "1", "--dasd", img,
				     "--workload", "verify", "--journal", bad,
				     NULL };
	EXPECT_EQ(1, vmm(verify_bad, out));
	EXPECT_NE(NULL, strstr(slurp(out), "data mismatch"));
}

/* SIGINT: the guest finishes the I/O in flight, the summary follows */
TEST_F(vmm, sigint_stops_cleanly)
{
	char *img = image("a.3390", "-linux", 10), out[128];

	SKIP_NO_IMAGE(img);
	snprintf(out, sizeof(out), "%s/out", dir);
	char *const argv[] = { "run", "--vcpus", "3", "--dasd", img,
			       "--seconds", "600", NULL };
	/* after some I/O */
	EXPECT_EQ(0, vmm_signalled(argv, out, guest_started, out, 200,
				   SIGINT));
	TH_LOG("%s", slurp(out));
	EXPECT_NE(NULL, strstr(slurp(out), "Interrupt: stopping"));
	EXPECT_NE(NULL, strstr(slurp(out), "I/Os per second"));
}

/* ---- --direct: the same runs with direct injection ---- */

/*
 * VMM_ACCOUNTING's line: every program started completes once, every
 * completion comes with one interruption, taken once (no TSCH cc 1 in
 * the handler), and the VM injected exactly as many; on the direct
 * path vfio-ccw injected all of them, on the classic path none.
 */
static void check_accounting(struct __test_metadata *_metadata,
			     const char *s, bool direct)
{
	unsigned long long st, co, irqs, sp, inj, dir;
	const char *p = strstr(s, "accounting: ");

	ASSERT_NE(NULL, p);
	ASSERT_EQ(6, sscanf(p, "accounting: started %llu completed %llu irqs %llu spurious %llu injected %llu direct %llu",
			    &st, &co, &irqs, &sp, &inj, &dir));
	EXPECT_LT(20, st);
	EXPECT_EQ(st, co);
	EXPECT_EQ(co, irqs);
	EXPECT_EQ(0, sp);
	EXPECT_EQ(irqs, inj);
	EXPECT_EQ(direct ? inj : 0, dir);
}

static void check_direct(struct __test_metadata *_metadata, const char *out,
			 int devices, int vcpus)
{
	char *s = slurp(out);
	double ios = json_num(s, "ios"), slack;

	TH_LOG("%s", s);
	ASSERT_NE(NULL, strstr(s, "\"path\": \"direct\""));
	EXPECT_EQ(0, json_num(s, "errors"));
	EXPECT_EQ(devices, json_num(s, "devices"));
	ASSERT_LT(20, ios);
	EXPECT_LT(0, json_num(s, "p50"));
	EXPECT_LE(json_num(s, "p50"), json_num(s, "p99"));
	/* the machine's completion to the handler: known with --dasd */
	EXPECT_LT(0, json_num(s, "c50"));
	EXPECT_LE(json_num(s, "c50"), json_num(s, "c99"));
	/*
	 * No exit per I/O: the only exits of the measured time are each
	 * vcpu's report that its guest program ended.  No system call of
	 * the VMM per I/O: only the main loop's 250 ms ticks (epoll_wait)
	 * and the KVM_RUN after each of those exits.  Every interruption
	 * injected by vfio-ccw; every TSCH served in the kernel.  The
	 * figures are printed with three decimals: 0.0005 an I/O off.
	 */
	slack = 0.0005 * ios + 0.5;
	EXPECT_GE(2.0 * vcpus, json_num(s, "exits") * ios - slack);
	EXPECT_GE(2.0 * vcpus + 4 * (json_num(s, "seconds") + 1),
		  json_num(s, "syscalls") * ios - slack);
	/* the two VM counters are read one after the other: one apart */
	EXPECT_GE(json_num(s, "inject_io") + 2.0 / ios + 0.0015,
		  json_num(s, "direct_io"));
	EXPECT_LE(json_num(s, "inject_io") - 2.0 / ios - 0.0015,
		  json_num(s, "direct_io"));
	/* one TSCH per I/O less those straddling the start; %.3f */
	EXPECT_LE(1.0 - EDGE - 4.0 / ios - 0.0005,
		  json_num(s, "tsch_kernel"));
	check_accounting(_metadata, s, true);
}

TEST_F(vmm, direct_readwrite_one_dasd)
{
	char *img = image("a.3390", "-linux", 10), out[128];

	SKIP_NO_IMAGE(img);
	snprintf(out, sizeof(out), "%s/out", dir);
	setenv("VMM_ACCOUNTING", "1", 1);
	char *const argv[] = { "run", "--direct", "--vcpus", "2", "--dasd",
			       img, "--seconds", "1", "--json", NULL };
	ASSERT_EQ(0, vmm(argv, out));
	check_direct(_metadata, out, 1, 2);
}

/*
 * Three DASDs on ISCs 0, 1 and 2 (the guest's MSCH), four vcpus, each
 * enabling only its DASD's ISC in CR6: an interruption delivered to a
 * vcpu that masks its ISC would complete another vcpu's I/O (a data or
 * accounting error) or never arrive (a hang).  Both paths.
 */
TEST_F(vmm, three_dasds_isc_masking_both_paths)
{
	char *a = image("a.3390", "-linux", 10), *b = image("b.3390", "-linux", 10);
	char *c = image("c.3390", "-linux", 10), out[128];
	int direct;

	SKIP_NO_IMAGE(a);
	SKIP_NO_IMAGE(b);
	SKIP_NO_IMAGE(c);
	snprintf(out, sizeof(out), "%s/out", dir);
	setenv("VMM_ACCOUNTING", "1", 1);
	for (direct = 0; direct < 2; direct++) {
		char *const argv[] = { "run", "--vcpus", "4", "--dasd", a,
				       "--dasd", b, "--dasd", c, "--seconds",
				       "1", "--json",
				       direct ? "--direct" : NULL, NULL };

		ASSERT_EQ(0, vmm(argv, out));
		if (direct) {
			check_direct(_metadata, out, 3, 4);
		} else {
			check_run(_metadata, out, 3);
			check_accounting(_metadata, slurp(out), false);
		}
	}
}

/* the null device: the path's cost alone, no exit per I/O */
TEST_F(vmm, direct_null_devices_four_vcpus)
{
	char out[128];

	snprintf(out, sizeof(out), "%s/out", dir);
	setenv("VMM_ACCOUNTING", "1", 1);
	char *const argv[] = { "run", "--direct", "--vcpus", "4", "--null",
			       "4", "--seconds", "1", "--json", NULL };
	ASSERT_EQ(0, vmm(argv, out));
	check_direct(_metadata, out, 4, 4);
}

/*
 * The interplay checks (guest-dasd.c, guest_interplay): TSCH cc 1 with
 * nothing pending, the status seen by STSCH and refused by MSCH/SSCH,
 * one interruption per status (TPI), CSCH of a pending status, HSCH
 * right after SSCH, an ISC moved by MSCH and masked by CR6, UNBIND with
 * a status pending (handed back, its interruption once): the same
 * answers on both paths.
 */
TEST_F(vmm, interplay_both_paths)
{
	char *img = image("a.3390", "-linux", 10), out[128];
	int direct;

	SKIP_NO_IMAGE(img);
	snprintf(out, sizeof(out), "%s/out", dir);
	for (direct = 0; direct < 2; direct++) {
		char *const argv[] = { "run", "--vcpus", "1", "--dasd", img,
				       "--workload", "interplay",
				       direct ? "--direct" : NULL, NULL };

		EXPECT_EQ(0, vmm(argv, out));
		EXPECT_EQ(54, oks(_metadata, out, true));
	}
}

/* misbehaviour, path failure and unplug (UNBIND first) while bound */
TEST_F(vmm, direct_misbehaviour_and_unplug)
{
	char *img = image("a.3390", "-linux", 10), out[128];

	SKIP_NO_IMAGE(img);
	vmm_fault_hook = inject;
	snprintf(out, sizeof(out), "%s/out", dir);
	char *const argv[] = { "run", "--direct", "--vcpus", "1", "--dasd",
			       img, "--workload", "misbehave", NULL };
	EXPECT_EQ(0, vmm(argv, out));
	EXPECT_EQ(25, oks(_metadata, out, true));
}

/*
 * The kernel says no (here: the VMM left the kvm-vfio device out, so
 * vfio-ccw's device has no VM: BIND gives EPERM): said once, and the
 * run goes on on the classic path with its usual costs.
 */
TEST_F(vmm, direct_refused_falls_back_to_classic)
{
	char *img = image("a.3390", "-linux", 10), out[128], *s, *p;

	SKIP_NO_IMAGE(img);
	vmm_no_kvm_vfio = true;
	snprintf(out, sizeof(out), "%s/out", dir);
	setenv("VMM_ACCOUNTING", "1", 1);
	char *const run[] = { "run", "--direct", "--vcpus", "2", "--dasd",
			      img, "--seconds", "1", "--json", NULL };
	ASSERT_EQ(0, vmm(run, out));
	s = slurp(out);
	p = strstr(s, "direct injection refused (BIND: Operation not permitted); classic path");
	ASSERT_NE(NULL, p);
	EXPECT_EQ(NULL, strstr(p + 1, "direct injection refused"));
	check_run(_metadata, out, 1);
	check_accounting(_metadata, slurp(out), false);
}

/* killed while bound: the image keeps every acknowledged write */
TEST_F(vmm, direct_killed_mid_io_restart_reads_back)
{
	char *img = image("k.3390", "-linux", 10), out[128], jnl[128];

	SKIP_NO_IMAGE(img);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(jnl, sizeof(jnl), "%s/journal", dir);
	char *const writer[] = { "run", "--direct", "--vcpus", "2", "--dasd",
				 img, "--workload", "journal", "--journal",
				 jnl, "--seconds", "600", NULL };
	ASSERT_EQ(128 + SIGKILL, vmm_signalled(writer, out, journal_has_500,
					       jnl, 0, SIGKILL));
	ASSERT_LE(500, lines(jnl));
	char *const verify[] = { "run", "--direct", "--vcpus", "3", "--dasd",
				 img, "--workload", "verify", "--journal",
				 jnl, NULL };
	EXPECT_EQ(0, vmm(verify, out));
	TH_LOG("%s", slurp(out));
	EXPECT_NE(NULL, strstr(slurp(out), "verified"));
	EXPECT_NE(NULL, strstr(slurp(out), "direct path"));
}

/*
 * SIGINT while bound: the guest ends its I/O, the VMM unbinds and
 * closes everything (AddressSanitizer's leak check at the child's exit
 * in the asan build), the summary says direct.
 */
TEST_F(vmm, direct_sigint_unbinds_cleanly)
{
	char *img = image("a.3390", "-linux", 10), out[128];

	SKIP_NO_IMAGE(img);
	snprintf(out, sizeof(out), "%s/out", dir);
	char *const argv[] = { "run", "--direct", "--vcpus", "3", "--dasd",
			       img, "--seconds", "600", NULL };
	EXPECT_EQ(0, vmm_signalled(argv, out, guest_started, out, 200,
				   SIGINT));
	TH_LOG("%s", slurp(out));
	EXPECT_NE(NULL, strstr(slurp(out), "Interrupt: stopping"));
	EXPECT_NE(NULL, strstr(slurp(out), "direct path"));
}

TEST_F(vmm, bad_command_lines)
{
	char *img = image("a.3390", "-linux", 10), *z = image("z.3390", "-z -linux", 10);
	char out[128], junk[128], cut[128], cmd[512];
	static const char zeros[4096];
	int fd;

	SKIP_NO_IMAGE(img);
	SKIP_NO_IMAGE(z);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(junk, sizeof(junk), "%s/junk", dir);
	fd = open(junk, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_EQ(4096, write(fd, zeros, 4096));
	close(fd);
	snprintf(cut, sizeof(cut), "%s/cut.3390", dir);
	snprintf(cmd, sizeof(cmd), "head -c 100000 %s > %s", img, cut);
	ASSERT_EQ(0, system(cmd));
	struct { char *argv[10]; const char *says; } bad[] = {
		{ { "run", NULL }, "no disk" },
		{ { "run", "--vcpus", "0", "--dasd", img, NULL }, "--vcpus" },
		{ { "run", "--vcpus", "17", "--dasd", img, NULL }, "--vcpus" },
		{ { "run", "--vcpus", "two", "--dasd", img, NULL }, "--vcpus" },
		{ { "run", "--seconds", "-1", "--dasd", img, NULL }, "--seconds" },
		{ { "run", "--seconds", "1x", "--dasd", img, NULL }, "--seconds" },
		{ { "run", "--workload", "nope", "--dasd", img, NULL }, "workload" },
		{ { "run", "--device", "vfio-pci,host=1", NULL }, "--device" },
		{ { "run", "--frobnicate", NULL }, "unknown option" },
		{ { "run", "--dasd", NULL }, "needs a value" },
		{ { "run", "--dasd", img, "extra", NULL }, "unexpected" },
		{ { "run", "--dasd", "/nonexistent.3390", NULL }, "No such file" },
		{ { "run", "--dasd", z, NULL }, "compressed" },
		{ { "run", "--dasd", junk, NULL }, "not a CKD" },
		{ { "run", "--dasd", cut, NULL }, "truncated" },
		{ { "run", "--dasd", img, "--workload", "journal", NULL }, "--journal" },
		{ { "run", "--dasd", img, "--journal", out, NULL }, "--journal" },
		{ { "run", "--device", "vfio-ccw,sysfsdev=/x,direct=maybe", NULL }, "--device" },
		{ { "run", "--device", "vfio-ccw,sysfsdev=,direct=on", NULL }, "--device" },
		{ { "run", "--null", "9", NULL }, "--null" },
		{ { "run", "--null", "0", NULL }, "--null" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(2, vmm(bad[i].argv, out)) TH_LOG("case %u", i);
		EXPECT_NE(NULL, strstr(slurp(out), bad[i].says))
			TH_LOG("case %u: %s", i, slurp(out));
	}
	char *const help[] = { "run", "--help", NULL };
	EXPECT_EQ(0, vmm(help, out));
	EXPECT_NE(NULL, strstr(slurp(out), "usage: vmm run"));
}

TEST_HARNESS_MAIN

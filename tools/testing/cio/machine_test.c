// SPDX-License-Identifier: GPL-2.0
/*
 * The machine file: a good one configures chpids and subchannels in file
 * order; every malformed one is refused with file:line: reason; at
 * start-up (S390UM_MACHINE) a bad file stops the program with that
 * message, and no variable means no devices.
 */
#include "kselftest_harness.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cio_util.h"

static char dir[64];

static const char *write_file(const char *name, const char *text)
{
	static char path[128];
	FILE *f;

	if (!dir[0]) {
		strcpy(dir, "/tmp/machine_test.XXXXXX");
		if (!mkdtemp(dir))
			return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

static bool have_dasdinit(void)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd),
		 "dasdinit -linux %s/disk.3390 3390 VOL001 1 >/dev/null 2>&1",
		 dir);
	return !system(cmd);
}

TEST(good_file)
{
	const char *path;
	struct subchannel_id id;
	struct schib schib;
	char err[512];

	write_file("x", "");
	if (!have_dasdinit())
		SKIP(return, "dasdinit (package hercules) missing");
	path = write_file("good",
		"# a machine\n"
		"chpid 40\n"
		"chpid 41 offline   # not yet\n"
		"\n"
		"ccw 0.0.0100 3390 file=disk.3390 chpids=40,41\n"
		"ccw 0.0.0200 null latency=20us\n"
		"ccw 0.0.0201 null latency=1ms bytes=512 driver=vfio_ccw\n"
		"channel-threads 2\n");
	ASSERT_NE(NULL, path);
	um_kernel_init();
	ASSERT_EQ(0, um_machine_load_file(path, err, sizeof(err)));
	EXPECT_EQ(3, um_css_nr_subchannels());
	EXPECT_STREQ("3390", um_css_sch_dev(0)->type);
	EXPECT_STREQ("null", um_css_sch_dev(1)->type);
	EXPECT_EQ(2, um_machine_channel_threads());
	EXPECT_STREQ("vfio_ccw", um_machine_sch_driver(2));
	EXPECT_EQ(NULL, um_machine_sch_driver(1));
	init_subchannel_id(&id);
	ASSERT_EQ(0, um_css_stsch(id, &schib));
	EXPECT_EQ(0x100, (u32)schib.pmcw.dev);
	EXPECT_EQ(0xc0, schib.pmcw.pim);
	EXPECT_EQ(0x80, schib.pmcw.pam);	/* 41 is offline */
	EXPECT_EQ(0x41, schib.pmcw.chpid[1]);
	id.sch_no = 1;
	ASSERT_EQ(0, um_css_stsch(id, &schib));
	EXPECT_EQ(0x200, (u32)schib.pmcw.dev);
	EXPECT_EQ(0x80, schib.pmcw.pim);	/* default: online chpids */
	EXPECT_EQ(0x40, schib.pmcw.chpid[0]);
	/* the bus shows them, with the override of driver= */
	ASSERT_EQ(0, um_cio_scan());
	EXPECT_EQ(3, um_cio_nr_sch());
	EXPECT_STREQ("vfio_ccw", um_cio_sch(2)->driver_override);
	EXPECT_STREQ("0.0.0002", dev_name(&um_cio_sch(2)->dev));
}

struct bad {
	const char *text;
	const char *reason;	/* expected after "file:line: " */
	int line;
};

static const struct bad bad_files[] = {
	{ "chpid 40\nccw 0.0.0100 tape\n", "unknown device type 'tape'", 2 },
	{ "chpid zz\n", "bad chpid 'zz'", 1 },
	{ "chpid 40\nchpid 40\n", "chpid 40 defined twice", 2 },
	{ "chpid 40 sideways\n", "usage: chpid", 1 },
	{ "chpid 140\n", "bad chpid '140'", 1 },
	{ "ccw 0.0.0100 null\n", "no online chpid", 1 },
	{ "chpid 40\nccw 1.0.0100 null\n", "bad bus id '1.0.0100'", 2 },
	{ "chpid 40\nccw 0.0.10000 null\n", "bad bus id", 2 },
	{ "chpid 40\nccw 0.0.0100\n", "ccw needs a bus id and a device type",
	  2 },
	{ "chpid 40\nccw 0.0.0100 null\nccw 0.0.0100 null\n",
	  "device 0.0.0100 defined twice", 3 },
	{ "chpid 40\nccw 0.0.0100 null latency=20\n",
	  "bad latency '20'", 2 },
	{ "chpid 40\nccw 0.0.0100 null latency=5s\n", "bad latency '5s'", 2 },
	{ "chpid 40\nccw 0.0.0100 null bytes=70000\n", "bad bytes", 2 },
	{ "chpid 40\nccw 0.0.0100 null file=x\n",
	  "option 'file' does not apply to a null device", 2 },
	{ "chpid 40\nccw 0.0.0100 3390 latency=1us file=x\n",
	  "option 'latency' does not apply to a 3390 device", 2 },
	{ "chpid 40\nccw 0.0.0100 3390\n", "a 3390 needs file=", 2 },
	{ "chpid 40\nccw 0.0.0100 3390 file=missing.3390\n",
	  "missing.3390: cannot open the image", 2 },
	{ "chpid 40\nccw 0.0.0100 3390 file=good\n",
	  "not a CKD image", 2 },
	{ "chpid 40\nccw 0.0.0100 null chpids=40,42\n",
	  "chpid 42 is not defined", 2 },
	{ "chpid 40\nccw 0.0.0100 null chpids=40,40\n",
	  "chpid 40 listed twice", 2 },
	{ "chpid 40\nccw 0.0.0100 null driver=dasd\n",
	  "unknown driver 'dasd'", 2 },
	{ "chpid 40\nccw 0.0.0100 null speed\n",
	  "'speed' is not option=value", 2 },
	{ "chpid 40\nchannel-threads 9\n", "usage: channel-threads", 2 },
	{ "\n\n# fine\nsubchannel 0\n", "unknown item 'subchannel'", 4 },
};

TEST(malformed_files)
{
	char err[512], want[512];
	const char *path;
	unsigned int i;

	um_kernel_init();
	write_file("good", "chpid 40\n");
	for (i = 0; i < ARRAY_SIZE(bad_files); i++) {
		path = write_file("bad", bad_files[i].text);
		ASSERT_NE(NULL, path);
		err[0] = 0;
		EXPECT_EQ(-EINVAL, um_machine_load_file(path, err,
							sizeof(err)));
		snprintf(want, sizeof(want), "%s:%d: ", path,
			 bad_files[i].line);
		EXPECT_EQ(0, strncmp(err, want, strlen(want)))
			TH_LOG("case %u: got '%s'", i, err);
		EXPECT_NE(NULL, strstr(err, bad_files[i].reason))
			TH_LOG("case %u: got '%s'", i, err);
		/* nothing was configured from a bad file */
		EXPECT_EQ(0, um_css_nr_subchannels());
	}
	EXPECT_EQ(-EINVAL, um_machine_load_file("/nonexistent/machine", err,
						sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "no such file"));
}

/* start-up with S390UM_MACHINE set: the program stops with the reason */
TEST(bad_file_stops_startup)
{
	const char *path = write_file("stop", "chpid 40\nccw 0.0.01 null\n");
	int pipefd[2], status;
	char out[512] = "";
	pid_t pid;

	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		dup2(pipefd[1], 2);
		setenv("S390UM_MACHINE", path, 1);
		um_kernel_init();
		_exit(0);
	}
	close(pipefd[1]);
	ASSERT_LE(0, read(pipefd[0], out, sizeof(out) - 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(1, WEXITSTATUS(status));
	EXPECT_NE(NULL, strstr(out, ":2: bad bus id '0.0.01'"))
		TH_LOG("got '%s'", out);
}

TEST(no_variable_no_devices)
{
	unsetenv("S390UM_MACHINE");
	EXPECT_EQ(0, um_kernel_init());
	EXPECT_EQ(0, um_css_nr_subchannels());
	EXPECT_EQ(0, um_cio_nr_sch());
}

TEST_HARNESS_MAIN

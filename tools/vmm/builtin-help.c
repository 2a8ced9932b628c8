// SPDX-License-Identifier: GPL-2.0
/* vmm help [COMMAND] */
#include <stdio.h>
#include <string.h>

#include "vmm.h"

static const char run_help[] =
"usage: vmm run --dasd IMAGE [options]\n"
"       vmm run --device vfio-ccw,sysfsdev=/sys/bus/mdev/devices/UUID [options]\n"
"\n"
"Boot a guest that drives DASDs passed through with vfio-ccw: the classic\n"
"path (every I/O goes through this VMM, as with QEMU) or, with --direct,\n"
"the kernel serves SSCH/TSCH and vfio-ccw injects completions itself.\n"
"\n"
"  --dasd IMAGE        a 3390 image made by 'dasdinit -linux' (repeatable);\n"
"                      the VMM configures the host for it: machine file,\n"
"                      driver_override=vfio_ccw, bind, mdev\n"
"  --device vfio-ccw,sysfsdev=PATH[,direct=on]\n"
"                      an mdev the administrator created (repeatable);\n"
"                      direct=on: bind it for direct injection\n"
"  --null N            N null devices of the host (no data, no latency):\n"
"                      no-operation programs, the path's cost alone\n"
"  --direct            direct injection for every device (the kernel may\n"
"                      refuse: then the classic path, said once)\n"
"  --vcpus N           vcpus, 1-16 (default 2); vcpu i drives DASD i %% DASDs\n"
"  --workload NAME     readwrite (default): 4 KiB blocks and full tracks,\n"
"                      written and read back with checksums; read; write;\n"
"                      verify: read every block once and check it;\n"
"                      journal: readwrite, each acknowledged write appended\n"
"                      to --journal FILE; misbehave: bad ORBs, addresses\n"
"                      and subchannels, checked against QEMU's mapping\n"
"  --journal FILE      with journal: where acknowledged writes go; with\n"
"                      verify: blocks must hold at least these writes\n"
"  --seconds S         how long to measure (default 5; bench 3)\n"
"  --json              the summary as one JSON object on stdout\n"
"  --compare           the run twice, classic then --direct, and a table\n"
"                      of both (make run)\n"
"  --help              this text\n"
"\n"
"While it runs, a progress line on a terminal; at the end a summary: I/Os,\n"
"MB/s, latency p50/p99 and per I/O the vcpu exits to userspace, the VMM's\n"
"system calls and thread wake-ups.  Exit status 0 when the guest saw no\n"
"error, 1 when it did, 2 for a bad command line or image.\n";

static const char bench_help[] =
"usage: vmm bench [--seconds S]\n"
"\n"
"Both paths in one run, each case classic then direct, on a fresh\n"
"20-cylinder image (dasdinit -linux): the read workload with 1 and 4\n"
"vcpus, readwrite with 2; and the floor: a bare cross-thread futex\n"
"wake-up.  Prints per I/O exits, syscalls and wake-ups, latency p50/p99\n"
"and IOPS, with the direct path's ratios to the classic path measured in\n"
"the same run (and its p50 to the floor).  --seconds per case (default 2).\n";

static const char main_help[] =
"usage: vmm COMMAND [options]\n"
"\n"
"  run      boot a guest with passthrough DASDs and run its workload\n"
"  bench    the same, with a benchmark's defaults\n"
"  help     this text, or 'vmm help COMMAND'\n"
"\n"
"Example:\n"
"  dasdinit -linux disk.3390 3390 VOL001 20\n"
"  vmm run --vcpus 2 --dasd disk.3390 --workload readwrite --seconds 10\n";

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		fputs(main_help, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "run")) {
		fputs(run_help, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "bench")) {
		fputs(bench_help, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "help")) {
		fputs(main_help, stdout);
		return 0;
	}
	fprintf(stderr, "vmm help: no command '%s'\n", argv[1]);
	return 2;
}

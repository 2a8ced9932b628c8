// SPDX-License-Identifier: GPL-2.0
/*
 * vmm bench: vmm run with a benchmark's defaults: a fresh 20-cylinder
 * image made with dasdinit when no disk is given (removed afterwards),
 * the readwrite workload for 3 seconds.  --json gives the numbers to a
 * script.
 */
#include "vmm.h"

int cmd_bench(int argc, char **argv)
{
	return run_vm(argc, argv, true);
}

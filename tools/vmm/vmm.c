// SPDX-License-Identifier: GPL-2.0
/* vmm: the command dispatch, as kvmtool's main.c */
#include <stdio.h>
#include <string.h>

#include "vmm.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "run", cmd_run },
	{ "bench", cmd_bench },
	{ "help", cmd_help },
	{ "--help", cmd_help },
	{ "-h", cmd_help },
};

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return cmd_help(1, argv) ? 2 : 2;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "vmm: no command '%s'; try 'vmm help'\n", argv[1]);
	return 2;
}

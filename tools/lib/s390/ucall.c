// SPDX-License-Identifier: GPL-2.0
/*
 * ucall, guest side: the struct ucall lives in this CPU's lowcore (so
 * vcpus never share one); its real address goes in GPR 2.
 */
#include <stdarg.h>
#include <string.h>

#include "s390/guest.h"
#include "s390/ucall.h"

#define UCALL_REG 2

void ucall(uint64_t cmd, int nargs, ...)
{
	struct ucall uc = { .cmd = cmd };
	va_list va;
	int i;

	if (nargs > UCALL_MAX_ARGS)
		nargs = UCALL_MAX_ARGS;
	va_start(va, nargs);
	for (i = 0; i < nargs; i++)
		uc.args[i] = va_arg(va, uint64_t);
	va_end(va);

	memcpy(s390_sim_real_to_host(LC_GUEST_UCALL, sizeof(uc)), &uc,
	       sizeof(uc));
	s390_sim_set_gpr(UCALL_REG, LC_GUEST_UCALL);
	/* DIAGNOSE 0,UCALL_REG,0x501 */
	diag(0, UCALL_REG, 0x501);
}

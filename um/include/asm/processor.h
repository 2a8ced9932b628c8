/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _UM_ASM_PROCESSOR_H
#define _UM_ASM_PROCESSOR_H

/*
 * cpu_relax() yields the host CPU: in user mode the thread being waited
 * for may well be descheduled (and under qemu-user spinning is costly).
 */
void um_cpu_relax(void);
#define cpu_relax()	um_cpu_relax()

#endif

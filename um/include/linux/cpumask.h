/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU masks, as far as the host needs them: the number of host CPUs the
 * process may run on stands for the kernel's online CPUs.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

unsigned int um_num_online_cpus(void);

#define num_online_cpus()	um_num_online_cpus()
#define num_possible_cpus()	um_num_online_cpus()

#endif /* _LINUX_CPUMASK_H */

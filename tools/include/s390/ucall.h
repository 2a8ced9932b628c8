/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ucall: a guest's "hypercall to userspace", as upstream's s390x
 * selftests do it: DIAGNOSE 0x501 (breakpoint) with the address of a
 * struct ucall in a general register; KVM_RUN leaves with
 * KVM_EXIT_S390_SIEIC, ipa 0x83<r1><r3>, ipb 0x05010000.
 */
#ifndef TOOLS_S390_UCALL_H
#define TOOLS_S390_UCALL_H

#include <stdint.h>

/* upstream 6.1's struct ucall (64 bytes, in the lowcore below 0x1100) */
#define UCALL_MAX_ARGS 7

enum {
	UCALL_NONE,
	UCALL_SYNC,
	UCALL_ABORT,
	UCALL_DONE,
};

struct ucall {
	uint64_t cmd;
	uint64_t args[UCALL_MAX_ARGS];
};

/* guest side */
void ucall(uint64_t cmd, int nargs, ...);

#define GUEST_SYNC_ARGS(stage, a1, a2, a3, a4)	\
	ucall(UCALL_SYNC, 6, "hello", stage, a1, a2, a3, a4)
#define GUEST_SYNC(stage)	ucall(UCALL_SYNC, 2, "hello", stage)
#define GUEST_DONE()		ucall(UCALL_DONE, 0)
/*
 * args: file, line, the failed condition, two values (not upstream's
 * order, hence not upstream's name)
 */
#define GUEST_ASSERT_VALS(cond, a, b)					\
do {									\
	if (!(cond))							\
		ucall(UCALL_ABORT, 5, __FILE__, __LINE__, #cond,	\
		      (uint64_t)(a), (uint64_t)(b));			\
} while (0)
#define GUEST_ASSERT(cond)	GUEST_ASSERT_VALS(cond, 0, 0)
#define GUEST_ASSERT_EQ(a, b)	GUEST_ASSERT_VALS((a) == (b), a, b)

#endif /* TOOLS_S390_UCALL_H */

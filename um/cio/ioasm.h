/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's version of 6.1's drivers/s390/cio/ioasm.h: the I/O
 * instructions.  um/cio/ioasm.c executes them on the simulated channel
 * subsystem; this is the hardware boundary.
 */
#ifndef S390_CIO_IOASM_H
#define S390_CIO_IOASM_H

#include <asm/chpid.h>
#include <asm/schid.h>
#include <asm/crw.h>
#include <asm/tpi.h>
#include <orb.h>
#include "cio.h"

/*
 * The kernel's names of the instructions are the names a guest library
 * (tools/testing/selftests/kvm/lib) gives its own; in one process the
 * host kernel's take a prefix.  Callers keep writing ssch(), tsch(), ...
 */
#define stsch	um_ioasm_stsch
#define msch	um_ioasm_msch
#define tsch	um_ioasm_tsch
#define ssch	um_ioasm_ssch
#define csch	um_ioasm_csch
#define tpi	um_ioasm_tpi
#define rsch	um_ioasm_rsch
#define hsch	um_ioasm_hsch
#define xsch	um_ioasm_xsch
#define stcrw	um_ioasm_stcrw

int stsch(struct subchannel_id schid, struct schib *addr);
int msch(struct subchannel_id schid, struct schib *addr);
int tsch(struct subchannel_id schid, struct irb *addr);
int ssch(struct subchannel_id schid, union orb *addr);
int csch(struct subchannel_id schid);
int tpi(struct tpi_info *addr);
int rsch(struct subchannel_id schid);
int hsch(struct subchannel_id schid);
int xsch(struct subchannel_id schid);
int stcrw(struct crw *crw);

#endif /* S390_CIO_IOASM_H */

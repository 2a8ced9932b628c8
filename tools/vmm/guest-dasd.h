/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between the VMM and its guest program (guest-dasd.c): the
 * guest's memory map and the control block in it.  Both sides are built
 * together, so the control block is in this program's own byte order;
 * everything the guest hands to the channel subsystem (ORB, SCHIB, IRB)
 * is architected (cb.h) and its CCWs are as vfio-ccw reads them.
 */
#ifndef VMM_GUEST_DASD_H
#define VMM_GUEST_DASD_H

#include <stdint.h>

/* guest real = absolute addresses (each vcpu's prefix is elsewhere) */
#define G_CODE_BASE	0x080000UL	/* entries, 32 bytes a vcpu */
#define G_PREFIX_BASE	0x100000UL	/* 8 KiB lowcore a vcpu */
#define G_CTL		0x200000UL	/* struct guest_ctl */
#define G_IO_BASE	0x400000UL	/* per-vcpu I/O area */
#define G_IO_SIZE	0x020000UL
#define G_SEQ_TABLE	0x800000UL	/* u64 a block: last seq written */
#define G_SEQ_MAX	(1UL << 20)	/* bytes */
#define G_LAT_BASE	0xa00000UL	/* per vcpu: u32 latency samples */
#define G_LAT_SAMPLES	(1U << 16)	/* a ring, the latest kept */
#define G_LAT_SIZE	(G_LAT_SAMPLES * 4UL)
#define G_CLAT_BASE	0x1200000UL	/* the same, completion to handler */

/* lowcore bytes of the program's own (per CPU) */
#define LC_VMM_VCPU	0x1800		/* this CPU's vcpu number */
#define LC_VMM_PGM	0x1808	/* last program-interruption code */
#define LC_VMM_PGMS	0x180c	/* program interruptions taken */

/* the 3390 on a dasdinit -linux image */
#define DASD_HEADS	15
#define DASD_RECS	12		/* 4 KiB records a data track */
#define DASD_BLOCK	4096
#define DASD_FIRST_TRACK 30		/* keep off the label cylinders */
#define NULL_DEVTYPE	0x3370		/* the host's null device (Sense ID) */

enum workload {
	WL_READ,
	WL_WRITE,
	WL_READWRITE,
	WL_VERIFY,	/* read every block once, check it, end */
	WL_JOURNAL,	/* readwrite, each acknowledged write reported */
	WL_MISBEHAVE,	/* bad ORBs, addresses, subchannels */
	WL_INTERPLAY,	/* status, TSCH/TPI/HSCH/CSCH/MSCH interplay */
	WL_NR
};

extern const char *const workload_names[WL_NR];

#define MIS_CHECKS	64
#define ISC_OF(sch)	((sch) & 7)

struct guest_ctl {
	uint32_t workload;
	uint32_t nr_vcpus;
	uint32_t first_track;
	uint32_t nr_tracks;	/* per DASD, from first_track (guest sets) */
	uint32_t stop;		/* set by the VMM: end after this I/O */
	uint32_t ready;		/* vcpus past discovery */
	uint32_t nr_sch;	/* DASDs found (STSCH) */
	uint32_t done;		/* vcpus that ended */
	uint32_t lock[8];	/* per subchannel: one I/O at a time */
	uint64_t ios, bytes, reads, writes, errors;
	uint64_t seq;		/* write sequence numbers */
	uint64_t verified;	/* blocks checked by WL_VERIFY */
	uint64_t torn;		/* ... found damaged, one per device at most */
	/* the first error: what, subchannel, status */
	uint32_t err_what, err_sch, err_stat, err_info;
	uint32_t devtype[8];	/* from Sense ID, per subchannel */
	uint32_t cyls[8];	/* from RDC */
	/* WL_MISBEHAVE: what each check expected and got */
	uint32_t mis_n;
	struct { uint32_t want, got; } mis[MIS_CHECKS];
	/* the VMM's answer to GSYNC_FAULT: 0 injected, else -errno */
	int32_t fault_result;
	uint32_t nr_crws, crws[8];	/* STCRW in the mcheck handler */
	/*
	 * Latency, SSCH to the I/O interruption handler, in ns, sampled
	 * while @measure (set by the VMM); a vcpu's samples in its ring at
	 * G_LAT_BASE, @nr_lat[vcpu] of them written.
	 */
	uint32_t measure;
	uint32_t nr_lat[16];
	/*
	 * Measurement only, not architecture: the host machine's time
	 * stamp of subchannel @sch's last status (monotonic ns, 0: none),
	 * set by the VMM when it knows the host subchannel; the handler
	 * samples completion-to-handler latency into G_CLAT_BASE.
	 */
	uint64_t (*status_ns)(uint32_t sch);
	uint32_t nr_clat[16];
	/*
	 * Exact accounting: programs started (SSCH cc 0), final statuses
	 * taken, I/O interruptions taken, and those whose TSCH found no
	 * status (cc 1: a duplicated interruption).
	 */
	uint64_t started, completed, irqs, spurious;
};

/* err_what */
enum {
	GERR_NONE, GERR_CC, GERR_STATUS, GERR_DATA, GERR_SENSEID, GERR_RDC,
	GERR_NODEV, GERR_PGM,
};

/* ucall SYNC codes the guest sends */
#define GSYNC_ACK	1	/* args: block index, seq (WL_JOURNAL) */
#define GSYNC_FAULT	2	/* args: subchannel, fault, arg */
#define GSYNC_UNBIND	3	/* --direct: the VMM unbinds every subchannel */
#define FAULT_PATH	3	/* the path fails before command arg */
#define FAULT_REMOVE	4	/* the host removes the mdev */

#endif /* VMM_GUEST_DASD_H */

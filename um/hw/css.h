/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated channel subsystem: the I/O instructions (the hardware
 * boundary the cio layer calls through its ioasm wrappers), channel paths,
 * channel-report words, the channel's storage and the service element's
 * controls (configuration, vary, fault injection).
 *
 * Instructions return the condition code (0..3), or a negative program
 * interruption code (-UM_PGM_*) when the instruction would take a program
 * exception instead of completing.
 */
#ifndef _UM_HW_CSS_H
#define _UM_HW_CSS_H

#include <linux/types.h>
#include <asm/cio.h>
#include <asm/crw.h>
#include <asm/schid.h>

struct schib;
union orb;

#define UM_PGM_OPERAND		(0x15)
#define UM_PGM_SPECIFICATION	(0x06)

#define UM_CSS_MAX_SCH		256
#define UM_CSS_MAX_CHAN_THREADS	8

/* the I/O instructions */
int um_css_ssch(struct subchannel_id schid, const union orb *orb);
int um_css_tsch(struct subchannel_id schid, struct irb *irb);
int um_css_stsch(struct subchannel_id schid, struct schib *schib);
int um_css_msch(struct subchannel_id schid, const struct schib *schib);
int um_css_hsch(struct subchannel_id schid);
int um_css_csch(struct subchannel_id schid);
int um_css_xsch(struct subchannel_id schid);
int um_css_rsch(struct subchannel_id schid);
int um_css_stcrw(struct crw *crw);

/*
 * TPI: wait (up to @timeout_ns, <0 forever, 0 = just test) for a pending
 * I/O interruption of an ISC enabled in @isc_mask (0x80 >> isc), dequeue
 * it and return 1 with its subchannel id and intparm; 0 if none.
 */
int um_css_tpi_wait(u8 isc_mask, struct subchannel_id *schid,
		    u32 *intparm, s64 timeout_ns);

/*
 * The host's CPU for I/O interruptions (the host has one cio layer):
 * CR6's I/O-interruption subclass mask (0x80 >> isc) and the handler
 * the interruption enters (the I/O new PSW).  The handler is called
 * without any of the machine's locks on the channel thread that made an
 * interruption pending, at once; it takes them with um_css_tpi_cpu().
 * Interruptions made pending elsewhere (by an instruction's immediate
 * status) or while their ISC is masked are taken by a thread waiting in
 * um_css_tpi_cpu(@wait).  Each pending interruption is taken once.
 */
void um_css_set_isc_mask(u8 mask);
void um_css_set_io_handler(void (*fn)(void));
/* TPI under CR6; @wait: until one is pending (else just test) */
int um_css_tpi_cpu(struct subchannel_id *schid, u32 *intparm, bool wait);
/* how many threads wait in TPI (tests: the interrupt thread is idle) */
int um_css_tpi_waiters(void);
/* monotonic ns when the subchannel's status last became pending, or 0 */
u64 um_css_status_ns(u16 sch_no);

/* the machine-check side: a CRW is pending (callback from any thread) */
void um_css_set_crw_notify(void (*fn)(void));

/* ---- channel storage ---- */
/*
 * Channel programs, IDAWs and data areas must lie in the channel's
 * storage: a 31-bit arena (the host has no other memory below 2 GiB it
 * can promise).  Anything else is an addressing error for the channel.
 * A 24-bit window at its start serves format-0 programs.
 */
void *um_css_dma_alloc(size_t size, bool below_16m);
void um_css_dma_free(void *p);
/* 31-bit address of @p (must be in the arena), for cda/cpa/IDAWs */
u32 um_css_addr(const void *p);
/* does @p lie in the 31-bit arena (an allocation of um_css_dma_alloc)? */
bool um_css_dma_owned(const void *p);
/*
 * Pages outside the arena that the channel may address with 64-bit
 * (format-2) IDAWs: host memory pinned for a device (vfio_pin_pages).
 * Counted per page; key 0, no fetch protection.
 */
int um_css_storage_pin(const void *page);
void um_css_storage_unpin(const void *page);
/* set the storage key (4 bits) and fetch-protection of a page */
int um_css_set_key(const void *page, u8 key, bool fetch_protect);

/* ---- configuration (the machine file, tests) ---- */
struct um_css_dev;

int um_css_add_chpid(u8 chpid, bool online);
/* vary a channel path on/offline: queues a CRW, updates every PMCW */
int um_css_vary_chpid(u8 chpid, bool online);
/* 1 online, 0 offline, -ENODEV not installed */
int um_css_chpid_online(u8 chpid);
/* a new I/O subchannel for @dev, numbered in order; returns its number */
int um_css_add_subchannel(u16 devno, struct um_css_dev *dev,
			  const u8 *chpids, int nr_chpids);
int um_css_nr_subchannels(void);
struct um_css_dev *um_css_sch_dev(u16 sch_no);
/* the machine file (machine.c): "file:line: reason" in @err */
int um_machine_load_file(const char *path, char *err, size_t errlen);

/* number of channel threads (1..UM_CSS_MAX_CHAN_THREADS) */
int um_css_set_channel_threads(int n);
/* forget every subchannel and chpid (tests); nothing may be in flight */
void um_css_reset(void);

/* ---- fault injection (per subchannel) ---- */
enum um_css_fault {
	UM_FAULT_NONE,
	UM_FAULT_NOT_OPER,	/* device gone: SSCH cc 3, running I/O ends */
	UM_FAULT_BUSY,		/* the next start finds the device busy */
	UM_FAULT_PATH,		/* the path fails before command @arg */
	UM_FAULT_DATA_CHECK,	/* channel-data check in command @arg */
	UM_FAULT_CHAIN_CHECK,	/* chaining check, command @arg's chain */
};
int um_css_inject(u16 sch_no, enum um_css_fault fault, int arg);

/* the channel program's current statistics (bench) */
u64 um_css_programs_done(void);

#endif /* _UM_HW_CSS_H */

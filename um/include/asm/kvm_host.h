/* SPDX-License-Identifier: GPL-2.0 */
/*
 * s390 part of the KVM core's data structures (user-mode host version of
 * arch/s390/include/asm/kvm_host.h).  Field names and types follow Linux
 * 6.1 for everything portable code (FLIC, interrupt delivery, adapters)
 * touches; hardware-only parts (SCA, gmap, crypto, PV, vsie) are left out.
 */
#ifndef ASM_KVM_HOST_H
#define ASM_KVM_HOST_H

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/bitmap.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/kvm_types.h>
#include <linux/kvm.h>
#include <asm/ptrace.h>
#include <asm/isc.h>

#define KVM_S390_BSCA_CPU_SLOTS 64
#define KVM_S390_ESCA_CPU_SLOTS 248
#define KVM_MAX_VCPUS 255

/*
 * The simulated machine behaves like a host with ESCA and 64-bit BSCA
 * origins: vcpu ids 0..KVM_S390_ESCA_CPU_SLOTS-1 are usable.
 */
#define KVM_S390_MAX_VCPU_ID_USABLE KVM_S390_ESCA_CPU_SLOTS

#define KVM_HALT_POLL_NS_DEFAULT 50000

/* s390 has no read-only memslots (no __KVM_HAVE_READONLY_MEM). */

#define SIGP_CTRL_C		0x80
#define SIGP_CTRL_SCN_MASK	0x3f

/* Interception codes (sie_block->icptcode). */
#define ICPT_INST	0x04
#define ICPT_PROGI	0x08
#define ICPT_INSTPROGI	0x0C
#define ICPT_EXTREQ	0x10
#define ICPT_EXTINT	0x14
#define ICPT_IOREQ	0x18
#define ICPT_WAIT	0x1c
#define ICPT_VALIDITY	0x20
#define ICPT_STOP	0x28
#define ICPT_OPEREXC	0x2C
#define ICPT_PARTEXEC	0x38
#define ICPT_IOINST	0x40
#define ICPT_KSS	0x5c
#define ICPT_MCHKREQ	0x60
#define ICPT_INT_ENABLE	0x64

/* cpuflags bits */
#define CPUSTAT_STOPPED    0x80000000
#define CPUSTAT_WAIT       0x10000000
#define CPUSTAT_ECALL_PEND 0x08000000
#define CPUSTAT_STOP_INT   0x04000000
#define CPUSTAT_IO_INT     0x02000000
#define CPUSTAT_EXT_INT    0x01000000
#define CPUSTAT_RUNNING    0x00800000
#define CPUSTAT_RETAINED   0x00400000
#define CPUSTAT_TIMING_SUB 0x00020000
#define CPUSTAT_SIE_SUB    0x00010000
#define CPUSTAT_RRF        0x00008000
#define CPUSTAT_SLSV       0x00004000
#define CPUSTAT_SLSR       0x00002000
#define CPUSTAT_ZARCH      0x00000800
#define CPUSTAT_MCDS       0x00000100
#define CPUSTAT_KSS        0x00000200
#define CPUSTAT_SM         0x00000080
#define CPUSTAT_IBS        0x00000040
#define CPUSTAT_GED2       0x00000010
#define CPUSTAT_G          0x00000008
#define CPUSTAT_GED        0x00000004
#define CPUSTAT_J          0x00000002
#define CPUSTAT_P          0x00000001

#define LCTL_CR0	0x8000
#define LCTL_CR6	0x0200
#define LCTL_CR9	0x0040
#define LCTL_CR10	0x0020
#define LCTL_CR11	0x0010
#define LCTL_CR14	0x0002

#define GUEST_PREFIX_SHIFT 13

/* Instruction intercept controls (sie_block->ictl). */
#define ICTL_OPEREXC	0x80000000
#define ICTL_PINT	0x20000000
#define ICTL_LPSW	0x00400000
#define ICTL_STCTL	0x00040000

/*
 * The validity-intercept reason the simulated CPU gives when the guest
 * could only loop on program interruptions (iprcc holds the code);
 * arch/s390/kvm/kvm-s390.h has the same definition for kbuild.
 */
#define KVM_S390_VIR_PGM_LOOP		0x5500

/* Program-interruption codes. */
#define PGM_OPERATION		0x01
#define PGM_PRIVILEGED_OP	0x02
#define PGM_EXECUTE		0x03
#define PGM_PROTECTION		0x04
#define PGM_ADDRESSING		0x05
#define PGM_SPECIFICATION	0x06
#define PGM_DATA		0x07
#define PGM_OPERAND		0x15

/* Control registers after an initial CPU reset. */
#define CR0_INITIAL_MASK	0xe0UL
#define CR14_INITIAL_MASK	0xc2000000UL

/*
 * The state-description block the hardware's SIE works on.  Here the
 * simulated CPU (um/hw) works on it instead, so it is an ordinary struct
 * with 6.1's field names (no architected layout is needed: nothing but
 * our CPU model reads it).  cpuflags, lctl and ictl are the interface
 * between the two: the kernel asks for intercepts there, the CPU looks
 * at them at every instruction boundary.  The gprs 0..13 and access registers live in
 * vcpu->run->s.regs as upstream (sync regs); gg14/gg15 hold gprs 14/15
 * while the guest runs, as on the machine.
 */
struct kvm_s390_sie_block {
	atomic_t cpuflags;		/* CPUSTAT_* */
	__u32	prefix;			/* prefix >> GUEST_PREFIX_SHIFT */
	__u32	prog0c;
	atomic_t prog20;
	__u64	cputm;			/* CPU timer */
	__u64	ckc;			/* clock comparator */
	__u64	epoch;			/* TOD epoch difference */
	__u16	lctl;			/* LCTL_* intercept controls */
	__s16	icpua;			/* cpu address */
	__u32	ictl;
	__u32	eca;
	__u8	icptcode;		/* ICPT_*: why the guest left */
	__u8	icptstatus;
	__u16	ihcpu;
	__u8	iictl;
	__u16	ipa;			/* instruction parameter a */
	__u32	ipb;			/* instruction parameter b */
	__u8	fpf;
	__u8	ecb;
	__u8	ecb2;
	__u8	ecb3;
	__u32	todpr;
	__u64	mso;
	__u64	msl;
	psw_t	gpsw;			/* guest PSW */
	__u64	gg14;
	__u64	gg15;
	union {
		struct {
			__u32	eiparams;
			__u16	extcpuaddr;
			__u16	eic;
		};
		__u64	mcic;
	};
	union {
		struct {
			__u16	pgmilc;
			__u16	iprcc;
		};
		__u32	edc;
	};
	union {
		struct {
			__u32	dxc;
			__u16	mcn;
			__u8	perc;
			__u8	peratmid;
		};
		__u64	faddr;
	};
	__u64	peraddr;
	__u8	eai;
	__u8	peraid;
	__u8	oai;
	__u8	armid;
	union {
		__u64	tecmc;
		struct {
			__u16	subchannel_id;
			__u16	subchannel_nr;
			__u32	io_int_parm;
			__u32	io_int_word;
		};
	};
	__u64	gcr[16];		/* guest control registers */
	__u64	gbea;
	__u32	fac;
	__u64	pp;
	__u64	todpr_pad;
	/* user-mode host only: the simulated CPU that runs this block */
	void	*um_cpu;
};

/*
 * Run the guest of @sie_block until it needs the hypervisor (the SIE
 * instruction; um/hw/cpu.c).  Returns 0, with sie_block->icptcode saying
 * why (0: the guest was only interrupted).
 */
int sie64a(struct kvm_s390_sie_block *sie_block, u64 *gprs);

struct kvm_vcpu_stat {
	struct kvm_vcpu_stat_generic generic;
	u64 exit_userspace;
	u64 exit_null;
	u64 exit_external_request;
	u64 exit_io_request;
	u64 exit_external_interrupt;
	u64 exit_stop_request;
	u64 exit_validity;
	u64 exit_instruction;
	u64 exit_pei;
	u64 halt_no_poll_steal;
	u64 instruction_lctl;
	u64 instruction_lctlg;
	u64 instruction_stctl;
	u64 instruction_stctg;
	u64 exit_program_interruption;
	u64 exit_instr_and_program;
	u64 exit_operation_exception;
	u64 deliver_ckc;
	u64 deliver_cputm;
	u64 deliver_external_call;
	u64 deliver_emergency_signal;
	u64 deliver_service_signal;
	u64 deliver_virtio;
	u64 deliver_stop_signal;
	u64 deliver_prefix_signal;
	u64 deliver_restart_signal;
	u64 deliver_program;
	u64 deliver_io;
	u64 deliver_machine_check;
	u64 exit_wait_state;
	u64 inject_ckc;
	u64 inject_cputm;
	u64 inject_external_call;
	u64 inject_emergency_signal;
	u64 inject_mchk;
	u64 inject_pfault_init;
	u64 inject_program;
	u64 inject_restart;
	u64 inject_set_prefix;
	u64 inject_stop_signal;
	u64 instruction_epsw;
	u64 instruction_gs;
	u64 instruction_io_other;
	u64 instruction_lpsw;
	u64 instruction_lpswe;
	u64 instruction_lpswey;
	u64 instruction_pfmf;
	u64 instruction_ptff;
	u64 instruction_sck;
	u64 instruction_sckpf;
	u64 instruction_stidp;
	u64 instruction_spx;
	u64 instruction_stpx;
	u64 instruction_stap;
	u64 instruction_iske;
	u64 instruction_ri;
	u64 instruction_rrbe;
	u64 instruction_sske;
	u64 instruction_ipte_interlock;
	u64 instruction_stsi;
	u64 instruction_stfl;
	u64 instruction_tb;
	u64 instruction_tpi;
	u64 instruction_tprot;
	u64 instruction_tsch;
	u64 instruction_sie;
	u64 instruction_essa;
	u64 instruction_sthyi;
	u64 instruction_sigp_sense;
	u64 instruction_sigp_sense_running;
	u64 instruction_sigp_external_call;
	u64 instruction_sigp_emergency;
	u64 instruction_sigp_cond_emergency;
	u64 instruction_sigp_start;
	u64 instruction_sigp_stop;
	u64 instruction_sigp_stop_store_status;
	u64 instruction_sigp_store_status;
	u64 instruction_sigp_store_adtl_status;
	u64 instruction_sigp_arch;
	u64 instruction_sigp_prefix;
	u64 instruction_sigp_restart;
	u64 instruction_sigp_init_cpu_reset;
	u64 instruction_sigp_cpu_reset;
	u64 instruction_sigp_unknown;
	u64 instruction_diagnose_10;
	u64 instruction_diagnose_44;
	u64 instruction_diagnose_9c;
	u64 diag_9c_ignored;
	u64 diag_9c_forward;
	u64 instruction_diagnose_258;
	u64 instruction_diagnose_308;
	u64 instruction_diagnose_500;
	u64 instruction_diagnose_other;
	u64 pfault_sync;
	/* not in 6.1: direct injection (arch/s390/kvm/ccw_direct.c) */
	u64 instruction_ssch_kernel;
	u64 instruction_tsch_kernel;
};

struct kvm_vm_stat {
	struct kvm_vm_stat_generic generic;
	u64 inject_io;
	u64 inject_float_mchk;
	u64 inject_pfault_done;
	u64 inject_service_signal;
	u64 inject_virtio;
	u64 aen_forward;
	u64 gmap_shadow_create;
	u64 gmap_shadow_reuse;
	u64 gmap_shadow_r1_entry;
	u64 gmap_shadow_r2_entry;
	u64 gmap_shadow_r3_entry;
	u64 gmap_shadow_sg_entry;
	u64 gmap_shadow_pg_entry;
	/* not in 6.1: direct injection (arch/s390/kvm/ccw_direct.c) */
	u64 io_direct_injected;
};

/* the two structs above have the direct-injection counters */
#define KVM_S390_HAVE_CCW_STATS 1

struct kvm_arch_memory_slot {
};

enum irq_types {
	IRQ_PEND_SET_PREFIX = 0,
	IRQ_PEND_RESTART,
	IRQ_PEND_SIGP_STOP,
	IRQ_PEND_IO_ISC_7,
	IRQ_PEND_IO_ISC_6,
	IRQ_PEND_IO_ISC_5,
	IRQ_PEND_IO_ISC_4,
	IRQ_PEND_IO_ISC_3,
	IRQ_PEND_IO_ISC_2,
	IRQ_PEND_IO_ISC_1,
	IRQ_PEND_IO_ISC_0,
	IRQ_PEND_VIRTIO,
	IRQ_PEND_PFAULT_DONE,
	IRQ_PEND_PFAULT_INIT,
	IRQ_PEND_EXT_HOST,
	IRQ_PEND_EXT_SERVICE,
	IRQ_PEND_EXT_SERVICE_EV,
	IRQ_PEND_EXT_TIMING,
	IRQ_PEND_EXT_CPU_TIMER,
	IRQ_PEND_EXT_CLOCK_COMP,
	IRQ_PEND_EXT_EXTERNAL,
	IRQ_PEND_EXT_EMERGENCY,
	IRQ_PEND_EXT_MALFUNC,
	IRQ_PEND_EXT_IRQ_KEY,
	IRQ_PEND_MCHK_REP,
	IRQ_PEND_PROG,
	IRQ_PEND_SVC,
	IRQ_PEND_MCHK_EX,
	IRQ_PEND_COUNT
};

/* 2M of virtio descriptor pages / 24 bytes per smallest queue */
#define KVM_S390_MAX_VIRTIO_IRQS 87381

#define MCHK_EXTD_BIT 58
#define MCHK_DEGR_BIT 56
#define MCHK_WARN_BIT 55
#define MCHK_REP_MASK ((1UL << MCHK_DEGR_BIT) | \
		       (1UL << MCHK_EXTD_BIT) | \
		       (1UL << MCHK_WARN_BIT))
#define MCHK_SD_BIT 63
#define MCHK_PD_BIT 62
#define MCHK_EX_MASK ((1UL << MCHK_SD_BIT) | (1UL << MCHK_PD_BIT))

#define IRQ_PEND_EXT_MASK ((1UL << IRQ_PEND_EXT_IRQ_KEY)    | \
			   (1UL << IRQ_PEND_EXT_CLOCK_COMP) | \
			   (1UL << IRQ_PEND_EXT_CPU_TIMER)  | \
			   (1UL << IRQ_PEND_EXT_MALFUNC)    | \
			   (1UL << IRQ_PEND_EXT_EMERGENCY)  | \
			   (1UL << IRQ_PEND_EXT_EXTERNAL)   | \
			   (1UL << IRQ_PEND_EXT_TIMING)     | \
			   (1UL << IRQ_PEND_EXT_HOST)       | \
			   (1UL << IRQ_PEND_EXT_SERVICE)    | \
			   (1UL << IRQ_PEND_EXT_SERVICE_EV) | \
			   (1UL << IRQ_PEND_VIRTIO)         | \
			   (1UL << IRQ_PEND_PFAULT_INIT)    | \
			   (1UL << IRQ_PEND_PFAULT_DONE))

#define IRQ_PEND_IO_MASK ((1UL << IRQ_PEND_IO_ISC_0) | \
			  (1UL << IRQ_PEND_IO_ISC_1) | \
			  (1UL << IRQ_PEND_IO_ISC_2) | \
			  (1UL << IRQ_PEND_IO_ISC_3) | \
			  (1UL << IRQ_PEND_IO_ISC_4) | \
			  (1UL << IRQ_PEND_IO_ISC_5) | \
			  (1UL << IRQ_PEND_IO_ISC_6) | \
			  (1UL << IRQ_PEND_IO_ISC_7))

#define IRQ_PEND_MCHK_MASK ((1UL << IRQ_PEND_MCHK_REP) | \
			    (1UL << IRQ_PEND_MCHK_EX))

#define IRQ_PEND_EXT_II_MASK ((1UL << IRQ_PEND_EXT_CPU_TIMER)  | \
			      (1UL << IRQ_PEND_EXT_CLOCK_COMP) | \
			      (1UL << IRQ_PEND_EXT_EMERGENCY)  | \
			      (1UL << IRQ_PEND_EXT_EXTERNAL)   | \
			      (1UL << IRQ_PEND_EXT_SERVICE)    | \
			      (1UL << IRQ_PEND_EXT_SERVICE_EV))

struct kvm_s390_interrupt_info {
	struct list_head list;
	u64	type;
	union {
		struct kvm_s390_io_info io;
		struct kvm_s390_ext_info ext;
		struct kvm_s390_pgm_info pgm;
		struct kvm_s390_emerg_info emerg;
		struct kvm_s390_extcall_info extcall;
		struct kvm_s390_prefix_info prefix;
		struct kvm_s390_stop_info stop;
		struct kvm_s390_mchk_info mchk;
	};
};

struct kvm_s390_irq_payload {
	struct kvm_s390_io_info io;
	struct kvm_s390_ext_info ext;
	struct kvm_s390_pgm_info pgm;
	struct kvm_s390_emerg_info emerg;
	struct kvm_s390_extcall_info extcall;
	struct kvm_s390_prefix_info prefix;
	struct kvm_s390_stop_info stop;
	struct kvm_s390_mchk_info mchk;
};

/* Interrupts pending for one vcpu only. */
struct kvm_s390_local_interrupt {
	spinlock_t lock;	/* protects the whole struct */
	DECLARE_BITMAP(sigp_emerg_pending, KVM_MAX_VCPUS);
	struct kvm_s390_irq_payload irq;
	unsigned long pending_irqs;	/* IRQ_PEND_* bits */
};

#define FIRQ_LIST_IO_ISC_0 0
#define FIRQ_LIST_IO_ISC_1 1
#define FIRQ_LIST_IO_ISC_2 2
#define FIRQ_LIST_IO_ISC_3 3
#define FIRQ_LIST_IO_ISC_4 4
#define FIRQ_LIST_IO_ISC_5 5
#define FIRQ_LIST_IO_ISC_6 6
#define FIRQ_LIST_IO_ISC_7 7
#define FIRQ_LIST_PFAULT   8
#define FIRQ_LIST_VIRTIO   9
#define FIRQ_LIST_COUNT   10
#define FIRQ_CNTR_IO       0
#define FIRQ_CNTR_SERVICE  1
#define FIRQ_CNTR_VIRTIO   2
#define FIRQ_CNTR_PFAULT   3
#define FIRQ_MAX_COUNT     4

#define AIS_MODE_MASK(isc) (0x80 >> isc)

#define KVM_S390_AIS_MODE_ALL    0
#define KVM_S390_AIS_MODE_SINGLE 1

/* Interrupts any vcpu of the VM may take. */
struct kvm_s390_float_interrupt {
	unsigned long pending_irqs;	/* IRQ_PEND_* bits */
	unsigned long masked_irqs;
	spinlock_t lock;	/* protects everything but ais state */
	struct list_head lists[FIRQ_LIST_COUNT];
	int counters[FIRQ_MAX_COUNT];
	struct kvm_s390_mchk_info mchk;
	struct kvm_s390_ext_info srv_signal;
	int next_rr_cpu;
	struct mutex ais_lock;	/* protects simm and nimm */
	u8 simm;
	u8 nimm;
};

struct s390_io_adapter {
	unsigned int id;
	int isc;
	bool maskable;
	bool masked;
	bool swap;
	bool suppressible;
};

#define MAX_S390_IO_ADAPTERS ((MAX_ISC + 1) * 8)
#define MAX_S390_ADAPTER_MAPS 256

/* maximum size of facilities and facility mask is 2k bytes */
#define S390_ARCH_FAC_LIST_SIZE_BYTE (1<<11)
#define S390_ARCH_FAC_LIST_SIZE_U64 \
	(S390_ARCH_FAC_LIST_SIZE_BYTE / sizeof(u64))
#define S390_ARCH_FAC_MASK_SIZE_BYTE S390_ARCH_FAC_LIST_SIZE_BYTE
#define S390_ARCH_FAC_MASK_SIZE_U64 \
	(S390_ARCH_FAC_MASK_SIZE_BYTE / sizeof(u64))

struct kvm_s390_cpu_model {
	/* facility mask supported by kvm & hosting machine */
	__u64 fac_mask[S390_ARCH_FAC_MASK_SIZE_U64];
	/* facility list requested by guest (in dma page) */
	__u64 fac_list[S390_ARCH_FAC_LIST_SIZE_U64];
	u64 cpuid;
	unsigned short ibc;
};

struct kvm_vcpu_arch {
	struct kvm_s390_sie_block *sie_block;
	struct kvm_s390_local_interrupt local_int;
	struct kvm_s390_pgm_info pgm;
	unsigned long pfault_token;
	unsigned long pfault_select;
	unsigned long pfault_compare;
	bool cputm_enabled;
	__u64 cputm_start;
};

struct kvm_arch {
	struct kvm_s390_float_interrupt float_int;
	struct kvm_device *flic;
	unsigned long mem_limit;
	int css_support;
	int use_irqchip;
	int use_cmma;
	int use_pfmfi;
	int use_skf;
	int user_cpu_state_ctrl;
	int user_sigp;
	int user_stsi;
	int user_instr0;
	struct s390_io_adapter *adapters[MAX_S390_IO_ADAPTERS];
	spinlock_t start_stop_lock;	/* serializes vcpu start/stop */
	struct kvm_s390_cpu_model model;
	u8 epdx;
	u64 epoch;
	int migration_mode;
	/* indexed by vcpu_idx */
	DECLARE_BITMAP(idle_mask, KVM_MAX_VCPUS);
	/* user-mode host: private state of the simulated machine (um/hw) */
	void *um_machine;
};

static inline void kvm_arch_sync_events(struct kvm *kvm) {}
static inline void kvm_arch_free_memslot(struct kvm *kvm,
					 struct kvm_memory_slot *slot) {}
static inline void kvm_arch_memslots_updated(struct kvm *kvm, u64 gen) {}

#endif /* ASM_KVM_HOST_H */

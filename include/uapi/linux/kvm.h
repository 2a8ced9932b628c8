/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * KVM userspace ABI (/dev/kvm, VM, vcpu and device fds), the part an s390
 * VMM uses: system/VM/vcpu ioctls, kvm_run, s390 interrupt injection,
 * irq routing and irqfd, the device control API and binary statistics.
 *
 * ABI-identical to Linux 6.1 (s390); tools/testing/uapi checks every
 * constant, struct size and member offset against the distribution's copy.
 * Definitions for other architectures are left out unless a shared
 * structure (kvm_run, the routing entry union) needs them for its layout.
 */
#ifndef __LINUX_KVM_H
#define __LINUX_KVM_H

#include <linux/types.h>
#include <linux/ioctl.h>
#include <asm/kvm.h>

#define KVM_API_VERSION 12

/* KVM_SET_USER_MEMORY_REGION */
struct kvm_userspace_memory_region {
	__u32 slot;
	__u32 flags;
	__u64 guest_phys_addr;
	__u64 memory_size;	/* bytes */
	__u64 userspace_addr;	/* start of the backing user memory */
};

/* Bits 0-15 of the memslot flags belong to userspace. */
#define KVM_MEM_LOG_DIRTY_PAGES	(1UL << 0)
#define KVM_MEM_READONLY	(1UL << 1)

/* KVM_IRQ_LINE */
struct kvm_irq_level {
	union {
		__u32 irq;
		__s32 status;
	};
	__u32 level;
};

/* KVM_S390_GET_SKEYS / KVM_S390_SET_SKEYS */
struct kvm_s390_skeys {
	__u64 start_gfn;
	__u64 count;
	__u64 skeydata_addr;
	__u32 flags;
	__u32 reserved[9];
};

#define KVM_S390_CMMA_PEEK (1 << 0)

/* KVM_S390_GET_CMMA_BITS / KVM_S390_SET_CMMA_BITS (CMMA migration) */
struct kvm_s390_cmma_log {
	__u64 start_gfn;
	__u32 count;
	__u32 flags;
	union {
		__u64 remaining;	/* get: dirty pages left */
		__u64 mask;		/* set: PGSTE bits to change */
	};
	__u64 values;
};

/* kvm_run.hyperv: part of the kvm_run exit union on every architecture */
#define KVM_EXIT_HYPERV_SYNIC		1
#define KVM_EXIT_HYPERV_HCALL		2
#define KVM_EXIT_HYPERV_SYNDBG		3
struct kvm_hyperv_exit {
	__u32 type;
	__u32 pad1;
	union {
		struct {
			__u32 msr;
			__u32 pad2;
			__u64 control;
			__u64 evt_page;
			__u64 msg_page;
		} synic;
		struct {
			__u64 input;
			__u64 result;
			__u64 params[2];
		} hcall;
		struct {
			__u32 msr;
			__u32 pad2;
			__u64 control;
			__u64 status;
			__u64 send_page;
			__u64 recv_page;
			__u64 pending_page;
		} syndbg;
	} u;
};

/* kvm_run.xen, likewise */
#define KVM_EXIT_XEN_HCALL		1
struct kvm_xen_exit {
	__u32 type;
	union {
		struct {
			__u32 longmode;
			__u32 cpl;
			__u64 input;
			__u64 result;
			__u64 params[6];
		} hcall;
	} u;
};

#define KVM_S390_GET_SKEYS_NONE		1
#define KVM_S390_SKEYS_MAX		1048576

/* kvm_run.exit_reason */
#define KVM_EXIT_UNKNOWN		0
#define KVM_EXIT_EXCEPTION		1
#define KVM_EXIT_IO			2
#define KVM_EXIT_HYPERCALL		3
#define KVM_EXIT_DEBUG			4
#define KVM_EXIT_HLT			5
#define KVM_EXIT_MMIO			6
#define KVM_EXIT_IRQ_WINDOW_OPEN	7
#define KVM_EXIT_SHUTDOWN		8
#define KVM_EXIT_FAIL_ENTRY		9
#define KVM_EXIT_INTR			10
#define KVM_EXIT_SET_TPR		11
#define KVM_EXIT_TPR_ACCESS		12
#define KVM_EXIT_S390_SIEIC		13
#define KVM_EXIT_S390_RESET		14
#define KVM_EXIT_DCR			15	/* deprecated */
#define KVM_EXIT_NMI			16
#define KVM_EXIT_INTERNAL_ERROR		17
#define KVM_EXIT_OSI			18
#define KVM_EXIT_PAPR_HCALL		19
#define KVM_EXIT_S390_UCONTROL		20
#define KVM_EXIT_WATCHDOG		21
#define KVM_EXIT_S390_TSCH		22
#define KVM_EXIT_EPR			23
#define KVM_EXIT_SYSTEM_EVENT		24
#define KVM_EXIT_S390_STSI		25
#define KVM_EXIT_IOAPIC_EOI		26
#define KVM_EXIT_HYPERV			27
#define KVM_EXIT_ARM_NISV		28
#define KVM_EXIT_X86_RDMSR		29
#define KVM_EXIT_X86_WRMSR		30
#define KVM_EXIT_DIRTY_RING_FULL	31
#define KVM_EXIT_AP_RESET_HOLD		32
#define KVM_EXIT_X86_BUS_LOCK		33
#define KVM_EXIT_XEN			34
#define KVM_EXIT_RISCV_SBI		35
#define KVM_EXIT_RISCV_CSR		36
#define KVM_EXIT_NOTIFY			37

/* kvm_run.internal.suberror for KVM_EXIT_INTERNAL_ERROR */
#define KVM_INTERNAL_ERROR_EMULATION			1
#define KVM_INTERNAL_ERROR_SIMUL_EX			2
#define KVM_INTERNAL_ERROR_DELIVERY_EV			3
#define KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON	4

/* kvm_run.emulation_failure.flags */
#define KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES (1ULL << 0)

/* kvm_run.io.direction */
#define KVM_EXIT_IO_IN			0
#define KVM_EXIT_IO_OUT			1

/* kvm_run.s390_reset_flags */
#define KVM_S390_RESET_POR		1
#define KVM_S390_RESET_CLEAR		2
#define KVM_S390_RESET_SUBSYSTEM	4
#define KVM_S390_RESET_CPU_INIT		8
#define KVM_S390_RESET_IPL		16

/* kvm_run.system_event.type */
#define KVM_SYSTEM_EVENT_SHUTDOWN	1
#define KVM_SYSTEM_EVENT_RESET		2
#define KVM_SYSTEM_EVENT_CRASH		3
#define KVM_SYSTEM_EVENT_WAKEUP		4
#define KVM_SYSTEM_EVENT_SUSPEND	5
#define KVM_SYSTEM_EVENT_SEV_TERM	6

/* kvm_run.msr.reason */
#define KVM_MSR_EXIT_REASON_INVAL	(1 << 0)
#define KVM_MSR_EXIT_REASON_UNKNOWN	(1 << 1)
#define KVM_MSR_EXIT_REASON_FILTER	(1 << 2)

/* kvm_run.notify.flags */
#define KVM_NOTIFY_CONTEXT_INVALID	(1 << 0)

/* bytes reserved for kvm_run.s, whatever the arch's kvm_sync_regs needs */
#define SYNC_REGS_SIZE_BYTES 2048

/* KVM_RUN communication area, mmap(vcpu_fd, 0) */
struct kvm_run {
	/* in */
	__u8 request_interrupt_window;
	__u8 immediate_exit;
	__u8 padding1[6];

	/* out */
	__u32 exit_reason;
	__u8 ready_for_interrupt_injection;
	__u8 if_flag;
	__u16 flags;

	/* in before KVM_RUN, out after it */
	__u64 cr8;
	__u64 apic_base;

#ifdef __KVM_S390
	/* guest PSW */
	__u64 psw_mask;
	__u64 psw_addr;
#endif
	/* exit details, selected by exit_reason */
	union {
		/* KVM_EXIT_UNKNOWN */
		struct {
			__u64 hardware_exit_reason;
		} hw;
		/* KVM_EXIT_FAIL_ENTRY */
		struct {
			__u64 hardware_entry_failure_reason;
			__u32 cpu;
		} fail_entry;
		/* KVM_EXIT_EXCEPTION */
		struct {
			__u32 exception;
			__u32 error_code;
		} ex;
		/* KVM_EXIT_IO */
		struct {
			__u8 direction;
			__u8 size;		/* bytes */
			__u16 port;
			__u32 count;
			__u64 data_offset;	/* from the start of kvm_run */
		} io;
		/* KVM_EXIT_DEBUG */
		struct {
			struct kvm_debug_exit_arch arch;
		} debug;
		/* KVM_EXIT_MMIO */
		struct {
			__u64 phys_addr;
			__u8  data[8];
			__u32 len;
			__u8  is_write;
		} mmio;
		/* KVM_EXIT_HYPERCALL */
		struct {
			__u64 nr;
			__u64 args[6];
			__u64 ret;
			__u32 longmode;
			__u32 pad;
		} hypercall;
		/* KVM_EXIT_TPR_ACCESS */
		struct {
			__u64 rip;
			__u32 is_write;
			__u32 pad;
		} tpr_access;
		/* KVM_EXIT_S390_SIEIC: intercept code and instruction */
		struct {
			__u8 icptcode;
			__u16 ipa;
			__u32 ipb;
		} s390_sieic;
		/* KVM_EXIT_S390_RESET */
		__u64 s390_reset_flags;
		/* KVM_EXIT_S390_UCONTROL */
		struct {
			__u64 trans_exc_code;
			__u32 pgm_code;
		} s390_ucontrol;
		/* KVM_EXIT_DCR (deprecated) */
		struct {
			__u32 dcrn;
			__u32 data;
			__u8  is_write;
		} dcr;
		/* KVM_EXIT_INTERNAL_ERROR */
		struct {
			__u32 suberror;
			__u32 ndata;	/* KVM_CAP_INTERNAL_ERROR_DATA */
			__u64 data[16];
		} internal;
		/*
		 * KVM_INTERNAL_ERROR_EMULATION: an ABI overlay of "internal";
		 * ndata counts the valid __u64 words after suberror/ndata.
		 */
		struct {
			__u32 suberror;
			__u32 ndata;
			__u64 flags;
			union {
				struct {
					__u8  insn_size;
					__u8  insn_bytes[15];
				};
			};
		} emulation_failure;
		/* KVM_EXIT_OSI */
		struct {
			__u64 gprs[32];
		} osi;
		/* KVM_EXIT_PAPR_HCALL */
		struct {
			__u64 nr;
			__u64 ret;
			__u64 args[9];
		} papr_hcall;
		/* KVM_EXIT_S390_TSCH: an I/O interrupt userspace must take */
		struct {
			__u16 subchannel_id;
			__u16 subchannel_nr;
			__u32 io_int_parm;
			__u32 io_int_word;
			__u32 ipb;
			__u8 dequeued;
		} s390_tsch;
		/* KVM_EXIT_EPR */
		struct {
			__u32 epr;
		} epr;
		/* KVM_EXIT_SYSTEM_EVENT */
		struct {
			__u32 type;
			__u32 ndata;
			union {
				__u64 flags;
				__u64 data[16];
			};
		} system_event;
		/* KVM_EXIT_S390_STSI */
		struct {
			__u64 addr;
			__u8 ar;
			__u8 reserved;
			__u8 fc;
			__u8 sel1;
			__u16 sel2;
		} s390_stsi;
		/* KVM_EXIT_IOAPIC_EOI */
		struct {
			__u8 vector;
		} eoi;
		/* KVM_EXIT_HYPERV */
		struct kvm_hyperv_exit hyperv;
		/* KVM_EXIT_ARM_NISV */
		struct {
			__u64 esr_iss;
			__u64 fault_ipa;
		} arm_nisv;
		/* KVM_EXIT_X86_RDMSR / KVM_EXIT_X86_WRMSR */
		struct {
			__u8 error;	/* user -> kernel */
			__u8 pad[7];
			__u32 reason;	/* kernel -> user */
			__u32 index;	/* kernel -> user */
			__u64 data;	/* both ways */
		} msr;
		/* KVM_EXIT_XEN */
		struct kvm_xen_exit xen;
		/* KVM_EXIT_RISCV_SBI */
		struct {
			unsigned long extension_id;
			unsigned long function_id;
			unsigned long args[6];
			unsigned long ret[2];
		} riscv_sbi;
		/* KVM_EXIT_RISCV_CSR */
		struct {
			unsigned long csr_num;
			unsigned long new_value;
			unsigned long write_mask;
			unsigned long ret_value;
		} riscv_csr;
		/* KVM_EXIT_NOTIFY */
		struct {
			__u32 flags;
		} notify;
		/* pins the size of the union */
		char padding[256];
	};

	/*
	 * Registers shared with userspace: kvm_valid_regs says which
	 * KVM_SYNC_* classes the kernel filled in, kvm_dirty_regs which ones
	 * userspace changed.
	 */
	__u64 kvm_valid_regs;
	__u64 kvm_dirty_regs;
	union {
		struct kvm_sync_regs regs;
		char padding[SYNC_REGS_SIZE_BYTES];
	} s;
};

/* KVM_S390_MEM_OP */
struct kvm_s390_mem_op {
	__u64 gaddr;		/* guest address */
	__u64 flags;		/* KVM_S390_MEMOP_F_* */
	__u32 size;		/* bytes */
	__u32 op;		/* KVM_S390_MEMOP_* */
	__u64 buf;		/* user buffer */
	union {
		struct {
			__u8 ar;	/* access register */
			__u8 key;	/* storage key, with SKEY_PROTECTION */
		};
		__u32 sida_offset;
		__u8 reserved[32];
	};
};

/* kvm_s390_mem_op.op */
#define KVM_S390_MEMOP_LOGICAL_READ	0
#define KVM_S390_MEMOP_LOGICAL_WRITE	1
#define KVM_S390_MEMOP_SIDA_READ	2
#define KVM_S390_MEMOP_SIDA_WRITE	3
#define KVM_S390_MEMOP_ABSOLUTE_READ	4
#define KVM_S390_MEMOP_ABSOLUTE_WRITE	5
/* kvm_s390_mem_op.flags */
#define KVM_S390_MEMOP_F_CHECK_ONLY		(1ULL << 0)
#define KVM_S390_MEMOP_F_INJECT_EXCEPTION	(1ULL << 1)
#define KVM_S390_MEMOP_F_SKEY_PROTECTION	(1ULL << 2)

/* KVM_GET_DIRTY_LOG */
struct kvm_dirty_log {
	__u32 slot;
	__u32 padding1;
	union {
		void __user *dirty_bitmap;	/* one bit per page */
		__u64 padding2;
	};
};

/* KVM_CLEAR_DIRTY_LOG */
struct kvm_clear_dirty_log {
	__u32 slot;
	__u32 num_pages;
	__u64 first_page;
	union {
		void __user *dirty_bitmap;	/* one bit per page */
		__u64 padding2;
	};
};

/* KVM_SET_SIGNAL_MASK */
struct kvm_signal_mask {
	__u32 len;
	__u8  sigset[];
};

/*
 * KVM_GET_MP_STATE / KVM_SET_MP_STATE; the states defined for s390 are
 * STOPPED, CHECK_STOP, OPERATING and LOAD.
 */
#define KVM_MP_STATE_RUNNABLE		0
#define KVM_MP_STATE_UNINITIALIZED	1
#define KVM_MP_STATE_INIT_RECEIVED	2
#define KVM_MP_STATE_HALTED		3
#define KVM_MP_STATE_SIPI_RECEIVED	4
#define KVM_MP_STATE_STOPPED		5
#define KVM_MP_STATE_CHECK_STOP		6
#define KVM_MP_STATE_OPERATING		7
#define KVM_MP_STATE_LOAD		8
#define KVM_MP_STATE_AP_RESET_HOLD	9
#define KVM_MP_STATE_SUSPENDED		10

struct kvm_mp_state {
	__u32 mp_state;
};

/* KVM_S390_SET_INITIAL_PSW */
struct kvm_s390_psw {
	__u64 mask;
	__u64 addr;
};

/* kvm_s390_interrupt.type / kvm_s390_irq.type */
#define KVM_S390_SIGP_STOP		0xfffe0000u
#define KVM_S390_PROGRAM_INT		0xfffe0001u
#define KVM_S390_SIGP_SET_PREFIX	0xfffe0002u
#define KVM_S390_RESTART		0xfffe0003u
#define KVM_S390_INT_PFAULT_INIT	0xfffe0004u
#define KVM_S390_INT_PFAULT_DONE	0xfffe0005u
#define KVM_S390_MCHK			0xfffe1000u
#define KVM_S390_INT_CLOCK_COMP		0xffff1004u
#define KVM_S390_INT_CPU_TIMER		0xffff1005u
#define KVM_S390_INT_VIRTIO		0xffff2603u
#define KVM_S390_INT_SERVICE		0xffff2401u
#define KVM_S390_INT_EMERGENCY		0xffff1201u
#define KVM_S390_INT_EXTERNAL_CALL	0xffff1202u
/*
 * I/O interrupts use every type below 0xfffe0000u: the adapter-interrupt
 * bit, css id, subchannel-set id and subchannel number packed together.
 */
#define KVM_S390_INT_IO(ai, cssid, ssid, schid)	\
	(((schid)) |				\
	 ((ssid) << 16) |			\
	 ((cssid) << 18) |			\
	 ((ai) << 26))
#define KVM_S390_INT_IO_MIN		0x00000000u
#define KVM_S390_INT_IO_MAX		0xfffdffffu
#define KVM_S390_INT_IO_AI_MASK		0x04000000u

/* KVM_S390_INTERRUPT (VM fd: floating, vcpu fd: local) */
struct kvm_s390_interrupt {
	__u32 type;
	__u32 parm;
	__u64 parm64;
};

struct kvm_s390_io_info {
	__u16 subchannel_id;
	__u16 subchannel_nr;
	__u32 io_int_parm;
	__u32 io_int_word;
};

struct kvm_s390_ext_info {
	__u32 ext_params;
	__u32 pad;
	__u64 ext_params2;
};

/* kvm_s390_pgm_info.flags */
#define KVM_S390_PGM_FLAGS_ILC_VALID	0x01
#define KVM_S390_PGM_FLAGS_ILC_0	0x02
#define KVM_S390_PGM_FLAGS_ILC_1	0x04
#define KVM_S390_PGM_FLAGS_ILC_MASK	0x06
#define KVM_S390_PGM_FLAGS_NO_REWIND	0x08

struct kvm_s390_pgm_info {
	__u64 trans_exc_code;
	__u64 mon_code;
	__u64 per_address;
	__u32 data_exc_code;
	__u16 code;
	__u16 mon_class_nr;
	__u8 per_code;
	__u8 per_atmid;
	__u8 exc_access_id;
	__u8 per_access_id;
	__u8 op_access_id;
	__u8 flags;
	__u8 pad[2];
};

struct kvm_s390_prefix_info {
	__u32 address;
};

struct kvm_s390_extcall_info {
	__u16 code;
};

struct kvm_s390_emerg_info {
	__u16 code;
};

#define KVM_S390_STOP_FLAG_STORE_STATUS	0x01
struct kvm_s390_stop_info {
	__u32 flags;
};

struct kvm_s390_mchk_info {
	__u64 cr14;
	__u64 mcic;
	__u64 failing_storage_address;
	__u32 ext_damage_code;
	__u32 pad;
	__u8 fixed_logout[16];
};

/* KVM_S390_IRQ, FLIC ENQUEUE/GET_ALL_IRQS and KVM_S390_*_IRQ_STATE */
struct kvm_s390_irq {
	__u64 type;
	union {
		struct kvm_s390_io_info io;
		struct kvm_s390_ext_info ext;
		struct kvm_s390_pgm_info pgm;
		struct kvm_s390_emerg_info emerg;
		struct kvm_s390_extcall_info extcall;
		struct kvm_s390_prefix_info prefix;
		struct kvm_s390_stop_info stop;
		struct kvm_s390_mchk_info mchk;
		char reserved[64];
	} u;
};

/* KVM_S390_GET_IRQ_STATE / KVM_S390_SET_IRQ_STATE */
struct kvm_s390_irq_state {
	__u64 buf;
	__u32 flags;		/* unused; never checked (old QEMUs pass garbage) */
	__u32 len;
	__u32 reserved[4];	/* unused; never checked, as flags */
};

/* KVM_SET_GUEST_DEBUG */
#define KVM_GUESTDBG_ENABLE		0x00000001
#define KVM_GUESTDBG_SINGLESTEP		0x00000002

struct kvm_guest_debug {
	__u32 control;
	__u32 pad;
	struct kvm_guest_debug_arch arch;
};

/* bit numbers of the KVM_IOEVENTFD flags */
enum {
	kvm_ioeventfd_flag_nr_datamatch,
	kvm_ioeventfd_flag_nr_pio,
	kvm_ioeventfd_flag_nr_deassign,
	kvm_ioeventfd_flag_nr_virtio_ccw_notify,
	kvm_ioeventfd_flag_nr_fast_mmio,
	kvm_ioeventfd_flag_nr_max,
};

#define KVM_IOEVENTFD_FLAG_DATAMATCH	(1 << kvm_ioeventfd_flag_nr_datamatch)
#define KVM_IOEVENTFD_FLAG_PIO		(1 << kvm_ioeventfd_flag_nr_pio)
#define KVM_IOEVENTFD_FLAG_DEASSIGN	(1 << kvm_ioeventfd_flag_nr_deassign)
#define KVM_IOEVENTFD_FLAG_VIRTIO_CCW_NOTIFY \
	(1 << kvm_ioeventfd_flag_nr_virtio_ccw_notify)

#define KVM_IOEVENTFD_VALID_FLAG_MASK	((1 << kvm_ioeventfd_flag_nr_max) - 1)

/* KVM_IOEVENTFD */
struct kvm_ioeventfd {
	__u64 datamatch;
	__u64 addr;	/* pio/mmio address, or subchannel for ccw notify */
	__u32 len;	/* 1, 2, 4 or 8 bytes; 0 ignores the length */
	__s32 fd;
	__u32 flags;
	__u8  pad[36];
};

/* KVM_ENABLE_CAP (vcpu fd, and VM fd with KVM_CAP_ENABLE_CAP_VM) */
struct kvm_enable_cap {
	__u32 cap;
	__u32 flags;
	__u64 args[4];
	__u8  pad[64];
};

#define KVMIO 0xAE

/* KVM_CREATE_VM machine type */
#define KVM_VM_S390_UCONTROL	1

/* mmap offset (in pages) of the SIE control block of a ucontrol vcpu */
#define KVM_S390_SIE_PAGE_OFFSET 1

/* ioctls on /dev/kvm */
#define KVM_GET_API_VERSION	_IO(KVMIO,   0x00)
#define KVM_CREATE_VM		_IO(KVMIO,   0x01)	/* returns a VM fd */
#define KVM_CHECK_EXTENSION	_IO(KVMIO,   0x03)	/* also on VM fds */
#define KVM_GET_VCPU_MMAP_SIZE	_IO(KVMIO,   0x04)	/* bytes */
#define KVM_S390_ENABLE_SIE	_IO(KVMIO,   0x06)

/* KVM_CHECK_EXTENSION arguments */
#define KVM_CAP_IRQCHIP				0
#define KVM_CAP_HLT				1
#define KVM_CAP_MMU_SHADOW_CACHE_CONTROL	2
#define KVM_CAP_USER_MEMORY			3
#define KVM_CAP_SET_TSS_ADDR			4
#define KVM_CAP_VAPIC				6
#define KVM_CAP_EXT_CPUID			7
#define KVM_CAP_CLOCKSOURCE			8
#define KVM_CAP_NR_VCPUS			9	/* recommended max */
#define KVM_CAP_NR_MEMSLOTS			10
#define KVM_CAP_PIT				11
#define KVM_CAP_NOP_IO_DELAY			12
#define KVM_CAP_PV_MMU				13
#define KVM_CAP_MP_STATE			14
#define KVM_CAP_COALESCED_MMIO			15
#define KVM_CAP_SYNC_MMU			16
#define KVM_CAP_IOMMU				18
#define KVM_CAP_DESTROY_MEMORY_REGION_WORKS	21
#define KVM_CAP_USER_NMI			22
#ifdef __KVM_HAVE_GUEST_DEBUG
#define KVM_CAP_SET_GUEST_DEBUG			23
#endif
#define KVM_CAP_IRQ_ROUTING			25
#define KVM_CAP_IRQ_INJECT_STATUS		26
#define KVM_CAP_ASSIGN_DEV_IRQ			29
#define KVM_CAP_JOIN_MEMORY_REGIONS_WORKS	30
#define KVM_CAP_IRQFD				32
#define KVM_CAP_SET_BOOT_CPU_ID			34
#define KVM_CAP_IOEVENTFD			36
#define KVM_CAP_SET_IDENTITY_MAP_ADDR		37
#define KVM_CAP_ADJUST_CLOCK			39
#define KVM_CAP_INTERNAL_ERROR_DATA		40
#define KVM_CAP_S390_PSW			42
#define KVM_CAP_PPC_SEGSTATE			43
#define KVM_CAP_HYPERV				44
#define KVM_CAP_HYPERV_VAPIC			45
#define KVM_CAP_HYPERV_SPIN			46
#define KVM_CAP_PCI_SEGMENT			47
#define KVM_CAP_PPC_PAIRED_SINGLES		48
#define KVM_CAP_INTR_SHADOW			49
#define KVM_CAP_X86_ROBUST_SINGLESTEP		51
#define KVM_CAP_PPC_OSI				52
#define KVM_CAP_PPC_UNSET_IRQ			53
#define KVM_CAP_ENABLE_CAP			54
#define KVM_CAP_PPC_GET_PVINFO			57
#define KVM_CAP_PPC_IRQ_LEVEL			58
#define KVM_CAP_ASYNC_PF			59
#define KVM_CAP_TSC_CONTROL			60
#define KVM_CAP_GET_TSC_KHZ			61
#define KVM_CAP_PPC_BOOKE_SREGS			62
#define KVM_CAP_SPAPR_TCE			63
#define KVM_CAP_PPC_SMT				64
#define KVM_CAP_PPC_RMA				65
#define KVM_CAP_MAX_VCPUS			66	/* hard max */
#define KVM_CAP_PPC_HIOR			67
#define KVM_CAP_PPC_PAPR			68
#define KVM_CAP_SW_TLB				69
#define KVM_CAP_ONE_REG				70
#define KVM_CAP_S390_GMAP			71
#define KVM_CAP_TSC_DEADLINE_TIMER		72
#define KVM_CAP_S390_UCONTROL			73
#define KVM_CAP_SYNC_REGS			74
#define KVM_CAP_PCI_2_3				75
#define KVM_CAP_KVMCLOCK_CTRL			76
#define KVM_CAP_SIGNAL_MSI			77
#define KVM_CAP_PPC_GET_SMMU_INFO		78
#define KVM_CAP_S390_COW			79
#define KVM_CAP_PPC_ALLOC_HTAB			80
#define KVM_CAP_READONLY_MEM			81
#define KVM_CAP_IRQFD_RESAMPLE			82
#define KVM_CAP_PPC_BOOKE_WATCHDOG		83
#define KVM_CAP_PPC_HTAB_FD			84
#define KVM_CAP_S390_CSS_SUPPORT		85
#define KVM_CAP_PPC_EPR				86
#define KVM_CAP_ARM_PSCI			87
#define KVM_CAP_ARM_SET_DEVICE_ADDR		88
#define KVM_CAP_DEVICE_CTRL			89
#define KVM_CAP_IRQ_MPIC			90
#define KVM_CAP_PPC_RTAS			91
#define KVM_CAP_IRQ_XICS			92
#define KVM_CAP_ARM_EL1_32BIT			93
#define KVM_CAP_SPAPR_MULTITCE			94
#define KVM_CAP_EXT_EMUL_CPUID			95
#define KVM_CAP_HYPERV_TIME			96
#define KVM_CAP_IOAPIC_POLARITY_IGNORED		97
#define KVM_CAP_ENABLE_CAP_VM			98
#define KVM_CAP_S390_IRQCHIP			99
#define KVM_CAP_IOEVENTFD_NO_LENGTH		100
#define KVM_CAP_VM_ATTRIBUTES			101
#define KVM_CAP_ARM_PSCI_0_2			102
#define KVM_CAP_PPC_FIXUP_HCALL			103
#define KVM_CAP_PPC_ENABLE_HCALL		104
#define KVM_CAP_CHECK_EXTENSION_VM		105
#define KVM_CAP_S390_USER_SIGP			106
#define KVM_CAP_S390_VECTOR_REGISTERS		107
#define KVM_CAP_S390_MEM_OP			108
#define KVM_CAP_S390_USER_STSI			109
#define KVM_CAP_S390_SKEYS			110
#define KVM_CAP_MIPS_FPU			111
#define KVM_CAP_MIPS_MSA			112
#define KVM_CAP_S390_INJECT_IRQ			113
#define KVM_CAP_S390_IRQ_STATE			114
#define KVM_CAP_PPC_HWRNG			115
#define KVM_CAP_DISABLE_QUIRKS			116
#define KVM_CAP_X86_SMM				117
#define KVM_CAP_MULTI_ADDRESS_SPACE		118
#define KVM_CAP_GUEST_DEBUG_HW_BPS		119
#define KVM_CAP_GUEST_DEBUG_HW_WPS		120
#define KVM_CAP_SPLIT_IRQCHIP			121
#define KVM_CAP_IOEVENTFD_ANY_LENGTH		122
#define KVM_CAP_HYPERV_SYNIC			123
#define KVM_CAP_S390_RI				124
#define KVM_CAP_SPAPR_TCE_64			125
#define KVM_CAP_ARM_PMU_V3			126
#define KVM_CAP_VCPU_ATTRIBUTES			127
#define KVM_CAP_MAX_VCPU_ID			128
#define KVM_CAP_X2APIC_API			129
#define KVM_CAP_S390_USER_INSTR0		130
#define KVM_CAP_MSI_DEVID			131
#define KVM_CAP_PPC_HTM				132
#define KVM_CAP_SPAPR_RESIZE_HPT		133
#define KVM_CAP_PPC_MMU_RADIX			134
#define KVM_CAP_PPC_MMU_HASH_V3			135
#define KVM_CAP_IMMEDIATE_EXIT			136
#define KVM_CAP_MIPS_VZ				137
#define KVM_CAP_MIPS_TE				138
#define KVM_CAP_MIPS_64BIT			139
#define KVM_CAP_S390_GS				140
#define KVM_CAP_S390_AIS			141
#define KVM_CAP_SPAPR_TCE_VFIO			142
#define KVM_CAP_X86_DISABLE_EXITS		143
#define KVM_CAP_ARM_USER_IRQ			144
#define KVM_CAP_S390_CMMA_MIGRATION		145
#define KVM_CAP_PPC_FWNMI			146
#define KVM_CAP_PPC_SMT_POSSIBLE		147
#define KVM_CAP_HYPERV_SYNIC2			148
#define KVM_CAP_HYPERV_VP_INDEX			149
#define KVM_CAP_S390_AIS_MIGRATION		150
#define KVM_CAP_PPC_GET_CPU_CHAR		151
#define KVM_CAP_S390_BPB			152
#define KVM_CAP_GET_MSR_FEATURES		153
#define KVM_CAP_HYPERV_EVENTFD			154
#define KVM_CAP_HYPERV_TLBFLUSH			155
#define KVM_CAP_S390_HPAGE_1M			156
#define KVM_CAP_NESTED_STATE			157
#define KVM_CAP_ARM_INJECT_SERROR_ESR		158
#define KVM_CAP_MSR_PLATFORM_INFO		159
#define KVM_CAP_PPC_NESTED_HV			160
#define KVM_CAP_HYPERV_SEND_IPI			161
#define KVM_CAP_COALESCED_PIO			162
#define KVM_CAP_HYPERV_ENLIGHTENED_VMCS		163
#define KVM_CAP_EXCEPTION_PAYLOAD		164
#define KVM_CAP_ARM_VM_IPA_SIZE			165
#define KVM_CAP_MANUAL_DIRTY_LOG_PROTECT	166	/* obsolete */
#define KVM_CAP_HYPERV_CPUID			167
#define KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2	168
#define KVM_CAP_PPC_IRQ_XIVE			169
#define KVM_CAP_ARM_SVE				170
#define KVM_CAP_ARM_PTRAUTH_ADDRESS		171
#define KVM_CAP_ARM_PTRAUTH_GENERIC		172
#define KVM_CAP_PMU_EVENT_FILTER		173
#define KVM_CAP_ARM_IRQ_LINE_LAYOUT_2		174
#define KVM_CAP_HYPERV_DIRECT_TLBFLUSH		175
#define KVM_CAP_PPC_GUEST_DEBUG_SSTEP		176
#define KVM_CAP_ARM_NISV_TO_USER		177
#define KVM_CAP_ARM_INJECT_EXT_DABT		178
#define KVM_CAP_S390_VCPU_RESETS		179
#define KVM_CAP_S390_PROTECTED			180
#define KVM_CAP_PPC_SECURE_GUEST		181
#define KVM_CAP_HALT_POLL			182
#define KVM_CAP_ASYNC_PF_INT			183
#define KVM_CAP_LAST_CPU			184
#define KVM_CAP_SMALLER_MAXPHYADDR		185
#define KVM_CAP_S390_DIAG318			186
#define KVM_CAP_STEAL_TIME			187
#define KVM_CAP_X86_USER_SPACE_MSR		188
#define KVM_CAP_X86_MSR_FILTER			189
#define KVM_CAP_ENFORCE_PV_FEATURE_CPUID	190
#define KVM_CAP_SYS_HYPERV_CPUID		191
#define KVM_CAP_DIRTY_LOG_RING			192
#define KVM_CAP_X86_BUS_LOCK_EXIT		193
#define KVM_CAP_PPC_DAWR1			194
#define KVM_CAP_SET_GUEST_DEBUG2		195
#define KVM_CAP_SGX_ATTRIBUTE			196
#define KVM_CAP_VM_COPY_ENC_CONTEXT_FROM	197
#define KVM_CAP_PTP_KVM				198
#define KVM_CAP_HYPERV_ENFORCE_CPUID		199
#define KVM_CAP_SREGS2				200
#define KVM_CAP_EXIT_HYPERCALL			201
#define KVM_CAP_PPC_RPT_INVALIDATE		202
#define KVM_CAP_BINARY_STATS_FD			203
#define KVM_CAP_EXIT_ON_EMULATION_FAILURE	204
#define KVM_CAP_ARM_MTE				205
#define KVM_CAP_VM_MOVE_ENC_CONTEXT_FROM	206
#define KVM_CAP_VM_GPA_BITS			207
#define KVM_CAP_XSAVE2				208
#define KVM_CAP_SYS_ATTRIBUTES			209
#define KVM_CAP_PPC_AIL_MODE_3			210
#define KVM_CAP_S390_MEM_OP_EXTENSION		211
#define KVM_CAP_PMU_CAPABILITY			212
#define KVM_CAP_DISABLE_QUIRKS2			213
#define KVM_CAP_VM_TSC_CONTROL			214
#define KVM_CAP_SYSTEM_EVENT_DATA		215
#define KVM_CAP_ARM_SYSTEM_SUSPEND		216
#define KVM_CAP_S390_PROTECTED_DUMP		217
#define KVM_CAP_X86_TRIPLE_FAULT_EVENT		218
#define KVM_CAP_X86_NOTIFY_VMEXIT		219
#define KVM_CAP_VM_DISABLE_NX_HUGE_PAGES	220
#define KVM_CAP_S390_ZPCI_OP			221
#define KVM_CAP_S390_CPU_TOPOLOGY		222
#define KVM_CAP_DIRTY_LOG_RING_ACQ_REL		223

/* KVM_SET_GSI_ROUTING */
struct kvm_irq_routing_irqchip {
	__u32 irqchip;
	__u32 pin;
};

struct kvm_irq_routing_msi {
	__u32 address_lo;
	__u32 address_hi;
	__u32 data;
	union {
		__u32 pad;
		__u32 devid;
	};
};

/* an s390 adapter interrupt: indicator bit plus summary bit */
struct kvm_irq_routing_s390_adapter {
	__u64 ind_addr;
	__u64 summary_addr;
	__u64 ind_offset;
	__u32 summary_offset;
	__u32 adapter_id;
};

struct kvm_irq_routing_hv_sint {
	__u32 vcpu;
	__u32 sint;
};

struct kvm_irq_routing_xen_evtchn {
	__u32 port;
	__u32 vcpu;
	__u32 priority;
};

#define KVM_IRQ_ROUTING_XEN_EVTCHN_PRIO_2LEVEL ((__u32)(-1))

/* kvm_irq_routing_entry.type */
#define KVM_IRQ_ROUTING_IRQCHIP		1
#define KVM_IRQ_ROUTING_MSI		2
#define KVM_IRQ_ROUTING_S390_ADAPTER	3
#define KVM_IRQ_ROUTING_HV_SINT		4
#define KVM_IRQ_ROUTING_XEN_EVTCHN	5

struct kvm_irq_routing_entry {
	__u32 gsi;
	__u32 type;
	__u32 flags;
	__u32 pad;
	union {
		struct kvm_irq_routing_irqchip irqchip;
		struct kvm_irq_routing_msi msi;
		struct kvm_irq_routing_s390_adapter adapter;
		struct kvm_irq_routing_hv_sint hv_sint;
		struct kvm_irq_routing_xen_evtchn xen_evtchn;
		__u32 pad[8];
	} u;
};

struct kvm_irq_routing {
	__u32 nr;
	__u32 flags;
	struct kvm_irq_routing_entry entries[];
};

/* KVM_IRQFD */
#define KVM_IRQFD_FLAG_DEASSIGN		(1 << 0)
/* resamplefd is valid: level-triggered emulation (KVM_CAP_IRQFD_RESAMPLE) */
#define KVM_IRQFD_FLAG_RESAMPLE		(1 << 1)

struct kvm_irqfd {
	__u32 fd;
	__u32 gsi;
	__u32 flags;
	__u32 resamplefd;
	__u8  pad[16];
};

/* KVM_GET_ONE_REG / KVM_SET_ONE_REG ids: arch | size | register */
#define KVM_REG_ARCH_MASK	0xff00000000000000ULL
#define KVM_REG_GENERIC		0x0000000000000000ULL

#define KVM_REG_PPC		0x1000000000000000ULL
#define KVM_REG_X86		0x2000000000000000ULL
#define KVM_REG_IA64		0x3000000000000000ULL
#define KVM_REG_ARM		0x4000000000000000ULL
#define KVM_REG_S390		0x5000000000000000ULL
#define KVM_REG_ARM64		0x6000000000000000ULL
#define KVM_REG_MIPS		0x7000000000000000ULL
#define KVM_REG_RISCV		0x8000000000000000ULL

#define KVM_REG_SIZE_SHIFT	52
#define KVM_REG_SIZE_MASK	0x00f0000000000000ULL
#define KVM_REG_SIZE_U8		0x0000000000000000ULL
#define KVM_REG_SIZE_U16	0x0010000000000000ULL
#define KVM_REG_SIZE_U32	0x0020000000000000ULL
#define KVM_REG_SIZE_U64	0x0030000000000000ULL
#define KVM_REG_SIZE_U128	0x0040000000000000ULL
#define KVM_REG_SIZE_U256	0x0050000000000000ULL
#define KVM_REG_SIZE_U512	0x0060000000000000ULL
#define KVM_REG_SIZE_U1024	0x0070000000000000ULL
#define KVM_REG_SIZE_U2048	0x0080000000000000ULL

/* KVM_GET_REG_LIST */
struct kvm_reg_list {
	__u64 n;	/* number of ids */
	__u64 reg[];
};

struct kvm_one_reg {
	__u64 id;
	__u64 addr;
};

/* device control API (KVM_CAP_DEVICE_CTRL) */
#define KVM_CREATE_DEVICE_TEST		1	/* probe only, no device */

struct kvm_create_device {
	__u32	type;	/* in: KVM_DEV_TYPE_* */
	__u32	fd;	/* out: device fd */
	__u32	flags;	/* in: KVM_CREATE_DEVICE_* */
};

struct kvm_device_attr {
	__u32	flags;	/* must be zero */
	__u32	group;	/* meaning defined by the device */
	__u64	attr;	/* meaning defined by the group */
	__u64	addr;	/* user address of the attribute data */
};

/* groups and attributes of the KVM-VFIO device */
#define  KVM_DEV_VFIO_GROUP			1
#define   KVM_DEV_VFIO_GROUP_ADD		1
#define   KVM_DEV_VFIO_GROUP_DEL		2
#define   KVM_DEV_VFIO_GROUP_SET_SPAPR_TCE	3

/* the names are macros too, so userspace can test with #ifdef */
enum kvm_device_type {
	KVM_DEV_TYPE_FSL_MPIC_20	= 1,
#define KVM_DEV_TYPE_FSL_MPIC_20	KVM_DEV_TYPE_FSL_MPIC_20
	KVM_DEV_TYPE_FSL_MPIC_42,
#define KVM_DEV_TYPE_FSL_MPIC_42	KVM_DEV_TYPE_FSL_MPIC_42
	KVM_DEV_TYPE_XICS,
#define KVM_DEV_TYPE_XICS		KVM_DEV_TYPE_XICS
	KVM_DEV_TYPE_VFIO,
#define KVM_DEV_TYPE_VFIO		KVM_DEV_TYPE_VFIO
	KVM_DEV_TYPE_ARM_VGIC_V2,
#define KVM_DEV_TYPE_ARM_VGIC_V2	KVM_DEV_TYPE_ARM_VGIC_V2
	KVM_DEV_TYPE_FLIC,
#define KVM_DEV_TYPE_FLIC		KVM_DEV_TYPE_FLIC
	KVM_DEV_TYPE_ARM_VGIC_V3,
#define KVM_DEV_TYPE_ARM_VGIC_V3	KVM_DEV_TYPE_ARM_VGIC_V3
	KVM_DEV_TYPE_ARM_VGIC_ITS,
#define KVM_DEV_TYPE_ARM_VGIC_ITS	KVM_DEV_TYPE_ARM_VGIC_ITS
	KVM_DEV_TYPE_XIVE,
#define KVM_DEV_TYPE_XIVE		KVM_DEV_TYPE_XIVE
	KVM_DEV_TYPE_ARM_PV_TIME,
#define KVM_DEV_TYPE_ARM_PV_TIME	KVM_DEV_TYPE_ARM_PV_TIME
	KVM_DEV_TYPE_MAX,
};

/* ioctls on VM fds */
#define KVM_CREATE_VCPU		_IO(KVMIO,   0x41)	/* arg: vcpu id */
#define KVM_GET_DIRTY_LOG	_IOW(KVMIO,  0x42, struct kvm_dirty_log)
#define KVM_SET_USER_MEMORY_REGION _IOW(KVMIO, 0x46, \
					struct kvm_userspace_memory_region)

/* user-controlled (ucontrol) VMs */
struct kvm_s390_ucas_mapping {
	__u64 user_addr;
	__u64 vcpu_addr;
	__u64 length;
};
#define KVM_S390_UCAS_MAP	_IOW(KVMIO, 0x50, struct kvm_s390_ucas_mapping)
#define KVM_S390_UCAS_UNMAP	_IOW(KVMIO, 0x51, struct kvm_s390_ucas_mapping)
#define KVM_S390_VCPU_FAULT	_IOW(KVMIO, 0x52, unsigned long)

/* interrupt controller */
#define KVM_CREATE_IRQCHIP	_IO(KVMIO,   0x60)
#define KVM_IRQ_LINE		_IOW(KVMIO,  0x61, struct kvm_irq_level)
#define KVM_SET_GSI_ROUTING	_IOW(KVMIO,  0x6a, struct kvm_irq_routing)
#define KVM_IRQFD		_IOW(KVMIO,  0x76, struct kvm_irqfd)
#define KVM_IOEVENTFD		_IOW(KVMIO,  0x79, struct kvm_ioeventfd)

/* VM fd: create a device; device fd: its attributes */
#define KVM_CREATE_DEVICE	_IOWR(KVMIO, 0xe0, struct kvm_create_device)
#define KVM_SET_DEVICE_ATTR	_IOW(KVMIO,  0xe1, struct kvm_device_attr)
#define KVM_GET_DEVICE_ATTR	_IOW(KVMIO,  0xe2, struct kvm_device_attr)
#define KVM_HAS_DEVICE_ATTR	_IOW(KVMIO,  0xe3, struct kvm_device_attr)

/* ioctls on vcpu fds */
#define KVM_RUN			_IO(KVMIO,   0x80)
#define KVM_GET_REGS		_IOR(KVMIO,  0x81, struct kvm_regs)
#define KVM_SET_REGS		_IOW(KVMIO,  0x82, struct kvm_regs)
#define KVM_GET_SREGS		_IOR(KVMIO,  0x83, struct kvm_sregs)
#define KVM_SET_SREGS		_IOW(KVMIO,  0x84, struct kvm_sregs)
#define KVM_SET_SIGNAL_MASK	_IOW(KVMIO,  0x8b, struct kvm_signal_mask)
#define KVM_GET_FPU		_IOR(KVMIO,  0x8c, struct kvm_fpu)
#define KVM_SET_FPU		_IOW(KVMIO,  0x8d, struct kvm_fpu)
/* VM fd: floating interrupt; vcpu fd: local interrupt */
#define KVM_S390_INTERRUPT	_IOW(KVMIO,  0x94, struct kvm_s390_interrupt)
/* KVM_S390_STORE_STATUS argument: an address or one of these */
#define KVM_S390_STORE_STATUS_NOADDR	(-1ul)
#define KVM_S390_STORE_STATUS_PREFIXED	(-2ul)
#define KVM_S390_STORE_STATUS	_IOW(KVMIO,  0x95, unsigned long)
#define KVM_S390_SET_INITIAL_PSW _IOW(KVMIO, 0x96, struct kvm_s390_psw)
#define KVM_S390_INITIAL_RESET	_IO(KVMIO,   0x97)
#define KVM_GET_MP_STATE	_IOR(KVMIO,  0x98, struct kvm_mp_state)
#define KVM_SET_MP_STATE	_IOW(KVMIO,  0x99, struct kvm_mp_state)
#define KVM_SET_GUEST_DEBUG	_IOW(KVMIO,  0x9b, struct kvm_guest_debug)
/* vcpu fd, and VM fd with KVM_CAP_ENABLE_CAP_VM */
#define KVM_ENABLE_CAP		_IOW(KVMIO,  0xa3, struct kvm_enable_cap)
#define KVM_GET_ONE_REG		_IOW(KVMIO,  0xab, struct kvm_one_reg)
#define KVM_SET_ONE_REG		_IOW(KVMIO,  0xac, struct kvm_one_reg)
#define KVM_GET_REG_LIST	_IOWR(KVMIO, 0xb0, struct kvm_reg_list)
#define KVM_S390_MEM_OP		_IOW(KVMIO,  0xb1, struct kvm_s390_mem_op)
#define KVM_S390_GET_SKEYS	_IOW(KVMIO,  0xb2, struct kvm_s390_skeys)
#define KVM_S390_SET_SKEYS	_IOW(KVMIO,  0xb3, struct kvm_s390_skeys)
#define KVM_S390_IRQ		_IOW(KVMIO,  0xb4, struct kvm_s390_irq)
#define KVM_S390_SET_IRQ_STATE	_IOW(KVMIO,  0xb5, struct kvm_s390_irq_state)
#define KVM_S390_GET_IRQ_STATE	_IOW(KVMIO,  0xb6, struct kvm_s390_irq_state)
#define KVM_S390_GET_CMMA_BITS	_IOWR(KVMIO, 0xb8, struct kvm_s390_cmma_log)
#define KVM_S390_SET_CMMA_BITS	_IOW(KVMIO,  0xb9, struct kvm_s390_cmma_log)
#define KVM_CLEAR_DIRTY_LOG	_IOWR(KVMIO, 0xc0, struct kvm_clear_dirty_log)
#define KVM_S390_NORMAL_RESET	_IO(KVMIO,   0xc3)
#define KVM_S390_CLEAR_RESET	_IO(KVMIO,   0xc4)

/* KVM_ENABLE_CAP(KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2) arguments */
#define KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE	(1 << 0)
#define KVM_DIRTY_LOG_INITIALLY_SET		(1 << 1)

/*
 * Binary statistics (KVM_GET_STATS_FD on VM and vcpu fds). The fd starts
 * with this header; the id string, the descriptors and the data block are
 * found at the given offsets.
 */
struct kvm_stats_header {
	__u32 flags;		/* zero */
	__u32 name_size;	/* bytes per descriptor name, NUL included */
	__u32 num_desc;
	__u32 id_offset;
	__u32 desc_offset;
	__u32 data_offset;
};

#define KVM_STATS_TYPE_SHIFT		0
#define KVM_STATS_TYPE_MASK		(0xF << KVM_STATS_TYPE_SHIFT)
#define KVM_STATS_TYPE_CUMULATIVE	(0x0 << KVM_STATS_TYPE_SHIFT)
#define KVM_STATS_TYPE_INSTANT		(0x1 << KVM_STATS_TYPE_SHIFT)
#define KVM_STATS_TYPE_PEAK		(0x2 << KVM_STATS_TYPE_SHIFT)
#define KVM_STATS_TYPE_LINEAR_HIST	(0x3 << KVM_STATS_TYPE_SHIFT)
#define KVM_STATS_TYPE_LOG_HIST		(0x4 << KVM_STATS_TYPE_SHIFT)
#define KVM_STATS_TYPE_MAX		KVM_STATS_TYPE_LOG_HIST

#define KVM_STATS_UNIT_SHIFT		4
#define KVM_STATS_UNIT_MASK		(0xF << KVM_STATS_UNIT_SHIFT)
#define KVM_STATS_UNIT_NONE		(0x0 << KVM_STATS_UNIT_SHIFT)
#define KVM_STATS_UNIT_BYTES		(0x1 << KVM_STATS_UNIT_SHIFT)
#define KVM_STATS_UNIT_SECONDS		(0x2 << KVM_STATS_UNIT_SHIFT)
#define KVM_STATS_UNIT_CYCLES		(0x3 << KVM_STATS_UNIT_SHIFT)
#define KVM_STATS_UNIT_BOOLEAN		(0x4 << KVM_STATS_UNIT_SHIFT)
#define KVM_STATS_UNIT_MAX		KVM_STATS_UNIT_BOOLEAN

#define KVM_STATS_BASE_SHIFT		8
#define KVM_STATS_BASE_MASK		(0xF << KVM_STATS_BASE_SHIFT)
#define KVM_STATS_BASE_POW10		(0x0 << KVM_STATS_BASE_SHIFT)
#define KVM_STATS_BASE_POW2		(0x1 << KVM_STATS_BASE_SHIFT)
#define KVM_STATS_BASE_MAX		KVM_STATS_BASE_POW2

/* one statistic: value(s) = data block + offset, size __u64 items */
struct kvm_stats_desc {
	__u32 flags;		/* KVM_STATS_TYPE/UNIT/BASE_* */
	__s16 exponent;		/* value * base^exponent, in the unit */
	__u16 size;
	__u32 offset;
	__u32 bucket_size;	/* linear histograms only */
	char name[];		/* name_size bytes */
};

#define KVM_GET_STATS_FD	_IO(KVMIO,  0xce)

#endif /* __LINUX_KVM_H */

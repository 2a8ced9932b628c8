/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the s390 KVM code: the run loop and capabilities
 * (kvm-s390.c), intercepts (intercept.c, priv.c), floating and local
 * interrupts (interrupt.c), the FLIC device (flic.c) and I/O adapters with
 * AIS (adapter.c).
 *
 * Names and signatures are those of Linux 6.1's header of the same name
 * wherever 6.1 has the function; functions 6.1 does not have are marked
 * "(not in 6.1)" and say why they exist.
 */
#ifndef ARCH_S390_KVM_S390_H
#define ARCH_S390_KVM_S390_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <asm/byteorder.h>
#include <linux/kvm.h>
#include <linux/kvm_host.h>

/* --- architected values the interrupt code needs ---------------------- */

/* external interruption codes */
#define KVM_S390_EXT_CLOCK_COMP		0x1004
#define KVM_S390_EXT_CPU_TIMER		0x1005
#define KVM_S390_EXT_EMERGENCY		0x1201
#define KVM_S390_EXT_EXTERNAL_CALL	0x1202
#define KVM_S390_EXT_SERVICE_SIG	0x2401
#define KVM_S390_EXT_CP_SERVICE		0x2603
/* subcodes of the CP service external interruption (stored at 0x84) */
#define KVM_S390_CP_PFAULT_INIT		0x0600
#define KVM_S390_CP_PFAULT_DONE		0x0680
#define KVM_S390_CP_VIRTIO		0x0d00

/* service-signal parameter: SCCB address and the event-pending bits */
#define KVM_S390_SCCB_MASK		0xfffffff8U
#define KVM_S390_SCCB_EVENT_PENDING	0x3U

/* pfault-done interrupts one vcpu may have outstanding (6.1: asm/kvm_host.h) */
#define KVM_S390_PFAULT_PER_VCPU	64

/* facility 72: adapter-interruption suppression (AIS) */
#define KVM_S390_FAC_AIS		72

/* --- small inline helpers (6.1 names) --------------------------------- */

static inline void kvm_s390_set_cpuflags(struct kvm_vcpu *vcpu, u32 flags)
{
	atomic_or(flags, &vcpu->arch.sie_block->cpuflags);
}

static inline void kvm_s390_clear_cpuflags(struct kvm_vcpu *vcpu, u32 flags)
{
	atomic_andnot(flags, &vcpu->arch.sie_block->cpuflags);
}

static inline bool kvm_s390_test_cpuflags(struct kvm_vcpu *vcpu, u32 flags)
{
	return (atomic_read(&vcpu->arch.sie_block->cpuflags) & flags) == flags;
}

static inline int is_vcpu_stopped(struct kvm_vcpu *vcpu)
{
	return kvm_s390_test_cpuflags(vcpu, CPUSTAT_STOPPED);
}

static inline int is_vcpu_idle(struct kvm_vcpu *vcpu)
{
	return test_bit(vcpu->vcpu_idx, vcpu->kvm->arch.idle_mask);
}

/* sie_block->prefix holds the prefix >> 13 (6.1: GUEST_PREFIX_SHIFT) */
#define KVM_S390_PREFIX_SHIFT		13

static inline u32 kvm_s390_get_prefix(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.sie_block->prefix << KVM_S390_PREFIX_SHIFT;
}

/* Instruction operands as SIE leaves them in ipa/ipb. */
static inline u64 kvm_s390_get_base_disp_s(struct kvm_vcpu *vcpu, u8 *ar)
{
	u32 base2 = vcpu->arch.sie_block->ipb >> 28;
	u32 disp2 = ((vcpu->arch.sie_block->ipb & 0x0fff0000) >> 16);

	if (ar)
		*ar = base2;

	return (base2 ? vcpu->run->s.regs.gprs[base2] : 0) + disp2;
}

/* RSY format: a 20-bit signed displacement */
static inline u64 kvm_s390_get_base_disp_rsy(struct kvm_vcpu *vcpu, u8 *ar)
{
	u32 base2 = vcpu->arch.sie_block->ipb >> 28;
	u32 disp2 = ((vcpu->arch.sie_block->ipb & 0x0fff0000) >> 16) +
		    ((vcpu->arch.sie_block->ipb & 0xff00) << 4);

	if (disp2 & 0x80000)
		disp2 += 0xfff00000;
	if (ar)
		*ar = base2;

	return (base2 ? vcpu->run->s.regs.gprs[base2] : 0) + (long)(int)disp2;
}

static inline u64 kvm_s390_get_base_disp_rs(struct kvm_vcpu *vcpu, u8 *ar)
{
	return kvm_s390_get_base_disp_s(vcpu, ar);
}

/* Set the condition code in the guest program status word */
static inline void kvm_s390_set_psw_cc(struct kvm_vcpu *vcpu, unsigned long cc)
{
	vcpu->arch.sie_block->gpsw.mask &= ~(3UL << 44);
	vcpu->arch.sie_block->gpsw.mask |= cc << 44;
}

/*
 * (not in 6.1) The one place that knows the byte order of guest bit
 * strings. s390 numbers the bits of a string in memory two ways:
 * - MSB0 (@msb0 true; 6.1's *_bit_inv(), facility lists, adapter
 *   indicators with swap = 1 as virtio-ccw uses): bit n is the mask
 *   0x80 >> n % 8 of byte n / 8;
 * - LSB0 within big-endian 64-bit words (@msb0 false; 6.1's set_bit() on
 *   s390, indicators with swap = 0): bit n is bit n % 64, counted from
 *   the least significant, of the u64 at byte 8 * (n / 64).
 * Returns the bit number that set_bit() and friends use for the same
 * bit on this machine, whatever its byte order, so a guest page can be
 * changed with the kernel's atomic bit operations.
 */
static inline unsigned long kvm_s390_guest_bitnr(unsigned long nr, bool msb0)
{
	/* a little-endian host sees the bytes of a word reversed */
	const unsigned long host_swap =
		(__force u64)cpu_to_be64(1) == 1 ? 0 : 0x38;

	BUILD_BUG_ON(BITS_PER_LONG != 64);
	/* MSB0 to LSB0 within a 64-bit word is 63 - n % 64: xor 0x3f */
	return nr ^ (msb0 ? 0x3f : 0) ^ host_swap;
}

static inline int kvm_s390_fac_bit(const u64 *fac, unsigned long nr)
{
	return test_bit(kvm_s390_guest_bitnr(nr, true),
			(const unsigned long *)fac);
}

/* test availability of facility in a kvm instance */
static inline int test_kvm_facility(struct kvm *kvm, unsigned long nr)
{
	return kvm_s390_fac_bit(kvm->arch.model.fac_mask, nr) &&
	       kvm_s390_fac_bit(kvm->arch.model.fac_list, nr);
}

static inline int set_kvm_facility(u64 *fac_list, unsigned long nr)
{
	if (nr >= S390_ARCH_FAC_LIST_SIZE_BYTE * 8)
		return -EINVAL;
	__set_bit(kvm_s390_guest_bitnr(nr, true), (unsigned long *)fac_list);
	return 0;
}

/*
 * (not in 6.1) One ADAPTER_MODIFY(MAP) of a guest indicator page. 6.1's
 * struct s390_map_info hung off a per-adapter list that 6.1 no longer
 * has; the maps are per VM here, so each remembers its adapter.
 */
struct kvm_s390_flic_map {
	struct list_head list;
	unsigned int adapter_id;
	u64 guest_addr;
};

/* at most this many maps per VM (6.1: MAX_S390_ADAPTER_MAPS per adapter) */
#define KVM_S390_FLIC_MAX_MAPS		256

struct kvm_s390_ccw_table;

/*
 * (not in 6.1) Private data of the FLIC device (kvm->arch.flic->private).
 * 6.1's struct kvm_arch has no fields for these, so they live with the
 * device; the device exists until the VM is destroyed.
 */
struct kvm_s390_flic {
	/* serializes adapter registration, the map list and pfault_enabled */
	struct mutex lock;
	/* guest indicator pages mapped with ADAPTER_MODIFY(MAP) */
	struct list_head maps;		/* of struct kvm_s390_flic_map */
	int nr_maps;
	bool pfault_enabled;		/* APF_ENABLE / APF_DISABLE_WAIT */
	/*
	 * Per vcpu index: the IRQ_PEND_* bits the vcpu can take in its
	 * current enabled wait, published by the vcpu itself before it
	 * sets its idle_mask bit, so an injector can pick a waiter that
	 * will actually take the interrupt without reading another
	 * vcpu's PSW and control registers.
	 */
	atomic_t wait_irqs[KVM_MAX_VCPUS];
	/* serializes the writers of ccw_table (ccw_direct.c) */
	struct mutex ccw_lock;
	/* bound subchannels; read under kvm_s390_ccw_srcu */
	struct kvm_s390_ccw_table __rcu *ccw_table;
};

/*
 * (not in 6.1) The validity-intercept reason the simulated machine gives
 * when the guest could only loop on program interruptions (its program
 * new PSW has nothing to execute); sie_block->iprcc holds the code.
 */
#define KVM_S390_VIR_PGM_LOOP		0x5500

/*
 * (not in 6.1) The direct-injection counters are fields that 6.1's
 * kvm_vcpu_stat and kvm_vm_stat do not have; an asm/kvm_host.h that has
 * them says so with KVM_S390_HAVE_CCW_STATS. Against 6.1's own header
 * (kbuild-check) they are not kept.
 */
#ifdef KVM_S390_HAVE_CCW_STATS
#define kvm_s390_ccw_count(vcpu, name)	((vcpu)->stat.name++)
static inline void kvm_s390_ccw_count_injected(struct kvm *kvm)
{
	/* kvm->stat is written by every injector under fi->lock */
	spin_lock(&kvm->arch.float_int.lock);
	kvm->stat.io_direct_injected++;
	spin_unlock(&kvm->arch.float_int.lock);
}
#else
#define kvm_s390_ccw_count(vcpu, name)	((void)(vcpu))
static inline void kvm_s390_ccw_count_injected(struct kvm *kvm) {}
#endif

/* --- implemented in kvm-s390.c ---------------------------------------- */
void kvm_s390_vcpu_start(struct kvm_vcpu *vcpu);
void kvm_s390_vcpu_stop(struct kvm_vcpu *vcpu);

/* --- implemented in intercept.c --------------------------------------- */
int kvm_handle_sie_intercept(struct kvm_vcpu *vcpu);

/* --- implemented in priv.c -------------------------------------------- */
int kvm_s390_handle_b2(struct kvm_vcpu *vcpu);
int kvm_s390_handle_eb(struct kvm_vcpu *vcpu);
int kvm_s390_handle_diag(struct kvm_vcpu *vcpu);

/* --- implemented in interrupt.c --------------------------------------- */
int kvm_s390_handle_wait(struct kvm_vcpu *vcpu);
void kvm_s390_vcpu_wakeup(struct kvm_vcpu *vcpu);
int __must_check kvm_s390_deliver_pending_interrupts(struct kvm_vcpu *vcpu);
void kvm_s390_clear_local_irqs(struct kvm_vcpu *vcpu);
void kvm_s390_clear_float_irqs(struct kvm *kvm);
int __must_check kvm_s390_inject_vm(struct kvm *kvm,
				    struct kvm_s390_interrupt *s390int);
int __must_check kvm_s390_inject_vcpu(struct kvm_vcpu *vcpu,
				      struct kvm_s390_irq *irq);
static inline int kvm_s390_inject_prog_irq(struct kvm_vcpu *vcpu,
					   struct kvm_s390_pgm_info *pgm_info)
{
	struct kvm_s390_irq irq = {
		.type = KVM_S390_PROGRAM_INT,
		.u.pgm = *pgm_info,
	};

	return kvm_s390_inject_vcpu(vcpu, &irq);
}
static inline int kvm_s390_inject_program_int(struct kvm_vcpu *vcpu, u16 code)
{
	struct kvm_s390_irq irq = {
		.type = KVM_S390_PROGRAM_INT,
		.u.pgm.code = code,
	};

	return kvm_s390_inject_vcpu(vcpu, &irq);
}
struct kvm_s390_interrupt_info *kvm_s390_get_io_int(struct kvm *kvm,
						    u64 isc_mask, u32 schid);
int kvm_s390_reinject_io_int(struct kvm *kvm,
			     struct kvm_s390_interrupt_info *inti);
int kvm_s390_mask_adapter(struct kvm *kvm, unsigned int id, bool masked);
int kvm_s390_vcpu_has_irq(struct kvm_vcpu *vcpu, int exclude_stop);
int psw_extint_disabled(struct kvm_vcpu *vcpu);
void kvm_s390_destroy_adapters(struct kvm *kvm);
int kvm_s390_ext_call_pending(struct kvm_vcpu *vcpu);
extern struct kvm_device_ops kvm_flic_ops;
int kvm_s390_is_stop_irq_pending(struct kvm_vcpu *vcpu);
int kvm_s390_is_restart_irq_pending(struct kvm_vcpu *vcpu);
void kvm_s390_clear_stop_irq(struct kvm_vcpu *vcpu);
int s390int_to_s390irq(struct kvm_s390_interrupt *s390int,
		       struct kvm_s390_irq *irq);
int kvm_s390_set_irq_state(struct kvm_vcpu *vcpu,
			   void __user *irqstate, int len);
int kvm_s390_get_irq_state(struct kvm_vcpu *vcpu,
			   __u8 __user *buf, int len);

/*
 * (not in 6.1) Set up kvm->arch.float_int; 6.1 does this inline in
 * kvm_arch_init_vm(), the user-mode host's arch glue calls this.
 */
void kvm_s390_float_irqs_init(struct kvm *kvm);
/* (not in 6.1) Same for vcpu->arch.local_int in kvm_arch_vcpu_create(). */
void kvm_s390_local_irqs_init(struct kvm_vcpu *vcpu);

/* Floating-interrupt internals shared by flic.c and adapter.c. */
int kvm_s390_inject_float_inti(struct kvm *kvm,
			       struct kvm_s390_interrupt_info *inti);

int kvm_s390_get_float_irqs(struct kvm *kvm, struct kvm_s390_irq *buf,
			    int cap);

/* --- implemented in ccw_direct.c (not in 6.1) ------------------------- */
#ifdef CONFIG_KVM_S390_CCW_DIRECT
/* SSCH or TSCH for a bound subchannel; -EOPNOTSUPP if GR1 names none */
int kvm_s390_ccw_handle_io(struct kvm_vcpu *vcpu);
/* unbind what a driver left bound; before the floating irqs are freed */
void kvm_s390_ccw_destroy_vm(struct kvm *kvm);
void kvm_s390_ccw_init_flic(struct kvm_s390_flic *flic);
#else
static inline int kvm_s390_ccw_handle_io(struct kvm_vcpu *vcpu)
{
	return -EOPNOTSUPP;
}
static inline void kvm_s390_ccw_destroy_vm(struct kvm *kvm) {}
static inline void kvm_s390_ccw_init_flic(struct kvm_s390_flic *flic) {}
#endif

/* --- implemented in adapter.c ----------------------------------------- */
int kvm_s390_flic_register_adapter(struct kvm_device *dev,
				   struct kvm_device_attr *attr);
int kvm_s390_flic_modify_adapter(struct kvm_device *dev,
				 struct kvm_device_attr *attr);
int kvm_s390_flic_modify_ais_mode(struct kvm *kvm,
				  struct kvm_device_attr *attr);
int kvm_s390_flic_inject_airq(struct kvm *kvm, struct kvm_device_attr *attr);
int kvm_s390_flic_ais_get_all(struct kvm *kvm, struct kvm_device_attr *attr);
int kvm_s390_flic_ais_set_all(struct kvm *kvm, struct kvm_device_attr *attr);
void kvm_s390_flic_unmap_all(struct kvm_device *dev);

/* --- adapter.c, used by irq_routing.c --------------------------------- */
struct s390_io_adapter *kvm_s390_get_io_adapter(struct kvm *kvm,
						unsigned int id);
/*
 * (static in 6.1's interrupt.c) Inject an adapter I/O interrupt for
 * @adapter's ISC, honouring AIS. May sleep (ais_lock is a mutex).
 */
int kvm_s390_inject_airq(struct kvm *kvm, struct s390_io_adapter *adapter);

#endif /* ARCH_S390_KVM_S390_H */

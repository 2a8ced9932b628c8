/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VMM: what QEMU is to s390 KVM, small.  One file per concern:
 *   vmm.c            command dispatch        builtin-{run,bench,help}.c
 *   kvm.c            the machine: VM, memory, FLIC, kvm-vfio device
 *   kvm-cpu.c        vcpu threads and their exits
 *   css.c            the virtual channel subsystem the guest sees
 *   vfio-ccw.c       a passthrough subchannel (vfio-ccw mdev), --direct
 *   dasd-setup.c     --dasd: what an administrator does on the host
 *   epoll.c          the main loop
 *   stats.c          counters, latency, the summary and JSON
 *   guest-dasd.c     the guest: a small DASD driver and its workload
 * Documentation/virt/vmm.rst describes the whole.
 */
#ifndef VMM_VMM_H
#define VMM_VMM_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/kvm.h>

#include "cb.h"
#include "guest-dasd.h"

#define VMM_MAX_VCPUS	16
#define VMM_MAX_SCH	8
#define VMM_MEM_SIZE	(32UL << 20)

/* one lock for the channel subsystem, as QEMU's global lock */
extern pthread_mutex_t vmm_lock;

/* ---- syscall and wake-up accounting (stats.c) ---- */
extern uint64_t vmm_syscalls;	/* every system call of the I/O path */
extern uint64_t vmm_wakeups;	/* main-loop wake-ups with work */
static inline void count_syscall(void)
{
	__atomic_fetch_add(&vmm_syscalls, 1, __ATOMIC_RELAXED);
}

/* ---- the machine (kvm.c) ---- */
struct vmm;

struct vcpu {
	struct vmm *vmm;
	int id;
	int fd;
	int stats_fd;
	struct kvm_run *run;
	pthread_t thread;
	bool started;
	int exit_status;	/* 0 ok, else why it stopped the VM */
};

struct sch;
struct vfio_ccw;

struct vmm {
	int kvm_fd, vm_fd, flic_fd, kvm_vfio_fd;
	int stats_fd;		/* the VM's binary statistics */
	void *map;		/* guest memory mapping (1 MiB aligned) */
	uint8_t *mem;
	uint64_t mem_size;
	int nr_vcpus;
	struct vcpu vcpus[VMM_MAX_VCPUS];
	int nr_sch;
	struct sch *sch[VMM_MAX_SCH];	/* by guest subchannel number */
	volatile int stopping;
	int vfio_container;
	const char *workload;
	double seconds;
	uint32_t fail;		/* first fatal error, stops the VM */
};

int kvm_machine_init(struct vmm *v, int nr_vcpus);
void kvm_machine_exit(struct vmm *v);
void *gpa_to_hva(struct vmm *v, uint64_t gpa, uint64_t len);
int kvm_vfio_add_group(struct vmm *v, int group_fd);
int kvm_flic_enqueue_io(struct vmm *v, uint16_t schid_hi, uint16_t schnr,
			uint32_t intparm, uint8_t isc);
int kvm_inject_crw_mchk(struct vmm *v);
int kvm_flic_clear_io(struct vmm *v, uint32_t schid);

/* ---- vcpus (kvm-cpu.c) ---- */
int kvm_cpu_start(struct vmm *v, struct vcpu *c);
void kvm_cpu_stop_all(struct vmm *v);
void kvm_cpu_set_cc(struct vcpu *c, unsigned int cc);
int kvm_cpu_inject_pgm(struct vcpu *c, uint16_t code);
void *vcpu_operand(struct vcpu *c, uint32_t ipb, uint64_t len, uint64_t *gra);


/* ---- virtual channel subsystem (css.c) ---- */
struct sch_ops {
	int (*start)(struct sch *s, const uint8_t *orb);	/* ret code */
	int (*halt)(struct sch *s);
	int (*clear)(struct sch *s);
	void (*store)(struct sch *s);		/* refresh path masks */
	/*
	 * --direct (vfio-ccw.c): @sync makes the shadow show the status
	 * the kernel holds for a bound subchannel, before any instruction
	 * the VMM serves for it; @modified follows a successful MSCH
	 * (bind on the first enable, update on an ISC/enable change).
	 */
	void (*sync)(struct sch *s);
	void (*modified)(struct sch *s);
};

struct sch {
	struct vmm *vmm;
	uint16_t schnr;			/* the guest's number */
	uint8_t schib[SCHIB_SIZE];	/* shadow SCHIB, architected */
	uint8_t esw[ESW_SIZE];		/* from the device's last IRB */
	uint8_t ecw[ECW_SIZE];
	uint8_t orb[ORB_SIZE];		/* the guest's last started ORB */
	const struct sch_ops *ops;
	void *dev;
	bool host_started;		/* the program reached the device */
	bool bound;			/* --direct: the kernel serves it */
};

struct sch *css_add_sch(struct vmm *v, uint16_t devno,
			const struct sch_ops *ops, void *dev);
int css_handle_insn(struct vcpu *c);		/* KVM_EXIT_S390_SIEIC 4 */
int css_handle_tsch(struct vcpu *c);		/* KVM_EXIT_S390_TSCH */
void css_io_done(struct sch *s, const uint8_t *host_irb, int err);
void css_queue_crw(struct vmm *v, uint32_t crw_arch);
void css_unit_exception(struct sch *s);
void css_inject_io(struct sch *s);

/* ---- vfio-ccw passthrough (vfio-ccw.c) ---- */
int vfio_ccw_add(struct vmm *v, const char *sysfsdev, bool direct);
void vfio_ccw_unbind_all(struct vmm *v);
int vfio_ccw_nr_bound(struct vmm *v);
void vfio_ccw_exit(struct vmm *v);

/* ---- --dasd (dasd-setup.c) ---- */
int dasd_check_image(const char *path, char *err, size_t errlen);
int dasd_setup(char **images, int n, int nulls, char **sysfsdevs);
int dasd_teardown(void);

/* ---- main loop (epoll.c) ---- */
typedef void (*loop_fn)(void *arg);
int loop_init(void);
int loop_add(int fd, loop_fn fn, void *arg);
void loop_del(int fd);
int loop_run(struct vmm *v, double seconds, void (*tick)(struct vmm *v));
void loop_stop(void);
void loop_exit(void);

/* ---- statistics (stats.c) ---- */
struct run_stats {
	uint64_t ios, bytes, errors, exits, syscalls, wakeups, halt_wakeups;
	uint64_t inject_io;	/* floating I/O interruptions (VM stats) */
	uint64_t direct_io;	/* of them injected by vfio-ccw itself */
	uint64_t tsch_kernel;	/* TSCH served in the kernel */
	double seconds;
	double p50_us, p99_us;
	double c50_us, c99_us;	/* completion to handler, 0: unknown */
};
void stats_exit(void);
int stats_snapshot(struct vmm *v, struct run_stats *s);
void stats_delta(struct run_stats *d, const struct run_stats *a,
		 const struct run_stats *b);
void stats_guest_latency(struct vmm *v, struct run_stats *s);
const char *stats_path(struct vmm *v);
void stats_print(FILE *f, const struct run_stats *s, int nr_vcpus, int nr_dev,
		 const char *path);
void stats_print_json(FILE *f, const struct run_stats *s, int nr_vcpus,
		      int nr_dev, const char *workload, const char *path);
void stats_progress(const struct run_stats *s);
uint64_t now_ns(void);

/*
 * A test's way to the host machine's fault injection (the user-mode
 * host's um_css_inject()); NULL in the program: the guest skips the
 * checks that need it.
 */
extern int (*vmm_fault_hook)(int sch, int fault, int arg);
extern bool vmm_no_kvm_vfio;	/* kvm.c: a test's VMM without kvm-vfio */

/* ---- the guest (guest-dasd.c) ---- */
struct guest_ctl *guest_ctl(struct vmm *v);
void guest_setup(struct vmm *v, int workload);
void guest_entry(uint64_t vcpu_id);
void guest_journal_ack(struct vmm *v, uint64_t block, uint64_t seq);
void guest_vcpu_ended(struct vmm *v, struct vcpu *c);
int guest_load_journal(struct vmm *v, const char *path);
int guest_open_journal(const char *path);

/* ---- builtins ---- */
int cmd_run(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_help(int argc, char **argv);
int run_vm(int argc, char **argv, bool bench);
int run_compare(int argc, char **argv);

#endif /* VMM_VMM_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * vcpu threads: each runs KVM_RUN in a loop and serves its exits (the
 * channel-subsystem instructions in css.c, the guest's ucalls here).
 * Stopping: the main loop sends SIGUSR1; the handler sets
 * immediate_exit, so KVM_RUN returns -EINTR wherever the guest is (busy
 * or in enabled wait), as with upstream KVM.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "s390/guest.h"
#include "s390/ucall.h"
#include "vmm.h"

#define ICPT_INST	0x04
#define ICPT_WAIT	0x1c

int (*vmm_fault_hook)(int sch, int fault, int arg);

static __thread struct kvm_run *this_run;
static sigset_t stop_set;

static void stop_signal(int sig)
{
	if (this_run)
		this_run->immediate_exit = 1;
}

void kvm_cpu_set_cc(struct vcpu *c, unsigned int cc)
{
	c->run->psw_mask = (c->run->psw_mask & ~PSW_MASK_CC) |
			   ((uint64_t)(cc & 3) << 44);
}

int kvm_cpu_inject_pgm(struct vcpu *c, uint16_t code)
{
	struct kvm_s390_irq irq = {
		.type = KVM_S390_PROGRAM_INT,
		.u.pgm.code = code,
	};

	count_syscall();
	return ioctl(c->fd, KVM_S390_IRQ, &irq) ? -errno : 0;
}

/*
 * The storage operand of an S-format instruction (base + displacement
 * from @ipb), a real address: prefixing applies.  NULL if it is not in
 * guest memory (the caller injects an addressing exception).
 */
void *vcpu_operand(struct vcpu *c, uint32_t ipb, uint64_t len, uint64_t *gra)
{
	unsigned int b2 = ipb >> 28;
	uint64_t addr = ((b2 ? c->run->s.regs.gprs[b2] : 0) +
			 ((ipb >> 16) & 0xfff));
	uint64_t prefix = c->run->s.regs.prefix, abs = addr;

	*gra = addr;
	if (addr < 0x2000)
		abs = addr + prefix;
	else if (addr >= prefix && addr < prefix + 0x2000)
		abs = addr - prefix;
	return gpa_to_hva(c->vmm, abs, len);
}

/* the ucall block in this vcpu's lowcore (tools/include/s390/ucall.h) */
static int handle_ucall(struct vcpu *c)
{
	struct kvm_run *run = c->run;
	struct ucall uc;
	uint64_t gra;
	void *p;

	gra = run->s.regs.gprs[run->s390_sieic.ipa & 0xf];
	if (gra < 0x2000)
		gra += run->s.regs.prefix;
	p = gpa_to_hva(c->vmm, gra, sizeof(uc));
	if (!p)
		return -EFAULT;
	memcpy(&uc, p, sizeof(uc));
	switch (uc.cmd) {
	case UCALL_DONE:
		return 1;
	case UCALL_SYNC:
		if (uc.args[0] == GSYNC_ACK)
			guest_journal_ack(c->vmm, uc.args[1], uc.args[2]);
		if (uc.args[0] == GSYNC_UNBIND)
			vfio_ccw_unbind_all(c->vmm);
		if (uc.args[0] == GSYNC_FAULT)
			guest_ctl(c->vmm)->fault_result = vmm_fault_hook ?
				vmm_fault_hook(uc.args[1], uc.args[2],
					       uc.args[3]) : -ENOSYS;
		return 0;
	default:
		/* the guest is this program's own code: its strings too */
		fprintf(stderr, "vmm: vcpu %d: guest aborted (%s:%lu)\n",
			c->id, (const char *)(uintptr_t)uc.args[0],
			(unsigned long)uc.args[1]);
		return -EIO;
	}
}

static int handle_exit(struct vcpu *c)
{
	struct kvm_run *run = c->run;

	switch (run->exit_reason) {
	case KVM_EXIT_INTR:
		return 0;
	case KVM_EXIT_S390_TSCH:
		return css_handle_tsch(c);
	case KVM_EXIT_S390_SIEIC:
		if (run->s390_sieic.icptcode == ICPT_WAIT)
			return 1;	/* disabled wait: the program ended */
		if (run->s390_sieic.icptcode != ICPT_INST)
			break;
		if ((run->s390_sieic.ipa >> 8) == 0x83 &&
		    (run->s390_sieic.ipb >> 16) == 0x501)
			return handle_ucall(c);
		if ((run->s390_sieic.ipa >> 8) == 0xb2)
			return css_handle_insn(c);
		break;
	case KVM_EXIT_INTERNAL_ERROR:
		fprintf(stderr, "vmm: vcpu %d: internal error %u (program interruption %#llx at %#llx)\n",
			c->id, run->internal.suberror,
			(unsigned long long)run->internal.data[0],
			(unsigned long long)run->internal.data[1]);
		return -EIO;
	}
	fprintf(stderr, "vmm: vcpu %d: unexpected exit %u (icpt %#x ipa %#x ipb %#x)\n",
		c->id, run->exit_reason, run->s390_sieic.icptcode,
		run->s390_sieic.ipa, run->s390_sieic.ipb);
	return -EIO;
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *c = arg;
	struct vmm *v = c->vmm;
	int ret = 0;

	this_run = c->run;
	while (ret == 0) {
		count_syscall();
		if (ioctl(c->fd, KVM_RUN, 0)) {
			if (errno != EINTR) {
				ret = -errno;
				break;
			}
			if (__atomic_load_n(&v->stopping, __ATOMIC_ACQUIRE) > 1)
				break;	/* forced stop */
			c->run->immediate_exit = 0;
			continue;
		}
		ret = handle_exit(c);
	}
	c->exit_status = ret < 0 ? ret : 0;
	/* a stop signal from now on has nothing to interrupt */
	pthread_sigmask(SIG_BLOCK, &stop_set, NULL);
	guest_vcpu_ended(v, c);
	return NULL;
}

int kvm_cpu_start(struct vmm *v, struct vcpu *c)
{
	struct sigaction sa = { .sa_handler = stop_signal };
	uint64_t desc = G_CODE_BASE + c->id * 32;

	sigemptyset(&sa.sa_mask);
	sigemptyset(&stop_set);
	sigaddset(&stop_set, SIGUSR1);
	if (sigaction(SIGUSR1, &sa, NULL))
		return -errno;
	code_desc_write(gpa_to_hva(v, desc, 24), guest_entry, c->id);
	c->run->psw_mask = PSW_MASK_64;
	c->run->psw_addr = desc;
	if (pthread_create(&c->thread, NULL, vcpu_thread, c))
		return -EAGAIN;
	c->started = true;
	return 0;
}

/*
 * Force every vcpu out of KVM_RUN and wait for the threads.  Only the
 * vcpu's own thread (its signal handler) writes immediate_exit.
 */
void kvm_cpu_stop_all(struct vmm *v)
{
	int i;

	__atomic_store_n(&v->stopping, 2, __ATOMIC_RELEASE);
	for (i = 0; i < v->nr_vcpus; i++)
		if (v->vcpus[i].started)
			pthread_kill(v->vcpus[i].thread, SIGUSR1);
	for (i = 0; i < v->nr_vcpus; i++) {
		if (v->vcpus[i].started)
			pthread_join(v->vcpus[i].thread, NULL);
		v->vcpus[i].started = false;
	}
}

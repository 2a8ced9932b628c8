// SPDX-License-Identifier: GPL-2.0
/*
 * What a run costs, counted: I/Os, bytes and errors from the guest's
 * control block; vcpu exits to userspace and halt wake-ups from each
 * vcpu's binary statistics (KVM_GET_STATS_FD, upstream's names
 * exit_userspace and halt_wakeup) and injected I/O interruptions from
 * the VM's (inject_io); system calls of the I/O path and
 * main-loop wake-ups counted by the VMM where it makes them; latency of
 * each I/O as the guest sees it, from its SSCH to its I/O interruption
 * handler (the only measure both paths share: on the direct path the
 * VMM sees neither).  The same counters serve both paths.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vmm.h"

uint64_t vmm_syscalls;
uint64_t vmm_wakeups;

/* latency samples of the run, collected at its end */
static uint64_t *lat;
static size_t nr_lat;

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static double percentile(uint64_t *v, size_t n, unsigned int p)
{
	size_t i;

	if (!n)
		return 0;
	i = (size_t)(p * n + 99) / 100;	/* nearest rank */
	return v[i ? i - 1 : 0] / 1000.0;
}

/* a counter of a binary stats fd by name; -1 if absent */
static int64_t stat_read(int fd, const char *name)
{
	struct kvm_stats_header h;
	struct kvm_stats_desc *d;
	int64_t ret = -1;
	size_t dsize;
	uint64_t val;
	char *descs;
	uint32_t i;

	if (pread(fd, &h, sizeof(h), 0) != sizeof(h))
		return -1;
	dsize = sizeof(*d) + h.name_size;
	descs = malloc(dsize * h.num_desc);
	if (!descs)
		return -1;
	if (pread(fd, descs, dsize * h.num_desc, h.desc_offset) !=
	    (ssize_t)(dsize * h.num_desc))
		goto out;
	for (i = 0; i < h.num_desc; i++) {
		d = (struct kvm_stats_desc *)(descs + i * dsize);
		if (strncmp(d->name, name, h.name_size))
			continue;
		if (pread(fd, &val, sizeof(val), h.data_offset + d->offset) ==
		    sizeof(val))
			ret = val;
		break;
	}
out:
	free(descs);
	return ret;
}

/* the counters now, as far as the guest's and the VM's can be read at once */
static int stats_read(struct vmm *v, struct run_stats *s)
{
	struct guest_ctl *g = guest_ctl(v);
	int i;

	memset(s, 0, sizeof(*s));
	s->seconds = now_ns() / 1e9;
	s->ios = __atomic_load_n(&g->ios, __ATOMIC_RELAXED);
	s->bytes = __atomic_load_n(&g->bytes, __ATOMIC_RELAXED);
	s->errors = __atomic_load_n(&g->errors, __ATOMIC_RELAXED);
	for (i = 0; i < v->nr_vcpus; i++) {
		int64_t e = stat_read(v->vcpus[i].stats_fd, "exit_userspace");
		int64_t w = stat_read(v->vcpus[i].stats_fd, "halt_wakeup");

		if (e < 0 || w < 0)
			return -1;
		s->exits += e;
		s->halt_wakeups += w;
	}
	s->inject_io = stat_read(v->stats_fd, "inject_io");
	s->direct_io = stat_read(v->stats_fd, "io_direct_injected");
	for (i = 0; i < v->nr_vcpus; i++) {
		int64_t t = stat_read(v->vcpus[i].stats_fd,
				      "instruction_tsch_kernel");

		s->tsch_kernel += t > 0 ? t : 0;
	}
	s->syscalls = __atomic_load_n(&vmm_syscalls, __ATOMIC_RELAXED);
	s->wakeups = __atomic_load_n(&vmm_wakeups, __ATOMIC_RELAXED);
	return 0;
}

/*
 * The counters now.  Reading them takes a few dozen system calls, during
 * which a preempted main loop lets the guest complete I/Os: the guest's
 * count and the VM's would then be of different moments, and the per-I/O
 * figures off by those I/Os.  So read until no I/O completed meanwhile
 * (a busy machine may never allow it: the last attempt is taken).
 */
int stats_snapshot(struct vmm *v, struct run_stats *s)
{
	struct guest_ctl *g = guest_ctl(v);
	int tries, ret = 0;

	for (tries = 0; tries < 100; tries++) {
		ret = stats_read(v, s);
		if (ret || s->ios == __atomic_load_n(&g->ios, __ATOMIC_RELAXED))
			break;
	}
	return ret;
}

/*
 * Latency percentiles from the guest's rings (G_LAT_BASE), after the
 * vcpus stopped: the latest G_LAT_SAMPLES of each vcpu.
 */
static void ring_percentiles(struct vmm *v, uint64_t base,
			     const uint32_t *nr, double *p50, double *p99)
{
	uint32_t n, i;
	int c;

	free(lat);
	nr_lat = 0;
	lat = calloc((size_t)v->nr_vcpus * G_LAT_SAMPLES, sizeof(*lat));
	if (!lat)
		return;
	for (c = 0; c < v->nr_vcpus && c < 16; c++) {
		uint32_t *ring = gpa_to_hva(v, base + c * G_LAT_SIZE,
					    G_LAT_SIZE);

		n = nr[c] < G_LAT_SAMPLES ? nr[c] : G_LAT_SAMPLES;
		for (i = 0; i < n; i++)
			lat[nr_lat++] = ring[i];
	}
	qsort(lat, nr_lat, sizeof(*lat), cmp_u64);
	*p50 = percentile(lat, nr_lat, 50);
	*p99 = percentile(lat, nr_lat, 99);
}

void stats_guest_latency(struct vmm *v, struct run_stats *s)
{
	struct guest_ctl *g = guest_ctl(v);

	ring_percentiles(v, G_LAT_BASE, g->nr_lat, &s->p50_us, &s->p99_us);
	ring_percentiles(v, G_CLAT_BASE, g->nr_clat, &s->c50_us,
			 &s->c99_us);
}

/* "direct" when every subchannel is bound, "classic" when none is */
const char *stats_path(struct vmm *v)
{
	int n = vfio_ccw_nr_bound(v);

	return !n ? "classic" : n == v->nr_sch ? "direct" : "mixed";
}

/* @d = @b - @a; latency from @b */
void stats_delta(struct run_stats *d, const struct run_stats *a,
		 const struct run_stats *b)
{
	*d = *b;
	d->seconds = b->seconds - a->seconds;
	d->ios = b->ios - a->ios;
	d->bytes = b->bytes - a->bytes;
	d->errors = b->errors;		/* errors of the whole run */
	d->exits = b->exits - a->exits;
	d->halt_wakeups = b->halt_wakeups - a->halt_wakeups;
	d->inject_io = b->inject_io - a->inject_io;
	d->direct_io = b->direct_io - a->direct_io;
	d->tsch_kernel = b->tsch_kernel - a->tsch_kernel;
	d->syscalls = b->syscalls - a->syscalls;
	d->wakeups = b->wakeups - a->wakeups + d->halt_wakeups;
}

static double per_io(uint64_t n, uint64_t ios)
{
	return ios ? (double)n / ios : 0;
}

void stats_print(FILE *f, const struct run_stats *s, int nr_vcpus, int nr_dev,
		 const char *path)
{
	double secs = s->seconds > 0 ? s->seconds : 1;

	fprintf(f, "\nvmm: %s path (%s), %d vcpu%s, %d device%s\n", path,
		!strcmp(path, "classic") ? "vfio-ccw through the VMM" :
		"SSCH/TSCH in the kernel, vfio-ccw injects",
		nr_vcpus, nr_vcpus == 1 ? "" : "s", nr_dev, nr_dev == 1 ? "" : "s");
	fprintf(f, "  %-28s %12llu\n", "I/Os", (unsigned long long)s->ios);
	fprintf(f, "  %-28s %12.1f\n", "seconds", s->seconds);
	fprintf(f, "  %-28s %12.0f\n", "I/Os per second", s->ios / secs);
	fprintf(f, "  %-28s %12.2f\n", "MB/s", s->bytes / secs / 1e6);
	fprintf(f, "  %-28s %12.1f\n", "latency p50 (us)", s->p50_us);
	fprintf(f, "  %-28s %12.1f\n", "latency p99 (us)", s->p99_us);
	if (s->c50_us > 0) {
		fprintf(f, "  %-28s %12.1f\n", "completion->handler p50",
			s->c50_us);
		fprintf(f, "  %-28s %12.1f\n", "completion->handler p99",
			s->c99_us);
	}
	fprintf(f, "  per I/O:\n");
	fprintf(f, "  %-28s %12.2f\n", "  vcpu exits to userspace",
		per_io(s->exits, s->ios));
	fprintf(f, "  %-28s %12.2f\n", "  VMM system calls",
		per_io(s->syscalls, s->ios));
	fprintf(f, "  %-28s %12.2f\n", "  thread wake-ups",
		per_io(s->wakeups, s->ios));
	fprintf(f, "  %-28s %12.2f\n", "  I/O interruptions (FLIC)",
		per_io(s->inject_io, s->ios));
	fprintf(f, "  %-28s %12.2f\n", "    of them by vfio-ccw",
		per_io(s->direct_io, s->ios));
	fprintf(f, "  %-28s %12.2f\n", "  TSCH served by the kernel",
		per_io(s->tsch_kernel, s->ios));
	fprintf(f, "  %-28s %12llu\n", "errors", (unsigned long long)s->errors);
}

void stats_print_json(FILE *f, const struct run_stats *s, int nr_vcpus,
		      int nr_dev, const char *workload, const char *path)
{
	double secs = s->seconds > 0 ? s->seconds : 1;

	fprintf(f, "{\"path\": \"%s\", \"workload\": \"%s\", \"vcpus\": %d, "
		"\"devices\": %d, \"ios\": %llu, \"bytes\": %llu, "
		"\"seconds\": %.3f, \"iops\": %.1f, \"mbps\": %.3f, "
		"\"latency_us\": {\"p50\": %.1f, \"p99\": %.1f}, "
		"\"completion_us\": {\"c50\": %.1f, \"c99\": %.1f}, "
		"\"per_io\": {\"exits\": %.3f, \"syscalls\": %.3f, "
		"\"wakeups\": %.3f, \"inject_io\": %.3f, \"direct_io\": %.3f, "
		"\"tsch_kernel\": %.3f}, \"errors\": %llu}\n",
		path, workload, nr_vcpus, nr_dev, (unsigned long long)s->ios,
		(unsigned long long)s->bytes, s->seconds, s->ios / secs,
		s->bytes / secs / 1e6, s->p50_us, s->p99_us, s->c50_us,
		s->c99_us,
		per_io(s->exits, s->ios), per_io(s->syscalls, s->ios),
		per_io(s->wakeups, s->ios), per_io(s->inject_io, s->ios),
		per_io(s->direct_io, s->ios), per_io(s->tsch_kernel, s->ios),
		(unsigned long long)s->errors);
}

/* one line, rewritten in place: only on a terminal */
void stats_progress(const struct run_stats *s)
{
	double secs = s->seconds > 0 ? s->seconds : 1;

	fprintf(stderr, "\r  %8llu I/Os  %8.2f MB/s  %6.1f s  ",
		(unsigned long long)s->ios, s->bytes / secs / 1e6, s->seconds);
	fflush(stderr);
}

void stats_exit(void)
{
	free(lat);
	lat = NULL;
	nr_lat = 0;
}

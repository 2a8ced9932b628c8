// SPDX-License-Identifier: GPL-2.0
/*
 * vmm run: set up the host side (--dasd), build the machine, plug the
 * passthrough devices, start the vcpus on the guest DASD driver, run the
 * main loop for --seconds, then let the guest finish its last I/O and
 * report what it cost.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmm.h"

struct run_opts {
	int vcpus;
	int nr_dasd, nr_dev, nr_null;
	char *dasd[VMM_MAX_SCH];
	char *dev[VMM_MAX_SCH];
	bool dev_direct[VMM_MAX_SCH];	/* direct=on */
	bool direct;			/* --direct: every device */
	int workload;
	double seconds;
	bool json;
	const char *journal;
	char *tmp_image;	/* vmm bench's own image */
};

enum { PH_SETUP, PH_MEASURE, PH_STOPPING };

static struct {
	struct vmm vm;
	int phase;
	uint64_t t0, t_stop;
	struct run_stats start;
	int ended;		/* vcpu threads done */
	bool tty;
	int journal_fd;
	const struct run_opts *o;
} R = { .journal_fd = -1 };

struct guest_ctl *guest_ctl(struct vmm *v)
{
	return gpa_to_hva(v, G_CTL, sizeof(struct guest_ctl));
}

void guest_vcpu_ended(struct vmm *v, struct vcpu *c)
{
	if (__atomic_add_fetch(&R.ended, 1, __ATOMIC_ACQ_REL) == v->nr_vcpus)
		loop_stop();
	else if (c->exit_status)
		loop_stop();	/* a failed vcpu ends the run */
}

/* WL_JOURNAL: an acknowledged write; appended before the guest goes on */
void guest_journal_ack(struct vmm *v, uint64_t block, uint64_t seq)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "%llu %llu\n",
			 (unsigned long long)block, (unsigned long long)seq);

	if (R.journal_fd >= 0 && write(R.journal_fd, line, n) != n)
		fprintf(stderr, "vmm: journal: %s\n", strerror(errno));
}

/* WL_VERIFY: every block must hold at least its last acknowledged write */
int guest_load_journal(struct vmm *v, const char *path)
{
	unsigned long long b, s;
	uint64_t *tab = gpa_to_hva(v, G_SEQ_TABLE, G_SEQ_MAX);
	FILE *f = fopen(path, "r");
	int n = 0;

	if (!f)
		return -errno;
	while (fscanf(f, "%llu %llu", &b, &s) == 2) {
		if (b >= G_SEQ_MAX / 8)
			continue;
		if (s > tab[b])
			tab[b] = s;
		n++;
	}
	fclose(f);
	return n;
}

/*
 * The host machine's status time stamp (um/hw/css.h), for the guest's
 * completion-to-handler latency: with --dasd and --null the host's
 * subchannel i is the guest's i.
 */
uint64_t um_css_status_ns(uint16_t sch_no);

static uint64_t host_status_ns(uint32_t sch)
{
	return um_css_status_ns(sch);
}

static void print_guest(struct guest_ctl *g)
{
	uint32_t i;

	for (i = 0; i < g->nr_sch; i++)
		printf("guest: 0.0.%04x: Sense ID %04x, RDC: %u cylinders\n", i,
		       g->devtype[i], g->cyls[i]);
	printf("guest: %s on %u tracks a DASD from track %u, %u vcpu%s\n",
	       workload_names[g->workload], g->nr_tracks, g->first_track,
	       g->nr_vcpus, g->nr_vcpus == 1 ? "" : "s");
	fflush(stdout);
}

static void tick(struct vmm *v)
{
	struct guest_ctl *g = guest_ctl(v);
	struct run_stats now, d;
	uint64_t t = now_ns();

	if (R.phase == PH_SETUP &&
	    __atomic_load_n(&g->ready, __ATOMIC_ACQUIRE)) {
		stats_snapshot(v, &R.start);
		__atomic_store_n(&g->measure, 1, __ATOMIC_RELEASE);
		R.t0 = t;
		R.phase = PH_MEASURE;
		if (!R.o->json)
			print_guest(g);
	}
	if (R.phase == PH_MEASURE) {
		if (t - R.t0 >= R.o->seconds * 1e9) {
			__atomic_store_n(&g->stop, 1, __ATOMIC_RELEASE);
			R.phase = PH_STOPPING;
			R.t_stop = t;
		} else if (R.tty && !R.o->json) {
			stats_snapshot(v, &now);
			stats_delta(&d, &R.start, &now);
			stats_progress(&d);
		}
	}
	/* a guest that does not finish its last I/O in 10 s is stuck */
	if (R.phase == PH_STOPPING && t - R.t_stop > 10e9) {
		fprintf(stderr, "\nvmm: the guest did not stop; forcing the vcpus out\n");
		v->fail = 1;
		loop_stop();
	}
}

static void print_misbehave(struct guest_ctl *g)
{
	uint32_t i;

	printf("misbehaviour checks (want/got; 0x1NN = program interruption NN):\n");
	for (i = 0; i < g->mis_n; i++)
		printf("  %2u: %#6x %#6x %s\n", i + 1, g->mis[i].want,
		       g->mis[i].got, g->mis[i].want == g->mis[i].got ?
		       "ok" : "WRONG");
}

/*
 * VMM_ACCOUNTING=1 (tests): the exact accounting, one line: programs
 * started and completed, interruptions taken and duplicated (TSCH cc 1
 * in the handler), and the VM's I/O interruptions injected in all.
 */
static void print_accounting(struct vmm *v, struct guest_ctl *g)
{
	struct run_stats s;

	stats_snapshot(v, &s);
	fprintf(stderr, "accounting: started %llu completed %llu irqs %llu spurious %llu injected %llu direct %llu\n",
		(unsigned long long)g->started,
		(unsigned long long)g->completed,
		(unsigned long long)g->irqs,
		(unsigned long long)g->spurious,
		(unsigned long long)s.inject_io,
		(unsigned long long)s.direct_io);
}

static void print_error(struct guest_ctl *g)
{
	static const char *const what[] = {
		"none", "condition code", "device status", "data mismatch",
		"Sense ID", "Read Device Characteristics", "no DASD found",
		"misbehaviour check",
	};

	if (!g->errors)
		return;
	fprintf(stderr, "vmm: %llu guest error%s; the first: %s (subchannel %u, %#x, %#x)\n",
		(unsigned long long)g->errors, g->errors == 1 ? "" : "s",
		g->err_what < 8 ? what[g->err_what] : "?", g->err_sch,
		g->err_stat, g->err_info);
}

/* --dasd: prepare the host, before its first use (the machine file) */
static int host_setup(const struct run_opts *o, char **devs)
{
	int ret;

	if (!o->nr_dasd && !o->nr_null)
		return 0;
	ret = dasd_setup((char **)o->dasd, o->nr_dasd, o->nr_null, devs);
	dasd_teardown();
	return ret;
}

static int plug_devices(struct vmm *v, const struct run_opts *o, char **devs)
{
	int nr_host = o->nr_dasd + o->nr_null;
	bool direct;
	int i, ret;

	for (i = 0; i < nr_host + o->nr_dev; i++) {
		const char *dev = i < nr_host ? devs[i] : o->dev[i - nr_host];

		direct = o->direct ||
			 (i >= nr_host && o->dev_direct[i - nr_host]);
		ret = vfio_ccw_add(v, dev, direct);
		if (ret) {
			fprintf(stderr, "vmm: vfio-ccw %s: %s\n", dev,
				strerror(-ret));
			return ret;
		}
		if (!o->json)
			printf("vmm: %s%s%s -> guest subchannel 0.0.%04x (device %04x)\n",
			       i < o->nr_dasd ? o->dasd[i] :
			       i < nr_host ? "null device" : "",
			       i < nr_host ? ": " : "", dev, i,
			       cb_get(v->sch[i]->schib, PMCW_DEV));
	}
	return 0;
}

int vmm_run(const struct run_opts *o)
{
	char *devs[VMM_MAX_SCH] = { 0 };
	struct vmm *v = &R.vm;
	struct guest_ctl *g;
	struct run_stats end, d;
	const char *path;
	int i, ret, sig;

	R.o = o;
	R.tty = isatty(STDERR_FILENO);
	ret = loop_init();
	if (ret)
		goto err;
	/* the host first, as an administrator prepares it */
	if (host_setup(o, devs))
		return 1;
	ret = kvm_machine_init(v, o->vcpus);
	if (ret) {
		fprintf(stderr, "vmm: creating the VM: %s\n", strerror(-ret));
		return 1;
	}
	ret = plug_devices(v, o, devs);
	for (i = 0; i < o->nr_dasd + o->nr_null; i++)
		free(devs[i]);
	if (ret)
		return 1;
	g = guest_ctl(v);
	g->workload = o->workload;
	g->nr_vcpus = o->vcpus;
	g->first_track = DASD_FIRST_TRACK;
	if (!o->nr_dev)
		g->status_ns = host_status_ns;
	if (o->journal && o->workload == WL_JOURNAL) {
		R.journal_fd = open(o->journal, O_WRONLY | O_CREAT | O_TRUNC |
				    O_APPEND | O_CLOEXEC, 0644);
		if (R.journal_fd < 0) {
			fprintf(stderr, "vmm: %s: %s\n", o->journal, strerror(errno));
			return 1;
		}
	} else if (o->journal && o->workload == WL_VERIFY) {
		ret = guest_load_journal(v, o->journal);
		if (ret < 0) {
			fprintf(stderr, "vmm: %s: %s\n", o->journal, strerror(-ret));
			return 1;
		}
		if (!o->json)
			printf("vmm: %d acknowledged writes to find\n", ret);
	}
	/* measured from here unless the guest gets past discovery first */
	stats_snapshot(v, &R.start);
	R.t0 = now_ns();
	for (i = 0; i < o->vcpus; i++) {
		ret = kvm_cpu_start(v, &v->vcpus[i]);
		if (ret)
			goto err;
	}
	sig = loop_run(v, o->seconds, tick);
	if (sig < 0) {
		fprintf(stderr, "vmm: main loop: %s\n", strerror(-sig));
		v->fail = 1;
	}
	if (sig > 0) {
		/* Ctrl-C: the guest ends its I/O; a second one forces */
		fprintf(stderr, "\nvmm: %s: stopping\n", strsignal(sig));
		__atomic_store_n(&g->stop, 1, __ATOMIC_RELEASE);
		R.phase = PH_STOPPING;
		R.t_stop = now_ns();
		if (__atomic_load_n(&R.ended, __ATOMIC_ACQUIRE) < v->nr_vcpus)
			sig = loop_run(v, 0, tick);
	}
	stats_snapshot(v, &end);
	kvm_cpu_stop_all(v);
	path = stats_path(v);
	vfio_ccw_unbind_all(v);
	stats_guest_latency(v, &end);
	stats_delta(&d, &R.start, &end);
	if (R.tty && !o->json)
		fprintf(stderr, "\r%60s\r", "");
	print_error(g);
	if (o->workload == WL_MISBEHAVE || o->workload == WL_INTERPLAY)
		print_misbehave(g);
	else if (o->workload == WL_VERIFY && !o->json)
		printf("vmm: verified %llu blocks, %llu damaged (a write in flight when the writer died)\n",
		       (unsigned long long)g->verified,
		       (unsigned long long)g->torn);
	if (getenv("VMM_JSON_OUT")) {
		FILE *jf = fopen(getenv("VMM_JSON_OUT"), "w");

		if (jf) {
			stats_print_json(jf, &d, v->nr_vcpus, v->nr_sch,
					 workload_names[o->workload], path);
			fclose(jf);
		}
	}
	if (o->json)
		stats_print_json(stdout, &d, v->nr_vcpus, v->nr_sch,
				 workload_names[o->workload], path);
	else if (o->workload != WL_MISBEHAVE && o->workload != WL_INTERPLAY)
		stats_print(stdout, &d, v->nr_vcpus, v->nr_sch, path);
	if (getenv("VMM_ACCOUNTING"))
		print_accounting(v, g);
	ret = g->errors || v->fail ? 1 : 0;
	for (i = 0; i < v->nr_vcpus; i++)
		if (v->vcpus[i].exit_status)
			ret = 1;
	if (R.journal_fd >= 0)
		close(R.journal_fd);
	vfio_ccw_exit(v);
	kvm_machine_exit(v);
	loop_exit();
	stats_exit();
	return ret;
err:
	fprintf(stderr, "vmm: %s\n", strerror(-ret));
	return 1;
}

/* ---- the command line ---- */

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "vmm %s: ", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'vmm help %s'.\n", cmd);
	return 2;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || end == s || *end || *out < lo || *out > hi ? -1 : 0;
}

/* vfio-ccw,sysfsdev=PATH[,direct=on|off] */
static int parse_device(struct run_opts *o, char *arg)
{
	char *p = arg, *comma;

	if (strncmp(p, "vfio-ccw", 8) || p[8] != ',')
		return -1;
	p += 9;
	if (strncmp(p, "sysfsdev=", 9) || !p[9] || p[9] == ',')
		return -1;
	comma = strchr(p, ',');
	o->dev_direct[o->nr_dev] = false;
	if (comma) {
		if (!strcmp(comma + 1, "direct=on"))
			o->dev_direct[o->nr_dev] = true;
		else if (strcmp(comma + 1, "direct=off"))
			return -1;
		*comma = 0;
	}
	o->dev[o->nr_dev++] = p + 9;
	return 0;
}

static int make_image(struct run_opts *o)
{
	const char *tmp = getenv("TMPDIR") ?: "/tmp";
	char cmd[512];

	if (asprintf(&o->tmp_image, "%s/vmm-bench-%d.3390", tmp, getpid()) < 0)
		return -1;
	snprintf(cmd, sizeof(cmd),
		 "dasdinit -linux %s 3390 VOL001 20 >/dev/null 2>&1",
		 o->tmp_image);
	if (system(cmd)) {
		fprintf(stderr, "vmm bench: dasdinit failed (Debian package hercules; scripts/install-deps.sh)\n");
		return -1;
	}
	o->dasd[o->nr_dasd++] = o->tmp_image;
	return 0;
}

int run_vm(int argc, char **argv, bool bench)
{
	static const struct option opts[] = {
		{ "vcpus", required_argument, NULL, 'c' },
		{ "dasd", required_argument, NULL, 'd' },
		{ "device", required_argument, NULL, 'D' },
		{ "workload", required_argument, NULL, 'w' },
		{ "seconds", required_argument, NULL, 's' },
		{ "journal", required_argument, NULL, 'j' },
		{ "json", no_argument, NULL, 'J' },
		{ "direct", no_argument, NULL, 'x' },
		{ "null", required_argument, NULL, 'n' },
		{ "compare", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *cmd = bench ? "bench" : "run";
	struct run_opts o = {
		.vcpus = 2, .workload = WL_READWRITE,
		.seconds = bench ? 3 : 5,
	};
	char err[512], *end;
	bool compare = false;
	long n;
	int c, i, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (parse_int(optarg, 1, VMM_MAX_VCPUS, &n))
				return usage_error(cmd, "--vcpus wants 1 to 16, not '%s'", optarg);
			o.vcpus = n;
			break;
		case 'd':
			if (o.nr_dasd + o.nr_dev + o.nr_null >= VMM_MAX_SCH)
				return usage_error(cmd, "at most 8 devices%s", "");
			o.dasd[o.nr_dasd++] = optarg;
			break;
		case 'D':
			if (o.nr_dasd + o.nr_dev + o.nr_null >= VMM_MAX_SCH)
				return usage_error(cmd, "at most 8 devices%s", "");
			if (parse_device(&o, optarg))
				return usage_error(cmd, "--device wants vfio-ccw,sysfsdev=/sys/bus/mdev/devices/UUID[,direct=on], not '%s'", optarg);
			break;
		case 'w':
			for (i = 0; i < WL_NR; i++)
				if (!strcmp(optarg, workload_names[i]))
					break;
			if (i == WL_NR)
				return usage_error(cmd, "unknown workload '%s' (read, write, readwrite, verify, journal, misbehave, interplay)", optarg);
			o.workload = i;
			break;
		case 's':
			errno = 0;
			o.seconds = strtod(optarg, &end);
			if (errno || end == optarg || *end ||
			    !(o.seconds > 0) || o.seconds > 86400)
				return usage_error(cmd, "--seconds wants a number above 0 (at most a day), not '%s'", optarg);
			break;
		case 'j':
			o.journal = optarg;
			break;
		case 'J':
			o.json = true;
			break;
		case 'x':
			o.direct = true;
			break;
		case 'C':
			compare = true;
			break;
		case 'n':
			if (parse_int(optarg, 1, VMM_MAX_SCH, &n) ||
			    o.nr_dasd + o.nr_dev + o.nr_null + n > VMM_MAX_SCH)
				return usage_error(cmd, "--null wants 1 to 8 devices in all, not '%s'", optarg);
			o.nr_null = n;
			break;
		case 'h':
			return cmd_help(2, (char *[]){ "help", (char *)cmd, NULL });
		case ':':
			return usage_error(cmd, "%s needs a value", argv[optind - 1]);
		default:
			return usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if (o.journal && o.workload != WL_JOURNAL && o.workload != WL_VERIFY)
		return usage_error(cmd, "--journal goes with --workload journal or verify%s", "");
	if (o.workload == WL_JOURNAL && !o.journal)
		return usage_error(cmd, "--workload journal needs --journal FILE%s", "");
	if (bench && !o.nr_dasd && !o.nr_dev && !o.nr_null && make_image(&o))
		return 1;
	if (!o.nr_dasd && !o.nr_dev && !o.nr_null)
		return usage_error(cmd, "no disk: give --dasd IMAGE (make one with 'dasdinit -linux disk.3390 3390 VOL001 20') or --device vfio-ccw,sysfsdev=...%s", "");
	for (i = 0; i < o.nr_dasd; i++) {
		if (dasd_check_image(o.dasd[i], err, sizeof(err))) {
			fprintf(stderr, "vmm %s: %s\n", cmd, err);
			return 2;
		}
	}
	if (compare)
		return run_compare(argc, argv);
	ret = vmm_run(&o);
	if (o.tmp_image) {
		unlink(o.tmp_image);
		free(o.tmp_image);
	}
	return ret;
}

int cmd_run(int argc, char **argv)
{
	return run_vm(argc, argv, false);
}

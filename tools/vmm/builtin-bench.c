// SPDX-License-Identifier: GPL-2.0
/*
 * vmm bench: both paths in one run.  Each case runs as `vmm run --json`
 * in a child process (a fresh user-mode host each: the host is
 * configured once per process), classic first, then direct; the
 * direct path's figures are printed as ratios to the classic path's of
 * the same run.  The floor is a bare cross-thread futex wake-up of a
 * sleeping thread, measured here in the same run: what waking a
 * sleeping vcpu costs at least.  No thresholds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/futex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vmm.h"

#define FLOOR_SAMPLES	4000

struct result {
	char path[16];
	double iops, p50, p99, c50, c99, exits, syscalls, wakeups;
	unsigned long long ios, errors;
	bool ok;
};

struct bench_case {
	const char *name;
	const char *args[8];
};

static const struct bench_case cases[] = {
	{ "null device, 1 vcpu", { "--null", "1", "--vcpus", "1" } },
	{ "null devices, 4 vcpus", { "--null", "4", "--vcpus", "4" } },
	{ "DASD readwrite, 2 vcpus", { "--dasd", NULL, "--vcpus", "2" } },
};

/* ---- the floor: a futex wake-up of a sleeping thread ---- */

static struct {
	uint32_t word;		/* 1: woken */
	uint32_t asleep;	/* the waiter is about to sleep */
	uint64_t t0;		/* when the waker woke it */
	uint64_t lat[FLOOR_SAMPLES];
	int n;
} F;

static long futex(uint32_t *uaddr, int op, uint32_t val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static void *floor_waiter(void *arg)
{
	(void)arg;
	while (F.n < FLOOR_SAMPLES) {
		__atomic_store_n(&F.asleep, 1, __ATOMIC_RELEASE);
		while (!__atomic_load_n(&F.word, __ATOMIC_ACQUIRE))
			futex(&F.word, FUTEX_WAIT_PRIVATE, 0);
		F.lat[F.n] = now_ns() - __atomic_load_n(&F.t0,
							 __ATOMIC_ACQUIRE);
		__atomic_store_n(&F.word, 0, __ATOMIC_RELEASE);
		__atomic_store_n(&F.n, F.n + 1, __ATOMIC_RELEASE);
	}
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static double rank(const uint64_t *v, int n, int p)
{
	int i = (p * n + 99) / 100;

	return v[i ? i - 1 : 0] / 1000.0;
}

/* p50 and p99 in us of FLOOR_SAMPLES wake-ups */
static int futex_floor(double *p50, double *p99)
{
	pthread_t t;
	int i;

	memset(&F, 0, sizeof(F));
	if (pthread_create(&t, NULL, floor_waiter, NULL))
		return -1;
	for (i = 0; i < FLOOR_SAMPLES; i++) {
		while (!__atomic_load_n(&F.asleep, __ATOMIC_ACQUIRE))
			sched_yield();
		usleep(50);	/* let it reach the kernel's sleep */
		__atomic_store_n(&F.asleep, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&F.t0, now_ns(), __ATOMIC_RELEASE);
		__atomic_store_n(&F.word, 1, __ATOMIC_RELEASE);
		futex(&F.word, FUTEX_WAKE_PRIVATE, 1);
		while (__atomic_load_n(&F.n, __ATOMIC_ACQUIRE) == i)
			sched_yield();
	}
	pthread_join(t, NULL);
	qsort(F.lat, FLOOR_SAMPLES, sizeof(F.lat[0]), cmp_u64);
	*p50 = rank(F.lat, FLOOR_SAMPLES, 50);
	*p99 = rank(F.lat, FLOOR_SAMPLES, 99);
	return 0;
}

/* ---- one case on one path: `vmm run ... --json` in a child ---- */

static double json_num(const char *j, const char *key)
{
	const char *p = strstr(j, key);

	return p ? strtod(p + strlen(key), NULL) : -1;
}

static void parse(const char *j, struct result *r)
{
	const char *p = strstr(j, "\"path\": \"");

	r->ok = p && sscanf(p + 9, "%15[a-z]", r->path) == 1;
	r->iops = json_num(j, "\"iops\": ");
	r->ios = json_num(j, "\"ios\": ");
	r->p50 = json_num(j, "\"p50\": ");
	r->p99 = json_num(j, "\"p99\": ");
	r->c50 = json_num(j, "\"c50\": ");
	r->c99 = json_num(j, "\"c99\": ");
	r->exits = json_num(j, "\"exits\": ");
	r->syscalls = json_num(j, "\"syscalls\": ");
	r->wakeups = json_num(j, "\"wakeups\": ");
	r->errors = json_num(j, "\"errors\": ");
}

static int run_case(const struct bench_case *c, const char *image,
		    bool direct, const char *secs, struct result *r)
{
	char *argv[20], out[4096];
	int pfd[2], n = 0, i, st;
	size_t len = 0;
	ssize_t k;
	pid_t pid;

	argv[n++] = "vmm";
	argv[n++] = "run";
	for (i = 0; i < 4; i++)
		argv[n++] = (char *)(c->args[i] ? c->args[i] : image);
	argv[n++] = "--seconds";
	argv[n++] = (char *)secs;
	argv[n++] = "--json";
	if (direct)
		argv[n++] = "--direct";
	argv[n] = NULL;
	memset(r, 0, sizeof(*r));
	if (pipe(pfd))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		dup2(pfd[1], STDOUT_FILENO);
		close(pfd[0]);
		close(pfd[1]);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	close(pfd[1]);
	while ((k = read(pfd[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += k;
	out[len] = 0;
	close(pfd[0]);
	waitpid(pid, &st, 0);
	parse(out, r);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		r->ok = false;
	return 0;
}

/*
 * vmm run --compare (make run): the same run on the classic path, then
 * with --direct, each child printing its own summary; then a table of
 * both, from the JSON each wrote to VMM_JSON_OUT.
 */
static int run_child_json(char **argv, const char *file, struct result *r)
{
	char out[4096];
	ssize_t k;
	pid_t pid;
	int fd, st;

	memset(r, 0, sizeof(*r));
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		setenv("VMM_JSON_OUT", file, 1);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	fd = open(file, O_RDONLY | O_CLOEXEC);
	k = fd < 0 ? -1 : read(fd, out, sizeof(out) - 1);
	if (fd >= 0)
		close(fd);
	unlink(file);
	out[k > 0 ? k : 0] = 0;
	parse(out, r);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		r->ok = false;
	return 0;
}

int run_compare(int argc, char **argv)
{
	const char *tmp = getenv("TMPDIR") ?: "/tmp";
	char **a = calloc(argc + 2, sizeof(*a)), file[512];
	struct result r[2];
	int i, n = 0, ret = 0;

	if (!a)
		return 1;
	a[n++] = "vmm";
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--compare") && strcmp(argv[i], "--direct"))
			a[n++] = argv[i];
	snprintf(file, sizeof(file), "%s/vmm-compare-%d.json", tmp, getpid());
	printf("==== classic path ====\n");
	run_child_json(a, file, &r[0]);
	a[n++] = "--direct";
	printf("\n==== direct path ====\n");
	run_child_json(a, file, &r[1]);
	free(a);
	printf("\n==== both paths, the same image ====\n");
	printf("  %-8s %9s %8s %8s %6s %8s %8s\n", "path", "IOPS",
	       "p50 us", "p99 us", "exits", "syscalls", "wake-ups");
	for (i = 0; i < 2; i++) {
		if (!r[i].ok) {
			printf("  %-8s failed\n", i ? "direct" : "classic");
			ret = 1;
			continue;
		}
		printf("  %-8s %9.0f %8.1f %8.1f %6.2f %8.2f %8.2f\n",
		       r[i].path, r[i].iops, r[i].p50, r[i].p99, r[i].exits,
		       r[i].syscalls, r[i].wakeups);
	}
	if (r[0].ok && r[1].ok)
		printf("  direct/classic: IOPS x%.2f, p50 x%.2f, p99 x%.2f; per I/O exits %.2f -> %.2f, syscalls %.2f -> %.2f\n",
		       r[1].iops / (r[0].iops ?: 1), r[1].p50 / (r[0].p50 ?: 1),
		       r[1].p99 / (r[0].p99 ?: 1), r[0].exits, r[1].exits,
		       r[0].syscalls, r[1].syscalls);
	return ret;
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static void print_row(const char *name, const struct result *r)
{
	if (!r->ok) {
		printf("  %-24s %-8s failed\n", name, r->path[0] ? r->path : "?");
		return;
	}
	printf("  %-24s %-8s %7.0f %7.1f %7.1f %7.1f %7.1f %5.2f %6.2f %6.2f\n",
	       name, r->path, r->iops, r->p50, r->p99, r->c50, r->c99,
	       r->exits, r->syscalls, r->wakeups);
}

int cmd_bench(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *secs = "2", *tmp = getenv("TMPDIR") ?: "/tmp";
	struct result res[2];
	double f50, f99;
	char *image, cmd[512];
	int c, i, ret = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (c == 's' && strtod(optarg, NULL) > 0) {
			secs = optarg;
			continue;
		}
		if (c == 'h')
			return cmd_help(2, (char *[]){ "help", "bench", NULL });
		fprintf(stderr, "vmm bench: bad option; try 'vmm help bench'\n");
		return 2;
	}
	if (asprintf(&image, "%s/vmm-bench-%d.3390", tmp, getpid()) < 0)
		return 1;
	snprintf(cmd, sizeof(cmd),
		 "dasdinit -linux %s 3390 VOL001 20 >/dev/null 2>&1", image);
	if (system(cmd)) {
		fprintf(stderr, "vmm bench: dasdinit failed (Debian package hercules; scripts/install-deps.sh)\n");
		free(image);
		return 1;
	}
	if (futex_floor(&f50, &f99)) {
		fprintf(stderr, "vmm bench: no thread for the floor\n");
		ret = 1;
		goto out;
	}
	printf("vmm bench: classic then direct, %s s a case.  Latency in us: SSCH to the\n"
	       "guest's I/O interruption handler (p50, p99) and the machine's completion\n"
	       "(status pending) to that handler (c50, c99); per I/O counts from the\n"
	       "stats fds and the VMM\n\n", secs);
	printf("  %-24s %-8s %7s %7s %7s %7s %7s %5s %6s %6s\n", "case", "path",
	       "IOPS", "p50", "p99", "c50", "c99", "exits", "sysc", "wakeup");
	for (i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
		run_case(&cases[i], image, false, secs, &res[0]);
		print_row(cases[i].name, &res[0]);
		run_case(&cases[i], image, true, secs, &res[1]);
		print_row("", &res[1]);
		if (!res[0].ok || !res[1].ok || strcmp(res[1].path, "direct")) {
			ret = 1;
			continue;
		}
		printf("  %-24s direct/classic: IOPS x%.2f, p50 x%.2f, c50 x%.2f (1/%.1f), c99 x%.2f;\n"
		       "  %-24s direct c50 = %.1f x floor\n",
		       "", ratio(res[1].iops, res[0].iops),
		       ratio(res[1].p50, res[0].p50),
		       ratio(res[1].c50, res[0].c50),
		       ratio(res[0].c50, res[1].c50),
		       ratio(res[1].c99, res[0].c99), "",
		       ratio(res[1].c50, f50));
	}
	printf("\n  floor: a futex wake-up of a sleeping thread, p50 %.1f us, p99 %.1f us (%d wake-ups)\n",
	       f50, f99, FLOOR_SAMPLES);
out:
	unlink(image);
	free(image);
	return ret;
}

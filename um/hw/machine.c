// SPDX-License-Identifier: GPL-2.0
/*
 * The machine file: the I/O configuration of the simulated machine, read
 * at host start-up from the file named by S390UM_MACHINE, as a real
 * system reads its hardware configuration.  Syntax (one item a line,
 * '#' starts a comment; Documentation/s390/channel-subsystem.rst):
 *
 *	chpid 40 [offline]
 *	ccw 0.0.0100 3390 file=disk.3390 [chpids=40,41] [driver=vfio_ccw]
 *	ccw 0.0.0200 null [latency=20us] [bytes=4096] [chpids=..] [driver=..]
 *	channel-threads 2
 *
 * Subchannels are numbered in file order.  A relative file= is taken
 * relative to the machine file's directory.  Any error names the file,
 * the line and the reason; nothing is configured from a bad file.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "css.h"
#include "css_dev.h"
#include "host.h"

#define MACHINE_MAX_SIZE	(1 << 20)
#define MAX_WORDS		16

struct machine_sch {
	u16 devno;
	struct um_css_dev *dev;
	u8 chpids[8];
	int nr_chpids;
	char *driver;
};

static struct {
	struct machine_sch sch[UM_CSS_MAX_SCH];
	int nr_sch;
	u8 chpid[256];		/* 1 installed online, 2 installed offline */
	int threads;
} cfg;

/* the driver= of subchannel @nr, kept for the css bus */
static char *sch_driver[UM_CSS_MAX_SCH];
static int channel_threads = 1;

const char *um_machine_sch_driver(int nr)
{
	return nr >= 0 && nr < UM_CSS_MAX_SCH ? sch_driver[nr] : NULL;
}

int um_machine_channel_threads(void)
{
	return channel_threads;
}

static int hexval(const char *s, unsigned int max, unsigned int *v)
{
	unsigned long long x;

	if (!*s || kstrtoull(s, 16, &x) || x > max)
		return -EINVAL;
	*v = x;
	return 0;
}

/* "0.0.0100": css 0, subchannel set 0, device number */
static int parse_busid(const char *s, u16 *devno)
{
	unsigned int v;

	if (strncmp(s, "0.0.", 4) || strlen(s) != 8 || hexval(s + 4, 0xffff, &v))
		return -EINVAL;
	*devno = v;
	return 0;
}

/* "20us", "3ms", "0": nanoseconds */
static int parse_latency(const char *s, u64 *ns)
{
	unsigned long long v;
	char num[24];
	size_t n = strspn(s, "0123456789");
	u64 mult;

	if (!n || n >= sizeof(num))
		return -EINVAL;
	memcpy(num, s, n);
	num[n] = 0;
	if (kstrtoull(num, 10, &v))
		return -EINVAL;
	if (!strcmp(s + n, "us"))
		mult = 1000;
	else if (!strcmp(s + n, "ms"))
		mult = 1000000;
	else if (!strcmp(s + n, "ns") || (!s[n] && !v))
		mult = 1;
	else
		return -EINVAL;
	if (v > 10ull * 1000 * 1000 * 1000 / mult)	/* 10 s at most */
		return -ERANGE;
	*ns = v * mult;
	return 0;
}

static void release_cfg(void)
{
	int i;

	for (i = 0; i < cfg.nr_sch; i++) {
		struct um_css_dev *dev = cfg.sch[i].dev;

		if (dev && dev->ops->release)
			dev->ops->release(dev);
		kfree(cfg.sch[i].driver);
	}
	memset(&cfg, 0, sizeof(cfg));
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -EINVAL; } while (0)

static int parse_ccw(char **w, int nw, const char *dir, char *err,
		     size_t errlen)
{
	struct machine_sch *ms = &cfg.sch[cfg.nr_sch];
	const char *file = NULL, *type;
	u64 latency = 0;
	unsigned int bytes = 0, v;
	bool have_lat = false, have_bytes = false;
	char path[4096], derr[160];
	int i, k;

	if (nw < 3)
		FAIL("ccw needs a bus id and a device type");
	if (cfg.nr_sch == UM_CSS_MAX_SCH)
		FAIL("more than %d subchannels", UM_CSS_MAX_SCH);
	if (parse_busid(w[1], &ms->devno))
		FAIL("bad bus id '%s' (want 0.0.xxxx)", w[1]);
	for (i = 0; i < cfg.nr_sch; i++)
		if (cfg.sch[i].devno == ms->devno)
			FAIL("device %s defined twice", w[1]);
	type = w[2];
	if (strcmp(type, "3390") && strcmp(type, "null"))
		FAIL("unknown device type '%s' (3390, null)", type);
	for (i = 3; i < nw; i++) {
		char *eq = strchr(w[i], '=');
		char *val;

		if (!eq)
			FAIL("'%s' is not option=value", w[i]);
		*eq = 0;
		val = eq + 1;
		if (!strcmp(w[i], "file") && !strcmp(type, "3390")) {
			if (!*val)
				FAIL("empty file=");
			file = val;
		} else if (!strcmp(w[i], "latency") && !strcmp(type, "null")) {
			if (parse_latency(val, &latency))
				FAIL("bad latency '%s' (e.g. 20us, 1ms)", val);
			have_lat = true;
		} else if (!strcmp(w[i], "bytes") && !strcmp(type, "null")) {
			unsigned long long b;

			if (kstrtoull(val, 0, &b) || b > 65536)
				FAIL("bad bytes '%s' (0..65536)", val);
			bytes = b;
			have_bytes = true;
		} else if (!strcmp(w[i], "chpids")) {
			char *c = val, *next;

			ms->nr_chpids = 0;
			do {
				next = strchr(c, ',');
				if (next)
					*next++ = 0;
				if (ms->nr_chpids == 8)
					FAIL("more than 8 chpids");
				if (hexval(c, 0xff, &v))
					FAIL("bad chpid '%s'", c);
				if (!cfg.chpid[v])
					FAIL("chpid %02x is not defined", v);
				for (k = 0; k < ms->nr_chpids; k++)
					if (ms->chpids[k] == v)
						FAIL("chpid %02x listed twice",
						     v);
				ms->chpids[ms->nr_chpids++] = v;
				c = next;
			} while (c);
		} else if (!strcmp(w[i], "driver")) {
			if (strcmp(val, "vfio_ccw"))
				FAIL("unknown driver '%s' (vfio_ccw)", val);
			ms->driver = kstrdup(val, GFP_KERNEL);
			if (!ms->driver)
				FAIL("out of memory");
		} else {
			FAIL("option '%s' does not apply to a %s device",
			     w[i], type);
		}
	}
	if (!strcmp(type, "3390")) {
		if (!file)
			FAIL("a 3390 needs file=");
		if (file[0] == '/' || !dir)
			snprintf(path, sizeof(path), "%s", file);
		else
			snprintf(path, sizeof(path), "%s/%s", dir, file);
		ms->dev = um_dasd3390_create(path, derr, sizeof(derr));
		if (!ms->dev)
			FAIL("%.160s: %s", path, derr);
	} else {
		(void)have_lat;
		(void)have_bytes;
		ms->dev = um_nulldev_create(latency, bytes);
		if (!ms->dev)
			FAIL("out of memory");
	}
	if (!ms->nr_chpids) {
		for (v = 0; v < 256 && ms->nr_chpids < 8; v++)
			if (cfg.chpid[v] == 1)
				ms->chpids[ms->nr_chpids++] = v;
		if (!ms->nr_chpids)
			FAIL("no online chpid for %s", w[1]);
	}
	cfg.nr_sch++;
	return 0;
}

static int parse_line(char *line, const char *dir, char *err, size_t errlen)
{
	char *w[MAX_WORDS], *p = line;
	unsigned int v;
	int nw = 0;

	p = strchr(line, '#');
	if (p)
		*p = 0;
	p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p)
			break;
		if (nw == MAX_WORDS)
			FAIL("too many words");
		w[nw++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p)
			*p++ = 0;
	}
	if (!nw)
		return 0;
	if (!strcmp(w[0], "chpid")) {
		if (nw < 2 || nw > 3 || (nw == 3 && strcmp(w[2], "offline")))
			FAIL("usage: chpid <hex id> [offline]");
		if (hexval(w[1], 0xff, &v))
			FAIL("bad chpid '%s'", w[1]);
		if (cfg.chpid[v])
			FAIL("chpid %02x defined twice", v);
		cfg.chpid[v] = nw == 3 ? 2 : 1;
		return 0;
	}
	if (!strcmp(w[0], "ccw"))
		return parse_ccw(w, nw, dir, err, errlen);
	if (!strcmp(w[0], "channel-threads")) {
		if (nw != 2 || kstrtouint(w[1], 10, &v) || v < 1 ||
		    v > UM_CSS_MAX_CHAN_THREADS)
			FAIL("usage: channel-threads <1..%d>",
			     UM_CSS_MAX_CHAN_THREADS);
		cfg.threads = v;
		return 0;
	}
	FAIL("unknown item '%s' (chpid, ccw, channel-threads)", w[0]);
}

/*
 * Parse @path and configure the channel subsystem from it; on error
 * nothing is configured and @err says "file:line: reason".
 */
int um_machine_load_file(const char *path, char *err, size_t errlen)
{
	char *text, *line, *next, *dir, *slash;
	char reason[512];
	int ret, lineno = 0, i;

	release_cfg();
	ret = um_host_file_slurp(path, &text, MACHINE_MAX_SIZE);
	if (ret) {
		snprintf(err, errlen, "%s: cannot read: %s", path,
			 ret == -ENOENT ? "no such file" :
			 ret == -EFBIG ? "too large" : "I/O error");
		return -EINVAL;
	}
	dir = kstrdup(path, GFP_KERNEL);
	slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		*slash = 0;
	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		lineno++;
		ret = parse_line(line, slash ? dir : NULL, reason,
				 sizeof(reason));
		if (ret) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno,
				 reason);
			goto out;
		}
	}
	/* configure the hardware: chpids, then subchannels in file order */
	for (i = 0; i < 256; i++)
		if (cfg.chpid[i])
			um_css_add_chpid(i, cfg.chpid[i] == 1);
	for (i = 0; i < cfg.nr_sch; i++) {
		struct machine_sch *ms = &cfg.sch[i];

		ret = um_css_add_subchannel(ms->devno, ms->dev, ms->chpids,
					    ms->nr_chpids);
		if (ret < 0) {
			snprintf(err, errlen, "%s: subchannel %d: error %d",
				 path, i, ret);
			goto out;
		}
		ms->dev = NULL;		/* the channel subsystem owns it */
		sch_driver[ret] = ms->driver;
		ms->driver = NULL;
	}
	if (cfg.threads)
		channel_threads = cfg.threads;
	ret = 0;
out:
	release_cfg();
	kfree(dir);
	um_host_free(text);
	return ret;
}

/* start-up: S390UM_MACHINE names the file; no variable, no devices */
int um_machine_load(void)
{
	const char *path = um_host_getenv("S390UM_MACHINE");
	char err[512];

	if (!path || !*path)
		return 0;
	if (um_machine_load_file(path, err, sizeof(err)))
		um_host_fatal(err);
	return 0;
}

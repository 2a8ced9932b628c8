#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove our uapi headers ABI-identical to upstream's.

  gen_uapi_check.py gen    --cc CC --ours-inc DIR... --upstream-inc DIR --out BUILD
  gen_uapi_check.py report --out BUILD

"gen" preprocesses OUR four headers and upstream's (cc -E -dD, so the
s390 conditionals are resolved exactly as a compiler sees them), collects
every object-like macro, enumerator, struct/union and (nested) member of
each, and writes:
  BUILD/check.c      prints one "header kind name value" line per item; it
                     is compiled against our headers and against upstream's
  BUILD/manifest.json what was found, what we define that upstream lacks,
                     what upstream defines that we left out
"report" compares the outputs of the three builds (run.sh makes them) and
prints TAP.  python3 stdlib only.
"""
import json
import os
import re
import subprocess
import sys

HEADERS = ["linux/kvm.h", "linux/vfio.h", "linux/vfio_ccw.h", "asm/kvm.h"]

# Object-like macros that are not ABI: compatibility helpers of our own.
NOT_ABI = {
	"__user": "address-space annotation, empty in userspace "
		  "(upstream strips it at headers_install time)",
}

# Function-like macros are checked by hand-listed calls.
FUNC_SAMPLES = {
	"KVM_S390_INT_IO": ["0, 0, 0, 0", "1, 0, 0, 0", "0, 0xff, 3, 0xffff",
			    "1, 0xfe, 2, 0x1234", "0, 1, 1, 1"],
}

# Upstream's KVM_S390_NO_MEM_LIMIT expands to the kernel-only U64_MAX;
# check.c supplies it so both expansions can be evaluated.
PRELUDE_DEFINES = "#ifndef U64_MAX\n#define U64_MAX ((unsigned long long)~0ULL)\n#endif\n"

INT_WORDS = {"char", "short", "int", "long", "signed", "unsigned",
	     "__u8", "__s8", "__u16", "__s16", "__u32", "__s32", "__u64",
	     "__s64", "__aligned_u64", "__be16", "__be32", "__be64",
	     "__le16", "__le32", "__le64"}

TOKEN_RE = re.compile(r'''
	(?P<str>"(?:\\.|[^"\\])*")
	|(?P<chr>'(?:\\.|[^'\\])*')
	|(?P<id>[A-Za-z_]\w*)
	|(?P<num>\.?\d[\w.]*)
	|(?P<op>\.\.\.|<<|>>|\S)
''', re.X)


def tokenize(text):
	return [m.group(0) for m in TOKEN_RE.finditer(text)]


def strip_attributes(toks):
	out = []
	i = 0
	while i < len(toks):
		t = toks[i]
		if t in ("__attribute__", "__attribute"):
			i += 1
			depth = 0
			while i < len(toks):
				if toks[i] == "(":
					depth += 1
				elif toks[i] == ")":
					depth -= 1
					if depth == 0:
						i += 1
						break
				i += 1
			continue
		if t in ("__extension__", "const", "volatile", "__restrict"):
			i += 1
			continue
		out.append(t)
		i += 1
	return out


def is_ident(t):
	return re.match(r"[A-Za-z_]\w*$", t) is not None


class Agg:
	def __init__(self, kind, tag):
		self.kind = kind	# "struct" / "union"
		self.tag = tag		# None if anonymous
		self.members = []


class Member:
	def __init__(self):
		self.name = None
		self.typekind = None	# "base" / "agg" / "ref" / "enum"
		self.words = []		# base type words
		self.agg = None		# inline Agg
		self.ref = None		# "struct foo"
		self.ptr = False
		self.arrays = 0
		self.flex = False
		self.bitfield = False


class Parser:
	"""Declarations-only C parser, enough for uapi headers."""

	def __init__(self, toks):
		self.t = strip_attributes(toks)
		self.aggs = {}		# "struct tag" -> Agg
		self.enums = []		# enumerator names, in order
		self.enum_tags = []	# "enum tag"

	def peek(self, i):
		return self.t[i] if i < len(self.t) else None

	def parse(self):
		i = 0
		while i < len(self.t):
			tk = self.t[i]
			if tk in ("struct", "union", "enum"):
				_, i = self.type_spec(i)
				continue
			i += 1
		return self

	def type_spec(self, i):
		"""Parse struct/union/enum specifier at i; returns (info, i)."""
		kind = self.t[i]
		i += 1
		tag = None
		if is_ident(self.peek(i)) and self.peek(i) not in ("struct", "union", "enum"):
			tag = self.t[i]
			i += 1
		if self.peek(i) != "{":
			return (("ref", "%s %s" % (kind, tag)), i)
		if kind == "enum":
			i = self.enum_body(i)
			if tag:
				self.enum_tags.append("enum " + tag)
			return (("enum", None), i)
		agg = Agg(kind, tag)
		i = self.agg_body(agg, i)
		if tag:
			self.aggs["%s %s" % (kind, tag)] = agg
		return (("agg", agg), i)

	def enum_body(self, i):
		i += 1		# "{"
		expect_name = True
		depth = 0
		while self.t[i] != "}" or depth:
			tk = self.t[i]
			if tk in "([":
				depth += 1
			elif tk in ")]":
				depth -= 1
			elif tk == "," and not depth:
				expect_name = True
			elif expect_name and is_ident(tk):
				self.enums.append(tk)
				expect_name = False
			i += 1
		return i + 1

	def agg_body(self, agg, i):
		i += 1		# "{"
		while self.t[i] != "}":
			i = self.member_decl(agg, i)
		return i + 1

	def member_decl(self, agg, i):
		base = Member()
		if self.t[i] in ("struct", "union", "enum"):
			(kind, val), i = self.type_spec(i)
			base.typekind = kind
			if kind == "agg":
				base.agg = val
			elif kind == "ref":
				base.ref = val
			else:
				base.words = ["int"]
				base.typekind = "base"
			decl_start = i
		else:
			base.typekind = "base"
			decl_start = i
		# collect declarator tokens up to ";"
		j = i
		depth = 0
		while not (self.t[j] == ";" and depth == 0):
			if self.t[j] in "([":
				depth += 1
			elif self.t[j] in ")]":
				depth -= 1
			j += 1
		chunks = [[]]
		depth = 0
		for tk in self.t[decl_start:j]:
			if tk in "([":
				depth += 1
			elif tk in ")]":
				depth -= 1
			if tk == "," and depth == 0:
				chunks.append([])
			else:
				chunks[-1].append(tk)
		if base.typekind == "base":
			# type words are the identifiers before the first
			# declarator's name
			first = chunks[0]
			cut = len(first)
			for k, tk in enumerate(first):
				if tk in ("[", ":"):
					cut = k
					break
			name_idx = max(k for k in range(cut) if is_ident(first[k]))
			base.words = [w for w in first[:name_idx] if w != "*"]
			chunks[0] = [w for w in first[:name_idx] if w == "*"] + \
				first[name_idx:]
		for ch in chunks:
			m = Member()
			m.typekind, m.words, m.agg, m.ref = base.typekind, base.words, base.agg, base.ref
			if not ch:
				agg.members.append(m)	# anonymous struct/union
				continue
			depth = 0
			for k, tk in enumerate(ch):
				if tk == "*" and depth == 0:
					m.ptr = True
				elif tk == "[":
					if depth == 0:
						m.arrays += 1
						if ch[k + 1] == "]":
							m.flex = True
					depth += 1
				elif tk == "]":
					depth -= 1
				elif tk == ":" and depth == 0:
					m.bitfield = True
					break
				elif is_ident(tk) and depth == 0 and m.name is None:
					m.name = tk
			agg.members.append(m)
		return j + 1


def preprocess(cc, incs, out_dir, tag):
	src = os.path.join(out_dir, "pp_%s.c" % tag)
	with open(src, "w") as f:
		for h in HEADERS:
			f.write("#include <%s>\n" % h)
	cmd = [cc, "-E", "-dD"] + sum([["-I", d] for d in incs], []) + [src]
	return subprocess.run(cmd, check=True, stdout=subprocess.PIPE,
			      universal_newlines=True).stdout


def split_by_header(pp, header_files):
	"""header_files: {realpath: "linux/kvm.h"} -> {hdr: (defines, code)}"""
	res = {h: ([], []) for h in HEADERS}
	cur = None
	for line in pp.splitlines():
		m = re.match(r'# \d+ "([^"]*)"', line)
		if m:
			p = m.group(1)
			cur = header_files.get(os.path.realpath(p)) if p[0] != "<" else None
			continue
		if cur is None:
			continue
		if line.startswith("#define "):
			res[cur][0].append(line[len("#define "):])
		elif line.startswith("#undef"):
			raise SystemExit("unexpected #undef in %s: %s" % (cur, line))
		elif not line.startswith("#"):
			res[cur][1].append(line)
	return res


def analyse(pp, header_files):
	"""Returns {hdr: info} with macros, funcs, enums, aggs."""
	out = {}
	for hdr, (defines, code) in split_by_header(pp, header_files).items():
		macros = {}
		funcs = []
		order = []
		for d in defines:
			m = re.match(r"([A-Za-z_]\w*)(\(?)\s*(.*)$", d)
			name, paren, val = m.group(1), m.group(2), m.group(3).strip()
			if paren:
				funcs.append(name)
				continue
			macros[name] = val
			order.append(name)
		# the include guard: first macro, empty, matching the #ifndef
		guard = order[0] if order and macros[order[0]] == "" else None
		p = Parser(tokenize("\n".join(code))).parse()
		members = {}
		for key, agg in p.aggs.items():
			members[key] = walk(key, agg)
		out[hdr] = {
			"macros": {n: macros[n] for n in order if n != guard},
			"guard": guard,
			"funcs": funcs,
			"enums": p.enums,
			"enum_tags": p.enum_tags,
			"aggs": members,
		}
	return out


def walk(key, agg, prefix=""):
	"""[(path, flags)] for every named member, nested ones included."""
	res = []
	for m in agg.members:
		if m.name is None:
			if m.agg is not None:
				res += walk(key, m.agg, prefix)
			continue
		path = prefix + m.name
		flags = []
		if m.bitfield:
			flags.append("bitfield")
		if m.flex:
			flags.append("flex")
		if (m.typekind == "base" and not m.ptr and not m.arrays and
		    not m.bitfield and m.words and set(m.words) <= INT_WORDS):
			flags.append("int")
		res.append((path, flags))
		if m.agg is not None and not m.flex:
			sub = path + "[0]" * m.arrays + "."
			res += walk(key, m.agg, sub)
	return res


def cstr(s):
	return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gen(args):
	out = args.out
	os.makedirs(out, exist_ok=True)
	ours_files = {}
	for h in HEADERS:
		for d in args.ours_inc:
			p = os.path.join(d, h)
			if os.path.exists(p):
				ours_files[os.path.realpath(p)] = h
				break
		else:
			raise SystemExit("our %s not found in %s" % (h, args.ours_inc))
	up_files = {os.path.realpath(os.path.join(args.upstream_inc, h)): h
		    for h in HEADERS}
	ours = analyse(preprocess(args.cc, args.ours_inc, out, "ours"), ours_files)
	up = analyse(preprocess(args.cc, [], out, "upstream"), up_files)

	def where(info, kind):
		d = {}
		for h in HEADERS:
			items = info[h][kind]
			for n in items:
				d[n] = h
		return d

	problems = {h: [] for h in HEADERS}	# definitions beyond upstream
	omitted = {h: [] for h in HEADERS}
	lines = []				# C statements
	counts = {h: {"macros": 0, "enums": 0, "funcs": 0, "aggs": 0,
		      "members": 0, "presence": 0} for h in HEADERS}

	for kind, label in (("macros", "macro"), ("enums", "enumerator"),
			    ("funcs", "function-like macro"),
			    ("aggs", "struct/union"), ("enum_tags", "enum")):
		o, u = where(ours, kind), where(up, kind)
		for n, h in o.items():
			if n in NOT_ABI:
				continue
			if n not in u:
				problems[h].append("%s %s is not defined by upstream" % (label, n))
			elif u[n] != h:
				problems[h].append("%s %s is in %s, upstream has it in %s"
						   % (label, n, h, u[n]))
		for n, h in u.items():
			if n not in o:
				omitted[h].append("%s %s" % (label, n))

	for h in HEADERS:
		oi, ui = ours[h], up[h]
		# macros
		for n, v in oi["macros"].items():
			if n in NOT_ABI or n not in ui["macros"]:
				continue
			uv = ui["macros"][n]
			if v == "" or uv == "":
				if v != uv:
					problems[h].append("macro %s: ours expands to '%s', "
							   "upstream to '%s'" % (n, v, uv))
				counts[h]["presence"] += 1
				continue
			counts[h]["macros"] += 1
			if v.startswith('"') or uv.startswith('"'):
				lines.append('\tSTRV("%s", "%s", %s);' % (h, n, n))
			else:
				lines.append('\tINTV("%s", "macro", "%s", %s);' % (h, n, n))
		for n in oi["enums"]:
			if n in ui["enums"]:
				counts[h]["enums"] += 1
				lines.append('\tINTV("%s", "enum", "%s", %s);' % (h, n, n))
		for t in oi["enum_tags"]:
			if t in ui["enum_tags"]:
				lines.append('\tLAY("%s", "size", "%s", sizeof(%s));' % (h, t, t))
		for n in oi["funcs"]:
			if n not in ui["funcs"]:
				continue
			if n not in FUNC_SAMPLES:
				problems[h].append("function-like macro %s has no sample "
						   "calls in FUNC_SAMPLES" % n)
				continue
			for s in FUNC_SAMPLES[n]:
				counts[h]["funcs"] += 1
				lines.append('\tINTV("%s", "call", %s, %s(%s));'
					     % (h, cstr("%s(%s)" % (n, s)), n, s))
		# structs and unions
		for key, mem in oi["aggs"].items():
			if key not in ui["aggs"]:
				continue
			counts[h]["aggs"] += 1
			upaths = dict((p, f) for p, f in ui["aggs"][key])
			opaths = dict((p, f) for p, f in mem)
			for p in opaths:
				if p not in upaths:
					problems[h].append("%s: member %s is not in upstream" % (key, p))
			for p in upaths:
				if p not in opaths:
					problems[h].append("%s: upstream member %s is missing" % (key, p))
			lines.append('\tLAY("%s", "size", "%s", sizeof(%s));' % (h, key, key))
			lines.append('\tLAY("%s", "align", "%s", _Alignof(%s));' % (h, key, key))
			for p, flags in mem:
				if p not in upaths:
					continue
				counts[h]["members"] += 1
				nm = "%s.%s" % (key, p)
				if "bitfield" in flags:
					lines.append('\t{ %s x; memset(&x, 0, sizeof(x)); x.%s = -1; '
						     'BITF("%s", "%s", &x, sizeof(x)); }' % (key, p, h, nm))
					continue
				lines.append('\tLAY("%s", "offset", "%s", offsetof(%s, %s));'
					     % (h, nm, key, p))
				if "flex" not in flags:
					lines.append('\tLAY("%s", "msize", "%s", sizeof(((%s *)0)->%s));'
						     % (h, nm, key, p))
				if "int" in flags and "int" in upaths[p]:
					lines.append('\tLAY("%s", "msigned", "%s", '
						     '(__typeof__(((%s *)0)->%s))-1 < 0);'
						     % (h, nm, key, p))

	with open(os.path.join(out, "check.c"), "w") as f:
		f.write("/* generated by tools/testing/uapi/gen_uapi_check.py */\n")
		f.write("#include <stdio.h>\n#include <stddef.h>\n#include <string.h>\n")
		f.write(PRELUDE_DEFINES)
		for h in HEADERS:
			f.write("#include <%s>\n" % h)
		f.write(r'''
#define INTV(h, k, n, e) \
	printf("%s const %s %s = 0x%llx size=%zu signed=%d\n", h, k, n, \
	       (unsigned long long)(e), sizeof(e), (e) - (e) - 1 < 0)
#define STRV(h, n, e) printf("%s const string %s = \"%s\"\n", h, n, e)
#define LAY(h, k, n, e) \
	printf("%s layout %s %s = %llu\n", h, k, n, (unsigned long long)(e))

static void BITF(const char *h, const char *n, const void *p, size_t len)
{
	const unsigned char *b = p;
	size_t i;

	printf("%s bitfield bits %s =", h, n);
	for (i = 0; i < len; i++)
		if (b[i])
			printf(" %zu:%02x", i, b[i]);
	printf("\n");
}

int main(void)
{
''')
		f.write("\n".join(lines))
		f.write("\n\treturn 0;\n}\n")

	manifest = {
		"problems": problems,
		"omitted": omitted,
		"counts": counts,
		"not_abi": NOT_ABI,
	}
	with open(os.path.join(out, "manifest.json"), "w") as f:
		json.dump(manifest, f, indent=1, sort_keys=True)
	with open(os.path.join(out, "omitted.txt"), "w") as f:
		for h in HEADERS:
			for o in omitted[h]:
				f.write("%s: %s\n" % (h, o))


def load_out(path):
	"""{key: value} from a check program's output, keys in order."""
	res = {}
	if not os.path.exists(path):
		return None
	with open(path) as f:
		for line in f:
			key, sep, val = line.rstrip("\n").partition(" = ")
			if not sep:
				continue
			res[key] = val
	return res


class Tap:
	def __init__(self):
		self.n = 0
		self.failed = 0
		self.buf = []

	def test(self, ok, what, diag=()):
		self.n += 1
		if not ok:
			self.failed += 1
		self.buf.append("%sok %d - %s" % ("" if ok else "not ", self.n, what))
		for d in diag:
			self.buf.append("# " + d)

	def emit(self):
		print("TAP version 13")
		print("1..%d" % self.n)
		print("\n".join(self.buf))


def report(args):
	out = args.out
	with open(os.path.join(out, "manifest.json")) as f:
		man = json.load(f)
	tap = Tap()
	runs = {}
	for v, what in (("ours", "our headers, s390x"),
			("upstream", "upstream headers, s390x"),
			("host", "our headers, host gcc")):
		o = load_out(os.path.join(out, "out-%s.txt" % v))
		rc = open(os.path.join(out, "rc-%s" % v)).read().strip() \
			if os.path.exists(os.path.join(out, "rc-%s" % v)) else "missing"
		diag = []
		if rc != "0":
			log = os.path.join(out, "log-%s.txt" % v)
			if os.path.exists(log):
				diag = open(log).read().splitlines()[:20]
		tap.test(rc == "0" and o is not None,
			 "build and run check program against %s" % what, diag)
		runs[v] = o or {}

	ours, up, host = runs["ours"], runs["upstream"], runs["host"]

	def mism(a, b, keys, an, bn):
		d = []
		for k in keys:
			if a.get(k) != b.get(k):
				d.append("MISMATCH %s: %s=%s %s=%s" % (k, an, a.get(k, "<absent>"),
									bn, b.get(k, "<absent>")))
		return d

	totals = {"const": 0, "aggs": 0, "members": 0}
	for h in HEADERS:
		c = man["counts"][h]
		pr = man["problems"][h]
		tap.test(not pr, "%s: defines nothing upstream lacks, no member "
			 "missing, nothing moved" % h,
			 ["EXTRA/DIFFERENT: " + p for p in pr])
		ck = [k for k in ours if k.startswith(h + " const ")]
		d = mism(ours, up, ck, "ours", "upstream")
		d += ["missing in upstream run: " + k for k in up if k.startswith(h + " const ") and k not in ours]
		nconst = c["macros"] + c["enums"] + c["funcs"]
		totals["const"] += nconst + c["presence"]
		tap.test(not d and len(ck) == nconst and (ck or not nconst),
			 "%s: %d constants (%d macros, %d enumerators, %d macro "
			 "calls) + %d presence-only macros match upstream"
			 % (h, nconst, c["macros"], c["enums"], c["funcs"], c["presence"]), d)
		lk = [k for k in ours if k.startswith(h + " layout ") or k.startswith(h + " bitfield ")]
		d = mism(ours, up, lk, "ours", "upstream")
		totals["aggs"] += c["aggs"]
		totals["members"] += c["members"]
		tap.test(not d and bool(lk) == bool(c["aggs"]),
			 "%s: %d structs/unions, %d members: size, alignment, "
			 "offsets, member sizes and signedness match upstream"
			 % (h, c["aggs"], c["members"]), d)

	# host gcc vs s390x: everything except bitfield bit images, whose bit
	# order follows the byte order by design
	hk = [k for k in ours if " bitfield " not in k]
	d = mism(ours, host, hk, "s390x", "host")
	d += ["missing in s390x run: " + k for k in host if k not in ours]
	tap.test(not d and bool(hk),
		 "host gcc vs s390x (our headers): %d layout and constant values "
		 "identical (bitfield bit order excluded)" % len(hk), d)

	om = sum(len(v) for v in man["omitted"].values())
	summary = ["checked %d constants, %d structs/unions, %d members"
		   % (totals["const"], totals["aggs"], totals["members"]),
		   "upstream definitions deliberately left out: %d (list in %s)"
		   % (om, os.path.join(out, "omitted.txt"))]
	summary += ["%s: %d left out" % (h, len(man["omitted"][h])) for h in HEADERS]
	summary += ["not ABI, not checked: %s (%s)" % (k, v) for k, v in man["not_abi"].items()]
	tap.test(tap.failed == 0, "summary: uapi headers ABI-identical to upstream",
		 summary)
	tap.emit()
	return 1 if tap.failed else 0


def main():
	import argparse
	ap = argparse.ArgumentParser()
	ap.add_argument("cmd", choices=["gen", "report"])
	ap.add_argument("--cc", default="s390x-linux-gnu-gcc")
	ap.add_argument("--ours-inc", nargs="+", default=[])
	ap.add_argument("--upstream-inc", default="/usr/s390x-linux-gnu/include")
	ap.add_argument("--out", required=True)
	args = ap.parse_args()
	if args.cmd == "gen":
		gen(args)
		return 0
	return report(args)


if __name__ == "__main__":
	sys.exit(main())

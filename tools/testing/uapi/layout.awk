# SPDX-License-Identifier: GPL-2.0
#
# Reads "readelf --debug-dump=info" of one object and prints the layout of
# every named top-level struct and union, one line each for the type and
# for every member at any depth: "NAME<TAB>NAME size N" and
# "NAME<TAB>path.member @offset[:bitoffset/bits]", offsets from the start
# of NAME. Members of struct or union type (anonymous or not, also as
# array elements) are followed, so a nested layout difference shows in
# every type that contains it.

# A DIE ends where the next one starts: file its attributes.
function flush()
{
	if (tag == "")
		return
	if (tag == "structure_type" || tag == "union_type") {
		agg[die] = 1
		aname[die] = name
		asize[die] = size
		nmem[die] = 0
		parent[depth] = die
	} else if (tag == "member" && (depth - 1) in parent &&
		   agg[parent[depth - 1]]) {
		p = parent[depth - 1]
		k = nmem[p]++
		mname[p, k] = name
		mtype[p, k] = type
		moff[p, k] = off
		mbits[p, k] = bits
		mbitoff[p, k] = bitoff
	} else if (tag == "typedef" || tag == "array_type" ||
		   tag == "const_type" || tag == "volatile_type") {
		alias[die] = type
	}
	if (tag != "structure_type" && tag != "union_type")
		delete parent[depth]
	tag = ""
}

# The struct or union behind typedefs, arrays and qualifiers, or "".
function aggregate(t,   n)
{
	for (n = 0; n < 16 && !(t in agg); n++) {
		if (!(t in alias))
			return ""
		t = alias[t]
	}
	return (t in agg) ? t : ""
}

function emit(top, t, path, base,   k, m, at, sub_)
{
	for (k = 0; k < nmem[t]; k++) {
		m = mname[t, k] == "" ? "(anon" k ")" : mname[t, k]
		at = "@" (base + moff[t, k])
		if (mbits[t, k] != "")
			at = "@" base ":" mbitoff[t, k] "/" mbits[t, k]
		print top "\t" path "." m " " at
		sub_ = aggregate(mtype[t, k])
		if (sub_ != "" && depth_guard < 32) {
			depth_guard++
			print top "\t" path "." m " size " asize[sub_]
			emit(top, sub_, path "." m, base + moff[t, k])
			depth_guard--
		}
	}
}

/^ *<[0-9]+><[0-9a-f]+>: Abbrev Number:/ {
	flush()
	split($1, f, /[<>]/)
	depth = f[2] + 0
	die = f[4]
	tag = ""
	if (match($0, /\(DW_TAG_[a-z_]+\)/))
		tag = substr($0, RSTART + 8, RLENGTH - 9)
	name = ""; size = ""; off = 0; bits = ""; bitoff = ""; type = ""
	next
}
/DW_AT_name/			{ name = $NF }
/DW_AT_byte_size/		{ size = $NF }
/DW_AT_data_member_location/	{ off = $NF }
/DW_AT_bit_size/		{ bits = $NF }
/DW_AT_data_bit_offset/		{ bitoff = $NF }
/DW_AT_type/			{ type = $NF; gsub(/[<>]|0x/, "", type) }

END {
	flush()
	for (t in agg) {
		if (aname[t] == "" || asize[t] == "")
			continue
		print aname[t] "\t" aname[t] " size " asize[t]
		emit(aname[t], t, aname[t], 0)
	}
}

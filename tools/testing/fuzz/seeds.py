#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""seeds.py [--region] DIR: seed inputs for ccw_cp_fuzz (layout:
ccw_cp_fuzz.c), or with --region for ccw_region_fuzz (ccw_region_fuzz.c).

Valid channel programs of each kind the translation knows, so the fuzzer
starts from deep paths: command chains, data chains, TIC loops and
segments, format-0 CCWs, IDALs of every format and block size, a CCW at
the end of the mapping, skip and no-op CCWs. Byte order is the host's
(the machine's, as the host's channel subsystem reads it).
"""
import os
import struct
import sys

E = '<' if sys.byteorder == 'little' else '>'
CC, DC, SLI, SKIP, IDA = 0x40, 0x80, 0x20, 0x10, 0x04
F, H, T = 1, 2, 4          # byte 0: ORB format-1 CCWs, c64, i2k


def ccw1(cmd, flags, count, cda):
    # struct ccw1 {u8 cmd; u8 flags; u16 count; u32 cda} in host order
    return struct.pack(E + 'BBHI', cmd, flags, count, cda)


def ccw0(cmd, cda, flags, count):
    # struct ccw0 {u8 cmd; u32 cda:24; u8 flags; u8 res; u16 count}:
    # cda is a 24-bit bitfield; on a little-endian host its bytes follow
    # the command byte least significant first
    if E == '<':
        return struct.pack('<I', cmd | (cda << 8)) + \
            struct.pack('<BBH', flags, 0, count)
    return struct.pack('>I', (cmd << 24) | cda) + \
        struct.pack('>BBH', flags, 0, count)


def seed(flags, mapped, cpa, mem, fail=0, sel=0, lpm=0, raw=0):
    hdr = struct.pack('>BBHIHBBI', flags, fail, 0, cpa, sel, 0x5a, lpm, raw)
    hdr = hdr[:2] + bytes([mapped & 0xff, mapped >> 8]) + hdr[4:]
    return hdr + mem


def place(parts):
    mem = bytearray(0x4000)
    for off, data in parts:
        mem[off:off + len(data)] = data
    end = max(off + len(d) for off, d in parts)
    return bytes(mem[:end])


def region_op(kind, fmt=F | H, at=0, fctl=0, raw=b''):
    # 17 bytes: kind (bit 2: a well-formed ORB for the CCW at
    # 0x1000 + 8 * at), ORB bytes, SCSW fctl and flags, length/offset
    body = bytes([fmt, at]) + raw
    body = body + bytes(12 - len(body)) + bytes([fctl, 0, 0, 0])
    return bytes([kind]) + body


def region_seeds(out):
    os.makedirs(out, exist_ok=True)
    # guest memory at 0x1000: CCWs; 0x1c00 (offset 0xc00, past the
    # 512 bytes the input sets) keeps what earlier inputs left
    mem = (ccw1(0x03, 0, 0, 0) +                        # 0: NOOP
           ccw1(0xe4, SLI, 7, 0x4000) +                 # 1: sense ID
           ccw1(0x02, CC, 16, 0x4100) +                 # 2: read,
           ccw1(0x01, IDA, 0x1000, 0x1100) +            # 3: write IDA
           ccw1(0x08, 0, 0, 0x1000))                    # 4: TIC to 0
    mem = mem + bytes(0x100 - len(mem)) + \
        struct.pack(E + 'QQ', 0x5800, 0x6000)            # IDAL at 0x1100
    mem = mem + bytes(512 - len(mem))
    seeds = {
        'noop': mem + region_op(4),
        'senseid': mem + region_op(4, at=1),
        'chain': mem + region_op(4, at=2),
        'tic': mem + region_op(4, at=4) + region_op(1, raw=b'\x02'),
        'async': mem + region_op(1, raw=b'\x01') + region_op(2) +
        region_op(3),
    }
    for name, data in seeds.items():
        with open(os.path.join(out, 'seed-' + name), 'wb') as f:
            f.write(data)


def main():
    if sys.argv[1] == '--region':
        region_seeds(sys.argv[2])
        return
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    seeds = {}
    allm = 0xffff
    # command chain with a data chain, base 0
    seeds['chain'] = seed(F | H, allm, 0x0, place([
        (0x0, ccw1(0xe4, CC | SLI, 8, 0x1000) +
         ccw1(0x02, DC, 16, 0x1100) + ccw1(0x03, CC, 32, 0) +
         ccw1(0x03, 0, 0, 0))]))
    # TIC loop back into the segment and to a second segment
    seeds['tic'] = seed(F | H, allm, 0x0, place([
        (0x0, ccw1(0x02, CC, 8, 0x1000) + ccw1(0x08, 0, 0, 0x800)),
        (0x800, ccw1(0x01, CC, 0x1800, 0x1f00) + ccw1(0x08, 0, 0, 0x0))]))
    # format-2 4K IDAL across pages, then a 2K one
    seeds['idal4k'] = seed(F | H, allm, 0x0, place([
        (0x0, ccw1(0x02, IDA, 0x2010, 0x100)),
        (0x100, struct.pack(E + 'QQQ', 0x1ff0, 0x2000, 0x3000))]))
    seeds['idal2k'] = seed(F | H | T, allm, 0x0, place([
        (0x0, ccw1(0x02, IDA | SLI, 0x1000, 0x100)),
        (0x100, struct.pack(E + 'QQQ', 0x17f0, 0x1800, 0x2000))]))
    # format-1 IDAWs (c64 off), misaligned second IDAW
    seeds['idaw1'] = seed(F, allm, 0x0, place([
        (0x0, ccw1(0x02, IDA, 0x900, 0x100)),
        (0x100, struct.pack(E + 'II', 0x17f0, 0x1810))]))
    # format-0 CCWs with a format-0 TIC (0x18)
    seeds['fmt0'] = seed(H, allm, 0x0, place([
        (0x0, ccw0(0x04, 0x1000, CC | SLI, 32) + ccw0(0x18, 0x40, 0, 0)),
        (0x40, ccw0(0x03, 0, 0, 1))]))
    # a CCW in the last 8 bytes of the mapping (pages 0-1 mapped)
    seeds['end'] = seed(F | H, 0x0003, 0x1ff8, place([
        (0x1ff8, ccw1(0xe4, SLI, 8, 0x100))]))
    # skip on read, NOOP with a count, base 0x100000
    seeds['skip'] = seed(F | H | 0x10, allm, 0x0, place([
        (0x0, ccw1(0x02, CC | SKIP, 100, 0x7777777) +
         ccw1(0x03, 0, 4, 0x12345678))]))
    # allocation failure in the middle, racing guest
    seeds['fail'] = seed(F | H | 8, allm, 0x0, seeds['idal4k'][16:], fail=5)
    for name, data in seeds.items():
        with open(os.path.join(out, 'seed-' + name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()

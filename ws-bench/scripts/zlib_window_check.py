"""Decodes with real zlib what DeflateWindowDump wrote, at the window it was written for.

python3 ws-bench/scripts/zlib_window_check.py BITS NO_CONTEXT_TAKEOVER FILE
(see ws-bench/README.md, "permessage-deflate against real zlib")
"""
import sys, struct, zlib
bits, nocontext, path = int(sys.argv[1]), sys.argv[2] == 'true', sys.argv[3]
buf = open(path, 'rb').read()
pos = 0
d = zlib.decompressobj(wbits=-bits)
n = 0
while pos < len(buf):
    (ln,) = struct.unpack('>i', buf[pos:pos+4]); pos += 4
    data = buf[pos:pos+ln]; pos += ln
    (lc,) = struct.unpack('>i', buf[pos:pos+4]); pos += 4
    comp = buf[pos:pos+lc]; pos += lc
    if nocontext:
        d = zlib.decompressobj(wbits=-bits)
    out = d.decompress(comp + b'\x00\x00\xff\xff')
    assert out == data, (bits, n)
    n += 1
print(f"wbits=-{bits} no_context_takeover={nocontext}: {n} messages decoded by zlib {zlib.ZLIB_RUNTIME_VERSION} OK")

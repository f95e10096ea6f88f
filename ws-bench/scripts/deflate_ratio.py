"""zlib's ratio and speed at the windows of DeflateRatio, on the payloads it wrote.

python3 ws-bench/scripts/deflate_ratio.py /tmp/deflate-payloads
"""
import sys, time, zlib

BITS = (15, 12, 10, 9, 8)
RUN = 100
d = sys.argv[1] if len(sys.argv) > 1 else '/tmp/deflate-payloads'


def compress(messages, bits):
    # zlib raises an 8-bit raw window to 9 (it cannot produce 256-byte windows).
    c = zlib.compressobj(6, zlib.DEFLATED, -max(bits, 9))
    return [c.compress(m) + c.flush(zlib.Z_SYNC_FLUSH) for m in messages]


print('%-12s %-7s' % ('payload', 'run') + ''.join(' %9s' % ('zlib w%d' % b) for b in BITS) + '   us/msg w15 w12')
for kind in ('text', 'json'):
    for size in (64, 1024, 65536):
        messages = [open('%s/%s-%d-%d.bin' % (d, kind, size, i), 'rb').read() for i in range(RUN)]
        for run in (False, True):
            msgs = messages if run else messages[:1]
            cells = []
            for bits in BITS:
                total = sum(len(x) - 4 for x in compress(msgs, bits))
                cells.append(' %8.1f%%' % (100.0 * total / (size * len(msgs))))
            speed = ''
            if run:
                for bits in (15, 12):
                    reps = max(1, 2000000 // (size * RUN))
                    t = time.perf_counter()
                    for _ in range(reps):
                        compress(msgs, bits)
                    speed += ' %7.2f' % ((time.perf_counter() - t) * 1e6 / (reps * RUN))
            print('%-12s %-7s' % ('%s %d' % (kind, size), '100 ctx' if run else 'single') + ''.join(cells) + speed)

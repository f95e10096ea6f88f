#!/usr/bin/env python3
"""Turns the JMH JSON results in this directory into the Markdown tables of ../README.md.

Usage: python3 ws-bench/results/make_tables.py   (prints Markdown to stdout)

Reads masking, encode, decode, utf8, handshake and netty-default .json from this directory, and
before-patches/{encode,utf8}.json (the measurement of ws-framing before the UTF-8 and mask-key
changes) for the before/after table.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    path = os.path.join(HERE, name + '.json')
    if not os.path.exists(path):
        return []
    rows = []
    for r in json.load(open(path)):
        cls, method = r['benchmark'].rsplit('.', 2)[1:]
        if name == 'netty-default':
            method = cls.replace('Benchmark', '') + '.' + method
        param = list(r['params'].values())[0] if r.get('params') else ''
        pm = r['primaryMetric']
        gc = r.get('secondaryMetrics', {}).get('gc.alloc.rate.norm')
        rows.append(dict(method=method, param=param, score=pm['score'], error=pm['scoreError'],
                         bop=gc['score'] if gc else None))
    return rows


def fmt_ops(x):
    return f'{x:,.0f}'


def fmt_bop(b):
    return '≈ 0' if b is not None and b < 0.01 else f'{b:.1f}'


def gbs(ops, size):
    return ops * size / 1e9


def masking():
    rows = load('masking')
    if not rows:
        return
    sizes = sorted({int(r['param']) for r in rows})
    variants = ['ours_byteArray', 'ours_heapByteBuffer', 'ours_directByteBuffer', 'naive_byteArray', 'arraycopy']
    by = {(r['method'], int(r['param'])): r for r in rows}
    print('Throughput in GB/s (10^9 bytes/s) = ops/s x size; ± is the 99.9% error of JMH, scaled the same way.\n')
    print('| variant | ' + ' | '.join(f'{s:,} B' for s in sizes) + ' |')
    print('|---|' + '---:|' * len(sizes))
    for v in variants:
        cells = []
        for s in sizes:
            r = by.get((v, s))
            cells.append('' if r is None else f"{gbs(r['score'], s):.2f} ± {gbs(r['error'], s):.2f}")
        print(f'| `{v}` | ' + ' | '.join(cells) + ' |')
    print()
    print('| ratio | ' + ' | '.join(f'{s:,} B' for s in sizes) + ' |')
    print('|---|' + '---:|' * len(sizes))
    for v in ['ours_byteArray', 'ours_heapByteBuffer', 'ours_directByteBuffer']:
        for base in ['arraycopy', 'naive_byteArray']:
            cells = [f"{by[(v, s)]['score'] / by[(base, s)]['score']:.2f}x" for s in sizes]
            print(f'| `{v}` / `{base}` | ' + ' | '.join(cells) + ' |')
    print()


def ops_table(name, unit_size, show_gbs=True):
    rows = load(name)
    if not rows:
        return
    has_gc = any(r['bop'] is not None for r in rows)
    print('| benchmark | size | ops/s | ± (99.9%) | ns/op |' + (' payload GB/s |' if show_gbs else '')
          + (' B/op (gc) |' if has_gc else ''))
    print('|---|---:|---:|---:|---:|' + ('---:|' if show_gbs else '') + ('---:|' if has_gc else ''))
    order = {}
    for r in sorted(rows, key=lambda r: (str(r['param']).zfill(8), order.setdefault(r['method'], len(order)))):
        size = unit_size(r['param'])
        bop = f" {fmt_bop(r['bop'])} |" if has_gc else ''
        print(f"| `{r['method']}` | {r['param']} | {fmt_ops(r['score'])} | {fmt_ops(r['error'])} | "
              f"{1e9 / r['score']:.1f} |" + (f" {gbs(r['score'], size):.2f} |" if show_gbs else '') + bop)
    print()


def handshake():
    rows = load('handshake')
    if not rows:
        return
    by = {r['method']: r for r in rows}
    order = ['ours_read', 'ours_readCheck', 'ours_handshake', 'netty_decode', 'netty_decode_newDecoder', 'netty_handshake']
    print('| benchmark | ops/s | ± (99.9%) | µs/op | B/op (gc) |')
    print('|---|---:|---:|---:|---:|')
    for m in order + sorted(set(by) - set(order)):
        if m in by:
            r = by[m]
            print(f"| `{m}` | {fmt_ops(r['score'])} | {fmt_ops(r['error'])} | {1e6 / r['score']:.2f} | {fmt_bop(r['bop'])} |")
    print()
    print('| ratio | ops/s | B/op |')
    print('|---|---:|---:|')
    for a, b in [('ours_read', 'netty_decode'), ('ours_read', 'netty_decode_newDecoder'),
                 ('ours_handshake', 'netty_handshake')]:
        if a in by and b in by:
            print(f"| `{a}` / `{b}` | {by[a]['score'] / by[b]['score']:.2f}x | {by[a]['bop'] / by[b]['bop']:.2f}x |")
    print()


def before_after():
    """The benchmarks of the code the two ws-framing patches changed, before and after them."""
    pairs = [('utf8', 'ours_validator', 'candidate_validator', 'jdk_decoder'),
             ('encode', 'ours_client', 'ours_client_drbgKeys', None)]
    lines = []
    for name, method, candidate, reference in pairs:
        before = {(r['method'], r['param']): r for r in load('before-patches/' + name)}
        after = {(r['method'], r['param']): r for r in load(name)}
        for (m, p), a in after.items():
            b = before.get((method, p))
            if m != method or b is None:
                continue
            c = before.get((candidate, p))
            ref = after.get((reference, p)) if reference else None
            lines.append(' | '.join([
                f'| `{name}.{method}`', p,
                f"{fmt_ops(b['score'])} ± {fmt_ops(b['error'])}",
                f"{fmt_ops(a['score'])} ± {fmt_ops(a['error'])}",
                f"{a['score'] / b['score']:.2f}x",
                fmt_ops(c['score']) if c else '',
                f"{a['score'] / ref['score']:.2f}x" if ref else '',
                f"{fmt_bop(b['bop'])} → {fmt_bop(a['bop'])}" if a['bop'] is not None and b['bop'] is not None else '',
            ]) + ' |')
    if not lines:
        return
    print('| benchmark | param | before (ops/s) | after (ops/s) | after / before | scratch candidate, earlier run (ops/s) '
          '| after / JDK decoder, same run | B/op before → after |')
    print('|---|---|---:|---:|---:|---:|---:|---:|')
    print('\n'.join(lines))
    print()


def main():
    print('### Before / after the ws-framing patches\n')
    before_after()
    print('### Masking\n')
    masking()
    print('### Encode\n')
    ops_table('encode', int, show_gbs=False)
    print('### Decode\n')
    ops_table('decode', int)
    print('### UTF-8 validation\n')
    ops_table('utf8', lambda p: 65536 if p.endswith('64k') else 1024)
    print('### Handshake\n')
    handshake()
    if load('netty-default'):
        print('### Netty at its Java 25 default (no sun.misc.Unsafe), 64 KiB\n')
        ops_table('netty-default', int)


if __name__ == '__main__':
    main()

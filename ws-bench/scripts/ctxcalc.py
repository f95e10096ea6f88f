"""Reads wsload's JSON line on stdin and a context-switch count; prints msg/s, latency and switches per message."""
import json,sys
label=sys.argv[1]; c=int(sys.argv[2]); d=json.loads(sys.stdin.read().strip().splitlines()[-1])
n=d['msgs_per_s']*(d['duration_s']+d['warmup_s'])
print(label, int(d['msgs_per_s']), 'p50', d['p50_us'], 'p99', d['p99_us'], 'max', d['max_us'], 'ctx/msg %.4f' % (c/n))

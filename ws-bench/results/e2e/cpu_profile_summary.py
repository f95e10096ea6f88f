"""Summarises a JFR CPU-time profile (JDK 25's jdk.CPUTimeSample) printed as JSON:
samples per thread (digits folded to #), top frames (self), and inclusive shares of the
websockets4j / zlib / scheduler / Netty / Jetty methods.

    jfr print --json --events jdk.CPUTimeSample server.jfr > server.json
    python3 cpu_profile_summary.py server.json
"""
import json,sys,collections
d=json.load(open(sys.argv[1]))
ev=d['recording']['events']
top=collections.Counter(); incl=collections.Counter(); thr=collections.Counter()
for e in ev:
    st=e['values'].get('stackTrace')
    t=e['values'].get('eventThread') or e['values'].get('sampledThread')
    tn=(t or {}).get('javaName') or (t or {}).get('osName') or '?'
    import re
    thr[re.sub(r'\d+','#',tn)]+=1
    if not st: continue
    fr=st['frames']
    def name(f): return f['method']['type']['name']+'.'+f['method']['name']
    top[name(fr[0])]+=1
    seen=set()
    for f in fr:
        n=name(f)
        if n not in seen:
            seen.add(n); incl[n]+=1
n=len(ev); print('samples',n)
print('-- threads'); [print(f'{c*100/n:5.1f}% {k}') for k,c in thr.most_common(8)]
print('-- self'); [print(f'{c*100/n:5.1f}% {k}') for k,c in top.most_common(22)]
print('-- inclusive (selected packages)'); [print(f'{c*100/n:5.1f}% {k}') for k,c in [kc for kc in incl.most_common(400) if any(w in kc[0] for w in ('websockets4j','zip','VirtualThread','ForkJoin','jetty','netty'))][:25]]

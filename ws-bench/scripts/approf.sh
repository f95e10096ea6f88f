#!/bin/bash
# usage: MODS=dir ws-bench/scripts/approf.sh [--async]: allocation per connection by site over 10k connects (async-profiler)
MODS=${MODS:-ws-examples/target/modules}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
PORT=9306
# the agent unzipped from tools.profiler:async-profiler:4.1 (Maven Central)
LIB=${ASYNC_PROFILER:-/tmp/ap/linux-x64/libasyncProfiler.so}
ulimit -n 20000
rm -f /tmp/alloc.collapsed
taskset -c 0 $J/java -agentpath:$LIB=start,event=alloc,alloc=128,total,collapsed,file=/tmp/alloc.collapsed -Xms2g -Xmx2g -XX:+UseG1GC -p $MODS -m org.websockets4j.examples echo-server "$@" --port $PORT > /tmp/apx-server.log 2>&1 &
PID=$!
for i in $(seq 50); do ss -ltn | grep -q ":$PORT " && break; sleep 0.2; done
taskset -c 1 ${WSLOAD:-/tmp/bench/loadgen/wsload} connect -p $PORT -c 10000 -H 1 -j > /tmp/apx-conn.log 2>&1
sleep 1
kill $PID; wait $PID 2>/dev/null
python3 - <<'PY'
import collections
lines=open('/tmp/alloc.collapsed').read().splitlines()
tot=0; leaf=collections.Counter(); site=collections.Counter()
for l in lines:
    st,n=l.rsplit(' ',1); n=int(n); tot+=n
    fr=st.split(';')
    leaf[fr[-1]]+=n
    ours=[f for f in fr if 'websockets4j' in f]
    site[(ours[-1] if ours else fr[-2] if len(fr)>1 else fr[-1])+' -> '+fr[-1]]+=n
print("total %.1f KiB per connection" % (tot/10000/1024))
for k,v in leaf.most_common(12): print("%7.0f %s"%(v/10000,k))
print('---')
for k,v in site.most_common(40): print("%7.0f %s"%(v/10000,k))
PY

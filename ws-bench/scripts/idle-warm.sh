#!/bin/bash
# usage: ARGS=--async ws-bench/scripts/idle-warm.sh: three rounds of 10,000 idle connections on one server;
# heap and stack chunk per connection in each, so that a cold JIT (round 1) and a warm one (2, 3) can be compared
MODS=${MODS:-ws-examples/target/modules}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
PORT=9331
ulimit -n 20000
taskset -c 0 $J/java -Xms2g -Xmx2g -XX:+UseG1GC -p $MODS -m org.websockets4j.examples echo-server $ARGS --port $PORT > /tmp/wc-server.log 2>&1 &
PID=$!
for i in $(seq 50); do ss -ltn | grep -q ":$PORT " && break; sleep 0.2; done
${WSLOAD:-/tmp/bench/loadgen/wsload} echo -p $PORT -c 10 -P 4 -d 1 -w 0.5 -j >/dev/null 2>&1
for r in 1 2 3; do
  sleep 1
  $J/jcmd $PID GC.class_histogram > /tmp/wc-before.txt
  taskset -c 1 ${WSLOAD:-/tmp/bench/loadgen/wsload} connect -p $PORT -c 10000 -H 7 -S 4 -j > /dev/null 2>&1 &
  LP=$!; sleep 5
  $J/jcmd $PID GC.class_histogram > /tmp/wc-after.txt
  python3 - $r <<'PY'
import re,sys
def load(f):
    d={}
    for l in open(f):
        m=re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)',l)
        if m: d[m.group(3)]=(int(m.group(1)),int(m.group(2)))
    return d
a=load('/tmp/wc-before.txt'); b=load('/tmp/wc-after.txt')
k='jdk.internal.vm.StackChunk'
if k not in b: b[k]=(0,0)
tot=(sum(v[1] for v in b.values())-sum(v[1] for v in a.values()))/10000/1024
print("round",sys.argv[1],"StackChunk %.0f B/conn, heap %.2f KiB/conn" % ((b[k][1]-a.get(k,(0,0))[1])/10000, tot))
PY
  wait $LP
done
kill $PID; wait $PID 2>/dev/null

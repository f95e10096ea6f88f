#!/bin/bash
# usage: MODS=dir ws-bench/scripts/idlehist.sh [--async] ; prints per-connection heap histogram delta for 10k idle conns
MODS=${MODS:-ws-examples/target/modules}
N=${N:-10000}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
PORT=${PORT:-9301}
ulimit -n 20000
taskset -c 0 $J/java -Xms2g -Xmx2g -XX:+UseG1GC -p $MODS -m org.websockets4j.examples echo-server "$@" --port $PORT > /tmp/ih-server.log 2>&1 &
PID=$!
for i in $(seq 50); do ss -ltn | grep -q ":$PORT " && break; sleep 0.2; done
${WSLOAD:-/tmp/bench/loadgen/wsload} echo -p $PORT -c 10 -P 4 -d 2 -w 0.5 -j >/dev/null 2>&1
sleep 1
$J/jcmd $PID GC.class_histogram > /tmp/ih-before.txt 2>/dev/null
RSS0=$(grep VmRSS /proc/$PID/status | awk '{print $2}')
taskset -c 1 ${WSLOAD:-/tmp/bench/loadgen/wsload} connect -p $PORT -c $N -H 8 -S 4 -j > /tmp/ih-conn.log 2>&1 &
LP=$!
sleep 6
$J/jcmd $PID GC.class_histogram > /tmp/ih-after.txt 2>/dev/null
RSS1=$(grep VmRSS /proc/$PID/status | awk '{print $2}')
wait $LP
kill $PID; wait $PID 2>/dev/null
python3 - "$N" "$RSS0" "$RSS1" <<'PY'
import sys,re
n=int(sys.argv[1]); r0=int(sys.argv[2]); r1=int(sys.argv[3])
def load(f):
    d={}
    for l in open(f):
        m=re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)',l)
        if m: d[m.group(3)]=(int(m.group(1)),int(m.group(2)))
    return d
a=load('/tmp/ih-before.txt'); b=load('/tmp/ih-after.txt')
rows=[]
for k,(c,s) in b.items():
    c0,s0=a.get(k,(0,0))
    if s-s0>n*4: rows.append((s-s0,c-c0,k))
rows.sort(reverse=True)
tot=sum(s for s,_,_ in rows)
allt=sum(s for k,(c,s) in b.items())-sum(s for k,(c,s) in a.items())
for s,c,k in rows[:40]: print(f"{s/n:8.1f} B {c/n:6.2f}/conn {k}")
print(f"total heap delta per conn: {allt/n/1024:.2f} KiB; RSS per conn {(r1-r0)/n:.2f} KiB")
PY
grep -o '"opened":[0-9]*' /tmp/ih-conn.log; tail -c 300 /tmp/ih-conn.log

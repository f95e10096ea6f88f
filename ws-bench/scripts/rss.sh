#!/bin/bash
# replicates the rig's idle test once: usage ws-bench/scripts/rss.sh "java opts..." [server args]
OPTS="$1"; shift
MODS=${MODS:-ws-examples/target/modules}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
PORT=${PORT:-9321}
ulimit -n 20000
taskset -c 0 $J/java $OPTS -p $MODS -m org.websockets4j.examples echo-server "$@" --port $PORT > /tmp/rss-server.log 2>&1 &
PID=$!
for i in $(seq 50); do ss -ltn | grep -q ":$PORT " && break; sleep 0.2; done
${WSLOAD:-/tmp/bench/loadgen/wsload} echo -p $PORT -c 10 -P 4 -s 64 -d 1 -w 0.5 -j >/dev/null 2>&1
sleep 1
$J/jcmd $PID GC.run >/dev/null; sleep 0.5
R0=$(grep VmRSS /proc/$PID/status | awk '{print $2}')
taskset -c 1 ${WSLOAD:-/tmp/bench/loadgen/wsload} connect -p $PORT -c 10000 -H 7 -j > /tmp/rss-conn.log 2>/tmp/rss-conn.err &
LP=$!
for i in $(seq 1 1200); do grep -q '^# holding' /tmp/rss-conn.err && break; sleep 0.05; done
sleep 1
R1=$(grep VmRSS /proc/$PID/status | awk '{print $2}')
$J/jcmd $PID GC.heap_info | grep -E 'region size|garbage-first' | head -2 | tr '\n' ' '; echo
wait $LP; kill $PID; wait $PID 2>/dev/null
echo "RSS delta $(( (R1-R0)/10 ))e-3 KiB/conn"

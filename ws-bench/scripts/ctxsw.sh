#!/bin/bash
# Context switches of a server process per echoed message (voluntary + involuntary, summed over
# /proc/PID/task/*/status), under load (100 connections x 16 in flight) and at one connection with
# one message in flight, pinned: server on core 0, the shared rig's wsload on core 1.
#   MODS=ws-examples/target/modules ws-bench/scripts/ctxsw.sh PORT "echo-server [--async]"
#   ws-bench/scripts/ctxsw.sh PORT netty        (the rig's Netty peer, built in $BENCH)
# BENCH is the rig's copy (default /tmp/bench); JAVA_BIN the Java 25 launcher.
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH=${BENCH:-/tmp/bench}
J=${JAVA_BIN:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PORT=$1; ARGS=$2; PROPS=$3; MODS=${MODS:-ws-examples/target/modules}
if [ "$ARGS" = netty ]; then taskset -c 0 $J -Xms2g -Xmx2g -XX:+UseG1GC -jar $BENCH/peers/netty/target/netty-echo.jar $PORT; else taskset -c 0 $J -Xms2g -Xmx2g -XX:+UseG1GC $PROPS -p $MODS -m org.websockets4j.examples $ARGS --port $PORT; fi > /tmp/ctx-server.log 2>&1 &
for i in $(seq 50); do ss -ltn | grep -q ":$PORT " && break; sleep 0.2; done
pid=$(pgrep -f "java.* $PORT( |$)" | head -1)
taskset -c 1 $BENCH/loadgen/wsload echo -p $PORT -c 100 -P 16 -s 64 -d 2 -w 1 -j > /dev/null 2>&1
sum() { cat /proc/$pid/task/*/status 2>/dev/null | awk '/ctxt_switches/{s+=$2}END{print s}'; }
c0=$(sum); out=$(taskset -c 1 $BENCH/loadgen/wsload echo -p $PORT -c 100 -P 16 -s 64 -d 4 -w 1 -j 2>/dev/null); c1=$(sum)
echo "$out" | python3 $HERE/ctxcalc.py "$ARGS $PROPS load" $((c1-c0))
c0=$(sum); out=$(taskset -c 1 $BENCH/loadgen/wsload echo -p $PORT -c 1 -P 1 -s 64 -d 3 -w 1 -y -j 2>/dev/null); c1=$(sum)
echo "$out" | python3 $HERE/ctxcalc.py "$ARGS $PROPS one" $((c1-c0))
kill $pid; wait

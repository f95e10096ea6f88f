#!/bin/bash
# usage: MODS=dir ws-bench/scripts/idle19k.sh [--async]: heap and RSS per connection, 19,000 idle connections with keepalive, 35 s in
MODS=${MODS:-ws-examples/target/modules}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
PORT=${PORT:-9311}
ulimit -n 20000
taskset -c 0 $J/java -Xms2g -Xmx2g -XX:+UseG1GC -p $MODS -m org.websockets4j.examples echo-server "$@" --port $PORT > /tmp/i19-server.log 2>&1 &
PID=$!
for i in $(seq 50); do ss -ltn | grep -q ":$PORT " && break; sleep 0.2; done
${WSLOAD:-/tmp/bench/loadgen/wsload} echo -p $PORT -c 10 -P 4 -d 1 -w 0.5 -j >/dev/null 2>&1
sleep 1
H0=$($J/jcmd $PID GC.run >/dev/null; $J/jcmd $PID GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)
R0=$(grep VmRSS /proc/$PID/status | awk '{print $2}')
taskset -c 1 ${WSLOAD:-/tmp/bench/loadgen/wsload} connect -p $PORT -c 19000 -H 45 -S 4 -j > /tmp/i19-conn.log 2>&1 &
LP=$!
sleep 35
R1=$(grep VmRSS /proc/$PID/status | awk '{print $2}')
H1=$($J/jcmd $PID GC.run >/dev/null; $J/jcmd $PID GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)
wait $LP
kill $PID; wait $PID 2>/dev/null
python3 -c "print('heap %.2f KiB/conn, RSS %.1f KiB/conn, projected 100k heap %.0f MB' % (($H1-$H0)/19000, ($R1-$R0)/19000, ($H1-$H0)/19000*100000/1024))"
grep -o '"opened":[0-9]*\|"errors":[0-9]*\|"ok":[a-z]*' /tmp/i19-conn.log | tr '\n' ' '; echo

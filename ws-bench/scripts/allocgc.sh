#!/bin/bash
# usage: MODS=dir ws-bench/scripts/allocgc.sh [--async]: bytes allocated per connection over 10k connects (G1 eden accounting)
# bytes allocated per connection during 10k connects, from G1's eden accounting
MODS=${MODS:-ws-examples/target/modules}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
PORT=9305
ulimit -n 20000
rm -f /tmp/gc.log
taskset -c 0 $J/java -Xlog:gc+heap=debug:file=/tmp/gc.log -Xms2g -Xmx2g -XX:+UseG1GC -p $MODS -m org.websockets4j.examples echo-server "$@" --port $PORT > /tmp/ag-server.log 2>&1 &
PID=$!
for i in $(seq 50); do ss -ltn | grep -q ":$PORT " && break; sleep 0.2; done
${WSLOAD:-/tmp/bench/loadgen/wsload} echo -p $PORT -c 10 -P 4 -d 1 -w 0.5 -j >/dev/null 2>&1
sleep 1; $J/jcmd $PID GC.run >/dev/null; sleep 0.3
M=$(wc -l < /tmp/gc.log)
taskset -c 1 ${WSLOAD:-/tmp/bench/loadgen/wsload} connect -p $PORT -c 10000 -H 2 -j > /tmp/ag-conn.log 2>&1
$J/jcmd $PID GC.run >/dev/null; sleep 0.3
kill $PID; wait $PID 2>/dev/null
tail -n +$((M+1)) /tmp/gc.log > /tmp/gc-tail.log
python3 - <<'PY'
import re
# G1 logs "Eden regions: 25->0(30)" per GC; region size from "region size"
t=open('/tmp/gc-tail.log').read()
eden=[int(a) for a,b in re.findall(r'Eden regions: (\d+)->(\d+)',t)]
full=open('/tmp/gc.log').read()
m=re.search(r'[Rr]egion size (\d+)([KM])',full)
rs=int(m.group(1))*(1024 if m.group(2)=='K' else 1024*1024) if m else 1<<20
print("GCs", len(eden), "eden regions consumed", sum(eden), "region", rs, "=> %.1f KiB per connection allocated" % (sum(eden)*rs/10000/1024))
PY

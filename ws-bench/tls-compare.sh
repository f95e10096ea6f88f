#!/usr/bin/env bash
# TLS next to plain TCP, ours next to Netty's SslHandler (JDK provider), one after the other in
# one run (ws-bench README, section TLS). Servers on core 0, the load client (TlsLoad) on core 1.
# Needs: mvn -DskipTests package of ws-examples and ws-bench; CERT and KEY (PKCS#8 PEM) for localhost.
# WSLOAD=/tmp/bench/loadgen/wsload also runs the rig's C client on the plain rows, as a cross-check.
# Kills only the servers it started.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JCMD=${JCMD:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd}
OPTS="-Xms2g -Xmx2g -XX:+UseG1GC"
CERT=${CERT:?PEM certificate} KEY=${KEY:?PKCS#8 PEM key}
SECS=${SECS:-5} IDLE=${IDLE:-2000} PORT=${PORT:-9300}
BENCH=${BENCH:-ws-bench/target/benchmarks.jar}   # a class path
MODULES=${MODULES:-ws-examples/target/modules}
LOAD="taskset -c 1 $JAVA -Xms512m -Xmx512m -XX:+UseG1GC -cp $BENCH org.websockets4j.bench.TlsLoad"
ulimit -n "$(ulimit -Hn)"

server_cmd() { # name -> command
  case $1 in
    ours-plain) echo "$JAVA $OPTS -p $MODULES -m org.websockets4j.examples echo-server --port $PORT" ;;
    ours-tls) echo "$JAVA $OPTS -p $MODULES -m org.websockets4j.examples echo-server --port $PORT --cert $CERT --key $KEY" ;;
    netty-plain) echo "$JAVA $OPTS -cp $BENCH org.websockets4j.bench.NettyTlsEcho $PORT" ;;
    netty-tls) echo "$JAVA $OPTS -cp $BENCH org.websockets4j.bench.NettyTlsEcho $PORT $CERT $KEY" ;;
  esac
}

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
heap_kib() { "$JCMD" "$1" GC.run >/dev/null; "$JCMD" "$1" GC.heap_info | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K,?","",v); print v}}'; }

for name in ${SERVERS:-ours-plain ours-tls netty-plain netty-tls}; do
  PORT=$((PORT + 1))
  mode=plain; [[ $name == *tls ]] && mode=tls
  taskset -c 0 $(server_cmd "$name") > "/tmp/tls-compare-$name.log" 2>&1 &
  pid=$!
  until ss -ltn "sport = :$PORT" | grep -q LISTEN; do sleep 0.2; done
  echo "## $name (pid $pid)"
  $LOAD echo "$PORT" $mode "$CERT" 4 16 64 2 > /dev/null      # JIT warm-up
  $LOAD echo "$PORT" $mode "$CERT" 4 4 16384 2 > /dev/null
  [ -n "${WSLOAD:-}" ] && [ $mode = plain ] && echo "wsload: $(taskset -c 1 "$WSLOAD" echo -p "$PORT" -c 50 -P 16 -s 64 -b -d "$SECS" -w 1 -X $pid 2>&1 | tail -1)"
  $LOAD echo "$PORT" $mode "$CERT" 50 16 64 "$SECS"
  $LOAD echo "$PORT" $mode "$CERT" 4 4 16384 "$SECS"
  $LOAD latency "$PORT" $mode "$CERT" "$SECS"
  h0=$(heap_kib $pid); r0=$(rss_kib $pid)
  $LOAD idle "$PORT" $mode "$CERT" "$IDLE" 30 > /tmp/tls-compare-idle.log &
  lpid=$!
  until grep -q holding /tmp/tls-compare-idle.log 2>/dev/null; do sleep 0.5; done
  sleep 1
  h1=$(heap_kib $pid); r1=$(rss_kib $pid)
  echo "idle $IDLE: heap +$(( (h1 - h0) * 1024 / IDLE )) B/conn, RSS +$(( (r1 - r0) * 1024 / IDLE )) B/conn (heap ${h0}K->${h1}K, RSS ${r0}K->${r1}K)"
  kill "$lpid" 2>/dev/null || true; wait "$lpid" 2>/dev/null || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

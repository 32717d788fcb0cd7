#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft) on 127.0.0.1, from Maven Central jars and the machine's JDK.
# usage: scripts/kafka/broker.sh start|stop|status|fetch|wipe
# env:   KAFKA_PORT (9092)  KAFKA_CONTROLLER_PORT (9093)  KAFKA_STATE_DIR (.state/kafka)
#        KAFKA_HEAP (-Xms256m -Xmx512m)  KAFKA_FRESH=1 wipes the data before start
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
port=${KAFKA_PORT:-9092}
cport=${KAFKA_CONTROLLER_PORT:-9093}
state=${KAFKA_STATE_DIR:-$root/.state/kafka}
libs=${KAFKA_LIBS_DIR:-$root/.state/kafka-libs}
data=$state/data
pidfile=$state/broker.pid
log=$state/kafka.log
cluster_id=5L6g3nShT-eMCtK--X86sw
ready_timeout=${KAFKA_READY_TIMEOUT:-90}

die() { echo "kafka: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid; pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch() {
  command -v java >/dev/null || die "java not found: install a JDK >= 17 (e.g. apt install openjdk-17-jdk-headless), or set KAFKA_BROKERS to use another cluster"
  local stamp="$libs/.pom.sha"
  local want; want=$(sha256sum "$here/pom.xml" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  command -v mvn >/dev/null || die "mvn not found: install Maven (e.g. apt install maven) to fetch the Kafka jars, or set KAFKA_BROKERS"
  mkdir -p "$libs"
  echo "kafka: fetching Kafka 3.9.1 jars from Maven Central (first run only)..." >&2
  rm -f "$libs"/*.jar
  if ! mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$libs" >"$state/mvn.log" 2>&1; then
    die "Maven could not fetch the Kafka jars (Maven Central unreachable or a proxy/settings.xml problem?); details in $state/mvn.log"
  fi
  echo "$want" >"$stamp"
}

write_config() {
  mkdir -p "$data"
  sed -e "s#__DATA_DIR__#$data#" -e "s#__PORT__#$port#g" -e "s#__CPORT__#$cport#g" \
    "$here/server.properties" >"$state/server.properties"
  cp "$here/log4j.properties" "$state/log4j.properties"
}

start() {
  mkdir -p "$state"
  if pid=$(running_pid); then echo "kafka: already running (pid $pid) on 127.0.0.1:$port"; return 0; fi
  port_open "$port" && die "port $port is already taken by another process: stop it, or set KAFKA_PORT to a free port, or KAFKA_BROKERS to use that broker"
  port_open "$cport" && die "port $cport is already taken by another process: stop it, or set KAFKA_CONTROLLER_PORT to a free port"
  fetch
  [ "${KAFKA_FRESH:-0}" = 1 ] && rm -rf "$data"
  write_config
  local java_opts=(-Dlog4j.configuration="file:$state/log4j.properties" -Djava.awt.headless=true)
  if ! java "${java_opts[@]}" -cp "$libs/*" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$state/server.properties" --ignore-formatted >"$state/format.log" 2>&1; then
    die "formatting the data dir failed (a data dir of another cluster? try KAFKA_FRESH=1); details in $state/format.log"
  fi
  local t0; t0=$(date +%s%N)
  # setsid: the broker gets its own process group, so stop can end the whole tree
  # shellcheck disable=SC2086
  setsid java ${KAFKA_HEAP:--Xms256m -Xmx512m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    "${java_opts[@]}" -cp "$libs/*" kafka.Kafka "$state/server.properties" >"$log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pidfile"
  local deadline=$((SECONDS + ready_timeout))
  while ! port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      echo "kafka: the broker exited during start; last lines of $log:" >&2
      tail -n 15 "$log" >&2
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      kill -TERM -- -"$pid" 2>/dev/null || true; sleep 2; kill -KILL -- -"$pid" 2>/dev/null || true
      rm -f "$pidfile"
      die "the broker was not ready within ${ready_timeout}s and was stopped; see $log"
    fi
    sleep 0.2
  done
  local ms=$((($(date +%s%N) - t0) / 1000000))
  local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo "?")
  echo "kafka: ready on 127.0.0.1:$port (pid $pid, ${ms} ms, RSS ${rss} MiB)"
}

stop() {
  local pid
  if ! pid=$(running_pid); then rm -f "$pidfile"; echo "kafka: not running"; return 0; fi
  local peak; peak=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo "?")
  kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "kafka: no clean shutdown within 30s, killing" >&2
    kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid"
  fi
  rm -f "$pidfile"
  echo "kafka: stopped (peak RSS ${peak} MiB)"
}

status() {
  if pid=$(running_pid); then
    local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
    echo "kafka: running (pid $pid) on 127.0.0.1:$port, RSS ${rss} MiB"
  else
    echo "kafka: not running"; return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  fetch) mkdir -p "$state"; fetch ;;
  wipe) stop; rm -rf "$data"; echo "kafka: data wiped" ;;
  -h|--help|help|"") sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (start|stop|status|fetch|wipe)" ;;
esac

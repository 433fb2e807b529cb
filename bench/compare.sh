#!/usr/bin/env bash
# Runs the same `tern bench` scenarios against `tern broker` and mosquitto, one broker after the
# other on a free loopback port, and prints the medians side by side with the ratio Tern/mosquitto.
#
#   bench/compare.sh                      the standard set, 3 repeats (about 12 minutes)
#   bench/compare.sh --quick              shorter runs, 1 repeat (about 3 minutes)
#   bench/compare.sh --only pairs-q0,conns --brokers tern
#   bench/compare.sh --durable            QoS 1 with persistence: tern on RocksDB (sync always, or
#                                         --sync 'batch 5ms'), tern --memory, mosquitto persistence true;
#                                         the clients keep their sessions (tern bench --persistent)
#
# Both brokers get the same limits where both have them: 32 QoS 1/2 messages in flight and 1000
# queued per client, no persistence (tern --memory), TCP_NODELAY. With --durable, tern acknowledges
# QoS 1/2 only after an fsync (group commit) while mosquitto saves its database every 30 minutes
# (autosave_interval 1800): they do not promise the same. The bench shares the machine with the
# broker: on a small machine its figures compare brokers, they do not measure their ceiling.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenarios_all="pairs-q0 pairs-q1 fanout-q0 fanin-q0 fanin-q1 latency-q1 conns"
brokers="tern,mosquitto"
brokers_given=""
durable=""
sync="always"
only=""
quick=""
repeats=3

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo "Scenarios: $scenarios_all"
  echo "Brokers: tern, tern-memory (durable runs only), mosquitto"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; repeats=1 ;;
    --only) only="$2"; shift ;;
    --brokers) brokers="$2"; brokers_given=1; shift ;;
    --durable) durable=1 ;;
    --sync) sync="$2"; shift ;;
    --repeats) repeats="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [ -n "$durable" ]; then
  [ -n "$only" ] || only="pairs-q1,fanin-q1,latency-q1"
  [ -n "$brokers_given" ] || brokers="tern,tern-memory,mosquitto"
fi
scenarios="${only//,/ }"
scenarios="${scenarios:-$scenarios_all}"
for s in $scenarios; do
  case " $scenarios_all " in *" $s "*) ;; *) echo "compare.sh: unknown scenario $s (known: $scenarios_all)" >&2; exit 2 ;; esac
done
for b in ${brokers//,/ }; do
  case "$b" in tern|tern-memory|mosquitto) ;; *) echo "compare.sh: unknown broker $b (tern, tern-memory, mosquitto)" >&2; exit 2 ;; esac
done

if [ -n "$quick" ]; then
  timing=(-d 3s --warmup 1s); conns=2000
else
  timing=(-d 8s --warmup 3s); conns=10000
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/tern-compare.XXXXXX")"
broker_pid=""
stop_broker() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$broker_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$broker_pid" 2>/dev/null || true
  fi
  broker_pid=""
}
trap 'stop_broker' EXIT
trap 'exit 130' INT TERM

# ./tern builds tern.jar when needed and runs a copy of it, with the JVM options tern runs with by default.
"$root/tern" --version >/dev/null
echo "results and logs in $work" >&2

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until the port accepts connections; prints the milliseconds since $1 (nanoseconds).
wait_listening() {
  python3 - "$1" "$2" <<'PY'
import socket, sys, time
start, port = int(sys.argv[1]), int(sys.argv[2])
deadline = time.time() + 60
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        print(round((time.time_ns() - start) / 1e6))
        sys.exit(0)
    except OSError:
        time.sleep(0.005)
sys.exit("broker not listening after 60 s")
PY
}

rss_kib() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

start_broker() { # name port [again: do not record startup figures]
  local name="$1" port="$2" start
  start="$(date +%s%N)"
  case "$name" in
    tern)
      if [ -n "$durable" ]; then
        storage=(--data "$work/tern-data" --sync "$sync")
      else
        storage=(--memory)
      fi
      "$root/tern" broker -p "$port" --bind 127.0.0.1 "${storage[@]}" >"$work/tern.log" 2>&1 &
      broker_pid=$! ;;
    tern-memory)
      "$root/tern" broker -p "$port" --bind 127.0.0.1 --memory >"$work/tern-memory.log" 2>&1 &
      broker_pid=$! ;;
    mosquitto)
      cat >"$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
max_inflight_messages 32
max_queued_messages 1000
max_connections -1
persistence $([ -n "$durable" ] && echo true || echo false)
persistence_location $work/
set_tcp_nodelay true
log_dest file $work/mosquitto.log
CONF
      /usr/sbin/mosquitto -c "$work/mosquitto.conf" >>"$work/mosquitto.log" 2>&1 &
      broker_pid=$! ;;
  esac
  local ms
  ms="$(wait_listening "$start" "$port")"
  [ "${3:-}" = again ] && return 0
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "startup" 0 "ms to accept" "$ms" >>"$work/results.tsv"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "startup" 0 "idle RSS KiB" "$(rss_kib "$broker_pid")" >>"$work/results.tsv"
}

bench_args() { # scenario
  case "$1" in
    pairs-q0) echo "pairs -c 50 -q 0 -s 64" ;;
    pairs-q1) echo "pairs -c 50 -q 1 -s 64" ;;
    fanout-q0) echo "fanout -c 200 -q 0" ;;
    fanin-q0) echo "fanin -c 200 -q 0" ;;
    fanin-q1) echo "fanin -c 200 -q 1" ;;
    latency-q1) echo "latency -c 20 --rate 2000 -q 1" ;;
    conns) echo "conns -c $conns --connect-rate 2000 -d 3s" ;;
  esac
}

run_bench() { # broker scenario repeat port
  local broker="$1" scenario="$2" repeat="$3" port="$4" out args extra=()
  out="$work/$broker-$scenario-$repeat.json"
  read -r -a args <<<"$(bench_args "$scenario")"
  if [ "$scenario" = conns ]; then extra=(--pid "$broker_pid"); else extra=("${timing[@]}"); fi
  if [ -n "$durable" ] && [ "$scenario" != conns ]; then
    # sessions that outlive the run, so that their messages are stored; topics of their own, so that
    # the sessions an earlier run left behind do not receive this run's messages
    extra+=(--persistent -t "tern-bench/$broker-$scenario-$repeat/%i")
  fi
  echo "== $broker $scenario #$repeat: tern bench ${args[*]} ${extra[*]}" >&2
  if ! "$root/tern" bench "${args[@]}" "${extra[@]}" -p "$port" --json >"$out" 2>"$out.err"; then
    echo "   failed: $(tail -1 "$out.err")" >&2
    return 0
  fi
  python3 - "$broker" "$scenario" "$repeat" "$out" >>"$work/results.tsv" <<'PY'
import json, sys
broker, scenario, repeat, path = sys.argv[1:]
s = json.load(open(path))
rows = []
if "connections" in s:
    c = s["connections"]
    rows.append(("bytes/conn", c.get("bytesPerConnection")))
    rows.append(("connect s", c["connectSeconds"]))
else:
    m, l = s["messages"], s["latencyMicros"]
    if scenario.startswith("latency"):
        rows += [("p50 us", l["p50"]), ("p99 us", l["p99"])]
    else:
        rows += [("recv msg/s", round(m["receivedPerSecond"])), ("p99 us", l["p99"])]
    rows.append(("lost %", round(100.0 * m["lost"] / m["expected"], 2) if m["expected"] else 0))
for metric, value in rows:
    print(f"{broker}\t{scenario}\t{repeat}\t{metric}\t{value}")
PY
}

: >"$work/results.tsv"
for broker in ${brokers//,/ }; do
  port="$(free_port)"
  start_broker "$broker" "$port"
  for scenario in $scenarios; do
    for repeat in $(seq "$repeats"); do
      if [ "$scenario" = conns ]; then
        # Each repeat on a fresh broker, warmed up by 2,000 connections opened and closed: memory touched
        # by earlier runs (a JVM keeps its heap, malloc its arenas) would hide the cost of a connection,
        # and code compiled at the first connections is no cost of each.
        stop_broker
        start_broker "$broker" "$port" again
        "$root/tern" bench conns -c 2000 --connect-rate 2000 -d 1s -p "$port" >/dev/null 2>&1 || true
      fi
      run_bench "$broker" "$scenario" "$repeat" "$port"
    done
  done
  stop_broker
done

python3 - "$work/results.tsv" "$brokers" <<'PY'
import statistics, sys
from collections import OrderedDict
path, brokers = sys.argv[1], sys.argv[2].split(",")
values = OrderedDict()
for line in open(path):
    broker, scenario, _, metric, value = line.rstrip("\n").split("\t")
    if value in ("None", ""):
        continue
    values.setdefault((scenario, metric), {}).setdefault(broker, []).append(float(value))
def fmt(v):
    return "-" if v is None else (f"{v:,.0f}" if abs(v) >= 100 or v == int(v) else f"{v:,.2f}")
header = ["scenario", "metric"] + brokers + (["tern/mosquitto"] if brokers == ["tern", "mosquitto"] else [])
rows = []
for (scenario, metric), by_broker in values.items():
    medians = [statistics.median(by_broker[b]) if b in by_broker else None for b in brokers]
    row = [scenario, metric] + [fmt(m) for m in medians]
    if len(header) > len(row):
        t, m = medians
        row.append(f"{t / m:.2f}" if t is not None and m and not metric.startswith("lost") else "-")
    rows.append(row)
widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
for r in [header, ["-" * w for w in widths]] + rows:
    print("  ".join(str(c).rjust(w) if i > 1 else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
PY

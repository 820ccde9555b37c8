#!/usr/bin/env bash
# Side by side on one BMP stream (one router, one peer, N IPv4 prefixes ~3 per UPDATE, the load generator's
# default packing): pmacct's pmbmpd (Debian package pmacct) against the bmpfleet controller's collector.
# Prints each one's ingest time (first byte until the table is in: for bmpfleet the router's last-message time in
# the state, i.e. when its last message was in the RIB, read once the RESTCONF route counts match; for pmbmpd until
# its CPU goes idle), CPU seconds spent, and the ratio. Everything on loopback; both runs are bounded.
#
#   bench/compare-pmbmpd.sh [PREFIXES]      (default 1000000; needs ./controller running with a collector
#                                            listener on 127.0.0.1:11019 and RESTCONF on :8181)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefixes=${1:-1000000}
bmpfleet_port=${BMPFLEET_PORT:-11019}
pm_port=${PMBMPD_PORT:-11020}
restconf=${RESTCONF:-http://127.0.0.1:8181}

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# The collector's own threads in the controller: Netty's event loops (read, frame) and the session workers (decode,
# RIB); thread names are cut to 15 characters in /proc.
collector_cpu() {
  local hz total=0 t
  hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      bmp-session-wor*|epollEventLoopG*)
        total=$(awk -v t="$total" '{ print t + $14 + $15 }' "$t/stat" 2>/dev/null || echo "$total") ;;
    esac
  done
  awk -v t="$total" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }'
}

# pmbmpd forks: the BMP session is served by a daemonised child (its parent is init), not by the process started
# here. Its CPU is the sum over every process named pmbmpd, with the children they reaped (cutime, cstime).
pmbmpd_cpu() {
  local hz total=0 p
  hz=$(getconf CLK_TCK)
  for p in $(pgrep -x -r R,S,D pmbmpd); do
    total=$(awk -v t="$total" '{ print t + $14 + $15 + $16 + $17 }' "/proc/$p/stat" 2>/dev/null || echo "$total")
  done
  awk -v t="$total" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }'
}

idle_after() {  # seconds until pmbmpd's CPU last moved, polled every 0.1 s, once idle for 1 s (at most 120 s)
  local last now t0 changed
  t0=$(date +%s.%N); changed=$t0; last=$(pmbmpd_cpu)
  for _ in $(seq 1 1200); do
    sleep 0.1; now=$(pmbmpd_cpu)
    if [ "$now" != "$last" ]; then changed=$(date +%s.%N); last=$now
    elif awk -v c="$changed" -v n="$(date +%s.%N)" 'BEGIN { exit !(n - c >= 1.0) }'; then break; fi
  done
  awk -v a="$t0" -v b="$changed" 'BEGIN { printf "%.2f", b - a }'
}

dir=$(mktemp -d)
# pmbmpd's daemonised child ignores SIGTERM
trap 'pkill -9 -x pmbmpd 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 30); do pgrep -x -r R,S,D pmbmpd >/dev/null || break; sleep 0.1; done  # a previous run's exit
if pgrep -x -r R,S,D pmbmpd >/dev/null; then echo "another pmbmpd is running: stop it first (pkill -x pmbmpd)" >&2; exit 1; fi
printf 'bmp_daemon_ip: 127.0.0.1\nbmp_daemon_port: %s\nbmp_daemon_max_peers: 100\n' "$pm_port" > "$dir/pmbmpd.conf"
pmbmpd -f "$dir/pmbmpd.conf" > "$dir/pmbmpd.log" 2>&1 &
pm=$!
for _ in $(seq 1 50); do ss -ltn | grep -q "127.0.0.1:$pm_port " && break; sleep 0.2; done

echo "== pmbmpd $(pmbmpd -V 2>&1 | head -1 | sed 's/.*pmbmpd //')"
before=$(pmbmpd_cpu)
out=$("$here/loadgen" --target "127.0.0.1:$pm_port" --prefixes "$prefixes" 2>&1 | grep loadgen)
echo "$out" | sed 's/.*loadgen: /  /'
send=$(echo "$out" | sed -n 's/.*sent in \([0-9.]*\) s.*/\1/p')
tail=$(idle_after)
pm_cpu=$(awk -v a="$before" -v b="$(pmbmpd_cpu)" 'BEGIN { printf "%.2f", b - a }')
pm_time=$(awk -v s="$send" -v t="$tail" 'BEGIN { printf "%.2f", s + t }')
echo "  pmbmpd ingest: ${pm_time} s, ${pm_cpu} CPU s"

# The controller is the process that answers RESTCONF.
kpid=${KARAF_PID:-$(ss -ltnpH "sport = :${restconf##*:}" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)}
echo "== bmpfleet collector (Karaf pid $kpid)"
before=$(cpu_seconds "$kpid")
collector_before=$(collector_cpu "$kpid")
out=$("$here/loadgen" --target "127.0.0.1:$bmpfleet_port" --prefixes "$prefixes" --restconf "$restconf" \
  --pid "$kpid" 2>&1 | grep loadgen)
echo "$out" | sed 's/.*loadgen: /  /'
send=$(echo "$out" | sed -n 's/.*sent in \([0-9.]*\) s.*/\1/p')
match=$(echo "$out" | sed -n 's/.*matched [0-9]* routes \([0-9.]*\) s after.*/\1/p')
ingest=$(echo "$out" | sed -n 's/.*controller ingest: \([0-9.]*\) s from the first byte.*/\1/p')
bf_cpu=$(awk -v a="$before" -v b="$(cpu_seconds "$kpid")" 'BEGIN { printf "%.2f", b - a }')
collector_cpu_s=$(awk -v a="$collector_before" -v b="$(collector_cpu "$kpid")" 'BEGIN { printf "%.2f", b - a }')
bf_time=${ingest:-nan}
echo "  bmpfleet ingest: ${bf_time} s (first byte to the last message in the RIB; counts visible over RESTCONF" \
  "${match} s after the last byte), ${collector_cpu_s} CPU s in the collector's threads, ${bf_cpu} CPU s in the" \
  "whole controller (with the RESTCONF polling, the session end and a forced GC)"
awk -v p="$pm_time" -v b="$bf_time" -v pc="$pm_cpu" -v bc="$bf_cpu" -v cc="$collector_cpu_s" \
  'BEGIN { printf "ratio pmbmpd/bmpfleet: ingest time %.1fx, CPU %.1fx (collector threads), %.1fx (whole controller)\n", p / b, pc / cc, pc / bc }'

#!/usr/bin/env bash
# Side by side on one BMP stream (one router, one peer, N IPv4 prefixes ~3 per UPDATE, the load generator's
# default packing): pmacct's pmbmpd (Debian package pmacct) against the bmpfleet controller's collector.
# Prints each one's ingest time (first byte until the table is in: bmpfleet's RESTCONF route counts match; pmbmpd's
# CPU goes idle), CPU seconds spent, and the ratio. Everything on loopback; both runs are bounded.
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

idle_after() {  # waits until process $1 uses no CPU for 1 s (at most 120 s); prints seconds waited minus that 1 s
  local pid=$1 start last now t0
  t0=$(date +%s.%N); last=$(cpu_seconds "$pid")
  for _ in $(seq 1 240); do
    sleep 0.5; now=$(cpu_seconds "$pid")
    if [ "$now" = "$last" ]; then sleep 0.5; [ "$(cpu_seconds "$pid")" = "$now" ] && break; fi
    last=$now
  done
  awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { v = b - a - 1.0; if (v < 0) v = 0; printf "%.2f", v }'
}

dir=$(mktemp -d)
trap 'kill "${pm:-}" 2>/dev/null || true; rm -rf "$dir"' EXIT
printf 'bmp_daemon_ip: 127.0.0.1\nbmp_daemon_port: %s\nbmp_daemon_max_peers: 100\n' "$pm_port" > "$dir/pmbmpd.conf"
pmbmpd -f "$dir/pmbmpd.conf" > "$dir/pmbmpd.log" 2>&1 &
pm=$!
for _ in $(seq 1 50); do ss -ltn | grep -q "127.0.0.1:$pm_port " && break; sleep 0.2; done

echo "== pmbmpd $(pmbmpd -V 2>&1 | head -1 | sed 's/.*pmbmpd //')"
before=$(cpu_seconds "$pm")
out=$("$here/loadgen" --target "127.0.0.1:$pm_port" --prefixes "$prefixes" 2>&1 | grep loadgen)
echo "$out" | sed 's/.*loadgen: /  /'
send=$(echo "$out" | sed -n 's/.*sent in \([0-9.]*\) s.*/\1/p')
tail=$(idle_after "$pm")
pm_cpu=$(awk -v a="$before" -v b="$(cpu_seconds "$pm")" 'BEGIN { printf "%.2f", b - a }')
pm_time=$(awk -v s="$send" -v t="$tail" 'BEGIN { printf "%.2f", s + t }')
echo "  pmbmpd ingest: ${pm_time} s, ${pm_cpu} CPU s"

# The controller is the process that answers RESTCONF.
kpid=${KARAF_PID:-$(ss -ltnpH "sport = :${restconf##*:}" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)}
echo "== bmpfleet collector (Karaf pid $kpid)"
before=$(cpu_seconds "$kpid")
out=$("$here/loadgen" --target "127.0.0.1:$bmpfleet_port" --prefixes "$prefixes" --restconf "$restconf" \
  --pid "$kpid" 2>&1 | grep loadgen)
echo "$out" | sed 's/.*loadgen: /  /'
send=$(echo "$out" | sed -n 's/.*sent in \([0-9.]*\) s.*/\1/p')
match=$(echo "$out" | sed -n 's/.*matched [0-9]* routes \([0-9.]*\) s after.*/\1/p')
bf_cpu=$(awk -v a="$before" -v b="$(cpu_seconds "$kpid")" 'BEGIN { printf "%.2f", b - a }')
bf_time=$(awk -v s="$send" -v m="${match:-nan}" 'BEGIN { printf "%.2f", s + m }')
echo "  bmpfleet ingest: ${bf_time} s (counts visible ${match} s after the last byte), ${bf_cpu} CPU s" \
  "(includes the RESTCONF polling and a forced GC)"
awk -v p="$pm_time" -v b="$bf_time" -v pc="$pm_cpu" -v bc="$bf_cpu" \
  'BEGIN { printf "ratio pmbmpd/bmpfleet: ingest time %.1fx, CPU %.1fx\n", p / b, pc / bc }'

#!/usr/bin/env bash
# Reconciles a mixed fleet (default 500 devices: half Cisco IOS CLI simulators, half FRR vtysh simulators) from
# one intent change, twice (a push from nothing, then a station's port change), and prints how long until all are
# in-sync (and per platform), the most devices worked on at once and the JVM's CPU. Usage: run-fleet-benchmark.sh
# [N] [C] (N devices, C max-concurrent-pushes, default 16).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl bmp-app test -Dtest=FleetReconcileBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbmpfleet.bench=true -Dbmpfleet.bench.devices="${1:-500}" -Dbmpfleet.bench.concurrency="${2:-16}" \
  -DargLine="-Xss512k" 2>&1 | grep -E "FAIL|ERROR" || true
grep -h "fleet benchmark" bmp-app/target/surefire-reports/io.bmpfleet.app.push.FleetReconcileBenchmark-output.txt

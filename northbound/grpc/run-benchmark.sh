#!/usr/bin/env bash
# The gRPC API's figures: longest-prefix lookup latency (p50/p99) over TLS on a RIB store of N IPv4 routes (default
# 1M), the rate of a full dump to one client, and event latency at a fixed rate, with the JVM's CPU and heap.
# Usage: run-benchmark.sh [routes] [lookups] [events/s]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl northbound/grpc test -Dtest=GrpcBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbmpfleet.bench=true -Dbmpfleet.bench.routes="${1:-1000000}" -Dbmpfleet.bench.lookups="${2:-100000}" \
  -Dbmpfleet.bench.events="${3:-10000}" -DargLine="-Xmx2g" 2>&1 | grep -E "FAIL|ERROR" || true
grep -h "grpc benchmark" northbound/grpc/target/surefire-reports/io.bmpfleet.grpc.GrpcBenchmark-output.txt

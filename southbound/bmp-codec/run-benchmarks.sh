#!/usr/bin/env bash
# Runs the JMH benchmarks of the codec (never run by mvn install). Usage: run-benchmarks.sh [JMH include regex]
set -euo pipefail
module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -f "$module/target/test-classpath.txt" || ! -d "$module/target/test-classes" ]]; then
    (cd "$module/../.." && mvn -B -q -o -pl southbound/bmp-codec -DskipTests package)
fi
exec java -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")" \
    io.bmpfleet.bmp.codec.bench.RouteMonitoringBenchmark "$@"

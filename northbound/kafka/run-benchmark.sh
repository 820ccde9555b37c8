#!/usr/bin/env bash
# The Kafka export's figures against a real local KRaft broker (started by the benchmark in its own JVM): ingest of
# an N-route table (default 1M) with the export off and on, prefixes per second exported (acknowledged by the
# broker), and a snapshot of the table, with this JVM's CPU and heap. Never run by mvn install.
# Usage: northbound/kafka/run-benchmark.sh [routes]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl northbound/kafka test -Dtest=KafkaExportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbmpfleet.bench=true -Dbmpfleet.bench.routes="${1:-1000000}" -DargLine="-Xmx3g" 2>&1 | grep -E "FAIL|ERROR" || true
grep -h "kafka benchmark" northbound/kafka/target/surefire-reports/io.bmpfleet.kafka.KafkaExportBenchmark-output.txt

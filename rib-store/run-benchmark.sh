#!/bin/sh
# RIB store benchmarks; never run by mvn install.
#   rib-store/run-benchmark.sh [ipv4-routes [ipv6-routes]]
#       memory per route and rates (io.bmpfleet.rib.bench.RibMemoryBenchmark; defaults 1000000 200000);
#       ends by itself in about 20 s.
#   rib-store/run-benchmark.sh jmh [JMH options]
#       JMH throughput (io.bmpfleet.rib.bench.RibThroughputBenchmark), about 1.5 min.
# Builds the module's test classes offline (tests are not run), then runs on a plain JVM.
# Extra JVM options for the memory run: JAVA_OPTS="-XX:+UseParallelGC" rib-store/run-benchmark.sh
set -eu
cd "$(dirname "$0")"
mvn -o -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/benchmark.classpath
classpath="target/classes:target/test-classes:$(cat target/benchmark.classpath)"
if [ "${1:-}" = jmh ]; then
    shift
    exec java -cp "$classpath" org.openjdk.jmh.Main RibThroughputBenchmark "$@"
fi
exec java -Xms2g -Xmx2g ${JAVA_OPTS:-} \
    -Dorg.slf4j.simpleLogger.logFile=System.out \
    -Dorg.slf4j.simpleLogger.showThreadName=false \
    -Dorg.slf4j.simpleLogger.showLogName=false \
    -Dorg.slf4j.simpleLogger.levelInBrackets=true \
    -cp "$classpath" \
    io.bmpfleet.rib.bench.RibMemoryBenchmark "$@"

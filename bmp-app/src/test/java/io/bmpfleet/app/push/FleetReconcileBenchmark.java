/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark, not a test of the default build: reconciles a fleet of Cisco IOS CLI simulators (in-process SSH
 * servers; no Cisco router runs here) from one intent change and prints the time until all are in-sync, the most
 * devices worked on at once, and the CPU the whole JVM used (simulators included). Run:
 * {@code bmp-app/run-fleet-benchmark.sh [devices] [concurrency]}.
 */
public class FleetReconcileBenchmark extends AbstractConcurrentDataBrokerTest {
    private static final Logger LOG = LoggerFactory.getLogger(FleetReconcileBenchmark.class);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    public FleetReconcileBenchmark() {
        super(true);
    }

    @Test
    public void reconcileFleet() throws Exception {
        Assume.assumeTrue("run with -Dbmpfleet.bench=true", Boolean.getBoolean("bmpfleet.bench"));
        final int devices = Integer.getInteger("bmpfleet.bench.devices", 500);
        final int concurrency = Integer.getInteger("bmpfleet.bench.concurrency", 16);
        try (var fleet = new CiscoFleet(getDataBroker(), tmp.getRoot().toPath(), devices)) {
            final var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int round = 0; round < 2; round++) {
                final long cpu0 = os.getProcessCpuTime();
                final long t0 = System.nanoTime();
                fleet.write(fleet.intent(concurrency, round == 0 ? 120 : 300));
                final var expected = "flapping-delay " + (round == 0 ? 120 : 300);
                while (true) {
                    final var state = fleet.state();
                    final long inSync = state == null ? 0 : state.nonnullDevice().values().stream()
                        .filter(d -> d.getSyncStatus() == SyncStatus.InSync && d.getRenderedConfig() != null
                            && d.getRenderedConfig().contains(expected)).count();
                    if (inSync == devices) {
                        break;
                    }
                    Thread.sleep(50);
                }
                final double seconds = (System.nanoTime() - t0) / 1e9;
                final double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                LOG.info(String.format("fleet benchmark: %s: %d devices in-sync %.2f s after one intent change "
                    + "(%.0f devices/s), max concurrent %d (bound %d), JVM CPU %.2f s%n",
                    round == 0 ? "first push" : "change of one station leaf", devices, seconds, devices / seconds,
                    fleet.reconciler.maxConcurrentSeen(), concurrency, cpu));
                assertThat(fleet.reconciler.maxConcurrentSeen()).isLessThanOrEqualTo(concurrency);
            }
            for (var simulator : fleet.simulators) {
                assertThat(simulator.runningConfig()).contains("flapping-delay 300");
            }
        }
    }
}

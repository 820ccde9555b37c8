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
 * Benchmark, not a test of the default build: reconciles a mixed fleet, half Cisco IOS CLI simulators and half FRR
 * vtysh simulators (in-process SSH servers; no Cisco router and no FRR runs here), from one intent change, and
 * prints the time until all are in-sync (and per platform), the most devices worked on at once, and the CPU the
 * whole JVM used (simulators included). The first round pushes from nothing, the second moves station 1 to
 * another port, which both platforms carry. Run: {@code bmp-app/run-fleet-benchmark.sh [devices] [concurrency]}.
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
        final int frrCount = devices / 2;
        final int ciscoCount = devices - frrCount;
        try (var fleet = new SimulatorFleet(getDataBroker(), tmp.getRoot().toPath(), ciscoCount, frrCount)) {
            final var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int round = 0; round < 2; round++) {
                final int port = 8000 + round;
                final long cpu0 = os.getProcessCpuTime();
                final long t0 = System.nanoTime();
                fleet.write(fleet.intent(concurrency, port));
                long ciscoDone = 0;
                long frrDone = 0;
                while (true) {
                    final var state = fleet.state();
                    long cisco = 0;
                    long frr = 0;
                    if (state != null) {
                        for (var device : state.nonnullDevice().values()) {
                            final var name = device.getName();
                            if (device.getSyncStatus() == SyncStatus.InSync && device.getRenderedConfig() != null
                                && device.getRenderedConfig().contains(SimulatorFleet.station1(name, port))) {
                                if (name.startsWith("frr")) {
                                    frr++;
                                } else {
                                    cisco++;
                                }
                            }
                        }
                    }
                    final long now = System.nanoTime();
                    ciscoDone = ciscoDone == 0 && cisco == ciscoCount ? now : ciscoDone;
                    frrDone = frrDone == 0 && frr == frrCount ? now : frrDone;
                    if (ciscoDone != 0 && frrDone != 0) {
                        break;
                    }
                    Thread.sleep(50);
                }
                final double seconds = (Math.max(ciscoDone, frrDone) - t0) / 1e9;
                final double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                LOG.info(String.format("fleet benchmark: %s: %d devices in-sync %.2f s after one intent change "
                    + "(%.0f devices/s; %d Cisco IOS in %.2f s, %d FRR in %.2f s), max concurrent %d (bound %d), "
                    + "JVM CPU %.2f s%n", round == 0 ? "first push" : "change of one station's port", devices,
                    seconds, devices / seconds, ciscoCount, (ciscoDone - t0) / 1e9, frrCount, (frrDone - t0) / 1e9,
                    fleet.reconciler.maxConcurrentSeen(), concurrency, cpu));
                assertThat(fleet.reconciler.maxConcurrentSeen()).isLessThanOrEqualTo(concurrency);
            }
            for (var name : fleet.names()) {
                assertThat(fleet.runningConfig(name)).contains(SimulatorFleet.station1(name, 8001));
            }
            for (var simulator : fleet.frr) {
                assertThat(simulator.configurationPushes()).isEqualTo(2);
            }
        }
    }
}

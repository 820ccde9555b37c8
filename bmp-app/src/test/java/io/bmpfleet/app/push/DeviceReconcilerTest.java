/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.events.MonitoringEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.function.Predicate;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.BmpfleetState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.DeviceKey;

/**
 * The reconciler over the real Cisco and FRR drivers against twelve Cisco CLI simulators, one FRR vtysh simulator
 * and one device that cannot be reached: every reachable device ends in-sync with at most max-concurrent-pushes
 * worked on at once, a change reaches every device in its platform's words, and the unreachable one is retried
 * with growing delays and says why.
 */
public class DeviceReconcilerTest extends AbstractConcurrentDataBrokerTest {
    private static final int CISCO = 12;
    private static final int FRR = 1;
    private static final int DEVICES = CISCO + FRR;
    private static final int CONCURRENCY = 3;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private SimulatorFleet fleet;

    public DeviceReconcilerTest() {
        super(true);
    }

    @Before
    public void startFleet() throws Exception {
        fleet = new SimulatorFleet(getDataBroker(), tmp.getRoot().toPath(), CISCO, FRR);
    }

    @After
    public void stopFleet() {
        fleet.close();
    }

    @Test
    public void fleetIsPushedWithinTheConcurrencyBoundAndFollowsChanges() throws Exception {
        final int dead = SimulatorFleet.closedPort();
        final var events = fleet.events.subscribe(10_000);
        fleet.write(fleet.intent(CONCURRENCY, 8000, SimulatorFleet.ciscoDevice("dead", dead)));
        var state = await(s -> inSync(s) == DEVICES);
        assertThat(fleet.reconciler.maxConcurrentSeen()).isBetween(1, CONCURRENCY);
        for (var simulator : fleet.cisco) {
            assertThat(simulator.runningConfig()).contains("bmp server 1", "address 10.1.1.1 port-number 8000",
                "flapping-delay 120", "neighbor 30.1.1.1 bmp-activate all");
        }
        final var ios0 = state.nonnullDevice().get(new DeviceKey("ios0"));
        assertThat(ios0.getHostKey()).isEqualTo(fleet.cisco.get(0).hostKey());
        assertThat(ios0.getRenderedConfig()).contains("bmp server 2");

        // The FRR device carries the same target in FRR's words, read back as rendered.
        final var frr = fleet.frr.get(0);
        assertThat(frr.bmpLines()).contains("bmp targets t", "bmp monitor ipv4 unicast pre-policy",
            "bmp connect 10.1.1.1 port 8000 min-retry 30000 max-retry 720000",
            "bmp connect 20.1.1.1 port 9000 min-retry 30000 max-retry 720000",
            "neighbor 30.1.1.1 soft-reconfiguration inbound");
        final var frr0 = state.nonnullDevice().get(new DeviceKey("frr0"));
        assertThat(frr0.getSyncStatus()).isEqualTo(SyncStatus.InSync);
        assertThat(frr0.getHostKey()).isEqualTo(frr.hostKey());
        assertThat(frr0.getRenderedConfig()).contains("bmp targets t", "bmp connect 10.1.1.1 port 8000 ");
        assertThat(frr0.getDeviceConfig()).isEqualTo(frr0.getRenderedConfig());
        assertThat(frr0.nonnullUnsupportedItem()).isNotEmpty();
        assertThat(frr.configurationPushes()).isEqualTo(1);

        // The unreachable device is retried (1 s, then 2 s: flapping-delay) and says why.
        state = await(s -> {
            final var d = s.nonnullDevice().get(new DeviceKey("dead"));
            return d != null && d.getAttempts() != null && d.getAttempts().toJava() >= 2;
        });
        final var deadStatus = state.nonnullDevice().get(new DeviceKey("dead"));
        assertThat(deadStatus.getSyncStatus()).isEqualTo(SyncStatus.Unreachable);
        assertThat(deadStatus.getLastError()).contains("127.0.0.1:" + dead);
        assertThat(deadStatus.getNextAttempt()).isNotNull();

        // A changed station port reaches every device, only the difference is sent.
        fleet.cisco.forEach(s -> s.resetCounters());
        frr.resetCounters();
        fleet.write(fleet.intent(CONCURRENCY, 8001));
        await(s -> s.nonnullDevice().size() == DEVICES && fleet.names().stream()
            .allMatch(name -> fleet.runningConfig(name).contains(SimulatorFleet.station1(name, 8001)))
            && inSync(s) == DEVICES);
        final var devices = fleet.state().nonnullDevice();
        assertThat(devices.get(new DeviceKey("ios3")).getLastChange())
            .contains("bmp server 1", "address 10.1.1.1 port-number 8001").doesNotContain("bmp server 2");
        assertThat(devices.get(new DeviceKey("frr0")).getLastChange())
            .contains("no bmp connect 10.1.1.1 port 8000 min-retry 30000 max-retry 720000",
                "bmp connect 10.1.1.1 port 8001 min-retry 30000 max-retry 720000")
            .noneMatch(change -> change.contains("20.1.1.1"));
        assertThat(frr.configurationPushes()).isEqualTo(1);
        assertThat(fleet.reconciler.maxConcurrentSeen()).isLessThanOrEqualTo(CONCURRENCY);

        // Each push was told on the event bus, in order per device, failures with their reason.
        final var told = new ArrayList<MonitoringEvent.DeviceSync>();
        for (var event = events.poll(Duration.ZERO); event != null; event = events.poll(Duration.ZERO)) {
            told.add((MonitoringEvent.DeviceSync) event);
        }
        final var ios3 = told.stream().filter(e -> e.device().equals("ios3")).toList();
        assertThat(ios3).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ios3.get(0).job()).isEqualTo("apply");
        assertThat(ios3.get(0).status()).isEqualTo("in-sync");
        assertThat(ios3.get(0).changes()).contains("address 10.1.1.1 port-number 8000");
        assertThat(ios3.get(ios3.size() - 1).changes()).contains("address 10.1.1.1 port-number 8001");
        assertThat(told).filteredOn(e -> e.device().equals("dead")).first().satisfies(e -> {
            assertThat(e.status()).isEqualTo("unreachable");
            assertThat(e.error()).contains("127.0.0.1:" + dead);
        });
        assertThat(told).noneMatch(e -> e.router() != null);
    }

    private static long inSync(final BmpfleetState state) {
        return state.nonnullDevice().values().stream().filter(d -> d.getSyncStatus() == SyncStatus.InSync).count();
    }

    private BmpfleetState await(final Predicate<BmpfleetState> condition) throws Exception {
        BmpfleetState state = null;
        for (int i = 0; i < 300; i++) {
            state = fleet.state();
            if (state != null && condition.test(state)) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("state never matched; last: " + state);
    }
}

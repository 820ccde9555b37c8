/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The reconciler over the real Cisco driver against twelve CLI simulators and one device that cannot be reached:
 * every reachable device ends in-sync with at most max-concurrent-pushes worked on at once, a change reaches every
 * device, and the unreachable one is retried with growing delays and says why.
 */
public class DeviceReconcilerTest extends AbstractConcurrentDataBrokerTest {
    private static final int SIMULATORS = 12;
    private static final int CONCURRENCY = 3;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private CiscoFleet fleet;

    public DeviceReconcilerTest() {
        super(true);
    }

    @Before
    public void startFleet() throws Exception {
        fleet = new CiscoFleet(getDataBroker(), tmp.getRoot().toPath(), SIMULATORS);
    }

    @After
    public void stopFleet() {
        fleet.close();
    }

    @Test
    public void fleetIsPushedWithinTheConcurrencyBoundAndFollowsChanges() throws Exception {
        final int dead = CiscoFleet.closedPort();
        fleet.write(fleet.intent(CONCURRENCY, 120, CiscoFleet.device("dead", dead)));
        var state = await(s -> inSync(s) == SIMULATORS);
        assertThat(fleet.reconciler.maxConcurrentSeen()).isBetween(1, CONCURRENCY);
        for (var simulator : fleet.simulators) {
            assertThat(simulator.runningConfig()).contains("bmp server 1", "flapping-delay 120",
                "neighbor 30.1.1.1 bmp-activate all");
        }
        final var sim0 = state.nonnullDevice().get(new DeviceKey("sim0"));
        assertThat(sim0.getHostKey()).isEqualTo(fleet.simulators.get(0).hostKey());
        assertThat(sim0.getRenderedConfig()).contains("bmp server 2");

        // The unreachable device is retried (1 s, then 2 s: flapping-delay) and says why.
        state = await(s -> {
            final var d = s.nonnullDevice().get(new DeviceKey("dead"));
            return d != null && d.getAttempts() != null && d.getAttempts().toJava() >= 2;
        });
        final var deadStatus = state.nonnullDevice().get(new DeviceKey("dead"));
        assertThat(deadStatus.getSyncStatus()).isEqualTo(SyncStatus.Unreachable);
        assertThat(deadStatus.getLastError()).contains("127.0.0.1:" + dead);
        assertThat(deadStatus.getNextAttempt()).isNotNull();

        // A changed station reaches every device, only the difference is sent.
        fleet.simulators.forEach(s -> s.resetCounters());
        fleet.write(fleet.intent(CONCURRENCY, 300));
        await(s -> s.nonnullDevice().size() == SIMULATORS && fleet.simulators.stream()
            .allMatch(sim -> sim.runningConfig().contains("flapping-delay 300")) && inSync(s) == SIMULATORS);
        final var changes = fleet.state().nonnullDevice().get(new DeviceKey("sim3")).getLastChange();
        assertThat(changes).contains("bmp server 1", "flapping-delay 300").doesNotContain("bmp server 2");
        assertThat(fleet.reconciler.maxConcurrentSeen()).isLessThanOrEqualTo(CONCURRENCY);
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

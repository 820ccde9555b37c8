/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bmpfleet.device.DeviceDriver.Mode;
import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Activation;
import io.bmpfleet.device.DeviceIntent.Global;
import io.bmpfleet.device.DeviceIntent.Initiation;
import io.bmpfleet.device.DeviceIntent.Station;
import io.bmpfleet.device.DeviceIntent.Target;
import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.frr.sim.FrrVtyshSimulator;
import io.bmpfleet.device.ssh.SshTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FRR driver, over its SSH transport, against the vtysh simulator ({@link FrrVtyshSimulator}; no FRR runs
 * here): push and read-back, idempotence, drift, a refused push undone, and the refusals before anything is sent.
 * The vty socket directory has a blank and a quote in it, so every call goes through the driver's shell quoting.
 */
class FrrVtyshSimulatorTest {
    private static final long AS = 65001;
    private static final String NEIGHBOR = "127.0.0.9";
    private static final String USER = "frr-ops";
    private static final String PASSWORD = "vty-Secret-42";
    private static final String SOCKET = "/run/frr/it's a dir";

    private FrrVtyshSimulator sim;
    private FrrDriver driver;

    @BeforeEach
    void start() throws IOException {
        sim = FrrVtyshSimulator.builder().credentials(USER, PASSWORD).bgpAs(AS).neighbor(NEIGHBOR, AS)
            .vtySocket(SOCKET).start();
        driver = new FrrDriver(new SshTransport(Duration.ofSeconds(10)), true);
    }

    @AfterEach
    void stop() {
        driver.close();
        sim.close();
    }

    private static DeviceIntent intent(final long as, final List<Station> stations, final List<Target> targets) {
        return new DeviceIntent("frr-sim", as, Global.NONE, stations, targets,
            List.of(new Activation(NEIGHBOR, true, List.of(), true)), Initiation.NONE, SOCKET);
    }

    private static DeviceIntent base() {
        return intent(AS, List.of(FrrDriverTest.station(10, 11019), FrrDriverTest.station(11, 11020)),
            List.of(FrrDriverTest.target("T1", List.of(10, 11), 15000L)));
    }

    /** The BMP part of the simulator's running configuration, in FrrConfig's canonical form. */
    private String deviceBmp() {
        return FrrConfig.parse(sim.runningConfig()).text();
    }

    @Test
    void pushReadsBackInSyncAndASecondSyncSendsNothing() throws DeviceException {
        final var result = driver.sync(sim.endpoint(), base(), Mode.APPLY);
        assertTrue(result.applied());
        assertFalse(result.wasInSync());
        assertEquals(result.rendered(), result.after(), "read back as rendered");
        assertEquals(driver.render(base()), deviceBmp());
        assertEquals(sim.hostKey(), result.hostKey());
        assertEquals(1, sim.configurationPushes());
        assertEquals(result.changes(), sim.commands().subList(1, 1 + result.changes().size()),
            "what the driver reports as sent is what the device received");

        sim.resetCounters();
        final var second = driver.sync(sim.endpoint(), base(), Mode.APPLY);
        assertTrue(second.wasInSync());
        assertFalse(second.applied());
        assertEquals(0, sim.configurationPushes(), "nothing is pushed to a device in sync");
        assertEquals(List.of("show running-config"), sim.commands());
    }

    @Test
    void changeSendsOnlyTheDifference() throws DeviceException {
        driver.sync(sim.endpoint(), base(), Mode.APPLY);
        final var changed = intent(AS, List.of(FrrDriverTest.station(10, 11019), FrrDriverTest.station(11, 11021)),
            List.of(FrrDriverTest.target("T1", List.of(10, 11), 5000L)));
        sim.resetCounters();
        final var result = driver.sync(sim.endpoint(), changed, Mode.APPLY);
        assertTrue(result.changes().contains("bmp stats interval 5000"), result.changes().toString());
        assertTrue(result.changes().stream().noneMatch(c -> c.contains("11019") || c.contains("monitor")),
            "unchanged lines are not sent again: " + result.changes());
        assertEquals(driver.render(changed), deviceBmp());
        assertTrue(sim.bmpLines().stream().noneMatch(l -> l.contains("port 11020")), sim.bmpLines().toString());
    }

    @Test
    void driftIsFoundAndRepaired() throws DeviceException {
        driver.sync(sim.endpoint(), base(), Mode.APPLY);
        sim.configure("no bmp targets T1", "bmp targets rogue",
            "bmp connect 127.0.0.1 port 9999 min-retry 1000 max-retry 2000", "exit", "bmp mirror buffer-limit 99");
        sim.resetCounters();

        final var check = driver.sync(sim.endpoint(), base(), Mode.CHECK);
        assertFalse(check.wasInSync());
        assertTrue(check.changes().contains("no bmp targets rogue"), check.changes().toString());
        assertTrue(check.changes().contains("no bmp mirror buffer-limit"), check.changes().toString());
        assertTrue(check.changes().contains("bmp targets T1"), check.changes().toString());
        assertEquals(0, sim.configurationPushes(), "CHECK changes nothing");
        assertTrue(sim.bmpLines().contains("bmp targets rogue"));

        final var repair = driver.sync(sim.endpoint(), base(), Mode.APPLY);
        assertTrue(repair.applied());
        assertEquals(driver.render(base()), deviceBmp());
        assertTrue(sim.bmpLines().stream().noneMatch(l -> l.contains("9999")), sim.bmpLines().toString());
        assertTrue(driver.sync(sim.endpoint(), base(), Mode.CHECK).wasInSync());
    }

    @Test
    void refusedPushIsUndoneAndThePreviousConfigurationRestored() throws DeviceException {
        driver.sync(sim.endpoint(), base(), Mode.APPLY);
        final var before = sim.runningConfig();
        // T0 is created and T1's old statistics line removed before the device refuses T1's new interval.
        sim.failOn("bmp stats interval 5000");
        final var bad = intent(AS, List.of(FrrDriverTest.station(10, 11019), FrrDriverTest.station(11, 11020)),
            List.of(FrrDriverTest.target("T0", List.of(11), 15000L),
                FrrDriverTest.target("T1", List.of(10, 11), 5000L)));
        sim.resetCounters();

        final var failure = assertThrows(DeviceException.class, () -> driver.sync(sim.endpoint(), bad, Mode.APPLY));
        assertEquals(Kind.REJECTED, failure.kind());
        assertTrue(failure.getMessage().contains("% Unknown command: bmp stats interval 5000"), failure.getMessage());
        assertTrue(failure.getMessage().contains("the previous configuration was restored"), failure.getMessage());
        assertTrue(sim.commands().contains("bmp targets T0"), "part of the push was applied: " + sim.commands());
        assertEquals(2, sim.configurationPushes(), "the push and its undo");
        assertEquals(before, sim.runningConfig());

        sim.clearFailures();
        driver.sync(sim.endpoint(), bad, Mode.APPLY);
        assertEquals(driver.render(bad), deviceBmp());
    }

    @Test
    void sourceInterfaceConnectIsReplacedByRecreatingTheTarget() throws DeviceException {
        final var withSource = new Station(10, null, false, "127.0.0.1", 11019, null, true, null, null, null,
            1000L, 2000L, null, null, "lo");
        driver.sync(sim.endpoint(), intent(AS, List.of(withSource),
            List.of(FrrDriverTest.target("T1", List.of(10), 15000L))), Mode.APPLY);
        assertTrue(sim.bmpLines().contains(
            "bmp connect 127.0.0.1 port 11019 min-retry 1000 max-retry 2000 source-interface lo"));
        final var result = driver.sync(sim.endpoint(), base(), Mode.APPLY);
        assertTrue(result.changes().contains("no bmp targets T1"), result.changes().toString());
        assertEquals(driver.render(base()), deviceBmp());
    }

    @Test
    void wrongAsAndMissingBgpAreRefusedBeforeAnythingIsSent() throws Exception {
        final var other = intent(65099, List.of(FrrDriverTest.station(10, 11019)),
            List.of(FrrDriverTest.target("T1", List.of(10), 15000L)));
        final var wrongAs = assertThrows(DeviceException.class, () -> driver.sync(sim.endpoint(), other,
            Mode.APPLY));
        assertEquals(Kind.REJECTED, wrongAs.kind());
        assertTrue(wrongAs.getMessage().contains("router bgp " + AS), wrongAs.getMessage());
        assertEquals(0, sim.configurationPushes());

        try (var bare = FrrVtyshSimulator.builder().credentials(USER, PASSWORD).start()) {
            final var noBgp = assertThrows(DeviceException.class, () -> driver.sync(bare.endpoint(), base(),
                Mode.APPLY));
            assertEquals(Kind.REJECTED, noBgp.kind());
            assertTrue(noBgp.getMessage().contains("no 'router bgp'"), noBgp.getMessage());
            assertEquals(0, bare.configurationPushes());
        }
    }

    @Test
    void wrongPasswordAndWrongSocketAreRefused() {
        final var endpoint = sim.endpoint();
        final var wrong = new Endpoint(endpoint.host(), endpoint.port(), USER, "not-" + PASSWORD, null,
            endpoint.hostKey());
        final var login = assertThrows(DeviceException.class, () -> driver.sync(wrong, base(), Mode.CHECK));
        assertEquals(Kind.AUTHENTICATION, login.kind());
        assertTrue(sim.failedLogins() > 0);
        assertEquals(0, sim.execCount());

        final var elsewhere = new DeviceIntent("frr-sim", AS, Global.NONE, base().stations(), base().targets(),
            base().activations(), Initiation.NONE, "/run/frr-other");
        final var socket = assertThrows(DeviceException.class, () -> driver.sync(endpoint, elsewhere, Mode.CHECK));
        assertEquals(Kind.REJECTED, socket.kind());
        assertTrue(socket.getMessage().contains("failed to connect to any daemons"), socket.getMessage());
    }
}

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
import io.bmpfleet.device.DeviceIntent.Family;
import io.bmpfleet.device.DeviceIntent.Global;
import io.bmpfleet.device.DeviceIntent.Initiation;
import io.bmpfleet.device.DeviceIntent.Rib;
import io.bmpfleet.device.DeviceIntent.Station;
import io.bmpfleet.device.DeviceIntent.Target;
import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.frr.lab.FrrSshLab;
import io.bmpfleet.device.ssh.SshTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The FRR driver against a real FRR 8.4 bgpd reached through a real sshd on loopback (see {@link FrrSshLab}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrrDriverTest {
    private static final long AS = 65001;
    private static final String NEIGHBOR = "127.0.0.9";

    private static FrrSshLab lab;
    private static SshTransport ssh;
    private static FrrDriver driver;

    @BeforeAll
    static void startLab() throws Exception {
        lab = FrrSshLab.create(Path.of("target", "frr-lab"), "127.0.0.3", AS);
        lab.startBgpd("neighbor " + NEIGHBOR + " remote-as " + AS);
        lab.startSshd();
        ssh = new SshTransport(Duration.ofSeconds(5));
        driver = new FrrDriver(ssh, true);
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void sshdRunning() throws Exception {
        try (var probe = new java.net.Socket(lab.address(), lab.sshPort())) {
            // listening
        } catch (java.io.IOException e) {
            lab.startSshd();
        }
    }

    private static Endpoint endpoint() {
        return new Endpoint(lab.address(), lab.sshPort(), FrrSshLab.USER, lab.password(), null, null);
    }

    static Station station(final int id, final int port) {
        return new Station(id, null, false, "127.0.0.1", port, null, true, null, null, null, 1000L, 2000L, null,
            null, null);
    }

    static DeviceIntent intent(final List<Station> stations, final List<Target> targets) {
        return new DeviceIntent("frr-lab", AS, Global.NONE, stations, targets,
            List.of(new Activation(NEIGHBOR, true, List.of(), true)), Initiation.NONE, lab.vtySocket());
    }

    static Target target(final String name, final List<Integer> stations, final Long stats) {
        final var monitoring = new LinkedHashMap<Family, Set<Rib>>();
        monitoring.put(Family.IPV4_UNICAST, EnumSet.of(Rib.ADJ_RIB_IN_PRE_POLICY, Rib.ADJ_RIB_IN_POST_POLICY));
        monitoring.put(Family.IPV6_UNICAST, EnumSet.of(Rib.ADJ_RIB_IN_PRE_POLICY));
        return new Target(name, stations, Map.copyOf(monitoring), stats, false, null, null);
    }

    private static DeviceIntent base() {
        return intent(List.of(station(10, 11019), station(11, 11020)),
            List.of(target("T1", List.of(10, 11), 15000L)));
    }

    @Test
    @Order(1)
    void pushesFromNothingAndReadsBack() throws Exception {
        final var result = driver.sync(endpoint(), base(), Mode.APPLY);
        assertTrue(result.applied());
        assertEquals(List.of(
            "neighbor 127.0.0.9 soft-reconfiguration inbound",
            "neighbor 127.0.0.9 soft-reconfiguration inbound",
            "bmp targets T1",
            "bmp stats interval 15000",
            "bmp monitor ipv4 unicast pre-policy",
            "bmp monitor ipv4 unicast post-policy",
            "bmp monitor ipv6 unicast pre-policy",
            "bmp connect 127.0.0.1 port 11019 min-retry 1000 max-retry 2000",
            "bmp connect 127.0.0.1 port 11020 min-retry 1000 max-retry 2000"), lab.bmpLines());
        assertEquals(lab.hostKeyFingerprint(), result.hostKey());
        assertEquals(result.rendered(), result.after());
        assertTrue(driver.sync(endpoint(), base(), Mode.CHECK).wasInSync(), "a second look finds nothing to do");
    }

    @Test
    @Order(2)
    void sendsOnlyTheDifference() throws Exception {
        driver.sync(endpoint(), base(), Mode.APPLY);
        final var changed = intent(List.of(station(10, 11019)), List.of(target("T1", List.of(10), 5000L)));
        final var check = driver.sync(endpoint(), changed, Mode.CHECK);
        assertFalse(check.applied());
        assertEquals(List.of("configure terminal", "router bgp 65001", "bmp targets T1",
            "no bmp stats", "no bmp connect 127.0.0.1 port 11020 min-retry 1000 max-retry 2000",
            "bmp stats interval 5000", "exit", "end"), check.changes());
        assertTrue(lab.bmpLines().contains("bmp stats interval 15000"), "CHECK changed nothing");
        driver.sync(endpoint(), changed, Mode.APPLY);
        final var lines = lab.bmpLines();
        assertTrue(lines.contains("bmp stats interval 5000"), lines.toString());
        assertFalse(lines.contains("bmp connect 127.0.0.1 port 11020 min-retry 1000 max-retry 2000"),
            lines.toString());
        assertTrue(driver.sync(endpoint(), changed, Mode.CHECK).wasInSync());
    }

    @Test
    @Order(3)
    void driftIsFoundAndRepaired() throws Exception {
        driver.sync(endpoint(), base(), Mode.APPLY);
        lab.vtysh("configure terminal", "router bgp " + AS, "no bmp targets T1", "bmp targets rogue",
            "bmp connect 127.0.0.1 port 9999 min-retry 1000 max-retry 2000", "exit", "end");
        final var check = driver.sync(endpoint(), base(), Mode.CHECK);
        assertTrue(check.changes().contains("no bmp targets rogue"), check.changes().toString());
        assertTrue(check.changes().contains("bmp targets T1"), check.changes().toString());
        driver.sync(endpoint(), base(), Mode.APPLY);
        final var lines = lab.bmpLines();
        assertFalse(lines.stream().anyMatch(l -> l.contains("9999")), lines.toString());
        assertTrue(driver.sync(endpoint(), base(), Mode.CHECK).wasInSync());
    }

    @Test
    @Order(4)
    void sourceInterfaceConnectIsReplacedByRecreatingTheTarget() throws Exception {
        final var withSource = new Station(10, null, false, "127.0.0.1", 11019, null, true, null, null, null,
            1000L, 2000L, null, null, "lo");
        driver.sync(endpoint(), intent(List.of(withSource), List.of(target("T1", List.of(10), 15000L))),
            Mode.APPLY);
        assertTrue(lab.bmpLines().contains(
            "bmp connect 127.0.0.1 port 11019 min-retry 1000 max-retry 2000 source-interface lo"));
        final var result = driver.sync(endpoint(), base(), Mode.APPLY);
        assertTrue(result.changes().contains("no bmp targets T1"), "FRR 8.4 cannot remove such a connect: "
            + result.changes());
        assertFalse(lab.bmpLines().stream().anyMatch(l -> l.contains("source-interface")));
        assertTrue(driver.sync(endpoint(), base(), Mode.CHECK).wasInSync());
    }

    @Test
    @Order(5)
    void refusedPushIsUndone() throws Exception {
        driver.sync(endpoint(), base(), Mode.APPLY);
        final var before = lab.bmpLines();
        // FRR refuses a statistics interval under 100 ms ("% Unknown command"); T0 is created before T2 fails.
        final var bad = intent(List.of(station(10, 11019), station(11, 11020)), List.of(
            target("T0", List.of(11), 15000L), target("T1", List.of(10, 11), 15000L),
            target("T2", List.of(10), 50L)));
        final var failure = assertThrows(DeviceException.class, () -> driver.sync(endpoint(), bad, Mode.APPLY));
        assertEquals(Kind.REJECTED, failure.kind());
        assertTrue(failure.getMessage().contains("% Unknown command: bmp stats interval 50"), failure.getMessage());
        assertTrue(failure.getMessage().contains("the previous configuration was restored"), failure.getMessage());
        assertEquals(before, lab.bmpLines());
    }

    @Test
    @Order(6)
    void wrongPasswordIsAnAuthenticationFailureThatDoesNotShowThePassword() {
        final var wrong = "not-" + lab.password();
        final var failure = assertThrows(DeviceException.class, () -> driver.sync(
            new Endpoint(lab.address(), lab.sshPort(), FrrSshLab.USER, wrong, null, null), base(), Mode.CHECK));
        assertEquals(Kind.AUTHENTICATION, failure.kind());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(wrong), t.toString());
        }
    }

    @Test
    @Order(7)
    void unexpectedHostKeyIsRefusedBeforeLogin() throws Exception {
        final var failure = assertThrows(DeviceException.class, () -> driver.sync(new Endpoint(lab.address(),
            lab.sshPort(), FrrSshLab.USER, lab.password(), null, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            base(), Mode.CHECK));
        assertEquals(Kind.HOST_KEY, failure.kind());
        assertTrue(failure.getMessage().contains(lab.hostKeyFingerprint()), failure.getMessage());
        // The right fingerprint is accepted.
        assertTrue(driver.sync(new Endpoint(lab.address(), lab.sshPort(), FrrSshLab.USER, lab.password(), null,
            lab.hostKeyFingerprint()), base(), Mode.APPLY).hostKey().startsWith("SHA256:"));
    }

    @Test
    @Order(8)
    void stoppedSshdIsUnreachable() throws Exception {
        lab.stopSshd();
        final var failure = assertThrows(DeviceException.class, () -> driver.sync(endpoint(), base(), Mode.CHECK));
        assertEquals(Kind.UNREACHABLE, failure.kind());
        assertTrue(failure.getMessage().contains(lab.address() + ":" + lab.sshPort()), failure.getMessage());
    }

    @Test
    @Order(9)
    void wrongAsIsRefusedWithoutSendingAnything() throws Exception {
        final var other = new DeviceIntent("frr-lab", 65099, Global.NONE, List.of(station(10, 11019)),
            List.of(target("T1", List.of(10), 15000L)), List.of(), Initiation.NONE, lab.vtySocket());
        final var failure = assertThrows(DeviceException.class, () -> driver.sync(endpoint(), other, Mode.APPLY));
        assertEquals(Kind.REJECTED, failure.kind());
        assertTrue(failure.getMessage().contains("router bgp 65001"), failure.getMessage());
    }

    @Test
    @Order(10)
    void goldenRenderingIsWhatBgpdWritesBack() throws Exception {
        // From nothing: FRR 8.4 could not take the golden's source-interface connect away again.
        final var names = lab.vtysh("show running-config").lines().map(String::strip)
            .filter(l -> l.startsWith("bmp targets ")).toList();
        final var clear = new ArrayList<>(List.of("configure terminal", "router bgp " + AS));
        names.forEach(n -> clear.add("no " + n));
        clear.add("end");
        lab.vtysh(clear.toArray(String[]::new));

        final var golden = FrrRendererTest.goldenIntent(lab.vtySocket());
        final var result = driver.sync(endpoint(), golden, Mode.APPLY);
        assertTrue(result.applied());
        assertEquals(FrrRendererTest.GOLDEN, result.rendered());
        // bgpd's router bgp block without the two lines bmpfleet does not own (the lab's router-id and neighbor)
        final var block = new ArrayList<String>();
        for (var line : lab.vtysh("show running-config").lines().toList()) {
            if (block.isEmpty() && !line.equals("router bgp " + AS)) {
                continue;
            }
            if (!line.startsWith(" bgp router-id ") && !line.equals(" neighbor " + NEIGHBOR + " remote-as " + AS)) {
                block.add(line);
            }
            if (line.equals("exit")) {
                break;
            }
        }
        assertEquals(FrrRendererTest.GOLDEN.lines().toList(), block);
        assertEquals(FrrRendererTest.GOLDEN, result.after());
        assertTrue(driver.sync(endpoint(), golden, Mode.CHECK).wasInSync());
    }
}

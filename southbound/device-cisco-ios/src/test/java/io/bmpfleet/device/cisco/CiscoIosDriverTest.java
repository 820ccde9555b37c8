/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bmpfleet.device.DeviceDriver.Mode;
import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.DeviceIntent.Activation;
import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.cisco.sim.CiscoIosSimulator;
import io.bmpfleet.device.ssh.SshTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against the CLI simulator ({@link CiscoIosSimulator}): push, read back, idempotence, minimal changes,
 * drift, rejection and restore, and the SSH failures. No Cisco router runs here.
 */
class CiscoIosDriverTest {
    private static final String USER = "netops";
    private static final String PASSWORD = "Pa55-word-of-the-day";
    private static final String ENABLE = "En4ble-secret-xyz";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private CiscoIosSimulator sim;
    private CiscoIosDriver driver;

    @BeforeEach
    void start() throws IOException {
        sim = CiscoIosSimulator.start(USER, PASSWORD, ENABLE);
        driver = new CiscoIosDriver(new SshTransport(TIMEOUT), TIMEOUT);
    }

    @AfterEach
    void stop() {
        driver.close();
        sim.close();
    }

    @Test
    void aPushFromEmptySendsTheSeedsSessionAndReadsBackTheRendering() throws DeviceException {
        final var intent = Intents.seedConfiguration();
        final var result = driver.sync(sim.endpoint(), intent, Mode.APPLY);

        final var session = CiscoIosRenderer.configurationSession(intent);
        assertThat(result.before()).isEmpty();
        assertThat(result.changes()).isEqualTo(session.subList(2, session.size() - 1));
        assertThat(result.applied()).isTrue();
        assertThat(result.rendered()).isEqualTo(CiscoIosRenderer.render(intent));
        assertThat(result.after()).isEqualTo(result.rendered());
        assertThat(sim.runningConfig()).isEqualTo(result.rendered());
        assertThat(result.hostKey()).isEqualTo(sim.hostKey());
        assertThat(sim.logins()).isEqualTo(1);
        final var received = sim.commands();
        assertThat(received.subList(0, 3)).containsExactly("terminal length 0", "enable",
            "show running-config | section bmp");
        assertThat(received.subList(3, 3 + session.size())).isEqualTo(session);
        assertThat(received.subList(3 + session.size(), received.size()))
            .containsExactly("show running-config | section bmp");
        assertThat(received).doesNotContain(ENABLE, PASSWORD);
    }

    @Test
    void aSecondSyncFindsNothingToDo() throws DeviceException {
        final var intent = Intents.seedRunningConfig();
        driver.sync(sim.endpoint(), intent, Mode.APPLY);
        sim.resetCounters();

        final var again = driver.sync(sim.endpoint(), intent, Mode.APPLY);
        assertThat(again.wasInSync()).isTrue();
        assertThat(again.applied()).isFalse();
        assertThat(again.before()).isEqualTo(CiscoIosRenderer.render(intent));
        assertThat(again.after()).isEqualTo(again.before());
        assertThat(sim.commands()).containsExactly("terminal length 0", "enable",
            "show running-config | section bmp");
    }

    @Test
    void aChangedIntentSendsOnlyTheDifference() throws DeviceException {
        final var intent = Intents.seedConfiguration();
        driver.sync(sim.endpoint(), intent, Mode.APPLY);
        sim.resetCounters();

        final var changed = Intents.intent(List.of(Intents.withFlappingDelay(intent.stations().get(0), 60)),
            intent.global(), List.of(new Activation("30.1.1.1", false, List.of(1), false)));
        final var result = driver.sync(sim.endpoint(), changed, Mode.APPLY);
        final var expected = List.of(
            "no neighbor 30.1.1.1 bmp-activate server 1 server 2",
            "no bmp server 2",
            "bmp server 1",
            "flapping-delay 60",
            "exit-bmp-server-mode",
            "neighbor 30.1.1.1 bmp-activate server 1");
        assertThat(result.changes()).isEqualTo(expected);
        assertThat(result.applied()).isTrue();
        final var sent = new ArrayList<String>();
        sent.add("configure terminal");
        sent.add("router bgp 65000");
        sent.addAll(expected);
        sent.add("end");
        final var received = sim.commands();
        assertThat(received.subList(3, received.size() - 1)).isEqualTo(sent);
        assertThat(sim.runningConfig()).isEqualTo(CiscoIosRenderer.render(changed));
    }

    @Test
    void driftIsFoundByCheckAndRepairedByApply() throws DeviceException {
        final var intent = Intents.seedConfiguration();
        driver.sync(sim.endpoint(), intent, Mode.APPLY);
        sim.configure("bmp server 1", "flapping-delay 300", "no description", "exit-bmp-server-mode",
            "bmp buffer-size 1024", "neighbor 99.9.9.9 bmp-activate all");
        final var drifted = sim.runningConfig();
        sim.resetCounters();

        final var check = driver.sync(sim.endpoint(), intent, Mode.CHECK);
        assertThat(check.wasInSync()).isFalse();
        assertThat(check.applied()).isFalse();
        assertThat(check.before()).isEqualTo(drifted);
        assertThat(check.changes()).containsExactly(
            "no neighbor 99.9.9.9 bmp-activate all",
            "bmp server 1", "description LINE SERVER1", "flapping-delay 120", "exit-bmp-server-mode",
            "bmp buffer-size 2048");
        assertThat(sim.runningConfig()).isEqualTo(drifted);
        assertThat(sim.commands()).doesNotContain("configure terminal");

        final var repair = driver.sync(sim.endpoint(), intent, Mode.APPLY);
        assertThat(repair.changes()).isEqualTo(check.changes());
        assertThat(repair.applied()).isTrue();
        assertThat(sim.runningConfig()).isEqualTo(CiscoIosRenderer.render(intent));
    }

    @Test
    void aRefusedCommandIsReportedInTheDevicesWordsAndTheDeviceIsRestored() throws DeviceException {
        final var intent = Intents.seedConfiguration();
        driver.sync(sim.endpoint(), intent, Mode.APPLY);
        final var before = sim.runningConfig();
        sim.failOn("set ip dscp 9");
        sim.resetCounters();

        final var changed = Intents.intent(List.of(Intents.withFlappingDelay(intent.stations().get(0), 60),
            Intents.withDscp(intent.stations().get(1), 9)), intent.global(), intent.activations());
        final var error = assertThrows(DeviceException.class, () -> driver.sync(sim.endpoint(), changed,
            Mode.APPLY));
        assertThat(error.kind()).isEqualTo(Kind.REJECTED);
        assertThat(error.getMessage()).isEqualTo("set ip dscp 9: % Invalid input detected at '^' marker.; "
            + "the previous BMP configuration was restored");
        assertNoSecret(error);
        assertThat(sim.runningConfig()).isEqualTo(before);
        // The first server's change went through before the refusal, and was undone.
        final var received = sim.commands();
        assertThat(received).containsSubsequence("flapping-delay 60", "set ip dscp 9", "end",
            "show running-config | section bmp", "configure terminal", "router bgp 65000", "bmp server 1",
            "flapping-delay 120", "exit-bmp-server-mode", "end", "show running-config | section bmp");
    }

    @Test
    void aRefusalBeforeAnyChangeLeavesNothingToRestore() throws IOException {
        sim.close();
        sim = CiscoIosSimulator.builder().credentials(USER, PASSWORD).enableSecret(ENABLE).bgpAs(65001).start();
        final var error = assertThrows(DeviceException.class, () -> driver.sync(sim.endpoint(),
            Intents.seedConfiguration(), Mode.APPLY));
        assertThat(error.kind()).isEqualTo(Kind.REJECTED);
        assertThat(error.getMessage()).isEqualTo("router bgp 65000: % BGP is already running; AS is 65001; "
            + "nothing had changed on the device");
        assertThat(sim.runningConfig()).isEmpty();
    }

    @Test
    void aValueTheDeviceRefusesIsRejectedWithTheDevicesLine() {
        final var intent = Intents.seedConfiguration();
        final var bad = Intents.intent(List.of(Intents.withDscp(intent.stations().get(0), 64)), intent.global(),
            List.of());
        final var error = assertThrows(DeviceException.class, () -> driver.sync(sim.endpoint(), bad, Mode.APPLY));
        assertThat(error.kind()).isEqualTo(Kind.REJECTED);
        assertThat(error.getMessage()).startsWith("set ip dscp 64: % Invalid input detected at '^' marker.; ")
            .endsWith("the previous BMP configuration was restored");
        assertThat(sim.runningConfig()).isEmpty();
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatNamesNoPassword() {
        final var wrong = "Not-the-" + PASSWORD;
        final var endpoint = new Endpoint(sim.host(), sim.port(), USER, wrong, ENABLE, sim.hostKey());
        final var error = assertThrows(DeviceException.class, () -> driver.sync(endpoint,
            Intents.seedConfiguration(), Mode.APPLY));
        assertThat(error.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertNoSecret(error, wrong);
        assertThat(sim.failedLogins()).isPositive();
        assertThat(sim.logins()).isZero();
        assertThat(sim.commandCount()).isZero();
    }

    @Test
    void aWrongEnableSecretIsAnAuthenticationFailureThatNamesNoSecret() {
        final var wrong = "Wrong-" + ENABLE;
        final var endpoint = new Endpoint(sim.host(), sim.port(), USER, PASSWORD, wrong, sim.hostKey());
        final var error = assertThrows(DeviceException.class, () -> driver.sync(endpoint,
            Intents.seedConfiguration(), Mode.CHECK));
        assertThat(error.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(error.getMessage()).contains("enable").contains("refused");
        assertNoSecret(error, wrong);
        assertThat(sim.commands()).containsExactly("terminal length 0", "enable");
    }

    @Test
    void anUnexpectedHostKeyStopsBeforeAnythingIsSent() throws IOException {
        final String otherKey;
        try (var other = CiscoIosSimulator.start(USER, PASSWORD, ENABLE)) {
            otherKey = other.hostKey();
        }
        final var endpoint = new Endpoint(sim.host(), sim.port(), USER, PASSWORD, ENABLE, otherKey);
        final var error = assertThrows(DeviceException.class, () -> driver.sync(endpoint,
            Intents.seedConfiguration(), Mode.APPLY));
        assertThat(error.kind()).isEqualTo(Kind.HOST_KEY);
        assertThat(error.getMessage()).contains(sim.hostKey()).contains(otherKey);
        assertNoSecret(error);
        assertThat(sim.logins()).isZero();
        assertThat(sim.failedLogins()).isZero();
        assertThat(sim.commandCount()).isZero();
    }

    @Test
    void withoutAnExpectedKeyTheKeySeenIsReported() throws DeviceException {
        final var endpoint = new Endpoint(sim.host(), sim.port(), USER, PASSWORD, ENABLE, null);
        final var result = driver.sync(endpoint, Intents.seedRunningConfig(), Mode.CHECK);
        assertThat(result.hostKey()).isEqualTo(sim.hostKey());
        assertThat(result.changes()).isNotEmpty();
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        final int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        final var endpoint = new Endpoint("127.0.0.1", port, USER, PASSWORD, ENABLE, null);
        final var error = assertThrows(DeviceException.class, () -> driver.sync(endpoint,
            Intents.seedConfiguration(), Mode.CHECK));
        assertThat(error.kind()).isEqualTo(Kind.UNREACHABLE);
        assertNoSecret(error);
    }

    @Test
    void theSimulatorAnswersLikeTheSeed() throws DeviceException {
        driver.sync(sim.endpoint(), Intents.seedConfiguration(), Mode.APPLY);
        try (var transport = new SshTransport(TIMEOUT); var connection = transport.connect(sim.endpoint());
             var cli = IosCli.open(connection.shell(), ENABLE, TIMEOUT)) {
            assertThat(cli.mode()).isEqualTo("#");
            assertThat(cli.run("show ip bgp bmp server summary").output()).isEqualTo("""

                Number of BMP servers configured: 2
                Number of BMP neighbors configured: 1
                Number of neighbors on TransitionQ: 0, MonitoringQ: 0, ConfigQ: 0
                Number of BMP servers on StatsQ: 0
                BMP Refresh not in progress, refresh not scheduled
                Initial Refresh Delay configured, refresh value 30s
                BMP buffer size configured, buffer size 2048 MB, buffer size bytes used 0 MB

                ID Host/Net      Port  TCB      Status  Uptime   MsgSent  LastStat
                1  10.1.1.1       8000  0x0      Down    0         0
                2  20.1.1.1       9000  0x0      Down    0         0
                """);
            assertThat(cli.run("configure terminal").mode()).isEqualTo("(config)#");
            assertThat(cli.run("router bgp 65000").mode()).isEqualTo("(config-router)#");
            // "Device(config-router)#" is 22 characters: the caret stands under "srv".
            final var invalid = cli.run("bmp srv 1");
            assertThat(invalid.output()).isEqualTo(" ".repeat(26) + "^\n% Invalid input detected at '^' marker."
                + "\n\n");
            assertThat(invalid.error()).isEqualTo("% Invalid input detected at '^' marker.");
            assertThat(cli.run("bmp server").error()).isEqualTo("% Incomplete command.");
            assertThat(cli.run("bmp server 2").mode()).isEqualTo("(config-router-bmpsrvr)#");
            assertThat(cli.run("exit-bmp-server-mode").mode()).isEqualTo("(config-router)#");
            assertThat(cli.run("end").mode()).isEqualTo("#");
            assertThat(cli.run("disable").mode()).isEqualTo(">");
            assertThat(cli.run("show running-config | section bmp").error())
                .isEqualTo("% Invalid input detected at '^' marker.");
        }
    }

    @Test
    void theDriverIsTheCiscoIosComponent() {
        try (var component = new CiscoIosDriver()) {
            assertThat(component.platform()).isEqualTo("cisco-ios");
            assertThat(component.render(Intents.seedRunningConfig()))
                .isEqualTo(CiscoIosRendererTest.SEED_RUNNING_CONFIG);
        }
    }

    @Test
    void manySimulatedRoutersAreSyncedConcurrently() throws Exception {
        final var sims = new ArrayList<CiscoIosSimulator>();
        final var pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 24; i++) {
                sims.add(CiscoIosSimulator.start(USER, PASSWORD, ENABLE));
            }
            final var intent = Intents.seedConfiguration();
            final var tasks = new ArrayList<Callable<Boolean>>();
            for (var router : sims) {
                tasks.add(() -> driver.sync(router.endpoint(), intent, Mode.APPLY).applied()
                    && driver.sync(router.endpoint(), intent, Mode.APPLY).wasInSync());
            }
            for (var future : pool.invokeAll(tasks)) {
                assertThat(future.get()).isTrue();
            }
            for (var router : sims) {
                assertThat(router.runningConfig()).isEqualTo(CiscoIosRenderer.render(intent));
            }
        } finally {
            pool.shutdownNow();
            sims.forEach(CiscoIosSimulator::close);
        }
    }

    private static void assertNoSecret(final DeviceException error, final String... more) {
        final var secrets = new ArrayList<>(List.of(PASSWORD, ENABLE));
        secrets.addAll(List.of(more));
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            for (var secret : secrets) {
                assertThat(String.valueOf(cause.getMessage())).doesNotContain(secret);
                assertThat(cause.toString()).doesNotContain(secret);
            }
        }
    }
}

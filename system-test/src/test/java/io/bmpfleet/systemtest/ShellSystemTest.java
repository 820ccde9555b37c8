/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's {@code bmp:} commands in the booted distribution, run through Karaf's own SSH client
 * ({@code bin/client}) as the Karaf user: first on an empty controller, then with an intent of a remote station and
 * a station on the controller's own collector listener, and a router session played by the test that reports a
 * peer and three routes. Each answer is checked line by line; where a line holds a time or a port the test cannot
 * know, the rest of the line still is.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellSystemTest {
    private static final Logger LOG = LoggerFactory.getLogger(ShellSystemTest.class);
    private static final String INTENT = "/rests/data/bmpfleet-intent:bmpfleet";
    private static final String STATE = "/rests/data/bmpfleet-state:bmpfleet-state";
    private static final String PEER = "192.0.2.7";
    private static final String TIME = "\\d\\d:\\d\\d:\\d\\d";

    private static KarafInstance karaf;
    private static FakeRouter router;
    private static int bmpPort;
    /** The router session as the console names it, ADDRESS:PORT. */
    private static String session;

    @BeforeAll
    static void boot() throws Exception {
        final var workdir = Path.of(System.getProperty("bmpfleet.workdir", "target/system-test"));
        karaf = KarafInstance.unpack(Path.of(System.getProperty("bmpfleet.dist")),
            workdir.toAbsolutePath().getParent().resolve("system-test-shell"));
        LOG.info("bmpfleet distribution: first RESTCONF answer {} ms after bin/start", karaf.start().toMillis());
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (router != null) {
            router.close();
        }
        if (karaf != null) {
            karaf.close();
        }
    }

    /** The console's SSH server listens on loopback only, as the distribution ships it (etc's sshHost). */
    @Test
    @Order(0)
    void theConsoleListensOnLoopbackOnly() throws Exception {
        final var listening = new java.util.ArrayList<String>();
        for (var table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (var line : Files.readAllLines(Path.of(table))) {
                // sl local_address rem_address st ...: local as HEXADDR:HEXPORT, state 0A is LISTEN
                final String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[3].equals("0A") && fields[1].contains(":")
                        && Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16) == karaf.sshPort()) {
                    listening.add(fields[1].substring(0, fields[1].indexOf(':')));
                }
            }
        }
        // 127.0.0.1 in /proc/net/tcp, or as ::ffff:127.0.0.1 in tcp6; never 0.0.0.0 or ::
        assertThat(listening).as("listeners of port %d", karaf.sshPort()).isNotEmpty()
            .allMatch(local -> local.equals("0100007F") || local.equals("0000000000000000FFFF00000100007F"));
    }

    @Test
    @Order(1)
    void anEmptyControllerShowsItsFiguresAndEmptyTables() throws Exception {
        assertThat(shell("bmp:server-summary")).containsExactly(
            "Number of BMP servers configured: 0",
            "Number of BMP neighbors configured: 0",
            "Number of devices configured: 0, in sync: 0",
            "Number of router sessions up: 0, peers up: 0, refused connections: 0",
            "Initial Refresh not configured",
            "BMP buffer size not configured, buffer size bytes used 0 MB",
            "",
            "ID  Host/Net  Port  Status  Devices  Sessions  MsgRcvd  Uptime  LastStat");
        assertThat(shell("bmp:routers")).containsExactly(
            "Number of router sessions: 0, up: 0",
            "",
            "Router  sysName  Device  State  Uptime  Peers  MsgRcvd  Errors");
        assertThat(shell("bmp:neighbors")).containsExactly(
            "Number of BMP neighbors configured: 0",
            "",
            "Device  Neighbor  CfgSvr#  ActSvr#  Peer  Routes  Router");
        assertThat(shell("bmp:devices")).containsExactly(
            "Number of devices: 0, in sync: 0",
            "",
            "Name  Platform  Status  LastSuccess  Attempts  LastError");
        assertThat(shell("bmp:server 1")).containsExactly("% No BMP server 1 configured");
    }

    @Test
    @Order(2)
    void anIntentAndARouterSession() throws Exception {
        bmpPort = KarafInstance.freePort();
        final int deadDevice;
        try (var socket = new ServerSocket(0)) {
            deadDevice = socket.getLocalPort();
        }
        // Station 1 is remote (a documentation address); station 2 is the controller's own listener. The device's
        // credential set is never stored: its pushes fail at once and say why.
        final var put = karaf.send("PUT", INTENT, """
            {"bmpfleet-intent:bmpfleet": {
              "global": {"buffer-size": 2048, "initial-refresh-delay": 30},
              "reconciler": {"failure-retry-delay": 1, "flapping-delay": 2},
              "station": [
                {"id": 1, "description": "SERVER1", "address": "192.0.2.50", "port": 8000, "initial-delay": 20,
                 "failure-retry-delay": 40, "flapping-delay": 120},
                {"id": 2, "description": "controller", "address": "127.0.0.1", "port": %1$d}],
              "target": [{"name": "own", "station": [1, 2], "route-monitoring": [
                {"address-family": "ipv4-unicast", "rib": ["adj-rib-in-pre-policy"]}]}],
              "device": [{"name": "sim-1", "platform": "bmpfleet-intent:frr", "bgp-as": 65001, "target": ["own"],
                          "management": {"address": "127.0.0.1", "port": %2$d, "credentials": "shell-lab"},
                          "neighbor": [{"selector": "192.0.2.7", "all": [null]}]}],
              "collector": {"listener": [{"name": "shell", "address": "127.0.0.1", "port": %1$d}]}
            }}""".formatted(bmpPort, deadDevice));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201, 204);

        router = FakeRouter.connect(bmpPort);
        router.initiation("sim-1", "bmpfleet shell system test");
        router.peerUp(PEER, 65001);
        router.routes(PEER, 65001, 65002, 10, 65001L << 16 | 100, List.of("10.0.0.0/24", "10.0.1.0/24",
            "10.0.0.0/16"));
        router.stats(PEER, 65001, 0, 11);
        final var leaves = awaitState(List.of("/bmpfleet-state/router/sys-name=sim-1",
            "/bmpfleet-state/router/device=sim-1", "/bmpfleet-state/router/peer/route-count/routes=3",
            "/bmpfleet-state/router/peer/statistic/value=11", "/bmpfleet-state/device/name=sim-1"));
        final var port = leaves.stream().filter(l -> l.startsWith("/bmpfleet-state/router/port=")).findFirst()
            .orElseThrow().substring("/bmpfleet-state/router/port=".length());
        session = "127.0.0.1:" + port;
        // The tables below are laid out for ports of five digits, as every ephemeral port of Linux has.
        assertThat(port).hasSize(5);
        assertThat(String.valueOf(bmpPort)).hasSize(5);
    }

    @Test
    @Order(3)
    void serverSummary() throws Exception {
        final var lines = shell("bmp:server-summary");
        assertThat(lines.subList(0, 8)).containsExactly(
            "Number of BMP servers configured: 2",
            "Number of BMP neighbors configured: 1",
            "Number of devices configured: 1, in sync: 0",
            "Number of router sessions up: 1, peers up: 1, refused connections: 0",
            "Initial Refresh Delay configured, refresh value 30s",
            "BMP buffer size configured, buffer size 2048 MB, buffer size bytes used 0 MB",
            "",
            "ID  Host/Net    Port   Status  Devices  Sessions  MsgRcvd  Uptime    LastStat");
        assertThat(lines).hasSize(10);
        assertThat(lines.get(8)).isEqualTo("1   192.0.2.50  8000   Remote  1        -         -        -         -");
        assertThat(lines.get(9)).matches("2   127\\.0\\.0\\.1   " + bmpPort + "  Up      1        1         4        "
            + TIME + "  " + TIME);
    }

    @Test
    @Order(4)
    void serverN() throws Exception {
        assertThat(shell("bmp:server 1")).containsExactly(
            "Print detailed info for 1 server number 1.",
            "",
            "bmp server 1",
            "address: 192.0.2.50    port 8000",
            "description SERVER1",
            "initial-delay 20",
            "failure-retry-delay 40",
            "flapping-delay 120",
            "activated",
            "targets own",
            "devices sim-1",
            "not one of the controller's collector listeners: its sessions end elsewhere");
        final var own = shell("bmp:server 2");
        assertThat(own).hasSize(14);
        assertThat(own.subList(0, 5)).containsExactly(
            "Print detailed info for 1 server number 2.",
            "",
            "bmp server 2",
            "address: 127.0.0.1    port " + bmpPort,
            "description controller");
        assertThat(own.get(5)).matches("up time " + TIME);
        assertThat(own.subList(6, 13)).containsExactly(
            "activated",
            "targets own",
            "devices sim-1",
            "collector listener shell (127.0.0.1 port " + bmpPort + ")",
            "sessions 1 up, 0 down",
            "",
            "Router           sysName  Device  State  Uptime    MsgRcvd  LastStat");
        assertThat(own.get(13)).matches(Pattern.quote(session) + "  sim-1    sim-1   Up     " + TIME + "  4        "
            + TIME);
        assertThat(shell("bmp:server 9")).containsExactly("% No BMP server 9 configured (configured: 1, 2)");
    }

    @Test
    @Order(5)
    void neighborsRoutersAndPeers() throws Exception {
        assertThat(shell("bmp:neighbors")).containsExactly(
            "Number of BMP neighbors configured: 1",
            "",
            "Device  Neighbor   CfgSvr#  ActSvr#  Peer  Routes  Router",
            "sim-1   192.0.2.7  1 2      2        Up    3       " + session);

        final var routers = shell("bmp:routers");
        assertThat(routers).hasSize(4);
        assertThat(routers.subList(0, 3)).containsExactly(
            "Number of router sessions: 1, up: 1",
            "",
            "Router           sysName  Device  State  Uptime    Peers  MsgRcvd  Errors");
        assertThat(routers.get(3)).matches(Pattern.quote(session) + "  sim-1    sim-1   Up     " + TIME
            + "  1/1    4        0");

        // The router by its sysName, as the console also takes it.
        final var peers = shell("bmp:peers sim-1");
        assertThat(peers).hasSize(8);
        assertThat(peers.subList(0, 4)).containsExactly(
            "Router " + session + " sysName sim-1 device sim-1 state Up",
            "Number of peers: 1, up: 1",
            "",
            "Type    RD  Peer       AS     BGP ID     State  Uptime    Routes  Reason");
        assertThat(peers.get(4)).matches("global  -   192\\.0\\.2\\.7  65001  192\\.0\\.2\\.7  Up     " + TIME
            + "  3       -");
        assertThat(peers.subList(5, 8)).containsExactly(
            "",
            "Peer       RIB                    Family        Routes",
            "192.0.2.7  adj-rib-in-pre-policy  ipv4-unicast  3");
        assertThat(shell("bmp:peers 10.9.9.9:1")).containsExactly(
            "% No router session 10.9.9.9:1; sessions: " + session);
    }

    @Test
    @Order(6)
    void routesOfAPeerAndALongestMatch() throws Exception {
        assertThat(shell("bmp:rib " + session + " " + PEER)).containsExactly(
            "Router " + session + " peer 192.0.2.7 (global, AS 65001)",
            "",
            "adj-rib-in-pre-policy ipv4-unicast: 3 routes",
            "",
            "Prefix       Next Hop   AS Path      Origin  MED  LocPrf  Communities",
            "10.0.0.0/16  192.0.2.7  65001 65002  igp     10   -       65001:100",
            "10.0.0.0/24  192.0.2.7  65001 65002  igp     10   -       65001:100",
            "10.0.1.0/24  192.0.2.7  65001 65002  igp     10   -       65001:100");
        assertThat(shell("bmp:rib sim-1 " + PEER + " 10.0.1.9")).containsExactly(
            "Router " + session + " peer 192.0.2.7 (global, AS 65001)",
            "",
            "adj-rib-in-pre-policy ipv4-unicast: longest match for 10.0.1.9/32",
            "",
            "Prefix       Next Hop   AS Path      Origin  MED  LocPrf  Communities",
            "10.0.1.0/24  192.0.2.7  65001 65002  igp     10   -       65001:100");
        assertThat(shell("bmp:rib --limit 1 --family ipv4-unicast sim-1 " + PEER)).endsWith(
            "10.0.0.0/16  192.0.2.7  65001 65002  igp     10   -       65001:100",
            "... 2 more; --limit shows more");
        assertThat(shell("bmp:rib --rib post sim-1 " + PEER)).containsExactly(
            "Router " + session + " peer 192.0.2.7 (global, AS 65001)",
            "% No routes in adj-rib-in-post-policy; the peer's routes are in: adj-rib-in-pre-policy ipv4-unicast");
        assertThat(shell("bmp:rib --rib in sim-1 " + PEER)).containsExactly(
            "% unknown RIB in; one of pre, post, loc, out-pre, out-post");
    }

    @Test
    @Order(7)
    void devicesSyncAndRender() throws Exception {
        final var devices = shell("bmp:devices");
        assertThat(devices).hasSize(4);
        assertThat(devices.subList(0, 2)).containsExactly("Number of devices: 1, in sync: 0", "");
        assertThat(devices.get(2)).matches("Name   Platform  Status +LastSuccess  Attempts  LastError");
        assertThat(devices.get(3)).matches("sim-1  frr       (failed|unreachable|applying|pending) +-            \\d+"
            + " +no credential set named 'shell-lab': store it with the se\\.\\.\\.");

        final var sync = shell("bmp:sync sim-1");
        assertThat(sync).hasSize(2);
        assertThat(sync.get(0)).matches("Device  Status +Changes  Error");
        assertThat(sync.get(1)).matches("sim-1   (failed|unreachable) +0        no credential set named 'shell-lab'.*");

        final var render = shell("bmp:render sim-1");
        assertThat(render.get(0)).isEqualTo("Rendered configuration of sim-1:");
        assertThat(render).contains("router bgp 65001", " bmp targets own", "  bmp monitor ipv4 unicast pre-policy")
            .anyMatch(l -> l.matches("  bmp connect 127\\.0\\.0\\.1 port " + bmpPort + "\\b.*"))
            .anyMatch(l -> l.matches("  bmp connect 192\\.0\\.2\\.50 port 8000\\b.*"));
        assertThat(render.get(render.size() - 1)).startsWith("% sim-1: no credential set named 'shell-lab'");
        assertThat(shell("bmp:sync nothing")).containsExactly(
            "Device   Status   Changes  Error",
            "nothing  unknown  0        no device named nothing in the intent");
    }

    @Test
    @Order(8)
    void debugSetsTheLogLevelsOfAnArea() throws Exception {
        assertThat(shell("bmp:debug")).containsExactly(
            "BGP BMP event debugging is off",
            "BGP BMP neighbor debugging is off",
            "BGP BMP server debugging is off");
        assertThat(shell("bmp:debug server on")).containsExactly(
            "BGP BMP server debugging is on",
            "  DEBUG: io.bmpfleet.bmp.collector io.bmpfleet.app.monitoring.CollectorControl");
        assertThat(shell("bmp:debug")).containsExactly(
            "BGP BMP event debugging is off",
            "BGP BMP neighbor debugging is off",
            "BGP BMP server debugging is on",
            "  DEBUG: io.bmpfleet.bmp.collector io.bmpfleet.app.monitoring.CollectorControl");
        // Karaf's own view of the logger, as log4j2 applies the configuration.
        awaitLevel("io.bmpfleet.bmp.collector", "DEBUG");
        awaitLevel("io.bmpfleet.app.monitoring.CollectorControl", "DEBUG");

        assertThat(shell("bmp:debug server off")).containsExactly("BGP BMP server debugging is off");
        awaitLevel("io.bmpfleet.bmp.collector", "INFO");
        assertThat(shell("bmp:debug")).containsExactly(
            "BGP BMP event debugging is off",
            "BGP BMP neighbor debugging is off",
            "BGP BMP server debugging is off");
        assertThat(shell("bmp:debug rib on")).containsExactly(
            "% no BMP debugging area rib; one of event, neighbor, server");
    }

    /** Waits until {@code log:get LOGGER} reports the level. */
    private static void awaitLevel(final String logger, final String level) throws Exception {
        List<String> answer = List.of();
        for (int i = 0; i < 20; i++) {
            answer = shell("log:get " + logger);
            if (answer.stream().anyMatch(l -> l.contains(level))) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(answer).as("log:get " + logger).anyMatch(l -> l.contains(level));
    }

    /**
     * Runs one console command through Karaf's SSH client as the Karaf user, and returns what it printed, line by
     * line. The client keeps its known hosts under the instance (each boot has a new host key). A command that is
     * not registered yet (its bundle starts after RESTCONF answers) is tried again.
     */
    private static List<String> shell(final String command) throws IOException, InterruptedException {
        final var home = karaf.home().resolve("client-home");
        Files.createDirectories(home);
        for (int attempt = 1; ; attempt++) {
            final var builder = new ProcessBuilder("bin/client", "-h", "127.0.0.1", "-a",
                String.valueOf(karaf.sshPort()), "-u", "karaf", "-p", "karaf", "-r", "10", "-d", "1", command)
                .directory(karaf.home().toFile()).redirectError(home.resolve("client.err").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS", "-Duser.home=" + home);
            final var process = builder.start();
            final var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
            final var lines = out.lines().map(l -> l.replace("\r", "").stripTrailing()).toList();
            LOG.info("karaf@bmpfleet> {}\n{}", command, out);
            if (out.contains("Command not found") && attempt < 60) {
                Thread.sleep(1000);
                continue;
            }
            assertThat(process.exitValue()).as(command + ": " + out + Files.readString(home.resolve("client.err")))
                .isZero();
            return lines;
        }
    }

    private static List<String> awaitState(final List<String> expected) throws Exception {
        List<String> leaves = List.of();
        for (int i = 0; i < 60; i++) {
            final var state = karaf.get(STATE, "application/json");
            if (state.statusCode() == 200) {
                leaves = Documents.leavesOfJson(state.body());
                if (leaves.containsAll(expected)) {
                    return leaves;
                }
            }
            Thread.sleep(500);
        }
        assertThat(leaves).containsAll(expected);
        return leaves;
    }
}

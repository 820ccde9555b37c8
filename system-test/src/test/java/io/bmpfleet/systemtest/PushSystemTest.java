/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.bmpfleet.device.frr.lab.FrrSshLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intent pushed to real routers by the booted distribution: a real FRR 8.4 bgpd reached through a real sshd
 * and vtysh (see {@link FrrSshLab}) and a real gobgpd 3.10 through its gRPC API, peering with each other over iBGP
 * on loopback. A RESTCONF PUT of the intent (two stations, one target per router) makes the controller push to both;
 * both open BMP sessions to the controller's two collector listeners; RESTCONF shows each device in-sync, associated
 * with its router sessions, and the routes GoBGP originates counted in FRR's pre-policy Adj-RIB-In and in GoBGP's
 * Loc-RIB. Then a changed stats interval and a removed station reach both routers; FRR's target removed by hand
 * and GoBGP's station deleted by hand are repaired without anyone asking; a stopped sshd makes the device
 * unreachable and it recovers by itself; a wrong password fails clearly and appears nowhere in karaf.log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushSystemTest {
    private static final Logger LOG = LoggerFactory.getLogger(PushSystemTest.class);
    private static final String INTENT = "/rests/data/bmpfleet-intent:bmpfleet";
    private static final String STATE = "/rests/data/bmpfleet-state:bmpfleet-state";
    private static final String DEVICE_STATE = STATE + "/device=";
    private static final String OPERATIONS = "/rests/operations/bmpfleet-intent:";
    private static final String DEVICE = "bmpfleet-frr-lab";
    private static final String GOBGP = "gobgp-lab";
    private static final String FRR_ADDRESS = "127.0.0.3";
    private static final String GOBGP_ADDRESS = "127.0.0.4";
    private static final long AS = 65001;
    private static final int ROUTES = 12;
    private static final String PRE = "adj-rib-in-pre-policy";
    private static final String LOC = "loc-rib";
    private static final String IPV4 = "ipv4-unicast";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static KarafInstance karaf;
    private static FrrSshLab lab;
    private static Process gobgpd;
    private static Path gobgpDir;
    private static int gobgpApiPort;
    private static int bmpPort;
    private static int bmpPort2;

    @BeforeAll
    static void bootControllerAndRouters() throws Exception {
        final var workdir = Path.of(System.getProperty("bmpfleet.workdir", "target/system-test"));
        final var target = workdir.toAbsolutePath().getParent();
        final int gobgpBgpPort = KarafInstance.freePort();
        lab = FrrSshLab.create(target.resolve("push-frr"), FRR_ADDRESS, AS);
        lab.startBgpd("neighbor " + GOBGP_ADDRESS + " remote-as " + AS,
            "neighbor " + GOBGP_ADDRESS + " port " + gobgpBgpPort,
            "neighbor " + GOBGP_ADDRESS + " update-source " + FRR_ADDRESS,
            "neighbor " + GOBGP_ADDRESS + " timers connect 1");
        lab.startSshd();
        startGobgpd(target.resolve("push-gobgp"), gobgpBgpPort);
        karaf = KarafInstance.unpack(Path.of(System.getProperty("bmpfleet.dist")), target.resolve("system-test-push"));
        LOG.info("bmpfleet distribution: first RESTCONF answer {} ms after bin/start", karaf.start().toMillis());
        bmpPort = KarafInstance.freePort();
        bmpPort2 = KarafInstance.freePort();
        credentials(lab.password());
    }

    /** gobgpd peering with FRR, with no BMP station: the controller pushes those. */
    private static void startGobgpd(final Path dir, final int bgpPort) throws Exception {
        gobgpDir = dir;
        Files.createDirectories(dir);
        gobgpApiPort = KarafInstance.freePort();
        Files.writeString(dir.resolve("gobgpd.toml"), """
            [global.config]
              as = %1$d
              router-id = "%2$s"
              port = %3$d
              local-address-list = ["%2$s"]

            [[neighbors]]
              [neighbors.config]
                neighbor-address = "%4$s"
                peer-as = %1$d
              [neighbors.transport.config]
                local-address = "%2$s"
                remote-port = %5$d
              [neighbors.timers.config]
                connect-retry = 1
            """.formatted(AS, GOBGP_ADDRESS, bgpPort, FRR_ADDRESS, lab.bgpPort()), StandardCharsets.UTF_8);
        gobgpd = new ProcessBuilder("gobgpd", "-f", dir.resolve("gobgpd.toml").toString(), "--api-hosts",
            "127.0.0.1:" + gobgpApiPort).redirectErrorStream(true).redirectOutput(dir.resolve("gobgpd.log").toFile())
            .start();
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            try {
                gobgp("global");
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !gobgpd.isAlive()) {
                    throw new IOException("gobgpd did not answer on 127.0.0.1:" + gobgpApiPort + ": "
                        + Files.readString(dir.resolve("gobgpd.log")), e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** The gobgp CLI against the lab's gobgpd: what an operator does by hand. */
    private static String gobgp(final String... args) throws IOException, InterruptedException {
        final var command = new ArrayList<>(List.of("gobgp", "-u", "127.0.0.1", "-p", String.valueOf(gobgpApiPort)));
        command.addAll(List.of(args));
        final var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " exited " + process.exitValue() + ": " + out);
        }
        return out;
    }

    @AfterAll
    static void shutdown() throws Exception {
        try {
            if (gobgpd != null) {
                gobgpd.destroy();
                if (!gobgpd.waitFor(10, TimeUnit.SECONDS)) {
                    gobgpd.destroyForcibly();
                }
            }
            if (lab != null) {
                lab.close();
            }
        } finally {
            if (karaf != null) {
                karaf.close();
            }
        }
    }

    private static void credentials(final String password) throws Exception {
        final var response = karaf.send("POST", OPERATIONS + "set-credentials", """
            {"input": {"name": "lab", "username": "%s", "password": "%s"}}""".formatted(FrrSshLab.USER, password));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 204);
    }

    /**
     * The whole intent: stations 10 and (when asked) 11, FRR monitoring GoBGP's routes pre-policy, GoBGP reporting
     * every RIB.
     */
    private static String intent(final long statsInterval, final boolean secondStation) {
        final var stations = secondStation ? "[10, 11]" : "[10]";
        final var station11 = secondStation ? """
            , {"id": 11, "address": "127.0.0.1", "port": %d, "min-retry": 1000, "max-retry": 2000}"""
            .formatted(bmpPort2) : "";
        return """
            {"bmpfleet-intent:bmpfleet": {
              "reconciler": {"drift-check-interval": 2, "failure-retry-delay": 1, "flapping-delay": 4,
                             "observation-grace-period": 10},
              "station": [{"id": 10, "address": "127.0.0.1", "port": %1$d, "min-retry": 1000, "max-retry": 2000}%8$s],
              "target": [{"name": "T1", "station": %9$s, "stats-interval": %2$d,
                          "route-monitoring": [{"address-family": "ipv4-unicast",
                                                "rib": ["adj-rib-in-pre-policy"]}]},
                         {"name": "G", "station": %9$s, "stats-interval": %2$d,
                          "route-monitoring": [{"address-family": "ipv4-unicast",
                            "rib": ["adj-rib-in-pre-policy", "adj-rib-in-post-policy", "loc-rib"]}]}],
              "device": [{"name": "%3$s", "platform": "bmpfleet-intent:frr", "bgp-as": %4$d,
                          "management": {"address": "%5$s", "port": %6$d, "credentials": "lab",
                                         "vty-socket": "%7$s"},
                          "target": ["T1"], "neighbor": [{"selector": "%10$s", "all": [null]}]},
                         {"name": "%11$s", "platform": "bmpfleet-intent:gobgp", "bgp-as": %4$d,
                          "management": {"address": "127.0.0.1", "port": %12$d}, "target": ["G"],
                          "initiation": {"sys-name": "%11$s", "sys-descr": "GoBGP pushed by bmpfleet"}}],
              "collector": {"listener": [{"name": "push", "address": "127.0.0.1", "port": %1$d},
                                         {"name": "push2", "address": "127.0.0.1", "port": %13$d}]}
            }}""".formatted(bmpPort, statsInterval, DEVICE, AS, lab.address(), lab.sshPort(), lab.vtySocket(),
            station11, stations, GOBGP_ADDRESS, GOBGP, gobgpApiPort, bmpPort2);
    }

    private static JsonObject device() throws Exception {
        return device(DEVICE);
    }

    private static JsonObject device(final String name) throws Exception {
        final var response = karaf.get(DEVICE_STATE + name, "application/json");
        if (response.statusCode() != 200) {
            return new JsonObject();
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("bmpfleet-state:device")
            .get(0).getAsJsonObject();
    }

    private static JsonObject awaitDevice(final String what, final Predicate<JsonObject> condition) throws Exception {
        return awaitDevice(DEVICE, what, condition);
    }

    private static JsonObject awaitDevice(final String name, final String what, final Predicate<JsonObject> condition)
            throws Exception {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = device(name);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " never " + what + "; last: " + last + lab.tail("sshd.log"));
    }

    /** Polls the monitoring state until it satisfies the condition; fails with the last state seen. */
    private static BmpState awaitState(final String what, final Predicate<BmpState> condition) throws Exception {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        BmpState last = null;
        while (System.nanoTime() < deadline) {
            final var response = karaf.get(STATE, "application/json");
            if (response.statusCode() == 200) {
                last = BmpState.parse(response.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("state never showed " + what + "; last: " + last);
    }

    private static String text(final JsonObject object, final String name) {
        return object.has(name) ? object.get(name).getAsString() : "";
    }

    private static List<String> routers(final JsonObject device) {
        final var out = new ArrayList<String>();
        if (device.has("router")) {
            device.getAsJsonArray("router").forEach(r -> out.add(r.getAsString()));
        }
        return out;
    }

    private static boolean inSync(final JsonObject device) {
        return text(device, "sync-status").equals("in-sync");
    }

    @Test
    @Order(1)
    void putIntentPushesToBothRoutersWhichReportBack() throws Exception {
        final var put = karaf.send("PUT", INTENT, intent(15000, true));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201, 204);
        final var status = awaitDevice("in-sync", PushSystemTest::inSync);
        assertThat(lab.bmpLines()).contains("bmp targets T1", "bmp stats interval 15000",
            "bmp monitor ipv4 unicast pre-policy",
            "bmp connect 127.0.0.1 port " + bmpPort + " min-retry 1000 max-retry 2000",
            "bmp connect 127.0.0.1 port " + bmpPort2 + " min-retry 1000 max-retry 2000",
            "neighbor " + GOBGP_ADDRESS + " soft-reconfiguration inbound");
        assertThat(text(status, "rendered-config")).contains("bmp targets T1");
        assertThat(text(status, "host-key")).isEqualTo(lab.hostKeyFingerprint());
        final var gobgp = awaitDevice(GOBGP, "in-sync", PushSystemTest::inSync);
        assertThat(text(gobgp, "rendered-config")).contains("AddBmp address=127.0.0.1 port=" + bmpPort,
            "AddBmp address=127.0.0.1 port=" + bmpPort2, "policy=ALL", "statistics-timeout=15");
        assertThat(text(gobgp, "device-config")).contains("port=" + bmpPort + " ", "port=" + bmpPort2 + " ");

        // Each router opens one BMP session per station; each session is associated with its device.
        final var frr = awaitDevice("associated with its two BMP sessions", d -> routers(d).size() == 2);
        assertThat(routers(frr)).allMatch(r -> r.startsWith("127.0.0.1 "));
        assertThat(routers(awaitDevice(GOBGP, "associated with its two BMP sessions", d -> routers(d).size() == 2)))
            .allMatch(r -> r.startsWith("127.0.0.1 "));
        final var routers = karaf.get(STATE + "?fields=router(address;port;device;device-match;sys-name)",
            "application/json").body();
        assertThat(routers).contains("\"device\":\"" + DEVICE + "\"", "\"device-match\":\"sysName " + DEVICE + "\"",
            "\"device\":\"" + GOBGP + "\"", "\"device-match\":\"sysName " + GOBGP + "\"");
    }

    @Test
    @Order(2)
    void routesBetweenTheRoutersAreCounted() throws Exception {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!gobgp("neighbor", FRR_ADDRESS).toLowerCase(Locale.ROOT).contains("bgp state = established")) {
            assertThat(System.nanoTime()).as("iBGP FRR-GoBGP Established; " + lab.tail("bgpd.log"))
                .isLessThan(deadline);
            Thread.sleep(250);
        }
        for (int i = 0; i < ROUTES; i++) {
            gobgp("global", "rib", "add", "-a", "ipv4", "10.77." + i + ".0/24", "nexthop", "192.0.2.1");
        }
        // FRR reports GoBGP's routes pre-policy (the pushed soft-reconfiguration keeps them), GoBGP its Loc-RIB,
        // on the sessions to both stations.
        final var state = awaitState(ROUTES + " routes in FRR's pre-policy and GoBGP's Loc-RIB, on each session",
            s -> s.routersNamed(DEVICE).stream().filter(r -> BmpState.peer(r, 0, GOBGP_ADDRESS, GOBGP_ADDRESS)
                    .filter(p -> BmpState.routes(p, PRE, IPV4) == ROUTES).isPresent()).count() == 2
                && s.routersNamed(GOBGP).stream().filter(r -> BmpState.peersOfType(r, 3).stream()
                    .anyMatch(p -> BmpState.routes(p, LOC, IPV4) == ROUTES)).count() == 2);
        for (var router : state.routers()) {
            assertThat(BmpState.number(router, "decode-errors")).as("decode errors of %s", router).isZero();
        }
        // Intent against observation, after the grace period: FRR shows everything asked of it; GoBGP was asked for
        // its Adj-RIBs-In too, but FRR sends it no routes, and its status says so in words.
        final var gobgp = awaitDevice(GOBGP, "missing its empty Adj-RIB-In",
            d -> d.toString().contains("ipv4-unicast/adj-rib-in-pre-policy"));
        assertThat(gobgp.getAsJsonArray("missing").toString()).contains("routes arrive in loc-rib but none in "
            + "adj-rib-in-pre-policy").doesNotContain("/session");
        assertThat(device().has("missing")).as(device().toString()).isFalse();
    }

    @Test
    @Order(3)
    void changedStatsIntervalReachesBothRouters() throws Exception {
        final var put = karaf.send("PUT", INTENT, intent(30000, true));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201, 204);
        // rendered-config follows the intent at once; device-config is what was read back after the push.
        final var status = awaitDevice("pushed the new interval",
            d -> text(d, "device-config").contains("bmp stats interval 30000") && inSync(d));
        assertThat(lab.bmpLines()).contains("bmp stats interval 30000").doesNotContain("bmp stats interval 15000");
        assertThat(status.getAsJsonArray("last-change").toString()).contains("no bmp stats",
            "bmp stats interval 30000");
        final var gobgp = awaitDevice(GOBGP, "pushed the new timeout",
            d -> text(d, "device-config").contains("statistics-timeout=30") && inSync(d));
        assertThat(gobgp.getAsJsonArray("last-change").toString()).contains("DeleteBmp", "statistics-timeout=30");
    }

    @Test
    @Order(4)
    void removedStationLeavesBothRouters() throws Exception {
        final var put = karaf.send("PUT", INTENT, intent(30000, false));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201, 204);
        awaitDevice("dropped station 11",
            d -> !text(d, "device-config").contains("port " + bmpPort2 + " ") && inSync(d));
        assertThat(lab.bmpLines()).contains("bmp connect 127.0.0.1 port " + bmpPort + " min-retry 1000 max-retry 2000")
            .noneMatch(l -> l.contains("port " + bmpPort2 + " "));
        final var gobgp = awaitDevice(GOBGP, "dropped station 11",
            d -> !text(d, "device-config").contains("port=" + bmpPort2 + " ") && inSync(d));
        assertThat(text(gobgp, "device-config")).contains("port=" + bmpPort + " ");
        // The sessions to the removed station end: each device is associated with one live session again.
        awaitDevice("associated with one BMP session", d -> routers(d).size() == 1);
        awaitDevice(GOBGP, "associated with one BMP session", d -> routers(d).size() == 1);
    }

    @Test
    @Order(5)
    void targetRemovedByHandIsRepairedWithoutAsking() throws Exception {
        final long before = device().get("drift-repairs").getAsLong();
        lab.vtysh("configure terminal", "router bgp " + AS, "no bmp targets T1", "end");
        assertThat(lab.bmpLines()).doesNotContain("bmp targets T1");
        awaitDevice("repaired drift", d -> d.get("drift-repairs").getAsLong() > before);
        assertThat(lab.bmpLines()).contains("bmp targets T1", "bmp stats interval 30000");
    }

    @Test
    @Order(6)
    void gobgpStationDeletedByHandIsRepairedWithoutAsking() throws Exception {
        final long before = device(GOBGP).get("drift-repairs").getAsLong();
        gobgp("bmp", "del", "127.0.0.1:" + bmpPort);
        final var repaired = awaitDevice(GOBGP, "repaired drift", d -> d.get("drift-repairs").getAsLong() > before);
        assertThat(repaired.has("last-drift")).as(repaired.toString()).isTrue();
        assertThat(repaired.getAsJsonArray("last-change").toString()).contains("AddBmp address=127.0.0.1 port="
            + bmpPort + " ");
        awaitDevice(GOBGP, "associated with its BMP session again",
            d -> text(d, "device-config").contains("port=" + bmpPort + " ") && routers(d).size() == 1);
    }

    @Test
    @Order(7)
    void unreachableDeviceBacksOffAndRecoversByItself() throws Exception {
        lab.stopSshd();
        final var down = awaitDevice("unreachable", d -> text(d, "sync-status").equals("unreachable"));
        assertThat(text(down, "last-error")).contains("cannot reach " + lab.address() + ":" + lab.sshPort());
        assertThat(down.has("next-attempt")).as(down.toString()).isTrue();
        awaitDevice("retried", d -> d.get("attempts").getAsLong() >= 2);
        lab.startSshd();
        final var back = awaitDevice("back in sync", d -> text(d, "sync-status").equals("in-sync"));
        assertThat(back.get("attempts").getAsLong()).isZero();
    }

    @Test
    @Order(8)
    void wrongPasswordFailsClearlyAndIsLoggedNowhere() throws Exception {
        final var wrong = "wrong-" + lab.password();
        credentials(wrong);
        final var sync = karaf.send("POST", OPERATIONS + "sync-device", """
            {"input": {"device": "%s"}}""".formatted(DEVICE));
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        assertThat(sync.body()).contains("failed", "refused");
        final var failed = awaitDevice("failed", d -> text(d, "sync-status").equals("failed"));
        assertThat(text(failed, "last-error")).contains("SSH login as " + FrrSshLab.USER);
        credentials(lab.password());
        awaitDevice("back in sync", d -> text(d, "sync-status").equals("in-sync"));
        final var log = Files.readString(karaf.home().resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain(wrong).doesNotContain(lab.password());
        assertThat(karaf.get(INTENT, "application/json").body()).doesNotContain(lab.password());
    }

    @Test
    @Order(9)
    void renderDeviceIsADryRun() throws Exception {
        final var response = karaf.send("POST", OPERATIONS + "render-device", """
            {"input": {"device": "%s"}}""".formatted(DEVICE));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("bmp targets T1").doesNotContain("\"change\"");
        final var check = karaf.send("POST", OPERATIONS + "check-sync", "{\"input\": {}}");
        assertThat(check.body()).contains("in-sync");
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.bmpfleet.device.frr.lab.FrrSshLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The intent pushed to a real router by the booted distribution: a real FRR 8.4 bgpd reached through a real sshd
 * and vtysh (see {@link FrrSshLab}). A RESTCONF PUT of the intent makes the controller push; FRR opens its BMP
 * session to the controller's collector; the device is in-sync and associated with that session. Then a changed
 * stats interval reaches the router, a target removed by hand is repaired without anyone asking, a stopped sshd
 * makes the device unreachable and it recovers by itself, and a wrong password fails clearly and appears nowhere
 * in karaf.log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushSystemTest {
    private static final Logger LOG = LoggerFactory.getLogger(PushSystemTest.class);
    private static final String INTENT = "/rests/data/bmpfleet-intent:bmpfleet";
    private static final String DEVICE_STATE = "/rests/data/bmpfleet-state:bmpfleet-state/device=";
    private static final String OPERATIONS = "/rests/operations/bmpfleet-intent:";
    private static final String DEVICE = "bmpfleet-frr-lab";
    private static final long AS = 65001;
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static KarafInstance karaf;
    private static FrrSshLab lab;
    private static int bmpPort;

    @BeforeAll
    static void bootControllerAndRouter() throws Exception {
        final var workdir = Path.of(System.getProperty("bmpfleet.workdir", "target/system-test"));
        final var target = workdir.toAbsolutePath().getParent();
        lab = FrrSshLab.create(target.resolve("push-frr"), "127.0.0.3", AS);
        lab.startBgpd("neighbor 127.0.0.9 remote-as " + AS);
        lab.startSshd();
        karaf = KarafInstance.unpack(Path.of(System.getProperty("bmpfleet.dist")), target.resolve("system-test-push"));
        LOG.info("bmpfleet distribution: first RESTCONF answer {} ms after bin/start", karaf.start().toMillis());
        bmpPort = KarafInstance.freePort();
        credentials(lab.password());
    }

    @AfterAll
    static void shutdown() throws Exception {
        try {
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

    private static String intent(final long statsInterval) {
        return """
            {"bmpfleet-intent:bmpfleet": {
              "reconciler": {"drift-check-interval": 2, "failure-retry-delay": 1, "flapping-delay": 4,
                             "observation-grace-period": 10},
              "station": [{"id": 10, "address": "127.0.0.1", "port": %1$d, "min-retry": 1000, "max-retry": 2000}],
              "target": [{"name": "T1", "station": [10], "stats-interval": %2$d,
                          "route-monitoring": [{"address-family": "ipv4-unicast",
                                                "rib": ["adj-rib-in-pre-policy"]}]}],
              "device": [{"name": "%3$s", "platform": "bmpfleet-intent:frr", "bgp-as": %4$d,
                          "management": {"address": "%5$s", "port": %6$d, "credentials": "lab",
                                         "vty-socket": "%7$s"},
                          "target": ["T1"], "neighbor": [{"selector": "127.0.0.9", "all": [null]}]}],
              "collector": {"listener": [{"name": "push", "address": "127.0.0.1", "port": %1$d}]}
            }}""".formatted(bmpPort, statsInterval, DEVICE, AS, lab.address(), lab.sshPort(), lab.vtySocket());
    }

    private static JsonObject device() throws Exception {
        final var response = karaf.get(DEVICE_STATE + DEVICE, "application/json");
        if (response.statusCode() != 200) {
            return new JsonObject();
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("bmpfleet-state:device")
            .get(0).getAsJsonObject();
    }

    private static JsonObject awaitDevice(final String what, final Predicate<JsonObject> condition) throws Exception {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = device();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("device never " + what + "; last: " + last + lab.tail("sshd.log"));
    }

    private static String text(final JsonObject object, final String name) {
        return object.has(name) ? object.get(name).getAsString() : "";
    }

    @Test
    @Order(1)
    void putIntentPushesToTheRouterWhichReportsBack() throws Exception {
        final var put = karaf.send("PUT", INTENT, intent(15000));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201, 204);
        final var status = awaitDevice("in-sync", d -> text(d, "sync-status").equals("in-sync"));
        assertThat(lab.bmpLines()).contains("bmp targets T1", "bmp stats interval 15000",
            "bmp monitor ipv4 unicast pre-policy",
            "bmp connect 127.0.0.1 port " + bmpPort + " min-retry 1000 max-retry 2000",
            "neighbor 127.0.0.9 soft-reconfiguration inbound");
        assertThat(text(status, "rendered-config")).contains("bmp targets T1");
        assertThat(text(status, "host-key")).isEqualTo(lab.hostKeyFingerprint());
        assertThat(status.toString()).contains("bmp connect 127.0.0.1 port " + bmpPort);
        // FRR opens its BMP session to the collector; the session is associated with the device by its sysName.
        final var associated = awaitDevice("associated with its BMP session",
            d -> d.has("router") && d.getAsJsonArray("router").size() == 1);
        assertThat(associated.getAsJsonArray("router").get(0).getAsString()).startsWith("127.0.0.1 ");
        final var routers = karaf.get("/rests/data/bmpfleet-state:bmpfleet-state?fields=router(address;port;"
            + "device;device-match;sys-name)", "application/json").body();
        assertThat(routers).contains("\"device\":\"" + DEVICE + "\"", "\"device-match\":\"sysName " + DEVICE + "\"");
    }

    @Test
    @Order(2)
    void changedStatsIntervalReachesTheRouter() throws Exception {
        final var put = karaf.send("PUT", INTENT, intent(5000));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201, 204);
        // rendered-config follows the intent at once; device-config is what was read back after the push.
        final var status = awaitDevice("pushed the new interval",
            d -> text(d, "device-config").contains("bmp stats interval 5000")
                && text(d, "sync-status").equals("in-sync"));
        assertThat(lab.bmpLines()).contains("bmp stats interval 5000").doesNotContain("bmp stats interval 15000");
        assertThat(status.getAsJsonArray("last-change").toString()).contains("no bmp stats",
            "bmp stats interval 5000");
    }

    @Test
    @Order(3)
    void targetRemovedByHandIsRepairedWithoutAsking() throws Exception {
        final long before = device().get("drift-repairs").getAsLong();
        lab.vtysh("configure terminal", "router bgp " + AS, "no bmp targets T1", "end");
        assertThat(lab.bmpLines()).doesNotContain("bmp targets T1");
        awaitDevice("repaired drift", d -> d.get("drift-repairs").getAsLong() > before);
        assertThat(lab.bmpLines()).contains("bmp targets T1", "bmp stats interval 5000");
    }

    @Test
    @Order(4)
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
    @Order(5)
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
    @Order(7)
    void gobgpIsPushedOverItsApiAndReports() throws Exception {
        final var dir = karaf.home().getParent().resolve("push-gobgp");
        Files.createDirectories(dir);
        final int apiPort = KarafInstance.freePort();
        Files.writeString(dir.resolve("gobgpd.toml"), """
            [global.config]
              as = %d
              router-id = "127.0.0.4"
              port = %d
              local-address-list = ["127.0.0.4"]
            """.formatted(AS, KarafInstance.freePort()), StandardCharsets.UTF_8);
        final var gobgpd = new ProcessBuilder("gobgpd", "-f", dir.resolve("gobgpd.toml").toString(), "--api-hosts",
            "127.0.0.1:" + apiPort).redirectErrorStream(true).redirectOutput(dir.resolve("gobgpd.log").toFile())
            .start();
        try {
            final var patch = karaf.send("PATCH", INTENT, """
                {"bmpfleet-intent:bmpfleet": {
                  "target": [{"name": "G", "station": [10], "stats-interval": 15000,
                              "route-monitoring": [{"address-family": "ipv4-unicast",
                                "rib": ["adj-rib-in-pre-policy", "adj-rib-in-post-policy", "loc-rib"]}]}],
                  "device": [{"name": "gobgp-lab", "platform": "bmpfleet-intent:gobgp", "bgp-as": %d,
                              "management": {"address": "127.0.0.1", "port": %d}, "target": ["G"],
                              "initiation": {"sys-name": "gobgp-lab", "sys-descr": "GoBGP pushed by bmpfleet"}}]
                }}""".formatted(AS, apiPort));
            assertThat(patch.statusCode()).as(patch.body()).isIn(200, 204);
            final long deadline = System.nanoTime() + LIMIT.toNanos();
            JsonObject status = null;
            while (System.nanoTime() < deadline) {
                final var response = karaf.get(DEVICE_STATE + "gobgp-lab", "application/json");
                if (response.statusCode() == 200) {
                    status = JsonParser.parseString(response.body()).getAsJsonObject()
                        .getAsJsonArray("bmpfleet-state:device").get(0).getAsJsonObject();
                    if (text(status, "sync-status").equals("in-sync") && status.has("router")) {
                        break;
                    }
                }
                Thread.sleep(250);
            }
            assertThat(status).as("gobgp-lab status").isNotNull();
            assertThat(text(status, "sync-status")).as(status.toString()).isEqualTo("in-sync");
            assertThat(text(status, "rendered-config")).contains("AddBmp address=127.0.0.1 port=" + bmpPort,
                "policy=ALL");
            assertThat(status.getAsJsonArray("router").get(0).getAsString()).startsWith("127.0.0.1 ");
            final var list = new ProcessBuilder("gobgp", "-u", "127.0.0.1", "-p", String.valueOf(apiPort), "bmp")
                .redirectErrorStream(true).start();
            final var listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            list.waitFor();
            LOG.info("gobgp bmp: {}", listed);
        } finally {
            gobgpd.destroy();
            gobgpd.waitFor();
        }
    }

    @Test
    @Order(6)
    void renderDeviceIsADryRun() throws Exception {
        final var response = karaf.send("POST", OPERATIONS + "render-device", """
            {"input": {"device": "%s"}}""".formatted(DEVICE));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("bmp targets T1").doesNotContain("\"change\"");
        final var check = karaf.send("POST", OPERATIONS + "check-sync", "{\"input\": {}}");
        assertThat(check.body()).contains("in-sync");
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distribution as an operator meets it: boots once, takes the seed's Cisco example and an FRR and a GoBGP
 * device over RESTCONF, reads them back in JSON and XML, edits and deletes, refuses bad edits with the reason,
 * and still has the intent after a Karaf restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestconfIntentSystemTest {
    private static final String INTENT = "/rests/data/bmpfleet-intent:bmpfleet";
    private static final String STATE = "/rests/data/bmpfleet-state:bmpfleet-state";
    private static final Logger LOG = LoggerFactory.getLogger(RestconfIntentSystemTest.class);
    private static final Path EXAMPLES = Path.of(System.getProperty("bmpfleet.examples", "../examples"));

    private static KarafInstance karaf;

    @BeforeAll
    static void boot() throws Exception {
        karaf = KarafInstance.unpack(Path.of(System.getProperty("bmpfleet.dist")),
            Path.of(System.getProperty("bmpfleet.workdir", "target/system-test")));
        final var took = karaf.start();
        LOG.info("bmpfleet distribution: first RESTCONF answer {} ms after bin/start", took.toMillis());
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    private static String example(final String name) throws Exception {
        return Files.readString(EXAMPLES.resolve(name));
    }

    @Test
    @Order(1)
    void putSeedExampleAndPatchInFrrAndGobgpDevices() throws Exception {
        final var put = karaf.send("PUT", INTENT, example("cisco-seed.json"));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201, 204);
        final var patch = karaf.send("PATCH", INTENT, example("frr-gobgp.json"));
        assertThat(patch.statusCode()).as(patch.body()).isIn(200, 204);

        final var leaves = Documents.leavesOfJson(karaf.get(INTENT, "application/json").body());
        assertThat(leaves).containsAll(Documents.leavesOfJson(example("cisco-seed.json")));
        assertThat(leaves).containsAll(Documents.leavesOfJson(example("frr-gobgp.json")));
    }

    @Test
    @Order(2)
    void jsonAndXmlReadsAgree() throws Exception {
        final var json = karaf.get(INTENT, "application/json");
        final var xml = karaf.get(INTENT, "application/xml");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(xml.statusCode()).isEqualTo(200);
        final var fromJson = Documents.leavesOfJson(json.body());
        assertThat(fromJson).contains("/bmpfleet/station/address=10.1.1.1", "/bmpfleet/device/platform=cisco-ios",
            "/bmpfleet/device/platform=frr", "/bmpfleet/device/platform=gobgp");
        assertThat(Documents.leavesOfXml(xml.body())).isEqualTo(fromJson);
    }

    @Test
    @Order(3)
    void patchOneTimerChangesOnlyThatTimer() throws Exception {
        final var before = Documents.leavesOfJson(karaf.get(INTENT + "/station=1", "application/json").body());
        final var patch = karaf.send("PATCH", INTENT + "/station=1",
            "{\"bmpfleet-intent:station\":[{\"id\":1,\"flapping-delay\":300}]}");
        assertThat(patch.statusCode()).as(patch.body()).isIn(200, 204);
        final var after = Documents.leavesOfJson(karaf.get(INTENT + "/station=1", "application/json").body());
        assertThat(after).contains("/station/flapping-delay=300").doesNotContain("/station/flapping-delay=120");
        final var unchanged = before.stream().filter(l -> !l.startsWith("/station/flapping-delay=")).toList();
        assertThat(after).containsAll(unchanged).hasSize(before.size());
    }

    @Test
    @Order(4)
    void badEditsAreRefusedWithTheReasonAndChangeNothing() throws Exception {
        final var before = karaf.get(INTENT, "application/json").body();

        final var port = karaf.send("PATCH", INTENT + "/station=1",
            "{\"bmpfleet-intent:station\":[{\"id\":1,\"port\":70000}]}");
        assertThat(port.statusCode()).isEqualTo(400);
        assertThat(port.body()).contains("a port is 1 to 65535");

        final var dscp = karaf.send("PATCH", INTENT + "/station=1",
            "{\"bmpfleet-intent:station\":[{\"id\":1,\"dscp\":64}]}");
        assertThat(dscp.statusCode()).isEqualTo(400);
        assertThat(dscp.body()).contains("dscp is 0 to 63");

        // A rule across the intent: refused by the commit check; OpenDaylight's datastore reports such a refusal
        // as operation-failed with the check's text as error-info.
        final var activation = karaf.send("PUT", INTENT + "/device=ios-edge-1/neighbor=30.1.1.1",
            "{\"bmpfleet-intent:neighbor\":[{\"selector\":\"30.1.1.1\",\"station\":[1,9]}]}");
        assertThat(activation.statusCode()).isBetween(400, 599);
        assertThat(activation.body()).contains(
            "/bmpfleet/device[name='ios-edge-1']/neighbor[selector='30.1.1.1']/station: station 9 is not a station"
                + " of the device's targets [1, 2]");

        final var referenced = karaf.send("DELETE", INTENT + "/station=2", null);
        assertThat(referenced.statusCode()).isBetween(400, 599);
        assertThat(referenced.body()).contains("/bmpfleet/target[name='servers-1-2']/station: station 2 does not"
            + " exist");

        assertThat(Documents.leavesOfJson(karaf.get(INTENT, "application/json").body()))
            .isEqualTo(Documents.leavesOfJson(before));
    }

    @Test
    @Order(5)
    void deleteAStationOnceNothingRefersToIt() throws Exception {
        final var neighbor = karaf.send("PUT", INTENT + "/device=ios-edge-1/neighbor=30.1.1.1",
            "{\"bmpfleet-intent:neighbor\":[{\"selector\":\"30.1.1.1\",\"station\":[1]}]}");
        assertThat(neighbor.statusCode()).as(neighbor.body()).isIn(200, 201, 204);
        final var target = karaf.send("PUT", INTENT + "/target=servers-1-2", """
            {"bmpfleet-intent:target": [{"name": "servers-1-2", "station": [1], "route-monitoring": [
              {"address-family": "ipv4-unicast", "rib": ["adj-rib-in-pre-policy"]},
              {"address-family": "ipv6-unicast", "rib": ["adj-rib-in-pre-policy"]}]}]}""");
        assertThat(target.statusCode()).as(target.body()).isIn(200, 201, 204);

        final var delete = karaf.send("DELETE", INTENT + "/station=2", null);
        assertThat(delete.statusCode()).as(delete.body()).isIn(200, 204);
        assertThat(karaf.get(INTENT + "/station=2", "application/json").statusCode()).isIn(404, 409);
        assertThat(karaf.get(INTENT + "/station=1", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void stateShowsEveryDeviceAndWhatItsPlatformCannotCarry() throws Exception {
        // The reconciler works on every device at once: the Cisco device's credential set is not stored yet.
        final var leaves = awaitState(List.of("/bmpfleet-state/device/name=gobgp-1",
            "/bmpfleet-state/summary/stations-configured=2",
            "/bmpfleet-state/device/last-error=no credential set named 'ios-admin': store it with the"
                + " set-credentials RPC"));
        assertThat(leaves).contains(
            "/bmpfleet-state/device/name=ios-edge-1",
            "/bmpfleet-state/device/name=frr-1",
            "/bmpfleet-state/device/sync-status=failed",
            "/bmpfleet-state/device/unsupported-item/item=target gobgp-all/route-monitoring",
            "/bmpfleet-state/summary/devices-configured=3",
            "/bmpfleet-state/summary/neighbors-configured=1",
            "/bmpfleet-state/summary/initial-refresh=Initial Refresh Delay configured, refresh value 30s");
    }

    @Test
    @Order(7)
    void credentialsAreStoredOutsideTheDatastoreAndNeverReadBack() throws Exception {
        final var secret = "s3cret-never-shown";
        final var rpc = karaf.send("POST", "/rests/operations/bmpfleet-intent:set-credentials",
            "{\"input\":{\"name\":\"ios-admin\",\"username\":\"netops\",\"password\":\"" + secret + "\"}}");
        assertThat(rpc.statusCode()).as(rpc.body()).isIn(200, 204);
        final var store = karaf.home().resolve("etc/bmpfleet-credentials.properties");
        assertThat(Files.readString(store)).contains("ios-admin.username=netops");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rw-------");
        assertThat(karaf.get(INTENT, "application/json").body()).doesNotContain(secret);
        assertThat(karaf.get(STATE, "application/json").body()).doesNotContain(secret);

        final var unknown = karaf.send("POST", "/rests/operations/bmpfleet-intent:remove-credentials",
            "{\"input\":{\"name\":\"nobody\"}}");
        assertThat(unknown.statusCode()).isBetween(400, 599);
        assertThat(unknown.body()).contains("no credentials named nobody");
    }

    @Test
    @Order(8)
    void aRouterSessionShowsUpInTheStateWithItsPeerAndStatistics() throws Exception {
        final int port = KarafInstance.freePort();
        final var listener = karaf.send("PUT", INTENT + "/collector/listener=system-test", """
            {"bmpfleet-intent:listener": [{"name": "system-test", "address": "127.0.0.1", "port": %d}]}"""
            .formatted(port));
        assertThat(listener.statusCode()).as(listener.body()).isIn(200, 201, 204);

        try (var router = FakeRouter.connect(port)) {
            router.initiation("sim-router-1", "bmpfleet system test router");
            router.peerUp("192.0.2.7", 65001);
            router.stats("192.0.2.7", 65001, 0, 11);
            final var leaves = awaitState(List.of("/bmpfleet-state/router/sys-name=sim-router-1",
                "/bmpfleet-state/router/peer/peer-address=192.0.2.7",
                "/bmpfleet-state/router/peer/state=up",
                "/bmpfleet-state/router/peer/statistic/value=11",
                "/bmpfleet-state/summary/sessions-up=1"));
            assertThat(leaves).contains("/bmpfleet-state/router/state=up", "/bmpfleet-state/router/address=127.0.0.1",
                "/bmpfleet-state/router/sys-descr=bmpfleet system test router");
        }
        awaitState(List.of("/bmpfleet-state/router/state=down", "/bmpfleet-state/summary/sessions-up=0"));
    }

    @Test
    @Order(9)
    void intentSurvivesAKarafRestart() throws Exception {
        final var before = Documents.leavesOfJson(karaf.get(INTENT, "application/json").body());
        karaf.stop();
        final var took = karaf.start();
        LOG.info("bmpfleet distribution: restart, first RESTCONF answer {} ms after bin/start", took.toMillis());
        assertThat(Documents.leavesOfJson(karaf.get(INTENT, "application/json").body())).isEqualTo(before);
        // The operational side is rebuilt from the intent after the restart.
        awaitState(List.of("/bmpfleet-state/device/name=ios-edge-1", "/bmpfleet-state/device/name=frr-1"));
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

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
 * looks routes up over RESTCONF (the lookup-route RPC), serves the API documentation (OpenAPI, Swagger UI), and
 * still has the intent after a Karaf restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestconfIntentSystemTest {
    private static final String INTENT = "/rests/data/bmpfleet-intent:bmpfleet";
    private static final String STATE = "/rests/data/bmpfleet-state:bmpfleet-state";
    private static final String LOOKUP_ROUTE = "/rests/operations/bmpfleet-state:lookup-route";
    private static final Logger LOG = LoggerFactory.getLogger(RestconfIntentSystemTest.class);
    private static final Path EXAMPLES = Path.of(System.getProperty("bmpfleet.examples", "../examples"));

    private static KarafInstance karaf;

    @BeforeAll
    static void boot() throws Exception {
        karaf = KarafInstance.unpack(Path.of(System.getProperty("bmpfleet.dist")),
            Path.of(System.getProperty("bmpfleet.workdir", "target/system-test"))).withGeneratedAdminPassword();
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

    /**
     * A first start without BMPFLEET_ADMIN_PASSWORD: AAA's admin/admin is gone, the generated password is in a file
     * only the controller's user reads, and AAA's user API changes it later.
     */
    @Test
    @Order(0)
    void theFirstStartReplacesAdminAdminWithAGeneratedPassword() throws Exception {
        final var file = karaf.adminPasswordFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("source=generated", "password=" + karaf.adminPassword());
        assertThat(karaf.adminPassword()).hasSize(20);
        final var defaults = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + karaf.httpPort() + INTENT))
            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                "admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8))).GET().build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(defaults.statusCode()).as("admin/admin").isEqualTo(401);
        final var log = Files.readString(karaf.home().resolve("data/log/karaf.log"));
        assertThat(log).contains("was set at first start (generated)").doesNotContain(karaf.adminPassword());

        // Changed later with AAA's user API, as the README says; the old one then fails.
        final var first = karaf.adminPassword();
        final var change = karaf.send("PUT", "/auth/v1/users/admin@sdn", "{\"password\": \"changed-Later-42\"}");
        assertThat(change.statusCode()).as(change.body()).isBetween(200, 204);
        karaf.adminPasswordChanged("changed-Later-42");
        assertThat(karaf.get(INTENT, "application/json").statusCode()).isIn(200, 409);
        karaf.adminPasswordChanged(first);
        assertThat(karaf.get(INTENT, "application/json").statusCode()).isEqualTo(401);
        karaf.adminPasswordChanged("changed-Later-42");
        assertThat(karaf.send("PUT", "/auth/v1/users/admin@sdn", "{\"password\": \"" + first + "\"}")
            .statusCode()).isBetween(200, 204);
        karaf.adminPasswordChanged(first);
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
        // Sealed at rest with AAA's encryption service (the push tests log in with such a sealed password).
        assertThat(Files.readString(store)).contains("ios-admin.username=netops", "ios-admin.password=aaa\\:")
            .doesNotContain(secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rw-------");
        assertThat(karaf.get(INTENT, "application/json").body()).doesNotContain(secret);
        assertThat(karaf.get(STATE, "application/json").body()).doesNotContain(secret);

        final var unknown = karaf.send("POST", "/rests/operations/bmpfleet-intent:remove-credentials",
            "{\"input\":{\"name\":\"nobody\"}}");
        assertThat(unknown.statusCode()).isBetween(400, 599);
        assertThat(unknown.body()).contains("no credentials named nobody");

        // A credential set the collector signs with must be a TCP-MD5 key: refused when set, not when applied.
        final var md5 = karaf.send("PUT", INTENT + "/collector/tcp-md5=192.0.2.99",
            "{\"bmpfleet-intent:tcp-md5\":[{\"router\":\"192.0.2.99\",\"credentials\":\"md5-key\"}]}");
        assertThat(md5.statusCode()).as(md5.body()).isIn(200, 201, 204);
        final var tooLong = karaf.send("POST", "/rests/operations/bmpfleet-intent:set-credentials",
            "{\"input\":{\"name\":\"md5-key\",\"username\":\"-\",\"password\":\"" + "k".repeat(81) + "\"}}");
        assertThat(tooLong.statusCode()).isBetween(400, 599);
        assertThat(tooLong.body()).contains("credentials md5-key are the TCP-MD5 key of router 192.0.2.99",
            "1 to 80 bytes", "81 bytes");
        assertThat(Files.readString(store)).doesNotContain("md5-key");
        final var fits = karaf.send("POST", "/rests/operations/bmpfleet-intent:set-credentials",
            "{\"input\":{\"name\":\"md5-key\",\"username\":\"-\",\"password\":\"" + "k".repeat(80) + "\"}}");
        assertThat(fits.statusCode()).as(fits.body()).isIn(200, 204);
        assertThat(karaf.send("DELETE", INTENT + "/collector/tcp-md5=192.0.2.99", null).statusCode()).isIn(200, 204);
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
    void routesAreLookedUpWithTheLookupRouteRpc() throws Exception {
        final int port = KarafInstance.freePort();
        final var listener = karaf.send("PUT", INTENT + "/collector/listener=system-test-routes", """
            {"bmpfleet-intent:listener": [{"name": "system-test-routes", "address": "127.0.0.1", "port": %d}]}"""
            .formatted(port));
        assertThat(listener.statusCode()).as(listener.body()).isIn(200, 201, 204);

        try (var router = FakeRouter.connect(port)) {
            router.initiation("sim-router-routes", "bmpfleet system test router with routes");
            router.peerUp("192.0.2.7", 65001);
            router.routes("192.0.2.7", 65001, 65002, 50, 65001L << 16 | 100,
                List.of("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.0.0/16"));
            // The state's route count is published after the routes are in the RIB store.
            awaitState(List.of("/bmpfleet-state/router/sys-name=sim-router-routes",
                "/bmpfleet-state/router/peer/route-count/routes=4"));

            final var exact = lookupRoute("""
                {"input": {"prefix": "10.1.0.0/16"}}""");
            assertThat(exact.get("truncated").getAsBoolean()).isFalse();
            final var routes = exact.getAsJsonArray("route");
            assertThat(routes).hasSize(1);
            final var route = routes.get(0).getAsJsonObject();
            assertThat(route.get("router-address").getAsString()).isEqualTo("127.0.0.1");
            assertThat(route.get("router-port").getAsInt()).isPositive();
            assertThat(route.get("peer-address").getAsString()).isEqualTo("192.0.2.7");
            assertThat(route.get("peer-bgp-id").getAsString()).isEqualTo("192.0.2.7");
            assertThat(route.get("peer-type").getAsInt()).isZero();
            assertThat(route.get("peer-distinguisher").getAsString()).isEqualTo("0:0");
            assertThat(route.get("rib").getAsString()).isEqualTo("adj-rib-in-pre-policy");
            assertThat(route.get("address-family").getAsString()).isEqualTo("ipv4-unicast");
            assertThat(route.get("prefix").getAsString()).isEqualTo("10.1.0.0/16");
            assertThat(route.get("path-id").getAsLong()).isZero();
            assertThat(route.get("origin").getAsString()).isEqualTo("igp");
            assertThat(route.get("as-path").getAsString()).isEqualTo("65001 65002");
            assertThat(route.getAsJsonArray("as-path-asn")).extracting(e -> e.getAsLong())
                .containsExactly(65001L, 65002L);
            assertThat(route.get("origin-as").getAsLong()).isEqualTo(65002);
            assertThat(route.get("next-hop").getAsString()).isEqualTo("192.0.2.7");
            assertThat(route.get("med").getAsLong()).isEqualTo(50);
            assertThat(route.has("local-pref")).isFalse();
            assertThat(route.getAsJsonArray("community")).extracting(e -> e.getAsString())
                .containsExactly("65001:100");

            final var longest = lookupRoute("""
                {"input": {"prefix": "10.1.2.3", "match": "longest-prefix", "peer-address": "192.0.2.7",
                  "rib": "adj-rib-in-pre-policy", "address-family": "ipv4-unicast"}}""");
            assertThat(prefixes(longest)).containsExactly("10.1.2.0/24");

            final var more = lookupRoute("""
                {"input": {"prefix": "10.0.0.0/8", "match": "more-specific"}}""");
            assertThat(prefixes(more)).containsExactly("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24");
            final var limited = lookupRoute("""
                {"input": {"prefix": "10.0.0.0/8", "match": "more-specific", "limit": 2}}""");
            assertThat(prefixes(limited)).containsExactly("10.0.0.0/8", "10.1.0.0/16");
            assertThat(limited.get("truncated").getAsBoolean()).isTrue();

            final var none = lookupRoute("""
                {"input": {"prefix": "172.16.0.0/12", "match": "longest-prefix"}}""");
            assertThat(none.has("route")).isFalse();

            final var bad = karaf.send("POST", LOOKUP_ROUTE, """
                {"input": {"prefix": "10.0.0.300/8"}}""");
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
            assertThat(bad.body()).contains("invalid-value").contains("not a prefix: 10.0.0.300/8");
            final var family = karaf.send("POST", LOOKUP_ROUTE, """
                {"input": {"prefix": "10.0.0.0/8", "address-family": "ipv5-unicast"}}""");
            assertThat(family.statusCode()).as(family.body()).isEqualTo(400);
            assertThat(family.body()).contains("not an address family: ipv5-unicast");
        }
        final var deleted = karaf.send("DELETE", INTENT + "/collector/listener=system-test-routes", null);
        assertThat(deleted.statusCode()).as(deleted.body()).isIn(200, 204);
    }

    @Test
    @Order(10)
    void apiDocumentationIsServedWithBmpfleetsRpcs() throws Exception {
        final var explorer = karaf.get("/openapi/explorer/index.html", "text/html");
        assertThat(explorer.statusCode()).as(explorer.body()).isEqualTo(200);
        assertThat(explorer.body()).containsIgnoringCase("swagger");

        final var state = karaf.get("/openapi/api/v3/bmpfleet-state?revision=2026-11-22", "application/json");
        assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
        final var statePaths = JsonParser.parseString(state.body()).getAsJsonObject().getAsJsonObject("paths")
            .keySet();
        assertThat(statePaths).contains("/rests/operations/bmpfleet-state:lookup-route");

        final var intent = karaf.get("/openapi/api/v3/bmpfleet-intent?revision=2026-11-22", "application/json");
        assertThat(intent.statusCode()).as(intent.body()).isEqualTo(200);
        final var intentPaths = JsonParser.parseString(intent.body()).getAsJsonObject().getAsJsonObject("paths")
            .keySet();
        assertThat(intentPaths).contains("/rests/operations/bmpfleet-intent:sync-device",
            "/rests/operations/bmpfleet-intent:check-sync", "/rests/operations/bmpfleet-intent:render-device",
            "/rests/operations/bmpfleet-intent:set-credentials",
            "/rests/operations/bmpfleet-intent:remove-credentials", "/rests/data/bmpfleet-intent:bmpfleet");
    }

    @Test
    @Order(11)
    void intentSurvivesAKarafRestart() throws Exception {
        final var before = Documents.leavesOfJson(karaf.get(INTENT, "application/json").body());
        karaf.stop();
        final var password = karaf.adminPassword();
        final var took = karaf.start();
        LOG.info("bmpfleet distribution: restart, first RESTCONF answer {} ms after bin/start", took.toMillis());
        // A restart keeps the first start's password (RESTCONF answered with it).
        assertThat(karaf.adminPassword()).isEqualTo(password);
        assertThat(Files.readString(karaf.adminPasswordFile())).contains("password=" + password);
        assertThat(Documents.leavesOfJson(karaf.get(INTENT, "application/json").body())).isEqualTo(before);
        // The operational side is rebuilt from the intent after the restart.
        awaitState(List.of("/bmpfleet-state/device/name=ios-edge-1", "/bmpfleet-state/device/name=frr-1"));
    }

    /** Calls lookup-route and returns its output. */
    private static JsonObject lookupRoute(final String input) throws Exception {
        final var answer = karaf.send("POST", LOOKUP_ROUTE, input);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonObject("bmpfleet-state:output");
    }

    private static List<String> prefixes(final JsonObject output) {
        final var out = new ArrayList<String>();
        if (output.has("route")) {
            output.getAsJsonArray("route").forEach(r -> out.add(r.getAsJsonObject().get("prefix").getAsString()));
        }
        return out;
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

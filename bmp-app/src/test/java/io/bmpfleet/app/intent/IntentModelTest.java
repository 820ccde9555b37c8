/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.CiscoIos;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.StationId;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.DeviceKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.StationKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshDelay;
import org.opendaylight.yangtools.yang.common.Uint16;

/**
 * The intent model refuses nonsense: each case takes the seed's Cisco example (examples/cisco-seed.json, the
 * README's), breaks one thing, and expects a refusal whose message names the leaf and the rule.
 */
class IntentModelTest {
    private static final String SEED = IntentModel.read(IntentModel.example("cisco-seed.json"));
    private static final String FRR_GOBGP = IntentModel.read(IntentModel.example("frr-gobgp.json"));

    @Test
    void seedCiscoExampleIsValidAndSaysWhatTheSeedSays() {
        final var verdict = IntentModel.check(SEED);
        assertThat(verdict.errors()).isEmpty();
        final var intent = verdict.intent();
        final var server1 = intent.getStation().get(new StationKey(new StationId(Uint16.ONE)));
        assertThat(server1.getAddress().getIpv4Address().getValue()).isEqualTo("10.1.1.1");
        assertThat(server1.getPort().getValue().toJava()).isEqualTo(8000);
        assertThat(server1.getDescription()).isEqualTo("SERVER1");
        assertThat(server1.getInitialDelay().getValue().toJava()).isEqualTo(20);
        assertThat(server1.getFailureRetryDelay().getValue().toJava()).isEqualTo(40);
        assertThat(server1.getFlappingDelay().getValue().toJava()).isEqualTo(120);
        assertThat(server1.getDscp().getValue().toJava()).isEqualTo((short) 5);
        assertThat(server1.getStatsReportingPeriod().toJava()).isEqualTo(30);
        assertThat(server1.getUpdateSource()).isEqualTo("ethernet 0/0");
        final var server2 = intent.getStation().get(new StationKey(new StationId(Uint16.TWO)));
        assertThat(server2.getAddress().getIpv4Address().getValue()).isEqualTo("20.1.1.1");
        assertThat(server2.getPort().getValue().toJava()).isEqualTo(9000);
        assertThat(intent.getGlobal().getBufferSize().toJava()).isEqualTo(2048);
        assertThat(((InitialRefreshDelay) intent.getGlobal().getInitialRefresh()).getInitialRefreshDelay()
            .getValue().toJava()).isEqualTo(30);
        final var device = intent.getDevice().get(new DeviceKey(
            new org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.NameString("ios-edge-1")));
        assertThat(device.getPlatform()).isInstanceOf(CiscoIos.class);
        assertThat(device.getBgpAs().getValue().toJava()).isEqualTo(65000);
    }

    @Test
    void frrAndGobgpExampleIsValidAloneAndMergedWithTheSeed() {
        assertThat(IntentModel.check(FRR_GOBGP).errors()).isEmpty();
        final var merged = IntentModel.check(merge(SEED, FRR_GOBGP));
        assertThat(merged.errors()).isEmpty();
        assertThat(merged.intent().getStation()).hasSize(3);
        assertThat(merged.intent().getDevice()).hasSize(3);
    }

    static Stream<Arguments> invalidCases() {
        return Stream.of(
            Arguments.of("port 0", mutate(j -> station(j, 0).addProperty("port", 0)), "a port is 1 to 65535"),
            Arguments.of("port 70000", mutate(j -> station(j, 0).addProperty("port", 70000)),
                "a port is 1 to 65535"),
            Arguments.of("dscp 64", mutate(j -> station(j, 0).addProperty("dscp", 64)), "dscp is 0 to 63"),
            Arguments.of("initial-delay 0", mutate(j -> station(j, 1).addProperty("initial-delay", 0)),
                "a BMP timer is 1 to 3600 seconds"),
            Arguments.of("stats-reporting-period 7200",
                mutate(j -> station(j, 1).addProperty("stats-reporting-period", 7200)),
                "stats-reporting-period is 1 to 3600 seconds"),
            Arguments.of("activation names an unknown station", mutate(j -> neighbor(j).add("station", ids(1, 9))),
                "/bmpfleet/device[name='ios-edge-1']/neighbor[selector='30.1.1.1']/station: station 9 is not a"
                    + " station of the device's targets [1, 2]"),
            Arguments.of("neighbor with neither all nor station", mutate(j -> neighbor(j).remove("station")),
                "/bmpfleet/device[name='ios-edge-1']/neighbor[selector='30.1.1.1']: a neighbor needs all or station"),
            Arguments.of("target names an unknown station", mutate(j -> target(j).add("station", ids(1, 7))),
                "/bmpfleet/target[name='servers-1-2']/station: station 7 does not exist"),
            Arguments.of("target without station", mutate(j -> target(j).remove("station")),
                "/bmpfleet/target[name='servers-1-2']/station: a target needs at least one station"),
            Arguments.of("route monitoring without rib", mutate(j -> target(j).getAsJsonArray("route-monitoring")
                .get(0).getAsJsonObject().remove("rib")),
                "route-monitoring[address-family='ipv4-unicast']/rib: route monitoring needs at least one rib"),
            Arguments.of("device names an unknown target", mutate(j -> device(j).add("target", strings("nope"))),
                "/bmpfleet/device[name='ios-edge-1']/target: target nope does not exist"),
            Arguments.of("device without platform", mutate(j -> device(j).remove("platform")),
                "/bmpfleet/device[name='ios-edge-1']/platform: a device needs a platform"),
            Arguments.of("device without bgp-as", mutate(j -> device(j).remove("bgp-as")),
                "/bmpfleet/device[name='ios-edge-1']/bgp-as: a device needs its BGP AS"),
            Arguments.of("device of an unknown platform",
                mutate(j -> device(j).addProperty("platform", "bmpfleet-intent:junos")), "junos"),
            Arguments.of("active station without address", mutate(j -> station(j, 0).remove("address")),
                "/bmpfleet/station[id='1']/address: an active station needs an address"),
            Arguments.of("passive station without listen-address",
                mutate(j -> station(j, 0).addProperty("connection-mode", "passive")),
                "/bmpfleet/station[id='1']/listen-address: a passive station needs a listen-address"),
            Arguments.of("min-retry above max-retry", mutate(j -> {
                station(j, 0).addProperty("min-retry", 60000);
                station(j, 0).addProperty("max-retry", 1000);
            }), "/bmpfleet/station[id='1']/max-retry: max-retry must not be smaller than min-retry"),
            Arguments.of("device name with a blank", mutate(j -> device(j).addProperty("name", "ios edge")),
                "a name starts with a letter or digit and has no blanks or quotes"),
            Arguments.of("FRR stats interval below 100 ms", mutate(j -> target(j).addProperty("stats-interval", 50)),
                "stats-interval is 100 to 86400000 milliseconds"),
            Arguments.of("two listeners on one port", mutate(j -> {
                final var collector = new JsonObject();
                final var listeners = new JsonArray();
                for (var name : new String[] {"a", "b"}) {
                    final var listener = new JsonObject();
                    listener.addProperty("name", name);
                    listener.addProperty("port", 11019);
                    listeners.add(listener);
                }
                collector.add("listener", listeners);
                root(j).add("collector", collector);
            }), "both bind 0.0.0.0 port 11019"),
            Arguments.of("TCP-MD5 entry without credentials", mutate(j -> {
                final var collector = new JsonObject();
                final var md5 = new JsonArray();
                final var entry = new JsonObject();
                entry.addProperty("router", "192.0.2.33");
                md5.add(entry);
                collector.add("tcp-md5", md5);
                root(j).add("collector", collector);
            }), "/bmpfleet/collector/tcp-md5[router='192.0.2.33']/credentials: a TCP-MD5 entry needs the credentials"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidIntentIsRefusedWithAMessageNamingTheLeaf(final String name, final String json,
            final String expected) {
        final var verdict = IntentModel.check(json);
        assertThat(verdict.accepted()).as(name).isFalse();
        assertThat(String.join("\n", verdict.errors())).as(name).contains(expected);
    }

    private static String mutate(final Consumer<JsonObject> change) {
        final var json = JsonParser.parseString(SEED).getAsJsonObject();
        change.accept(json);
        return json.toString();
    }

    private static String merge(final String first, final String second) {
        final var a = JsonParser.parseString(first).getAsJsonObject();
        final var b = root(JsonParser.parseString(second).getAsJsonObject());
        final var into = root(a);
        for (var entry : b.entrySet()) {
            final JsonElement existing = into.get(entry.getKey());
            if (existing != null && existing.isJsonArray()) {
                existing.getAsJsonArray().addAll(entry.getValue().getAsJsonArray());
            } else {
                into.add(entry.getKey(), entry.getValue());
            }
        }
        return a.toString();
    }

    private static JsonObject root(final JsonObject json) {
        return json.getAsJsonObject("bmpfleet-intent:bmpfleet");
    }

    private static JsonObject station(final JsonObject json, final int index) {
        return root(json).getAsJsonArray("station").get(index).getAsJsonObject();
    }

    private static JsonObject target(final JsonObject json) {
        return root(json).getAsJsonArray("target").get(0).getAsJsonObject();
    }

    private static JsonObject device(final JsonObject json) {
        return root(json).getAsJsonArray("device").get(0).getAsJsonObject();
    }

    private static JsonObject neighbor(final JsonObject json) {
        return device(json).getAsJsonArray("neighbor").get(0).getAsJsonObject();
    }

    private static JsonArray ids(final int... ids) {
        final var array = new JsonArray();
        for (int id : ids) {
            array.add(id);
        }
        return array;
    }

    private static JsonArray strings(final String... values) {
        final var array = new JsonArray();
        for (var value : values) {
            array.add(value);
        }
        return array;
    }
}

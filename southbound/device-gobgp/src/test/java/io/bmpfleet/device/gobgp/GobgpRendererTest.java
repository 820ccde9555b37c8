/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static io.bmpfleet.device.gobgp.Intents.active;
import static io.bmpfleet.device.gobgp.Intents.intent;
import static io.bmpfleet.device.gobgp.Intents.target;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Family;
import io.bmpfleet.device.DeviceIntent.Initiation;
import io.bmpfleet.device.DeviceIntent.Rib;
import io.bmpfleet.device.DeviceIntent.Target;
import io.bmpfleet.device.gobgp.apipb.AddBmpRequest.MonitoringPolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rendered text, without a gobgpd: golden tests against the {@code [[bmp-servers]]} examples of GoBGP's BMP
 * documentation (docs/sources/bmp.md), each built as the intent that means the same. {@link GobgpDriverTest} starts
 * a real gobgpd from such text.
 */
class GobgpRendererTest {
    /** The documentation's first example: pre-policy, GoBGP's default, is not written. */
    static final String SEED_BASIC = """
        [[bmp-servers]]
          [bmp-servers.config]
            address = "127.0.0.1"
            port=11019
        """;
    static final String SEED_POST_POLICY = """
        [[bmp-servers]]
          [bmp-servers.config]
            address = "127.0.0.1"
            port=11019
            route-monitoring-policy = "post-policy"
        """;
    static final String SEED_ALL = """
        [[bmp-servers]]
          [bmp-servers.config]
            address = "127.0.0.1"
            port=11019
            route-monitoring-policy = "all"
        """;
    static final String SEED_STATISTICS = """
        [[bmp-servers]]
          [bmp-servers.config]
            address = "127.0.0.1"
            port=11019
            statistics-timeout = 3600
        """;

    private static final String API_HEADER =
        "# As gRPC calls; bmpfleet sets the stations through gobgpd's API, not through this file:\n";

    private final GobgpDriver driver = new GobgpDriver();

    /** One station at the documentation's 127.0.0.1:11019, reporting what one target asks. */
    private static DeviceIntent seedStation(final Set<Rib> ribs, final Long statsIntervalMs) {
        return intent(List.of(active(1, "127.0.0.1", 11019)), List.of(target("T", List.of(1), ribs,
            statsIntervalMs)));
    }

    /** The TOML blocks alone, without the calls. */
    private static String toml(final DeviceIntent intent) {
        return IntentStations.of(intent).values().stream().map(StationConfig::tomlBlock)
            .collect(Collectors.joining("\n"));
    }

    static Stream<Arguments> seedExamples() {
        return Stream.of(
            Arguments.of(seedStation(Intents.PRE, null), SEED_BASIC,
                "AddBmp address=127.0.0.1 port=11019 policy=PRE statistics-timeout=0"),
            Arguments.of(seedStation(Intents.POST, null), SEED_POST_POLICY,
                "AddBmp address=127.0.0.1 port=11019 policy=POST statistics-timeout=0"),
            Arguments.of(seedStation(Intents.ALL, null), SEED_ALL,
                "AddBmp address=127.0.0.1 port=11019 policy=ALL statistics-timeout=0"),
            Arguments.of(seedStation(Intents.PRE, 3_600_000L), SEED_STATISTICS,
                "AddBmp address=127.0.0.1 port=11019 policy=PRE statistics-timeout=3600"),
            // The station's own reporting period, when no target sets an interval, is the same statistics-timeout.
            Arguments.of(intent(List.of(active(1, "127.0.0.1", 11019, 3600)),
                    List.of(target("T", List.of(1), Intents.PRE, null))), SEED_STATISTICS,
                "AddBmp address=127.0.0.1 port=11019 policy=PRE statistics-timeout=3600"),
            // No RIB GoBGP can report: its default, as the documentation's first example.
            Arguments.of(seedStation(Set.of(), null), SEED_BASIC,
                "AddBmp address=127.0.0.1 port=11019 policy=PRE statistics-timeout=0"));
    }

    @ParameterizedTest
    @MethodSource("seedExamples")
    void seedExampleIsRenderedAsDocumented(final DeviceIntent intent, final String seedToml, final String call) {
        assertEquals(seedToml, toml(intent));
        assertEquals(seedToml + "\n" + API_HEADER + "# " + call + "\n", driver.render(intent));
    }

    @Test
    void wholeRenderingOfTheBasicExample() {
        assertEquals("""
            [[bmp-servers]]
              [bmp-servers.config]
                address = "127.0.0.1"
                port=11019

            # As gRPC calls; bmpfleet sets the stations through gobgpd's API, not through this file:
            # AddBmp address=127.0.0.1 port=11019 policy=PRE statistics-timeout=0
            """, driver.render(seedStation(Intents.PRE, null)));
    }

    /**
     * The documentation's last example turns route mirroring on; GoBGP 3.x's AddBmp has no such field, so the
     * driver cannot push it: the intent compiler reports it as unsupported for GoBGP (PlatformSupport), and the
     * rendering, like the API push, leaves it out rather than claim {@code route-mirroring-enabled = true}.
     */
    @Test
    void routeMirroringIsNotClaimed() {
        final var mirroring = intent(List.of(active(1, "127.0.0.1", 11019)), List.of(
            new Target("T", List.of(1), Map.of(Family.IPV4_UNICAST, Intents.PRE), null, true, null, null)));
        assertEquals(SEED_BASIC, toml(mirroring));
        assertEquals(driver.render(seedStation(Intents.PRE, null)), driver.render(mirroring));
    }

    static Stream<Arguments> policyNames() {
        return Stream.of(
            Arguments.of(MonitoringPolicy.PRE, null),
            Arguments.of(MonitoringPolicy.POST, "post-policy"),
            Arguments.of(MonitoringPolicy.BOTH, "both"),
            Arguments.of(MonitoringPolicy.LOCAL, "local-rib"),
            Arguments.of(MonitoringPolicy.ALL, "all"));
    }

    @ParameterizedTest
    @MethodSource("policyNames")
    void policyNameInToml(final MonitoringPolicy policy, final String name) {
        assertEquals(name, StationConfig.tomlPolicy(policy));
    }

    @Test
    void bothAndLocalRibAreRenderedByName() {
        final var intent = intent(List.of(active(1, "127.0.0.1", 11019), active(2, "127.0.0.1", 11020)), List.of(
            target("T1", List.of(1), EnumSet.of(Rib.ADJ_RIB_IN_PRE_POLICY, Rib.ADJ_RIB_IN_POST_POLICY), null),
            target("T2", List.of(2), Set.of(Rib.LOC_RIB), null)));
        assertEquals("""
            [[bmp-servers]]
              [bmp-servers.config]
                address = "127.0.0.1"
                port=11019
                route-monitoring-policy = "both"

            [[bmp-servers]]
              [bmp-servers.config]
                address = "127.0.0.1"
                port=11020
                route-monitoring-policy = "local-rib"

            # As gRPC calls; bmpfleet sets the stations through gobgpd's API, not through this file:
            # AddBmp address=127.0.0.1 port=11019 policy=BOTH statistics-timeout=0
            # AddBmp address=127.0.0.1 port=11020 policy=LOCAL statistics-timeout=0
            """, driver.render(intent));
    }

    @Test
    void stationsAreSortedWithInitiationAndEscapes() {
        final var intent = intent(
            List.of(active(1, "192.0.2.1", 0), active(2, "127.0.0.1", 5000), Intents.passive(3, 11019)),
            List.of(target("T1", List.of(1, 2, 3), Intents.ALL, 15_000L)),
            new Initiation("gobgp-1", "a \"quoted\" \\ router\n\u0001"));
        assertEquals("""
            [[bmp-servers]]
              [bmp-servers.config]
                address = "127.0.0.1"
                port=5000
                route-monitoring-policy = "all"
                statistics-timeout = 15
                sys-name = "gobgp-1"
                sys-descr = "a \\"quoted\\" \\\\ router\\n\\u0001"

            [[bmp-servers]]
              [bmp-servers.config]
                address = "192.0.2.1"
                port=11019
                route-monitoring-policy = "all"
                statistics-timeout = 15
                sys-name = "gobgp-1"
                sys-descr = "a \\"quoted\\" \\\\ router\\n\\u0001"

            # As gRPC calls; bmpfleet sets the stations through gobgpd's API, not through this file:
            # AddBmp address=127.0.0.1 port=5000 policy=ALL statistics-timeout=15 sys-name="gobgp-1" \
            sys-descr="a \\"quoted\\" \\\\ router\\n\\u0001"
            # AddBmp address=192.0.2.1 port=11019 policy=ALL statistics-timeout=15 sys-name="gobgp-1" \
            sys-descr="a \\"quoted\\" \\\\ router\\n\\u0001"
            """, driver.render(intent));
    }

    /** gobgpd refuses its file, and so would not start, with a statistics-timeout from 1 to 14; AddBmp takes it. */
    @Test
    void statisticsTimeoutBelowFifteenIsFlagged() {
        assertEquals("""
            [[bmp-servers]]
              [bmp-servers.config]
                address = "127.0.0.1"
                port=11019
                statistics-timeout = 5
                # gobgpd refuses to start with a statistics-timeout below 15 in its file; AddBmp takes it
            """, toml(seedStation(Intents.PRE, 5_000L)));
    }

    @Test
    void noStationIsNoText() {
        assertEquals("", driver.render(Intents.empty()));
        assertEquals("", GobgpText.readBack(List.of(), Map.of()));
    }

    @Test
    void readBackMarksStationsOfOthers() {
        final var mine = new StationConfig(new StationAddress("127.0.0.1", 11019), MonitoringPolicy.POST, 0, null,
            null);
        final var others = new StationAddress("127.0.0.1", 11020);
        assertEquals("""
            [[bmp-servers]]
              [bmp-servers.config]
                address = "127.0.0.1"
                port=11019
                route-monitoring-policy = "post-policy"

            [[bmp-servers]]
              [bmp-servers.config]
                address = "127.0.0.1"
                port=11020
                # not added by bmpfleet: route-monitoring-policy, statistics-timeout, sys-name and sys-descr unknown

            # As gRPC calls; bmpfleet sets the stations through gobgpd's API, not through this file:
            # AddBmp address=127.0.0.1 port=11019 policy=POST statistics-timeout=0
            # AddBmp address=127.0.0.1 port=11020 (not added by bmpfleet: policy, statistics-timeout, sys-name, \
            sys-descr unknown)
            """, GobgpText.readBack(List.of(others, mine.station()), Map.of(mine.station(), mine)));
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static io.bmpfleet.device.gobgp.Intents.active;
import static io.bmpfleet.device.gobgp.Intents.intent;
import static io.bmpfleet.device.gobgp.Intents.passive;
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

/** The intent as AddBmp calls, without a gobgpd; {@link GobgpRendererTest} has the text around them. */
class IntentStationsTest {
    /** The intent's AddBmp calls, a line each. */
    private static String calls(final DeviceIntent intent) {
        return IntentStations.of(intent).values().stream().map(config -> config.addLine() + "\n")
            .collect(Collectors.joining());
    }

    static Stream<Arguments> policies() {
        return Stream.of(
            Arguments.of(EnumSet.of(Rib.ADJ_RIB_IN_PRE_POLICY), MonitoringPolicy.PRE),
            Arguments.of(EnumSet.of(Rib.ADJ_RIB_IN_POST_POLICY), MonitoringPolicy.POST),
            Arguments.of(EnumSet.of(Rib.ADJ_RIB_IN_PRE_POLICY, Rib.ADJ_RIB_IN_POST_POLICY), MonitoringPolicy.BOTH),
            Arguments.of(EnumSet.of(Rib.LOC_RIB), MonitoringPolicy.LOCAL),
            Arguments.of(EnumSet.of(Rib.ADJ_RIB_IN_PRE_POLICY, Rib.ADJ_RIB_IN_POST_POLICY, Rib.LOC_RIB),
                MonitoringPolicy.ALL),
            // No GoBGP policy for these: the smallest that covers them.
            Arguments.of(EnumSet.of(Rib.ADJ_RIB_IN_POST_POLICY, Rib.LOC_RIB), MonitoringPolicy.ALL),
            // Nothing GoBGP can monitor: its default.
            Arguments.of(EnumSet.noneOf(Rib.class), MonitoringPolicy.PRE),
            Arguments.of(EnumSet.of(Rib.ADJ_RIB_OUT_PRE_POLICY), MonitoringPolicy.PRE));
    }

    @ParameterizedTest
    @MethodSource("policies")
    void policyOfRibSet(final Set<Rib> ribs, final MonitoringPolicy expected) {
        assertEquals(expected, IntentStations.policy(ribs));
    }

    @Test
    void oneSortedCallPerActiveStation() {
        final var intent = intent(
            List.of(active(1, "127.0.0.2", 0), active(2, "127.0.0.1", 5000), passive(3, 11019),
                active(4, "127.0.0.1", 4000)),
            List.of(target("T1", List.of(1, 2, 3), Intents.ALL, 15_000L), target("T2", List.of(4), Intents.POST,
                null)),
            new Initiation("gobgp-1", "a \"quoted\" router"));
        assertEquals("""
            AddBmp address=127.0.0.1 port=4000 policy=POST statistics-timeout=0 sys-name="gobgp-1" \
            sys-descr="a \\"quoted\\" router"
            AddBmp address=127.0.0.1 port=5000 policy=ALL statistics-timeout=15 sys-name="gobgp-1" \
            sys-descr="a \\"quoted\\" router"
            AddBmp address=127.0.0.2 port=11019 policy=ALL statistics-timeout=15 sys-name="gobgp-1" \
            sys-descr="a \\"quoted\\" router"
            """, calls(intent));
    }

    @Test
    void targetsOfOneStationAreMerged() {
        final var intent = intent(List.of(active(1, "127.0.0.1", 11019)), List.of(
            new Target("T1", List.of(1), Map.of(Family.IPV4_UNICAST, Intents.PRE,
                Family.IPV6_UNICAST, Set.of(Rib.LOC_RIB)), 60_000L, false, null, null),
            target("T2", List.of(1), Intents.POST, 30_000L)));
        assertEquals("AddBmp address=127.0.0.1 port=11019 policy=ALL statistics-timeout=30\n",
            calls(intent));
    }

    @Test
    void statisticsTimeoutFallsBackToTheStationsPeriod() {
        final var intent = intent(List.of(active(1, "127.0.0.1", 11019, 120), active(2, "127.0.0.1", 11020)),
            List.of(target("T1", List.of(1, 2), Intents.PRE, null)));
        assertEquals("""
            AddBmp address=127.0.0.1 port=11019 policy=PRE statistics-timeout=120
            AddBmp address=127.0.0.1 port=11020 policy=PRE statistics-timeout=0
            """, calls(intent));
    }

    @Test
    void inactiveAndUnknownStationsAreSkipped() {
        final var inactive = new io.bmpfleet.device.DeviceIntent.Station(1, null, false, "127.0.0.1", 11019, null,
            false, null, null, null, null, null, null, null, null);
        final var intent = intent(List.of(inactive), List.of(target("T1", List.of(1, 7), Intents.PRE, null)));
        assertEquals("", calls(intent));
    }
}

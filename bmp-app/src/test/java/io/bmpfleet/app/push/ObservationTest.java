/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.intent.OwnStations;
import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Activation;
import io.bmpfleet.device.DeviceIntent.Family;
import io.bmpfleet.device.DeviceIntent.Global;
import io.bmpfleet.device.DeviceIntent.Initiation;
import io.bmpfleet.device.DeviceIntent.Rib;
import io.bmpfleet.device.DeviceIntent.Station;
import io.bmpfleet.device.DeviceIntent.Target;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.Test;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.NameString;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Port;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.CollectorBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.collector.ListenerBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.Peer;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.PeerBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.RouteCount;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.RouteCountBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/** Intent against observation, on router entries as the collector publishes them. */
public class ObservationTest {
    private static final int COLLECTOR_PORT = 11019;

    private static DeviceIntent intent() {
        return new DeviceIntent("frr-1", 65001, Global.NONE,
            List.of(new Station(10, null, false, "127.0.0.1", COLLECTOR_PORT, null, true, null, null, null, null,
                null, null, null, null),
                new Station(11, null, false, "192.0.2.200", COLLECTOR_PORT, null, true, null, null, null, null,
                    null, null, null, null)),
            List.of(new Target("T1", List.of(10, 11), Map.of(Family.IPV4_UNICAST,
                EnumSet.of(Rib.ADJ_RIB_IN_PRE_POLICY, Rib.ADJ_RIB_IN_POST_POLICY)), null, false, null, null)),
            List.of(new Activation("127.0.0.4", true, List.of(), true),
                new Activation("127.0.0.9", true, List.of(), true)),
            Initiation.NONE, null);
    }

    private static Router session(final int localPort, final Peer... peers) {
        return new RouterBuilder().setAddress(ip("127.0.0.1")).setPort(new PortNumber(Uint16.valueOf(40000)))
            .setLocalPort(new PortNumber(Uint16.valueOf(localPort))).setState(SessionState.Up).setDevice("frr-1")
            .setPeer(Map.of(peers[0].key(), peers[0])).build();
    }

    private static Peer peer(final String address, final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent
            .rev261122.Rib rib, final long routes) {
        final RouteCount count = new RouteCountBuilder().setRib(rib).setAddressFamily("ipv4-unicast")
            .setRoutes(Uint64.valueOf(routes)).build();
        return new PeerBuilder().setPeerType(Uint8.ZERO).setDistinguisher("0:0").setPeerAddress(ip(address))
            .setBgpId(new Ipv4Address(address)).setState(SessionState.Up).setRouteCount(Map.of(count.key(), count))
            .build();
    }

    private static IpAddress ip(final String text) {
        return new IpAddress(new Ipv4Address(text));
    }

    @Test
    public void missingAndUnaskedAreNamedWithReasons() {
        final var router = session(COLLECTOR_PORT, peer("127.0.0.4",
            org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib.AdjRibInPrePolicy, 50));
        final var withLocRib = new RouterBuilder(router).setPeer(Map.of(router.nonnullPeer().values().iterator()
            .next().key(), peer("127.0.0.4", org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib
            .LocRib, 50))).build();
        final var result = Observation.compare(new Observation.Expected("frr-1", intent(), true),
            List.of(router), own());
        assertThat(result.routers()).containsExactly("127.0.0.1 40000");
        // Station 11 is not this controller's (192.0.2.200 is no local address): nothing is expected of it.
        assertThat(result.missing()).containsOnlyKeys("neighbor 127.0.0.9", "ipv4-unicast/adj-rib-in-post-policy");
        assertThat(result.missing().get("ipv4-unicast/adj-rib-in-post-policy"))
            .isEqualTo("ipv4-unicast routes arrive in adj-rib-in-pre-policy but none in adj-rib-in-post-policy");
        assertThat(result.unasked()).isEmpty();

        final var other = Observation.compare(new Observation.Expected("frr-1", intent(), true),
            List.of(withLocRib), own());
        assertThat(other.unasked()).containsKey("ipv4-unicast/loc-rib");
    }

    @Test
    public void nothingIsMissingDuringTheGracePeriodAndAMissingSessionIsNamedAfterIt() {
        final var during = Observation.compare(new Observation.Expected("frr-1", intent(), false), List.of(),
            own());
        assertThat(during.missing()).isEmpty();
        final var after = Observation.compare(new Observation.Expected("frr-1", intent(), true), List.of(),
            own());
        assertThat(after.missing()).containsOnlyKeys("station 10/session");
        assertThat(after.missing().get("station 10/session"))
            .isEqualTo("no BMP session from this device reached the collector's 127.0.0.1:11019");
    }

    /** This controller's collector: one listener on every address, on the collector port. */
    private static Predicate<Station> own() {
        final var listener = new ListenerBuilder().setName(new NameString("collector"))
            .setPort(new Port(Uint32.valueOf(COLLECTOR_PORT))).build();
        return Observation.ownStations(new CollectorBuilder().setListener(Map.of(listener.key(), listener)).build(),
            OwnStations.LOCAL_ADDRESS);
    }
}

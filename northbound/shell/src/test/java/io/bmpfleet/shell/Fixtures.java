/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.BmpfleetBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.CiscoIos;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Frr;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.NameString;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.NeighborSelector;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Port;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SecondsDelay;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.StationId;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.CollectorBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.DeviceBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.GlobalBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Station;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.StationBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Target;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.TargetBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.collector.ListenerBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.NeighborBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.neighbor.activation.AllBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshDelayBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.Peer;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.PeerBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.RouteCountBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.StatisticBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.message.counters.MessageCounter;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.message.counters.MessageCounterBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.AsNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Dscp;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * State for the tests, built from the models' binding builders: the seed's Cisco example (examples/cisco-seed.json)
 * and a station of the controller's own on loopback with a router session reporting one peer.
 */
public final class Fixtures {
    /** When the tests' commands run. */
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    /** Loopback is this host's; the seed's documentation addresses are not. */
    static final java.util.function.Predicate<InetAddress> LOOPBACK_ONLY = InetAddress::isLoopbackAddress;

    private Fixtures() {
        // static only
    }

    static IpAddress ip(final String text) {
        return text.indexOf(':') >= 0 ? new IpAddress(new Ipv6Address(text)) : new IpAddress(new Ipv4Address(text));
    }

    static DateAndTime time(final String text) {
        return new DateAndTime(text);
    }

    static Station seedStation(final int id, final String address, final int port, final String description,
            final int dscp, final String updateSource) {
        return new StationBuilder().setId(stationId(id)).setDescription(description).setActivate(true)
            .setAddress(ip(address)).setPort(new Port(Uint32.valueOf(port)))
            .setFailureRetryDelay(new SecondsDelay(Uint16.valueOf(40)))
            .setFlappingDelay(new SecondsDelay(Uint16.valueOf(120)))
            .setInitialDelay(new SecondsDelay(Uint16.valueOf(20))).setDscp(new Dscp(Uint8.valueOf(dscp)))
            .setStatsReportingPeriod(Uint16.valueOf(30)).setUpdateSource(updateSource).build();
    }

    static StationId stationId(final int id) {
        return new StationId(Uint16.valueOf(id));
    }

    static Target target(final String name, final int... stations) {
        final var ids = new java.util.HashSet<StationId>();
        for (int id : stations) {
            ids.add(stationId(id));
        }
        return new TargetBuilder().setName(new NameString(name)).setStation(ids).build();
    }

    /** examples/cisco-seed.json. */
    static BmpfleetBuilder seed() {
        final var device = new DeviceBuilder().setName(new NameString("ios-edge-1")).setPlatform(CiscoIos.VALUE)
            .setBgpAs(new AsNumber(Uint32.valueOf(65000))).setTarget(Set.of(new NameString("servers-1-2")))
            .setNeighbor(BindingMap.of(new NeighborBuilder()
                .setSelector(new NeighborSelector(ip("30.1.1.1")))
                .setActivation(new org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device
                    .neighbor.activation.StationBuilder().setStation(Set.of(stationId(1), stationId(2))).build())
                .build()))
            .build();
        return new BmpfleetBuilder()
            .setGlobal(new GlobalBuilder().setBufferSize(Uint32.valueOf(2048))
                .setInitialRefresh(new InitialRefreshDelayBuilder()
                    .setInitialRefreshDelay(new SecondsDelay(Uint16.valueOf(30))).build()).build())
            .setStation(BindingMap.of(seedStation(1, "10.1.1.1", 8000, "SERVER1", 5, "ethernet 0/0"),
                seedStation(2, "20.1.1.1", 9000, "SERVER2", 7, "ethernet 2/0")))
            .setTarget(BindingMap.of(target("servers-1-2", 1, 2)))
            .setDevice(BindingMap.of(device));
    }

    /**
     * The seed plus station 3 on the controller's own collector (127.0.0.1 port 11019, listener "default"), a
     * target sending to it, and the FRR device sim-1 carrying it with neighbor 192.0.2.7 and peer group EDGE.
     */
    static Bmpfleet withOwnStation() {
        final var seed = seed().build();
        final var stations = new java.util.ArrayList<>(seed.nonnullStation().values());
        stations.add(new StationBuilder().setId(stationId(3)).setDescription("controller").setActivate(true)
            .setAddress(ip("127.0.0.1")).setPort(new Port(Uint32.valueOf(11019))).build());
        final var targets = new java.util.ArrayList<>(seed.nonnullTarget().values());
        targets.add(target("own", 3));
        final var devices = new java.util.ArrayList<Device>(seed.nonnullDevice().values());
        devices.add(new DeviceBuilder().setName(new NameString("sim-1")).setPlatform(Frr.VALUE)
            .setBgpAs(new AsNumber(Uint32.valueOf(65001))).setTarget(Set.of(new NameString("own")))
            .setNeighbor(BindingMap.of(
                new NeighborBuilder().setSelector(new NeighborSelector(ip("192.0.2.7")))
                    .setActivation(new AllBuilder().setAll(Empty.value()).build()).build(),
                new NeighborBuilder().setSelector(new NeighborSelector(new NameString("EDGE")))
                    .setActivation(new AllBuilder().setAll(Empty.value()).build()).build()))
            .build());
        return new BmpfleetBuilder(seed).setStation(BindingMap.ordered(stations))
            .setTarget(BindingMap.ordered(targets)).setDevice(BindingMap.ordered(devices))
            .setCollector(new CollectorBuilder().setListener(BindingMap.of(new ListenerBuilder()
                .setName(new NameString("default")).setAddress(ip("0.0.0.0"))
                .setPort(new Port(Uint32.valueOf(11019))).build())).build())
            .build();
    }

    /** Peer 192.0.2.7 of AS 65001, up since 09:59:50, 3 pre-policy IPv4 routes, a statistic at 09:59:57. */
    public static Peer peer() {
        return new PeerBuilder().setPeerType(Uint8.ZERO).setDistinguisher("0:0").setPeerAddress(ip("192.0.2.7"))
            .setBgpId(new Ipv4Address("192.0.2.7")).setPeerAs(new AsNumber(Uint32.valueOf(65001)))
            .setState(SessionState.Up).setUpSince(time("2026-12-02T09:59:50Z"))
            .setRouteCount(BindingMap.of(new RouteCountBuilder().setRib(Rib.AdjRibInPrePolicy)
                .setAddressFamily("ipv4-unicast").setRoutes(Uint64.valueOf(3)).build()))
            .setStatistic(BindingMap.of(new StatisticBuilder().setStatType(Uint16.ZERO).setAfi(Uint16.ZERO)
                .setSafi(Uint8.ZERO).setValue(Uint64.valueOf(11)).setReceived(time("2026-12-02T09:59:57Z")).build()))
            .build();
    }

    /** A down peer with a Peer Down reason, in a VRF (peer type 1). */
    static Peer downPeer() {
        return new PeerBuilder().setPeerType(Uint8.ONE).setDistinguisher("65001:7").setPeerAddress(ip("2001:db8::9"))
            .setBgpId(new Ipv4Address("198.51.100.9")).setPeerAs(new AsNumber(Uint32.valueOf(65009)))
            .setState(SessionState.Down).setDownReason("remote system closed the session without a notification")
            .build();
    }

    /** Session 127.0.0.1:40000 of sim-router-1 (device sim-1) to the own station, up since 09:59:48. */
    public static Router router(final Peer... peers) {
        return router(40000, peers);
    }

    public static Router router(final int port, final Peer... peers) {
        return new RouterBuilder().setAddress(ip("127.0.0.1")).setPort(new PortNumber(Uint16.valueOf(port)))
            .setLocalAddress(ip("127.0.0.1")).setLocalPort(new PortNumber(Uint16.valueOf(11019)))
            .setState(SessionState.Up).setUpSince(time("2026-12-02T09:59:48Z")).setSysName("sim-router-1")
            .setSysDescr("bmpfleet test router").setDevice("sim-1").setDeviceMatch("sysName sim-1")
            .setDecodeErrors(new Counter64(Uint64.ZERO)).setBufferBytes(Uint64.ZERO)
            .setMessageCounter(BindingMap.of(
                counter(MessageCounter.MessageType.Initiation, 1),
                counter(MessageCounter.MessageType.PeerUpNotification, 1),
                counter(MessageCounter.MessageType.RouteMonitoring, 2),
                counter(MessageCounter.MessageType.StatisticsReport, 1)))
            .setPeer(peers.length == 0 ? null : BindingMap.of(List.of(peers)))
            .build();
    }

    /** An ended session from 2001:db8::1 port 179 that no device was matched to. */
    public static Router downRouter() {
        return new RouterBuilder().setAddress(ip("2001:db8::1")).setPort(new PortNumber(Uint16.valueOf(50123)))
            .setLocalAddress(ip("2001:db8::100")).setLocalPort(new PortNumber(Uint16.valueOf(11019)))
            .setState(SessionState.Down).setUpSince(time("2026-12-02T08:00:00Z"))
            .setTerminationReason("session closed").setDecodeErrors(new Counter64(Uint64.valueOf(2)))
            .setMessageCounter(BindingMap.of(counter(MessageCounter.MessageType.Initiation, 1)))
            .build();
    }

    private static MessageCounter counter(final MessageCounter.MessageType type, final long messages) {
        return new MessageCounterBuilder().setMessageType(type).setMessages(new Counter64(Uint64.valueOf(messages)))
            .setBytes(new Counter64(Uint64.valueOf(messages * 100))).build();
    }

    static org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device status(
            final String name, final SyncStatus status, final int attempts, final String error) {
        return new org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.DeviceBuilder()
            .setName(name).setPlatform(name.startsWith("ios") ? CiscoIos.VALUE : Frr.VALUE).setSyncStatus(status)
            .setAttempts(Uint32.valueOf(attempts)).setLastError(error)
            .setLastSuccess(status == SyncStatus.InSync ? time("2026-12-02T09:58:00.123Z") : null).build();
    }

    static Fleet fleet(final Bmpfleet intent, final List<Router> routers) {
        return new Fleet(intent, Map.of(), routers, null, NOW, LOOPBACK_ONLY);
    }

    static Fleet empty() {
        return new Fleet(null, Map.of(), List.of(), null, NOW, LOOPBACK_ONLY);
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.app.routes.RouteNames;
import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.Capability;
import io.bmpfleet.bmp.codec.bgp.RouteDistinguisher;
import io.bmpfleet.bmp.collector.RouterState.PeerSnapshot;
import io.bmpfleet.bmp.collector.RouterState.RouterSnapshot;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.TableKey;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.OpenMessage;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.NlriNotKept;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.NlriNotKeptBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.Peer;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.PeerBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.PeerKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.PeerUp;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.PeerUpBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.RouteCount;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.RouteCountBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.RouteCountKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.Statistic;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.StatisticBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.StatisticKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.peer.up.ReceivedOpenBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.peer.up.SentOpen;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.peer.up.SentOpenBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.message.counters.MessageCounter;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.message.counters.MessageCounterBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.message.counters.MessageCounterKey;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.AsNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Turns the collector's view of a router session into its {@code bmpfleet-state:router} entry.
 */
public final class RouterStateMapper {
    private RouterStateMapper() {
        // static only
    }

    /**
     * Maps one router session with the route counts the RIB store holds for it and what it did not keep.
     *
     * @param router the session's snapshot
     * @param routeCounts routes per table of this router ({@link RibStore#counts})
     * @param notKept NLRI not kept as routes, per family
     * @return the state entry
     */
    public static Router toRouter(final RouterSnapshot router, final Map<TableKey, Integer> routeCounts,
            final Map<AfiSafi, Long> notKept) {
        final var countsByPeer = new HashMap<io.bmpfleet.rib.PeerKey, Map<RouteCountKey, RouteCount>>();
        routeCounts.forEach((table, routes) -> {
            final var count = new RouteCountBuilder()
                .setRib(rib(table.rib()))
                .setAddressFamily(family(table.afiSafi()))
                .setRoutes(Uint64.valueOf(routes))
                .build();
            countsByPeer.computeIfAbsent(table.peer(), k -> new HashMap<>()).put(count.key(), count);
        });
        final var counters = new HashMap<MessageCounterKey, MessageCounter>();
        for (int type = 0; type < router.messages().length; type++) {
            if (router.messages()[type] == 0) {
                continue;
            }
            final var messageType = MessageCounter.MessageType.forValue(type);
            final var counter = new MessageCounterBuilder()
                .setMessageType(messageType != null ? messageType : MessageCounter.MessageType.Unknown)
                .setMessages(new Counter64(Uint64.valueOf(router.messages()[type])))
                .setBytes(new Counter64(Uint64.valueOf(router.bytes()[type])))
                .build();
            counters.merge(counter.key(), counter, (a, b) -> a);
        }
        final var peers = new HashMap<PeerKey, Peer>();
        for (var peer : router.peers()) {
            final var header = peer.header();
            final var counts = countsByPeer.get(ribPeer(header));
            final var entry = toPeer(peer, counts);
            peers.put(entry.key(), entry);
        }
        return new RouterBuilder()
            .setAddress(ip(router.remote().getAddress()))
            .setPort(new PortNumber(Uint16.valueOf(router.remote().getPort())))
            .setLocalAddress(ip(router.local().getAddress()))
            .setLocalPort(new PortNumber(Uint16.valueOf(router.local().getPort())))
            .setState(router.up() ? SessionState.Up : SessionState.Down)
            .setUpSince(time(router.connectedAt()))
            .setLastMessage(router.lastMessage() == null ? null : time(router.lastMessage()))
            .setSysName(router.sysName())
            .setSysDescr(router.sysDescr())
            .setTerminationReason(router.termination())
            .setDecodeErrors(new Counter64(Uint64.valueOf(router.decodeErrors())))
            .setBufferBytes(Uint64.valueOf(router.bufferBytes()))
            .setMessageCounter(counters.isEmpty() ? null : counters)
            .setPeer(peers.isEmpty() ? null : peers)
            .setNlriNotKept(notKept.isEmpty() ? null : notKept.entrySet().stream().map(e -> new NlriNotKeptBuilder()
                .setAfi(Uint16.valueOf(e.getKey().afi())).setSafi(Uint8.valueOf(e.getKey().safi()))
                .setCount(new Counter64(Uint64.valueOf(e.getValue()))).build())
                .collect(Collectors.toUnmodifiableMap(NlriNotKept::key, e -> e)))
            .build();
    }

    /**
     * The RIB store's key of the peer a per-peer header names.
     *
     * @param header the header
     * @return the key
     */
    static io.bmpfleet.rib.PeerKey ribPeer(final PerPeerHeader header) {
        return new io.bmpfleet.rib.PeerKey(header.peerType(), header.distinguisher(), header.address(),
            (int) header.bgpId());
    }

    /**
     * The event bus's description of the peer a per-peer header names.
     *
     * @param header the header
     * @return the peer
     */
    static MonitoringEvent.Peer eventPeer(final PerPeerHeader header) {
        return new MonitoringEvent.Peer(header.peerType(), header.distinguisher(), header.address(),
            header.asNumber(), header.bgpId());
    }

    private static Peer toPeer(final PeerSnapshot peer, final Map<RouteCountKey, RouteCount> counts) {
        final var header = peer.header();
        final Map<StatisticKey, Statistic> stats = new HashMap<>();
        peer.stats().forEach((key, value) -> {
            final var stat = new StatisticBuilder()
                .setStatType(Uint16.valueOf(key.type()))
                .setAfi(Uint16.valueOf(key.afi()))
                .setSafi(Uint8.valueOf(key.safi()))
                // A raw value that is no number is reported as 0, its type still listed.
                .setValue(Uint64.valueOf(Math.max(0, value)))
                .setReceived(peer.lastStats() == null ? null : time(peer.lastStats()))
                .build();
            stats.put(stat.key(), stat);
        });
        return new PeerBuilder()
            .setPeerType(Uint8.valueOf(header.peerType()))
            .setDistinguisher(distinguisher(header.distinguisher()))
            .setPeerAddress(ip(header.address()))
            .setBgpId(new Ipv4Address(AddressText.ipv4(header.bgpId())))
            .setPeerAs(new AsNumber(Uint32.valueOf(header.asNumber())))
            .setState(peer.up() ? SessionState.Up : peer.stateKnown() ? SessionState.Down : SessionState.Reporting)
            .setUpSince(peer.upSince() == null ? null : time(peer.upSince()))
            .setDownReason(peer.downReason())
            .setVrfTableName(peer.tableName())
            .setPeerUp(peer.peerUp() == null ? null : peerUp(peer.peerUp()))
            .setStatistic(stats.isEmpty() ? null : stats)
            .setRouteCount(counts == null || counts.isEmpty() ? null : counts)
            .build();
    }

    private static org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib rib(final Rib rib) {
        return RouteNames.modelRib(rib);
    }

    private static PeerUp peerUp(final BmpMessage.PeerUpNotification up) {
        return new PeerUpBuilder()
            .setLocalAddress(up.localAddress() == null ? null : ip(up.localAddress()))
            .setLocalPort(new PortNumber(Uint16.valueOf(up.localPort())))
            .setRemotePort(new PortNumber(Uint16.valueOf(up.remotePort())))
            .setSentOpen(up.sentOpen() == null ? null : openMessage(up.sentOpen()))
            .setReceivedOpen(up.receivedOpen() == null ? null
                : new ReceivedOpenBuilder((OpenMessage) openMessage(up.receivedOpen())).build())
            .build();
    }

    private static SentOpen openMessage(final BgpMessage.Open open) {
        long myAs = open.myAs();
        final var capabilities = new ArrayList<String>();
        for (var capability : open.capabilities()) {
            if (capability instanceof Capability.FourOctetAs fourOctet) {
                myAs = fourOctet.asNumber();
            }
            capabilities.add(capabilityText(capability));
        }
        return new SentOpenBuilder()
            .setVersion(Uint8.valueOf(open.version()))
            .setMyAs(Uint32.valueOf(myAs))
            .setHoldTime(Uint16.valueOf(open.holdTime()))
            .setBgpId(new Ipv4Address(AddressText.ipv4(open.bgpId())))
            .setCapability(capabilities)
            .build();
    }

    /** A capability in words (the state's capability leaf-list). */
    static String capabilityText(final Capability capability) {
        if (capability instanceof Capability.Multiprotocol mp) {
            return "multiprotocol " + family(new AfiSafi(mp.afi(), mp.safi()));
        } else if (capability instanceof Capability.FourOctetAs fourOctet) {
            return "four-octet-as " + fourOctet.asNumber();
        } else if (capability instanceof Capability.AddPath addPath) {
            final var text = new StringBuilder("add-path");
            for (var family : addPath.families()) {
                text.append(' ').append(family(new AfiSafi(family.afi(), family.safi()))).append(' ').append(
                    switch (family.sendReceive()) {
                        case 1 -> "receive";
                        case 2 -> "send";
                        case 3 -> "send-receive";
                        default -> "mode-" + family.sendReceive();
                    });
            }
            return text.toString();
        } else if (capability instanceof Capability.RouteRefresh) {
            return "route-refresh";
        } else if (capability instanceof Capability.ExtendedMessage) {
            return "extended-message";
        } else if (capability instanceof Capability.GracefulRestart restart) {
            final var text = new StringBuilder("graceful-restart time ").append(restart.restartTime());
            restart.families().forEach(family -> text.append(' ').append(family(new AfiSafi(family.afi(),
                family.safi()))));
            return text.toString();
        }
        final var unknown = (Capability.Unknown) capability;
        return "capability " + unknown.code() + " (" + unknown.value().length() + " bytes)";
    }

    /** AFI/SAFI in the words of the intent's address-family, or afi-N-safi-M for others. */
    static String family(final AfiSafi family) {
        return RouteNames.family(family);
    }

    /** A route distinguisher as text (RFC 4364 section 4.2), as the codec writes it. */
    static String distinguisher(final long rd) {
        return RouteDistinguisher.format(rd);
    }

    private static IpAddress ip(final InetAddress address) {
        final var text = AddressText.format(address);
        return address.getAddress().length == 4 ? new IpAddress(new Ipv4Address(text))
            : new IpAddress(new Ipv6Address(text));
    }

    public static DateAndTime time(final Instant instant) {
        return new DateAndTime(instant.truncatedTo(ChronoUnit.MILLIS).toString());
    }
}

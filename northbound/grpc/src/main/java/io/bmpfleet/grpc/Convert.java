/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import com.google.protobuf.Timestamp;
import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.grpc.v1.OpenMessage;
import io.bmpfleet.grpc.v1.Peer;
import io.bmpfleet.grpc.v1.PeerRef;
import io.bmpfleet.grpc.v1.Rib;
import io.bmpfleet.grpc.v1.RouteCount;
import io.bmpfleet.grpc.v1.Router;
import io.bmpfleet.grpc.v1.RouterRef;
import io.bmpfleet.grpc.v1.Statistic;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;

/** From the state model's binding objects and the RIB store's keys to the API's messages, one place for each. */
final class Convert {
    private Convert() {
        // static only
    }

    static RouterRef ref(final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router
            router) {
        return RouterRef.newBuilder().setAddress(text(router.getAddress())).setPort(port(router.getPort())).build();
    }

    static RouterRef ref(final InetSocketAddress session) {
        return RouterRef.newBuilder().setAddress(AddressText.format(session.getAddress()))
            .setPort(session.getPort()).build();
    }

    static Router router(final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router
            router) {
        final var peers = router.nonnullPeer().values();
        final var out = Router.newBuilder()
            .setRef(ref(router))
            .setLocalAddress(text(router.getLocalAddress()))
            .setLocalPort(port(router.getLocalPort()))
            .setState(state(router.getState()))
            .setSysName(nonNull(router.getSysName()))
            .setSysDescr(nonNull(router.getSysDescr()))
            .setTerminationReason(nonNull(router.getTerminationReason()))
            .setDevice(nonNull(router.getDevice()))
            .setDeviceMatch(nonNull(router.getDeviceMatch()))
            .setMessages(router.nonnullMessageCounter().values().stream()
                .mapToLong(c -> c.getMessages().getValue().longValue()).sum())
            .setDecodeErrors(router.getDecodeErrors() == null ? 0
                : router.getDecodeErrors().getValue().longValue())
            .setPeers(peers.size())
            .setPeersUp((int) peers.stream().filter(p -> p.getState() == SessionState.Up).count());
        if (router.getUpSince() != null) {
            out.setUpSince(timestamp(router.getUpSince()));
        }
        if (router.getLastMessage() != null) {
            out.setLastMessage(timestamp(router.getLastMessage()));
        }
        return out.build();
    }

    static PeerRef peerRef(
            final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.Peer peer) {
        return PeerRef.newBuilder()
            .setType(peer.getPeerType() == null ? 0 : peer.getPeerType().toJava())
            .setDistinguisher(nonNull(peer.getDistinguisher()))
            .setAddress(text(peer.getPeerAddress()))
            .setBgpId(peer.getBgpId() == null ? "" : peer.getBgpId().getValue())
            .build();
    }

    static Peer peer(final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.Peer
            peer) {
        final var out = Peer.newBuilder()
            .setRef(peerRef(peer))
            .setAs(peer.getPeerAs() == null ? 0 : (int) peer.getPeerAs().getValue().longValue())
            .setState(state(peer.getState()))
            .setDownReason(nonNull(peer.getDownReason()))
            .setVrfTableName(nonNull(peer.getVrfTableName()));
        if (peer.getUpSince() != null) {
            out.setUpSince(timestamp(peer.getUpSince()));
        }
        final var up = peer.getPeerUp();
        if (up != null) {
            out.setLocalAddress(text(up.getLocalAddress())).setLocalPort(port(up.getLocalPort()))
                .setRemotePort(port(up.getRemotePort()));
            if (up.getSentOpen() != null) {
                out.setSentOpen(open(up.getSentOpen()));
            }
            if (up.getReceivedOpen() != null) {
                out.setReceivedOpen(open(up.getReceivedOpen()));
            }
        }
        for (var count : peer.nonnullRouteCount().values()) {
            out.addRouteCounts(RouteCount.newBuilder().setRib(rib(count.getRib()))
                .setAddressFamily(nonNull(count.getAddressFamily()))
                .setRoutes(count.getRoutes() == null ? 0 : count.getRoutes().longValue()));
        }
        for (var stat : peer.nonnullStatistic().values()) {
            final var entry = Statistic.newBuilder()
                .setType(stat.getStatType() == null ? 0 : stat.getStatType().toJava())
                .setAfi(stat.getAfi() == null ? 0 : stat.getAfi().toJava())
                .setSafi(stat.getSafi() == null ? 0 : stat.getSafi().toJava())
                .setValue(stat.getValue() == null ? 0 : stat.getValue().longValue());
            if (stat.getReceived() != null) {
                entry.setReceived(timestamp(stat.getReceived()));
            }
            out.addStatistics(entry);
        }
        return out.build();
    }

    private static OpenMessage open(final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.OpenMessage
            open) {
        final var out = OpenMessage.newBuilder()
            .setVersion(open.getVersion() == null ? 0 : open.getVersion().toJava())
            .setMyAs(open.getMyAs() == null ? 0 : (int) open.getMyAs().toJava())
            .setHoldTime(open.getHoldTime() == null ? 0 : open.getHoldTime().toJava())
            .setBgpId(open.getBgpId() == null ? "" : open.getBgpId().getValue());
        if (open.getCapability() != null) {
            out.addAllCapabilities(open.getCapability());
        }
        return out.build();
    }

    static Rib rib(final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib rib) {
        if (rib == null) {
            return Rib.RIB_UNSPECIFIED;
        }
        return switch (rib) {
            case AdjRibInPrePolicy -> Rib.ADJ_RIB_IN_PRE_POLICY;
            case AdjRibInPostPolicy -> Rib.ADJ_RIB_IN_POST_POLICY;
            case LocRib -> Rib.LOC_RIB;
            case AdjRibOutPrePolicy -> Rib.ADJ_RIB_OUT_PRE_POLICY;
            case AdjRibOutPostPolicy -> Rib.ADJ_RIB_OUT_POST_POLICY;
        };
    }

    static Rib rib(final io.bmpfleet.rib.Rib rib) {
        return switch (rib) {
            case ADJ_RIB_IN_PRE -> Rib.ADJ_RIB_IN_PRE_POLICY;
            case ADJ_RIB_IN_POST -> Rib.ADJ_RIB_IN_POST_POLICY;
            case LOC_RIB -> Rib.LOC_RIB;
            case ADJ_RIB_OUT_PRE -> Rib.ADJ_RIB_OUT_PRE_POLICY;
            case ADJ_RIB_OUT_POST -> Rib.ADJ_RIB_OUT_POST_POLICY;
        };
    }

    /**
     * The store's RIB a selector names.
     *
     * @param rib the API's RIB
     * @return the store's, or null for "any"
     */
    static io.bmpfleet.rib.Rib storeRib(final Rib rib) {
        return switch (rib) {
            case ADJ_RIB_IN_PRE_POLICY -> io.bmpfleet.rib.Rib.ADJ_RIB_IN_PRE;
            case ADJ_RIB_IN_POST_POLICY -> io.bmpfleet.rib.Rib.ADJ_RIB_IN_POST;
            case LOC_RIB -> io.bmpfleet.rib.Rib.LOC_RIB;
            case ADJ_RIB_OUT_PRE_POLICY -> io.bmpfleet.rib.Rib.ADJ_RIB_OUT_PRE;
            case ADJ_RIB_OUT_POST_POLICY -> io.bmpfleet.rib.Rib.ADJ_RIB_OUT_POST;
            default -> null;
        };
    }

    static String state(final SessionState state) {
        return state == null ? "" : state.getName();
    }

    static String text(final IpAddress address) {
        return address == null ? "" : address.stringValue();
    }

    static int port(final PortNumber port) {
        return port == null ? 0 : port.getValue().toJava();
    }

    static String nonNull(final String text) {
        return text == null ? "" : text;
    }

    static Timestamp timestamp(final DateAndTime time) {
        return timestamp(OffsetDateTime.parse(time.getValue()).toInstant());
    }

    static Timestamp timestamp(final Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.bgp.BgpDecoder;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.bmp.codec.bgp.RouteDistinguisher;
import io.bmpfleet.grpc.v1.AddressFamily;
import io.bmpfleet.grpc.v1.AsPathSegment;
import io.bmpfleet.grpc.v1.Attributes;
import io.bmpfleet.grpc.v1.PeerRef;
import io.bmpfleet.grpc.v1.Route;
import io.bmpfleet.grpc.v1.RouteBatch;
import io.bmpfleet.grpc.v1.RouterRef;
import io.bmpfleet.rib.AttributeSet;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The API's form of the RIB store's routes: keys as text, the attribute set decoded by the codec. Routes share
 * attribute sets, so a view decodes each set once ({@link #attributes} keeps what it decoded; one view per call).
 */
final class RouteView {
    private final Map<AttributeSet, Attributes> decoded = new IdentityHashMap<>();
    private RouterId lastRouter;
    private TableKey lastTable;
    private RouterRef routerRef;
    private PeerRef peerRef;
    private AddressFamily family;

    static RouterRef router(final RouterId router) {
        return RouterRef.newBuilder().setAddress(router.address().getHostAddress()).setPort(router.port()).build();
    }

    static PeerRef peer(final PeerKey peer) {
        return PeerRef.newBuilder()
            .setType(peer.peerType())
            .setDistinguisher(RouteDistinguisher.format(peer.distinguisher()))
            .setAddress(peer.address().getHostAddress())
            .setBgpId(ipv4(peer.bgpId()))
            .build();
    }

    Route route(final RouterId router, final TableKey table, final io.bmpfleet.rib.Route route) {
        return base(router, table, route).setAttributes(attributes(route.attributes())).build();
    }

    /**
     * A route that names its attribute set instead of carrying it, and leaves its table to the batch (a Dump with
     * share_attributes).
     *
     * @param route the route
     * @param set the set's id in the stream
     * @return the route
     */
    static Route route(final io.bmpfleet.rib.Route route, final int set) {
        final var key = route.key();
        return Route.newBuilder()
            .setPrefix(key.prefix().toString())
            .setRouteDistinguisher(key.rd() == 0 ? "" : RouteDistinguisher.format(key.rd()))
            .setPathId(key.pathId())
            .setAttributeSet(set)
            .build();
    }

    /** The batch of one table's routes names the table once (a Dump with share_attributes). */
    static void table(final RouteBatch.Builder batch, final RouterId router, final TableKey table) {
        batch.setRouter(router(router)).setPeer(peer(table.peer())).setRib(Convert.rib(table.rib()))
            .setFamily(AddressFamily.newBuilder().setAfi(table.afiSafi().afi()).setSafi(table.afiSafi().safi()));
    }

    private Route.Builder base(final RouterId router, final TableKey table, final io.bmpfleet.rib.Route route) {
        if (!router.equals(lastRouter) || !table.equals(lastTable)) {
            // A dump or lookup goes table by table: what all routes of a table share is built once.
            lastRouter = router;
            lastTable = table;
            routerRef = router(router);
            peerRef = peer(table.peer());
            family = AddressFamily.newBuilder().setAfi(table.afiSafi().afi()).setSafi(table.afiSafi().safi())
                .build();
        }
        final var key = route.key();
        return Route.newBuilder()
            .setRouter(routerRef)
            .setPeer(peerRef)
            .setRib(Convert.rib(table.rib()))
            .setFamily(family)
            .setPrefix(key.prefix().toString())
            .setRouteDistinguisher(key.rd() == 0 ? "" : RouteDistinguisher.format(key.rd()))
            .setPathId(key.pathId());
    }

    /** A set's attributes, decoded once per view. */
    Attributes attributes(final AttributeSet set) {
        return decoded.computeIfAbsent(set, RouteView::decode);
    }

    static Attributes decode(final AttributeSet set) {
        final var out = Attributes.newBuilder();
        final java.util.List<PathAttribute> attributes;
        try {
            attributes = BgpDecoder.decodeAttributes(Unpooled.wrappedBuffer(set.asReadOnlyBuffer()), 4);
        } catch (BmpDecodeException e) {
            // The collector stored only attributes its codec had checked: this cannot happen with its own bytes.
            throw new IllegalStateException("stored attributes do not decode: " + e.getMessage(), e);
        }
        for (var attribute : attributes) {
            if (attribute instanceof PathAttribute.Origin origin) {
                out.setOrigin(origin.value());
            } else if (attribute instanceof PathAttribute.AsPath path) {
                for (var segment : path.segments()) {
                    final var seg = AsPathSegment.newBuilder().setType(segment.type());
                    segment.asns().forEach(as -> seg.addAsns(as.intValue()));
                    out.addAsPath(seg);
                    if (segment.type() == 2 && !segment.asns().isEmpty()) {
                        out.setOriginAs(segment.asns().get(segment.asns().size() - 1).intValue());
                    }
                }
            } else if (attribute instanceof PathAttribute.NextHop nextHop) {
                out.setNextHop(address(nextHop.address().toArray()));
            } else if (attribute instanceof PathAttribute.MpReach reach) {
                out.setNextHop(nextHop(reach.nextHop()));
            } else if (attribute instanceof PathAttribute.MultiExitDisc med) {
                out.setMed((int) med.value());
            } else if (attribute instanceof PathAttribute.LocalPref pref) {
                out.setLocalPref((int) pref.value());
            } else if (attribute instanceof PathAttribute.AtomicAggregate) {
                out.setAtomicAggregate(true);
            } else if (attribute instanceof PathAttribute.Aggregator aggregator) {
                out.setAggregatorAs((int) aggregator.asNumber())
                    .setAggregatorAddress(address(aggregator.address().toArray()));
            } else if (attribute instanceof PathAttribute.Communities communities) {
                communities.communities().forEach(c -> out.addCommunities((c >>> 16) + ":" + (c & 0xFFFF)));
            } else if (attribute instanceof PathAttribute.LargeCommunities large) {
                large.communities().forEach(c -> out.addLargeCommunities(c.globalAdmin() + ":" + c.localData1() + ":"
                    + c.localData2()));
            } else if (attribute instanceof PathAttribute.ExtendedCommunities extended) {
                extended.communities().forEach(c -> out.addExtendedCommunities(HexFormat.of().toHexDigits(c)));
            } else if (attribute instanceof PathAttribute.OriginatorId originator) {
                out.setOriginatorId(ipv4((int) originator.value()));
            } else if (attribute instanceof PathAttribute.ClusterList clusters) {
                clusters.clusterIds().forEach(id -> out.addClusterList(ipv4(id.intValue())));
            }
            // AS4_PATH, AS4_AGGREGATOR (a 4-octet session sends none) and unknown types are not part of the API.
        }
        return out.build();
    }

    /** MP_REACH_NLRI's next hop: IPv4 or IPv6 (the global one of a pair), after a VPN next hop's zero RD. */
    private static String nextHop(final Bytes hop) {
        final byte[] bytes = hop.toArray();
        return switch (bytes.length) {
            case 4, 16 -> address(bytes);
            case 32 -> address(Arrays.copyOf(bytes, 16));
            case 12, 24 -> address(Arrays.copyOfRange(bytes, 8, bytes.length));
            case 48 -> address(Arrays.copyOfRange(bytes, 8, 24));
            default -> HexFormat.of().formatHex(bytes);
        };
    }

    private static String address(final byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return HexFormat.of().formatHex(bytes);
        }
    }

    static String ipv4(final int value) {
        return (value >>> 24) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value & 0xFF);
    }
}

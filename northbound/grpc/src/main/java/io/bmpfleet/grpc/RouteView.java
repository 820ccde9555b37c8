/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.app.routes.RouteAttributes;
import io.bmpfleet.app.routes.RouteNames;
import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.bgp.RouteDistinguisher;
import io.bmpfleet.grpc.v1.AddressFamily;
import io.bmpfleet.grpc.v1.AsPathSegment;
import io.bmpfleet.grpc.v1.Attributes;
import io.bmpfleet.grpc.v1.PeerRef;
import io.bmpfleet.grpc.v1.Route;
import io.bmpfleet.grpc.v1.RouteBatch;
import io.bmpfleet.grpc.v1.RouterRef;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.AttributeSet;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The API's form of the RIB store's routes: keys as text, the attribute set decoded by the codec. Routes share
 * attribute sets, so a view decodes each set once ({@link #attributes} keeps what it decoded; one view per call).
 */
final class RouteView {
    // Per family: one attribute set serves an UPDATE's IPv4 routes (NEXT_HOP) and its others (MP_REACH_NLRI).
    private final Map<AfiSafi, Map<AttributeSet, Attributes>> decoded = new HashMap<>();
    private RouterId lastRouter;
    private TableKey lastTable;
    private RouterRef routerRef;
    private PeerRef peerRef;
    private AddressFamily family;

    static RouterRef router(final RouterId router) {
        return RouterRef.newBuilder().setAddress(AddressText.format(router.address())).setPort(router.port()).build();
    }

    static PeerRef peer(final PeerKey peer) {
        return PeerRef.newBuilder()
            .setType(peer.peerType())
            .setDistinguisher(RouteDistinguisher.format(peer.distinguisher()))
            .setAddress(AddressText.format(peer.address()))
            .setBgpId(AddressText.ipv4(peer.bgpId() & 0xFFFFFFFFL))
            .build();
    }

    Route route(final RouterId router, final TableKey table, final io.bmpfleet.rib.Route route) {
        return base(router, table, route).setAttributes(attributes(route.attributes(), table.afiSafi())).build();
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
            .setPrefix(RouteNames.prefixText(key.prefix()))
            .setRouteDistinguisher(key.rd() == 0 ? "" : RouteDistinguisher.format(key.rd()))
            .setPathId(key.pathId())
            .setAttributeSet(set)
            .build();
    }

    /**
     * A withdrawn route: its key and table, no attributes.
     *
     * @param router the session
     * @param table the table
     * @param key the route's key
     * @return the route
     */
    static Route withdrawn(final RouterId router, final TableKey table, final io.bmpfleet.rib.RouteKey key) {
        return Route.newBuilder()
            .setRouter(router(router))
            .setPeer(peer(table.peer()))
            .setRib(Convert.rib(table.rib()))
            .setFamily(AddressFamily.newBuilder().setAfi(table.afiSafi().afi()).setSafi(table.afiSafi().safi()))
            .setPrefix(RouteNames.prefixText(key.prefix()))
            .setRouteDistinguisher(key.rd() == 0 ? "" : RouteDistinguisher.format(key.rd()))
            .setPathId(key.pathId())
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
            .setPrefix(RouteNames.prefixText(key.prefix()))
            .setRouteDistinguisher(key.rd() == 0 ? "" : RouteDistinguisher.format(key.rd()))
            .setPathId(key.pathId());
    }

    /** A set's attributes for a family's routes, decoded once per view. */
    Attributes attributes(final AttributeSet set, final AfiSafi of) {
        return decoded.computeIfAbsent(of, f -> new IdentityHashMap<>()).computeIfAbsent(set, key -> decode(key, of));
    }

    /** A set's attributes as the API sends them, decoded by bmp-app's one decoder ({@link RouteAttributes}). */
    static Attributes decode(final AttributeSet set, final AfiSafi family) {
        final var decoded = RouteAttributes.decode(set);
        final var out = Attributes.newBuilder();
        if (decoded.origin() != null) {
            out.setOrigin(decoded.origin());
        }
        for (var segment : decoded.asPath()) {
            final var seg = AsPathSegment.newBuilder().setType(segment.type());
            segment.asns().forEach(as -> seg.addAsns(as.intValue()));
            out.addAsPath(seg);
        }
        if (decoded.originAs() != null) {
            out.setOriginAs(decoded.originAs().intValue());
        }
        final var nextHop = decoded.nextHop(family);
        if (nextHop != null) {
            out.setNextHop(nextHop);
        }
        if (decoded.med() != null) {
            out.setMed(decoded.med().intValue());
        }
        if (decoded.localPref() != null) {
            out.setLocalPref(decoded.localPref().intValue());
        }
        out.setAtomicAggregate(decoded.atomicAggregate());
        if (decoded.aggregatorAs() != null) {
            out.setAggregatorAs(decoded.aggregatorAs().intValue());
        }
        if (decoded.aggregatorAddress() != null) {
            out.setAggregatorAddress(decoded.aggregatorAddress());
        }
        out.addAllCommunities(decoded.communities()).addAllLargeCommunities(decoded.largeCommunities())
            .addAllExtendedCommunities(decoded.extendedCommunities()).addAllClusterList(decoded.clusterList());
        if (decoded.originatorId() != null) {
            out.setOriginatorId(decoded.originatorId());
        }
        return out.build();
    }
}

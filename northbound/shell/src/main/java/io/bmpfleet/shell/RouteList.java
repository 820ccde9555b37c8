/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.bgp.RouteDistinguisher;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.Route;
import io.bmpfleet.rib.RouteTable;
import io.bmpfleet.rib.RouterId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.Peer;

/**
 * {@code bmp:rib ROUTER PEER [PREFIX]}: the routes one peer of one router session reports in one RIB, per address
 * family, as the RIB store holds them (prefix, next hop, AS path, origin, MED, local preference, communities); with
 * a prefix or address, the longest match for it.
 */
public final class RouteList {
    /** Routes listed per table unless the operator asks for another limit. */
    public static final int DEFAULT_LIMIT = 100;

    /**
     * What the operator asked.
     *
     * @param router the router session, as {@link RouterName} reads it
     * @param peer the peer's address
     * @param peerRd the peer distinguisher, to choose among peers of one address; null when there is one
     * @param rib the RIB; null: Loc-RIB for a Loc-RIB instance peer, else the pre-policy Adj-RIB-In
     * @param family the address family; null: every family of the peer in that RIB (with a prefix, its unicast)
     * @param prefix the prefix or address to look up; null lists the routes
     * @param rd the route distinguisher of the lookup in a VPN family
     * @param limit the most routes listed per table
     */
    public record Query(String router, String peer, String peerRd, Rib rib, AfiSafi family, String prefix, long rd,
            int limit) {
    }

    private RouteList() {
        // static only
    }

    /**
     * Answers a query.
     *
     * @param fleet the fleet now, for the router sessions and their peers
     * @param tables the RIB store
     * @param query what the operator asked
     * @return the lines
     */
    public static List<String> lines(final Fleet fleet, final RouteTables tables, final Query query) {
        final var choice = RouterName.choose(fleet.routers(), query.router());
        if (choice.router() == null) {
            return choice.error();
        }
        final var router = choice.router();
        final var address = Addresses.of(router.getAddress());
        final var routerId = new RouterId(address, router.getPort() == null ? 0 : router.getPort().getValue()
            .toJava());
        final var peerAddress = Addresses.parse(query.peer());
        if (peerAddress == null) {
            return List.of("% " + query.peer() + " is no address: give the peer's address (see bmp:peers "
                + RouterName.of(router) + ")");
        }
        var peers = tables.peers(routerId).stream().filter(p -> p.address().equals(peerAddress)).toList();
        if (query.peerRd() != null) {
            final long rd;
            try {
                rd = RouteDistinguisher.parse(query.peerRd());
            } catch (IllegalArgumentException e) {
                return List.of("% " + e.getMessage());
            }
            peers = peers.stream().filter(p -> p.distinguisher() == rd).toList();
        }
        if (peers.isEmpty()) {
            return List.of("% Router " + RouterName.of(router) + " holds no routes of peer " + query.peer()
                + (query.peerRd() == null ? "" : " with distinguisher " + query.peerRd()));
        }
        if (peers.size() > 1) {
            return List.of("% Router " + RouterName.of(router) + " has " + peers.size() + " peers " + query.peer()
                + ", with distinguishers " + String.join(" ", peers.stream()
                    .map(p -> RouteDistinguisher.format(p.distinguisher())).toList()) + ": give --peer-rd");
        }
        final var peer = peers.get(0);
        final Prefix target;
        try {
            target = query.prefix() == null ? null : Prefix.parse(query.prefix());
        } catch (IllegalArgumentException e) {
            return List.of("% " + e.getMessage());
        }
        final var rib = query.rib() != null ? query.rib()
            : peer.peerType() == Rib.PEER_TYPE_LOC_RIB ? Rib.LOC_RIB : Rib.ADJ_RIB_IN_PRE;
        final var family = query.family() != null || target == null ? query.family()
            : target.isIpv6() ? AfiSafi.IPV6_UNICAST : AfiSafi.IPV4_UNICAST;
        final var chosen = tables.tables(routerId).stream()
            .filter(t -> t.key().peer().equals(peer) && t.key().rib() == rib)
            .filter(t -> family == null || t.key().afiSafi().equals(family))
            .sorted(Comparator.comparingInt((RouteTable t) -> t.key().afiSafi().afi())
                .thenComparingInt(t -> t.key().afiSafi().safi()))
            .toList();

        final var out = new ArrayList<String>();
        out.add("Router " + RouterName.of(router) + " peer " + describe(router, peer));
        if (chosen.isEmpty()) {
            final var held = tables.tables(routerId).stream()
                .filter(t -> t.key().peer().equals(peer) && t.size() > 0).map(RouteList::heading).sorted().toList();
            out.add("% No routes in " + Families.ribName(rib)
                + (family == null ? "" : " " + Families.familyName(family))
                + (held.isEmpty() ? "" : "; the peer's routes are in: " + String.join(", ", held)));
            return out;
        }
        for (var table : chosen) {
            out.add("");
            if (target == null) {
                list(table, query.limit(), out);
            } else {
                lookup(table, query.rd(), target, out);
            }
        }
        return out;
    }

    private static void list(final RouteTable table, final int limit, final List<String> out) {
        final int size = table.size();
        out.add(heading(table) + ": " + size + (size == 1 ? " route" : " routes"));
        if (size == 0) {
            return;
        }
        out.add("");
        out.addAll(rows(table, first(table, limit)).lines());
        if (size > limit) {
            out.add("... " + (size - limit) + " more; --limit shows more");
        }
    }

    private static void lookup(final RouteTable table, final long rd, final Prefix target, final List<String> out) {
        final var text = text(target);
        out.add(heading(table) + ": longest match for " + text);
        if (target.isIpv6() != table.key().afiSafi().isIpv6()) {
            out.add("% " + text + " is not of " + Families.familyName(table.key().afiSafi()));
            return;
        }
        final var routes = table.longestMatch(rd, target);
        if (routes.isEmpty()) {
            out.add("% No route matches " + text);
            return;
        }
        out.add("");
        out.addAll(rows(table, routes).lines());
    }

    /** The first routes in table order; a walk only where routes carry RDs (the lookup needs one RD). */
    private static List<Route> first(final RouteTable table, final int limit) {
        final var family = table.key().afiSafi();
        if (family.safi() != AfiSafi.VPNV4.safi()) {
            return table.moreSpecifics(0, family.isIpv6() ? Prefix.ipv6(0, 0, 0) : Prefix.ipv4(0, 0), limit);
        }
        final var routes = new ArrayList<Route>();
        table.forEach(route -> {
            if (routes.size() < limit) {
                routes.add(route);
            }
        });
        return routes;
    }

    private static Columns rows(final RouteTable table, final List<Route> routes) {
        final var columns = new Columns("Prefix", "Next Hop", "AS Path", "Origin", "MED", "LocPrf", "Communities");
        for (var route : routes) {
            final var attributes = RouteAttributes.of(route.attributes(), table.key().afiSafi());
            columns.row(key(route), attributes.nextHop(), attributes.asPath(), attributes.origin(), attributes.med(),
                attributes.localPref(), attributes.communities());
        }
        return columns;
    }

    private static String heading(final RouteTable table) {
        return Families.ribName(table.key().rib()) + " " + Families.familyName(table.key().afiSafi());
    }

    /**
     * A route's key as the console writes it: {@code [RD ]PREFIX[ path ID]}.
     *
     * @param route the route
     * @return the text
     */
    static String key(final Route route) {
        final var key = route.key();
        return (key.rd() != 0 ? RouteDistinguisher.format(key.rd()) + " " : "") + text(key.prefix())
            + (key.pathId() != 0 ? " path " + Integer.toUnsignedString(key.pathId()) : "");
    }

    /**
     * A prefix with its address in canonical text (RFC 5952 for IPv6).
     *
     * @param prefix the prefix
     * @return e.g. 2001:db8::/32
     */
    static String text(final Prefix prefix) {
        return AddressText.format(prefix.addressBytes()) + "/" + prefix.length();
    }

    /** The peer as the session's state describes it: address, type, distinguisher, AS. */
    private static String describe(final Router router, final PeerKey key) {
        final Optional<Peer> peer = router.nonnullPeer().values().stream()
            .filter(p -> key.address().equals(Addresses.of(p.getPeerAddress())))
            .filter(p -> p.getPeerType() == null || p.getPeerType().toJava() == key.peerType())
            .filter(p -> RouteDistinguisher.format(key.distinguisher()).equals(p.getDistinguisher()))
            .findFirst();
        final var sb = new StringBuilder(Addresses.format(key.address())).append(" (");
        sb.append(peer.map(PeerList::type).orElse(String.valueOf(key.peerType())));
        if (key.distinguisher() != 0) {
            sb.append(", RD ").append(RouteDistinguisher.format(key.distinguisher()));
        }
        peer.filter(p -> p.getPeerAs() != null).ifPresent(p -> sb.append(", AS ").append(p.getPeerAs().getValue()));
        return sb.append(')').toString();
    }
}

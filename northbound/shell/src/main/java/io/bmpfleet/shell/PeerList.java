/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.Peer;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.RouteCount;

/**
 * {@code bmp:peers ROUTER}: the monitored peers of one router session as RFC 7854's per-peer header keys them (type,
 * distinguisher, address, BGP ID), with AS, state, uptime, routes held and the last Peer Down reason; then the
 * routes per RIB and address family.
 */
public final class PeerList {
    static final Comparator<Peer> PEER_ORDER = Comparator
        .comparingInt((Peer p) -> p.getPeerType() == null ? 0 : p.getPeerType().toJava())
        .thenComparing(p -> String.valueOf(p.getDistinguisher()))
        .thenComparing(p -> Addresses.of(p.getPeerAddress()), Comparator.nullsLast(Addresses.ORDER));

    private PeerList() {
        // static only
    }

    /**
     * The peers of the session a token names.
     *
     * @param fleet the fleet now
     * @param token the router session, as {@link RouterName} reads it
     * @return the lines
     */
    public static List<String> lines(final Fleet fleet, final String token) {
        final var choice = RouterName.choose(fleet.routers(), token);
        return choice.router() == null ? choice.error() : lines(fleet, choice.router());
    }

    static List<String> lines(final Fleet fleet, final Router router) {
        final var peers = router.nonnullPeer().values().stream().sorted(PEER_ORDER).toList();
        final var out = new ArrayList<String>();
        out.add("Router " + RouterName.of(router) + " sysName " + orDash(router.getSysName()) + " device "
            + orDash(router.getDevice()) + " state " + RouterList.state(router));
        out.add("Number of peers: " + peers.size() + ", up: "
            + peers.stream().filter(p -> p.getState() == SessionState.Up).count());
        out.add("");
        final var table = new Columns("Type", "RD", "Peer", "AS", "BGP ID", "State", "Uptime", "Routes", "Reason");
        final var counts = new Columns("Peer", "RIB", "Family", "Routes");
        for (var peer : peers) {
            final var routeCounts = peer.nonnullRouteCount().values().stream()
                .sorted(Comparator.comparing((RouteCount c) -> c.getRib().getIntValue())
                    .thenComparing(RouteCount::getAddressFamily)).toList();
            final long routes = routeCounts.stream().mapToLong(c -> c.getRoutes() == null ? 0
                : c.getRoutes().longValue()).sum();
            table.row(type(peer), distinguisher(peer), Addresses.text(peer.getPeerAddress()),
                peer.getPeerAs() == null ? null : peer.getPeerAs().getValue(),
                peer.getBgpId() == null ? null : peer.getBgpId().getValue(), RouterList.state(peer.getState()),
                peer.getState() == SessionState.Up ? Elapsed.since(peer.getUpSince(), fleet.now()) : null, routes,
                peer.getDownReason());
            routeCounts.forEach(c -> counts.row(Addresses.text(peer.getPeerAddress()), c.getRib().getName(),
                c.getAddressFamily(), c.getRoutes()));
        }
        out.addAll(table.lines());
        if (!counts.isEmpty()) {
            out.add("");
            out.addAll(counts.lines());
        }
        return out;
    }

    /**
     * The per-peer header's peer type in words (RFC 7854 section 4.2, RFC 9069).
     *
     * @param peer the peer
     * @return global, rd, local, loc-rib, or the number
     */
    static String type(final Peer peer) {
        final int type = peer.getPeerType() == null ? 0 : peer.getPeerType().toJava();
        return switch (type) {
            case 0 -> "global";
            case 1 -> "rd";
            case 2 -> "local";
            case 3 -> "loc-rib";
            default -> String.valueOf(type);
        };
    }

    /**
     * The peer distinguisher; {@code -} when it is zero, as it is for global instance peers.
     *
     * @param peer the peer
     * @return the text
     */
    static String distinguisher(final Peer peer) {
        final var rd = peer.getDistinguisher();
        return rd == null || "0:0".equals(rd) ? "-" : rd;
    }

    private static String orDash(final String text) {
        return text == null ? "-" : text;
    }
}

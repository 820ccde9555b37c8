/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.routes;

import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RouteTable;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which of the RIB store's tables a lookup or dump searches. Every part is optional (null): absent parts pick
 * everything.
 *
 * @param routerAddress only router sessions from this address
 * @param routerPort with {@code routerAddress}: only the session from this source port
 * @param peerAddress only peers with this address (any peer type and distinguisher)
 * @param peer only this peer (type, distinguisher, address and BGP identifier)
 * @param rib only this RIB
 * @param family only this AFI/SAFI
 */
public record TableSelection(InetAddress routerAddress, Integer routerPort, InetAddress peerAddress, PeerKey peer,
        Rib rib, AfiSafi family) {
    /** Every table. */
    public static final TableSelection ALL = new TableSelection(null, null, null, null, null, null);

    /** How tables are ordered in answers: router session (address text, port), then peer address, RIB, family. */
    private static final Comparator<Picked> ORDER = Comparator
        .comparing((Picked p) -> p.router().address().getHostAddress())
        .thenComparingInt(p -> p.router().port())
        .thenComparing(p -> p.table().key().peer().address().getHostAddress())
        .thenComparing(p -> p.table().key().rib())
        .thenComparingInt(p -> p.table().key().afiSafi().afi())
        .thenComparingInt(p -> p.table().key().afiSafi().safi());

    /**
     * One table a selection picked, with its router session.
     *
     * @param router the session
     * @param table the table
     */
    public record Picked(RouterId router, RouteTable table) {
    }

    public TableSelection {
        if (routerPort != null && routerAddress == null) {
            throw new IllegalArgumentException("a router port (" + routerPort + ") needs the router's address");
        }
    }

    /**
     * Whether the selection picks a router session.
     *
     * @param router the session
     * @return true when it does
     */
    public boolean picks(final RouterId router) {
        return (routerAddress == null || routerAddress.equals(router.address()))
            && (routerPort == null || routerPort == router.port());
    }

    /**
     * Whether the selection picks a table of a picked router session.
     *
     * @param table the table's key
     * @return true when it does
     */
    public boolean picks(final TableKey table) {
        return picksPeer(table.peer())
            && (rib == null || rib == table.rib())
            && (family == null || family.equals(table.afiSafi()));
    }

    /**
     * Whether the selection picks any table of a peer (of a picked router session).
     *
     * @param peerKey the peer
     * @return true when it does
     */
    public boolean picksPeer(final PeerKey peerKey) {
        return (peerAddress == null || peerAddress.equals(peerKey.address()))
            && (peer == null || peer.equals(peerKey));
    }

    /**
     * The tables the selection picks, in answer order.
     *
     * @param tables the RIB store
     * @param ipv6 only IPv6 (true) or IPv4 (false) tables, or both (null)
     * @return the tables
     */
    public List<Picked> select(final RouteTables tables, final Boolean ipv6) {
        final var out = new ArrayList<Picked>();
        for (var router : tables.routers()) {
            if (!picks(router)) {
                continue;
            }
            for (var table : tables.tables(router)) {
                final var key = table.key();
                if ((ipv6 == null || key.afiSafi().isIpv6() == ipv6) && picks(key)) {
                    out.add(new Picked(router, table));
                }
            }
        }
        out.sort(ORDER);
        return out;
    }
}

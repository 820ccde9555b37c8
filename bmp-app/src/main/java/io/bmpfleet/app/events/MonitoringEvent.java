/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.events;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;

/**
 * Something that happened on a router's BMP session.
 */
public sealed interface MonitoringEvent {
    /**
     * When the collector saw it.
     *
     * @return the time
     */
    Instant time();

    /**
     * The router session it happened on.
     *
     * @return the router's address and port
     */
    InetSocketAddress router();

    /**
     * A monitored peer as BMP identifies it (RFC 7854 section 4.2).
     *
     * @param peerType 0 global, 1 RD, 2 local, 3 Loc-RIB instance
     * @param distinguisher the peer distinguisher
     * @param address peer address
     * @param as peer AS
     * @param bgpId peer BGP identifier
     */
    record Peer(int peerType, long distinguisher, InetAddress address, long as, long bgpId) {
    }

    /** A router's BMP session came up. */
    record SessionUp(Instant time, InetSocketAddress router) implements MonitoringEvent {
    }

    /** A router's BMP session ended. */
    record SessionDown(Instant time, InetSocketAddress router, String reason) implements MonitoringEvent {
    }

    /** A Peer Up Notification. */
    record PeerUp(Instant time, InetSocketAddress router, Peer peer) implements MonitoringEvent {
    }

    /** A Peer Down Notification. */
    record PeerDown(Instant time, InetSocketAddress router, Peer peer, String reason) implements MonitoringEvent {
    }

    /** A Statistics Report: statistics type (with AFI/SAFI for per-family types, as "type/afi/safi") to value. */
    record Statistics(Instant time, InetSocketAddress router, Peer peer, Map<String, Long> values)
            implements MonitoringEvent {
    }

    /** What one UPDATE changed in a RIB. */
    record RouteChanges(Instant time, InetSocketAddress router, Peer peer, String rib, int announced,
            int withdrawn) implements MonitoringEvent {
    }
}

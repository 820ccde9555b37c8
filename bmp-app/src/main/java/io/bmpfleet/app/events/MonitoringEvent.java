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
     * When the router says it happened: the per-peer header's timestamp (RFC 7854 section 4.2), for the events of
     * a peer.
     *
     * @return the time, or null when the event has none or the router sent 0
     */
    default Instant bmpTime() {
        return null;
    }

    /**
     * A per-peer header's timestamp.
     *
     * @param seconds seconds since the epoch
     * @param micros microseconds
     * @return the time, or null for 0 (a router that does not set it)
     */
    static Instant bmpTime(final long seconds, final long micros) {
        return seconds == 0 && micros == 0 ? null : Instant.ofEpochSecond(seconds, micros * 1000);
    }

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
    record PeerUp(Instant time, InetSocketAddress router, Peer peer, Instant bmpTime) implements MonitoringEvent {
        public PeerUp(final Instant time, final InetSocketAddress router, final Peer peer) {
            this(time, router, peer, null);
        }
    }

    /** A Peer Down Notification. */
    record PeerDown(Instant time, InetSocketAddress router, Peer peer, String reason, Instant bmpTime)
            implements MonitoringEvent {
        public PeerDown(final Instant time, final InetSocketAddress router, final Peer peer, final String reason) {
            this(time, router, peer, reason, null);
        }
    }

    /** A Statistics Report: statistics type (with AFI/SAFI for per-family types, as "type/afi/safi") to value. */
    record Statistics(Instant time, InetSocketAddress router, Peer peer, Map<String, Long> values,
            Instant bmpTime) implements MonitoringEvent {
        public Statistics(final Instant time, final InetSocketAddress router, final Peer peer,
                final Map<String, Long> values) {
            this(time, router, peer, values, null);
        }
    }

    /** What one UPDATE changed in a RIB. */
    record RouteChanges(Instant time, InetSocketAddress router, Peer peer, String rib, int announced,
            int withdrawn, Instant bmpTime) implements MonitoringEvent {
        public RouteChanges(final Instant time, final InetSocketAddress router, final Peer peer, final String rib,
                final int announced, final int withdrawn) {
            this(time, router, peer, rib, announced, withdrawn, null);
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.events;

import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.rib.AttributeSet;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Rib;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
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
     * @return the router's address and port, or null for an event of no session (a device's push)
     */
    InetSocketAddress router();

    /** How much detail an event is: subscriptions get the state events and, when they ask, the others. */
    enum Level {
        /** Sessions, peers, statistics, route counts, device syncs: every subscription gets them. */
        STATE,
        /** Every UPDATE's routes and every cleared table ({@link RouteUpdate}, {@link TablesCleared}). */
        ROUTES,
        /** Every BMP message as received ({@link RawMessage}). */
        RAW
    }

    /**
     * The event's level: subscriptions get {@link Level#STATE} events and the levels they asked for.
     *
     * @return the level
     */
    default Level level() {
        return Level.STATE;
    }

    /**
     * About how much heap the event holds, for subscriptions bounded by bytes (the one owner of that estimate).
     *
     * @return bytes
     */
    default int heapBytes() {
        return 128;
    }

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

    /**
     * A router's Initiation message (RFC 7854 section 4.3).
     *
     * @param time when the collector saw it
     * @param router the session
     * @param sysName the sysName TLV, or null
     * @param sysDescr the sysDescr TLV, or null
     */
    record Initiation(Instant time, InetSocketAddress router, String sysName, String sysDescr)
            implements MonitoringEvent {
    }

    /**
     * One BMP message exactly as the router sent it, common header included (raw level: built only for
     * subscriptions that ask, see {@link EventBus#subscribe(int, java.util.Set)}). Framed messages are passed on
     * before they are decoded, so messages that do not decode are here too.
     *
     * @param time when the collector received it
     * @param router the session
     * @param message the message's bytes (not to be changed)
     */
    record RawMessage(Instant time, InetSocketAddress router, byte[] message) implements MonitoringEvent {
        @Override
        public Level level() {
            return Level.RAW;
        }

        @Override
        public int heapBytes() {
            return 96 + message.length;
        }
    }

    /** A router's BMP session ended. */
    record SessionDown(Instant time, InetSocketAddress router, String reason) implements MonitoringEvent {
    }

    /**
     * A Peer Up Notification.
     *
     * @param time when the collector saw it
     * @param router the session
     * @param peer the peer
     * @param bmpTime the per-peer header's timestamp, or null
     * @param notification the message as decoded (session addresses and ports, both OPENs), or null
     */
    record PeerUp(Instant time, InetSocketAddress router, Peer peer, Instant bmpTime,
            BmpMessage.PeerUpNotification notification) implements MonitoringEvent {
        public PeerUp(final Instant time, final InetSocketAddress router, final Peer peer) {
            this(time, router, peer, null, null);
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

    /**
     * The routes one UPDATE changed in a RIB, as the store applied them (route-level: built only for subscriptions
     * that ask, see {@link EventBus#subscribe(int, boolean)}). Withdrawals came first on the wire and were applied
     * first. Routes of families the store does not keep are left out.
     *
     * @param time when the collector applied it
     * @param router the session
     * @param peer the peer as the store keys its tables
     * @param rib the RIB
     * @param attributes the announced routes' attributes (null when the UPDATE announced nothing)
     * @param announced routes added or given new attributes
     * @param withdrawn routes withdrawn (including ones that were not there)
     * @param bmpTime the per-peer header's timestamp, or null
     */
    record RouteUpdate(Instant time, InetSocketAddress router, PeerKey peer, Rib rib, AttributeSet attributes,
            RouteKeys announced, RouteKeys withdrawn, Instant bmpTime) implements MonitoringEvent {
        @Override
        public Level level() {
            return Level.ROUTES;
        }

        @Override
        public int heapBytes() {
            // the keys' arrays: family, two address words, length and path ID per route
            return 160 + 32 * (announced.size() + withdrawn.size());
        }
    }

    /**
     * Tables the store dropped whole: a peer's (Peer Down) or, with no peer, all of a session's (it ended).
     * Route-level, like {@link RouteUpdate}.
     *
     * @param time when
     * @param router the session
     * @param peer the peer whose tables went, or null for every table of the session
     * @param routes how many routes went
     */
    record TablesCleared(Instant time, InetSocketAddress router, PeerKey peer, int routes) implements MonitoringEvent {
        @Override
        public Level level() {
            return Level.ROUTES;
        }
    }

    /**
     * What the reconciler did on a device: a push, a check or a drift repair, or a change of its status.
     *
     * @param time when it ended
     * @param device the device's name
     * @param job "apply", "drift-check" or "check-only"
     * @param status the device's sync status after it (as in its state)
     * @param changes the commands pushed (or, for a check, that a push would send)
     * @param driftRepaired whether a drift was found and repaired
     * @param error why it failed, or null
     */
    record DeviceSync(Instant time, String device, String job, String status, List<String> changes,
            boolean driftRepaired, String error) implements MonitoringEvent {
        public DeviceSync {
            changes = List.copyOf(changes);
        }

        @Override
        public InetSocketAddress router() {
            return null;
        }
    }
}

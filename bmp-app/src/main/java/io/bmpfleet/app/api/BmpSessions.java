/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.api;

import io.bmpfleet.bmp.collector.RouterState.RouterSnapshot;
import java.util.List;

/**
 * The router sessions the collector holds now, as consistent snapshots (each one taken under its session's lock):
 * Initiation, peers with their Peer Up and Peer Down, statistics, counters. The collector's own view, before it is
 * mapped into the state model (see {@link MonitoringState} for that).
 */
public interface BmpSessions {
    /**
     * A snapshot of every session, live and recently ended.
     *
     * @return the sessions
     */
    List<RouterSnapshot> sessions();

    /**
     * Connections the collector refused (source not allowed, size limits), since it started.
     *
     * @return the count
     */
    long refusedConnections();

    /**
     * The listeners open to every source beyond loopback: bound to a non-loopback address while the intent's
     * allowed-source is empty.
     *
     * @return one text per listener, "listener NAME on ADDRESS:PORT"
     */
    List<String> openDoors();
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.api;

import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RouteTable;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The collector's route tables, read-only: per router session, peer, RIB and AFI/SAFI. A {@link RouteTable} offers
 * exact, longest-prefix and more-specific lookups and a chunked walk; readers may run on any thread at any time
 * and never block a router's session for long (see {@link RouteTable}). A router session's tables are emptied when
 * the session ends, a peer's when it goes down.
 */
public interface RouteTables {
    /**
     * The router sessions that hold at least one table.
     *
     * @return their ids (address and source port of the session)
     */
    Set<RouterId> routers();

    /**
     * Every table of one router session.
     *
     * @param router the session
     * @return its tables, empty when it has none
     */
    List<RouteTable> tables(RouterId router);

    /**
     * One table.
     *
     * @param router the session
     * @param table peer, RIB and AFI/SAFI
     * @return the table, if it holds or held routes
     */
    Optional<RouteTable> table(RouterId router, TableKey table);

    /**
     * Route counts of one router session, per table; reading them takes no lock.
     *
     * @param router the session
     * @return routes per table
     */
    Map<TableKey, Integer> counts(RouterId router);

    /**
     * What one router session sent that the RIB does not keep as routes, per AFI/SAFI: EVPN routes one by one, and
     * families the codec does not decode (flowspec, MVPN, RT constraint, ...) one per NLRI field.
     *
     * @param router the session
     * @return counts per family, empty when everything was kept
     */
    Map<AfiSafi, Long> notKept(RouterId router);

    /**
     * The peers one router session has tables for.
     *
     * @param router the session
     * @return the peers
     */
    Set<PeerKey> peers(RouterId router);

    /**
     * How many distinct attribute sets all routes share.
     *
     * @return the number of interned sets
     */
    int attributeSetCount();

    /**
     * A RIB store seen through this interface (read-only: the view has no writer).
     *
     * @param store the store
     * @return the view
     */
    static RouteTables of(final RibStore store) {
        return new RibStoreTables(store);
    }
}

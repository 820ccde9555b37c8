/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.api;

import static java.util.Objects.requireNonNull;

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
 * {@link RouteTables} over a RIB store: its read methods only. The collector's feeder is one (it owns the store it
 * writes); tests and tools wrap a store of their own with {@link RouteTables#of}.
 */
public class RibStoreTables implements RouteTables {
    private final RibStore store;

    /**
     * A view of a store.
     *
     * @param store the store
     */
    public RibStoreTables(final RibStore store) {
        this.store = requireNonNull(store);
    }

    @Override
    public final Set<RouterId> routers() {
        return store.routers();
    }

    @Override
    public final List<RouteTable> tables(final RouterId router) {
        return store.tables(router);
    }

    @Override
    public final Optional<RouteTable> table(final RouterId router, final TableKey table) {
        return store.table(router, table);
    }

    @Override
    public final Map<TableKey, Integer> counts(final RouterId router) {
        return store.counts(router);
    }

    /** A bare store keeps no such counts: the collector's feeder does. */
    @Override
    public Map<AfiSafi, Long> notKept(final RouterId router) {
        return Map.of();
    }

    @Override
    public final Set<PeerKey> peers(final RouterId router) {
        return store.peers(router);
    }

    @Override
    public final int attributeSetCount() {
        return store.attributeSetCount();
    }
}

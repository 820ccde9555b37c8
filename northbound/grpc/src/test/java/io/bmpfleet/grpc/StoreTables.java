/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RouteTable;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A RIB store filled by a test, seen as the read-only service the server reads (as bmp-app's SessionFeeder is). */
record StoreTables(RibStore store) implements RouteTables {
    @Override
    public Set<RouterId> routers() {
        return store.routers();
    }

    @Override
    public List<RouteTable> tables(final RouterId router) {
        return store.tables(router);
    }

    @Override
    public Optional<RouteTable> table(final RouterId router, final TableKey table) {
        return store.table(router, table);
    }

    @Override
    public Map<TableKey, Integer> counts(final RouterId router) {
        return store.counts(router);
    }

    @Override
    public Set<PeerKey> peers(final RouterId router) {
        return store.peers(router);
    }

    @Override
    public int attributeSetCount() {
        return store.attributeSetCount();
    }
}

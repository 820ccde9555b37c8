/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The RIB store: routes per router, peer, RIB and AFI/SAFI, each pointing to an interned {@link AttributeSet}.
 *
 * <p>Writers: each router session has one writer thread (the collector's session worker). It writes every Route
 * Monitoring message through its {@link #writer} ({@link #apply} is the same with update objects, for tools and
 * tests), calls {@link #clearPeer} on Peer Down and {@link #clearRouter} when the session ends. Writes for
 * different routers run in parallel: there is no store-wide lock, only the concurrent maps of routers and tables
 * and one lock per {@link RouteTable}.
 *
 * <p>Readers (RESTCONF, gRPC, shell) look routes up through {@link #table} and read counts through
 * {@link #count} and {@link #counts}; they may run on any thread at any time.
 *
 * <p>Memory: routes are packed into primitive arrays (see {@link RouteTable}); attribute sets are shared by every
 * route, peer and router with equal bytes and freed when their last route goes (see {@link AttributeInterner}).
 */
public final class RibStore {
    private final AttributeInterner interner = new AttributeInterner();
    private final ConcurrentHashMap<RouterId, RouterTables> routers = new ConcurrentHashMap<>();

    /** The tables of one router. */
    private static final class RouterTables {
        final ConcurrentHashMap<TableKey, RouteTable> tables = new ConcurrentHashMap<>();
    }

    /**
     * Applies one UPDATE of a peer's RIB: every withdrawal first, then every announcement, as RFC 4271 section
     * 9.1 reads the message.
     *
     * @param router the router whose session carried the update
     * @param peer the peer from the per-peer header
     * @param rib the RIB from the per-peer header ({@link Rib#of})
     * @param update the changes
     * @return what changed
     * @throws IllegalArgumentException when a family is not keyed by prefix or a prefix is of the wrong family
     */
    public UpdateResult apply(final RouterId router, final PeerKey peer, final Rib rib, final RibUpdate update) {
        final var counter = new UpdateResult.Counter();
        final var existing = routers.get(router);
        for (var entry : update.withdrawn().entrySet()) {
            final var table = existing == null ? null : existing.tables.get(new TableKey(peer, rib, entry.getKey()));
            if (table == null) {
                counter.countUnknownWithdrawals(entry.getValue().size());
            } else {
                table.removeAll(entry.getValue(), counter);
            }
        }
        if (!update.announced().isEmpty()) {
            final var tables = tablesOf(router);
            final var bytes = update.attributesNoCopy();
            // The update holds one reference while it runs, so the set cannot leave the interner between routes.
            final var set = interner.acquire(bytes, 0, bytes.length);
            try {
                for (var entry : update.announced().entrySet()) {
                    tableOf(tables, new TableKey(peer, rib, entry.getKey())).putAll(entry.getValue(), set, counter);
                }
            } finally {
                interner.release(set);
            }
        }
        return counter.result();
    }

    /**
     * Announces one route: adds it or replaces its attributes.
     *
     * @param router the router
     * @param table the peer, RIB and family
     * @param key the route's key
     * @param attributes the canonical attribute bytes (see {@link RibUpdate})
     * @return true when the route is new
     */
    public boolean announce(final RouterId router, final TableKey table, final RouteKey key,
            final byte[] attributes) {
        final var set = interner.acquire(attributes, 0, attributes.length);
        try {
            return tableOf(tablesOf(router), table).put(key, set) == RouteTable.PutOutcome.ADDED;
        } finally {
            interner.release(set);
        }
    }

    /**
     * Withdraws one route.
     *
     * @param router the router
     * @param table the peer, RIB and family
     * @param key the route's key
     * @return true when the route was present
     */
    public boolean withdraw(final RouterId router, final TableKey table, final RouteKey key) {
        final var found = find(router, table);
        return found != null && found.remove(key);
    }

    /**
     * Drops every route of a peer, in all its RIBs and families (Peer Down, RFC 7854 section 4.9).
     *
     * @param router the router
     * @param peer the peer
     * @return the number of routes dropped
     */
    public int clearPeer(final RouterId router, final PeerKey peer) {
        final var tables = routers.get(router);
        if (tables == null) {
            return 0;
        }
        int dropped = 0;
        for (var entry : tables.tables.entrySet()) {
            if (entry.getKey().peer().equals(peer) && tables.tables.remove(entry.getKey(), entry.getValue())) {
                dropped += entry.getValue().retire();
            }
        }
        return dropped;
    }

    /**
     * Drops every route of a router (its BMP session ended).
     *
     * @param router the router
     * @return the number of routes dropped
     */
    public int clearRouter(final RouterId router) {
        final var tables = routers.remove(router);
        if (tables == null) {
            return 0;
        }
        int dropped = 0;
        for (var table : tables.tables.values()) {
            dropped += table.retire();
        }
        return dropped;
    }

    /**
     * The table of a router's peer, RIB and family, for lookups and dumps. A table cleared by {@link #clearPeer}
     * or {@link #clearRouter} stays empty for whoever still holds it; look the table up again to see routes
     * announced after the clear.
     *
     * @param router the router
     * @param table the peer, RIB and family
     * @return the table, or empty when it holds no routes yet
     */
    public Optional<RouteTable> table(final RouterId router, final TableKey table) {
        return Optional.ofNullable(find(router, table));
    }

    /**
     * The number of routes in one table; O(1).
     *
     * @param router the router
     * @param table the peer, RIB and family
     * @return the count, 0 when the table does not exist
     */
    public int count(final RouterId router, final TableKey table) {
        final var found = find(router, table);
        return found == null ? 0 : found.size();
    }

    /**
     * The route counts of every table of a router, for the operational datastore.
     *
     * @param router the router
     * @return table key to route count
     */
    public Map<TableKey, Integer> counts(final RouterId router) {
        final var tables = routers.get(router);
        return tables == null ? Map.of()
            : tables.tables.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> entry.getValue().size()));
    }

    /**
     * The routers with at least one table.
     *
     * @return a snapshot
     */
    public Set<RouterId> routers() {
        return Set.copyOf(routers.keySet());
    }

    /**
     * The tables of a router.
     *
     * @param router the router
     * @return a snapshot of its tables
     */
    public List<RouteTable> tables(final RouterId router) {
        final var tables = routers.get(router);
        return tables == null ? List.of() : List.copyOf(tables.tables.values());
    }

    /**
     * The peers of a router that have at least one table.
     *
     * @param router the router
     * @return a snapshot
     */
    public Set<PeerKey> peers(final RouterId router) {
        return tables(router).stream().map(table -> table.key().peer()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The number of distinct attribute sets in use across the store.
     *
     * @return the count
     */
    public int attributeSetCount() {
        return interner.size();
    }

    /**
     * Route counts of a router grouped by a function of the table key (for instance per RIB), sorted.
     *
     * @param router the router
     * @param group the grouping
     * @param <K> the group type
     * @return group to route count
     */
    public <K extends Comparable<K>> Map<K, Long> countsBy(final RouterId router,
            final Function<TableKey, K> group) {
        final var out = new TreeMap<K, Long>();
        for (var table : tables(router)) {
            out.merge(group.apply(table.key()), (long) table.size(), Long::sum);
        }
        return out;
    }

    /**
     * A writer for one router session's Route Monitoring: primitives in, no object per route.
     *
     * @param router the router
     * @return a new writer, for the session's thread only
     */
    public RibWriter writer(final RouterId router) {
        return new RibWriter(this, router);
    }

    AttributeInterner interner() {
        return interner;
    }

    RouteTable find(final RouterId router, final TableKey table) {
        final var tables = routers.get(router);
        return tables == null ? null : tables.tables.get(table);
    }

    private RouterTables tablesOf(final RouterId router) {
        return routers.computeIfAbsent(router, unused -> new RouterTables());
    }

    RouteTable tableOf(final RouterId router, final TableKey key) {
        return tableOf(tablesOf(router), key);
    }

    private RouteTable tableOf(final RouterTables tables, final TableKey key) {
        return tables.tables.computeIfAbsent(key, unused -> new RouteTable(key, interner));
    }
}

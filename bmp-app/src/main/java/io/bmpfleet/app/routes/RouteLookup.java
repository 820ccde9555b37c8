/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.routes;

import static java.util.Objects.requireNonNull;

import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Route;
import io.bmpfleet.rib.RouteTable;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A route lookup over the RIB store: the routes of one prefix, the longest prefix covering it, the routes within
 * it or the routes covering it, in every table a {@link TableSelection} picks (only tables of the prefix's IP
 * version), in table order, at most {@code limit} routes.
 *
 * @param tables which tables
 * @param prefix the prefix or host address
 * @param match how to match it
 * @param rd the route distinguisher (VPN families), 0 for none
 * @param pathId only this Add-Path path ID, or null for every path
 * @param limit at most this many routes, at least 1
 */
public record RouteLookup(TableSelection tables, Prefix prefix, Match match, long rd, Integer pathId, int limit) {
    /** The limit when a caller gives none. */
    public static final int DEFAULT_LIMIT = 1000;

    /** How a prefix is matched against a table's routes. */
    public enum Match {
        /** The prefix itself. */
        EXACT,
        /** The most specific route that covers the prefix (or address). */
        LONGEST_PREFIX,
        /** The prefix and every route inside it. */
        MORE_SPECIFIC,
        /** Every route that covers the prefix, the prefix included. */
        LESS_SPECIFIC
    }

    /**
     * One route found, with where it was found.
     *
     * @param router the router session
     * @param table the table
     * @param route the route
     */
    public record Found(RouterId router, TableKey table, Route route) {
    }

    /**
     * What a lookup found.
     *
     * @param routes the routes, in table order
     * @param truncated whether the limit cut the answer
     */
    public record Answer(List<Found> routes, boolean truncated) {
        public Answer {
            routes = List.copyOf(routes);
        }
    }

    public RouteLookup {
        requireNonNull(tables);
        requireNonNull(prefix);
        requireNonNull(match);
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, not " + limit);
        }
    }

    /**
     * Runs the lookup. Each table is read under its own read lock (see {@link RouteTable}); the answer is
     * consistent per table.
     *
     * @param store the RIB store
     * @return the routes found
     */
    public Answer run(final RouteTables store) {
        final var out = new ArrayList<Found>();
        for (var pick : tables.select(store, prefix.isIpv6())) {
            for (var route : find(pick.table(), limit - out.size() + 1)) {
                if (out.size() == limit) {
                    return new Answer(out, true);
                }
                out.add(new Found(pick.router(), pick.table().key(), route));
            }
        }
        return new Answer(out, false);
    }

    /** The matching routes of one table, at least {@code wanted} of them when it has that many (more-specific). */
    private List<Route> find(final RouteTable table, final int wanted) {
        return switch (match) {
            case EXACT -> ofPath(table.paths(rd, prefix));
            case LONGEST_PREFIX -> ofPath(table.longestMatch(rd, prefix));
            case LESS_SPECIFIC -> {
                final var found = new ArrayList<Route>();
                for (int length = 0; length <= prefix.length(); length++) {
                    found.addAll(table.paths(rd, prefix.truncate(length)));
                }
                yield ofPath(found);
            }
            case MORE_SPECIFIC -> moreSpecifics(table, wanted);
        };
    }

    /** More-specifics: the store cuts at a count, so ask again for more while a path filter drops routes. */
    private List<Route> moreSpecifics(final RouteTable table, final int wanted) {
        int ask = wanted;
        while (true) {
            final var found = table.moreSpecifics(rd, prefix, ask);
            final var kept = ofPath(found);
            if (found.size() < ask || kept.size() >= wanted || ask == Integer.MAX_VALUE) {
                return kept;
            }
            ask = ask > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : ask * 4;
        }
    }

    private List<Route> ofPath(final List<Route> routes) {
        return pathId == null ? routes : routes.stream().filter(r -> r.key().pathId() == pathId).toList();
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.events;

import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.RouteKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * The routes of an UPDATE, packed in primitive arrays (one entry per route, no object per route until a reader
 * asks for one): family, prefix, path ID and route distinguisher, as the RIB store keys them.
 */
public final class RouteKeys {
    /** No routes. */
    public static final RouteKeys EMPTY = new RouteKeys(0, new int[0], new long[0], new long[0], new int[0],
        new long[0]);

    private final int size;
    // afi (16) | safi (8) | length (8)
    private final int[] family;
    private final long[] high;
    private final long[] low;
    private final int[] pathId;
    private final long[] rd;

    private RouteKeys(final int size, final int[] family, final long[] high, final long[] low, final int[] pathId,
            final long[] rd) {
        this.size = size;
        this.family = family;
        this.high = high;
        this.low = low;
        this.pathId = pathId;
        this.rd = rd;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The family of one route.
     *
     * @param index which route
     * @return its AFI/SAFI
     */
    public AfiSafi family(final int index) {
        Objects.checkIndex(index, size);
        return new AfiSafi(family[index] >>> 16, family[index] >>> 8 & 0xFF);
    }

    /**
     * The key of one route.
     *
     * @param index which route
     * @return its prefix, path ID and route distinguisher
     */
    public RouteKey key(final int index) {
        Objects.checkIndex(index, size);
        final int length = family[index] & 0xFF;
        final var prefix = family[index] >>> 16 == AfiSafi.AFI_IPV6 ? Prefix.ipv6(high[index], low[index], length)
            : Prefix.ipv4((int) high[index], length);
        return new RouteKey(prefix, pathId[index], rd[index]);
    }

    /** Collects the routes of one UPDATE; reused, one per session thread. */
    public static final class Builder {
        private int size;
        private int[] family = new int[16];
        private long[] high = new long[16];
        private long[] low = new long[16];
        private int[] pathIds = new int[16];
        private long[] rds = new long[16];

        /**
         * Adds a route, in the store's terms (see {@code RibWriter}).
         *
         * @param afi address family
         * @param safi subsequent address family
         * @param highBits IPv4 address in the low 32 bits, or the first 64 bits of an IPv6 address
         * @param lowBits the last 64 bits of an IPv6 address
         * @param length prefix length
         * @param pathId Add-Path identifier, 0 without
         * @param rd route distinguisher, 0 without
         */
        public void add(final int afi, final int safi, final long highBits, final long lowBits, final int length,
                final int pathId, final long rd) {
            if (size == family.length) {
                family = Arrays.copyOf(family, size * 2);
                high = Arrays.copyOf(high, size * 2);
                low = Arrays.copyOf(low, size * 2);
                pathIds = Arrays.copyOf(pathIds, size * 2);
                rds = Arrays.copyOf(rds, size * 2);
            }
            family[size] = afi << 16 | (safi & 0xFF) << 8 | length & 0xFF;
            high[size] = highBits;
            low[size] = lowBits;
            pathIds[size] = pathId;
            rds[size] = rd;
            size++;
        }

        /**
         * The routes added since the last build, and starts over.
         *
         * @return the routes
         */
        public RouteKeys build() {
            if (size == 0) {
                return EMPTY;
            }
            final var out = new RouteKeys(size, Arrays.copyOf(family, size), Arrays.copyOf(high, size),
                Arrays.copyOf(low, size), Arrays.copyOf(pathIds, size), Arrays.copyOf(rds, size));
            size = 0;
            return out;
        }

        /** Forgets what was added. */
        public void clear() {
            size = 0;
        }
    }
}

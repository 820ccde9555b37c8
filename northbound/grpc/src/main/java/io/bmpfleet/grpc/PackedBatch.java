/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import com.google.protobuf.ByteString;
import io.bmpfleet.grpc.v1.Attributes;
import io.bmpfleet.grpc.v1.PackedRoutes;
import io.bmpfleet.grpc.v1.RouteBatch;
import io.bmpfleet.rib.AfiSafi;

/**
 * The routes of one batch of a packed Dump, gathered in primitive columns and turned into one {@link PackedRoutes}
 * (see the proto): prefixes in BGP's NLRI encoding, then the attribute set, path ID and route distinguisher
 * columns, the last two only when some route needs them.
 */
final class PackedBatch {
    private final int capacity;
    // Largest entry: a length octet and 16 octets of an IPv6 prefix.
    private final byte[] prefixes;
    private final int[] sets;
    private final int[] pathIds;
    private final long[] rds;
    private int bytes;
    private int count;
    private boolean anyPathId;
    private boolean anyRd;
    private final PackedRoutes.Builder packed = PackedRoutes.newBuilder();

    PackedBatch(final int capacity) {
        this.capacity = capacity;
        prefixes = new byte[capacity * 17];
        sets = new int[capacity];
        pathIds = new int[capacity];
        rds = new long[capacity];
    }

    int size() {
        return count;
    }

    boolean isFull() {
        return count == capacity;
    }

    /**
     * Adds a route, in the RIB store's terms.
     *
     * @param family the table's family (IPv4 or IPv6 addresses)
     * @param high IPv4 address in the low 32 bits, or the first 64 bits of an IPv6 address
     * @param low the last 64 bits of an IPv6 address
     * @param length prefix length
     * @param pathId Add-Path path ID, 0 without
     * @param rd route distinguisher, 0 without
     * @param set the attribute set's id in the stream
     */
    void add(final AfiSafi family, final long high, final long low, final int length, final int pathId,
            final long rd, final int set) {
        prefixes[bytes++] = (byte) length;
        final int octets = (length + 7) >>> 3;
        if (family.isIpv6()) {
            for (int i = 0; i < octets; i++) {
                prefixes[bytes++] = (byte) (i < 8 ? high >>> 56 - 8 * i : low >>> 120 - 8 * i);
            }
        } else {
            for (int i = 0; i < octets; i++) {
                prefixes[bytes++] = (byte) (high >>> 24 - 8 * i);
            }
        }
        sets[count] = set;
        pathIds[count] = pathId;
        rds[count] = rd;
        anyPathId |= pathId != 0;
        anyRd |= rd != 0;
        count++;
    }

    /**
     * Adds the attribute set the next id stands for.
     *
     * @param attributes the decoded set
     */
    void newSet(final Attributes attributes) {
        packed.addNewAttributeSets(attributes);
    }

    /**
     * Puts the routes gathered into the batch and starts over.
     *
     * @param batch the batch to send
     */
    void drainTo(final RouteBatch.Builder batch) {
        packed.setPrefixes(ByteString.copyFrom(prefixes, 0, bytes));
        for (int i = 0; i < count; i++) {
            packed.addAttributeSets(sets[i]);
        }
        if (anyPathId) {
            for (int i = 0; i < count; i++) {
                packed.addPathIds(pathIds[i]);
            }
        }
        if (anyRd) {
            for (int i = 0; i < count; i++) {
                packed.addRouteDistinguishers(rds[i]);
            }
        }
        batch.setPacked(packed.build());
        packed.clear();
        bytes = 0;
        count = 0;
        anyPathId = false;
        anyRd = false;
    }
}

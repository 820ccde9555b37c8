/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.rib.AttributeSet;
import io.bmpfleet.rib.RouteTable;

/**
 * The ids a dump gave the attribute sets it sent: an identity map from set to id, open addressing on the set's
 * content hash (computed once by the store), with no boxing and no identity hash. A dump of a full table meets
 * hundreds of thousands of sets, one lookup per route.
 */
final class SetIds {
    private AttributeSet[] sets = new AttributeSet[1024];
    private int[] ids = new int[1024];
    private int size;
    private final int[] hashes = new int[RouteTable.Chunk.CAPACITY];
    private int sink;

    /**
     * The id of a set.
     *
     * @param set the set
     * @return its id, or 0 when it has none yet
     */
    int get(final AttributeSet set) {
        return lookup(set, set.contentHash());
    }

    private int lookup(final AttributeSet set, final int hash) {
        final int mask = sets.length - 1;
        for (int slot = hash & mask;; slot = slot + 1 & mask) {
            final var found = sets[slot];
            if (found == set) {
                return ids[slot];
            }
            if (found == null) {
                return 0;
            }
        }
    }

    /**
     * Reads the content hashes and home slots of a chunk's sets ahead of their lookups: the reads do not depend on
     * each other, so the memory system serves them in parallel, and the lookups that follow ({@link #idAt})
     * find them in the cache. A dump of a large table is bound by these misses (sets spread across the heap).
     *
     * @param chunk the routes about to be looked up
     */
    void prefetch(final RouteTable.Chunk chunk) {
        final int count = chunk.size();
        for (int i = 0; i < count; i++) {
            hashes[i] = chunk.attributes(i).contentHash();
        }
        final int mask = sets.length - 1;
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += ids[hashes[i] & mask];
            if (sets[hashes[i] & mask] == null) {
                sum++;
            }
        }
        // A field write the JIT cannot drop, so neither can it drop the reads.
        sink += sum;
    }

    /**
     * The id of a set of the chunk last {@link #prefetch prefetched}.
     *
     * @param set the set of route {@code index}
     * @param index the route's index in the chunk
     * @return its id, or 0 when it has none yet
     */
    int idAt(final AttributeSet set, final int index) {
        return lookup(set, hashes[index]);
    }

    /**
     * Gives a set an id.
     *
     * @param set a set without one
     * @param id its id, not 0
     */
    void put(final AttributeSet set, final int id) {
        if ((size + 1) * 2 > sets.length) {
            grow();
        }
        insert(sets, ids, set, id);
        size++;
    }

    private static void insert(final AttributeSet[] into, final int[] intoIds, final AttributeSet set, final int id) {
        final int mask = into.length - 1;
        int slot = set.contentHash() & mask;
        while (into[slot] != null) {
            slot = slot + 1 & mask;
        }
        into[slot] = set;
        intoIds[slot] = id;
    }

    private void grow() {
        final var bigger = new AttributeSet[sets.length * 2];
        final var biggerIds = new int[sets.length * 2];
        for (int i = 0; i < sets.length; i++) {
            if (sets[i] != null) {
                insert(bigger, biggerIds, sets[i], ids[i]);
            }
        }
        sets = bigger;
        ids = biggerIds;
    }
}

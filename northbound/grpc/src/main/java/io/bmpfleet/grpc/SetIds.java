/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.rib.AttributeSet;

/**
 * The ids a dump gave the attribute sets it sent: an identity map from set to id, open addressing on the set's
 * content hash (computed once by the store), with no boxing and no identity hash. A dump of a full table meets
 * hundreds of thousands of sets, one lookup per route.
 */
final class SetIds {
    private AttributeSet[] sets = new AttributeSet[1024];
    private int[] ids = new int[1024];
    private int size;

    /**
     * The id of a set.
     *
     * @param set the set
     * @return its id, or 0 when it has none yet
     */
    int get(final AttributeSet set) {
        return get(set, set.contentHash());
    }

    /**
     * The id of a set whose content hash the caller read already.
     *
     * @param set the set
     * @param hash its {@link AttributeSet#contentHash}
     * @return its id, or 0 when it has none yet
     */
    int get(final AttributeSet set, final int hash) {
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
     * Reads the home slots of many sets ahead of their lookups: the reads do not depend on each other, so the
     * memory system serves them in parallel, and the lookups that follow find them in the cache. A dump of a
     * large table is bound by these misses (one per route, sets spread across the heap).
     *
     * @param hashes the sets' content hashes
     * @param count how many
     * @return a value the caller must use (so that the reads are not optimised away)
     */
    int touch(final int[] hashes, final int count) {
        final int mask = sets.length - 1;
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += ids[hashes[i] & mask];
            if (sets[hashes[i] & mask] == null) {
                sum++;
            }
        }
        return sum;
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

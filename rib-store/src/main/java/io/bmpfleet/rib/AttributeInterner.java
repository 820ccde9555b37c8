/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import java.util.Arrays;

/**
 * Interns attribute sets: equal bytes give the same {@link AttributeSet} for as long as anything references it.
 * Reference counted rather than weakly held: a weak reference costs an object of about 32 bytes per set and frees
 * only at GC; the store knows exactly when a route stops pointing to a set, so a set leaves the table the moment
 * its last route goes.
 *
 * <p>Shared by all routers (the same attributes arrive from many of them), so it is thread-safe: 64 stripes,
 * each an open-addressing table (linear probing, backward-shift deletion: no tombstones) under its own monitor.
 * The top hash bits pick the stripe, the low bits the slot.
 */
final class AttributeInterner {
    private static final int STRIPE_BITS = 6;
    private static final int MIN_CAPACITY = 16;

    private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];

    AttributeInterner() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Finds or creates the set for these bytes and takes one reference on it.
     *
     * @param bytes the buffer
     * @param offset where the attribute bytes start
     * @param length how many attribute bytes
     * @return the shared set, with one more reference
     */
    AttributeSet acquire(final byte[] bytes, final int offset, final int length) {
        final int hash = hash(bytes, offset, length);
        final var stripe = stripeOf(hash);
        synchronized (stripe) {
            return stripe.acquire(bytes, offset, length, hash);
        }
    }

    /**
     * Takes one more reference on a set the caller already holds a reference to.
     *
     * @param set the set
     */
    void retain(final AttributeSet set) {
        retain(set, 1);
    }

    /**
     * Takes {@code count} more references at once on a set the caller already holds a reference to.
     *
     * @param set the set
     * @param count how many
     */
    void retain(final AttributeSet set, final int count) {
        final var stripe = stripeOf(set.hash);
        synchronized (stripe) {
            if (set.references <= 0) {
                throw new IllegalStateException("retain of a released " + set);
            }
            set.references += count;
        }
    }

    /**
     * Drops one reference; the set leaves the table with its last reference.
     *
     * @param set the set
     */
    void release(final AttributeSet set) {
        final var stripe = stripeOf(set.hash);
        synchronized (stripe) {
            if (set.references <= 0) {
                throw new IllegalStateException("release of a released " + set);
            }
            if (--set.references == 0) {
                stripe.remove(set);
            }
        }
    }

    /**
     * The number of live sets.
     *
     * @return the count, exact when no writer is running
     */
    int size() {
        int total = 0;
        for (var stripe : stripes) {
            synchronized (stripe) {
                total += stripe.size;
            }
        }
        return total;
    }

    private Stripe stripeOf(final int hash) {
        return stripes[hash >>> 32 - STRIPE_BITS];
    }

    static int hash(final byte[] bytes, final int offset, final int length) {
        int hash = length;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        // murmur3 fmix32: spreads the polynomial hash so that both the top (stripe) and low (slot) bits vary
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        return hash ^ hash >>> 16;
    }

    private static final class Stripe {
        private AttributeSet[] table = new AttributeSet[MIN_CAPACITY];
        private int size;

        AttributeSet acquire(final byte[] bytes, final int offset, final int length, final int hash) {
            final int mask = table.length - 1;
            int slot = hash & mask;
            for (var set = table[slot]; set != null; set = table[slot]) {
                if (set.hash == hash && set.contentEquals(bytes, offset, length)) {
                    set.references++;
                    return set;
                }
                slot = slot + 1 & mask;
            }
            final var set = new AttributeSet(Arrays.copyOfRange(bytes, offset, offset + length), hash);
            set.references = 1;
            table[slot] = set;
            if (++size * 3 > table.length * 2) {
                resize(table.length * 2);
            }
            return set;
        }

        void remove(final AttributeSet set) {
            final int mask = table.length - 1;
            int slot = set.hash & mask;
            while (table[slot] != set) {
                if (table[slot] == null) {
                    throw new IllegalStateException(set + " is not interned");
                }
                slot = slot + 1 & mask;
            }
            // Backward-shift deletion: move later members of the probe run into the hole, so no tombstone is left.
            int hole = slot;
            int next = hole;
            while (true) {
                next = next + 1 & mask;
                final var candidate = table[next];
                if (candidate == null) {
                    break;
                }
                final int home = candidate.hash & mask;
                // candidate may move to hole unless its home lies cyclically within (hole, next]
                final boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
                if (!stays) {
                    table[hole] = candidate;
                    hole = next;
                }
            }
            table[hole] = null;
            size--;
            if (table.length > MIN_CAPACITY && size * 8 < table.length) {
                resize(table.length / 2);
            }
        }

        private void resize(final int capacity) {
            final var old = table;
            table = new AttributeSet[capacity];
            final int mask = capacity - 1;
            for (var set : old) {
                if (set != null) {
                    int slot = set.hash & mask;
                    while (table[slot] != null) {
                        slot = slot + 1 & mask;
                    }
                    table[slot] = set;
                }
            }
        }
    }
}

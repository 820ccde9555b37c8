/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A sorted map from fixed-width keys of {@code words} longs (compared unsigned, word by word) to attribute sets,
 * stored as a sorted run of leaves, each a packed {@code long[]} of keys beside an {@code AttributeSet[]}: about
 * 12 bytes per IPv4 route at full leaves, no object per route. A leaf holds at most {@link #MAX_LEAF} entries;
 * the leaves are found by binary search on their first keys (a two-level B+-tree). Leaves grow by half, split
 * when full, shrink when a third full and merge with a neighbour when a quarter full, so withdrawals give memory
 * back.
 *
 * <p>Not thread-safe: {@link RouteTable} guards it.
 */
final class SortedKeys {
    static final int MAX_LEAF = 512;
    private static final int MIN_LEAF = 4;

    /** One leaf: {@code count} entries, key i in {@code keys[i * words .. (i + 1) * words)}. */
    static final class Leaf {
        long[] keys;
        AttributeSet[] values;
        int count;

        Leaf(final int words, final int capacity) {
            keys = new long[words * capacity];
            values = new AttributeSet[capacity];
        }
    }

    private int words;
    private Leaf[] leaves = new Leaf[4];
    private int leafCount;
    private int size;

    SortedKeys(final int words) {
        this.words = words;
    }

    int words() {
        return words;
    }

    int size() {
        return size;
    }

    /**
     * Compares the key at {@code (left, leftOffset)} with the key at {@code (right, rightOffset)}.
     */
    private int compare(final long[] left, final int leftOffset, final long[] right, final int rightOffset) {
        for (int i = 0; i < words; i++) {
            final int cmp = Long.compareUnsigned(left[leftOffset + i], right[rightOffset + i]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    /** The last leaf whose first key is at most the key, or leaf 0. */
    private int leafFor(final long[] key, final int offset) {
        int low = 0;
        int high = leafCount - 1;
        int found = 0;
        while (low <= high) {
            final int mid = low + high >>> 1;
            if (compare(leaves[mid].keys, 0, key, offset) <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** The key's index in the leaf, or {@code -(insertion point + 1)}. */
    private int search(final Leaf leaf, final long[] key, final int offset) {
        int low = 0;
        int high = leaf.count - 1;
        while (low <= high) {
            final int mid = low + high >>> 1;
            final int cmp = compare(leaf.keys, mid * words, key, offset);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    AttributeSet get(final long[] key, final int offset) {
        if (leafCount == 0) {
            return null;
        }
        final var leaf = leaves[leafFor(key, offset)];
        final int index = search(leaf, key, offset);
        return index >= 0 ? leaf.values[index] : null;
    }

    // Positions: leaf index in the high 32 bits, entry index in the low 32; a position past the last leaf is the end.

    long first() {
        return 0;
    }

    long lowerBound(final long[] key, final int offset) {
        if (leafCount == 0) {
            return 0;
        }
        final int leafIndex = leafFor(key, offset);
        final int index = search(leaves[leafIndex], key, offset);
        return normalize(leafIndex, index >= 0 ? index : -index - 1);
    }

    private long normalize(final int leafIndex, final int index) {
        return index < leaves[leafIndex].count ? (long) leafIndex << 32 | index : (long) (leafIndex + 1) << 32;
    }

    boolean isEnd(final long position) {
        return (int) (position >>> 32) >= leafCount;
    }

    long next(final long position) {
        return normalize((int) (position >>> 32), (int) position + 1);
    }

    /** The key array holding the key at a position; the key starts at {@link #offsetAt(long)}. */
    long[] keysAt(final long position) {
        return leaves[(int) (position >>> 32)].keys;
    }

    int offsetAt(final long position) {
        return (int) position * words;
    }

    AttributeSet valueAt(final long position) {
        return leaves[(int) (position >>> 32)].values[(int) position];
    }

    int compareAt(final long position, final long[] key, final int offset) {
        return compare(keysAt(position), offsetAt(position), key, offset);
    }

    /**
     * Maps the key to the value.
     *
     * @return the previous value, or null when the key is new
     */
    AttributeSet put(final long[] key, final int offset, final AttributeSet value) {
        if (leafCount == 0) {
            final var leaf = new Leaf(words, MIN_LEAF);
            insertLeaf(0, leaf);
            insertAt(leaf, 0, key, offset, value);
            size++;
            return null;
        }
        final int leafIndex = leafFor(key, offset);
        final var leaf = leaves[leafIndex];
        final int index = search(leaf, key, offset);
        if (index >= 0) {
            final var old = leaf.values[index];
            leaf.values[index] = value;
            return old;
        }
        final int at = -index - 1;
        if (leaf.count < MAX_LEAF) {
            insertAt(leaf, at, key, offset, value);
        } else if (at == leaf.count) {
            // Past the last key of a full leaf: start a new leaf rather than split, so that routes arriving in
            // prefix order (a router's table dump) fill their leaves completely.
            final var fresh = new Leaf(words, MIN_LEAF);
            insertLeaf(leafIndex + 1, fresh);
            insertAt(fresh, 0, key, offset, value);
        } else {
            final int half = leaf.count / 2;
            final int moved = leaf.count - half;
            final var right = new Leaf(words, capacityFor(moved + 1));
            System.arraycopy(leaf.keys, half * words, right.keys, 0, moved * words);
            System.arraycopy(leaf.values, half, right.values, 0, moved);
            right.count = moved;
            Arrays.fill(leaf.values, half, half + moved, null);
            leaf.count = half;
            resize(leaf, capacityFor(half + 1));
            insertLeaf(leafIndex + 1, right);
            if (at <= half) {
                insertAt(leaf, at, key, offset, value);
            } else {
                insertAt(right, at - half, key, offset, value);
            }
        }
        size++;
        return null;
    }

    /**
     * Removes the key.
     *
     * @return the removed value, or null when the key was absent
     */
    AttributeSet remove(final long[] key, final int offset) {
        if (leafCount == 0) {
            return null;
        }
        final int leafIndex = leafFor(key, offset);
        final var leaf = leaves[leafIndex];
        final int index = search(leaf, key, offset);
        if (index < 0) {
            return null;
        }
        final var old = leaf.values[index];
        final int tail = leaf.count - index - 1;
        System.arraycopy(leaf.keys, (index + 1) * words, leaf.keys, index * words, tail * words);
        System.arraycopy(leaf.values, index + 1, leaf.values, index, tail);
        leaf.values[--leaf.count] = null;
        size--;
        if (leaf.count == 0) {
            removeLeaf(leafIndex);
        } else if (leaf.count < MAX_LEAF / 4 && !merge(leafIndex)) {
            if (leaf.values.length > MIN_LEAF && leaf.count * 3 < leaf.values.length) {
                resize(leaf, capacityFor(leaf.count));
            }
        }
        return old;
    }

    /** Merges an underfull leaf with a neighbour when both fit in three quarters of a leaf. */
    private boolean merge(final int leafIndex) {
        final int into;
        if (leafIndex + 1 < leafCount && fits(leafIndex, leafIndex + 1)) {
            into = leafIndex;
        } else if (leafIndex > 0 && fits(leafIndex - 1, leafIndex)) {
            into = leafIndex - 1;
        } else {
            return false;
        }
        final var left = leaves[into];
        final var right = leaves[into + 1];
        final int total = left.count + right.count;
        resize(left, capacityFor(total));
        System.arraycopy(right.keys, 0, left.keys, left.count * words, right.count * words);
        System.arraycopy(right.values, 0, left.values, left.count, right.count);
        left.count = total;
        removeLeaf(into + 1);
        return true;
    }

    private boolean fits(final int left, final int right) {
        return leaves[left].count + leaves[right].count <= MAX_LEAF * 3 / 4;
    }

    /** Drops every entry; the arrays go to the garbage collector. */
    void clear() {
        leaves = new Leaf[4];
        leafCount = 0;
        size = 0;
    }

    void forEachValue(final Consumer<AttributeSet> action) {
        for (int i = 0; i < leafCount; i++) {
            final var leaf = leaves[i];
            for (int j = 0; j < leaf.count; j++) {
                action.accept(leaf.values[j]);
            }
        }
    }

    /**
     * Inserts a zero word at {@code wordIndex} into every key. Order is kept (every key gains the same word at the
     * same place), so no entry moves between leaves.
     */
    void widen(final int wordIndex) {
        final int wider = words + 1;
        for (int i = 0; i < leafCount; i++) {
            final var leaf = leaves[i];
            final var keys = new long[leaf.values.length * wider];
            for (int j = 0; j < leaf.count; j++) {
                System.arraycopy(leaf.keys, j * words, keys, j * wider, wordIndex);
                System.arraycopy(leaf.keys, j * words + wordIndex, keys, j * wider + wordIndex + 1,
                    words - wordIndex);
            }
            leaf.keys = keys;
        }
        words = wider;
    }

    private static int capacityFor(final int count) {
        return Math.min(MAX_LEAF, Math.max(MIN_LEAF, count + (count >> 2)));
    }

    private void insertAt(final Leaf leaf, final int index, final long[] key, final int offset,
            final AttributeSet value) {
        if (leaf.count == leaf.values.length) {
            resize(leaf, Math.min(MAX_LEAF, leaf.count + Math.max(MIN_LEAF, leaf.count >> 1)));
        }
        final int tail = leaf.count - index;
        System.arraycopy(leaf.keys, index * words, leaf.keys, (index + 1) * words, tail * words);
        System.arraycopy(leaf.values, index, leaf.values, index + 1, tail);
        System.arraycopy(key, offset, leaf.keys, index * words, words);
        leaf.values[index] = value;
        leaf.count++;
    }

    private void resize(final Leaf leaf, final int capacity) {
        if (capacity != leaf.values.length) {
            leaf.keys = Arrays.copyOf(leaf.keys, capacity * words);
            leaf.values = Arrays.copyOf(leaf.values, capacity);
        }
    }

    private void insertLeaf(final int index, final Leaf leaf) {
        if (leafCount == leaves.length) {
            leaves = Arrays.copyOf(leaves, leaves.length * 2);
        }
        System.arraycopy(leaves, index, leaves, index + 1, leafCount - index);
        leaves[index] = leaf;
        leafCount++;
    }

    private void removeLeaf(final int index) {
        System.arraycopy(leaves, index + 1, leaves, index, leafCount - index - 1);
        leaves[--leafCount] = null;
        if (leaves.length > 4 && leafCount * 4 < leaves.length) {
            leaves = Arrays.copyOf(leaves, leaves.length / 2);
        }
    }

    /** The entries the leaves have room for: what the table costs, as opposed to {@link #size()}. */
    long capacity() {
        long total = 0;
        for (int i = 0; i < leafCount; i++) {
            total += leaves[i].values.length;
        }
        return total;
    }

    /** Checks the invariants: keys strictly ascending across leaves, counts consistent. For tests. */
    void verify() {
        int total = 0;
        long[] previous = null;
        int previousOffset = 0;
        for (int i = 0; i < leafCount; i++) {
            final var leaf = leaves[i];
            if (leaf.count <= 0 || leaf.count > leaf.values.length || leaf.keys.length != leaf.values.length * words) {
                throw new IllegalStateException("leaf " + i + " malformed");
            }
            for (int j = 0; j < leaf.count; j++) {
                if (leaf.values[j] == null) {
                    throw new IllegalStateException("null value in leaf " + i);
                }
                if (previous != null && compare(previous, previousOffset, leaf.keys, j * words) >= 0) {
                    throw new IllegalStateException("keys out of order in leaf " + i);
                }
                previous = leaf.keys;
                previousOffset = j * words;
            }
            total += leaf.count;
        }
        if (total != size) {
            throw new IllegalStateException("size " + size + " but " + total + " entries");
        }
    }
}

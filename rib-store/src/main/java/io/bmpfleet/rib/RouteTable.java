/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;

/**
 * The routes of one {@link TableKey}: one peer's RIB in one address family of one router.
 *
 * <p>Routes are packed keys in a {@link SortedKeys}, ordered by (route distinguisher, address, length, path ID):
 * <ul>
 *   <li>IPv4: {@code [rd] (address << 8 | length) [pathId]}: one word for plain unicast;</li>
 *   <li>IPv6: {@code [rd] high low (length << 32 | pathId)}: three words.</li>
 * </ul>
 * The RD word and the IPv4 path ID word exist only once a route needs them (the table widens itself, in place,
 * the first time an RD or a non-zero path ID arrives), so IPv4 unicast without Add-Path costs one word per route.
 * The order puts every more-specific of a prefix right after it, so more-specific lookups are a range scan, and
 * all paths of a prefix side by side, so Add-Path lookups return them together.
 *
 * <p>Concurrency: one {@link StampedLock} per table, used as a plain read-write lock. The writer is the router's
 * session thread; readers (RESTCONF, gRPC, shell) take the read lock, so they never see a half-made split or
 * widen. Optimistic reads were rejected: a reader racing a split can index past a shrunk array, and handling
 * that costs more than the uncontended read lock saves. Locks are per table, so routers and peers never wait for
 * each other; long dumps ({@link #forEach}) take the lock per chunk of {@value #DUMP_CHUNK} routes, so a dump of
 * a million routes never stalls the session's writer for long. The route count is a volatile field: reading
 * it takes no lock.
 */
public final class RouteTable {
    static final int DUMP_CHUNK = 1024;

    /** What {@link #put} did. */
    enum PutOutcome { ADDED, REPLACED, DUPLICATE }

    private final TableKey key;
    private final boolean ipv6;
    private final AttributeInterner interner;
    private final StampedLock lock = new StampedLock();

    // guarded by lock
    private final SortedKeys keys;
    private final int[] routesPerLength;
    private final long[] scratch = new long[5];
    private boolean hasRd;
    private boolean hasPathWord;
    private boolean retired;

    private volatile int size;

    RouteTable(final TableKey key, final AttributeInterner interner) {
        if (!key.afiSafi().isPrefixFamily()) {
            throw new IllegalArgumentException("AFI/SAFI " + key.afiSafi() + " is not keyed by prefix");
        }
        this.key = key;
        this.interner = interner;
        ipv6 = key.afiSafi().isIpv6();
        keys = new SortedKeys(ipv6 ? 3 : 1);
        routesPerLength = new int[ipv6 ? 129 : 33];
    }

    public TableKey key() {
        return key;
    }

    /**
     * The number of routes; O(1), no lock.
     *
     * @return the route count
     */
    public int size() {
        return size;
    }

    /**
     * The route with exactly this key.
     *
     * @param routeKey prefix, path ID and route distinguisher
     * @return the route, or null
     */
    public Route exact(final RouteKey routeKey) {
        final long stamp = lock.readLock();
        try {
            if (!fits(routeKey)) {
                return null;
            }
            final var probe = new long[keys.words()];
            encode(routeKey.rd(), routeKey.prefix(), routeKey.pathId(), probe);
            final var set = keys.get(probe, 0);
            return set == null ? null : new Route(routeKey, set);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Every path (Add-Path path ID) of one prefix.
     *
     * @param rd the route distinguisher, 0 outside VPN families
     * @param prefix the prefix
     * @return the routes, by ascending path ID; empty when none
     */
    public List<Route> paths(final long rd, final Prefix prefix) {
        final long stamp = lock.readLock();
        try {
            final var out = new ArrayList<Route>();
            if (fits(rd, prefix)) {
                collectPaths(rd, prefix, new long[keys.words()], out);
            }
            return out;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Longest-prefix match: the most specific prefix of the table that covers {@code target} (a host address is a
     * full-length prefix), with all its paths.
     *
     * @param rd the route distinguisher, 0 outside VPN families
     * @param target the address or prefix to match
     * @return the paths of the longest matching prefix, by ascending path ID; empty when no prefix matches
     */
    public List<Route> longestMatch(final long rd, final Prefix target) {
        final long stamp = lock.readLock();
        try {
            final var out = new ArrayList<Route>();
            if (fits(rd, target)) {
                final var probe = new long[keys.words()];
                // Probe only the lengths that have routes: a handful for real tables.
                for (int len = target.length(); len >= 0 && out.isEmpty(); len--) {
                    if (routesPerLength[len] != 0) {
                        collectPaths(rd, target.truncate(len), probe, out);
                    }
                }
            }
            return out;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * The routes within a prefix, the prefix itself included.
     *
     * @param rd the route distinguisher, 0 outside VPN families
     * @param prefix the covering prefix
     * @param limit the most routes to return
     * @return the routes in table order (address, then length, then path ID)
     */
    public List<Route> moreSpecifics(final long rd, final Prefix prefix, final int limit) {
        final long stamp = lock.readLock();
        try {
            final var out = new ArrayList<Route>();
            if (!fits(rd, prefix)) {
                return out;
            }
            final var probe = new long[keys.words()];
            encode(rd, prefix, 0, probe);
            for (long pos = keys.lowerBound(probe, 0); !keys.isEnd(pos) && out.size() < limit; pos = keys.next(pos)) {
                final long[] words = keys.keysAt(pos);
                final int off = keys.offsetAt(pos);
                if (rdAt(words, off) != rd || !within(prefix, highAt(words, off), lowAt(words, off))) {
                    break;
                }
                if (lengthAt(words, off) >= prefix.length()) {
                    out.add(routeAt(pos));
                }
            }
            return out;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Visits every route in table order, for dumps. Weakly consistent: the read lock is held per chunk, not for
     * the whole walk, so routes changed during the walk may or may not be seen, but each chunk is a consistent
     * view and no route present throughout is missed or seen twice. The action runs without the lock.
     *
     * @param action what to do with each route
     */
    public void forEach(final Consumer<? super Route> action) {
        RouteKey cursor = null;
        while (true) {
            final var chunk = new ArrayList<Route>(DUMP_CHUNK);
            final long stamp = lock.readLock();
            try {
                long pos = keys.first();
                if (cursor != null) {
                    // The layout only ever widens, so a key read earlier can always be encoded again.
                    final var probe = new long[keys.words()];
                    encode(cursor.rd(), cursor.prefix(), cursor.pathId(), probe);
                    pos = keys.lowerBound(probe, 0);
                    if (!keys.isEnd(pos) && keys.compareAt(pos, probe, 0) == 0) {
                        pos = keys.next(pos);
                    }
                }
                for (; !keys.isEnd(pos) && chunk.size() < DUMP_CHUNK; pos = keys.next(pos)) {
                    chunk.add(routeAt(pos));
                }
            } finally {
                lock.unlockRead(stamp);
            }
            chunk.forEach(action);
            if (chunk.size() < DUMP_CHUNK) {
                return;
            }
            cursor = chunk.get(chunk.size() - 1).key();
        }
    }

    /**
     * Routes copied out of a table in table order, as primitives, for dumps that cannot afford an object per route:
     * {@link RouteTable#next} fills it with the routes after the last one it held. Reused from chunk to chunk; one
     * per reader thread.
     */
    public static final class Chunk {
        /** The most routes a chunk holds. */
        public static final int CAPACITY = DUMP_CHUNK;

        private int size;
        private final long[] rd = new long[DUMP_CHUNK];
        private final long[] high = new long[DUMP_CHUNK];
        private final long[] low = new long[DUMP_CHUNK];
        private final int[] length = new int[DUMP_CHUNK];
        private final int[] pathId = new int[DUMP_CHUNK];
        private final AttributeSet[] sets = new AttributeSet[DUMP_CHUNK];
        private boolean started;
        private final long[] probe = new long[5];

        /** How many routes this chunk holds. */
        public int size() {
            return size;
        }

        /** The route distinguisher of route {@code i} (0 without). */
        public long rd(final int index) {
            return rd[check(index)];
        }

        /** The IPv4 address in the low 32 bits, or the first 64 bits of an IPv6 address. */
        public long high(final int index) {
            return high[check(index)];
        }

        /** The last 64 bits of an IPv6 address (0 for IPv4). */
        public long low(final int index) {
            return low[check(index)];
        }

        /** The prefix length. */
        public int length(final int index) {
            return length[check(index)];
        }

        /** The Add-Path path ID (0 without). */
        public int pathId(final int index) {
            return pathId[check(index)];
        }

        /** The route's attributes. */
        public AttributeSet attributes(final int index) {
            return sets[check(index)];
        }

        private int check(final int index) {
            return java.util.Objects.checkIndex(index, size);
        }

        /** Starts again from the first route (of the same or another table). */
        public void reset() {
            size = 0;
            started = false;
        }
    }

    /**
     * Fills a chunk with the next routes, up to {@value #DUMP_CHUNK}, after the last route the chunk held (or from
     * the first). Weakly consistent like {@link #forEach}, and as cheap as reading the table's arrays: the read
     * lock is held while one chunk is copied.
     *
     * @param chunk the chunk, {@link Chunk#reset} for the first routes
     * @return false when no routes were left (the chunk is then empty)
     */
    public boolean next(final Chunk chunk) {
        final long stamp = lock.readLock();
        try {
            long pos = keys.first();
            if (chunk.started) {
                if (chunk.size == 0) {
                    return false;
                }
                final int last = chunk.size - 1;
                encode(chunk.rd[last], chunk.high[last], chunk.low[last], chunk.length[last], chunk.pathId[last],
                    chunk.probe);
                pos = keys.lowerBound(chunk.probe, 0);
                if (!keys.isEnd(pos) && keys.compareAt(pos, chunk.probe, 0) == 0) {
                    pos = keys.next(pos);
                }
            }
            chunk.started = true;
            int count = 0;
            for (; !keys.isEnd(pos) && count < DUMP_CHUNK; pos = keys.next(pos), count++) {
                final long[] words = keys.keysAt(pos);
                final int off = keys.offsetAt(pos);
                final int base = off + (hasRd ? 1 : 0);
                chunk.rd[count] = hasRd ? words[off] : 0;
                if (ipv6) {
                    final long meta = words[base + 2];
                    chunk.high[count] = words[base];
                    chunk.low[count] = words[base + 1];
                    chunk.length[count] = (int) (meta >>> 32);
                    chunk.pathId[count] = (int) meta;
                } else {
                    final long word = words[base];
                    chunk.high[count] = word >>> 8;
                    chunk.low[count] = 0;
                    chunk.length[count] = (int) (word & 0xFF);
                    chunk.pathId[count] = hasPathWord ? (int) words[base + 1] : 0;
                }
                chunk.sets[count] = keys.valueAt(pos);
            }
            java.util.Arrays.fill(chunk.sets, count, chunk.size > count ? chunk.size : count, null);
            chunk.size = count;
            return count > 0;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Adds or replaces one route; the table takes its own reference on {@code set}.
     */
    PutOutcome put(final RouteKey routeKey, final AttributeSet set) {
        checkFamily(routeKey.prefix());
        final long stamp = lock.writeLock();
        try {
            return putLocked(routeKey, set);
        } finally {
            unlockWrite(stamp);
        }
    }

    /**
     * Adds or replaces routes that share one attribute set, under one lock.
     */
    void putAll(final List<RouteKey> routeKeys, final AttributeSet set, final UpdateResult.Counter counter) {
        for (var routeKey : routeKeys) {
            checkFamily(routeKey.prefix());
        }
        final long stamp = lock.writeLock();
        try {
            for (var routeKey : routeKeys) {
                counter.count(putLocked(routeKey, set));
            }
        } finally {
            unlockWrite(stamp);
        }
    }

    /**
     * Withdraws one route.
     *
     * @return whether the route was present
     */
    boolean remove(final RouteKey routeKey) {
        final long stamp = lock.writeLock();
        try {
            return removeLocked(routeKey);
        } finally {
            unlockWrite(stamp);
        }
    }

    /**
     * Withdraws routes under one lock.
     */
    void removeAll(final List<RouteKey> routeKeys, final UpdateResult.Counter counter) {
        final long stamp = lock.writeLock();
        try {
            for (var routeKey : routeKeys) {
                counter.countWithdraw(removeLocked(routeKey));
            }
        } finally {
            unlockWrite(stamp);
        }
    }

    /**
     * Drops every route and refuses further writes: the table has left the store (Peer Down, session loss).
     *
     * @return the number of routes dropped
     */
    int retire() {
        final long stamp = lock.writeLock();
        try {
            final int dropped = keys.size();
            keys.forEachValue(interner::release);
            keys.clear();
            Arrays.fill(routesPerLength, 0);
            retired = true;
            return dropped;
        } finally {
            unlockWrite(stamp);
        }
    }

    /** Checks the structure's invariants; for tests. */
    void verify() {
        final long stamp = lock.readLock();
        try {
            keys.verify();
            int total = 0;
            for (int count : routesPerLength) {
                total += count;
            }
            if (total != keys.size() || size != keys.size()) {
                throw new IllegalStateException("counts disagree: " + total + ", " + size + ", " + keys.size());
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private PutOutcome putLocked(final RouteKey routeKey, final AttributeSet set) {
        final var prefix = routeKey.prefix();
        final var outcome = putLocked(routeKey.rd(), prefix.high(), prefix.low(), prefix.length(), routeKey.pathId(),
            set);
        if (outcome != PutOutcome.DUPLICATE) {
            interner.retain(set);
        }
        return outcome;
    }

    /**
     * Adds or replaces a route while the caller holds the write lock ({@link #lockWrite}). The table does NOT
     * take a reference on {@code set} for an added or replaced route: the caller owes one per such outcome (a
     * writer takes them in one step per UPDATE, see {@link RibWriter}). The replaced set's reference is dropped.
     * Host bits of the prefix must be clear.
     */
    PutOutcome putLocked(final long rd, final long high, final long low, final int length, final int pathId,
            final AttributeSet set) {
        if (retired) {
            throw new IllegalStateException("table " + key + " was cleared and left the store");
        }
        if (rd != 0 && !hasRd) {
            keys.widen(0);
            hasRd = true;
        }
        if (!ipv6 && pathId != 0 && !hasPathWord) {
            keys.widen(keys.words());
            hasPathWord = true;
        }
        encode(rd, high, low, length, pathId, scratch);
        final var old = keys.put(scratch, 0, set);
        if (old == set) {
            return PutOutcome.DUPLICATE;
        }
        if (old != null) {
            interner.release(old);
            return PutOutcome.REPLACED;
        }
        routesPerLength[length]++;
        return PutOutcome.ADDED;
    }

    private boolean removeLocked(final RouteKey routeKey) {
        final var prefix = routeKey.prefix();
        return prefix.isIpv6() == ipv6
            && removeLocked(routeKey.rd(), prefix.high(), prefix.low(), prefix.length(), routeKey.pathId());
    }

    /**
     * Withdraws a route while the caller holds the write lock. Host bits of the prefix must be clear.
     *
     * @return whether the route was present
     */
    boolean removeLocked(final long rd, final long high, final long low, final int length, final int pathId) {
        if (retired || rd != 0 && !hasRd || !ipv6 && pathId != 0 && !hasPathWord) {
            return false;
        }
        encode(rd, high, low, length, pathId, scratch);
        final var old = keys.remove(scratch, 0);
        if (old == null) {
            return false;
        }
        interner.release(old);
        routesPerLength[length]--;
        return true;
    }

    /** Takes the write lock for a run of {@link #putLocked} / {@link #removeLocked} calls. */
    long lockWrite() {
        return lock.writeLock();
    }

    /** Publishes the route count of the writes made under the lock, then releases it. */
    void unlockWrite(final long stamp) {
        size = keys.size();
        lock.unlockWrite(stamp);
    }

    /** Whether the table has left the store; the caller holds the lock. */
    boolean retiredLocked() {
        return retired;
    }

    private void checkFamily(final Prefix prefix) {
        if (prefix.isIpv6() != ipv6) {
            throw new IllegalArgumentException(prefix + " does not belong to AFI/SAFI " + key.afiSafi());
        }
    }

    /** Whether a key can be in the table at all: its family, RD and path ID have a place in the layout. */
    private boolean fits(final RouteKey routeKey) {
        return fits(routeKey.rd(), routeKey.prefix()) && (ipv6 || routeKey.pathId() == 0 || hasPathWord);
    }

    private boolean fits(final long rd, final Prefix prefix) {
        return prefix.isIpv6() == ipv6 && (rd == 0 || hasRd);
    }

    /** Appends every path of exactly this prefix. */
    private void collectPaths(final long rd, final Prefix prefix, final long[] probe, final List<Route> out) {
        encode(rd, prefix, 0, probe);
        for (long pos = keys.lowerBound(probe, 0); !keys.isEnd(pos); pos = keys.next(pos)) {
            final long[] words = keys.keysAt(pos);
            final int off = keys.offsetAt(pos);
            if (rdAt(words, off) != rd || highAt(words, off) != prefix.high() || lowAt(words, off) != prefix.low()
                || lengthAt(words, off) != prefix.length()) {
                return;
            }
            out.add(routeAt(pos));
        }
    }

    private boolean within(final Prefix prefix, final long high, final long low) {
        final int len = prefix.length();
        return ipv6 ? (high & Prefix.v6HighMask(len)) == prefix.high() && (low & Prefix.v6LowMask(len)) == prefix.low()
            : (high & Prefix.v4Mask(len)) == prefix.high();
    }

    private void encode(final long rd, final Prefix prefix, final int pathId, final long[] out) {
        encode(rd, prefix.high(), prefix.low(), prefix.length(), pathId, out);
    }

    /** Packs a key whose host bits are already clear (see {@link Prefix}). */
    private void encode(final long rd, final long high, final long low, final int length, final int pathId,
            final long[] out) {
        int at = 0;
        if (hasRd) {
            out[at++] = rd;
        }
        if (ipv6) {
            out[at++] = high;
            out[at++] = low;
            out[at] = (long) length << 32 | pathId & 0xFFFFFFFFL;
        } else {
            out[at++] = high << 8 | length;
            if (hasPathWord) {
                out[at] = pathId & 0xFFFFFFFFL;
            }
        }
    }

    private Route routeAt(final long pos) {
        final long[] words = keys.keysAt(pos);
        final int off = keys.offsetAt(pos);
        final long rd = rdAt(words, off);
        final int base = off + (hasRd ? 1 : 0);
        final RouteKey routeKey;
        if (ipv6) {
            final long meta = words[base + 2];
            routeKey = new RouteKey(Prefix.ipv6(words[base], words[base + 1], (int) (meta >>> 32)), (int) meta, rd);
        } else {
            final long word = words[base];
            routeKey = new RouteKey(Prefix.ipv4((int) (word >>> 8), (int) (word & 0xFF)),
                hasPathWord ? (int) words[base + 1] : 0, rd);
        }
        return new Route(routeKey, keys.valueAt(pos));
    }

    private long rdAt(final long[] words, final int off) {
        return hasRd ? words[off] : 0;
    }

    private long highAt(final long[] words, final int off) {
        final long word = words[off + (hasRd ? 1 : 0)];
        return ipv6 ? word : word >>> 8;
    }

    private long lowAt(final long[] words, final int off) {
        return ipv6 ? words[off + (hasRd ? 2 : 1)] : 0;
    }

    private int lengthAt(final long[] words, final int off) {
        final int base = off + (hasRd ? 1 : 0);
        return ipv6 ? (int) (words[base + 2] >>> 32) : (int) (words[base] & 0xFF);
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

/**
 * The write path of one router session into the {@link RibStore}, for the hot loop of Route Monitoring: prefixes
 * arrive as primitives straight from the decoder, no key or update object is made per route, the table of the
 * current peer, RIB and family is remembered between UPDATEs, its write lock is taken once per UPDATE, and the
 * attribute set's references are taken once per UPDATE instead of once per route.
 *
 * <p>Use per UPDATE: {@link #begin}, then withdrawals and announcements in any order (an UPDATE's withdrawals come
 * first on the wire), {@link #attributes} before the first announcement, and {@link #end}. Changes are applied
 * as they are given; readers see the UPDATE's routes once {@link #end} releases the lock.
 *
 * <p>Not thread-safe: one writer per router session, used by that session's thread only, like {@link RibStore}'s
 * other write methods. {@link RibStore#clearPeer} and {@link RibStore#clearRouter} may run between UPDATEs: the
 * writer notices a table that left the store and finds its successor.
 */
public final class RibWriter {
    private final RibStore store;
    private final RouterId router;

    private PeerKey peer;
    private Rib rib;
    // The table of the current peer and RIB for the last family used, and whether it is locked (stamp != 0).
    private RouteTable table;
    private int tableAfi = -1;
    private int tableSafi = -1;
    private long stamp;

    // The UPDATE's attributes: bytes given by the caller, interned at the first announcement.
    private byte[] attributeBytes;
    private int attributeOffset;
    private int attributeLength;
    private AttributeSet set;
    private int owedReferences;

    private int added;
    private int replaced;
    private int duplicates;
    private int withdrawn;
    private int unknownWithdrawals;

    RibWriter(final RibStore store, final RouterId router) {
        this.store = store;
        this.router = router;
    }

    public RouterId router() {
        return router;
    }

    /**
     * Starts an UPDATE of a peer's RIB and zeroes the counters.
     *
     * @param peerKey the peer from the per-peer header
     * @param peerRib the RIB the header names
     */
    public void begin(final PeerKey peerKey, final Rib peerRib) {
        if (!peerKey.equals(peer) || peerRib != rib) {
            unlock();
            table = null;
            tableAfi = -1;
            peer = peerKey;
            rib = peerRib;
        }
        added = 0;
        replaced = 0;
        duplicates = 0;
        withdrawn = 0;
        unknownWithdrawals = 0;
        attributeBytes = null;
    }

    /**
     * The UPDATE's canonical attribute bytes (see {@link RibUpdate}); the writer reads them at the first
     * announcement, so the caller keeps them unchanged until {@link #end}.
     *
     * @param bytes buffer
     * @param offset start
     * @param length length
     */
    public void attributes(final byte[] bytes, final int offset, final int length) {
        attributeBytes = bytes;
        attributeOffset = offset;
        attributeLength = length;
    }

    /**
     * Withdraws an IPv4 (afi 1) or IPv6 (afi 2) route.
     *
     * @param afi address family
     * @param safi subsequent address family
     * @param high IPv4 address in the low 32 bits, or the first 64 bits of an IPv6 address
     * @param low the last 64 bits of an IPv6 address, 0 for IPv4
     * @param length prefix length
     * @param pathId Add-Path identifier, 0 without Add-Path
     * @param rd route distinguisher, 0 outside VPN families
     * @return false when the family is not kept by prefix (nothing done)
     */
    public boolean withdraw(final int afi, final int safi, final long high, final long low, final int length,
            final int pathId, final long rd) {
        if (!familyOk(afi, safi, length)) {
            return false;
        }
        final RouteTable found = table(afi, safi, false);
        if (found != null && found.removeLocked(rd, mask(afi, high, length, true), mask(afi, low, length, false),
                length, pathId)) {
            withdrawn++;
        } else {
            unknownWithdrawals++;
        }
        return true;
    }

    /**
     * Announces an IPv4 (afi 1) or IPv6 (afi 2) route with the UPDATE's attributes.
     *
     * @param afi address family
     * @param safi subsequent address family
     * @param high IPv4 address in the low 32 bits, or the first 64 bits of an IPv6 address
     * @param low the last 64 bits of an IPv6 address, 0 for IPv4
     * @param length prefix length
     * @param pathId Add-Path identifier, 0 without Add-Path
     * @param rd route distinguisher, 0 outside VPN families
     * @return false when the family is not kept by prefix (nothing done)
     * @throws IllegalStateException if no attributes were given for this UPDATE
     */
    public boolean announce(final int afi, final int safi, final long high, final long low, final int length,
            final int pathId, final long rd) {
        if (!familyOk(afi, safi, length)) {
            return false;
        }
        if (set == null) {
            if (attributeBytes == null) {
                throw new IllegalStateException("announcement without attributes");
            }
            set = store.interner().acquire(attributeBytes, attributeOffset, attributeLength);
        }
        final RouteTable target = table(afi, safi, true);
        switch (target.putLocked(rd, mask(afi, high, length, true), mask(afi, low, length, false), length, pathId,
                set)) {
            case ADDED -> {
                added++;
                owedReferences++;
            }
            case REPLACED -> {
                replaced++;
                owedReferences++;
            }
            default -> duplicates++;
        }
        return true;
    }

    /**
     * The attribute set this UPDATE's announcements point to, for readers told about the UPDATE (it stays valid,
     * immutable, after {@link #end}).
     *
     * @return the interned set, or null while nothing was announced
     */
    public AttributeSet attributeSet() {
        return set;
    }

    /**
     * Ends the UPDATE: settles the attribute set's references and releases the table lock.
     */
    public void end() {
        unlock();
        if (set != null) {
            store.interner().release(set);
            set = null;
        }
        attributeBytes = null;
    }

    public int added() {
        return added;
    }

    public int replaced() {
        return replaced;
    }

    public int duplicates() {
        return duplicates;
    }

    public int withdrawn() {
        return withdrawn;
    }

    public int unknownWithdrawals() {
        return unknownWithdrawals;
    }

    private static boolean familyOk(final int afi, final int safi, final int length) {
        return AfiSafi.keyedByPrefix(afi, safi) && length >= 0 && length <= (afi == AfiSafi.AFI_IPV4 ? 32 : 128);
    }

    private static long mask(final int afi, final long word, final int length, final boolean high) {
        if (afi == AfiSafi.AFI_IPV4) {
            // v4Mask has only the low 32 bits
            return high ? word & Prefix.v4Mask(length) : 0;
        }
        return word & (high ? Prefix.v6HighMask(length) : Prefix.v6LowMask(length));
    }

    /** The locked table of the family, found or (when {@code create}) made; null if absent and not made. */
    private RouteTable table(final int afi, final int safi, final boolean create) {
        if (table != null && afi == tableAfi && safi == tableSafi) {
            if (stamp != 0) {
                // locked, and checked when it was locked
                return table;
            }
            stamp = table.lockWrite();
            if (!table.retiredLocked()) {
                return table;
            }
        }
        unlock();
        final var key = new TableKey(peer, rib, new AfiSafi(afi, safi));
        final RouteTable found = create ? store.tableOf(router, key) : store.find(router, key);
        if (found == null) {
            // Nothing to withdraw from; remember nothing so that an announcement later creates the table.
            table = null;
            tableAfi = -1;
            return null;
        }
        table = found;
        tableAfi = afi;
        tableSafi = safi;
        stamp = found.lockWrite();
        if (found.retiredLocked()) {
            // Cleared between the lookup and the lock (another thread's clearRouter): look once more.
            unlock();
            return table(afi, safi, create);
        }
        return found;
    }

    /**
     * Takes the references the table's new routes owe their attribute set, then releases the table: a clear that
     * follows (Peer Down, session end) must find every route's reference already counted.
     */
    private void unlock() {
        if (stamp != 0) {
            if (owedReferences > 0) {
                store.interner().retain(set, owedReferences);
                owedReferences = 0;
            }
            table.unlockWrite(stamp);
            stamp = 0;
        }
    }
}

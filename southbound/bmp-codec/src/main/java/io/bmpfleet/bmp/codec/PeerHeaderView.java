package io.bmpfleet.bmp.codec;

import io.netty.buffer.ByteBuf;

/**
 * A reusable, allocation-free view of a per-peer header (RFC 7854 section 4.2), for the hot path. Convert it with
 * {@link #toRecord()} when an object is wanted.
 */
public final class PeerHeaderView {
    private int peerType;
    private int flags;
    private long distinguisher;
    private long addressHigh;
    private long addressLow;
    private long asNumber;
    private long bgpId;
    private long timestampSeconds;
    private long timestampMicros;

    /**
     * Copies another view, e.g. to remember the last peer seen on a session.
     *
     * @param other the view to copy
     */
    public void copyFrom(final PeerHeaderView other) {
        peerType = other.peerType;
        flags = other.flags;
        distinguisher = other.distinguisher;
        addressHigh = other.addressHigh;
        addressLow = other.addressLow;
        asNumber = other.asNumber;
        bgpId = other.bgpId;
        timestampSeconds = other.timestampSeconds;
        timestampMicros = other.timestampMicros;
    }

    /**
     * Tells whether the view describes the same peer with the same flags, that is the same peer and the same RIB
     * (the L and O flags select it).
     *
     * @param other another view
     * @return true when {@link #samePeer(PeerHeaderView)} and the flags are equal
     */
    public boolean samePeerAndRib(final PeerHeaderView other) {
        return flags == other.flags && samePeer(other);
    }

    void read(final ByteBuf buf, final int index) {
        peerType = buf.getUnsignedByte(index);
        flags = buf.getUnsignedByte(index + 1);
        distinguisher = buf.getLong(index + 2);
        addressHigh = buf.getLong(index + 10);
        addressLow = buf.getLong(index + 18);
        asNumber = buf.getUnsignedInt(index + 26);
        bgpId = buf.getUnsignedInt(index + 30);
        timestampSeconds = buf.getUnsignedInt(index + 34);
        timestampMicros = buf.getUnsignedInt(index + 38);
    }

    public int peerType() {
        return peerType;
    }

    public int flags() {
        return flags;
    }

    public long distinguisher() {
        return distinguisher;
    }

    /**
     * Returns the first 8 bytes of the 16-byte peer address field.
     *
     * @return bytes 0-7, big-endian
     */
    public long addressHigh() {
        return addressHigh;
    }

    /**
     * Returns the last 8 bytes of the 16-byte peer address field (an IPv4 address is in the low 32 bits).
     *
     * @return bytes 8-15, big-endian
     */
    public long addressLow() {
        return addressLow;
    }

    public long asNumber() {
        return asNumber;
    }

    public long bgpId() {
        return bgpId;
    }

    public long timestampSeconds() {
        return timestampSeconds;
    }

    public long timestampMicros() {
        return timestampMicros;
    }

    public boolean isLocRib() {
        return peerType == PerPeerHeader.LOC_RIB_INSTANCE;
    }

    /**
     * Tells whether UPDATEs of this peer use 4-octet AS numbers: not when the A flag (RFC 7854) is set.
     *
     * @return false for legacy 2-octet AS_PATH
     */
    public boolean fourByteAs() {
        return isLocRib() || (flags & PerPeerHeader.FLAG_A) == 0;
    }

    /**
     * Tells whether the routes are Adj-RIB-Out (RFC 8671 O flag).
     *
     * @return true for routes sent to the peer
     */
    public boolean adjRibOut() {
        return !isLocRib() && (flags & PerPeerHeader.FLAG_O) != 0;
    }

    /**
     * Tells whether the view describes the same peer as the given raw fields (for lookup caches).
     *
     * @param other another view
     * @return true when peer type, distinguisher, address and BGP ID are equal
     */
    public boolean samePeer(final PeerHeaderView other) {
        return peerType == other.peerType && distinguisher == other.distinguisher
            && addressHigh == other.addressHigh && addressLow == other.addressLow && bgpId == other.bgpId;
    }

    /**
     * Returns the header as an immutable record.
     *
     * @return record
     */
    public PerPeerHeader toRecord() {
        final byte[] addr = new byte[16];
        for (int i = 0; i < 8; i++) {
            addr[i] = (byte) (addressHigh >>> (56 - 8 * i));
            addr[8 + i] = (byte) (addressLow >>> (56 - 8 * i));
        }
        return new PerPeerHeader(peerType, flags, distinguisher,
            PerPeerHeader.addressOf(peerType, flags, addr), asNumber, bgpId, timestampSeconds, timestampMicros);
    }
}

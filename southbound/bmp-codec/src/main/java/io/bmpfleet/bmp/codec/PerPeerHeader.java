package io.bmpfleet.bmp.codec;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The per-peer header (RFC 7854 section 4.2; RFC 8671 O flag; RFC 9069 peer type 3 and F flag).
 *
 * @param peerType 0 global, 1 RD, 2 local, 3 Loc-RIB instance; others kept as is
 * @param flags the flags octet as on the wire
 * @param distinguisher peer distinguisher, 8 bytes
 * @param address peer address (IPv4 when the V flag is clear)
 * @param asNumber peer AS
 * @param bgpId peer BGP identifier, unsigned 32 bits
 * @param timestampSeconds seconds since the epoch
 * @param timestampMicros microseconds
 */
public record PerPeerHeader(int peerType, int flags, long distinguisher, InetAddress address, long asNumber,
        long bgpId, long timestampSeconds, long timestampMicros) {
    public static final int LENGTH = 42;

    public static final int GLOBAL_INSTANCE = 0;
    public static final int RD_INSTANCE = 1;
    public static final int LOCAL_INSTANCE = 2;
    public static final int LOC_RIB_INSTANCE = 3;

    /** IPv6 peer address (peer types 0-2). */
    public static final int FLAG_V = 0x80;
    /** Post-policy Adj-RIB (peer types 0-2). */
    public static final int FLAG_L = 0x40;
    /** Legacy 2-octet AS_PATH (peer types 0-2). */
    public static final int FLAG_A = 0x20;
    /** Adj-RIB-Out (RFC 8671, peer types 0-2). */
    public static final int FLAG_O = 0x10;
    /** Filtered Loc-RIB (RFC 9069, peer type 3). */
    public static final int FLAG_F = 0x80;

    public PerPeerHeader {
        if (address == null) {
            throw new IllegalArgumentException("address is required");
        }
    }

    public boolean isLocRib() {
        return peerType == LOC_RIB_INSTANCE;
    }

    /**
     * Returns the V flag (IPv6 peer), false for Loc-RIB.
     *
     * @return V flag
     */
    public boolean ipv6() {
        return !isLocRib() && (flags & FLAG_V) != 0;
    }

    /**
     * Returns the L flag (post-policy), false for Loc-RIB.
     *
     * @return L flag
     */
    public boolean postPolicy() {
        return !isLocRib() && (flags & FLAG_L) != 0;
    }

    /**
     * Returns the A flag (legacy 2-octet AS_PATH), false for Loc-RIB.
     *
     * @return A flag
     */
    public boolean legacyAsPath() {
        return !isLocRib() && (flags & FLAG_A) != 0;
    }

    /**
     * Returns the O flag (Adj-RIB-Out, RFC 8671), false for Loc-RIB.
     *
     * @return O flag
     */
    public boolean adjRibOut() {
        return !isLocRib() && (flags & FLAG_O) != 0;
    }

    /**
     * Returns the F flag (filtered Loc-RIB, RFC 9069), false for other peer types.
     *
     * @return F flag
     */
    public boolean filtered() {
        return isLocRib() && (flags & FLAG_F) != 0;
    }

    public boolean fourByteAs() {
        return !legacyAsPath();
    }

    /**
     * Returns the key that identifies a peer within a BMP session: peer type, distinguisher, address and BGP ID
     * (not the BGP ID alone, or VRF peers collide).
     *
     * @return key
     */
    public PeerKey key() {
        return new PeerKey(peerType, distinguisher, address, bgpId);
    }

    /**
     * Identity of a monitored peer within a BMP session.
     *
     * @param peerType peer type
     * @param distinguisher peer distinguisher
     * @param address peer address
     * @param bgpId BGP identifier
     */
    public record PeerKey(int peerType, long distinguisher, InetAddress address, long bgpId) {
    }

    /**
     * Writes the header.
     *
     * @param out destination
     */
    public void encode(final ByteBuf out) {
        out.writeByte(peerType);
        out.writeByte(flags);
        out.writeLong(distinguisher);
        writeAddress(out, address, ipv6());
        out.writeInt((int) asNumber);
        out.writeInt((int) bgpId);
        out.writeInt((int) timestampSeconds);
        out.writeInt((int) timestampMicros);
    }

    /**
     * Writes a 16-byte address field: IPv4 in the low 4 bytes unless {@code sixteen} or the address is IPv6.
     *
     * @param out destination
     * @param addr address
     * @param sixteen whether the field holds an IPv6 address (V flag)
     */
    static void writeAddress(final ByteBuf out, final InetAddress addr, final boolean sixteen) {
        final byte[] raw = addr.getAddress();
        if (raw.length == 16) {
            out.writeBytes(raw);
        } else if (sixteen) {
            // an IPv4-mapped IPv6 address, which Java turned into an Inet4Address
            out.writeZero(10);
            out.writeShort(0xFFFF);
            out.writeBytes(raw);
        } else {
            out.writeZero(12);
            out.writeBytes(raw);
        }
    }

    /**
     * Interprets a 16-byte address field according to the peer type and V flag.
     *
     * @param peerType peer type
     * @param flags flags octet
     * @param raw 16 bytes
     * @return address
     */
    static InetAddress addressOf(final int peerType, final int flags, final byte[] raw) {
        boolean v6 = (flags & FLAG_V) != 0;
        if (peerType == LOC_RIB_INSTANCE) {
            v6 = false;
            for (int i = 0; i < 12; i++) {
                v6 |= raw[i] != 0;
            }
        }
        try {
            if (v6) {
                return Inet6Address.getByAddress(null, raw, null);
            }
            return Inet4Address.getByAddress(new byte[] {raw[12], raw[13], raw[14], raw[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("fixed-size address", e);
        }
    }
}

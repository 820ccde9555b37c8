package io.bmpfleet.bmp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Builds test byte vectors from hex text, filling in the length fields so that the vectors read like the RFC
 * figures.
 */
public final class Wire {
    private Wire() {
        // static helpers
    }

    /**
     * Joins hex fragments (white space, ':' and '_' ignored).
     *
     * @param parts hex fragments
     * @return hex
     */
    public static String hex(final String... parts) {
        return String.join("", parts).replaceAll("[\\s:_]", "");
    }

    /**
     * Returns a BMP message: common header (version 3, length, type) and body.
     *
     * @param type message type
     * @param body body hex fragments
     * @return hex
     */
    public static String bmp(final int type, final String... body) {
        return bmpVersion(3, type, body);
    }

    /**
     * Returns a BMP message of a given version.
     *
     * @param version version
     * @param type message type
     * @param body body hex fragments
     * @return hex
     */
    public static String bmpVersion(final int version, final int type, final String... body) {
        final String b = hex(body);
        return String.format("%02x%08x%02x", version, 6 + b.length() / 2, type) + b;
    }

    /**
     * Returns a per-peer header.
     *
     * @param peerType peer type
     * @param flags flags
     * @param rd distinguisher, 16 hex digits
     * @param address 32 hex digits
     * @param as AS number
     * @param bgpId BGP ID, 8 hex digits
     * @return hex
     */
    public static String peer(final int peerType, final int flags, final String rd, final String address,
            final long as, final String bgpId) {
        return String.format("%02x%02x", peerType, flags) + rd + address + String.format("%08x", as) + bgpId
            + "5f5e1000" + "0001e240";
    }

    /**
     * Returns a BGP message: marker, length, type and body.
     *
     * @param type BGP message type
     * @param body body hex fragments
     * @return hex
     */
    public static String bgp(final int type, final String... body) {
        final String b = hex(body);
        return "ffffffffffffffffffffffffffffffff" + String.format("%04x%02x", 19 + b.length() / 2, type) + b;
    }

    /**
     * Returns an OPEN message with one capabilities parameter.
     *
     * @param myAs my AS, 4 hex digits
     * @param holdTime hold time, 4 hex digits
     * @param bgpId BGP ID, 8 hex digits
     * @param caps capabilities hex (code, length, value each)
     * @return hex
     */
    public static String open(final String myAs, final String holdTime, final String bgpId, final String... caps) {
        final String c = hex(caps);
        return bgp(1, "04", myAs, holdTime, bgpId, String.format("%02x02%02x", c.length() / 2 + 2, c.length() / 2),
            c);
    }

    /**
     * Returns an UPDATE message from its three fields, filling in the two length fields.
     *
     * @param withdrawn withdrawn routes hex
     * @param attributes path attributes hex
     * @param nlri NLRI hex
     * @return hex
     */
    public static String update(final String withdrawn, final String attributes, final String nlri) {
        final String w = hex(withdrawn);
        final String a = hex(attributes);
        return bgp(2, String.format("%04x", w.length() / 2), w, String.format("%04x", a.length() / 2), a, hex(nlri));
    }

    /**
     * Returns a path attribute with a one-octet length.
     *
     * @param flags flags
     * @param type type code
     * @param value value hex fragments
     * @return hex
     */
    public static String attr(final int flags, final int type, final String... value) {
        final String v = hex(value);
        if ((flags & 0x10) != 0) {
            return String.format("%02x%02x%04x", flags, type, v.length() / 2) + v;
        }
        return String.format("%02x%02x%02x", flags, type, v.length() / 2) + v;
    }

    /**
     * Returns a TLV with 2-octet type and length.
     *
     * @param type type
     * @param value value hex fragments
     * @return hex
     */
    public static String tlv(final int type, final String... value) {
        final String v = hex(value);
        return String.format("%04x%04x", type, v.length() / 2) + v;
    }

    /**
     * Returns the hex of an ASCII string.
     *
     * @param text text
     * @return hex
     */
    public static String ascii(final String text) {
        final StringBuilder sb = new StringBuilder();
        for (char ch : text.toCharArray()) {
            sb.append(String.format("%02x", (int) ch));
        }
        return sb.toString();
    }

    /**
     * Wraps hex in a buffer.
     *
     * @param hex hex
     * @return buffer
     */
    public static ByteBuf buf(final String hex) {
        return Unpooled.wrappedBuffer(Bytes.fromHex(hex).toArray());
    }

    /**
     * Hex of a buffer's readable bytes.
     *
     * @param buf buffer
     * @return hex
     */
    public static String toHex(final ByteBuf buf) {
        return Bytes.copyOf(buf, buf.readerIndex(), buf.readableBytes()).toHex();
    }
}

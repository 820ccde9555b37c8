/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RouterId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * OpenBMP's hash IDs, the one place they are made: MD5 digests of text (and a few bytes) that name a collector, a
 * router, a peer, an attribute set and a route, written as 32 lowercase hex digits. Consumers use them as keys, so
 * the same thing always gets the same ID and two things never share one.
 *
 * <p>Where bmpfleet differs from OpenBMP 2.2.3, on purpose:
 * <ul>
 *   <li>A router is a BMP session, its address and port ({@link RouterId}): routers behind one address (NAT, a lab
 *       on loopback) and a router's several sessions (FRR {@code bmp targets}) get their own IDs. OpenBMP hashes
 *       the address alone.</li>
 *   <li>Integers that OpenBMP hashes in its host's byte order (little-endian on x86) are hashed little-endian, so
 *       the IDs match an OpenBMP collector on x86.</li>
 *   <li>The RIB byte of a route's ID has its intended value ({@code 0x01} not Adj-RIB-In, {@code 0x02} not
 *       pre-policy); OpenBMP 2.2.3 ORs it into a byte it does not clear.</li>
 * </ul>
 */
public final class OpenBmpIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(OpenBmpIds::newDigest);

    private OpenBmpIds() {
    }

    /**
     * The collector's ID: MD5 of its admin ID.
     *
     * @param adminId the collector's name
     * @return the 16 bytes
     */
    public static byte[] collector(final String adminId) {
        return digest().digest(adminId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A router session's ID: MD5 of the session as text ("address:port") and the collector's ID in hex.
     *
     * @param router the session
     * @param collectorHex the collector's ID in hex
     * @return the 16 bytes
     */
    public static byte[] router(final RouterId router, final String collectorHex) {
        final var md = digest();
        md.update(router.toString().getBytes(StandardCharsets.US_ASCII));
        md.update(collectorHex.getBytes(StandardCharsets.US_ASCII));
        return md.digest();
    }

    /**
     * A peer's ID: MD5 of its address and distinguisher as text and the router's ID in hex, and a byte 0x80 for a
     * Loc-RIB instance (RFC 9069), as OpenBMP 2.2.3 hashes it. Its BGP identifier is not part of it.
     *
     * @param address the peer address as text
     * @param distinguisher the peer distinguisher as text
     * @param routerHex the router's ID in hex
     * @param locRib whether it is a Loc-RIB instance peer
     * @return the 16 bytes
     */
    public static byte[] peer(final String address, final String distinguisher, final String routerHex,
            final boolean locRib) {
        final var md = digest();
        md.update(address.getBytes(StandardCharsets.US_ASCII));
        md.update(distinguisher.getBytes(StandardCharsets.US_ASCII));
        md.update(routerHex.getBytes(StandardCharsets.US_ASCII));
        if (locRib) {
            md.update((byte) 0x80);
        }
        return md.digest();
    }

    /**
     * An attribute set's ID as one peer sent it (OpenBMP's base attribute hash): MD5 of the AS path, next hop,
     * aggregator, origin as the messages write them, MED and LOCAL_PREF as 4 bytes little-endian, the communities
     * and extended communities as written, and the peer's ID in hex.
     *
     * @param attributes the set as the messages write it
     * @param peerHex the peer's ID in hex
     * @return the 16 bytes
     */
    public static byte[] attributes(final OpenBmpAttributes attributes, final String peerHex) {
        final var md = digest();
        md.update(utf8(attributes.asPath()));
        md.update(utf8(attributes.nextHop()));
        md.update(utf8(attributes.aggregator()));
        md.update(utf8(attributes.origin()));
        littleEndian(md, attributes.med() == null ? 0 : attributes.med());
        littleEndian(md, attributes.localPref() == null ? 0 : attributes.localPref());
        md.update(utf8(attributes.communities()));
        md.update(utf8(attributes.extendedCommunities()));
        md.update(utf8(peerHex));
        return md.digest();
    }

    /**
     * A route's ID: MD5 of the prefix address as text, its length as a byte, the distinguisher's two halves as text
     * for a VPN route, the peer's ID in hex, the path ID (4 bytes little-endian, when not 0), and a byte for the
     * RIB when it is not the pre-policy Adj-RIB-In.
     *
     * @param address the prefix address as text
     * @param length the prefix length
     * @param distinguisher the route distinguisher as text, "administrator:assigned", or null for no VPN route
     * @param peerHex the peer's ID in hex
     * @param pathId the path ID, 0 for none
     * @param rib the RIB the route is in
     * @return the 16 bytes
     */
    public static byte[] route(final String address, final int length, final String distinguisher,
            final String peerHex, final int pathId, final Rib rib) {
        final var md = digest();
        md.update(utf8(address));
        md.update((byte) length);
        if (distinguisher != null) {
            // its administrator and assigned number, one after the other (an administrator is an AS or an IPv4)
            md.update(utf8(distinguisher.replace(":", "")));
        }
        md.update(utf8(peerHex));
        if (pathId != 0) {
            littleEndian(md, Integer.toUnsignedLong(pathId));
        }
        final boolean adjIn = rib == Rib.ADJ_RIB_IN_PRE || rib == Rib.ADJ_RIB_IN_POST;
        final boolean prePolicy = rib == Rib.ADJ_RIB_IN_PRE || rib == Rib.ADJ_RIB_OUT_PRE;
        if (!(adjIn && prePolicy)) {
            md.update((byte) ((adjIn ? 0 : 0x01) | (prePolicy ? 0 : 0x02)));
        }
        return md.digest();
    }

    /**
     * Lowercase hex.
     *
     * @param bytes the bytes
     * @return two digits per byte
     */
    public static String hex(final byte[] bytes) {
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    private static byte[] utf8(final String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private static void littleEndian(final MessageDigest md, final long value) {
        md.update(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }

    /** One MD5 per thread, reset for each ID (looking the algorithm up costs more than hashing a route's ID). */
    private static MessageDigest digest() {
        final var md = MD5.get();
        md.reset();
        return md;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * OpenBMP's binary message header, version 1.7, in front of a router's BMP message on the {@code bmp_raw} topic,
 * so that an OpenBMP consumer reads bmpfleet's raw topic as it reads an OpenBMP collector's. All integers are in
 * network byte order:
 *
 * <pre>
 *  magic "OBMP" (4) | major 1 (1) | minor 7 (1) | header length (2) | BMP message length (4)
 *  flags (1): 0x80 router message, 0x40 router address is IPv6 | type (1): 12 BMP_RAW
 *  time: seconds (4), microseconds (4)
 *  collector hash (16) | admin ID length (2) | admin ID
 *  router hash (16) | router address (16: IPv4 in the first 4, then zeros) | group length (2) | group
 *  row count (4): 1
 * </pre>
 */
public final class RawHeader {
    /** "OBMP". */
    public static final int MAGIC = 0x4F424D50;
    /** Major version. */
    public static final int MAJOR = 1;
    /** Minor version. */
    public static final int MINOR = 7;
    /** Object type of a raw BMP message. */
    public static final int TYPE_BMP_RAW = 12;
    /** Flag: a router's message (router fields present). */
    public static final int FLAG_ROUTER = 0x80;
    /** Flag: the router's address is IPv6. */
    public static final int FLAG_IPV6 = 0x40;
    /** Header bytes besides the admin ID and the router group. */
    public static final int FIXED_LENGTH = 78;

    private RawHeader() {
    }

    /**
     * A raw topic's message: the header and the BMP message.
     *
     * @param time when the collector received the message
     * @param collectorHash the collector's ID
     * @param adminId the collector's admin ID
     * @param routerHash the router's ID
     * @param router the router's address
     * @param group the router's group, empty for none
     * @param message the BMP message as received
     * @return the bytes
     */
    public static byte[] message(final Instant time, final byte[] collectorHash, final String adminId,
            final byte[] routerHash, final InetAddress router, final String group, final byte[] message) {
        final byte[] admin = adminId.getBytes(StandardCharsets.UTF_8);
        final byte[] groupBytes = group.getBytes(StandardCharsets.UTF_8);
        final int headerLength = FIXED_LENGTH + admin.length + groupBytes.length;
        final byte[] address = router.getAddress();
        final var out = ByteBuffer.allocate(headerLength + message.length);
        out.putInt(MAGIC).put((byte) MAJOR).put((byte) MINOR).putShort((short) headerLength).putInt(message.length);
        out.put((byte) (FLAG_ROUTER | (router instanceof Inet4Address ? 0 : FLAG_IPV6))).put((byte) TYPE_BMP_RAW);
        out.putInt((int) time.getEpochSecond()).putInt(time.getNano() / 1000);
        out.put(collectorHash).putShort((short) admin.length).put(admin);
        out.put(routerHash).put(address).put(new byte[16 - address.length]);
        out.putShort((short) groupBytes.length).put(groupBytes);
        out.putInt(1);
        out.put(message);
        return out.array();
    }
}

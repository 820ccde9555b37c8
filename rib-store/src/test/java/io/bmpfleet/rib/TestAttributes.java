/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Test helpers: well-formed attribute bytes and addresses. */
final class TestAttributes {
    private TestAttributes() {
        // static only
    }

    /**
     * ORIGIN IGP, AS_PATH (one AS_SEQUENCE of 4-byte ASNs), NEXT_HOP and MED, as an UPDATE carries them.
     */
    static byte[] attributes(final int med, final int... asPath) {
        final var bytes = new byte[4 + 3 + 2 + 4 * asPath.length + 7 + 7];
        int at = 0;
        bytes[at++] = 0x40;
        bytes[at++] = 1;
        bytes[at++] = 1;
        bytes[at++] = 0;
        bytes[at++] = 0x40;
        bytes[at++] = 2;
        bytes[at++] = (byte) (2 + 4 * asPath.length);
        bytes[at++] = 2;
        bytes[at++] = (byte) asPath.length;
        for (int as : asPath) {
            at = putInt(bytes, at, as);
        }
        bytes[at++] = 0x40;
        bytes[at++] = 3;
        bytes[at++] = 4;
        at = putInt(bytes, at, 0xC0000201);
        bytes[at++] = (byte) 0x80;
        bytes[at++] = 4;
        bytes[at++] = 4;
        putInt(bytes, at, med);
        return bytes;
    }

    static byte[] attributes(final int med) {
        return attributes(med, 65001, 65002, 65003);
    }

    private static int putInt(final byte[] bytes, final int at, final int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
        return at + 4;
    }

    static InetAddress address(final String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}

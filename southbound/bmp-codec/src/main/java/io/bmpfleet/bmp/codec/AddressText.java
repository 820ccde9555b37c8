package io.bmpfleet.bmp.codec;

import java.net.InetAddress;

/**
 * Text forms of addresses: dotted quad for IPv4, RFC 5952 for IPv6 (lower case, longest run of zero groups as
 * {@code ::}), as tools such as tshark print them.
 */
public final class AddressText {
    private AddressText() {
        // static methods only
    }

    /**
     * Formats an address.
     *
     * @param addr address
     * @return text
     */
    public static String format(final InetAddress addr) {
        return format(addr.getAddress());
    }

    /**
     * Formats 4 or 16 address bytes; other lengths as hex.
     *
     * @param raw address bytes
     * @return text
     */
    public static String format(final byte[] raw) {
        if (raw.length == 4) {
            return (raw[0] & 0xFF) + "." + (raw[1] & 0xFF) + "." + (raw[2] & 0xFF) + "." + (raw[3] & 0xFF);
        }
        if (raw.length != 16) {
            return Bytes.of(raw).toHex();
        }
        final int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (raw[2 * i] & 0xFF) << 8 | raw[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int len = 0;
            while (i + len < 8 && groups[i + len] == 0) {
                len++;
            }
            if (len > bestLen) {
                bestStart = i;
                bestLen = len;
            }
        }
        final StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /**
     * Formats an unsigned 32-bit value (BGP identifier) as a dotted quad.
     *
     * @param value value
     * @return text
     */
    public static String ipv4(final long value) {
        return (value >>> 24 & 0xFF) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value & 0xFF);
    }
}

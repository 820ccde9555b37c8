/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr.sim;

import java.util.Arrays;
import java.util.Comparator;

/**
 * IP addresses as FRR reads and writes them: {@code inet_pton} syntax in, RFC 5952 text out (lower case, the
 * longest run of two or more zero groups shortened to {@code ::}, never a dotted IPv4 tail, as FRR prints
 * {@code ::ffff:102:304}), and FRR's order of socket addresses (IPv4 before IPv6, then byte by byte).
 */
final class InetText {
    /** Addresses (text) in FRR's sockunion order; text that is no address sorts after all addresses. */
    static final Comparator<String> ORDER = (left, right) -> {
        final var a = parse(left);
        final var b = parse(right);
        if (a == null || b == null) {
            return a == null && b == null ? left.compareTo(right) : a == null ? 1 : -1;
        }
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        return Arrays.compareUnsigned(a, b);
    };

    private InetText() {
        // static only
    }

    /**
     * Parses an IPv4 or IPv6 address.
     *
     * @param text the text
     * @return 4 or 16 bytes, or null when it is neither
     */
    static byte[] parse(final String text) {
        final var v4 = parse4(text);
        return v4 != null ? v4 : parse6(text);
    }

    /**
     * Parses dotted-quad IPv4 as {@code inet_pton} does (four decimal parts, no leading zeros).
     *
     * @param text the text
     * @return 4 bytes, or null
     */
    static byte[] parse4(final String text) {
        final var parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        final var bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            final var part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                || part.length() > 1 && part.charAt(0) == '0') {
                return null;
            }
            final int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /**
     * Parses IPv6 as {@code inet_pton} does: hex groups, one {@code ::}, an optional dotted IPv4 tail.
     *
     * @param text the text
     * @return 16 bytes, or null
     */
    static byte[] parse6(final String text) {
        if (text.isEmpty() || !text.contains(":")) {
            return null;
        }
        final int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        final var head = gap < 0 ? text : text.substring(0, gap);
        final var tail = gap < 0 ? "" : text.substring(gap + 2);
        final var front = groups(head, gap < 0);
        final var back = groups(tail, true);
        if (front == null || back == null) {
            return null;
        }
        final int total = front.length + back.length;
        if (gap < 0 ? total != 16 : total > 14) {
            return null;
        }
        final var bytes = new byte[16];
        System.arraycopy(front, 0, bytes, 0, front.length);
        System.arraycopy(back, 0, bytes, 16 - back.length, back.length);
        return bytes;
    }

    /** The bytes of colon-separated groups; the last may be dotted IPv4 when {@code ipv4Tail}. */
    private static byte[] groups(final String text, final boolean ipv4Tail) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        final var parts = text.split(":", -1);
        final var bytes = new byte[parts.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < parts.length; i++) {
            final var part = parts[i];
            if (ipv4Tail && i == parts.length - 1 && part.contains(".")) {
                final var v4 = parse4(part);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, bytes, length, 4);
                length += 4;
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            final int value = Integer.parseInt(part, 16);
            bytes[length++] = (byte) (value >> 8);
            bytes[length++] = (byte) value;
        }
        return Arrays.copyOf(bytes, length);
    }

    /**
     * An address as FRR prints it.
     *
     * @param text an address in any form {@link #parse} takes
     * @return its canonical text, or the text itself when it is no address
     */
    static String canonical(final String text) {
        final var bytes = parse(text);
        if (bytes == null) {
            return text;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
        }
        final var groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        int start = 0;
        while (start < 8) {
            int end = start;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - start > bestLength) {
                bestStart = start;
                bestLength = end - start;
            }
            start = Math.max(start + 1, end);
        }
        final var out = new StringBuilder();
        int group = 0;
        while (group < 8) {
            if (group == bestStart) {
                out.append("::");
                group += bestLength;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[group]));
            group++;
        }
        return out.toString();
    }
}

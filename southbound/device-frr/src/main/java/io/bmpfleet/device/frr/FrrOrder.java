/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The order in which FRR 8.4's bgpd writes the BMP part of {@code show running-config}, so that a rendering reads
 * as the device's own text: address-family blocks in bgpd's fixed order, neighbors in a block by name (peer
 * groups) then by address, {@code bmp targets} by name (byte order, as C's strcmp), and within a target the access
 * lists (IPv6 first), {@code bmp stats}, {@code bmp mirror}, {@code bmp monitor} by AFI, SAFI and pre before post,
 * {@code bmp listener} by address (IPv4 before IPv6) and port, {@code bmp connect} by host name and port.
 */
final class FrrOrder {
    /** bgpd's order of address-family blocks. */
    private static final List<String> FAMILIES = List.of("ipv4 unicast", "ipv4 multicast", "ipv4 labeled-unicast",
        "ipv4 vpn", "ipv4 flowspec", "ipv6 unicast", "ipv6 multicast", "ipv6 labeled-unicast", "ipv6 vpn",
        "ipv6 flowspec", "l2vpn evpn");
    /** The kinds of target lines, in the order bgpd writes them; other lines come last. */
    private static final List<String> TARGET_LINES = List.of("ipv6 access-list ", "ip access-list ", "bmp stats",
        "bmp mirror", "bmp monitor ", "bmp listener ", "bmp connect ");
    /** {@code bmp monitor} AFI and SAFI words in bgpd's numbering order. */
    private static final List<String> AFIS = List.of("ipv4", "ipv6", "l2vpn");
    private static final List<String> SAFIS = List.of("unicast", "multicast", "vpn", "evpn");
    private static final int MONITOR = TARGET_LINES.indexOf("bmp monitor ");
    private static final int LISTENER = TARGET_LINES.indexOf("bmp listener ");
    private static final int CONNECT = TARGET_LINES.indexOf("bmp connect ");

    /** Names as C's strcmp orders them (UTF-8 bytes). */
    static final Comparator<String> NAMES = (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));

    /** Address-family blocks ({@code ipv4 unicast}) in bgpd's order; unknown ones after, by name. */
    static final Comparator<String> FAMILY_BLOCKS = Comparator.comparingInt((String f) -> rank(FAMILIES, f))
        .thenComparing(NAMES);

    /** Neighbors of an address-family block: names (peer groups) first, then addresses. */
    static final Comparator<String> NEIGHBORS = FrrOrder::compareAddresses;

    /** The lines of one {@code bmp targets} block. */
    static final Comparator<String> TARGET_LINE_ORDER = FrrOrder::compareTargetLines;

    private FrrOrder() {
        // static only
    }

    private static int rank(final List<String> order, final String value) {
        final int index = order.indexOf(value);
        return index < 0 ? order.size() : index;
    }

    private static int kind(final String line) {
        for (int i = 0; i < TARGET_LINES.size(); i++) {
            final var start = TARGET_LINES.get(i);
            if (line.startsWith(start) && (start.endsWith(" ") || line.length() == start.length()
                || line.charAt(start.length()) == ' ')) {
                return i;
            }
        }
        return TARGET_LINES.size();
    }

    private static int compareTargetLines(final String first, final String second) {
        final int kind = kind(first);
        final int byKind = Integer.compare(kind, kind(second));
        if (byKind != 0) {
            return byKind;
        }
        // bmp monitor AFI SAFI POLICY / bmp listener ADDRESS port P / bmp connect HOST port P ...
        final var left = first.split(" ");
        final var right = second.split(" ");
        if (left.length < 5 || right.length < 5) {
            return 0;
        }
        if (kind == MONITOR) {
            final int byAfi = Integer.compare(rank(AFIS, left[2]), rank(AFIS, right[2]));
            final int bySafi = Integer.compare(rank(SAFIS, left[3]), rank(SAFIS, right[3]));
            return byAfi != 0 ? byAfi : bySafi != 0 ? bySafi
                : Boolean.compare(!left[4].equals("pre-policy"), !right[4].equals("pre-policy"));
        }
        if (kind == LISTENER || kind == CONNECT) {
            final int byHost = kind == LISTENER ? compareAddresses(left[2], right[2]) : NAMES.compare(left[2],
                right[2]);
            return byHost != 0 ? byHost : Long.compare(port(left[4]), port(right[4]));
        }
        // Same kind otherwise: the order written stays (the sort is stable).
        return 0;
    }

    private static long port(final String word) {
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Names before addresses (names by strcmp); IPv4 before IPv6; addresses byte by byte. */
    private static int compareAddresses(final String first, final String second) {
        final var left = address(first);
        final var right = address(second);
        if (left.length == 0 || right.length == 0) {
            return left.length == 0 && right.length == 0 ? NAMES.compare(first, second) : left.length == 0 ? -1 : 1;
        }
        final int byFamily = Integer.compare(left.length, right.length);
        return byFamily != 0 ? byFamily : Arrays.compareUnsigned(left, right);
    }

    /** The bytes of an IPv4 or IPv6 literal (never a name lookup), or none. */
    static byte[] address(final String text) {
        if (text.indexOf(':') < 0) {
            return ipv4(text).orElseGet(() -> new byte[0]);
        }
        final int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return new byte[0];
        }
        final var front = groups(gap < 0 ? text : text.substring(0, gap));
        final var back = groups(gap < 0 ? "" : text.substring(gap + 2));
        if (front.isEmpty() || back.isEmpty()) {
            return new byte[0];
        }
        final var head = front.orElseThrow();
        final var tail = back.orElseThrow();
        if (gap < 0 ? head.length != 16 : head.length + tail.length > 14) {
            return new byte[0];
        }
        final var bytes = new byte[16];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, 16 - tail.length, tail.length);
        return bytes;
    }

    /** Colon-separated hex groups, the last of which may be dotted IPv4. */
    private static Optional<byte[]> groups(final String text) {
        if (text.isEmpty()) {
            return Optional.of(new byte[0]);
        }
        final var parts = text.split(":", -1);
        final var bytes = new byte[parts.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < parts.length; i++) {
            final var part = parts[i];
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                final var v4 = ipv4(part);
                if (v4.isEmpty()) {
                    return Optional.empty();
                }
                System.arraycopy(v4.orElseThrow(), 0, bytes, length, 4);
                length += 4;
            } else if (part.isEmpty() || part.length() > 4
                    || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return Optional.empty();
            } else {
                final int value = Integer.parseInt(part, 16);
                bytes[length++] = (byte) (value >> 8);
                bytes[length++] = (byte) value;
            }
        }
        return Optional.of(Arrays.copyOf(bytes, length));
    }

    private static Optional<byte[]> ipv4(final String text) {
        final var parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        final var bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            final int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(bytes);
    }
}

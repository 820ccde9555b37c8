/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 prefix with its host bits cleared. The address is held as two longs (IPv4 in the low 32 bits of
 * {@link #high()}), so that the store packs it into its key words without allocating.
 */
public final class Prefix implements Comparable<Prefix> {
    private final long high;
    private final long low;
    private final int length;
    private final boolean ipv6;

    private Prefix(final boolean ipv6, final long high, final long low, final int length) {
        this.ipv6 = ipv6;
        this.high = high;
        this.low = low;
        this.length = length;
    }

    /**
     * An IPv4 prefix; host bits are cleared.
     *
     * @param address the address, big-endian
     * @param length the prefix length, 0-32
     * @return the prefix
     */
    public static Prefix ipv4(final int address, final int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("IPv4 prefix length " + length);
        }
        return new Prefix(false, (address & 0xFFFFFFFFL) & v4Mask(length), 0, length);
    }

    /**
     * An IPv6 prefix; host bits are cleared.
     *
     * @param high the first 64 bits of the address
     * @param low the last 64 bits of the address
     * @param length the prefix length, 0-128
     * @return the prefix
     */
    public static Prefix ipv6(final long high, final long low, final int length) {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("IPv6 prefix length " + length);
        }
        return new Prefix(true, high & v6HighMask(length), low & v6LowMask(length), length);
    }

    /**
     * A prefix from an address of 4 or 16 bytes.
     *
     * @param address the address bytes
     * @param length the prefix length
     * @return the prefix
     */
    public static Prefix of(final byte[] address, final int length) {
        return switch (address.length) {
            case 4 -> ipv4((int) word(address, 0, 4), length);
            case 16 -> ipv6(word(address, 0, 8), word(address, 8, 8), length);
            default -> throw new IllegalArgumentException("address of " + address.length + " bytes");
        };
    }

    /**
     * A prefix as BGP NLRI encodes it (RFC 4271 section 4.3): only the {@code ceil(length / 8)} leading bytes of
     * the address are present.
     *
     * @param ipv6 whether the family is IPv6
     * @param buf the buffer holding the address bytes
     * @param offset where the address bytes start
     * @param length the prefix length in bits
     * @return the prefix
     */
    public static Prefix fromNlri(final boolean ipv6, final byte[] buf, final int offset, final int length) {
        final int max = ipv6 ? 128 : 32;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length);
        }
        final var address = new byte[max / 8];
        System.arraycopy(buf, offset, address, 0, (length + 7) / 8);
        return of(address, length);
    }

    /**
     * Parses {@code address/length}; a bare address is a host prefix. Only numeric addresses are accepted, never a
     * host name (no DNS).
     *
     * @param text the text
     * @return the prefix
     */
    public static Prefix parse(final String text) {
        final int slash = text.indexOf('/');
        final var addr = slash < 0 ? text : text.substring(0, slash);
        final byte[] bytes = addr.indexOf(':') >= 0 ? ipv6Bytes(addr, text) : ipv4Bytes(addr, text);
        final int len;
        if (slash < 0) {
            len = bytes.length * 8;
        } else {
            final var digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new IllegalArgumentException("not a prefix length: " + text);
            }
            len = Integer.parseInt(digits);
        }
        return of(bytes, len);
    }

    /** Exactly four decimal octets (no shorthand such as "10.1" or "10", which inet_aton would take). */
    private static byte[] ipv4Bytes(final String addr, final String text) {
        final String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a numeric address: " + text);
        }
        final byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            final var part = parts[i];
            final int octet = part.isEmpty() || part.length() > 3
                || !part.chars().allMatch(ch -> ch >= '0' && ch <= '9') ? -1 : Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not a numeric address: " + text);
            }
            bytes[i] = (byte) octet;
        }
        return bytes;
    }

    /** An IPv6 literal: with a colon, Java parses it as a literal and never asks DNS. */
    private static byte[] ipv6Bytes(final String addr, final String text) {
        if (!addr.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')) {
            throw new IllegalArgumentException("not a numeric address: " + text);
        }
        try {
            final byte[] bytes = InetAddress.getByName(addr).getAddress();
            if (bytes.length != 16) {
                // an IPv4-mapped literal (::ffff:a.b.c.d) comes back as 4 bytes: keep it IPv6
                final byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + text, e);
        }
    }

    private static long word(final byte[] bytes, final int offset, final int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = value << 8 | bytes[offset + i] & 0xFF;
        }
        return value;
    }

    static long v4Mask(final int length) {
        return length == 0 ? 0 : 0xFFFFFFFFL << 32 - length & 0xFFFFFFFFL;
    }

    static long v6HighMask(final int length) {
        return length == 0 ? 0 : length >= 64 ? -1L : -1L << 64 - length;
    }

    static long v6LowMask(final int length) {
        return length <= 64 ? 0 : length == 128 ? -1L : -1L << 128 - length;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    /**
     * The first 64 address bits of an IPv6 prefix, or the IPv4 address in the low 32 bits.
     *
     * @return the high word
     */
    public long high() {
        return high;
    }

    /**
     * The last 64 address bits of an IPv6 prefix; 0 for IPv4.
     *
     * @return the low word
     */
    public long low() {
        return low;
    }

    public int length() {
        return length;
    }

    /**
     * The longest length a prefix of this family can have.
     *
     * @return 32 or 128
     */
    public int maxLength() {
        return ipv6 ? 128 : 32;
    }

    /**
     * This prefix cut to a shorter length.
     *
     * @param newLength the length, at most this prefix's length
     * @return the covering prefix
     */
    public Prefix truncate(final int newLength) {
        if (newLength > length) {
            throw new IllegalArgumentException("cannot lengthen " + this + " to " + newLength);
        }
        return ipv6 ? ipv6(high, low, newLength) : new Prefix(false, high & v4Mask(newLength), 0, newLength);
    }

    /**
     * Whether {@code other} lies within this prefix (this prefix itself included).
     *
     * @param other another prefix
     * @return true when other is equal to or more specific than this prefix
     */
    public boolean contains(final Prefix other) {
        if (other.ipv6 != ipv6 || other.length < length) {
            return false;
        }
        return ipv6 ? (other.high & v6HighMask(length)) == high && (other.low & v6LowMask(length)) == low
            : (other.high & v4Mask(length)) == high;
    }

    /**
     * The address bytes, 4 or 16 of them.
     *
     * @return a new array
     */
    public byte[] addressBytes() {
        final var bytes = new byte[ipv6 ? 16 : 4];
        if (ipv6) {
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (high >>> 56 - 8 * i);
                bytes[8 + i] = (byte) (low >>> 56 - 8 * i);
            }
        } else {
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) (high >>> 24 - 8 * i);
            }
        }
        return bytes;
    }

    @Override
    public int compareTo(final Prefix other) {
        int cmp = Boolean.compare(ipv6, other.ipv6);
        if (cmp == 0) {
            cmp = Long.compareUnsigned(high, other.high);
        }
        if (cmp == 0) {
            cmp = Long.compareUnsigned(low, other.low);
        }
        return cmp != 0 ? cmp : Integer.compare(length, other.length);
    }

    @Override
    public boolean equals(final Object obj) {
        return this == obj || obj instanceof Prefix other && ipv6 == other.ipv6 && high == other.high
            && low == other.low && length == other.length;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) * 31 + length + (ipv6 ? 1 << 8 : 0);
    }

    @Override
    public String toString() {
        return addressText() + "/" + length;
    }

    /**
     * The prefix's address as text, without the length.
     *
     * @return e.g. "10.1.0.0" or "2001:db8::"
     */
    public String addressText() {
        try {
            return InetAddress.getByAddress(addressBytes()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}

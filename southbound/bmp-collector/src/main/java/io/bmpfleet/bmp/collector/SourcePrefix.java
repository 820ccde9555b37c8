package io.bmpfleet.bmp.collector;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 prefix that routers may connect from, e.g. {@code 127.0.0.0/8} or {@code ::1/128}.
 *
 * @param network the network address bytes (host bits zero)
 * @param length prefix length
 */
public record SourcePrefix(byte[] network, int length) {
    public SourcePrefix {
        network = network.clone();
        if (length < 0 || length > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + length + " out of range");
        }
    }

    /**
     * Parses {@code address/length}; a bare address is a host prefix.
     *
     * @param text the prefix
     * @return the prefix
     * @throws IllegalArgumentException if it is not one
     */
    public static SourcePrefix parse(final String text) {
        final int slash = text.indexOf('/');
        final String address = slash < 0 ? text : text.substring(0, slash);
        final byte[] bytes;
        try {
            // Only literals: InetAddress.getByName does no lookup for them.
            if (!address.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not an address literal: " + text);
            }
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + text, e);
        }
        final int length = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        return new SourcePrefix(mask(bytes, length), length);
    }

    /**
     * Tells whether an address lies within this prefix (an IPv4 address never matches an IPv6 prefix).
     *
     * @param address the address
     * @return whether it matches
     */
    public boolean matches(final InetAddress address) {
        final byte[] bytes = address.getAddress();
        return bytes.length == network.length && java.util.Arrays.equals(mask(bytes, length), network);
    }

    private static byte[] mask(final byte[] bytes, final int length) {
        final byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            final int bits = Math.max(0, Math.min(8, length - i * 8));
            out[i] &= (byte) (0xFF00 >> bits);
        }
        return out;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof SourcePrefix other && length == other.length
            && java.util.Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + length;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + length;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

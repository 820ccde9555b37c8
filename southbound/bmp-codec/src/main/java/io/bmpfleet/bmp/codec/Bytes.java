package io.bmpfleet.bmp.codec;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * An immutable byte string with value semantics, so that records holding raw wire bytes compare by content.
 */
public final class Bytes {
    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] data;

    private Bytes(final byte[] data) {
        this.data = data;
    }

    /**
     * Copies the given bytes.
     *
     * @param bytes bytes to copy
     * @return a byte string
     */
    public static Bytes of(final byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /**
     * Copies {@code length} bytes from {@code buf} starting at absolute index {@code index}, without moving its
     * reader index. The caller has checked the bounds.
     *
     * @param buf source buffer
     * @param index absolute start index
     * @param length number of bytes
     * @return a byte string
     */
    public static Bytes copyOf(final ByteBuf buf, final int index, final int length) {
        if (length == 0) {
            return EMPTY;
        }
        final byte[] out = new byte[length];
        buf.getBytes(index, out);
        return new Bytes(out);
    }

    /**
     * Parses a hexadecimal string, ignoring white space, {@code :} and {@code _}.
     *
     * @param hex hexadecimal digits
     * @return a byte string
     */
    public static Bytes fromHex(final String hex) {
        final String clean = hex.replaceAll("[\\s:_]", "");
        if (clean.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        final byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(clean, 2 * i, 2 * i + 2, 16);
        }
        return new Bytes(out);
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    /**
     * Returns the unsigned byte at {@code index}.
     *
     * @param index position
     * @return the byte value, 0 to 255
     */
    public int get(final int index) {
        return data[index] & 0xFF;
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return a fresh array
     */
    public byte[] toArray() {
        return data.clone();
    }

    /**
     * Writes the bytes into {@code buf}.
     *
     * @param buf destination
     */
    public void writeTo(final ByteBuf buf) {
        buf.writeBytes(data);
    }

    /**
     * Returns lower-case hexadecimal digits without separators.
     *
     * @return hex string
     */
    public String toHex() {
        final char[] out = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            out[2 * i] = HEX[(data[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[data[i] & 0xF];
        }
        return new String(out);
    }

    @Override
    public boolean equals(final Object obj) {
        return this == obj || obj instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return toHex();
    }
}

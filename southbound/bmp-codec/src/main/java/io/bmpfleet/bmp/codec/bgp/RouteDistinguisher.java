package io.bmpfleet.bmp.codec.bgp;

/**
 * A route distinguisher (RFC 4364 section 4.2), kept as its 8 wire bytes in one long.
 *
 * @param value the 8 bytes, big-endian
 */
public record RouteDistinguisher(long value) {
    public int type() {
        return (int) (value >>> 48);
    }

    @Override
    public String toString() {
        return format(value);
    }

    /**
     * Formats an RD as {@code asn:number} (types 0 and 2) or {@code a.b.c.d:number} (type 1).
     *
     * @param value the 8 bytes, big-endian
     * @return the text form; unknown types as {@code type:hex}
     */
    public static String format(final long value) {
        final int type = (int) (value >>> 48);
        return switch (type) {
            case 0 -> ((value >>> 32) & 0xFFFF) + ":" + (value & 0xFFFFFFFFL);
            case 1 -> ((value >>> 40) & 0xFF) + "." + ((value >>> 32) & 0xFF) + "." + ((value >>> 24) & 0xFF) + "."
                + ((value >>> 16) & 0xFF) + ":" + (value & 0xFFFF);
            case 2 -> ((value >>> 16) & 0xFFFFFFFFL) + ":" + (value & 0xFFFF);
            default -> type + ":" + Long.toHexString(value & 0xFFFFFFFFFFFFL);
        };
    }
}

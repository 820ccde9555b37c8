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

    /**
     * Parses the text form {@link #format} writes: {@code a.b.c.d:number} is type 1, {@code asn:number} type 0 when
     * the AS fits two octets, else type 2.
     *
     * @param text the RD
     * @return the 8 bytes, big-endian
     * @throws IllegalArgumentException when the text is no RD or a part is out of range
     */
    public static long parse(final String text) {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not a route distinguisher (ADMIN:NUMBER): " + text);
        }
        final String admin = text.substring(0, colon);
        final long number;
        try {
            number = Long.parseLong(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a route distinguisher (ADMIN:NUMBER): " + text, e);
        }
        if (admin.indexOf('.') >= 0) {
            final String[] octets = admin.split("\\.", -1);
            if (octets.length != 4 || number < 0 || number > 0xFFFF) {
                throw new IllegalArgumentException("route distinguisher type 1 is IPV4:NUMBER (0-65535): " + text);
            }
            long value = 1L << 48;
            for (int i = 0; i < 4; i++) {
                value |= parsePart(octets[i], 255, text) << (40 - 8 * i);
            }
            return value | number;
        }
        final long as = parsePart(admin, 0xFFFFFFFFL, text);
        if (as <= 0xFFFF) {
            if (number < 0 || number > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("route distinguisher type 0 is AS:NUMBER (0-4294967295): " + text);
            }
            return as << 32 | number;
        }
        if (number < 0 || number > 0xFFFF) {
            throw new IllegalArgumentException("route distinguisher type 2 is AS4:NUMBER (0-65535): " + text);
        }
        return 2L << 48 | as << 16 | number;
    }

    private static long parsePart(final String part, final long max, final String text) {
        try {
            final long value = Long.parseLong(part);
            if (value < 0 || value > max) {
                throw new IllegalArgumentException("route distinguisher part out of range: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a route distinguisher (ADMIN:NUMBER): " + text, e);
        }
    }
}

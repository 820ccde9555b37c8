/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * One message of OpenBMP's parsed topics (message bus API 1.7): a text header, a blank line, then one record per
 * line with tab-separated fields.
 *
 * <pre>
 *  V: 1.7
 *  C_HASH_ID: collector hash
 *  T: object type (collector, router, peer, unicast_prefix, l3vpn, bmp_stat)
 *  L: length of the records in bytes
 *  R: number of records
 *
 *  record TAB field TAB ... LF
 * </pre>
 *
 * <p>Fields are written as given, with tabs turned to blanks and line ends to the two characters {@code \n}, so a
 * field never splits a record; absent values are empty fields, booleans 1 and 0.
 */
public final class ParsedMessage {
    /** The API version it writes. */
    public static final String VERSION = "1.7";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
        .withZone(ZoneOffset.UTC);

    private final String type;
    private final String collectorHex;
    // The records as UTF-8, written straight into bytes (no string of the whole message is ever made).
    private byte[] records;
    private int length;
    private final StringBuilder extraHeaders = new StringBuilder();
    private int count;

    /**
     * A message of one object type.
     *
     * @param type the object type (the header's T)
     * @param collectorHex the collector's ID in hex
     */
    public ParsedMessage(final String type, final String collectorHex) {
        this(type, collectorHex, 1);
    }

    /**
     * A message of one object type, sized for about this many records.
     *
     * @param type the object type (the header's T)
     * @param collectorHex the collector's ID in hex
     * @param expectedRecords how many records it will likely hold
     */
    public ParsedMessage(final String type, final String collectorHex, final int expectedRecords) {
        this.type = type;
        this.collectorHex = collectorHex;
        records = new byte[Math.max(1, expectedRecords) * 320];
    }

    /**
     * Adds a record.
     *
     * @param fields its fields in the object's order: text, numbers, booleans, null for empty
     * @return this
     */
    public ParsedMessage record(final Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            final Object field = fields[i];
            if (field instanceof Boolean flag) {
                put((byte) (flag ? '1' : '0'));
            } else if (field instanceof Long || field instanceof Integer) {
                putNumber(((Number) field).longValue());
            } else if (field != null) {
                putEscaped(field.toString());
            }
        }
        put((byte) '\n');
        count++;
        return this;
    }

    private void room(final int bytes) {
        if (length + bytes > records.length) {
            records = Arrays.copyOf(records, Math.max(records.length * 2, length + bytes));
        }
    }

    private void put(final byte value) {
        room(1);
        records[length++] = value;
    }

    private void putNumber(final long value) {
        if (value < 0) {
            putEscaped(Long.toString(value));
            return;
        }
        room(20);
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        long rest = value;
        for (int at = length + digits - 1; at >= length; at--) {
            records[at] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        length += digits;
    }

    /** Text as UTF-8: tabs become blanks, line breaks a backslash and n, carriage returns go. */
    private void putEscaped(final String text) {
        if (text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            putEscapedUtf8(text);
            return;
        }
        // The common case (IDs, addresses, AS paths, numbers): the JDK's own encoder, one array copy for ASCII.
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        room(bytes.length);
        System.arraycopy(bytes, 0, records, length, bytes.length);
        length += bytes.length;
    }

    private void putEscapedUtf8(final String text) {
        final byte[] bytes = text.replace('\t', ' ').replace("\r", "").replace("\n", "\\n")
            .getBytes(StandardCharsets.UTF_8);
        room(bytes.length);
        System.arraycopy(bytes, 0, records, length, bytes.length);
        length += bytes.length;
    }

    /**
     * Adds a header line of bmpfleet's own after OpenBMP's (consumers skip names they do not know), as the export's
     * markers carry them: {@code BMPFLEET_MARKER: gap}.
     *
     * @param name the header's name, upper case
     * @param value its value, one line
     * @return this
     */
    public ParsedMessage header(final String name, final Object value) {
        extraHeaders.append(name).append(": ").append(String.valueOf(value).replace('\n', ' ')).append('\n');
        return this;
    }

    /**
     * Records added so far.
     *
     * @return the count
     */
    public int records() {
        return count;
    }

    /**
     * The message: header and records.
     *
     * @return its bytes, UTF-8
     */
    public byte[] toBytes() {
        final byte[] header = ("V: " + VERSION + "\nC_HASH_ID: " + collectorHex + "\nT: " + type + "\nL: "
            + length + "\nR: " + count + "\n" + extraHeaders + "\n").getBytes(StandardCharsets.UTF_8);
        final byte[] out = new byte[header.length + length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(records, 0, out, header.length, length);
        return out;
    }

    /**
     * A time as the records write it: UTC, to the microsecond.
     *
     * @param time the time
     * @return e.g. "2026-12-02 21:30:00.123456"
     */
    public static String time(final Instant time) {
        return TIME.format(time);
    }
}

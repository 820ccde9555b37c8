/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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
    private final StringBuilder records = new StringBuilder();
    private final StringBuilder extraHeaders = new StringBuilder();
    private int count;

    /**
     * A message of one object type.
     *
     * @param type the object type (the header's T)
     * @param collectorHex the collector's ID in hex
     */
    public ParsedMessage(final String type, final String collectorHex) {
        this.type = type;
        this.collectorHex = collectorHex;
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
                records.append('\t');
            }
            final Object field = fields[i];
            if (field instanceof Boolean flag) {
                records.append(flag ? '1' : '0');
            } else if (field != null) {
                appendEscaped(field.toString());
            }
        }
        records.append('\n');
        count++;
        return this;
    }

    private void appendEscaped(final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\t') {
                records.append(' ');
            } else if (c == '\n') {
                records.append("\\n");
            } else if (c != '\r') {
                records.append(c);
            }
        }
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
        final byte[] body = records.toString().getBytes(StandardCharsets.UTF_8);
        final byte[] header = ("V: " + VERSION + "\nC_HASH_ID: " + collectorHex + "\nT: " + type + "\nL: "
            + body.length + "\nR: " + count + "\n" + extraHeaders + "\n").getBytes(StandardCharsets.UTF_8);
        final byte[] out = new byte[header.length + body.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(body, 0, out, header.length, body.length);
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

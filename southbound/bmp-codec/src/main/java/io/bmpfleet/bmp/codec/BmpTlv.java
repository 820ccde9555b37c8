package io.bmpfleet.bmp.codec;

import java.nio.charset.StandardCharsets;

/**
 * A BMP information TLV (RFC 7854 section 4.4, Peer Up TLVs of RFC 9736, Route Mirroring TLVs, Peer Down TLVs of
 * RFC 9069), and the indexed TLVs of BMP version 4 Route Monitoring (draft-ietf-grow-bmp-tlv), where
 * {@code index} is not {@link #NO_INDEX}.
 *
 * @param type TLV type
 * @param index version 4 index field, or {@link #NO_INDEX}
 * @param value TLV value
 */
public record BmpTlv(int type, int index, Bytes value) {
    public static final int NO_INDEX = -1;

    // Initiation (RFC 7854 4.4), Termination (4.5) and Peer Up (RFC 9736) TLV types
    public static final int STRING = 0;
    public static final int SYS_DESCR = 1;
    public static final int SYS_NAME = 2;
    public static final int TERMINATION_REASON = 1;
    public static final int VRF_TABLE_NAME = 3;
    public static final int ADMIN_LABEL = 4;
    // Route Mirroring (RFC 7854 4.7)
    public static final int MIRROR_BGP_MESSAGE = 0;
    public static final int MIRROR_INFORMATION = 1;
    // BMP version 4 Route Monitoring: the BGP PDU TLV
    public static final int V4_BGP_PDU = 7;

    /**
     * Creates a TLV without index.
     *
     * @param type TLV type
     * @param value TLV value
     */
    public BmpTlv(final int type, final Bytes value) {
        this(type, NO_INDEX, value);
    }

    /**
     * Creates a TLV holding UTF-8 text.
     *
     * @param type TLV type
     * @param text value
     * @return TLV
     */
    public static BmpTlv ofString(final int type, final String text) {
        return new BmpTlv(type, Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Returns the value as UTF-8 text.
     *
     * @return text
     */
    public String stringValue() {
        return new String(value.toArray(), StandardCharsets.UTF_8);
    }

    /**
     * Returns the value as an unsigned big-endian number (Termination reason, Mirroring information).
     *
     * @return number, or -1 when the value is empty or longer than 8 bytes
     */
    public long numericValue() {
        if (value.isEmpty() || value.length() > 8) {
            return -1;
        }
        long result = 0;
        for (int i = 0; i < value.length(); i++) {
            result = result << 8 | value.get(i);
        }
        return result;
    }
}

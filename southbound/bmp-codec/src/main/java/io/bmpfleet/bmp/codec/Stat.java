package io.bmpfleet.bmp.codec;

/**
 * One statistic of a Statistics Report (RFC 7854 section 4.8, RFC 8671, RFC 9972, IANA registry). The layout
 * follows the type: 32-bit counters (0-6, 11-13), 64-bit gauges (7, 8, 14, 15), AFI/SAFI plus a 64-bit gauge
 * (9, 10, 16, 17), and for types 18 and up a plain gauge (8 bytes) or an AFI/SAFI gauge (11 bytes). Unknown types,
 * and known types whose length does not fit their layout, are kept raw.
 */
public sealed interface Stat {
    int type();

    /**
     * A 32-bit counter.
     *
     * @param type stat type
     * @param value unsigned 32-bit value
     */
    record Counter(int type, long value) implements Stat {
    }

    /**
     * A 64-bit gauge.
     *
     * @param type stat type
     * @param value unsigned 64-bit value (read as signed long)
     */
    record Gauge(int type, long value) implements Stat {
    }

    /**
     * A 64-bit gauge for one AFI/SAFI.
     *
     * @param type stat type
     * @param afi address family
     * @param safi subsequent address family
     * @param value unsigned 64-bit value (read as signed long)
     */
    record AfiSafiGauge(int type, int afi, int safi, long value) implements Stat {
    }

    /**
     * A stat of an unknown type or an unexpected length, kept as it came.
     *
     * @param type stat type
     * @param value stat data
     */
    record Raw(int type, Bytes value) implements Stat {
    }

    /** Layout: 32-bit counter. */
    int LAYOUT_COUNTER = 0;
    /** Layout: 64-bit gauge. */
    int LAYOUT_GAUGE = 1;
    /** Layout: AFI, SAFI, 64-bit gauge. */
    int LAYOUT_AFI_SAFI_GAUGE = 2;
    /** Layout: gauge or AFI/SAFI gauge, told apart by length (types 18 and up). */
    int LAYOUT_BY_LENGTH = 3;
    /** Layout: unknown. */
    int LAYOUT_UNKNOWN = 4;

    /**
     * Returns the layout of a stat type.
     *
     * @param type stat type
     * @return one of the LAYOUT constants
     */
    static int layoutOf(final int type) {
        if (type <= 6 || type >= 11 && type <= 13) {
            return LAYOUT_COUNTER;
        }
        if (type == 7 || type == 8 || type == 14 || type == 15) {
            return LAYOUT_GAUGE;
        }
        if (type == 9 || type == 10 || type == 16 || type == 17) {
            return LAYOUT_AFI_SAFI_GAUGE;
        }
        if (type <= 43) {
            return LAYOUT_BY_LENGTH;
        }
        return LAYOUT_UNKNOWN;
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

/** The export's topics, named as OpenBMP names them under a prefix ({@code openbmp.parsed.unicast_prefix}). */
public enum ExportTopic {
    /** Every BMP message as received, behind the binary header ({@link RawHeader}). */
    BMP_RAW("bmp_raw", null),
    /** The collector: started, change, heartbeat, stopped. */
    COLLECTOR("parsed.collector", "collector"),
    /** Router sessions: init, term. */
    ROUTER("parsed.router", "router"),
    /** Monitored peers: up, down. */
    PEER("parsed.peer", "peer"),
    /** IPv4 and IPv6 unicast, multicast and labeled unicast routes. */
    UNICAST_PREFIX("parsed.unicast_prefix", "unicast_prefix"),
    /** VPNv4 and VPNv6 routes. */
    L3VPN("parsed.l3vpn", "l3vpn"),
    /** Statistics Reports. */
    BMP_STAT("parsed.bmp_stat", "bmp_stat");

    private final String suffix;
    private final String objectType;

    ExportTopic(final String suffix, final String objectType) {
        this.suffix = suffix;
        this.objectType = objectType;
    }

    /**
     * The topic's name under a prefix.
     *
     * @param prefix e.g. "openbmp"
     * @return e.g. "openbmp.parsed.peer"
     */
    public String name(final String prefix) {
        return prefix + "." + suffix;
    }

    /**
     * The object type its parsed messages declare (the header's T).
     *
     * @return the type, or null for the raw topic
     */
    public String objectType() {
        return objectType;
    }
}

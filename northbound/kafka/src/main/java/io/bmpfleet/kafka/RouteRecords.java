/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import io.bmpfleet.app.routes.RouteNames;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RouteKey;

/**
 * Writes routes as records of OpenBMP's {@code unicast_prefix} (32 fields) and {@code l3vpn} (34 fields) objects:
 * the same first 31 fields, then for l3vpn the route distinguisher and its type, then the large communities. A
 * withdrawal ({@code del}) leaves the attribute fields empty.
 */
public final class RouteRecords {
    /** Fields of a unicast_prefix record. */
    public static final int UNICAST_FIELDS = 32;
    /** Fields of an l3vpn record. */
    public static final int L3VPN_FIELDS = 34;

    private RouteRecords() {
    }

    /**
     * Who a route came from, as the records name them.
     *
     * @param routerHex the router session's ID in hex
     * @param routerIp the router's address as text
     * @param peerHex the peer's ID in hex
     * @param peerIp the peer's address as text
     * @param peerAs the peer's AS, or null when not known
     */
    public record Source(String routerHex, String routerIp, String peerHex, String peerIp, Long peerAs) {
    }

    /**
     * A route's attributes as the records write them, with their base attribute ID (which includes the peer's: one
     * per attribute set and peer, computed once for all the routes that share them).
     *
     * @param text the attribute fields
     * @param hashHex the base attribute ID in hex
     */
    public record Attributes(OpenBmpAttributes text, String hashHex) {
        /**
         * The attributes of one peer's routes.
         *
         * @param text the attribute fields
         * @param peerHex the peer's ID in hex
         * @return them with their ID
         */
        public static Attributes of(final OpenBmpAttributes text, final String peerHex) {
            return new Attributes(text, OpenBmpIds.hex(OpenBmpIds.attributes(text, peerHex)));
        }
    }

    /**
     * Adds one route's record, its time already written and its attributes' ID already made (what a message of many
     * routes does once for all of them).
     *
     * @param message the unicast_prefix or l3vpn message
     * @param vpn whether it is an l3vpn record (a VPN family's route)
     * @param sequence the record's sequence number
     * @param source the router and peer
     * @param time the route's time as {@link ParsedMessage#time} writes it
     * @param key the route
     * @param rib the RIB it is in
     * @param written its attributes with their ID, null for a withdrawal
     */
    public static void add(final ParsedMessage message, final boolean vpn, final long sequence, final Source source,
            final String time, final RouteKey key, final Rib rib, final Attributes written) {
        final OpenBmpAttributes attributes = written == null ? null : written.text();
        final String address = key.prefix().addressText();
        final int length = key.prefix().length();
        final String rd = vpn ? RouteNames.distinguisher(key.rd()) : null;
        final String hash = OpenBmpIds.hex(OpenBmpIds.route(address, length, rd, source.peerHex(), key.pathId(),
            rib));
        final boolean announce = attributes != null;
        final Object[] fields = new Object[vpn ? L3VPN_FIELDS : UNICAST_FIELDS];
        int at = 0;
        fields[at++] = announce ? "add" : "del";
        fields[at++] = Long.toUnsignedString(sequence);
        fields[at++] = hash;
        fields[at++] = source.routerHex();
        fields[at++] = source.routerIp();
        fields[at++] = announce ? written.hashHex() : null;
        fields[at++] = source.peerHex();
        fields[at++] = source.peerIp();
        fields[at++] = source.peerAs();
        fields[at++] = time;
        fields[at++] = address;
        fields[at++] = length;
        fields[at++] = !key.prefix().isIpv6();
        if (announce) {
            fields[at++] = attributes.origin();
            fields[at++] = attributes.asPath();
            fields[at++] = attributes.asPathCount();
            fields[at++] = attributes.originAs();
            fields[at++] = attributes.nextHop();
            fields[at++] = attributes.med();
            fields[at++] = attributes.localPref();
            fields[at++] = attributes.aggregator();
            fields[at++] = attributes.communities();
            fields[at++] = attributes.extendedCommunities();
            fields[at++] = attributes.clusterList();
            fields[at++] = attributes.atomicAggregate();
            fields[at++] = attributes.nextHopIpv4();
            fields[at++] = attributes.originatorId();
        } else {
            at += 14;
        }
        fields[at++] = Integer.toUnsignedString(key.pathId());
        // labels: the store keeps none
        fields[at++] = null;
        fields[at++] = rib == Rib.ADJ_RIB_IN_PRE || rib == Rib.ADJ_RIB_OUT_PRE;
        fields[at++] = rib == Rib.ADJ_RIB_IN_PRE || rib == Rib.ADJ_RIB_IN_POST;
        if (vpn) {
            fields[at++] = rd;
            fields[at++] = (int) (key.rd() >>> 48);
        }
        fields[at] = announce ? attributes.largeCommunities() : null;
        message.record(fields);
    }
}

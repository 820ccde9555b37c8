/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import io.bmpfleet.app.routes.RouteAttributes;
import io.bmpfleet.rib.AfiSafi;
import java.util.List;
import java.util.Locale;

/**
 * A route's path attributes as OpenBMP's messages write them (the fields base_attribute, unicast_prefix and l3vpn
 * share): AS path with a blank before each AS and sets in braces, lists separated by blanks, origin as a word.
 * Absent attributes are empty text, or null numbers.
 *
 * @param origin "igp", "egp", "incomplete", or empty
 * @param asPath the AS path, e.g. " 65001 65002 { 3 4 }"
 * @param asPathCount the AS numbers in it, sets' members included
 * @param originAs the last AS number of the path, or null
 * @param nextHop the next hop for the route's family, or empty
 * @param nextHopIpv4 whether the next hop is IPv4
 * @param med MULTI_EXIT_DISC, or null
 * @param localPref LOCAL_PREF, or null
 * @param aggregator "AS address", or empty
 * @param communities "A:B C:D", or empty
 * @param extendedCommunities e.g. "rt=65000:100 soo=192.0.2.1:7", or empty
 * @param clusterList each cluster ID followed by a blank, or empty
 * @param atomicAggregate whether ATOMIC_AGGREGATE is there
 * @param originatorId ORIGINATOR_ID, or empty
 * @param largeCommunities "G:L1:L2 ...", or empty
 */
public record OpenBmpAttributes(String origin, String asPath, int asPathCount, Long originAs, String nextHop,
        boolean nextHopIpv4, Long med, Long localPref, String aggregator, String communities,
        String extendedCommunities, String clusterList, boolean atomicAggregate, String originatorId,
        String largeCommunities) {
    private static final String[] ORIGINS = {"igp", "egp", "incomplete"};

    /**
     * Writes a decoded attribute set for a route of a family.
     *
     * @param attributes the decoded set
     * @param family the route's family (which next hop it takes)
     * @return the fields
     */
    public static OpenBmpAttributes of(final RouteAttributes attributes, final AfiSafi family) {
        final var path = new StringBuilder();
        int count = 0;
        Long last = null;
        for (var segment : attributes.asPath()) {
            final boolean set = segment.type() == RouteAttributes.AS_SET
                || segment.type() == RouteAttributes.AS_CONFED_SET;
            if (set) {
                path.append(" {");
            }
            for (long as : segment.asns()) {
                path.append(' ').append(as);
                count++;
                last = as;
            }
            if (set) {
                path.append(" }");
            }
        }
        final String nextHop = nonNull(attributes.nextHop(family));
        final var clusters = new StringBuilder();
        for (var cluster : attributes.clusterList()) {
            clusters.append(cluster).append(' ');
        }
        final Integer origin = attributes.origin();
        return new OpenBmpAttributes(origin == null || origin < 0 || origin > 2 ? "" : ORIGINS[origin],
            path.toString(), count, last, nextHop, !nextHop.contains(":"), attributes.med(), attributes.localPref(),
            attributes.aggregatorAs() == null ? ""
                : attributes.aggregatorAs() + " " + nonNull(attributes.aggregatorAddress()),
            String.join(" ", attributes.communities()), extended(attributes.extendedCommunityValues()),
            clusters.toString(), attributes.atomicAggregate(), nonNull(attributes.originatorId()),
            String.join(" ", attributes.largeCommunities()));
    }

    /**
     * Extended communities as OpenBMP writes them: route targets and sites of origin of the transitive AS and IPv4
     * types (RFC 4360, RFC 5668) as {@code rt=} and {@code soo=}, others as {@code 0x} and 16 hex digits.
     *
     * @param values the communities as 64-bit values
     * @return them as text, separated by blanks
     */
    static String extended(final List<Long> values) {
        final var out = new StringBuilder();
        for (long value : values) {
            if (out.length() > 0) {
                out.append(' ');
            }
            final int type = (int) (value >>> 56) & 0xFF;
            final int subtype = (int) (value >>> 48) & 0xFF;
            final String name = subtype == 0x02 ? "rt=" : subtype == 0x03 ? "soo=" : null;
            if (name != null && type == 0x00) {
                out.append(name).append((value >>> 32) & 0xFFFF).append(':').append(value & 0xFFFFFFFFL);
            } else if (name != null && type == 0x01) {
                out.append(name).append((value >>> 40) & 0xFF).append('.').append((value >>> 32) & 0xFF).append('.')
                    .append((value >>> 24) & 0xFF).append('.').append((value >>> 16) & 0xFF).append(':')
                    .append(value & 0xFFFF);
            } else if (name != null && type == 0x02) {
                out.append(name).append((value >>> 16) & 0xFFFFFFFFL).append(':').append(value & 0xFFFF);
            } else {
                out.append(String.format(Locale.ROOT, "0x%016x", value));
            }
        }
        return out.toString();
    }

    private static String nonNull(final String text) {
        return text == null ? "" : text;
    }
}

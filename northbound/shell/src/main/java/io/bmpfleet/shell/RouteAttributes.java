/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.AttributeSet;
import java.util.ArrayList;

/**
 * A route's path attributes as the console prints them, from bmp-app's one decoding of the RIB store's attribute
 * set ({@link io.bmpfleet.app.routes.RouteAttributes}): next hop, AS path (sequences as {@code 1 2 3}, sets as
 * {@code {1,2}}, confederation segments in parentheses and brackets, as IOS writes them), origin, MED, local
 * preference, and the communities (RFC 1997 with their well-known names, RFC 4360 route targets and sites of
 * origin, RFC 8092 large communities).
 *
 * @param nextHop the next hop, null when the set has none
 * @param asPath the AS path, null when empty
 * @param origin igp, egp or incomplete, null when absent
 * @param med the MULTI_EXIT_DISC, null when absent
 * @param localPref the LOCAL_PREF, null when absent
 * @param communities the communities, blank-separated, null when none
 */
public record RouteAttributes(String nextHop, String asPath, String origin, String med, String localPref,
        String communities) {
    private static final long NO_EXPORT = 0xFFFFFF01L;
    private static final long NO_ADVERTISE = 0xFFFFFF02L;
    private static final long NO_EXPORT_SUBCONFED = 0xFFFFFF03L;
    private static final long NO_PEER = 0xFFFFFF04L;
    private static final long GRACEFUL_SHUTDOWN = 0xFFFF0000L;
    private static final long BLACKHOLE = 0xFFFF029AL;

    /**
     * An attribute set as the console shows it.
     *
     * @param set the route's attributes
     * @param family the route's family, to pick the next hop of
     * @return the attributes
     */
    public static RouteAttributes of(final AttributeSet set, final AfiSafi family) {
        final var decoded = io.bmpfleet.app.routes.RouteAttributes.decode(set);
        final var asPath = decoded.asPathText();
        final var communities = new ArrayList<String>();
        decoded.communityValues().forEach(c -> communities.add(community(c)));
        decoded.extendedCommunityValues().forEach(c -> communities.add(extendedCommunity(c)));
        communities.addAll(decoded.largeCommunities());
        return new RouteAttributes(decoded.nextHop(family), asPath.isEmpty() ? null : asPath,
            decoded.origin() == null ? null : origin(decoded.origin()),
            decoded.med() == null ? null : String.valueOf(decoded.med()),
            decoded.localPref() == null ? null : String.valueOf(decoded.localPref()),
            communities.isEmpty() ? null : String.join(" ", communities));
    }

    static String origin(final int value) {
        return switch (value) {
            case 0 -> "igp";
            case 1 -> "egp";
            case 2 -> "incomplete";
            default -> String.valueOf(value);
        };
    }

    /**
     * An RFC 1997 community: its well-known name (RFC 1997, 3765, 8326, 7999), else {@code AS:VALUE}.
     *
     * @param value the 32-bit value
     * @return the text
     */
    static String community(final long value) {
        if (value == NO_EXPORT) {
            return "no-export";
        } else if (value == NO_ADVERTISE) {
            return "no-advertise";
        } else if (value == NO_EXPORT_SUBCONFED) {
            return "local-AS";
        } else if (value == NO_PEER) {
            return "no-peer";
        } else if (value == GRACEFUL_SHUTDOWN) {
            return "graceful-shutdown";
        } else if (value == BLACKHOLE) {
            return "blackhole";
        }
        return (value >>> 16 & 0xFFFF) + ":" + (value & 0xFFFF);
    }

    /**
     * An RFC 4360 / RFC 5668 extended community: route targets as {@code RT:ADMIN:VALUE}, sites of origin as
     * {@code SoO:ADMIN:VALUE}, others as {@code ext:} and their 8 bytes in hex.
     *
     * @param value the 8 bytes
     * @return the text
     */
    static String extendedCommunity(final long value) {
        final int type = (int) (value >>> 56) & 0xFF;
        final int subtype = (int) (value >>> 48) & 0xFF;
        final String kind = subtype == 0x02 ? "RT" : subtype == 0x03 ? "SoO" : null;
        if (kind != null) {
            switch (type) {
                case 0x00:
                    return kind + ":" + (value >>> 32 & 0xFFFF) + ":" + (value & 0xFFFFFFFFL);
                case 0x01:
                    return kind + ":" + AddressText.ipv4(value >>> 16 & 0xFFFFFFFFL) + ":" + (value & 0xFFFF);
                case 0x02:
                    return kind + ":" + (value >>> 16 & 0xFFFFFFFFL) + ":" + (value & 0xFFFF);
                default:
                    break;
            }
        }
        return String.format("ext:%016x", value);
    }
}

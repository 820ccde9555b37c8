/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.bgp.BgpDecoder;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.AttributeSet;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A route's path attributes as the console prints them, decoded by the codec from the RIB store's attribute set
 * (RFC 4271 layout, MP_REACH_NLRI cut to its next hop): next hop, AS path (sequences as {@code 1 2 3}, sets as
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
     * Decodes an attribute set. The store keeps AS numbers of four octets; a set that does not decode so is tried
     * with two-octet AS numbers (a store of an older bmpfleet).
     *
     * @param set the route's attributes
     * @param family the route's family, to pick the next hop of
     * @return the attributes; an undecodable set says so in the communities column
     */
    public static RouteAttributes of(final AttributeSet set, final AfiSafi family) {
        List<PathAttribute> attributes;
        try {
            attributes = BgpDecoder.decodeAttributes(Unpooled.wrappedBuffer(set.toByteArray()), 4);
        } catch (BmpDecodeException e) {
            try {
                attributes = BgpDecoder.decodeAttributes(Unpooled.wrappedBuffer(set.toByteArray()), 2);
            } catch (BmpDecodeException again) {
                return new RouteAttributes(null, null, null, null, null, "undecodable attributes: "
                    + e.getMessage());
            }
        }
        final var update = new BgpMessage.Update(List.of(), attributes, List.of());
        final var origin = update.attribute(PathAttribute.Origin.class);
        final var med = update.attribute(PathAttribute.MultiExitDisc.class);
        final var localPref = update.attribute(PathAttribute.LocalPref.class);
        final var asPath = asPath(update.effectiveAsPath());
        return new RouteAttributes(nextHop(update, family), asPath.isEmpty() ? null : asPath,
            origin == null ? null : origin(origin.value()), med == null ? null : String.valueOf(med.value()),
            localPref == null ? null : String.valueOf(localPref.value()), communities(update));
    }

    static String origin(final int value) {
        return switch (value) {
            case 0 -> "igp";
            case 1 -> "egp";
            case 2 -> "incomplete";
            default -> String.valueOf(value);
        };
    }

    static String asPath(final List<PathAttribute.AsPathSegment> segments) {
        final var parts = new ArrayList<String>();
        for (var segment : segments) {
            final var asns = segment.asns().stream().map(String::valueOf).toList();
            parts.add(switch (segment.type()) {
                case PathAttribute.SEGMENT_AS_SET -> "{" + String.join(",", asns) + "}";
                case PathAttribute.SEGMENT_CONFED_SEQUENCE -> "(" + String.join(" ", asns) + ")";
                case PathAttribute.SEGMENT_CONFED_SET -> "[" + String.join(" ", asns) + "]";
                default -> String.join(" ", asns);
            });
        }
        return String.join(" ", parts);
    }

    /** NEXT_HOP for IPv4 unicast and multicast; otherwise the MP_REACH_NLRI next hop of the route's family. */
    private static String nextHop(final BgpMessage.Update update, final AfiSafi family) {
        final var plain = update.attribute(PathAttribute.NextHop.class);
        if (plain != null && family.afi() == AfiSafi.AFI_IPV4 && (family.safi() == 1 || family.safi() == 2)) {
            return AddressText.format(plain.address().toArray());
        }
        PathAttribute.MpReach reach = null;
        for (var attribute : update.attributes()) {
            if (attribute instanceof PathAttribute.MpReach mp && (reach == null
                    || mp.afi() == family.afi() && mp.safi() == family.safi())) {
                reach = mp;
            }
        }
        if (reach != null) {
            return mpNextHop(reach.nextHop(), reach.safi() == 128);
        }
        return plain == null ? null : AddressText.format(plain.address().toArray());
    }

    /** An MP_REACH_NLRI next hop: one address, or a global and a link-local one; VPN ones after a zero RD. */
    static String mpNextHop(final Bytes nextHop, final boolean vpn) {
        final var bytes = nextHop.toArray();
        final int skip = vpn && bytes.length > 8 ? 8 : 0;
        final int length = bytes.length - skip;
        if (length == 4 || length == 16) {
            return AddressText.format(Arrays.copyOfRange(bytes, skip, bytes.length));
        }
        if (length == 32 || vpn && length == 40) {
            // a global and a link-local IPv6 address (RFC 2545); the global one is the next hop
            return AddressText.format(Arrays.copyOfRange(bytes, skip, skip + 16));
        }
        return length == 0 ? null : nextHop.toHex();
    }

    private static String communities(final BgpMessage.Update update) {
        final var out = new ArrayList<String>();
        for (var attribute : update.attributes()) {
            if (attribute instanceof PathAttribute.Communities standard) {
                standard.communities().forEach(c -> out.add(community(c)));
            } else if (attribute instanceof PathAttribute.ExtendedCommunities extended) {
                extended.communities().forEach(c -> out.add(extendedCommunity(c)));
            } else if (attribute instanceof PathAttribute.LargeCommunities large) {
                large.communities().forEach(c -> out.add(c.toString()));
            }
        }
        return out.isEmpty() ? null : String.join(" ", out);
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

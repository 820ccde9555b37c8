/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.routes;

import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.bgp.BgpDecoder;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.AttributeSet;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A stored attribute set decoded by the codec: the one decoding every northbound reader uses (RESTCONF's
 * lookup-route, the gRPC API, the console), which then only formats. Values are kept as decoded; the text forms the
 * APIs show come from methods: communities as {@code A:B}, large communities as {@code A:B:C}, extended communities
 * as 16 hex digits, addresses as text. Absent attributes are null (numbers, text) or empty (lists).
 *
 * @param origin ORIGIN (0 IGP, 1 EGP, 2 INCOMPLETE), or null
 * @param asPath the effective AS path in path order: AS_PATH, with AS4_PATH merged in (RFC 6793) where a legacy
 *     session sent one (AS numbers always of four octets in the store)
 * @param plainNextHop NEXT_HOP, or null
 * @param mpNextHop MP_REACH_NLRI's next hop (the global address of an IPv6 pair, after a VPN next hop's route
 *     distinguisher; unusual lengths as hex), or null
 * @param med MULTI_EXIT_DISC, or null
 * @param localPref LOCAL_PREF, or null
 * @param atomicAggregate whether ATOMIC_AGGREGATE is present
 * @param aggregatorAs AGGREGATOR's AS, or null
 * @param aggregatorAddress AGGREGATOR's address, or null
 * @param communityValues COMMUNITIES, as 32-bit values
 * @param largeCommunityValues LARGE_COMMUNITY
 * @param extendedCommunityValues EXTENDED COMMUNITIES, as 64-bit values
 * @param originatorId ORIGINATOR_ID as a dotted quad, or null
 * @param clusterList CLUSTER_LIST, each as a dotted quad
 * @param originAs the last AS number of the last AS_SEQUENCE, or null when there is none
 */
public record RouteAttributes(Integer origin, List<PathAttribute.AsPathSegment> asPath, String plainNextHop,
        String mpNextHop, Long med, Long localPref, boolean atomicAggregate, Long aggregatorAs,
        String aggregatorAddress, List<Long> communityValues, List<PathAttribute.LargeCommunity> largeCommunityValues,
        List<Long> extendedCommunityValues, String originatorId, List<String> clusterList, Long originAs) {
    /** AS_SET. */
    public static final int AS_SET = 1;
    /** AS_SEQUENCE. */
    public static final int AS_SEQUENCE = 2;
    /** AS_CONFED_SEQUENCE. */
    public static final int AS_CONFED_SEQUENCE = 3;
    /** AS_CONFED_SET. */
    public static final int AS_CONFED_SET = 4;

    public RouteAttributes {
        asPath = List.copyOf(asPath);
        communityValues = List.copyOf(communityValues);
        largeCommunityValues = List.copyOf(largeCommunityValues);
        extendedCommunityValues = List.copyOf(extendedCommunityValues);
        clusterList = List.copyOf(clusterList);
    }

    /**
     * A decoder for one call: routes share attribute sets, so each set is decoded once.
     *
     * @return the decoder; not thread-safe
     */
    public static Function<AttributeSet, RouteAttributes> decoder() {
        final var decoded = new IdentityHashMap<AttributeSet, RouteAttributes>();
        return set -> decoded.computeIfAbsent(set, RouteAttributes::decode);
    }

    /**
     * Decodes a stored attribute set (RFC 4271 layout, AS numbers of four octets).
     *
     * @param set the set
     * @return its attributes
     */
    public static RouteAttributes decode(final AttributeSet set) {
        final List<PathAttribute> attributes;
        try {
            attributes = BgpDecoder.decodeAttributes(Unpooled.wrappedBuffer(set.asReadOnlyBuffer()), 4);
        } catch (BmpDecodeException e) {
            // The collector stores only attributes its codec has checked: this cannot happen with its own bytes.
            throw new IllegalStateException("stored attributes do not decode: " + e.getMessage(), e);
        }
        final var update = new BgpMessage.Update(List.of(), attributes, List.of());
        final var asPath = update.effectiveAsPath();
        Long originAs = null;
        for (var segment : asPath) {
            if (segment.type() == AS_SEQUENCE && !segment.asns().isEmpty()) {
                originAs = segment.asns().get(segment.asns().size() - 1);
            }
        }
        final var origin = update.attribute(PathAttribute.Origin.class);
        final var plain = update.attribute(PathAttribute.NextHop.class);
        final var reach = update.attribute(PathAttribute.MpReach.class);
        final var med = update.attribute(PathAttribute.MultiExitDisc.class);
        final var localPref = update.attribute(PathAttribute.LocalPref.class);
        final var aggregator = update.attribute(PathAttribute.Aggregator.class);
        final var communities = update.attribute(PathAttribute.Communities.class);
        final var large = update.attribute(PathAttribute.LargeCommunities.class);
        final var extended = update.attribute(PathAttribute.ExtendedCommunities.class);
        final var originator = update.attribute(PathAttribute.OriginatorId.class);
        final var clusters = update.attribute(PathAttribute.ClusterList.class);
        return new RouteAttributes(origin == null ? null : origin.value(), asPath,
            plain == null ? null : AddressText.format(plain.address().toArray()),
            reach == null ? null : mpNextHop(reach.nextHop()),
            med == null ? null : med.value(), localPref == null ? null : localPref.value(),
            update.attribute(PathAttribute.AtomicAggregate.class) != null,
            aggregator == null ? null : aggregator.asNumber(),
            aggregator == null ? null : AddressText.format(aggregator.address().toArray()),
            communities == null ? List.of() : communities.communities(),
            large == null ? List.of() : large.communities(),
            extended == null ? List.of() : extended.communities(),
            originator == null ? null : AddressText.ipv4(originator.value()),
            clusters == null ? List.of() : clusters.clusterIds().stream().map(AddressText::ipv4).toList(),
            originAs);
    }

    /**
     * The next hop of a route of a family: NEXT_HOP for IPv4 unicast and multicast (an UPDATE can carry both
     * NEXT_HOP for its IPv4 routes and MP_REACH_NLRI for others, with one attribute set), else MP_REACH_NLRI's.
     *
     * @param family the route's family
     * @return the next hop, or null when the set has none
     */
    public String nextHop(final AfiSafi family) {
        final boolean plainFamily = family.afi() == AfiSafi.AFI_IPV4 && (family.safi() == 1 || family.safi() == 2);
        if (plainFamily && plainNextHop != null || mpNextHop == null) {
            return plainNextHop;
        }
        return mpNextHop;
    }

    /**
     * COMMUNITIES as text.
     *
     * @return each as {@code A:B}
     */
    public List<String> communities() {
        return communityValues.stream().map(c -> (c >>> 16) + ":" + (c & 0xFFFF)).toList();
    }

    /**
     * LARGE_COMMUNITY as text.
     *
     * @return each as {@code A:B:C}
     */
    public List<String> largeCommunities() {
        return largeCommunityValues.stream().map(c -> c.globalAdmin() + ":" + c.localData1() + ":" + c.localData2())
            .toList();
    }

    /**
     * EXTENDED COMMUNITIES as text.
     *
     * @return each as 16 hex digits
     */
    public List<String> extendedCommunities() {
        return extendedCommunityValues.stream().map(c -> HexFormat.of().toHexDigits(c)).toList();
    }

    /**
     * AS_PATH as text: an AS_SEQUENCE as its AS numbers ({@code 65001 65002}), an AS_SET in braces
     * ({@code {65003,65004}}), a confederation sequence in parentheses, a confederation set in brackets.
     *
     * @return the text, empty for an empty path
     */
    public String asPathText() {
        return asPathText(asPath);
    }

    static String asPathText(final List<PathAttribute.AsPathSegment> segments) {
        return segments.stream().map(RouteAttributes::segmentText).collect(Collectors.joining(" "));
    }

    private static String segmentText(final PathAttribute.AsPathSegment segment) {
        final var asns = segment.asns().stream().map(String::valueOf);
        return switch (segment.type()) {
            case AS_SEQUENCE -> asns.collect(Collectors.joining(" "));
            case AS_SET -> asns.collect(Collectors.joining(",", "{", "}"));
            case AS_CONFED_SEQUENCE -> asns.collect(Collectors.joining(" ", "(", ")"));
            case AS_CONFED_SET -> asns.collect(Collectors.joining(",", "[", "]"));
            default -> asns.collect(Collectors.joining(" ", "segment-" + segment.type() + "(", ")"));
        };
    }

    /**
     * Every AS number of AS_PATH once, in the order of first appearance.
     *
     * @return the AS numbers
     */
    public List<Long> asPathAsns() {
        final var out = new LinkedHashSet<Long>();
        asPath.forEach(segment -> out.addAll(segment.asns()));
        return List.copyOf(out);
    }

    /** MP_REACH_NLRI's next hop: IPv4 or IPv6 (the global one of a pair), after a VPN next hop's zero RD. */
    static String mpNextHop(final Bytes hop) {
        final byte[] bytes = hop.toArray();
        return switch (bytes.length) {
            case 4, 16 -> AddressText.format(bytes);
            case 32 -> AddressText.format(Arrays.copyOf(bytes, 16));
            case 12, 24 -> AddressText.format(Arrays.copyOfRange(bytes, 8, bytes.length));
            case 48 -> AddressText.format(Arrays.copyOfRange(bytes, 8, 24));
            default -> bytes.length == 0 ? null : HexFormat.of().formatHex(bytes);
        };
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.routes;

import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.bgp.BgpDecoder;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.rib.AttributeSet;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A stored attribute set decoded by the codec, in the forms the northbound APIs show: communities as
 * {@code A:B}, large communities as {@code A:B:C}, extended communities as 16 hex digits, addresses as text.
 * Absent attributes are null (numbers, text) or empty (lists).
 *
 * @param origin ORIGIN (0 IGP, 1 EGP, 2 INCOMPLETE), or null
 * @param asPath the AS_PATH segments in path order (AS numbers always of four octets in the store)
 * @param nextHop NEXT_HOP, or MP_REACH_NLRI's next hop (the global address of an IPv6 pair, after a VPN next hop's
 *     route distinguisher); unusual lengths as hex; or null
 * @param med MULTI_EXIT_DISC, or null
 * @param localPref LOCAL_PREF, or null
 * @param atomicAggregate whether ATOMIC_AGGREGATE is present
 * @param aggregatorAs AGGREGATOR's AS, or null
 * @param aggregatorAddress AGGREGATOR's address, or null
 * @param communities COMMUNITIES, each {@code A:B}
 * @param largeCommunities LARGE_COMMUNITY, each {@code A:B:C}
 * @param extendedCommunities EXTENDED COMMUNITIES, each as 16 hex digits
 * @param originatorId ORIGINATOR_ID as a dotted quad, or null
 * @param clusterList CLUSTER_LIST, each as a dotted quad
 * @param originAs the last AS number of the last AS_SEQUENCE, or null when there is none
 */
public record RouteAttributes(Integer origin, List<PathAttribute.AsPathSegment> asPath, String nextHop, Long med,
        Long localPref, boolean atomicAggregate, Long aggregatorAs, String aggregatorAddress, List<String> communities,
        List<String> largeCommunities, List<String> extendedCommunities, String originatorId,
        List<String> clusterList, Long originAs) {
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
        communities = List.copyOf(communities);
        largeCommunities = List.copyOf(largeCommunities);
        extendedCommunities = List.copyOf(extendedCommunities);
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
        Integer origin = null;
        List<PathAttribute.AsPathSegment> asPath = List.of();
        String nextHop = null;
        Long med = null;
        Long localPref = null;
        boolean atomicAggregate = false;
        Long aggregatorAs = null;
        String aggregatorAddress = null;
        final var communities = new ArrayList<String>();
        final var largeCommunities = new ArrayList<String>();
        final var extendedCommunities = new ArrayList<String>();
        String originatorId = null;
        final var clusterList = new ArrayList<String>();
        Long originAs = null;
        for (var attribute : attributes) {
            if (attribute instanceof PathAttribute.Origin value) {
                origin = value.value();
            } else if (attribute instanceof PathAttribute.AsPath path) {
                asPath = path.segments();
                for (var segment : path.segments()) {
                    if (segment.type() == AS_SEQUENCE && !segment.asns().isEmpty()) {
                        originAs = segment.asns().get(segment.asns().size() - 1);
                    }
                }
            } else if (attribute instanceof PathAttribute.NextHop hop) {
                nextHop = address(hop.address().toArray());
            } else if (attribute instanceof PathAttribute.MpReach reach) {
                nextHop = nextHop(reach.nextHop());
            } else if (attribute instanceof PathAttribute.MultiExitDisc value) {
                med = value.value();
            } else if (attribute instanceof PathAttribute.LocalPref value) {
                localPref = value.value();
            } else if (attribute instanceof PathAttribute.AtomicAggregate) {
                atomicAggregate = true;
            } else if (attribute instanceof PathAttribute.Aggregator aggregator) {
                aggregatorAs = aggregator.asNumber();
                aggregatorAddress = address(aggregator.address().toArray());
            } else if (attribute instanceof PathAttribute.Communities value) {
                value.communities().forEach(c -> communities.add((c >>> 16) + ":" + (c & 0xFFFF)));
            } else if (attribute instanceof PathAttribute.LargeCommunities value) {
                value.communities().forEach(c -> largeCommunities.add(c.globalAdmin() + ":" + c.localData1() + ":"
                    + c.localData2()));
            } else if (attribute instanceof PathAttribute.ExtendedCommunities value) {
                value.communities().forEach(c -> extendedCommunities.add(HexFormat.of().toHexDigits(c)));
            } else if (attribute instanceof PathAttribute.OriginatorId value) {
                originatorId = AddressText.ipv4(value.value());
            } else if (attribute instanceof PathAttribute.ClusterList value) {
                value.clusterIds().forEach(id -> clusterList.add(AddressText.ipv4(id)));
            }
            // AS4_PATH, AS4_AGGREGATOR (a 4-octet session sends none; the store widens legacy ones) and unknown
            // types are not shown.
        }
        return new RouteAttributes(origin, asPath, nextHop, med, localPref, atomicAggregate, aggregatorAs,
            aggregatorAddress, communities, largeCommunities, extendedCommunities, originatorId, clusterList,
            originAs);
    }

    /**
     * AS_PATH as text: an AS_SEQUENCE as its AS numbers ({@code 65001 65002}), an AS_SET in braces
     * ({@code {65003,65004}}), a confederation sequence in parentheses, a confederation set in brackets.
     *
     * @return the text, empty for an empty path
     */
    public String asPathText() {
        return asPath.stream().map(RouteAttributes::segmentText).collect(Collectors.joining(" "));
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
    private static String nextHop(final Bytes hop) {
        final byte[] bytes = hop.toArray();
        return switch (bytes.length) {
            case 4, 16 -> address(bytes);
            case 32 -> address(Arrays.copyOf(bytes, 16));
            case 12, 24 -> address(Arrays.copyOfRange(bytes, 8, bytes.length));
            case 48 -> address(Arrays.copyOfRange(bytes, 8, 24));
            default -> HexFormat.of().formatHex(bytes);
        };
    }

    private static String address(final byte[] bytes) {
        return AddressText.format(bytes);
    }
}

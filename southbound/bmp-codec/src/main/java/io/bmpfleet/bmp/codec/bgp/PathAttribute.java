package io.bmpfleet.bmp.codec.bgp;

import io.bmpfleet.bmp.codec.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A BGP path attribute (RFC 4271 section 4.3 and the RFCs that add attribute types).
 */
public sealed interface PathAttribute {
    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int ORIGINATOR_ID = 9;
    int CLUSTER_LIST = 10;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int EXTENDED_COMMUNITIES = 16;
    int AS4_PATH = 17;
    int AS4_AGGREGATOR = 18;
    int LARGE_COMMUNITY = 32;

    int FLAG_OPTIONAL = 0x80;
    int FLAG_TRANSITIVE = 0x40;
    int FLAG_PARTIAL = 0x20;
    int FLAG_EXTENDED_LENGTH = 0x10;

    int SEGMENT_AS_SET = 1;
    int SEGMENT_AS_SEQUENCE = 2;
    int SEGMENT_CONFED_SEQUENCE = 3;
    int SEGMENT_CONFED_SET = 4;

    int typeCode();

    /**
     * ORIGIN (type 1): 0 IGP, 1 EGP, 2 INCOMPLETE.
     *
     * @param value origin code
     */
    record Origin(int value) implements PathAttribute {
        @Override
        public int typeCode() {
            return ORIGIN;
        }
    }

    /**
     * One AS_PATH segment.
     *
     * @param type 1 AS_SET, 2 AS_SEQUENCE, 3 AS_CONFED_SEQUENCE, 4 AS_CONFED_SET
     * @param asns AS numbers
     */
    record AsPathSegment(int type, List<Long> asns) {
        public AsPathSegment {
            asns = List.copyOf(asns);
        }
    }

    /**
     * AS_PATH (type 2), with 2- or 4-octet AS numbers as the session uses.
     *
     * @param segments segments
     */
    record AsPath(List<AsPathSegment> segments) implements PathAttribute {
        public AsPath {
            segments = List.copyOf(segments);
        }

        @Override
        public int typeCode() {
            return AS_PATH;
        }
    }

    /**
     * NEXT_HOP (type 3).
     *
     * @param address 4 bytes
     */
    record NextHop(Bytes address) implements PathAttribute {
        @Override
        public int typeCode() {
            return NEXT_HOP;
        }
    }

    /**
     * MULTI_EXIT_DISC (type 4).
     *
     * @param value unsigned 32-bit metric
     */
    record MultiExitDisc(long value) implements PathAttribute {
        @Override
        public int typeCode() {
            return MULTI_EXIT_DISC;
        }
    }

    /**
     * LOCAL_PREF (type 5).
     *
     * @param value unsigned 32-bit preference
     */
    record LocalPref(long value) implements PathAttribute {
        @Override
        public int typeCode() {
            return LOCAL_PREF;
        }
    }

    /** ATOMIC_AGGREGATE (type 6). */
    record AtomicAggregate() implements PathAttribute {
        @Override
        public int typeCode() {
            return ATOMIC_AGGREGATE;
        }
    }

    /**
     * AGGREGATOR (type 7), with a 2- or 4-octet AS as the session uses.
     *
     * @param asNumber aggregating AS
     * @param address aggregating router, 4 bytes
     */
    record Aggregator(long asNumber, Bytes address) implements PathAttribute {
        @Override
        public int typeCode() {
            return AGGREGATOR;
        }
    }

    /**
     * COMMUNITIES (type 8, RFC 1997).
     *
     * @param communities unsigned 32-bit values
     */
    record Communities(List<Long> communities) implements PathAttribute {
        public Communities {
            communities = List.copyOf(communities);
        }

        @Override
        public int typeCode() {
            return COMMUNITIES;
        }
    }

    /**
     * ORIGINATOR_ID (type 9, RFC 4456).
     *
     * @param value router ID, unsigned 32 bits
     */
    record OriginatorId(long value) implements PathAttribute {
        @Override
        public int typeCode() {
            return ORIGINATOR_ID;
        }
    }

    /**
     * CLUSTER_LIST (type 10, RFC 4456).
     *
     * @param clusterIds cluster IDs, unsigned 32 bits
     */
    record ClusterList(List<Long> clusterIds) implements PathAttribute {
        public ClusterList {
            clusterIds = List.copyOf(clusterIds);
        }

        @Override
        public int typeCode() {
            return CLUSTER_LIST;
        }
    }

    /**
     * MP_REACH_NLRI (type 14, RFC 4760).
     *
     * @param afi address family
     * @param safi subsequent address family
     * @param nextHop next hop field, raw (may hold a global and a link-local IPv6 address, or an RD and an address)
     * @param nlri announced routes
     */
    record MpReach(int afi, int safi, Bytes nextHop, List<Nlri> nlri) implements PathAttribute {
        public MpReach {
            nlri = List.copyOf(nlri);
        }

        @Override
        public int typeCode() {
            return MP_REACH_NLRI;
        }
    }

    /**
     * MP_UNREACH_NLRI (type 15, RFC 4760).
     *
     * @param afi address family
     * @param safi subsequent address family
     * @param withdrawn withdrawn routes
     */
    record MpUnreach(int afi, int safi, List<Nlri> withdrawn) implements PathAttribute {
        public MpUnreach {
            withdrawn = List.copyOf(withdrawn);
        }

        @Override
        public int typeCode() {
            return MP_UNREACH_NLRI;
        }
    }

    /**
     * EXTENDED COMMUNITIES (type 16, RFC 4360).
     *
     * @param communities 8-byte values
     */
    record ExtendedCommunities(List<Long> communities) implements PathAttribute {
        public ExtendedCommunities {
            communities = List.copyOf(communities);
        }

        @Override
        public int typeCode() {
            return EXTENDED_COMMUNITIES;
        }
    }

    /**
     * AS4_PATH (type 17, RFC 6793), always 4-octet.
     *
     * @param segments segments
     */
    record As4Path(List<AsPathSegment> segments) implements PathAttribute {
        public As4Path {
            segments = List.copyOf(segments);
        }

        @Override
        public int typeCode() {
            return AS4_PATH;
        }
    }

    /**
     * AS4_AGGREGATOR (type 18, RFC 6793).
     *
     * @param asNumber aggregating AS
     * @param address aggregating router, 4 bytes
     */
    record As4Aggregator(long asNumber, Bytes address) implements PathAttribute {
        @Override
        public int typeCode() {
            return AS4_AGGREGATOR;
        }
    }

    /**
     * One large community (RFC 8092).
     *
     * @param globalAdmin global administrator
     * @param localData1 local data part 1
     * @param localData2 local data part 2
     */
    record LargeCommunity(long globalAdmin, long localData1, long localData2) {
        @Override
        public String toString() {
            return globalAdmin + ":" + localData1 + ":" + localData2;
        }
    }

    /**
     * LARGE_COMMUNITY (type 32, RFC 8092).
     *
     * @param communities communities
     */
    record LargeCommunities(List<LargeCommunity> communities) implements PathAttribute {
        public LargeCommunities {
            communities = List.copyOf(communities);
        }

        @Override
        public int typeCode() {
            return LARGE_COMMUNITY;
        }
    }

    /**
     * Any other attribute, kept raw.
     *
     * @param flags attribute flags as on the wire
     * @param typeCode attribute type
     * @param value attribute value
     */
    record Unknown(int flags, int typeCode, Bytes value) implements PathAttribute {
    }

    /**
     * Merges AS_PATH and AS4_PATH per RFC 6793 section 4.2.3: when AS_PATH is shorter than AS4_PATH, AS4_PATH is
     * ignored; otherwise the leading AS numbers of AS_PATH that AS4_PATH lacks are put in front of AS4_PATH.
     *
     * @param asPath AS_PATH segments (2-octet session)
     * @param as4Path AS4_PATH segments
     * @return the merged path
     */
    static List<AsPathSegment> mergeAs4Path(final List<AsPathSegment> asPath, final List<AsPathSegment> as4Path) {
        int missing = pathLength(asPath) - pathLength(as4Path);
        if (missing < 0) {
            return asPath;
        }
        final List<AsPathSegment> out = new ArrayList<>();
        for (AsPathSegment seg : asPath) {
            if (seg.type() == SEGMENT_CONFED_SEQUENCE || seg.type() == SEGMENT_CONFED_SET) {
                out.add(seg);
            } else if (missing > 0) {
                if (seg.type() == SEGMENT_AS_SEQUENCE) {
                    final int take = Math.min(missing, seg.asns().size());
                    out.add(new AsPathSegment(seg.type(), seg.asns().subList(0, take)));
                    missing -= take;
                } else {
                    out.add(seg);
                    missing--;
                }
            }
        }
        out.addAll(as4Path);
        return out;
    }

    /**
     * Counts an AS path the way route selection does: each AS of a sequence counts one, a set counts one,
     * confederation segments count zero.
     *
     * @param segments segments
     * @return path length
     */
    static int pathLength(final List<AsPathSegment> segments) {
        int count = 0;
        for (AsPathSegment seg : segments) {
            if (seg.type() == SEGMENT_AS_SEQUENCE) {
                count += seg.asns().size();
            } else if (seg.type() == SEGMENT_AS_SET) {
                count++;
            }
        }
        return count;
    }
}

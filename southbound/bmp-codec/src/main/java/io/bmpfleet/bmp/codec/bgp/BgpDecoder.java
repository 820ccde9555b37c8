package io.bmpfleet.bmp.codec.bgp;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.WireReader;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes BGP messages into {@link BgpMessage} objects. UPDATEs go through {@link UpdateParser}, so the object
 * form and the visitor form agree by construction. Not thread-safe (it reuses a parser); use one per thread.
 */
public final class BgpDecoder {
    /** Length of the BGP header: marker, length, type. */
    public static final int HEADER_LENGTH = 19;
    /** Largest BGP message (RFC 8654 extended messages). */
    public static final int MAX_LENGTH = 65535;

    private final UpdateParser parser = new UpdateParser();

    /**
     * Returns how many UPDATEs had a 2-octet AS_PATH although 4-octet was expected (see
     * {@link UpdateParser#asPathSizeFallbacks()}).
     *
     * @return count
     */
    public long asPathSizeFallbacks() {
        return parser.asPathSizeFallbacks();
    }

    /**
     * Decodes one BGP message at the reader's position and advances past it.
     *
     * @param reader reader positioned at a BGP header
     * @param fourByteAs whether the session uses 4-octet AS numbers in AS_PATH and AGGREGATOR
     * @param adjRibOut whether routes were sent to the peer (RFC 8671)
     * @param context Add-Path knowledge of the session
     * @return the message
     * @throws BmpDecodeException if the message is malformed
     */
    public BgpMessage decode(final WireReader reader, final boolean fourByteAs, final boolean adjRibOut,
            final BgpSessionContext context) throws BmpDecodeException {
        final int start = reader.index();
        reader.need(HEADER_LENGTH, "BGP header");
        reader.skip(16, "BGP marker");
        final int length = reader.u16("BGP length");
        final int type = reader.u8("BGP type");
        if (length < HEADER_LENGTH) {
            throw reader.errorAt(start + 16, "BGP length " + length + " below 19");
        }
        final WireReader body = reader.slice(length - HEADER_LENGTH, "BGP message body");
        return switch (type) {
            case BgpMessage.OPEN -> decodeOpen(body);
            case BgpMessage.UPDATE -> decodeUpdate(body, fourByteAs, adjRibOut, context);
            case BgpMessage.NOTIFICATION -> {
                final int code = body.u8("NOTIFICATION code");
                final int subcode = body.u8("NOTIFICATION subcode");
                yield new BgpMessage.Notification(code, subcode, body.rest());
            }
            case BgpMessage.KEEPALIVE -> {
                body.expectEnd("KEEPALIVE");
                yield new BgpMessage.Keepalive();
            }
            case BgpMessage.ROUTE_REFRESH -> {
                final BgpMessage.RouteRefresh rr = new BgpMessage.RouteRefresh(body.u16("AFI"), body.u8("subtype"),
                    body.u8("SAFI"));
                body.expectEnd("ROUTE-REFRESH");
                yield rr;
            }
            default -> new BgpMessage.Unknown(type, body.rest());
        };
    }

    /**
     * Decodes an UPDATE body.
     *
     * @param body reader over the body (after the BGP header)
     * @param fourByteAs whether the session uses 4-octet AS numbers
     * @param adjRibOut whether routes were sent to the peer
     * @param context Add-Path knowledge
     * @return the UPDATE
     * @throws BmpDecodeException if malformed
     */
    public BgpMessage.Update decodeUpdate(final WireReader body, final boolean fourByteAs, final boolean adjRibOut,
            final BgpSessionContext context) throws BmpDecodeException {
        final Collector collector = new Collector();
        parser.parse(body.buffer(), body.origin(), body.index(), body.endIndex(), fourByteAs, adjRibOut, context,
            collector);
        body.skip(body.remaining(), "UPDATE");
        return collector.build();
    }

    /**
     * Decodes an OPEN body (RFC 4271 section 4.2, RFC 9072 extended optional parameters).
     *
     * @param body reader over the body
     * @return the OPEN
     * @throws BmpDecodeException if malformed
     */
    public static BgpMessage.Open decodeOpen(final WireReader body) throws BmpDecodeException {
        final int version = body.u8("OPEN version");
        final int myAs = body.u16("OPEN my AS");
        final int holdTime = body.u16("OPEN hold time");
        final long bgpId = body.u32("OPEN BGP identifier");
        int paramsLen = body.u8("OPEN optional parameters length");
        boolean extended = false;
        if (paramsLen == 255 && body.remaining() >= 3 && body.buffer().getUnsignedByte(body.index()) == 255) {
            // RFC 9072: non-extended length 255, type 255, then a 2-octet length.
            body.skip(1, "extended parameters marker");
            paramsLen = body.u16("extended optional parameters length");
            extended = true;
        }
        final WireReader params = body.slice(paramsLen, "OPEN optional parameters");
        body.expectEnd("OPEN");
        final List<Capability> caps = new ArrayList<>();
        final List<BgpMessage.OptionalParameter> others = new ArrayList<>();
        while (params.hasRemaining()) {
            final int type = params.u8("parameter type");
            final int len = extended ? params.u16("parameter length") : params.u8("parameter length");
            final WireReader value = params.slice(len, "parameter value");
            if (type == 2) {
                while (value.hasRemaining()) {
                    caps.add(decodeCapability(value));
                }
            } else {
                others.add(new BgpMessage.OptionalParameter(type, value.rest()));
            }
        }
        return new BgpMessage.Open(version, myAs, holdTime, bgpId, caps, others);
    }

    private static Capability decodeCapability(final WireReader reader) throws BmpDecodeException {
        final int code = reader.u8("capability code");
        final int len = reader.u8("capability length");
        final WireReader value = reader.slice(len, "capability value");
        final Capability cap = switch (code) {
            case Capability.MULTIPROTOCOL -> {
                if (len != 4) {
                    yield new Capability.Unknown(code, value.rest());
                }
                final int afi = value.u16("AFI");
                value.skip(1, "reserved");
                yield new Capability.Multiprotocol(afi, value.u8("SAFI"));
            }
            case Capability.ROUTE_REFRESH -> len == 0 ? new Capability.RouteRefresh()
                : new Capability.Unknown(code, value.rest());
            case Capability.EXTENDED_MESSAGE -> len == 0 ? new Capability.ExtendedMessage()
                : new Capability.Unknown(code, value.rest());
            case Capability.FOUR_OCTET_AS -> len == 4 ? new Capability.FourOctetAs(value.u32("AS"))
                : new Capability.Unknown(code, value.rest());
            case Capability.GRACEFUL_RESTART -> {
                if (len < 2 || (len - 2) % 4 != 0) {
                    yield new Capability.Unknown(code, value.rest());
                }
                final int word = value.u16("restart flags and time");
                final List<Capability.GracefulRestartFamily> fams = new ArrayList<>();
                while (value.hasRemaining()) {
                    fams.add(new Capability.GracefulRestartFamily(value.u16("AFI"), value.u8("SAFI"),
                        value.u8("flags")));
                }
                yield new Capability.GracefulRestart(word >>> 12, word & 0xFFF, fams);
            }
            case Capability.ADD_PATH -> {
                if (len % 4 != 0) {
                    yield new Capability.Unknown(code, value.rest());
                }
                final List<Capability.AddPathFamily> fams = new ArrayList<>();
                while (value.hasRemaining()) {
                    fams.add(new Capability.AddPathFamily(value.u16("AFI"), value.u8("SAFI"),
                        value.u8("send/receive")));
                }
                yield new Capability.AddPath(fams);
            }
            default -> new Capability.Unknown(code, value.rest());
        };
        value.expectEnd("capability " + code);
        return cap;
    }

    /**
     * Decodes a known attribute from its view into an object. MP_REACH_NLRI and MP_UNREACH_NLRI are assembled by
     * the caller, which has the routes.
     *
     * @param view the attribute
     * @return the attribute
     * @throws BmpDecodeException if malformed
     */
    public static PathAttribute decodeAttribute(final AttributeView view)
            throws BmpDecodeException {
        final WireReader value = view.reader();
        final int asSize = view.asSize();
        return switch (view.type()) {
            case PathAttribute.ORIGIN -> new PathAttribute.Origin(value.u8("ORIGIN"));
            case PathAttribute.AS_PATH -> new PathAttribute.AsPath(segments(value, asSize));
            case PathAttribute.NEXT_HOP -> new PathAttribute.NextHop(value.bytes(4, "NEXT_HOP"));
            case PathAttribute.MULTI_EXIT_DISC -> new PathAttribute.MultiExitDisc(value.u32("MED"));
            case PathAttribute.LOCAL_PREF -> new PathAttribute.LocalPref(value.u32("LOCAL_PREF"));
            case PathAttribute.ATOMIC_AGGREGATE -> new PathAttribute.AtomicAggregate();
            case PathAttribute.AGGREGATOR -> new PathAttribute.Aggregator(
                value.remaining() == 8 ? value.u32("AGGREGATOR AS") : value.u16("AGGREGATOR AS"),
                value.bytes(4, "AGGREGATOR"));
            case PathAttribute.COMMUNITIES -> new PathAttribute.Communities(u32List(value));
            case PathAttribute.ORIGINATOR_ID -> new PathAttribute.OriginatorId(value.u32("ORIGINATOR_ID"));
            case PathAttribute.CLUSTER_LIST -> new PathAttribute.ClusterList(u32List(value));
            case PathAttribute.EXTENDED_COMMUNITIES -> {
                final List<Long> list = new ArrayList<>(value.remaining() / 8);
                while (value.hasRemaining()) {
                    list.add(value.u64("extended community"));
                }
                yield new PathAttribute.ExtendedCommunities(list);
            }
            case PathAttribute.AS4_PATH -> new PathAttribute.As4Path(segments(value, 4));
            case PathAttribute.AS4_AGGREGATOR -> new PathAttribute.As4Aggregator(value.u32("AS4_AGGREGATOR AS"),
                value.bytes(4, "AS4_AGGREGATOR"));
            case PathAttribute.LARGE_COMMUNITY -> {
                final List<PathAttribute.LargeCommunity> list = new ArrayList<>(value.remaining() / 12);
                while (value.hasRemaining()) {
                    list.add(new PathAttribute.LargeCommunity(value.u32("global"), value.u32("local 1"),
                        value.u32("local 2")));
                }
                yield new PathAttribute.LargeCommunities(list);
            }
            default -> new PathAttribute.Unknown(view.flags(), view.type(), value.rest());
        };
    }

    /**
     * Decodes a block of path attributes in RFC 4271's layout (flags, type, one- or two-octet length, value), such
     * as the RIB store keeps for its routes: every attribute as {@link #decodeAttribute} decodes it, MP_REACH_NLRI
     * as its AFI, SAFI and next hop only (the store keeps no NLRI in it), MP_UNREACH_NLRI skipped.
     *
     * @param block the attributes
     * @param asSize the size of AS numbers in AS_PATH and AGGREGATOR: 4, or 2
     * @return the attributes in block order
     * @throws BmpDecodeException if the block or an attribute is malformed
     */
    public static List<PathAttribute> decodeAttributes(final ByteBuf block, final int asSize)
            throws BmpDecodeException {
        final var reader = WireReader.of(block);
        final var view = new AttributeView();
        final List<PathAttribute> out = new ArrayList<>();
        while (reader.hasRemaining()) {
            final int flags = reader.u8("attribute flags");
            final int type = reader.u8("attribute type");
            final int length = (flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0 ? reader.u16("attribute length")
                : reader.u8("attribute length");
            final int start = reader.index();
            final var value = reader.slice(length, "attribute value");
            if (type == PathAttribute.MP_UNREACH_NLRI) {
                continue;
            }
            if (type == PathAttribute.MP_REACH_NLRI) {
                final int afi = value.u16("MP_REACH AFI");
                final int safi = value.u8("MP_REACH SAFI");
                final int nextHopLength = value.u8("MP_REACH next hop length");
                out.add(new PathAttribute.MpReach(afi, safi, value.bytes(nextHopLength, "MP_REACH next hop"),
                    List.of()));
                continue;
            }
            view.set(block, block.readerIndex(), flags, type, start, length, asSize);
            out.add(decodeAttribute(view));
        }
        return out;
    }

    private static List<Long> u32List(final WireReader value) throws BmpDecodeException {
        final List<Long> list = new ArrayList<>(value.remaining() / 4);
        while (value.hasRemaining()) {
            list.add(value.u32("value"));
        }
        return list;
    }

    private static List<PathAttribute.AsPathSegment> segments(final WireReader value, final int asSize)
            throws BmpDecodeException {
        final List<PathAttribute.AsPathSegment> segs = new ArrayList<>();
        while (value.hasRemaining()) {
            final int type = value.u8("segment type");
            final int count = value.u8("segment length");
            final List<Long> asns = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                asns.add(asSize == 4 ? value.u32("AS") : value.u16("AS"));
            }
            segs.add(new PathAttribute.AsPathSegment(type, asns));
        }
        return segs;
    }

    /**
     * Builds the object form of an UPDATE from the parser's callbacks.
     */
    private static final class Collector implements UpdateVisitor {
        private final List<PathAttribute> attributes = new ArrayList<>();
        private final List<Nlri> withdrawn = new ArrayList<>();
        private final List<Nlri> nlri = new ArrayList<>();
        private final List<Nlri> mpWithdrawn = new ArrayList<>();
        private final List<Nlri> mpAnnounced = new ArrayList<>();
        private int reachIndex = -1;
        private int reachAfi;
        private int reachSafi;
        private Bytes reachNextHop;
        private int unreachIndex = -1;
        private int unreachAfi;
        private int unreachSafi;

        @Override
        public void attribute(final AttributeView attribute) throws BmpDecodeException {
            if (attribute.type() == PathAttribute.MP_REACH_NLRI) {
                final WireReader value = attribute.reader();
                reachAfi = value.u16("AFI");
                reachSafi = value.u8("SAFI");
                reachNextHop = value.bytes(value.u8("next hop length"), "next hop");
                reachIndex = attributes.size();
                attributes.add(null);
            } else if (attribute.type() == PathAttribute.MP_UNREACH_NLRI) {
                final WireReader value = attribute.reader();
                unreachAfi = value.u16("AFI");
                unreachSafi = value.u8("SAFI");
                unreachIndex = attributes.size();
                attributes.add(null);
            } else {
                attributes.add(decodeAttribute(attribute));
            }
        }

        @Override
        public void withdrawn(final PrefixView prefix) {
            (prefix.inMpAttribute() ? mpWithdrawn : withdrawn).add(prefix.toNlri());
        }

        @Override
        public void announced(final PrefixView prefix) {
            (prefix.inMpAttribute() ? mpAnnounced : nlri).add(prefix.toNlri());
        }

        BgpMessage.Update build() {
            if (reachIndex >= 0) {
                attributes.set(reachIndex, new PathAttribute.MpReach(reachAfi, reachSafi, reachNextHop,
                    mpAnnounced));
            }
            if (unreachIndex >= 0) {
                attributes.set(unreachIndex, new PathAttribute.MpUnreach(unreachAfi, unreachSafi, mpWithdrawn));
            }
            return new BgpMessage.Update(withdrawn, attributes, nlri);
        }
    }
}

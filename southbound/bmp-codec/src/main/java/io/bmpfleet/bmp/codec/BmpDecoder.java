package io.bmpfleet.bmp.codec;

import io.bmpfleet.bmp.codec.bgp.BgpDecoder;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.BgpSessionContext;
import io.bmpfleet.bmp.codec.bgp.UpdateParser;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one framed BMP message (RFC 7854 and successors; see the package documentation). Whatever the bytes,
 * the only exception it throws is {@link BmpDecodeException}. Not thread-safe: it reuses parsers and views, so
 * use one instance per thread or per session.
 */
public final class BmpDecoder {
    private final BgpDecoder bgp = new BgpDecoder();
    private final UpdateParser parser = new UpdateParser();
    private final PeerHeaderView view = new PeerHeaderView();

    /**
     * Returns how many UPDATEs carried a 2-octet AS_PATH although the A flag said 4-octet; they were decoded as
     * 2-octet.
     *
     * @return count
     */
    public long asPathSizeFallbacks() {
        return bgp.asPathSizeFallbacks() + parser.asPathSizeFallbacks();
    }

    /**
     * Decodes the message starting at the reader index of {@code frame}. The buffer's indices are not moved; the
     * message must be complete (see {@link BmpFraming}). Offsets in errors count from the reader index.
     *
     * @param frame buffer holding the message
     * @param contexts Add-Path knowledge per peer
     * @return the message
     * @throws BmpDecodeException if the message is malformed
     */
    public BmpMessage decode(final ByteBuf frame, final SessionContexts contexts) throws BmpDecodeException {
        final WireReader in = WireReader.of(frame);
        final int type = commonHeader(in);
        final WireReader body = in;
        final int version = frame.getUnsignedByte(frame.readerIndex());
        return switch (type) {
            case BmpMessage.ROUTE_MONITORING -> routeMonitoring(body, version, contexts);
            case BmpMessage.STATISTICS_REPORT -> statisticsReport(body, version);
            case BmpMessage.PEER_DOWN_NOTIFICATION -> peerDown(body, version);
            case BmpMessage.PEER_UP_NOTIFICATION -> peerUp(body);
            case BmpMessage.INITIATION -> new BmpMessage.InitiationMessage(tlvs(body));
            case BmpMessage.TERMINATION -> new BmpMessage.TerminationMessage(tlvs(body));
            case BmpMessage.ROUTE_MIRRORING -> new BmpMessage.RouteMirroring(perPeer(body), tlvs(body));
            default -> new BmpMessage.UnknownMessage(type, body.rest());
        };
    }

    /**
     * Decodes a Route Monitoring message into a visitor without allocating per route. Messages of other types are
     * only framed-checked and left for {@link #decode}.
     *
     * @param frame buffer holding the message at its reader index
     * @param contexts Add-Path knowledge per peer
     * @param visitor receiver of the content
     * @return the BMP message type; the visitor was called only if it is {@link BmpMessage#ROUTE_MONITORING}
     * @throws BmpDecodeException if the message is malformed or the visitor rejects it
     */
    public int visit(final ByteBuf frame, final SessionContexts contexts, final RouteMonitoringVisitor visitor)
            throws BmpDecodeException {
        // The same checks as decode(), on raw indices: nothing is allocated for a valid message.
        final int origin = frame.readerIndex();
        final int avail = frame.readableBytes();
        if (avail < BmpFraming.COMMON_HEADER_LENGTH) {
            throw new BmpDecodeException(0, "BMP common header: need 6 bytes, " + avail + " left");
        }
        final int version = frame.getUnsignedByte(origin);
        if (version != 3 && version != 4) {
            throw new BmpDecodeException(0, "unsupported BMP version " + version);
        }
        final long length = frame.getUnsignedInt(origin + 1);
        if (length < BmpFraming.COMMON_HEADER_LENGTH || length > avail) {
            throw new BmpDecodeException(1, "BMP length " + length + " outside 6.." + avail);
        }
        final int type = frame.getUnsignedByte(origin + 5);
        if (type != BmpMessage.ROUTE_MONITORING) {
            return type;
        }
        final int end = origin + (int) length;
        int pos = origin + BmpFraming.COMMON_HEADER_LENGTH;
        if (end - pos < PerPeerHeader.LENGTH) {
            throw new BmpDecodeException(pos - origin, "per-peer header: need 42 bytes, " + (end - pos) + " left");
        }
        view.read(frame, pos);
        pos += PerPeerHeader.LENGTH;
        final BgpSessionContext context = contexts.forPeer(view);
        int pduStart = pos;
        int pduEnd = end;
        if (version == 4) {
            pduStart = -1;
            while (pos < end) {
                if (end - pos < 6) {
                    throw new BmpDecodeException(pos - origin, "truncated TLV header");
                }
                final int tlvType = frame.getUnsignedShort(pos);
                final int len = frame.getUnsignedShort(pos + 2);
                if (end - pos - 6 < len) {
                    throw new BmpDecodeException(pos - origin, "TLV value: need " + len + " bytes");
                }
                if (tlvType == BmpTlv.V4_BGP_PDU && pduStart < 0) {
                    pduStart = pos + 6;
                    pduEnd = pduStart + len;
                }
                pos += 6 + len;
            }
            if (pduStart < 0) {
                throw new BmpDecodeException(end - origin, "BMP v4 Route Monitoring without BGP PDU TLV");
            }
        }
        if (pduEnd - pduStart < BgpDecoder.HEADER_LENGTH) {
            throw new BmpDecodeException(pduStart - origin, "BGP header: need 19 bytes, " + (pduEnd - pduStart)
                + " left");
        }
        final int bgpLength = frame.getUnsignedShort(pduStart + 16);
        final int bgpType = frame.getUnsignedByte(pduStart + 18);
        if (bgpType != BgpMessage.UPDATE) {
            throw new BmpDecodeException(pduStart + 18 - origin, "Route Monitoring carries BGP message type "
                + bgpType + ", not UPDATE");
        }
        if (bgpLength < BgpDecoder.HEADER_LENGTH || bgpLength > pduEnd - pduStart
                || version == 4 && bgpLength != pduEnd - pduStart) {
            throw new BmpDecodeException(pduStart + 16 - origin, "BGP length " + bgpLength + " does not fit");
        }
        if (version != 4) {
            // trailing TLVs of a version 3 message (see decode): check their framing
            pos = pduStart + bgpLength;
            while (pos < end) {
                if (end - pos < 4 || end - pos - 4 < frame.getUnsignedShort(pos + 2)) {
                    throw new BmpDecodeException(pos - origin, "truncated TLV after the UPDATE");
                }
                pos += 4 + frame.getUnsignedShort(pos + 2);
            }
        }
        visitor.peer(view);
        parser.parse(frame, origin, pduStart + BgpDecoder.HEADER_LENGTH, pduStart + bgpLength, view.fourByteAs(),
            view.adjRibOut(), context, visitor);
        return type;
    }

    /**
     * Reads the common header, checks version and length against the buffer, and trims the reader to the message.
     */
    private static int commonHeader(final WireReader in) throws BmpDecodeException {
        final int version = in.u8("BMP version");
        if (version != 3 && version != 4) {
            throw new BmpDecodeException(0, "unsupported BMP version " + version);
        }
        final long length = in.u32("BMP length");
        final int type = in.u8("BMP type");
        if (length < BmpFraming.COMMON_HEADER_LENGTH) {
            throw new BmpDecodeException(1, "BMP length " + length + " below 6");
        }
        if (length - BmpFraming.COMMON_HEADER_LENGTH > in.remaining()) {
            throw new BmpDecodeException(1, "BMP length " + length + " exceeds the "
                + (in.remaining() + BmpFraming.COMMON_HEADER_LENGTH) + " bytes available");
        }
        in.limit((int) length - BmpFraming.COMMON_HEADER_LENGTH);
        return type;
    }

    private BmpMessage routeMonitoring(final WireReader in, final int version, final SessionContexts contexts)
            throws BmpDecodeException {
        // perPeer leaves the header in the view, for the Add-Path lookup
        final PerPeerHeader peer = perPeer(in);
        final BgpSessionContext context = contexts.forPeer(view);
        final boolean fourByteAs = view.fourByteAs();
        final boolean adjRibOut = view.adjRibOut();
        if (version != 4) {
            final BgpMessage msg = bgp.decode(in, fourByteAs, adjRibOut, context);
            if (!(msg instanceof BgpMessage.Update update)) {
                throw in.error("Route Monitoring carries BGP message type " + msg.type() + ", not UPDATE");
            }
            // Some routers append TLVs to a version 3 Route Monitoring, ahead of BMP version 4: keep them.
            return new BmpMessage.RouteMonitoring(peer, update, tlvs(in));
        }
        BgpMessage.Update update = null;
        final List<BmpTlv> others = new ArrayList<>();
        while (in.hasRemaining()) {
            final int tlvType = in.u16("TLV type");
            final int len = in.u16("TLV length");
            final int index = in.u16("TLV index");
            final WireReader value = in.slice(len, "TLV value");
            if (tlvType == BmpTlv.V4_BGP_PDU && update == null) {
                final BgpMessage msg = bgp.decode(value, fourByteAs, adjRibOut, context);
                if (!(msg instanceof BgpMessage.Update found)) {
                    throw value.error("BGP PDU TLV carries message type " + msg.type() + ", not UPDATE");
                }
                value.expectEnd("BGP PDU TLV");
                update = found;
            } else {
                others.add(new BmpTlv(tlvType, index, value.rest()));
            }
        }
        if (update == null) {
            throw in.error("BMP v4 Route Monitoring without BGP PDU TLV");
        }
        return new BmpMessage.RouteMonitoring(peer, update, others);
    }

    private PerPeerHeader perPeer(final WireReader in) throws BmpDecodeException {
        in.need(PerPeerHeader.LENGTH, "per-peer header");
        view.read(in.buffer(), in.index());
        in.skip(PerPeerHeader.LENGTH, "per-peer header");
        return view.toRecord();
    }

    private BmpMessage statisticsReport(final WireReader in, final int version) throws BmpDecodeException {
        final PerPeerHeader peer = perPeer(in);
        final long count = in.u32("stats count");
        if (count * 4 > in.remaining()) {
            throw in.error("stats count " + count + " does not fit in " + in.remaining() + " bytes");
        }
        final List<Stat> stats = new ArrayList<>((int) Math.min(count, 64));
        for (long i = 0; i < count; i++) {
            final int type = in.u16("stat type");
            final int len = in.u16("stat length");
            final WireReader value = in.slice(len, "stat " + type + " value");
            stats.add(stat(type, len, value));
        }
        if (version == 4) {
            return new BmpMessage.StatisticsReport(peer, stats, tlvs(in));
        }
        in.expectEnd("Statistics Report");
        return new BmpMessage.StatisticsReport(peer, stats);
    }

    private static Stat stat(final int type, final int len, final WireReader value) throws BmpDecodeException {
        final int layout = Stat.layoutOf(type);
        if (layout == Stat.LAYOUT_COUNTER && len == 4) {
            return new Stat.Counter(type, value.u32("counter"));
        }
        if ((layout == Stat.LAYOUT_GAUGE || layout == Stat.LAYOUT_BY_LENGTH) && len == 8) {
            return new Stat.Gauge(type, value.u64("gauge"));
        }
        if ((layout == Stat.LAYOUT_AFI_SAFI_GAUGE || layout == Stat.LAYOUT_BY_LENGTH) && len == 11) {
            return new Stat.AfiSafiGauge(type, value.u16("AFI"), value.u8("SAFI"), value.u64("gauge"));
        }
        return new Stat.Raw(type, value.rest());
    }

    private BmpMessage peerDown(final WireReader in, final int version) throws BmpDecodeException {
        // BMP version 4 appends TLVs to every reason; version 3 only has them for reason 6
        final boolean v4 = version == 4;
        final PerPeerHeader peer = perPeer(in);
        final int reason = in.u8("peer down reason");
        BgpMessage.Notification notification = null;
        int fsmEvent = 0;
        List<BmpTlv> tlvs = List.of();
        Bytes data = Bytes.EMPTY;
        switch (reason) {
            case BmpMessage.PeerDownNotification.LOCAL_NOTIFICATION,
                BmpMessage.PeerDownNotification.REMOTE_NOTIFICATION -> {
                final BgpMessage msg = bgp.decode(in, true, false, BgpSessionContext.noAddPath());
                if (!(msg instanceof BgpMessage.Notification found)) {
                    throw in.error("Peer Down carries BGP message type " + msg.type() + ", not NOTIFICATION");
                }
                notification = found;
            }
            case BmpMessage.PeerDownNotification.LOCAL_NO_NOTIFICATION -> fsmEvent = in.u16("FSM event code");
            case BmpMessage.PeerDownNotification.LOCAL_TLV -> tlvs = tlvs(in);
            case BmpMessage.PeerDownNotification.REMOTE_NO_DATA, BmpMessage.PeerDownNotification.PEER_DECONFIGURED -> {
                if (!v4) {
                    data = in.rest();
                }
            }
            default -> data = in.rest();
        }
        if (v4 && in.hasRemaining()) {
            tlvs = tlvs(in);
        }
        in.expectEnd("Peer Down");
        return new BmpMessage.PeerDownNotification(peer, reason, notification, fsmEvent, tlvs, data);
    }

    private BmpMessage peerUp(final WireReader in) throws BmpDecodeException {
        final PerPeerHeader peer = perPeer(in);
        final Bytes local = in.bytes(16, "local address");
        final InetAddress localAddress = PerPeerHeader.addressOf(peer.peerType(), peer.flags(), local.toArray());
        final int localPort = in.u16("local port");
        final int remotePort = in.u16("remote port");
        final BgpMessage.Open sent = open(in, "sent OPEN");
        final BgpMessage.Open received = open(in, "received OPEN");
        return new BmpMessage.PeerUpNotification(peer, localAddress, localPort, remotePort, sent, received,
            tlvs(in));
    }

    private BgpMessage.Open open(final WireReader in, final String what) throws BmpDecodeException {
        final int start = in.index();
        final BgpMessage msg = bgp.decode(in, true, false, BgpSessionContext.noAddPath());
        if (!(msg instanceof BgpMessage.Open found)) {
            throw in.errorAt(start, what + " is BGP message type " + msg.type());
        }
        return found;
    }

    private static List<BmpTlv> tlvs(final WireReader in) throws BmpDecodeException {
        final List<BmpTlv> out = new ArrayList<>();
        while (in.hasRemaining()) {
            final int type = in.u16("TLV type");
            final int len = in.u16("TLV length");
            out.add(new BmpTlv(type, in.bytes(len, "TLV " + type + " value")));
        }
        return out;
    }
}

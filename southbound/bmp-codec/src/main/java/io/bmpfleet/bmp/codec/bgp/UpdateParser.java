package io.bmpfleet.bmp.codec.bgp;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.netty.buffer.ByteBuf;

/**
 * Walks an UPDATE message body (RFC 4271 section 4.3, RFC 4760) and reports it to an {@link UpdateVisitor}
 * without allocating per route or per attribute. It validates the whole message (framing, attribute lengths,
 * every NLRI) before the first callback. An instance holds reusable views and is not thread-safe: use one per
 * thread or per session.
 */
public final class UpdateParser {
    private static final UpdateVisitor VALIDATE_ONLY = new UpdateVisitor() {
        @Override
        public void withdrawn(final PrefixView prefix) {
            // validation pass
        }

        @Override
        public void announced(final PrefixView prefix) {
            // validation pass
        }
    };

    private static final String PREFIX_TOO_LONG = "prefix length exceeds the address length";

    private final PrefixView prefix = new PrefixView();
    private final AttributeView attribute = new AttributeView();

    private ByteBuf buf;
    private int origin;
    // result of the last scan
    private int errorIndex;
    private int errorBits;
    private int zeroLengthCount;
    private boolean asPathFourByte;
    private boolean asPathSeen;
    private long asPathSizeFallbacks;

    /**
     * Parses an UPDATE body.
     *
     * @param buffer buffer
     * @param originIndex absolute index that error offsets count from (the start of the BMP message)
     * @param start absolute index of the body (after the 19-octet BGP header)
     * @param end absolute end index of the body
     * @param fourByteAs whether AS_PATH and AGGREGATOR use 4-octet AS numbers
     * @param adjRibOut whether the routes were sent to the peer (RFC 8671 O flag)
     * @param context Add-Path knowledge of the session
     * @param visitor receiver of the content
     * @throws BmpDecodeException if the UPDATE is malformed, or the visitor rejects it
     */
    public void parse(final ByteBuf buffer, final int originIndex, final int start, final int end,
            final boolean fourByteAs, final boolean adjRibOut, final BgpSessionContext context,
            final UpdateVisitor visitor) throws BmpDecodeException {
        this.buf = buffer;
        this.origin = originIndex;
        int pos = start;
        need(pos, end, 2, "withdrawn routes length");
        final int withdrawnLen = buf.getUnsignedShort(pos);
        pos += 2;
        need(pos, end, withdrawnLen, "withdrawn routes");
        final int withdrawnStart = pos;
        final int withdrawnEnd = pos + withdrawnLen;
        pos = withdrawnEnd;
        need(pos, end, 2, "total path attribute length");
        final int attrLen = buf.getUnsignedShort(pos);
        pos += 2;
        need(pos, end, attrLen, "path attributes");
        final int attrStart = pos;
        final int attrEnd = pos + attrLen;

        // Pass 1: attribute framing and lengths; find the multiprotocol attributes.
        asPathFourByte = fourByteAs;
        asPathSeen = false;
        int reachAfi = 0;
        int reachSafi = 0;
        int reachStart = -1;
        int reachEnd = -1;
        int unreachAfi = 0;
        int unreachSafi = 0;
        int unreachStart = -1;
        int unreachEnd = -1;
        pos = attrStart;
        while (pos < attrEnd) {
            need(pos, attrEnd, 3, "attribute header");
            final int flags = buf.getUnsignedByte(pos);
            final int type = buf.getUnsignedByte(pos + 1);
            final int len;
            final int valueStart;
            if ((flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0) {
                need(pos, attrEnd, 4, "attribute header");
                len = buf.getUnsignedShort(pos + 2);
                valueStart = pos + 4;
            } else {
                len = buf.getUnsignedByte(pos + 2);
                valueStart = pos + 3;
            }
            if (len > attrEnd - valueStart) {
                throw fail(pos, "attribute " + type + " value: need " + len + " bytes, " + (attrEnd - valueStart)
                    + " left");
            }
            checkAttribute(type, valueStart, len);
            if (type == PathAttribute.MP_REACH_NLRI) {
                if (reachStart >= 0) {
                    throw fail(pos, "duplicate MP_REACH_NLRI");
                }
                need(valueStart, valueStart + len, 5, "MP_REACH_NLRI header");
                reachAfi = buf.getUnsignedShort(valueStart);
                reachSafi = buf.getUnsignedByte(valueStart + 2);
                final int nhLen = buf.getUnsignedByte(valueStart + 3);
                need(valueStart + 4, valueStart + len, nhLen + 1, "MP_REACH_NLRI next hop");
                reachStart = valueStart + 4 + nhLen + 1;
                reachEnd = valueStart + len;
            } else if (type == PathAttribute.MP_UNREACH_NLRI) {
                if (unreachStart >= 0) {
                    throw fail(pos, "duplicate MP_UNREACH_NLRI");
                }
                need(valueStart, valueStart + len, 3, "MP_UNREACH_NLRI header");
                unreachAfi = buf.getUnsignedShort(valueStart);
                unreachSafi = buf.getUnsignedByte(valueStart + 2);
                unreachStart = valueStart + 3;
                unreachEnd = valueStart + len;
            }
            pos = valueStart + len;
        }

        // Pass 2: decide Add-Path per NLRI field and validate every route.
        final int v4 = AddressFamily.AFI_IPV4;
        final int uni = AddressFamily.SAFI_UNICAST;
        final boolean withdrawnAp = decide(context, v4, uni, withdrawnStart, withdrawnEnd, adjRibOut, true, false);
        final boolean unreachAp = unreachStart >= 0
            && decide(context, unreachAfi, unreachSafi, unreachStart, unreachEnd, adjRibOut, true, true);
        final boolean reachAp = reachStart >= 0
            && decide(context, reachAfi, reachSafi, reachStart, reachEnd, adjRibOut, false, true);
        final boolean nlriAp = decide(context, v4, uni, attrEnd, end, adjRibOut, false, false);

        // Pass 3: report.
        pos = attrStart;
        while (pos < attrEnd) {
            final int flags = buf.getUnsignedByte(pos);
            final int type = buf.getUnsignedByte(pos + 1);
            final boolean ext = (flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0;
            final int len = ext ? buf.getUnsignedShort(pos + 2) : buf.getUnsignedByte(pos + 2);
            final int valueStart = pos + (ext ? 4 : 3);
            attribute.set(buf, origin, flags, type, valueStart, len, asPathFourByte ? 4 : 2);
            visitor.attribute(attribute);
            pos = valueStart + len;
        }
        visitor.endOfAttributes();
        scanOrThrow(v4, uni, withdrawnStart, withdrawnEnd, withdrawnAp, true, false, visitor);
        if (unreachStart >= 0) {
            scanOrThrow(unreachAfi, unreachSafi, unreachStart, unreachEnd, unreachAp, true, true, visitor);
        }
        if (reachStart >= 0) {
            scanOrThrow(reachAfi, reachSafi, reachStart, reachEnd, reachAp, false, true, visitor);
        }
        scanOrThrow(v4, uni, attrEnd, end, nlriAp, false, false, visitor);
    }

    private boolean decide(final BgpSessionContext context, final int afi, final int safi, final int start,
            final int end, final boolean adjRibOut, final boolean withdrawn, final boolean mp)
            throws BmpDecodeException {
        if (start >= end) {
            return false;
        }
        final int known = context.addPath(afi, safi, adjRibOut);
        if (known != BgpSessionContext.UNKNOWN || !AddressFamily.isKnown(afi, safi)) {
            final boolean addPath = known == BgpSessionContext.YES;
            scanOrThrow(afi, safi, start, end, addPath, withdrawn, mp, VALIDATE_ONLY);
            return addPath;
        }
        // No Peer Up told us: try both encodings, prefer the one that parses cleanly and is plausible.
        final boolean plainOk = scan(afi, safi, start, end, false, withdrawn, mp, VALIDATE_ONLY) == null;
        final int plainZeros = zeroLengthCount;
        final int plainError = errorIndex;
        final String pathIdError = scan(afi, safi, start, end, true, withdrawn, mp, VALIDATE_ONLY);
        final boolean pathIdOk = pathIdError == null;
        if (!plainOk && !pathIdOk) {
            throw fail(plainError, "NLRI parse failed with and without Add-Path identifiers");
        }
        // A path identifier read as a prefix length typically shows up as a run of /0 prefixes.
        final boolean withPathId = pathIdOk && (!plainOk || zeroLengthCount < plainZeros);
        context.fallback().record(withPathId, plainOk && pathIdOk);
        return withPathId;
    }

    /**
     * Returns how many UPDATEs had a 2-octet AS_PATH although the BMP A flag said 4-octet (decoded as 2-octet).
     *
     * @return count
     */
    public long asPathSizeFallbacks() {
        return asPathSizeFallbacks;
    }

    private void scanOrThrow(final int afi, final int safi, final int start, final int end, final boolean addPath,
            final boolean withdrawn, final boolean mp, final UpdateVisitor visitor) throws BmpDecodeException {
        final String error = scan(afi, safi, start, end, addPath, withdrawn, mp, visitor);
        if (error != null) {
            throw fail(errorIndex, PREFIX_TOO_LONG.equals(error)
                ? "prefix length " + errorBits + " exceeds " + AddressFamily.addressBits(afi) : error);
        }
    }

    /**
     * Walks one NLRI field. Returns null on success, else the reason with {@link #errorIndex} set.
     */
    @SuppressWarnings("checkstyle:CyclomaticComplexity")
    private String scan(final int afi, final int safi, final int start, final int end, final boolean addPath,
            final boolean withdrawn, final boolean mp, final UpdateVisitor visitor) throws BmpDecodeException {
        zeroLengthCount = 0;
        if (start >= end) {
            return null;
        }
        final PrefixView pv = prefix;
        if (!AddressFamily.isKnown(afi, safi)) {
            pv.reset(buf, afi, safi, mp);
            pv.setValue(-1, start, end - start, true);
            report(visitor, withdrawn, pv);
            return null;
        }
        final boolean evpn = safi == AddressFamily.SAFI_EVPN;
        final boolean labeled = safi == AddressFamily.SAFI_LABELED_UNICAST || safi == AddressFamily.SAFI_VPN;
        final boolean vpn = safi == AddressFamily.SAFI_VPN;
        final int maxBits = AddressFamily.addressBits(afi);
        int pos = start;
        while (pos < end) {
            pv.reset(buf, afi, safi, mp);
            if (addPath) {
                if (end - pos < 4) {
                    return error(pos, "truncated path identifier");
                }
                pv.setPathId(buf.getUnsignedInt(pos));
                pos += 4;
            }
            if (evpn) {
                if (end - pos < 2) {
                    return error(pos, "truncated EVPN route header");
                }
                final int routeType = buf.getUnsignedByte(pos);
                final int len = buf.getUnsignedByte(pos + 1);
                if (end - pos - 2 < len) {
                    return error(pos, "truncated EVPN route");
                }
                final String bad = Nlri.EvpnRoute.validate(routeType, buf, pos + 2, len);
                if (bad != null) {
                    return error(pos, bad);
                }
                pv.setValue(routeType, pos + 2, len, false);
                if (routeType >= 1 && routeType <= 5) {
                    pv.setRd(buf.getLong(pos + 2));
                }
                pos += 2 + len;
                report(visitor, withdrawn, pv);
                continue;
            }
            if (end - pos < 1) {
                return error(pos, "truncated prefix length");
            }
            int bits = buf.getUnsignedByte(pos++);
            if (labeled) {
                while (true) {
                    if (bits < 24 || end - pos < 3) {
                        return error(pos, "truncated label stack");
                    }
                    if (pv.labelCount() == PrefixView.MAX_LABELS) {
                        return error(pos, "label stack too deep");
                    }
                    final int label = buf.getUnsignedMedium(pos);
                    pv.addLabel(label);
                    pos += 3;
                    bits -= 24;
                    // RFC 8277 section 2: bottom of stack, or the withdrawal label 0x800000 / 0x000000.
                    if ((label & 1) != 0 || label == 0x800000 || label == 0) {
                        break;
                    }
                }
            }
            if (vpn) {
                if (bits < 64 || end - pos < 8) {
                    return error(pos, "truncated route distinguisher");
                }
                pv.setRd(buf.getLong(pos));
                pos += 8;
                bits -= 64;
            }
            if (bits > maxBits) {
                // A constant reason: the fallback tries encodings that fail here, and must not allocate text.
                errorBits = bits;
                return error(pos - 1, PREFIX_TOO_LONG);
            }
            final int bytes = (bits + 7) >>> 3;
            if (end - pos < bytes) {
                return error(pos, "truncated prefix");
            }
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < bytes; i++) {
                final long octet = buf.getUnsignedByte(pos + i);
                if (i < 8) {
                    hi |= octet << (56 - 8 * i);
                } else {
                    lo |= octet << (56 - 8 * (i - 8));
                }
            }
            if (bits == 0) {
                zeroLengthCount++;
            }
            pv.setAddress(bits, pos, bytes, hi, lo);
            pos += bytes;
            report(visitor, withdrawn, pv);
        }
        return null;
    }

    private static void report(final UpdateVisitor visitor, final boolean withdrawn, final PrefixView pv)
            throws BmpDecodeException {
        if (withdrawn) {
            visitor.withdrawn(pv);
        } else {
            visitor.announced(pv);
        }
    }

    private String error(final int index, final String reason) {
        errorIndex = index;
        return reason;
    }

    /**
     * Checks the length of the attribute types with a fixed layout (RFC 7606 section 7), and the segment
     * structure of AS_PATH and AS4_PATH.
     */
    private void checkAttribute(final int type, final int start, final int len) throws BmpDecodeException {
        final boolean ok = switch (type) {
            case PathAttribute.ORIGIN -> len == 1;
            case PathAttribute.NEXT_HOP, PathAttribute.MULTI_EXIT_DISC, PathAttribute.LOCAL_PREF,
                PathAttribute.ORIGINATOR_ID -> len == 4;
            case PathAttribute.ATOMIC_AGGREGATE -> len == 0;
            // RFC 6793: the length tells the AS size
            case PathAttribute.AGGREGATOR -> len == 8 || len == 6;
            case PathAttribute.AS4_AGGREGATOR -> len == 8;
            case PathAttribute.COMMUNITIES, PathAttribute.CLUSTER_LIST -> len % 4 == 0;
            case PathAttribute.EXTENDED_COMMUNITIES -> len % 8 == 0;
            case PathAttribute.LARGE_COMMUNITY -> len % 12 == 0;
            case PathAttribute.AS_PATH -> {
                // Every AS_PATH of the UPDATE is checked with the AS size it will be decoded with.
                final boolean first = !asPathSeen;
                asPathSeen = true;
                if (checkAsPath(start, len, asPathFourByte ? 4 : 2)) {
                    yield true;
                }
                // Some speakers (old FRR) send 2-octet AS_PATH without the A flag: fall back, and count it. Only
                // on the first AS_PATH: a repeated one was checked as 4-octet already (found by fuzzing).
                if (asPathFourByte && first && checkAsPath(start, len, 2)) {
                    asPathFourByte = false;
                    asPathSizeFallbacks++;
                    yield true;
                }
                yield false;
            }
            case PathAttribute.AS4_PATH -> checkAsPath(start, len, 4);
            default -> true;
        };
        if (!ok) {
            throw fail(start, "attribute " + type + " has bad length " + len);
        }
    }

    private boolean checkAsPath(final int start, final int len, final int asSize) {
        int pos = start;
        final int end = start + len;
        while (pos < end) {
            if (end - pos < 2) {
                return false;
            }
            final int segType = buf.getUnsignedByte(pos);
            final int count = buf.getUnsignedByte(pos + 1);
            if (segType < 1 || segType > 4 || end - pos - 2 < count * asSize) {
                return false;
            }
            pos += 2 + count * asSize;
        }
        return true;
    }

    private void need(final int pos, final int end, final int count, final String what) throws BmpDecodeException {
        if (count > end - pos) {
            throw fail(pos, what + ": need " + count + " bytes, " + (end - pos) + " left");
        }
    }

    private BmpDecodeException fail(final int index, final String reason) {
        return new BmpDecodeException(index - origin, reason);
    }
}

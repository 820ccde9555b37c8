package io.bmpfleet.bmp.codec.bgp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Encodes {@link BgpMessage} objects into wire format. Routes carry a path identifier on the wire exactly when
 * their {@link Nlri#pathId()} is not {@link Nlri#NO_PATH_ID}. Attribute flags are the canonical ones of each type;
 * the extended length bit is set when the value exceeds 255 bytes.
 */
public final class BgpEncoder {
    private BgpEncoder() {
        // static methods only
    }

    /**
     * Writes one BGP message.
     *
     * @param message message
     * @param out destination
     * @param fourByteAs whether AS_PATH and AGGREGATOR use 4-octet AS numbers
     */
    public static void encode(final BgpMessage message, final ByteBuf out, final boolean fourByteAs) {
        final int start = out.writerIndex();
        for (int i = 0; i < 16; i++) {
            out.writeByte(0xFF);
        }
        out.writeShort(0);
        out.writeByte(message.type());
        if (message instanceof BgpMessage.Open open) {
            encodeOpen(open, out);
        } else if (message instanceof BgpMessage.Update update) {
            encodeUpdate(update, out, fourByteAs);
        } else if (message instanceof BgpMessage.Notification notification) {
            out.writeByte(notification.code());
            out.writeByte(notification.subcode());
            notification.data().writeTo(out);
        } else if (message instanceof BgpMessage.Keepalive) {
            // header only
        } else if (message instanceof BgpMessage.RouteRefresh refresh) {
            out.writeShort(refresh.afi());
            out.writeByte(refresh.subtype());
            out.writeByte(refresh.safi());
        } else if (message instanceof BgpMessage.Unknown unknown) {
            unknown.body().writeTo(out);
        }
        final int length = out.writerIndex() - start;
        if (length > BgpDecoder.MAX_LENGTH) {
            throw new IllegalArgumentException("BGP message of " + length + " bytes exceeds 65535");
        }
        out.setShort(start + 16, length);
    }

    private static void encodeOpen(final BgpMessage.Open open, final ByteBuf out) {
        out.writeByte(open.version());
        out.writeShort(open.myAs());
        out.writeShort(open.holdTime());
        out.writeInt((int) open.bgpId());
        final int lenIndex = out.writerIndex();
        out.writeByte(0);
        final int paramsStart = out.writerIndex();
        if (!open.capabilities().isEmpty()) {
            out.writeByte(2);
            final int capLenIndex = out.writerIndex();
            out.writeByte(0);
            for (Capability cap : open.capabilities()) {
                encodeCapability(cap, out);
            }
            out.setByte(capLenIndex, out.writerIndex() - capLenIndex - 1);
        }
        for (BgpMessage.OptionalParameter param : open.otherParameters()) {
            out.writeByte(param.type());
            out.writeByte(param.value().length());
            param.value().writeTo(out);
        }
        out.setByte(lenIndex, out.writerIndex() - paramsStart);
    }

    private static void encodeCapability(final Capability cap, final ByteBuf out) {
        out.writeByte(cap.code());
        final int lenIndex = out.writerIndex();
        out.writeByte(0);
        if (cap instanceof Capability.Multiprotocol mp) {
            out.writeShort(mp.afi());
            out.writeByte(0);
            out.writeByte(mp.safi());
        } else if (cap instanceof Capability.RouteRefresh) {
            // no value
        } else if (cap instanceof Capability.ExtendedMessage) {
            // no value
        } else if (cap instanceof Capability.GracefulRestart gr) {
            out.writeShort(gr.flags() << 12 | gr.restartTime() & 0xFFF);
            for (Capability.GracefulRestartFamily fam : gr.families()) {
                out.writeShort(fam.afi());
                out.writeByte(fam.safi());
                out.writeByte(fam.flags());
            }
        } else if (cap instanceof Capability.FourOctetAs four) {
            out.writeInt((int) four.asNumber());
        } else if (cap instanceof Capability.AddPath ap) {
            for (Capability.AddPathFamily fam : ap.families()) {
                out.writeShort(fam.afi());
                out.writeByte(fam.safi());
                out.writeByte(fam.sendReceive());
            }
        } else if (cap instanceof Capability.Unknown unknown) {
            unknown.value().writeTo(out);
        }
        out.setByte(lenIndex, out.writerIndex() - lenIndex - 1);
    }

    private static void encodeUpdate(final BgpMessage.Update update, final ByteBuf out, final boolean fourByteAs) {
        final int wlIndex = out.writerIndex();
        out.writeShort(0);
        encodeNlri(update.withdrawn(), out);
        out.setShort(wlIndex, out.writerIndex() - wlIndex - 2);
        final int alIndex = out.writerIndex();
        out.writeShort(0);
        for (PathAttribute attr : update.attributes()) {
            encodeAttribute(attr, out, fourByteAs);
        }
        out.setShort(alIndex, out.writerIndex() - alIndex - 2);
        encodeNlri(update.nlri(), out);
    }

    private static int canonicalFlags(final PathAttribute attr) {
        return switch (attr.typeCode()) {
            case PathAttribute.ORIGIN, PathAttribute.AS_PATH, PathAttribute.NEXT_HOP, PathAttribute.LOCAL_PREF,
                PathAttribute.ATOMIC_AGGREGATE -> PathAttribute.FLAG_TRANSITIVE;
            case PathAttribute.MULTI_EXIT_DISC, PathAttribute.ORIGINATOR_ID, PathAttribute.CLUSTER_LIST,
                PathAttribute.MP_REACH_NLRI, PathAttribute.MP_UNREACH_NLRI -> PathAttribute.FLAG_OPTIONAL;
            default -> PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE;
        };
    }

    /**
     * Writes one path attribute.
     *
     * @param attr attribute
     * @param out destination
     * @param fourByteAs whether AS_PATH and AGGREGATOR use 4-octet AS numbers
     */
    public static void encodeAttribute(final PathAttribute attr, final ByteBuf out, final boolean fourByteAs) {
        final int flagsIndex = out.writerIndex();
        final int flags = attr instanceof PathAttribute.Unknown unknown ? unknown.flags()
            & ~PathAttribute.FLAG_EXTENDED_LENGTH : canonicalFlags(attr);
        out.writeByte(flags | PathAttribute.FLAG_EXTENDED_LENGTH);
        out.writeByte(attr.typeCode());
        out.writeShort(0);
        final int valueStart = out.writerIndex();
        if (attr instanceof PathAttribute.Origin origin) {
            out.writeByte(origin.value());
        } else if (attr instanceof PathAttribute.AsPath path) {
            encodeSegments(path.segments(), out, fourByteAs);
        } else if (attr instanceof PathAttribute.NextHop nh) {
            nh.address().writeTo(out);
        } else if (attr instanceof PathAttribute.MultiExitDisc med) {
            out.writeInt((int) med.value());
        } else if (attr instanceof PathAttribute.LocalPref lp) {
            out.writeInt((int) lp.value());
        } else if (attr instanceof PathAttribute.AtomicAggregate) {
            // no value
        } else if (attr instanceof PathAttribute.Aggregator agg) {
            writeAs(out, agg.asNumber(), fourByteAs);
            agg.address().writeTo(out);
        } else if (attr instanceof PathAttribute.Communities comms) {
            comms.communities().forEach(c -> out.writeInt(c.intValue()));
        } else if (attr instanceof PathAttribute.OriginatorId oid) {
            out.writeInt((int) oid.value());
        } else if (attr instanceof PathAttribute.ClusterList cl) {
            cl.clusterIds().forEach(c -> out.writeInt(c.intValue()));
        } else if (attr instanceof PathAttribute.MpReach reach) {
            out.writeShort(reach.afi());
            out.writeByte(reach.safi());
            out.writeByte(reach.nextHop().length());
            reach.nextHop().writeTo(out);
            out.writeByte(0);
            encodeNlri(reach.nlri(), out);
        } else if (attr instanceof PathAttribute.MpUnreach unreach) {
            out.writeShort(unreach.afi());
            out.writeByte(unreach.safi());
            encodeNlri(unreach.withdrawn(), out);
        } else if (attr instanceof PathAttribute.ExtendedCommunities ext) {
            ext.communities().forEach(out::writeLong);
        } else if (attr instanceof PathAttribute.As4Path path) {
            encodeSegments(path.segments(), out, true);
        } else if (attr instanceof PathAttribute.As4Aggregator agg) {
            out.writeInt((int) agg.asNumber());
            agg.address().writeTo(out);
        } else if (attr instanceof PathAttribute.LargeCommunities large) {
            for (PathAttribute.LargeCommunity lc : large.communities()) {
                out.writeInt((int) lc.globalAdmin());
                out.writeInt((int) lc.localData1());
                out.writeInt((int) lc.localData2());
            }
        } else if (attr instanceof PathAttribute.Unknown unknown) {
            unknown.value().writeTo(out);
        }
        final int len = out.writerIndex() - valueStart;
        if (len <= 255) {
            // Shrink to the one-octet length form.
            out.setByte(flagsIndex, flags);
            out.setByte(flagsIndex + 2, len);
            out.setBytes(flagsIndex + 3, out, valueStart, len);
            out.writerIndex(flagsIndex + 3 + len);
        } else {
            out.setShort(flagsIndex + 2, len);
        }
    }

    private static void writeAs(final ByteBuf out, final long asNumber, final boolean fourByteAs) {
        if (fourByteAs) {
            out.writeInt((int) asNumber);
        } else {
            out.writeShort((int) asNumber);
        }
    }

    private static void encodeSegments(final List<PathAttribute.AsPathSegment> segments, final ByteBuf out,
            final boolean fourByteAs) {
        for (PathAttribute.AsPathSegment seg : segments) {
            out.writeByte(seg.type());
            out.writeByte(seg.asns().size());
            for (Long asn : seg.asns()) {
                writeAs(out, asn, fourByteAs);
            }
        }
    }

    /**
     * Writes routes of one NLRI field.
     *
     * @param routes routes
     * @param out destination
     */
    public static void encodeNlri(final List<Nlri> routes, final ByteBuf out) {
        for (Nlri route : routes) {
            if (route.pathId() != Nlri.NO_PATH_ID) {
                out.writeInt((int) route.pathId());
            }
            if (route instanceof Nlri.Prefix prefix) {
                final int extra = prefix.labels().size() * 24 + (prefix.rd() != null ? 64 : 0);
                out.writeByte(prefix.length() + extra);
                for (Integer label : prefix.labels()) {
                    out.writeMedium(label);
                }
                if (prefix.rd() != null) {
                    out.writeLong(prefix.rd().value());
                }
                final int bytes = (prefix.length() + 7) / 8;
                for (int i = 0; i < bytes; i++) {
                    out.writeByte(prefix.address().get(i));
                }
            } else if (route instanceof Nlri.EvpnRoute evpn) {
                out.writeByte(evpn.routeType());
                out.writeByte(evpn.value().length());
                evpn.value().writeTo(out);
            } else if (route instanceof Nlri.RawNlri raw) {
                raw.value().writeTo(out);
            }
        }
    }
}

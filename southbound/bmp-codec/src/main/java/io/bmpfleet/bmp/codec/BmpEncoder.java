package io.bmpfleet.bmp.codec;

import io.bmpfleet.bmp.codec.bgp.BgpEncoder;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Encodes {@link BmpMessage} objects into wire format, the inverse of {@link BmpDecoder}. A Route Monitoring
 * message with indexed TLVs is written as BMP version 4 (BGP PDU TLV first), everything else as version 3, with
 * TLVs without index after the UPDATE.
 */
public final class BmpEncoder {
    private BmpEncoder() {
        // static methods only
    }

    /**
     * Writes one BMP message.
     *
     * @param message message
     * @param out destination
     */
    /**
     * Encodes one message into a new byte array (tests, tools, simulated routers).
     *
     * @param message the message
     * @return its bytes on the wire
     */
    public static byte[] encode(final BmpMessage message) {
        final ByteBuf out = Unpooled.buffer();
        try {
            encode(message, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    public static void encode(final BmpMessage message, final ByteBuf out) {
        final int start = out.writerIndex();
        final boolean v4 = isVersion4(message);
        out.writeByte(v4 ? 4 : 3);
        out.writeInt(0);
        out.writeByte(message.type());
        if (message instanceof BmpMessage.RouteMonitoring rm) {
            rm.peer().encode(out);
            if (v4) {
                out.writeShort(BmpTlv.V4_BGP_PDU);
                final int lenIndex = out.writerIndex();
                out.writeShort(0);
                out.writeShort(0);
                BgpEncoder.encode(rm.update(), out, rm.peer().fourByteAs());
                out.setShort(lenIndex, out.writerIndex() - lenIndex - 4);
                for (BmpTlv tlv : rm.tlvs()) {
                    out.writeShort(tlv.type());
                    out.writeShort(tlv.value().length());
                    out.writeShort(tlv.index() == BmpTlv.NO_INDEX ? 0 : tlv.index());
                    tlv.value().writeTo(out);
                }
            } else {
                BgpEncoder.encode(rm.update(), out, rm.peer().fourByteAs());
                encodeTlvs(rm.tlvs(), out);
            }
        } else if (message instanceof BmpMessage.StatisticsReport stats) {
            stats.peer().encode(out);
            out.writeInt(stats.stats().size());
            for (Stat stat : stats.stats()) {
                encodeStat(stat, out);
            }
            encodeTlvs(stats.tlvs(), out);
        } else if (message instanceof BmpMessage.PeerDownNotification down) {
            down.peer().encode(out);
            out.writeByte(down.reason());
            if (down.notification() != null) {
                BgpEncoder.encode(down.notification(), out, true);
            } else if (down.reason() == BmpMessage.PeerDownNotification.LOCAL_NO_NOTIFICATION) {
                out.writeShort(down.fsmEventCode());
            } else if (down.reason() != BmpMessage.PeerDownNotification.LOCAL_TLV) {
                down.data().writeTo(out);
            }
            encodeTlvs(down.tlvs(), out);
        } else if (message instanceof BmpMessage.PeerUpNotification up) {
            up.peer().encode(out);
            PerPeerHeader.writeAddress(out, up.localAddress(), up.peer().ipv6());
            out.writeShort(up.localPort());
            out.writeShort(up.remotePort());
            BgpEncoder.encode(up.sentOpen(), out, true);
            BgpEncoder.encode(up.receivedOpen(), out, true);
            encodeTlvs(up.tlvs(), out);
        } else if (message instanceof BmpMessage.InitiationMessage init) {
            encodeTlvs(init.tlvs(), out);
        } else if (message instanceof BmpMessage.TerminationMessage term) {
            encodeTlvs(term.tlvs(), out);
        } else if (message instanceof BmpMessage.RouteMirroring mirror) {
            mirror.peer().encode(out);
            encodeTlvs(mirror.tlvs(), out);
        } else if (message instanceof BmpMessage.UnknownMessage unknown) {
            unknown.body().writeTo(out);
        }
        out.setInt(start + 1, out.writerIndex() - start);
    }

    /**
     * Tells whether a message needs BMP version 4: TLVs where version 3 has none.
     */
    private static boolean isVersion4(final BmpMessage message) {
        if (message instanceof BmpMessage.RouteMonitoring rm) {
            return rm.tlvs().stream().anyMatch(tlv -> tlv.index() != BmpTlv.NO_INDEX);
        }
        if (message instanceof BmpMessage.StatisticsReport stats) {
            return !stats.tlvs().isEmpty();
        }
        if (message instanceof BmpMessage.PeerDownNotification down) {
            return !down.tlvs().isEmpty() && down.reason() != BmpMessage.PeerDownNotification.LOCAL_TLV;
        }
        return false;
    }

    private static void encodeStat(final Stat stat, final ByteBuf out) {
        out.writeShort(stat.type());
        if (stat instanceof Stat.Counter counter) {
            out.writeShort(4);
            out.writeInt((int) counter.value());
        } else if (stat instanceof Stat.Gauge gauge) {
            out.writeShort(8);
            out.writeLong(gauge.value());
        } else if (stat instanceof Stat.AfiSafiGauge gauge) {
            out.writeShort(11);
            out.writeShort(gauge.afi());
            out.writeByte(gauge.safi());
            out.writeLong(gauge.value());
        } else if (stat instanceof Stat.Raw raw) {
            out.writeShort(raw.value().length());
            raw.value().writeTo(out);
        }
    }

    private static void encodeTlvs(final List<BmpTlv> tlvs, final ByteBuf out) {
        for (BmpTlv tlv : tlvs) {
            out.writeShort(tlv.type());
            out.writeShort(tlv.value().length());
            tlv.value().writeTo(out);
        }
    }

    /**
     * Writes a BGP message with the given AS size (a convenience for tests and load generators).
     *
     * @param message BGP message
     * @param out destination
     * @param fourByteAs whether to use 4-octet AS numbers
     */
    public static void encodeBgp(final BgpMessage message, final ByteBuf out, final boolean fourByteAs) {
        BgpEncoder.encode(message, out, fourByteAs);
    }
}

package io.bmpfleet.bmp.codec.pcap;

import java.nio.ByteBuffer;

/**
 * Takes the TCP segment out of a captured packet: link layers Ethernet (1, with VLAN tags), BSD loopback (0),
 * raw IP (101, 228, 229), Linux cooked SLL (113) and SLL2 (276); IPv4 and IPv6 (skipping extension headers);
 * TCP. Fragmented IP packets are not reassembled and count as skipped.
 */
public final class PacketDecoder {
    public static final int LINKTYPE_NULL = 0;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_IPV6 = 229;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    private long skipped;

    /**
     * Returns how many packets were not TCP over IP or could not be decoded.
     *
     * @return count
     */
    public long skipped() {
        return skipped;
    }

    /**
     * Decodes a packet.
     *
     * @param packet captured packet
     * @return the TCP segment, or null (counted in {@link #skipped()})
     */
    public TcpSegment decode(final PcapReader.Packet packet) {
        final TcpSegment seg = tcp(packet);
        if (seg == null) {
            skipped++;
        }
        return seg;
    }

    private static TcpSegment tcp(final PcapReader.Packet packet) {
        final ByteBuffer buf = packet.data();
        final int len = buf.limit();
        int pos;
        int etherType;
        switch (packet.linkType()) {
            case LINKTYPE_ETHERNET -> {
                if (len < 14) {
                    return null;
                }
                etherType = buf.getShort(12) & 0xFFFF;
                pos = 14;
                while ((etherType == 0x8100 || etherType == 0x88A8) && len - pos >= 4) {
                    etherType = buf.getShort(pos + 2) & 0xFFFF;
                    pos += 4;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                if (len < 16) {
                    return null;
                }
                etherType = buf.getShort(14) & 0xFFFF;
                pos = 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (len < 20) {
                    return null;
                }
                etherType = buf.getShort(0) & 0xFFFF;
                pos = 20;
            }
            case LINKTYPE_NULL -> {
                if (len < 4) {
                    return null;
                }
                etherType = 0;
                pos = 4;
            }
            case LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6 -> {
                etherType = 0;
                pos = 0;
            }
            default -> {
                return null;
            }
        }
        if (len - pos < 1) {
            return null;
        }
        if (etherType == 0) {
            final int version = (buf.get(pos) & 0xFF) >>> 4;
            etherType = version == 4 ? 0x0800 : version == 6 ? 0x86DD : -1;
        }
        if (etherType == 0x0800) {
            return ipv4(buf, pos, packet.timestampMicros());
        }
        if (etherType == 0x86DD) {
            return ipv6(buf, pos, packet.timestampMicros());
        }
        return null;
    }

    private static TcpSegment ipv4(final ByteBuffer buf, final int start, final long ts) {
        if (buf.limit() - start < 20) {
            return null;
        }
        final int ihl = (buf.get(start) & 0x0F) * 4;
        final int total = buf.getShort(start + 2) & 0xFFFF;
        final int fragment = buf.getShort(start + 6) & 0x3FFF;
        final int proto = buf.get(start + 9) & 0xFF;
        if (ihl < 20 || proto != 6 || fragment != 0) {
            return null;
        }
        // Ethernet padding may follow a short packet; a TSO capture may show total length 0.
        final int end = total >= ihl ? Math.min(buf.limit(), start + total) : buf.limit();
        final byte[] src = new byte[4];
        final byte[] dst = new byte[4];
        buf.get(start + 12, src);
        buf.get(start + 16, dst);
        return tcpHeader(buf, start + ihl, end, src, dst, ts);
    }

    private static TcpSegment ipv6(final ByteBuffer buf, final int start, final long ts) {
        if (buf.limit() - start < 40) {
            return null;
        }
        final int payloadLen = buf.getShort(start + 4) & 0xFFFF;
        int next = buf.get(start + 6) & 0xFF;
        final byte[] src = new byte[16];
        final byte[] dst = new byte[16];
        buf.get(start + 8, src);
        buf.get(start + 24, dst);
        final int end = payloadLen == 0 ? buf.limit() : Math.min(buf.limit(), start + 40 + payloadLen);
        int pos = start + 40;
        while (next != 6) {
            if (end - pos < 8) {
                return null;
            }
            switch (next) {
                case 0, 43, 60 -> {
                    next = buf.get(pos) & 0xFF;
                    pos += ((buf.get(pos + 1) & 0xFF) + 1) * 8;
                }
                case 51 -> {
                    next = buf.get(pos) & 0xFF;
                    pos += ((buf.get(pos + 1) & 0xFF) + 2) * 4;
                }
                default -> {
                    // 44 (fragment) and anything else: not handled
                    return null;
                }
            }
        }
        return tcpHeader(buf, pos, end, src, dst, ts);
    }

    private static TcpSegment tcpHeader(final ByteBuffer buf, final int start, final int end, final byte[] src,
            final byte[] dst, final long ts) {
        if (end - start < 20) {
            return null;
        }
        final int srcPort = buf.getShort(start) & 0xFFFF;
        final int dstPort = buf.getShort(start + 2) & 0xFFFF;
        final int seq = buf.getInt(start + 4);
        final int dataOffset = ((buf.get(start + 12) & 0xFF) >>> 4) * 4;
        final int flags = buf.get(start + 13) & 0xFF;
        if (dataOffset < 20 || dataOffset > end - start) {
            return null;
        }
        final ByteBuffer payload = buf.duplicate().position(start + dataOffset).limit(end).slice();
        return new TcpSegment(src, srcPort, dst, dstPort, seq, flags, payload, ts);
    }
}

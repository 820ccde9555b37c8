package io.bmpfleet.bmp.codec.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.Vectors;
import io.bmpfleet.bmp.codec.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Synthetic captures: every file format and link type, IPv4 and IPv6 (with an extension header), TCP segments out
 * of order, retransmitted and overlapping, and a stream that starts mid-message.
 */
class CaptureReaderTest {
    private static final byte[] STREAM = Bytes.fromHex(Wire.hex(Vectors.all().get("initiation"),
        Vectors.all().get("peer-up"), Vectors.RM_ALL_ATTRIBUTES, Vectors.all().get("stats"))).toArray();
    private static final int FIRST_LENGTH = Bytes.fromHex(Vectors.all().get("initiation")).length();

    /** One TCP segment to put in the capture. */
    record Seg(int offset, int length, int flags) {
    }

    @ParameterizedTest(name = "{0} link {1} ipv6 {2}")
    @CsvSource({
        "pcap-be-micros, 1, false", "pcap-le-micros, 1, true", "pcap-be-nanos, 113, false",
        "pcap-le-nanos, 276, true", "pcap-le-micros, 101, false", "pcap-be-micros, 101, true",
        "pcapng-le, 1, false", "pcapng-be, 276, true", "pcapng-le, 113, true", "pcap-le-micros, 0, false"})
    void reassemblesOutOfOrderAndRetransmittedSegments(final String format, final int linkType, final boolean ipv6)
            throws Exception {
        final List<Seg> segs = new ArrayList<>();
        segs.add(new Seg(0, 0, 0x02));               // SYN
        segs.add(new Seg(0, 20, 0x18));
        segs.add(new Seg(50, 60, 0x18));              // out of order
        segs.add(new Seg(20, 30, 0x18));              // fills the hole
        segs.add(new Seg(20, 30, 0x18));              // retransmission
        segs.add(new Seg(100, 100, 0x18));            // overlaps 100..110
        segs.add(new Seg(200, STREAM.length - 200, 0x19));
        final byte[] file = capture(format, linkType, ipv6, segs, 0);
        final List<String> frames = new ArrayList<>();
        final CaptureReader reader = new CaptureReader();
        reader.readCapture(file, (stream, router, frame, ts) -> frames.add(Wire.toHex(frame)));
        assertThat(frames).containsExactly(Vectors.all().get("initiation"), Vectors.all().get("peer-up"),
            Vectors.RM_ALL_ATTRIBUTES, Vectors.all().get("stats"));
        assertThat(reader.skippedBytes()).isZero();
        assertThat(reader.duplicateBytes()).isEqualTo(30 + 10);
        assertThat(reader.packets()).isEqualTo(segs.size() + 1);
        assertThat(reader.skippedPackets()).isEqualTo(1);   // the UDP packet
    }

    @Test
    void streamStartingMidMessageIsResynchronised() throws Exception {
        final int start = 10;
        final List<Seg> segs = List.of(new Seg(start, 100, 0x18), new Seg(start + 100, STREAM.length - start - 100,
            0x18));
        final byte[] file = capture("pcap-le-micros", 1, false, segs, 0);
        final List<String> frames = new ArrayList<>();
        final CaptureReader reader = new CaptureReader();
        reader.readCapture(file, (stream, router, frame, ts) -> frames.add(Wire.toHex(frame)));
        assertThat(frames).containsExactly(Vectors.all().get("peer-up"), Vectors.RM_ALL_ATTRIBUTES,
            Vectors.all().get("stats"));
        assertThat(reader.skippedBytes()).isEqualTo(FIRST_LENGTH - start);
    }

    @Test
    void gapInTheCaptureIsSkippedAndCounted() throws Exception {
        // the peer-up message is missing from the capture
        final int peerUpEnd = FIRST_LENGTH + Bytes.fromHex(Vectors.all().get("peer-up")).length();
        final List<Seg> segs = List.of(new Seg(0, FIRST_LENGTH + 5, 0x18),
            new Seg(peerUpEnd, STREAM.length - peerUpEnd, 0x18));
        final byte[] file = capture("pcap-le-micros", 1, false, segs, 0);
        final List<String> frames = new ArrayList<>();
        final CaptureReader reader = new CaptureReader();
        reader.readCapture(file, (stream, router, frame, ts) -> frames.add(Wire.toHex(frame)));
        assertThat(frames).containsExactly(Vectors.all().get("initiation"), Vectors.RM_ALL_ATTRIBUTES,
            Vectors.all().get("stats"));
        assertThat(reader.gapBytes()).isEqualTo(peerUpEnd - FIRST_LENGTH - 5);
        assertThat(reader.skippedBytes()).isEqualTo(5);
    }

    @Test
    void rawStreamFile() {
        final List<String> frames = new ArrayList<>();
        final byte[] withGarbage = new byte[STREAM.length + 3];
        System.arraycopy(STREAM, 0, withGarbage, 3, STREAM.length);
        final CaptureReader reader = new CaptureReader();
        reader.readRaw(withGarbage, "file.bmp", (stream, router, frame, ts) -> frames.add(router));
        assertThat(frames).hasSize(4).allMatch("file.bmp"::equals);
        assertThat(reader.skippedBytes()).isEqualTo(3);
    }

    @Test
    void notACapture() {
        assertThat(PcapReader.isCapture(STREAM)).isFalse();
        assertThat(PcapReader.isCapture(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1})).isTrue();
    }

    @Test
    void truncatedCaptureEndsCleanly() throws Exception {
        final byte[] file = capture("pcap-le-micros", 1, false, List.of(new Seg(0, STREAM.length, 0x18)), 0);
        for (int cut = 24; cut < file.length; cut += 7) {
            final CaptureReader reader = new CaptureReader();
            reader.readCapture(java.util.Arrays.copyOf(file, cut), (stream, router, frame, ts) -> { });
            assertThat(reader.packets()).isLessThanOrEqualTo(2);
        }
    }

    // ---- building captures ----

    static byte[] capture(final String format, final int linkType, final boolean ipv6, final List<Seg> segs,
            final int isn) {
        final List<byte[]> packets = new ArrayList<>();
        for (Seg seg : segs) {
            final byte[] payload = java.util.Arrays.copyOfRange(STREAM, seg.offset(), seg.offset() + seg.length());
            final int seq = isn + seg.offset() + ((seg.flags() & 0x02) != 0 ? -1 : 0) + 1;
            packets.add(link(linkType, ipv6, ip(ipv6, 6, tcp(seq, seg.flags(), payload))));
        }
        packets.add(1, link(linkType, ipv6, ip(ipv6, 17, new byte[12])));
        final boolean little = format.contains("le");
        return format.startsWith("pcapng") ? pcapng(little, linkType, packets)
            : pcap(little, format.endsWith("nanos"), linkType, packets);
    }

    private static byte[] tcp(final int seq, final int flags, final byte[] payload) {
        final ByteBuffer buf = ByteBuffer.allocate(24 + payload.length);
        buf.putShort((short) 40000).putShort((short) 1790).putInt(seq).putInt(0);
        buf.put((byte) 0x60).put((byte) flags).putShort((short) 65535).putInt(0);
        buf.putInt(0x02040000 | 1460);                    // MSS option
        buf.put(payload);
        return buf.array();
    }

    private static byte[] ip(final boolean ipv6, final int proto, final byte[] payload) {
        if (!ipv6) {
            final ByteBuffer buf = ByteBuffer.allocate(20 + payload.length);
            buf.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putInt(0x40000000);
            buf.put((byte) 64).put((byte) proto).putShort((short) 0);
            buf.put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 100});
            return buf.put(payload).array();
        }
        // IPv6 with a hop-by-hop options header in front of the transport header
        final ByteBuffer buf = ByteBuffer.allocate(48 + payload.length);
        buf.putInt(0x60000000).putShort((short) (8 + payload.length)).put((byte) 0).put((byte) 64);
        buf.put(Bytes.fromHex(Vectors.ADDR_V6).toArray()).put(Bytes.fromHex("20010db8000000000000000000000064")
            .toArray());
        buf.put((byte) proto).put((byte) 0).put(new byte[] {1, 4, 0, 0, 0, 0});
        return buf.put(payload).array();
    }

    private static byte[] link(final int linkType, final boolean ipv6, final byte[] ip) {
        final int etherType = ipv6 ? 0x86DD : 0x0800;
        final ByteBuffer buf;
        switch (linkType) {
            case 1 -> {
                buf = ByteBuffer.allocate(18 + ip.length);
                buf.put(new byte[12]).putShort((short) 0x8100).putShort((short) 7).putShort((short) etherType);
            }
            case 113 -> {
                buf = ByteBuffer.allocate(16 + ip.length);
                buf.put(new byte[14]).putShort((short) etherType);
            }
            case 276 -> {
                buf = ByteBuffer.allocate(20 + ip.length);
                buf.putShort((short) etherType).put(new byte[18]);
            }
            case 0 -> {
                buf = ByteBuffer.allocate(4 + ip.length).order(ByteOrder.LITTLE_ENDIAN);
                buf.putInt(ipv6 ? 30 : 2);
            }
            default -> buf = ByteBuffer.allocate(ip.length);
        }
        return buf.put(ip).array();
    }

    private static byte[] pcap(final boolean little, final boolean nanos, final int linkType,
            final List<byte[]> packets) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteOrder order = little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        out.writeBytes(ByteBuffer.allocate(24).order(order).putInt(nanos ? PcapReader.MAGIC_NANOS
            : PcapReader.MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
            .putInt(linkType).array());
        int time = 0;
        for (byte[] packet : packets) {
            out.writeBytes(ByteBuffer.allocate(16).order(order).putInt(1_700_000_000).putInt(time++)
                .putInt(packet.length).putInt(packet.length).array());
            out.writeBytes(packet);
        }
        return out.toByteArray();
    }

    private static byte[] pcapng(final boolean little, final int linkType, final List<byte[]> packets) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteOrder order = little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        out.writeBytes(ByteBuffer.allocate(28).order(order).putInt(PcapReader.PCAPNG_SHB).putInt(28)
            .putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28).array());
        // interface description with if_tsresol = 9 (nanoseconds)
        out.writeBytes(ByteBuffer.allocate(28).order(order).putInt(1).putInt(28).putShort((short) linkType)
            .putShort((short) 0).putInt(65535).putShort((short) 9).putShort((short) 1).put((byte) 9)
            .put(new byte[3]).putInt(28).array());
        for (byte[] packet : packets) {
            final int padded = packet.length + 3 & ~3;
            final int total = 32 + padded;
            final ByteBuffer buf = ByteBuffer.allocate(total).order(order);
            buf.putInt(6).putInt(total).putInt(0).putInt(0).putInt(1000).putInt(packet.length)
                .putInt(packet.length).put(packet).position(28 + padded);
            buf.putInt(total);
            out.writeBytes(buf.array());
        }
        return out.toByteArray();
    }
}

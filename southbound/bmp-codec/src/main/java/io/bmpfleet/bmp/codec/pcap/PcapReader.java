package io.bmpfleet.bmp.codec.pcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the packets of a classic pcap file (either byte order, microsecond or nanosecond magic) or a pcapng file
 * (section header, interface description, enhanced and simple packet blocks). Truncated trailing records end the
 * iteration and are counted in {@link #truncated()}.
 */
public final class PcapReader {
    /** Classic pcap magic, microsecond timestamps. */
    public static final int MAGIC_MICROS = 0xA1B2C3D4;
    /** Classic pcap magic, nanosecond timestamps. */
    public static final int MAGIC_NANOS = 0xA1B23C4D;
    /** pcapng section header block type. */
    public static final int PCAPNG_SHB = 0x0A0D0D0A;

    /**
     * A captured packet.
     *
     * @param timestampMicros capture time, microseconds since the epoch
     * @param linkType link-layer header type (LINKTYPE_*)
     * @param data the captured bytes (a view of the file contents)
     */
    public record Packet(long timestampMicros, int linkType, ByteBuffer data) {
    }

    /**
     * Receives packets.
     */
    @FunctionalInterface
    public interface PacketHandler {
        /**
         * Handles one packet.
         *
         * @param packet the packet; its buffer is only valid during the call
         */
        void packet(Packet packet);
    }

    private int truncated;
    private ByteOrder currentOrder = ByteOrder.BIG_ENDIAN;

    /**
     * Tells whether the bytes start like a pcap or pcapng file.
     *
     * @param file file contents
     * @return true if a pcap or pcapng magic number is found
     */
    public static boolean isCapture(final byte[] file) {
        return isCapture(ByteBuffer.wrap(file));
    }

    /**
     * Tells whether the bytes start like a pcap or pcapng file.
     *
     * @param file file contents, from position 0
     * @return true if a pcap or pcapng magic number is found
     */
    public static boolean isCapture(final ByteBuffer file) {
        if (file.limit() < 4) {
            return false;
        }
        final int be = file.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(0);
        final int le = Integer.reverseBytes(be);
        return be == MAGIC_MICROS || be == MAGIC_NANOS || le == MAGIC_MICROS || le == MAGIC_NANOS
            || be == PCAPNG_SHB;
    }

    /**
     * Reads all packets of a capture.
     *
     * @param file file contents
     * @param handler receiver of packets
     * @throws CaptureFormatException if the file is not a capture
     */
    public void read(final byte[] file, final PacketHandler handler) throws CaptureFormatException {
        read(ByteBuffer.wrap(file), handler);
    }

    /**
     * Reads all packets of a capture held in a buffer (such as a memory-mapped file).
     *
     * @param file file contents, from position 0 to the limit
     * @param handler receiver of packets
     * @throws CaptureFormatException if the file is not a capture
     */
    public void read(final ByteBuffer file, final PacketHandler handler) throws CaptureFormatException {
        if (!isCapture(file)) {
            throw new CaptureFormatException("not a pcap or pcapng file");
        }
        final ByteBuffer buf = file.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (buf.getInt(0) == PCAPNG_SHB) {
            readPcapng(buf, handler);
        } else {
            readClassic(buf, handler);
        }
    }

    /**
     * Returns how many packets or blocks were cut short.
     *
     * @return count of truncated records
     */
    public int truncated() {
        return truncated;
    }

    private void readClassic(final ByteBuffer buf, final PacketHandler handler) throws CaptureFormatException {
        if (buf.limit() < 24) {
            throw new CaptureFormatException("pcap header truncated");
        }
        int magic = buf.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            buf.order(ByteOrder.LITTLE_ENDIAN);
            magic = buf.getInt(0);
        }
        final boolean nanos = magic == MAGIC_NANOS;
        final int linkType = buf.getInt(20) & 0x0FFFFFFF;
        int pos = 24;
        while (pos < buf.limit()) {
            if (buf.limit() - pos < 16) {
                truncated++;
                return;
            }
            final long sec = buf.getInt(pos) & 0xFFFFFFFFL;
            final long frac = buf.getInt(pos + 4) & 0xFFFFFFFFL;
            final long inclLen = buf.getInt(pos + 8) & 0xFFFFFFFFL;
            if (inclLen > buf.limit() - pos - 16) {
                truncated++;
                return;
            }
            final ByteBuffer data = buf.duplicate().position(pos + 16).limit(pos + 16 + (int) inclLen).slice();
            handler.packet(new Packet(sec * 1_000_000 + (nanos ? frac / 1000 : frac), linkType, data));
            pos += 16 + (int) inclLen;
        }
    }

    private void readPcapng(final ByteBuffer buf, final PacketHandler handler) {
        final List<int[]> interfaces = new ArrayList<>();
        int pos = 0;
        while (pos < buf.limit()) {
            if (buf.limit() - pos < 12) {
                truncated++;
                return;
            }
            // the section header block type reads the same in both byte orders; its byte-order magic sets the order
            final int type = buf.order(currentOrder).getInt(pos);
            if (type == PCAPNG_SHB) {
                final int bom = buf.order(ByteOrder.BIG_ENDIAN).getInt(pos + 8);
                currentOrder = bom == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                buf.order(currentOrder);
                interfaces.clear();
            }
            final long blockLen = buf.getInt(pos + 4) & 0xFFFFFFFFL;
            if (blockLen < 12 || blockLen > buf.limit() - pos || blockLen % 4 != 0) {
                truncated++;
                return;
            }
            final int body = pos + 8;
            final int bodyLen = (int) blockLen - 12;
            if (type == 1 && bodyLen >= 8) {
                interfaces.add(new int[] {buf.getShort(body) & 0xFFFF, tsResolution(buf, body + 8,
                    bodyLen - 8)});
            } else if (type == 6 && bodyLen >= 20) {
                final int iface = buf.getInt(body);
                final long ts = (buf.getInt(body + 4) & 0xFFFFFFFFL) << 32 | buf.getInt(body + 8) & 0xFFFFFFFFL;
                final long capLen = buf.getInt(body + 12) & 0xFFFFFFFFL;
                if (iface >= 0 && iface < interfaces.size() && capLen <= bodyLen - 20) {
                    final int[] desc = interfaces.get(iface);
                    final ByteBuffer data = buf.duplicate().position(body + 20).limit(body + 20 + (int) capLen)
                        .slice();
                    handler.packet(new Packet(toMicros(ts, desc[1]), desc[0], data));
                } else {
                    truncated++;
                }
            } else if (type == 3 && bodyLen >= 4 && !interfaces.isEmpty()) {
                final long origLen = buf.getInt(body) & 0xFFFFFFFFL;
                final int capLen = (int) Math.min(origLen, bodyLen - 4);
                final ByteBuffer data = buf.duplicate().position(body + 4).limit(body + 4 + capLen).slice();
                handler.packet(new Packet(0, interfaces.get(0)[0], data));
            }
            pos += (int) blockLen;
        }
    }

    /**
     * Reads the if_tsresol option (code 9) of an interface description block: the exponent of the timestamp unit,
     * base 10 unless the top bit is set (base 2). Default 6 (microseconds).
     */
    private static int tsResolution(final ByteBuffer buf, final int start, final int len) {
        int pos = start;
        final int end = start + len;
        while (end - pos >= 4) {
            final int code = buf.getShort(pos) & 0xFFFF;
            final int optLen = buf.getShort(pos + 2) & 0xFFFF;
            if (code == 0 || optLen > end - pos - 4) {
                break;
            }
            if (code == 9 && optLen >= 1) {
                return buf.get(pos + 4) & 0xFF;
            }
            pos += 4 + (optLen + 3 & ~3);
        }
        return 6;
    }

    private static long toMicros(final long ts, final int resolution) {
        if ((resolution & 0x80) != 0) {
            final int shift = resolution & 0x7F;
            return shift >= 63 ? 0 : (long) (ts / Math.pow(2, shift) * 1_000_000);
        }
        long value = ts;
        for (int i = resolution; i > 6; i--) {
            value /= 10;
        }
        for (int i = resolution; i < 6; i++) {
            value *= 10;
        }
        return value;
    }
}

package io.bmpfleet.bmp.codec.pcap;

import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.BmpFraming;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads BMP messages out of a file: a pcap or pcapng capture (TCP streams reassembled and framed per flow) or a raw
 * BMP byte stream, told apart by the magic number.
 */
public final class CaptureReader {
    /** Receives BMP messages. */
    @FunctionalInterface
    public interface MessageHandler {
        /**
         * Handles one framed BMP message.
         *
         * @param stream where the message came from: the TCP flow, or the file for a raw stream
         * @param router the router's address (TCP source address), or the file name for a raw stream
         * @param frame the message at its reader index, only valid during the call
         * @param timestampMicros capture time of the last segment, 0 for raw streams
         */
        void message(String stream, String router, ByteBuf frame, long timestampMicros);
    }

    private static final int RAW_CHUNK = 1 << 16;

    private final BmpFraming framing;
    private long packets;
    private long skippedPackets;
    private long truncatedRecords;
    private long skippedBytes;
    private long gapBytes;
    private long duplicateBytes;
    private long resyncs;

    /**
     * Creates a reader with the default frame limit.
     */
    public CaptureReader() {
        this(new BmpFraming());
    }

    /**
     * Creates a reader.
     *
     * @param framing framing rules
     */
    public CaptureReader(final BmpFraming framing) {
        this.framing = framing;
    }

    /**
     * Reads a file.
     *
     * @param path file
     * @param handler receiver of messages
     * @throws IOException if the file cannot be read
     * @throws CaptureFormatException if it looks like a capture but its header is broken
     */
    public void read(final Path path, final MessageHandler handler) throws IOException, CaptureFormatException {
        // memory-mapped: captures of any size up to 2 GiB without copying them onto the heap
        final ByteBuffer file;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new IOException(path + " is larger than 2 GiB");
            }
            file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        if (PcapReader.isCapture(file)) {
            readCapture(file, handler);
        } else {
            readRaw(file, path.toString(), handler);
        }
    }

    /**
     * Reads a raw BMP byte stream.
     *
     * @param data stream bytes
     * @param name name of the source, used as stream and router
     * @param handler receiver of messages
     */
    public void readRaw(final byte[] data, final String name, final MessageHandler handler) {
        readRaw(ByteBuffer.wrap(data), name, handler);
    }

    /**
     * Reads a raw BMP byte stream held in a buffer.
     *
     * @param data stream bytes, from position 0 to the limit
     * @param name name of the source, used as stream and router
     * @param handler receiver of messages
     */
    public void readRaw(final ByteBuffer data, final String name, final MessageHandler handler) {
        final BmpStreamSplitter splitter = new BmpStreamSplitter(framing,
            frame -> handler.message(name, name, frame, 0));
        for (int pos = 0; pos < data.limit(); pos += RAW_CHUNK) {
            splitter.feed(data.duplicate().position(pos).limit(Math.min(data.limit(), pos + RAW_CHUNK)));
        }
        splitter.finish();
        skippedBytes += splitter.skippedBytes();
        resyncs += splitter.resyncs();
    }

    /**
     * Reads a pcap or pcapng capture.
     *
     * @param file file contents
     * @param handler receiver of messages
     * @throws CaptureFormatException if the capture header is broken
     */
    public void readCapture(final byte[] file, final MessageHandler handler) throws CaptureFormatException {
        readCapture(ByteBuffer.wrap(file), handler);
    }

    /**
     * Reads a pcap or pcapng capture held in a buffer.
     *
     * @param file file contents, from position 0 to the limit
     * @param handler receiver of messages
     * @throws CaptureFormatException if the capture header is broken
     */
    public void readCapture(final ByteBuffer file, final MessageHandler handler) throws CaptureFormatException {
        final Map<TcpSegment.FlowKey, BmpStreamSplitter> splitters = new LinkedHashMap<>();
        final long[] lastTs = new long[1];
        final TcpReassembler reassembler = new TcpReassembler(new TcpReassembler.StreamHandler() {
            @Override
            public void data(final TcpSegment.FlowKey flow, final ByteBuffer data, final long timestampMicros) {
                lastTs[0] = timestampMicros;
                splitters.computeIfAbsent(flow, k -> newSplitter(k, handler, lastTs)).feed(data);
            }

            @Override
            public void gap(final TcpSegment.FlowKey flow, final long missing) {
                final BmpStreamSplitter splitter = splitters.get(flow);
                if (splitter != null) {
                    splitter.gap();
                }
            }

            @Override
            public void reset(final TcpSegment.FlowKey flow) {
                final BmpStreamSplitter splitter = splitters.remove(flow);
                if (splitter != null) {
                    finishSplitter(splitter);
                }
            }
        });
        final PacketDecoder decoder = new PacketDecoder();
        final PcapReader reader = new PcapReader();
        reader.read(file, packet -> {
            packets++;
            final TcpSegment seg = decoder.decode(packet);
            if (seg != null) {
                reassembler.segment(seg);
            }
        });
        reassembler.finish();
        for (BmpStreamSplitter splitter : splitters.values()) {
            finishSplitter(splitter);
        }
        skippedPackets += decoder.skipped();
        truncatedRecords += reader.truncated();
        gapBytes += reassembler.gapBytes();
        duplicateBytes += reassembler.duplicateBytes();
    }

    private BmpStreamSplitter newSplitter(final TcpSegment.FlowKey flow, final MessageHandler handler,
            final long[] lastTs) {
        final String stream = flow.toString();
        final String router = AddressText.format(flow.source());
        return new BmpStreamSplitter(framing, frame -> handler.message(stream, router, frame, lastTs[0]));
    }

    private void finishSplitter(final BmpStreamSplitter splitter) {
        splitter.finish();
        skippedBytes += splitter.skippedBytes();
        resyncs += splitter.resyncs();
    }

    public long packets() {
        return packets;
    }

    /**
     * Returns how many packets were not TCP over IP.
     *
     * @return count
     */
    public long skippedPackets() {
        return skippedPackets;
    }

    public long truncatedRecords() {
        return truncatedRecords;
    }

    /**
     * Returns how many stream bytes were passed over while resynchronising (not part of any BMP message).
     *
     * @return count
     */
    public long skippedBytes() {
        return skippedBytes;
    }

    public long gapBytes() {
        return gapBytes;
    }

    public long duplicateBytes() {
        return duplicateBytes;
    }

    public long resyncs() {
        return resyncs;
    }
}

package io.bmpfleet.bmp.codec.pcap;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpFraming;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Cuts one BMP byte stream into messages. A stream that begins mid-message (a capture started late) or continues
 * after a gap is resynchronised by scanning for a plausible common header that is followed by another plausible
 * header (or by the end of the data so far); the bytes passed over are counted in {@link #skippedBytes()}.
 */
public final class BmpStreamSplitter {
    /** Receives framed messages. */
    @FunctionalInterface
    public interface FrameHandler {
        /**
         * Handles one complete BMP message.
         *
         * @param frame the message, from its reader index; only valid during the call
         */
        void frame(ByteBuf frame);
    }

    private final ByteBuf buf = Unpooled.buffer();
    private final BmpFraming framing;
    private final FrameHandler handler;
    private boolean synced;
    private long skippedBytes;
    private long resyncs;

    /**
     * Creates a splitter.
     *
     * @param framing framing rules (maximum length)
     * @param handler receiver of messages
     */
    public BmpStreamSplitter(final BmpFraming framing, final FrameHandler handler) {
        this.framing = framing;
        this.handler = handler;
    }

    /**
     * Feeds the next bytes of the stream.
     *
     * @param data bytes
     */
    public void feed(final ByteBuffer data) {
        buf.writeBytes(data.duplicate());
        process(false);
    }

    /**
     * Reports missing bytes: whatever partial message is buffered is dropped and the stream is resynchronised.
     */
    public void gap() {
        // what precedes the gap is complete as far as it goes: frame it before dropping the rest
        process(true);
        skippedBytes += buf.readableBytes();
        buf.clear();
        synced = false;
    }

    /**
     * Ends the stream: bytes of an incomplete last message are counted as skipped.
     */
    public void finish() {
        process(true);
        skippedBytes += buf.readableBytes();
        buf.clear();
    }

    public long skippedBytes() {
        return skippedBytes;
    }

    /**
     * Returns how many times the splitter had to search for a header (including at the start of the stream when
     * it did not start with one).
     *
     * @return resynchronisations
     */
    public long resyncs() {
        return resyncs;
    }

    private void process(final boolean atEnd) {
        while (buf.isReadable()) {
            if (!synced && !resync(atEnd)) {
                break;
            }
            final int len;
            try {
                len = framing.frameLength(buf);
            } catch (BmpDecodeException e) {
                synced = false;
                resyncs++;
                buf.skipBytes(1);
                skippedBytes++;
                continue;
            }
            if (len == 0) {
                break;
            }
            handler.frame(buf.slice(buf.readerIndex(), len));
            buf.skipBytes(len);
        }
        if (buf.readerIndex() > 1 << 16) {
            buf.discardReadBytes();
        }
    }

    /**
     * Moves the reader index to a plausible header. Returns false when more data is needed.
     */
    private boolean resync(final boolean atEnd) {
        final int start = buf.readerIndex();
        final int end = buf.writerIndex();
        for (int i = start; i + BmpFraming.COMMON_HEADER_LENGTH <= end; i++) {
            if (!framing.plausibleHeader(buf, i)) {
                continue;
            }
            final long next = i + buf.getUnsignedInt(i + 1);
            if (next + BmpFraming.COMMON_HEADER_LENGTH <= end) {
                if (!framing.plausibleHeader(buf, (int) next)) {
                    continue;
                }
            } else if (!atEnd) {
                // cannot confirm the candidate yet: keep it and wait for more bytes
                countSkip(i - start);
                buf.readerIndex(i);
                return false;
            }
            countSkip(i - start);
            buf.readerIndex(i);
            synced = true;
            return true;
        }
        final int keep = Math.min(end - start, BmpFraming.COMMON_HEADER_LENGTH - 1);
        countSkip(end - start - keep);
        buf.readerIndex(end - keep);
        return false;
    }

    private void countSkip(final int count) {
        if (count > 0) {
            skippedBytes += count;
            resyncs++;
        }
    }
}

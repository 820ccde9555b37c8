package io.bmpfleet.bmp.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bmpfleet.bmp.codec.bgp.AddPathFallback;
import io.bmpfleet.bmp.codec.bgp.BgpSessionContext;
import io.bmpfleet.bmp.codec.pcap.BmpStreamSplitter;
import io.bmpfleet.bmp.codec.pcap.CaptureFormatException;
import io.bmpfleet.bmp.codec.pcap.CaptureReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * Fuzzes the decoder: whatever the bytes, only {@link BmpDecodeException} may come out, and whatever decodes
 * must encode and decode to the same message. During {@code mvn install} this runs in regression mode over the
 * corpus in {@code src/test/resources/io/bmpfleet/bmp/codec/BmpDecoderFuzzTestInputs/decode} (the test vectors
 * and real messages from the shared captures), and likewise for the capture reader and the stream splitter. To
 * fuzz one method: {@code JAZZER_FUZZ=1 mvn -o -pl southbound/bmp-codec surefire:test
 * -Dtest='BmpDecoderFuzzTest#decode'}, bounded by {@code maxDuration}. Every build fuzzes {@link #decode} for its
 * {@code maxDuration} (the pom's bounded-fuzz execution).
 */
class BmpDecoderFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    // Measured over the corpus and the 12,920 messages of the shared captures (warm): at most 27 bytes of objects
    // per message byte, and under 1.4 KiB for an error with its stack trace. The bound leaves room for both.
    private static final long ALLOCATION_BASE = 64 * 1024;
    private static final long ALLOCATION_PER_BYTE = 128;

    private final BmpDecoder decoder = new BmpDecoder();
    private final AddPathFallback fallback = new AddPathFallback();

    // 30 s: the bounded fuzzing every build runs (see the bounded-fuzz execution in the pom).
    @FuzzTest(maxDuration = "30s")
    void decode(final byte[] data) throws BmpDecodeException {
        final ByteBuf frame = Unpooled.wrappedBuffer(data);
        final SessionContexts guess = peer -> BgpSessionContext.unknown(fallback);
        final BmpMessage msg;
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            msg = decoder.decode(frame, guess);
        } catch (BmpDecodeException e) {
            checkAllocation(before, data, guess);
            return;
        }
        checkAllocation(before, data, guess);
        // the visitor path accepts what the object path accepts
        decoder.visit(Unpooled.wrappedBuffer(data), guess, new RobustnessTest.CountingVisitor());
        // and what decodes, round-trips; path IDs are on the wire now, so decode with Add-Path where it was used
        final ByteBuf out = Unpooled.buffer();
        BmpEncoder.encode(msg, out);
        final BmpMessage again;
        try {
            again = decoder.decode(out, guess);
        } catch (BmpDecodeException e) {
            throw new AssertionError("re-encoded message does not decode: " + msg, e);
        }
        if (!again.equals(msg) && msg.type() != BmpMessage.ROUTE_MONITORING) {
            // Route Monitoring may legitimately differ: an Add-Path guess can go the other way on re-encoded bytes
            throw new AssertionError("round trip differs:\n" + msg + "\n" + again);
        }
    }

    /**
     * No length field may make the decoder allocate beyond what the message's own bytes justify: the decoded
     * objects of a message (a record per prefix, attribute, TLV) cost a bounded multiple of its bytes, and an
     * error (the exception and its stack trace) a bounded constant.
     */
    private void checkAllocation(final long before, final byte[] data, final SessionContexts guess) {
        final long bound = ALLOCATION_BASE + ALLOCATION_PER_BYTE * data.length;
        if (THREADS.getCurrentThreadAllocatedBytes() - before <= bound) {
            return;
        }
        // The first use of a code path loads and initialises classes, which allocates: measure once more.
        final long again = THREADS.getCurrentThreadAllocatedBytes();
        try {
            decoder.decode(Unpooled.wrappedBuffer(data), guess);
        } catch (BmpDecodeException e) {
            // measured below either way
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - again;
        if (allocated > bound) {
            throw new AssertionError("decoding " + data.length + " bytes allocated " + allocated
                + " bytes, over the bound " + bound);
        }
    }

    @FuzzTest(maxDuration = "1m")
    void captureReader(final byte[] data) {
        try {
            new CaptureReader().readCapture(data, (stream, router, frame, ts) -> {
                if (frame.readableBytes() < BmpFraming.COMMON_HEADER_LENGTH) {
                    throw new AssertionError("short frame");
                }
            });
        } catch (CaptureFormatException e) {
            // not a capture: fine
        }
    }

    @FuzzTest(maxDuration = "1m")
    void streamSplitter(final byte[] data) {
        final BmpStreamSplitter splitter = new BmpStreamSplitter(new BmpFraming(1 << 16), frame -> {
            if (frame.readableBytes() < BmpFraming.COMMON_HEADER_LENGTH) {
                throw new AssertionError("short frame");
            }
        });
        final int half = data.length / 2;
        splitter.feed(ByteBuffer.wrap(data, 0, half));
        splitter.gap();
        splitter.feed(ByteBuffer.wrap(data, half, data.length - half));
        splitter.finish();
    }
}

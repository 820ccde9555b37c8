package io.bmpfleet.bmp.codec;

import static io.bmpfleet.bmp.codec.Wire.buf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.bmpfleet.bmp.codec.bgp.AddPathFallback;
import io.bmpfleet.bmp.codec.bgp.BgpSessionContext;
import io.bmpfleet.bmp.codec.bgp.PrefixView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the bytes, the decoder throws nothing but {@link BmpDecodeException}: truncation at every offset (with
 * the length fixed up or not) and random mutations of every vector.
 */
class RobustnessTest {
    private static final SessionContexts GUESS = peer -> BgpSessionContext.unknown(new AddPathFallback());

    static Stream<Arguments> vectors() {
        return Vectors.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void truncatedAtEveryOffsetYieldsOnlyTheTypedException(final String name, final String hex) {
        final byte[] full = Bytes.fromHex(hex).toArray();
        for (int cut = 0; cut < full.length; cut++) {
            // the buffer ends early, the header still claims the full length
            final ByteBuf shortBuf = Unpooled.wrappedBuffer(full, 0, cut);
            assertTyped(shortBuf, name + " cut at " + cut, true);
            // the header is patched to the cut length: the inner structures are cut
            if (cut >= 6) {
                final byte[] patched = java.util.Arrays.copyOf(full, cut);
                patched[1] = (byte) (cut >>> 24);
                patched[2] = (byte) (cut >>> 16);
                patched[3] = (byte) (cut >>> 8);
                patched[4] = (byte) cut;
                assertTyped(Unpooled.wrappedBuffer(patched), name + " patched to " + cut, false);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void randomMutationsYieldOnlyTheTypedException(final String name, final String hex) {
        final Random random = new Random(name.hashCode());
        final byte[] full = Bytes.fromHex(hex).toArray();
        for (int round = 0; round < 3000; round++) {
            final byte[] mutated = full.clone();
            final int changes = 1 + random.nextInt(4);
            for (int i = 0; i < changes; i++) {
                final int pos = 6 + random.nextInt(mutated.length - 6);
                mutated[pos] = switch (random.nextInt(4)) {
                    case 0 -> (byte) 0xFF;
                    case 1 -> 0;
                    case 2 -> (byte) (mutated[pos] ^ 1 << random.nextInt(8));
                    default -> (byte) random.nextInt(256);
                };
            }
            assertTyped(Unpooled.wrappedBuffer(mutated), name + " mutation " + round, false);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void assertTyped(final ByteBuf frame, final String what, final boolean mustFail) {
        final BmpDecoder decoder = new BmpDecoder();
        try {
            decoder.decode(frame.duplicate(), GUESS);
            if (mustFail) {
                fail(what + ": decoded a truncated buffer");
            }
        } catch (BmpDecodeException e) {
            assertThat(e.offset()).as(what).isBetween(0L, (long) frame.readableBytes());
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": " + Wire.toHex(frame), e);
        }
        try {
            decoder.visit(frame.duplicate(), GUESS, new CountingVisitor());
        } catch (BmpDecodeException e) {
            assertThat(e.offset()).as(what).isBetween(0L, (long) frame.readableBytes());
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + " (visitor): " + Wire.toHex(frame), e);
        }
    }

    /** A visitor that counts routes. */
    static final class CountingVisitor implements RouteMonitoringVisitor {
        long announced;
        long withdrawn;

        @Override
        public void peer(final PeerHeaderView peer) {
            // nothing
        }

        @Override
        public void withdrawn(final PrefixView prefix) {
            withdrawn++;
        }

        @Override
        public void announced(final PrefixView prefix) {
            announced++;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void visitorSeesWhatTheObjectApiSees(final String name, final String hex) throws BmpDecodeException {
        final SessionContexts ctx = BmpDecoderTest.contextFor(name);
        final BmpMessage msg = new BmpDecoder().decode(buf(hex), ctx);
        final CountingVisitor visitor = new CountingVisitor();
        final int type = new BmpDecoder().visit(buf(hex), ctx, visitor);
        assertThat(type).isEqualTo(msg.type());
        if (msg instanceof BmpMessage.RouteMonitoring rm) {
            assertThat(visitor.announced).isEqualTo(rm.update().announced().size());
            assertThat(visitor.withdrawn).isEqualTo(rm.update().withdrawnAll().size());
        }
    }

    static Map<String, String> all() {
        return Vectors.all();
    }
}

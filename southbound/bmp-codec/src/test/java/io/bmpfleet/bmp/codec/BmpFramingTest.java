package io.bmpfleet.bmp.codec;

import static io.bmpfleet.bmp.codec.Wire.buf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class BmpFramingTest {
    private final String init = Vectors.all().get("initiation");

    @Test
    void tellsWhenAWholeMessageIsAvailable() throws BmpDecodeException {
        final BmpFraming framing = new BmpFraming();
        final int len = init.length() / 2;
        for (int have = 0; have < len; have++) {
            assertThat(framing.frameLength(buf(init.substring(0, 2 * have)))).isZero();
        }
        assertThat(framing.frameLength(buf(init))).isEqualTo(len);
        assertThat(framing.frameLength(buf(init + init))).isEqualTo(len);
    }

    @Test
    void rejectsBadVersionAndLengthOutsideTheLimit() {
        final BmpFraming framing = new BmpFraming(1000);
        assertThatThrownBy(() -> framing.frameLength(buf("010000000604"))).isInstanceOf(BmpDecodeException.class);
        assertThatThrownBy(() -> framing.frameLength(buf("030000000504"))).isInstanceOf(BmpDecodeException.class);
        assertThatThrownBy(() -> framing.frameLength(buf("03000003e904"))).isInstanceOf(BmpDecodeException.class)
            .hasMessageContaining("1001");
        assertThat(new BmpFraming().maxLength()).isEqualTo(BmpFraming.DEFAULT_MAX_LENGTH).isGreaterThan(65_536);
    }

    @Test
    void doesNotMoveTheBufferIndices() throws BmpDecodeException {
        final ByteBuf buf = buf(init);
        new BmpFraming().frameLength(buf);
        assertThat(buf.readerIndex()).isZero();
    }

    @Test
    void plausibleHeaders() {
        final BmpFraming framing = new BmpFraming();
        assertThat(framing.plausibleHeader(buf(Vectors.RM_ALL_ATTRIBUTES), 0)).isTrue();
        assertThat(framing.plausibleHeader(buf(Vectors.RM_ALL_ATTRIBUTES), 1)).isFalse();
        assertThat(framing.plausibleHeader(buf("030000000609"), 0)).isFalse();
    }
}

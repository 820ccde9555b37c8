package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpFraming;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a router's byte stream into BMP messages by the common header (RFC 7854 section 4.1). A header that cannot
 * be framed (bad version, a length under 6 or over the configured maximum) leaves no way to find the next message:
 * the session is reported and closed. At most one maximum-size message is ever held.
 */
final class BmpFrameDecoder extends ByteToMessageDecoder {
    private final BmpFraming framing;
    private final RouterState router;

    BmpFrameDecoder(final BmpFraming framing, final RouterState router) {
        this.framing = framing;
        this.router = router;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
        while (in.isReadable()) {
            final int length;
            try {
                length = framing.frameLength(in);
            } catch (BmpDecodeException e) {
                router.decodeError("framing: " + e.getMessage());
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (length == 0) {
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }
}

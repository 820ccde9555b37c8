package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpFraming;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a router's byte stream into BMP messages by the common header (RFC 7854 section 4.1). A header that cannot
 * be framed (bad version, a length under 6 or over the configured maximum) leaves no way to find the next message:
 * the session is reported and closed. Framed messages go to the session's worker through its {@link SessionBuffer},
 * which stops reading when the worker falls behind by more than the session buffer limit.
 */
final class BmpFrameDecoder extends ByteToMessageDecoder {
    private final BmpFraming framing;
    private final RouterState router;
    private final SessionBuffer buffer;

    BmpFrameDecoder(final BmpFraming framing, final RouterState router, final SessionBuffer buffer) {
        this.framing = framing;
        this.router = router;
        this.buffer = buffer;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
        // The messages of one read travel to the worker together: one hand-over per read, not per message.
        List<ByteBuf> frames = null;
        int bytes = 0;
        try {
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
                if (frames == null) {
                    frames = new ArrayList<>();
                }
                frames.add(in.readRetainedSlice(length));
                bytes += length;
            }
        } finally {
            if (frames != null) {
                buffer.queued(ctx.channel(), bytes);
                out.add(new FrameBatch(frames, bytes));
            }
        }
    }

    /**
     * Consecutive messages of one session, in order.
     *
     * @param frames one buffer per message, each to be released by the receiver
     * @param bytes their total length
     */
    record FrameBatch(List<ByteBuf> frames, int bytes) {
    }
}

package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the framed messages of one router session and applies them to its {@link RouterState}. A message that
 * is framed but cannot be decoded is counted and reported, and the session goes on with the next one. Runs on the
 * session's worker thread (one of the collector's workers, always the same for a session, so messages stay in
 * order and the session's end comes after its last message).
 */
final class RouterSessionHandler extends SimpleChannelInboundHandler<BmpFrameDecoder.FrameBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(RouterSessionHandler.class);

    private final BmpSession codec = new BmpSession();
    private final RouterState router;
    private final SessionListener listener;
    private final Runnable onClose;
    private final RouteSink routes;
    private final PeerTracker peers;
    private final SessionBuffer buffer;

    RouterSessionHandler(final RouterState router, final SessionListener listener, final Runnable onClose,
            final SessionBuffer buffer) {
        this.router = router;
        this.buffer = buffer;
        this.listener = listener;
        this.onClose = onClose;
        routes = listener.routeSink(router);
        peers = routes == null ? null : new PeerTracker(routes);
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) {
        LOG.info("BMP session up: {}", router.remote());
        listener.sessionUp(router);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final BmpFrameDecoder.FrameBatch batch) {
        final var frames = batch.frames();
        try {
            for (int i = 0; i < frames.size(); i++) {
                final var frame = frames.get(i);
                try {
                    handle(frame);
                } finally {
                    frame.release();
                }
            }
        } finally {
            router.processed(System.currentTimeMillis());
            buffer.processed(ctx.channel(), batch.bytes());
        }
    }

    private void handle(final ByteBuf frame) {
        final int type = frame.getUnsignedByte(frame.readerIndex() + 5);
        final int length = frame.readableBytes();
        router.count(type, length);
        try {
            final var message = routes == null ? codec.decode(frame) : codec.visit(frame, peers);
            if (message == null) {
                // A Route Monitoring message went through the sink.
                routes.complete();
                router.routeMonitoring(peers.header());
            } else {
                router.apply(message, Instant.now());
                listener.message(router, message);
            }
        } catch (BmpDecodeException e) {
            if (routes != null) {
                routes.discard();
            }
            router.decodeError("type " + type + ", " + length + " bytes: " + e.getMessage());
            LOG.debug("Undecodable BMP message from {}", router.remote(), e);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        router.down("connection closed");
        final var reason = router.termination();
        LOG.info("BMP session down: {} ({})", router.remote(), reason);
        onClose.run();
        listener.sessionDown(router, reason);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        router.decodeError("connection: " + cause.getMessage());
        LOG.info("BMP session {} failed", router.remote(), cause);
        ctx.close();
    }
}

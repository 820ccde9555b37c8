package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One router session's work: the event loop queues the session's start, each read's messages and its end here;
 * the session's worker (one of the collector's workers, always the same one) decodes the messages and applies them
 * to the {@link RouterState} and the listener, in order. A message that is framed but cannot be decoded is counted
 * and reported, and the session goes on with the next one.
 *
 * <p>Fairness: a worker serves many sessions. A session works off at most {@value #QUANTUM} bytes per turn, then
 * goes to the back of its worker's queue, so a router that floods shares the worker with the others turn by turn
 * instead of making them wait behind its whole backlog (which {@link SessionBuffer} bounds).
 */
final class RouterSessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RouterSessionHandler.class);
    /** Bytes of messages a session processes per turn on its worker. */
    static final int QUANTUM = 256 * 1024;
    private static final Object UP = new Object();
    private static final Object DOWN = new Object();

    private final BmpSession codec = new BmpSession();
    private final RouterState router;
    private final SessionListener listener;
    private final Runnable onClose;
    private final RouteSink routes;
    private final PeerTracker peers;
    private final SessionBuffer buffer;
    private final EventExecutor worker;
    private final Queue<Object> work = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Channel channel;

    RouterSessionHandler(final RouterState router, final SessionListener listener, final Runnable onClose,
            final SessionBuffer buffer, final EventExecutor worker) {
        this.router = router;
        this.buffer = buffer;
        this.listener = listener;
        this.onClose = onClose;
        this.worker = worker;
        routes = listener.routeSink(router);
        peers = routes == null ? null : new PeerTracker(routes);
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) {
        channel = ctx.channel();
        enqueue(UP);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (msg instanceof BmpFrameDecoder.FrameBatch batch) {
            enqueue(batch);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        enqueue(DOWN);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        router.decodeError("connection: " + cause.getMessage());
        LOG.info("BMP session {} failed", router.remote(), cause);
        ctx.close();
    }

    private void enqueue(final Object item) {
        work.add(item);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** One turn on the worker: up to {@value #QUANTUM} bytes of messages, then the back of the queue. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void drain() {
        int budget = QUANTUM;
        Object item;
        while (budget > 0 && (item = work.poll()) != null) {
            try {
                if (item == UP) {
                    LOG.info("BMP session up: {}", router.remote());
                    listener.sessionUp(router);
                } else if (item == DOWN) {
                    down();
                } else {
                    final var batch = (BmpFrameDecoder.FrameBatch) item;
                    budget -= batch.bytes();
                    process(batch);
                }
            } catch (RuntimeException e) {
                // A listener's failure must not stop the session's other work, nor the worker's other sessions.
                router.decodeError("processing: " + e);
                LOG.warn("BMP session {}: processing failed", router.remote(), e);
            }
        }
        scheduled.set(false);
        if (!work.isEmpty()) {
            schedule();
        }
    }

    private void process(final BmpFrameDecoder.FrameBatch batch) {
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
            buffer.processed(channel, batch.bytes());
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void handle(final ByteBuf frame) {
        final int type = frame.getUnsignedByte(frame.readerIndex() + 5);
        final int length = frame.readableBytes();
        if (listener.wantsReceived()) {
            listener.received(router, frame);
        }
        try {
            final var message = routes == null ? codec.decode(frame) : codec.visit(frame, peers);
            if (message == null) {
                // A Route Monitoring message went through the sink.
                routes.complete();
                router.routeMonitoring(peers.header(), length);
            } else {
                router.apply(message, type, length, Instant.now());
                listener.message(router, message);
            }
        } catch (BmpDecodeException e) {
            router.count(type, length);
            if (routes != null) {
                routes.discard();
            }
            router.decodeError("type " + type + ", " + length + " bytes: " + e.getMessage());
            LOG.debug("Undecodable BMP message from {}", router.remote(), e);
        } catch (RuntimeException e) {
            // the sink's UPDATE ends here too (a RIB writer releases what it holds)
            if (routes != null) {
                routes.discard();
            }
            throw e;
        }
    }

    private void down() {
        router.down("connection closed");
        final var reason = router.termination();
        LOG.info("BMP session down: {} ({})", router.remote(), reason);
        onClose.run();
        listener.sessionDown(router, reason);
    }
}

package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.BmpFraming;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terminates routers' BMP sessions: listeners for routers that connect, dialers for routers that listen (FRR
 * {@code bmp listener}). Listeners and dialers are added and removed while it runs; the allowed source prefixes
 * and the message size limit apply to connections made after a change. Uses epoll where available.
 */
public final class BmpCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BmpCollector.class);

    private final EventLoopGroup group;
    private final Class<? extends ServerSocketChannel> serverChannel;
    private final Class<? extends SocketChannel> clientChannel;
    private final SessionListener listener;
    private final Map<InetSocketAddress, RouterState> sessions = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile List<SourcePrefix> allowed = List.of();
    private volatile BmpFraming framing = new BmpFraming();

    /**
     * Creates a collector.
     *
     * @param threads event loop threads (0: Netty's default, twice the cores)
     * @param listener receiver of session events
     */
    public BmpCollector(final int threads, final SessionListener listener) {
        this.listener = listener;
        if (Epoll.isAvailable()) {
            group = new EpollEventLoopGroup(threads);
            serverChannel = EpollServerSocketChannel.class;
            clientChannel = EpollSocketChannel.class;
        } else {
            group = new NioEventLoopGroup(threads);
            serverChannel = NioServerSocketChannel.class;
            clientChannel = NioSocketChannel.class;
        }
    }

    /**
     * Sets the source prefixes routers may connect from; empty allows any.
     *
     * @param prefixes the prefixes
     */
    public void setAllowedSources(final List<SourcePrefix> prefixes) {
        allowed = List.copyOf(prefixes);
    }

    /**
     * Sets the largest BMP message accepted; a larger one closes its session as a framing error.
     *
     * @param bytes the limit
     */
    public void setMaxMessageSize(final int bytes) {
        framing = new BmpFraming(bytes);
    }

    /**
     * Connections refused because their source is not allowed.
     *
     * @return the count since start
     */
    public long refusedConnections() {
        return refused.get();
    }

    /**
     * The router sessions: live ones, and ended ones until a new session comes from the same address.
     *
     * @return a snapshot of each
     */
    public List<RouterState.RouterSnapshot> routers() {
        return sessions.values().stream().map(RouterState::snapshot).toList();
    }

    /**
     * Opens a listener.
     *
     * @param address where to bind
     * @return the listener; close it to stop accepting (sessions already up stay)
     * @throws InterruptedException if interrupted while binding
     */
    public Listener listen(final InetSocketAddress address) throws InterruptedException {
        final var bound = new ServerBootstrap().group(group).channel(serverChannel)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel channel) {
                    if (!accepted(channel.remoteAddress())) {
                        channel.close();
                        return;
                    }
                    attach(channel, () -> { });
                }
            })
            .bind(address).sync();
        LOG.info("BMP listener on {}", bound.channel().localAddress());
        return new Listener(address, bound.channel());
    }

    /**
     * Dials a router that listens for BMP, and dials again with exponential backoff whenever the connection
     * fails or ends, until the dialer is closed.
     *
     * @param router the router's BMP listener
     * @param minRetry first delay after a failure
     * @param maxRetry longest delay
     * @return the dialer
     */
    public Dialer dial(final InetSocketAddress router, final Duration minRetry, final Duration maxRetry) {
        final var dialer = new Dialer(router, minRetry.toMillis(), maxRetry.toMillis());
        dialer.connect();
        return dialer;
    }

    private boolean accepted(final InetSocketAddress source) {
        final var prefixes = allowed;
        if (prefixes.isEmpty() || prefixes.stream().anyMatch(p -> p.matches(source.getAddress()))) {
            return true;
        }
        refused.incrementAndGet();
        LOG.warn("Refused BMP connection from {}: not in the allowed sources {}", source, prefixes);
        return false;
    }

    private void attach(final SocketChannel channel, final Runnable onClose) {
        // The addresses of a dialled channel are known only once it is connected.
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(final ChannelHandlerContext ctx) {
                final var ch = (SocketChannel) ctx.channel();
                final var router = new RouterState(ch.remoteAddress(), ch.localAddress(), Instant.now());
                // Ended sessions stay visible until their router comes back: then the new one replaces them.
                sessions.values().removeIf(old -> old.remote().getAddress().equals(ch.remoteAddress().getAddress())
                    && !old.isUp());
                sessions.put(ch.remoteAddress(), router);
                ctx.pipeline().addLast(new BmpFrameDecoder(framing, router),
                    new RouterSessionHandler(router, listener, onClose));
                ctx.pipeline().remove(this);
                ctx.fireChannelActive();
            }
        });
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** An open listener. */
    public static final class Listener implements AutoCloseable {
        private final InetSocketAddress requested;
        private final Channel channel;

        Listener(final InetSocketAddress requested, final Channel channel) {
            this.requested = requested;
            this.channel = channel;
        }

        /**
         * The address this listener was asked to bind (port 0 stays 0 here).
         *
         * @return the address
         */
        public InetSocketAddress requested() {
            return requested;
        }

        public InetSocketAddress localAddress() {
            return (InetSocketAddress) channel.localAddress();
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
        }
    }

    /** A router the collector keeps dialling. */
    public final class Dialer implements AutoCloseable {
        private final InetSocketAddress router;
        private final long minRetry;
        private final long maxRetry;
        private volatile boolean closed;
        private volatile Channel channel;
        private long delay;
        private final AtomicLong attempts = new AtomicLong();

        Dialer(final InetSocketAddress router, final long minRetry, final long maxRetry) {
            this.router = router;
            this.minRetry = minRetry;
            this.maxRetry = Math.max(minRetry, maxRetry);
            this.delay = minRetry;
        }

        /**
         * Connection attempts made so far.
         *
         * @return the count
         */
        public long attempts() {
            return attempts.get();
        }

        private void connect() {
            if (closed) {
                return;
            }
            attempts.incrementAndGet();
            final ChannelFuture future = new Bootstrap().group(group).channel(clientChannel)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(maxRetry, 30_000))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                        attach(ch, Dialer.this::retryLater);
                    }
                })
                .connect(router);
            future.addListener(f -> {
                if (f.isSuccess()) {
                    channel = future.channel();
                    synchronized (this) {
                        delay = minRetry;
                    }
                } else {
                    LOG.debug("Dialling {} failed", router, f.cause());
                    retryLater();
                }
            });
        }

        private void retryLater() {
            if (closed) {
                return;
            }
            final long wait;
            synchronized (this) {
                wait = delay;
                delay = Math.min(maxRetry, delay * 2);
            }
            group.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            closed = true;
            final var current = channel;
            if (current != null) {
                current.close();
            }
        }
    }
}

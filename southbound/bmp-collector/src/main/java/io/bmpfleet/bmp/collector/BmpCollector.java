package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.BmpFraming;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terminates routers' BMP sessions: listeners for routers that connect, dialers for routers that listen (FRR
 * {@code bmp listener}). Listeners and dialers are added and removed while it runs; the allowed source prefixes
 * and the message size limit apply to connections made after a change. Uses epoll where available.
 *
 * <p>With epoll, router sessions can be protected by TCP-MD5 (RFC 2385): {@link #setTcpMd5Keys} for routers that
 * connect, {@link #dial(InetSocketAddress, Duration, Duration, byte[])} for routers that are dialled.
 */
public final class BmpCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BmpCollector.class);

    /** The default largest BMP message, as the intent's collector/max-message-size (16 MiB). */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    /** The default session buffer limit, as the intent's collector/session-buffer-limit. */
    public static final long DEFAULT_SESSION_BUFFER_LIMIT = 32L * 1024 * 1024;

    /** The longest TCP-MD5 key Linux takes ({@code TCP_MD5SIG_MAXKEYLEN}); the shortest is one byte. */
    public static final int MAX_TCP_MD5_KEY_LENGTH = 80;

    private final EventLoopGroup group;
    private final Class<? extends ServerSocketChannel> serverChannel;
    private final Class<? extends SocketChannel> clientChannel;
    private final boolean epoll;
    private final SessionListener listener;
    private final Map<InetSocketAddress, RouterState> sessions = new ConcurrentHashMap<>();
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    // Orders key changes against listeners being opened, so that no listener misses a change.
    private final Object md5Lock = new Object();
    private volatile List<SourcePrefix> allowed = List.of();
    private volatile BmpFraming framing = new BmpFraming(DEFAULT_MAX_MESSAGE_SIZE);
    // Decoding and RIB work: a session always runs on the same worker, so its messages stay in order.
    private final EventExecutorGroup workers;
    private volatile long sessionBufferLimit = DEFAULT_SESSION_BUFFER_LIMIT;
    private volatile Map<InetAddress, byte[]> md5Keys = Map.of();

    /**
     * Creates a collector.
     *
     * @param threads event loop threads (0: Netty's default, twice the cores)
     * @param listener receiver of session events
     */
    public BmpCollector(final int threads, final SessionListener listener) {
        this(threads, listener, Epoll.isAvailable());
    }

    /**
     * Creates a collector on the given transport.
     *
     * @param threads event loop threads (0: Netty's default, twice the cores)
     * @param listener receiver of session events
     * @param useEpoll epoll (must be available) rather than NIO
     */
    BmpCollector(final int threads, final SessionListener listener, final boolean useEpoll) {
        this(threads, listener, useEpoll, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Creates a collector on the given transport with a given number of session workers.
     *
     * @param threads event loop threads (0: Netty's default, twice the cores)
     * @param listener receiver of session events
     * @param useEpoll epoll (must be available) rather than NIO
     * @param workerThreads session workers (decoding, RIB), at least one
     */
    BmpCollector(final int threads, final SessionListener listener, final boolean useEpoll, final int workerThreads) {
        this.listener = listener;
        workers = new DefaultEventExecutorGroup(Math.max(1, workerThreads),
            new DefaultThreadFactory("bmp-session-worker", true));
        epoll = useEpoll;
        if (useEpoll) {
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
     * Sets how many bytes a session may have framed but not yet decoded and applied before the collector stops
     * reading it (TCP then pushes back on the router); reading resumes at half. Applies to sessions that start
     * after the change.
     *
     * @param bytes the limit, at least 65536
     * @throws IllegalArgumentException if smaller
     */
    public void setSessionBufferLimit(final long bytes) {
        if (bytes < 65536) {
            throw new IllegalArgumentException("session buffer limit " + bytes + " is under 65536 bytes");
        }
        sessionBufferLimit = bytes;
    }

    /**
     * Whether TCP-MD5 can be used here: it needs Netty's native epoll transport (Linux), which the collector then
     * uses.
     *
     * @return true if epoll is available
     */
    public static boolean tcpMd5Supported() {
        return Epoll.isAvailable();
    }

    /**
     * Sets the TCP-MD5 (RFC 2385) keys of the routers that connect: every open listener takes them at once, and
     * listeners opened later take them before they bind. Only the routers listed need a key (the kernel then drops
     * their segments that are not signed with it); the others connect without. A router left out of a new map
     * loses its key on the listeners, and an empty map removes all keys. Sessions already up keep the key they
     * were accepted with. The map is checked whole before anything changes.
     *
     * @param keys each router's key, 1 to {@value #MAX_TCP_MD5_KEY_LENGTH} bytes
     * @throws IllegalArgumentException if a key is missing or of the wrong length
     * @throws IllegalStateException if keys are given but epoll is not available, or a listener refused them (the
     *     other listeners and later ones still take them)
     */
    public void setTcpMd5Keys(final Map<InetAddress, byte[]> keys) {
        final var checked = checkedKeys(keys);
        synchronized (md5Lock) {
            md5Keys = checked;
            IllegalStateException failure = null;
            int applied = 0;
            for (var open : listeners) {
                try {
                    if (open.applyKeys(checked)) {
                        applied++;
                    }
                } catch (IllegalStateException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (checked.isEmpty()) {
                LOG.info("TCP-MD5 keys removed from the BMP listeners ({} open)", applied);
            } else {
                LOG.info("TCP-MD5 keys for routers {} on the BMP listeners ({} open)", keyedRouters(checked), applied);
            }
            if (failure != null) {
                throw failure;
            }
        }
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
        final var bootstrap = new ServerBootstrap().group(group).channel(serverChannel)
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
            });
        // Registered, keyed, then bound: a listener never accepts unsigned a router it holds a key for. (A key set
        // through a bootstrap option that the kernel refuses would only be logged.)
        final Channel channel = bootstrap.register().sync().channel();
        final var opened = new Listener(address, channel);
        final Map<InetAddress, byte[]> keys;
        boolean bound = false;
        try {
            synchronized (md5Lock) {
                keys = md5Keys;
                opened.applyKeys(keys);
                listeners.add(opened);
            }
            channel.bind(address).sync();
            bound = true;
        } finally {
            if (!bound) {
                listeners.remove(opened);
                channel.close();
            }
        }
        if (keys.isEmpty()) {
            LOG.info("BMP listener on {}", channel.localAddress());
        } else {
            LOG.info("BMP listener on {}, TCP-MD5 keys for routers {}", channel.localAddress(), keyedRouters(keys));
        }
        return opened;
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
        return dial(router, minRetry, maxRetry, null);
    }

    /**
     * Dials a router that listens for BMP, as {@link #dial(InetSocketAddress, Duration, Duration)}, signing the
     * connection with TCP-MD5 (RFC 2385) when a key is given.
     *
     * @param router the router's BMP listener, resolved when a key is given
     * @param minRetry first delay after a failure
     * @param maxRetry longest delay
     * @param md5KeyOrNull the router's TCP-MD5 key, 1 to {@value #MAX_TCP_MD5_KEY_LENGTH} bytes, or null for none
     * @return the dialer
     * @throws IllegalArgumentException if the key is of the wrong length or the router's address unresolved
     * @throws IllegalStateException if a key is given but epoll is not available
     */
    public Dialer dial(final InetSocketAddress router, final Duration minRetry, final Duration maxRetry,
            final byte[] md5KeyOrNull) {
        Map<InetAddress, byte[]> md5 = null;
        if (md5KeyOrNull != null) {
            requireEpoll();
            if (router.isUnresolved()) {
                throw new IllegalArgumentException("TCP-MD5 needs the address of router " + router
                    + ", which is unresolved");
            }
            md5 = checkedKeys(Map.of(router.getAddress(), md5KeyOrNull));
            LOG.info("Dialling BMP router {} with a TCP-MD5 key", router);
        }
        final var dialer = new Dialer(router, minRetry.toMillis(), maxRetry.toMillis(), md5);
        dialer.connect();
        return dialer;
    }

    private void requireEpoll() {
        if (!epoll) {
            throw new IllegalStateException("TCP-MD5 needs the native epoll transport, which is not available here",
                Epoll.unavailabilityCause());
        }
    }

    private Map<InetAddress, byte[]> checkedKeys(final Map<InetAddress, byte[]> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        requireEpoll();
        final var copy = new HashMap<InetAddress, byte[]>();
        keys.forEach((router, key) -> {
            Objects.requireNonNull(router, "TCP-MD5 key without a router");
            if (key == null || key.length < 1 || key.length > MAX_TCP_MD5_KEY_LENGTH) {
                throw new IllegalArgumentException("TCP-MD5 key for router " + router.getHostAddress()
                    + " must be 1 to " + MAX_TCP_MD5_KEY_LENGTH + " bytes, not "
                    + (key == null ? "missing" : key.length + " bytes"));
            }
            copy.put(router, key.clone());
        });
        return Map.copyOf(copy);
    }

    private static List<String> keyedRouters(final Map<InetAddress, byte[]> keys) {
        return keys.keySet().stream().map(InetAddress::getHostAddress).sorted().toList();
    }

    /**
     * Gives a channel its TCP-MD5 keys, replacing those it had.
     *
     * @throws IllegalStateException if the channel refused them
     */
    private static void setTcpMd5(final Channel channel, final Map<InetAddress, byte[]> keys, final String what) {
        final boolean set;
        try {
            set = channel.config().setOption(EpollChannelOption.TCP_MD5SIG, keys);
        } catch (ChannelException e) {
            final var cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Could not set the TCP-MD5 keys for routers " + keyedRouters(keys) + " on "
                + what + ": " + cause.getMessage(), e);
        }
        if (!set) {
            throw new IllegalStateException("The " + what + " does not take TCP-MD5 keys");
        }
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
                final var buffer = new SessionBuffer(sessionBufferLimit);
                router.buffer(buffer);
                // The event loop reads and frames; the session's worker decodes and applies, in order, taking
                // turns with the worker's other sessions.
                ctx.pipeline().addLast(new BmpFrameDecoder(framing, router, buffer));
                ctx.pipeline().addLast(new RouterSessionHandler(router, listener, onClose, buffer, workers.next()));
                ctx.pipeline().remove(this);
                ctx.fireChannelActive();
            }
        });
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** An open listener. */
    public final class Listener implements AutoCloseable {
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

        /**
         * Gives the listening socket the keys, under the collector's key lock.
         *
         * @return whether the listener is open
         */
        boolean applyKeys(final Map<InetAddress, byte[]> keys) {
            if (!channel.isOpen()) {
                return false;
            }
            // Without epoll there are no keys to set or remove (a key is refused before it gets here).
            if (epoll) {
                setTcpMd5(channel, keys, "BMP listener for " + requested);
            }
            return true;
        }

        @Override
        public void close() {
            listeners.remove(this);
            channel.close().syncUninterruptibly();
        }
    }

    /** A router the collector keeps dialling. */
    public final class Dialer implements AutoCloseable {
        private final InetSocketAddress router;
        private final long minRetry;
        private final long maxRetry;
        private final Map<InetAddress, byte[]> md5;
        private volatile boolean closed;
        private volatile Channel channel;
        private long delay;
        private final AtomicLong attempts = new AtomicLong();

        Dialer(final InetSocketAddress router, final long minRetry, final long maxRetry,
                final Map<InetAddress, byte[]> md5) {
            this.router = router;
            this.md5 = md5;
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
                        if (md5 != null) {
                            // Before connecting: the SYN is signed. If the key is refused, the channel closes and
                            // the attempt fails (and is retried) rather than going out unsigned.
                            setTcpMd5(ch, md5, "connection to BMP router " + router);
                        }
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

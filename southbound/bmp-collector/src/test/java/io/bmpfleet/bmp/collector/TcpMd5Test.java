package io.bmpfleet.bmp.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bmpfleet.bmp.codec.BmpEncoder;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.BmpTlv;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TCP-MD5 (RFC 2385) over real loopback TCP: the kernel drops the SYNs of a router that does not sign with the key
 * the collector holds for it, so such a router never gets a session; a router that signs gets one, whichever side
 * dials. Needs the epoll transport and a kernel with TCP_MD5SIG.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpMd5Test {
    private static final InetAddress LOOPBACK = address("127.0.0.1");
    private static final byte[] KEY = "bmp-fleet-md5-secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRONG_KEY = "not-the-md5-secret".getBytes(StandardCharsets.US_ASCII);
    /** Long enough for a few SYN retransmissions, short enough to keep the build quick. */
    private static final int CONNECT_TIMEOUT = 2_000;

    private BmpCollector collector;
    private BmpCollector.Listener listener;
    private EpollEventLoopGroup routers;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(BmpCollector.tcpMd5Supported(), "TCP-MD5 needs the native epoll transport");
        collector = new BmpCollector(1, new SessionListener() { });
        listener = collector.listen(new InetSocketAddress(LOOPBACK, 0));
        routers = new EpollEventLoopGroup(1);
    }

    @AfterEach
    void stop() {
        if (collector != null) {
            listener.close();
            collector.close();
        }
        if (routers != null) {
            routers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aRouterSigningWithItsKeyGetsASessionOnAListenerOpenedBeforeTheKeysWereSet() throws Exception {
        collector.setTcpMd5Keys(Map.of(LOOPBACK, KEY));
        final var router = signedConnect(KEY, listener.localAddress());
        try {
            assertThat(router.isSuccess()).as("connect with the key: %s", router.cause()).isTrue();
            sendInitiation(router.channel(), "md5-router");
            final var state = await(r -> "md5-router".equals(r.sysName()));
            assertThat(state.up()).isTrue();
            assertThat(state.remote().getAddress()).isEqualTo(LOOPBACK);
        } finally {
            router.channel().close().syncUninterruptibly();
        }
    }

    @Test
    void aRouterWithoutAKeyCannotConnectNeitherToAnOpenListenerNorToOneOpenedLater() throws Exception {
        collector.setTcpMd5Keys(Map.of(LOOPBACK, KEY));
        // The kernel drops the unsigned SYNs: no RST, the connect times out.
        assertThatThrownBy(() -> plainConnect(listener.localAddress()).close())
            .isInstanceOf(SocketTimeoutException.class);

        try (var later = collector.listen(new InetSocketAddress(LOOPBACK, 0))) {
            assertThatThrownBy(() -> plainConnect(later.localAddress()).close())
                .isInstanceOf(SocketTimeoutException.class);
            // The later listener holds the key: a signing router gets in there.
            final var router = signedConnect(KEY, later.localAddress());
            try {
                assertThat(router.isSuccess()).as("connect with the key: %s", router.cause()).isTrue();
                sendInitiation(router.channel(), "late-listener");
                assertThat(await(r -> "late-listener".equals(r.sysName())).up()).isTrue();
            } finally {
                router.channel().close().syncUninterruptibly();
            }
        }
        assertThat(collector.routers()).extracting(RouterState.RouterSnapshot::sysName)
            .containsExactly("late-listener");
    }

    @Test
    void aRouterSigningWithTheWrongKeyGetsNoSession() throws Exception {
        collector.setTcpMd5Keys(Map.of(LOOPBACK, KEY));
        final var router = signedConnect(WRONG_KEY, listener.localAddress());
        try {
            assertThat(router.isSuccess()).isFalse();
            assertThat(router.cause()).isInstanceOf(ConnectTimeoutException.class);
        } finally {
            router.channel().close().syncUninterruptibly();
        }
        assertThat(collector.routers()).isEmpty();
    }

    @Test
    void keysAreOnlyForTheRoutersListed() throws Exception {
        collector.setTcpMd5Keys(Map.of(address("127.0.0.2"), KEY));
        try (var plain = plainConnect(listener.localAddress())) {
            send(plain, initiation("unkeyed-router"));
            assertThat(await(r -> "unkeyed-router".equals(r.sysName())).up()).isTrue();
        }
    }

    @Test
    void removingTheKeysLetsAPlainRouterInAndSignedSessionsStayUp() throws Exception {
        collector.setTcpMd5Keys(Map.of(LOOPBACK, KEY));
        final var signed = signedConnect(KEY, listener.localAddress());
        try {
            assertThat(signed.isSuccess()).as("connect with the key: %s", signed.cause()).isTrue();
            sendInitiation(signed.channel(), "signed");
            await(r -> "signed".equals(r.sysName()));
            assertThatThrownBy(() -> plainConnect(listener.localAddress()).close())
                .isInstanceOf(SocketTimeoutException.class);

            collector.setTcpMd5Keys(Map.of());
            try (var plain = plainConnect(listener.localAddress())) {
                send(plain, initiation("plain"));
                assertThat(await(r -> "plain".equals(r.sysName())).up()).isTrue();
            }
            // The accepted session keeps the key it was accepted with, and goes on.
            sendInitiation(signed.channel(), "signed-again");
            assertThat(await(r -> "signed-again".equals(r.sysName())).up()).isTrue();
        } finally {
            signed.channel().close().syncUninterruptibly();
        }
    }

    @Test
    void theCollectorDialsARouterThatWantsTheKeyWithTheKey() throws Exception {
        final var accepted = new AtomicInteger();
        final var router = keyedRouterListener(KEY, "dialled-router", accepted);
        try (var dialer = collector.dial((InetSocketAddress) router.localAddress(), Duration.ofMillis(100),
                Duration.ofMillis(1_000), KEY)) {
            final var state = await(r -> "dialled-router".equals(r.sysName()));
            assertThat(state.up()).isTrue();
            assertThat(accepted.get()).isEqualTo(1);
            assertThat(dialer.attempts()).isEqualTo(1);
        } finally {
            router.close().syncUninterruptibly();
        }
    }

    @Test
    void dialsWithoutTheKeyOrWithTheWrongOneGetNoSession() throws Exception {
        final var accepted = new AtomicInteger();
        final var router = keyedRouterListener(KEY, "dialled-router", accepted);
        final var address = (InetSocketAddress) router.localAddress();
        // The connect timeout of a dial is its longest retry delay: 300 ms here.
        try (var unkeyed = collector.dial(address, Duration.ofMillis(50), Duration.ofMillis(300));
             var wrong = collector.dial(address, Duration.ofMillis(50), Duration.ofMillis(300), WRONG_KEY)) {
            for (int i = 0; i < 200 && (unkeyed.attempts() < 3 || wrong.attempts() < 3); i++) {
                Thread.sleep(25);
            }
            assertThat(unkeyed.attempts()).isGreaterThanOrEqualTo(3);
            assertThat(wrong.attempts()).isGreaterThanOrEqualTo(3);
            assertThat(accepted.get()).isZero();
            assertThat(collector.routers()).isEmpty();
        } finally {
            router.close().syncUninterruptibly();
        }
    }

    @Test
    void keysOfTheWrongLengthAreRefusedNamingTheRouterAndChangeNothing() throws Exception {
        final var other = address("127.0.0.2");
        assertThatThrownBy(() -> collector.setTcpMd5Keys(Map.of(LOOPBACK, KEY, other, new byte[0])))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.2")
            .hasMessageContaining("not 0 bytes");
        assertThatThrownBy(() -> collector.setTcpMd5Keys(Map.of(LOOPBACK, KEY, other, new byte[81])))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.2")
            .hasMessageContaining("not 81 bytes");
        final var router = new InetSocketAddress(LOOPBACK, 1179);
        assertThatThrownBy(() -> collector.dial(router, Duration.ofSeconds(1), Duration.ofSeconds(1), new byte[81]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> collector.dial(router, Duration.ofSeconds(1), Duration.ofSeconds(1), new byte[0]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");

        // Nothing of the refused maps was applied: a router without a key still gets in.
        try (var plain = plainConnect(listener.localAddress())) {
            send(plain, initiation("still-plain"));
            assertThat(await(r -> "still-plain".equals(r.sysName())).up()).isTrue();
        }

        // The limits themselves are taken: a key of 80 bytes works end to end.
        final byte[] longest = new byte[BmpCollector.MAX_TCP_MD5_KEY_LENGTH];
        for (int i = 0; i < longest.length; i++) {
            longest[i] = (byte) ('a' + i % 26);
        }
        collector.setTcpMd5Keys(Map.of(LOOPBACK, longest, other, new byte[] {42}));
        final var signed = signedConnect(longest, listener.localAddress());
        try {
            assertThat(signed.isSuccess()).as("connect with the 80-byte key: %s", signed.cause()).isTrue();
            sendInitiation(signed.channel(), "longest-key");
            assertThat(await(r -> "longest-key".equals(r.sysName())).up()).isTrue();
        } finally {
            signed.channel().close().syncUninterruptibly();
        }
    }

    @Test
    void withoutEpollKeysAreRefusedNotIgnored() throws Exception {
        try (var nio = new BmpCollector(1, new SessionListener() { }, false)) {
            assertThatThrownBy(() -> nio.setTcpMd5Keys(Map.of(LOOPBACK, KEY)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TCP-MD5 needs the native epoll transport");
            assertThatThrownBy(() -> nio.dial(new InetSocketAddress(LOOPBACK, 1179), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), KEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TCP-MD5 needs the native epoll transport");
            // Asking for no keys is fine, and the NIO listener works as ever.
            nio.setTcpMd5Keys(Map.of());
            try (var open = nio.listen(new InetSocketAddress(LOOPBACK, 0));
                 var plain = plainConnect(open.localAddress())) {
                send(plain, initiation("nio-router"));
                assertThat(await(nio, r -> "nio-router".equals(r.sysName())).up()).isTrue();
            }
        }
    }

    /**
     * Connects a router that signs its segments with the key; the key is set before connecting, and checked.
     *
     * @return the finished connect, successful or not
     */
    private ChannelFuture signedConnect(final byte[] key, final InetSocketAddress to) throws InterruptedException {
        final Channel channel = new Bootstrap().group(routers).channel(EpollSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT)
            .handler(new ChannelInboundHandlerAdapter())
            .register().sync().channel();
        assertThat(channel.config().setOption(EpollChannelOption.TCP_MD5SIG, Map.of(LOOPBACK, key))).isTrue();
        final var connected = channel.connect(to);
        assertThat(connected.await(CONNECT_TIMEOUT + 3_000)).as("connect finished in time").isTrue();
        return connected;
    }

    /**
     * A router's BMP listener that holds the key for 127.0.0.1 and sends an Initiation on each session.
     */
    private Channel keyedRouterListener(final byte[] key, final String sysName, final AtomicInteger accepted)
            throws InterruptedException {
        final Channel server = new ServerBootstrap().group(routers).channel(EpollServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    accepted.incrementAndGet();
                    ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(final ChannelHandlerContext ctx) {
                            ctx.writeAndFlush(Unpooled.wrappedBuffer(BmpEncoder.encode(initiation(sysName))));
                        }
                    });
                }
            })
            .register().sync().channel();
        assertThat(server.config().setOption(EpollChannelOption.TCP_MD5SIG, Map.of(LOOPBACK, key))).isTrue();
        server.bind(new InetSocketAddress(LOOPBACK, 0)).sync();
        return server;
    }

    private static Socket plainConnect(final InetSocketAddress to) throws IOException {
        final var socket = new Socket();
        try {
            socket.connect(to, CONNECT_TIMEOUT);
            socket.setSoTimeout(5_000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static BmpMessage initiation(final String sysName) {
        return new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, sysName)));
    }

    private static void sendInitiation(final Channel channel, final String sysName) throws InterruptedException {
        channel.writeAndFlush(Unpooled.wrappedBuffer(BmpEncoder.encode(initiation(sysName)))).sync();
    }

    private static void send(final Socket socket, final BmpMessage message) throws IOException {
        socket.getOutputStream().write(BmpEncoder.encode(message));
        socket.getOutputStream().flush();
    }

    private RouterState.RouterSnapshot await(final Predicate<RouterState.RouterSnapshot> condition)
            throws InterruptedException {
        return await(collector, condition);
    }

    private static RouterState.RouterSnapshot await(final BmpCollector of,
            final Predicate<RouterState.RouterSnapshot> condition) throws InterruptedException {
        return CollectorTests.awaitOn(of, condition, 5000);
    }

    private static InetAddress address(final String text) {
        return CollectorTests.address(text);
    }
}

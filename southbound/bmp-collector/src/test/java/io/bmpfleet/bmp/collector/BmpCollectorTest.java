package io.bmpfleet.bmp.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.bmp.codec.BmpEncoder;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.BmpTlv;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.Stat;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.Capability;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The collector over real loopback TCP: routers that follow the protocol, and routers that do not, side by side.
 */
class BmpCollectorTest {
    private static final InetAddress PEER = address("192.0.2.7");
    private static final PerPeerHeader HEADER = new PerPeerHeader(PerPeerHeader.GLOBAL_INSTANCE, 0, 0, PEER,
        65001, 0xC0000207L, 1_700_000_000L, 0);

    private BmpCollector collector;
    private BmpCollector.Listener listener;

    @BeforeEach
    void start() throws Exception {
        collector = new BmpCollector(2, new SessionListener() { });
        listener = collector.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        listener.close();
        collector.close();
    }

    @Test
    void aWellBehavedRouterIsKnownByNamePeersAndStatistics() throws Exception {
        try (var router = connect("127.0.0.1")) {
            send(router, new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, "frr-1"),
                BmpTlv.ofString(BmpTlv.SYS_DESCR, "FRRouting 8.4.4"))));
            send(router, peerUp());
            send(router, new BmpMessage.StatisticsReport(HEADER, List.of(new Stat.Counter(0, 3),
                new Stat.AfiSafiGauge(9, 2, 1, 42))));
            send(router, new BmpMessage.PeerDownNotification(HEADER,
                BmpMessage.PeerDownNotification.REMOTE_NOTIFICATION, new BgpMessage.Notification(6, 2, Bytes.EMPTY),
                0, List.of(), Bytes.EMPTY));

            final var state = await(r -> r.peers().size() == 1 && !r.peers().get(0).up());
            assertThat(state.sysName()).isEqualTo("frr-1");
            assertThat(state.sysDescr()).isEqualTo("FRRouting 8.4.4");
            final var peer = state.peers().get(0);
            assertThat(peer.header().address()).isEqualTo(PEER);
            assertThat(peer.stats()).containsEntry(new RouterState.StatKey(0, 0, 0), 3L)
                .containsEntry(new RouterState.StatKey(9, 2, 1), 42L);
            assertThat(peer.downReason()).isEqualTo("remote system closed, NOTIFICATION received (code 6, subcode 2)");
            assertThat(state.messages()[BmpMessage.INITIATION]).isEqualTo(1);
            assertThat(state.messages()[BmpMessage.PEER_UP_NOTIFICATION]).isEqualTo(1);
            assertThat(state.decodeErrors()).isZero();
        }
        final var ended = await(r -> !r.up());
        assertThat(ended.termination()).isEqualTo("connection closed");
    }

    @Test
    void twoRoutersFromOneAddressAreTwoSessionsAndAnEndedOneGoesWhenItsAddressComesBack() throws Exception {
        try (var first = connect("127.0.0.1"); var second = connect("127.0.0.1")) {
            send(first, new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, "r1"))));
            send(second, new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, "r2"))));
            await(r -> "r1".equals(r.sysName()));
            await(r -> "r2".equals(r.sysName()));
            first.close();
            assertThat(await(r -> "r1".equals(r.sysName()) && !r.up()).termination()).isEqualTo("connection closed");
            assertThat(await(r -> "r2".equals(r.sysName())).up()).isTrue();
            try (var again = connect("127.0.0.1")) {
                send(again, new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, "r1"))));
                await(r -> "r1".equals(r.sysName()) && r.up());
                assertThat(collector.routers()).extracting(RouterState.RouterSnapshot::sysName)
                    .containsExactlyInAnyOrder("r1", "r2");
            }
        }
    }

    @Test
    void terminationReasonIsKept() throws Exception {
        try (var router = connect("127.0.0.1")) {
            send(router, new BmpMessage.TerminationMessage(List.of(new BmpTlv(BmpTlv.TERMINATION_REASON,
                BmpTlv.NO_INDEX, Bytes.of((byte) 0, (byte) 2)))));
        }
        assertThat(await(r -> !r.up()).termination()).isEqualTo("out of resources");
    }

    @Test
    void garbageClosesOnlyItsOwnSessionAndAMalformedMessageIsCountedNotFatal() throws Exception {
        try (var good = connect("127.0.0.1"); var bad = connect("127.0.0.1")) {
            send(good, peerUp());
            // A framed message whose body is nonsense: counted, and the session goes on.
            final byte[] bogusPeerUp = {3, 0, 0, 0, 12, 3, 9, 9, 9, 9, 9, 9};
            good.getOutputStream().write(bogusPeerUp);
            // A stream that cannot be framed at all: version 7.
            bad.getOutputStream().write(new byte[] {7, 0, 0, 0, 6, 4, 1, 2, 3});
            bad.getOutputStream().flush();
            send(good, new BmpMessage.StatisticsReport(HEADER, List.of(new Stat.Counter(1, 5))));

            final var badState = await(r -> r.remote().getPort() == bad.getLocalPort() && !r.up());
            assertThat(badState.decodeErrors()).isEqualTo(1);
            assertThat(badState.lastError()).startsWith("framing: ");
            final var goodState = await(r -> r.remote().getPort() == good.getLocalPort()
                && r.messages()[BmpMessage.STATISTICS_REPORT] == 1);
            assertThat(goodState.up()).isTrue();
            assertThat(goodState.decodeErrors()).isEqualTo(1);
            assertThat(goodState.peers().get(0).stats()).containsEntry(new RouterState.StatKey(1, 0, 0), 5L);
        }
    }

    @Test
    void aHundredMegabyteBurstFromOneRouterDoesNotStallAnother() throws Exception {
        final var update = new BmpMessage.RouteMonitoring(HEADER, new BgpMessage.Update(List.of(), List.of(
            new PathAttribute.Origin(0), new PathAttribute.AsPath(List.of(new PathAttribute.AsPathSegment(2,
                List.of(65001L, 65002L, 65003L)))), new PathAttribute.NextHop(Bytes.fromHex("c0000201"))),
            List.of(Nlri.Prefix.parse("198.51.100.0/24"), Nlri.Prefix.parse("203.0.113.0/24"))), List.of());
        final byte[] message = BmpEncoder.encode(update);
        final byte[] chunk = CollectorTests.mebibyteOf(message);
        final int perChunk = chunk.length / message.length;
        final long sent = 100L * perChunk;

        try (var flood = connect("127.0.0.1"); var quiet = connect("127.0.0.2")) {
            send(quiet, peerUp());
            final var flooder = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        flood.getOutputStream().write(chunk);
                    }
                    flood.getOutputStream().flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            flooder.start();
            // While the flood runs, the quiet router's Statistics Reports keep being processed.
            for (int i = 1; i <= 20; i++) {
                send(quiet, new BmpMessage.StatisticsReport(HEADER, List.of(new Stat.Counter(1, i))));
                final long expected = i;
                await(r -> r.remote().getPort() == quiet.getLocalPort()
                    && r.messages()[BmpMessage.STATISTICS_REPORT] == expected);
            }
            flooder.join(60_000);
            final var flooded = await(r -> r.remote().getPort() == flood.getLocalPort()
                && r.messages()[BmpMessage.ROUTE_MONITORING] == sent, 60_000);
            assertThat(flooded.bytes()[BmpMessage.ROUTE_MONITORING]).isEqualTo(sent * message.length);
            assertThat(flooded.decodeErrors()).isZero();
        }
    }

    /**
     * A router whose messages cannot be processed as fast as it sends them (here: the listener is held) fills its
     * session buffer to the limit, then the collector stops reading and TCP stops the router; released, the
     * session works its backlog off and reads again, and every message arrives.
     */
    @Test
    void aSessionBehindItsWorkerStopsBeingReadAtTheBufferLimit() throws Exception {
        final var gate = new CountDownLatch(1);
        final var slow = new BmpCollector(1, new SessionListener() {
            @Override
            public void message(final RouterState router, final BmpMessage message) {
                try {
                    gate.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        final long limit = 256 * 1024;
        slow.setSessionBufferLimit(limit);
        final var stats = BmpEncoder.encode(new BmpMessage.StatisticsReport(HEADER, List.of(new Stat.Counter(1, 7))));
        final byte[] chunk = CollectorTests.mebibyteOf(stats);
        final int perChunk = chunk.length / stats.length;
        // 64 MiB: far more than the limit plus what the kernel's socket buffers on loopback can take
        final long sent = 64L * perChunk;
        final var writtenChunks = new AtomicLong();
        try (var slowListener = slow.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             var router = new Socket()) {
            router.connect(slowListener.localAddress(), 5000);
            final var flooder = new Thread(() -> {
                try {
                    for (int i = 0; i < 64; i++) {
                        router.getOutputStream().write(chunk);
                        writtenChunks.incrementAndGet();
                    }
                    router.getOutputStream().flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            flooder.start();
            awaitOn(slow, r -> r.readPauses() > 0, 10_000);
            // the read in progress when the limit was passed is framed to its end; after that nothing grows
            Thread.sleep(500);
            final var paused = awaitOn(slow, r -> true, 1000);
            Thread.sleep(1000);
            final var held = awaitOn(slow, r -> true, 1000);
            // held: no more than the limit, one socket read (Netty reads at most 64 KiB at a time) and a message
            assertThat(held.bufferBytes()).isBetween(limit, limit + 65536 + stats.length);
            assertThat(held.bufferBytes()).isEqualTo(paused.bufferBytes());
            assertThat(flooder.isAlive()).as("TCP pushes back on the router").isTrue();
            assertThat(writtenChunks.get()).isLessThan(64);

            gate.countDown();
            flooder.join(60_000);
            final var done = awaitOn(slow, r -> r.messages()[BmpMessage.STATISTICS_REPORT] == sent, 60_000);
            assertThat(done.bufferBytes()).isZero();
            assertThat(done.decodeErrors()).isZero();
        } finally {
            gate.countDown();
            slow.close();
        }
    }

    /**
     * Two routers on one worker, one flooding with messages that are slow to process: the quiet router's messages
     * do not wait behind the flood's backlog, only behind a turn of it. Counted in the flood's messages processed
     * between sending a quiet message and its processing, not in time, so a slow machine cannot fake it.
     */
    @Test
    void aFloodOnTheSameWorkerDelaysAnotherRouterOnlyByATurn() throws Exception {
        final var floodProcessed = new AtomicLong();
        final var quietSeenAt = new java.util.concurrent.ConcurrentHashMap<Long, Long>();
        final var floodPort = new AtomicLong(-1);
        final var shared = new BmpCollector(1, new SessionListener() {
            @Override
            public void message(final RouterState router, final BmpMessage message) {
                if (router.remote().getPort() == floodPort.get()) {
                    floodProcessed.incrementAndGet();
                    final long until = System.nanoTime() + 2_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                } else if (message instanceof BmpMessage.StatisticsReport report) {
                    quietSeenAt.put(((Stat.Counter) report.stats().get(0)).value(), floodProcessed.get());
                }
            }
        }, BmpCollector.tcpMd5Supported(), 1);
        shared.setSessionBufferLimit(8L * 1024 * 1024);
        final var stats = BmpEncoder.encode(new BmpMessage.StatisticsReport(HEADER, List.of(new Stat.Counter(1, 7))));
        final byte[] chunk = CollectorTests.mebibyteOf(stats);
        final int perChunk = chunk.length / stats.length;
        final long perTurn = RouterSessionHandler.QUANTUM / stats.length + perChunk;
        try (var sharedListener = shared.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             var flood = new Socket(); var quiet = new Socket()) {
            flood.connect(sharedListener.localAddress(), 5000);
            quiet.connect(sharedListener.localAddress(), 5000);
            floodPort.set(flood.getLocalPort());
            final var flooder = new Thread(() -> {
                try {
                    for (int i = 0; i < 64; i++) {
                        flood.getOutputStream().write(chunk);
                    }
                } catch (IOException e) {
                    // the test ended first
                }
            });
            flooder.setDaemon(true);
            flooder.start();
            // the flood's backlog fills up to the limit
            awaitOn(shared, r -> r.remote().getPort() == flood.getLocalPort() && r.readPauses() > 0, 20_000);
            int measured = 0;
            for (long i = 1; i <= 10; i++) {
                final long backlog = awaitOn(shared, r -> r.remote().getPort() == flood.getLocalPort(), 1000)
                    .bufferBytes();
                final long before = floodProcessed.get();
                send(quiet, new BmpMessage.StatisticsReport(HEADER, List.of(new Stat.Counter(1, i))));
                final long id = i;
                awaitOn(shared, r -> quietSeenAt.containsKey(id), 20_000);
                final long floodInBetween = quietSeenAt.get(id) - before;
                if (backlog > 4L * 1024 * 1024) {
                    // a FIFO worker would have worked the whole backlog (> 80,000 messages) off first
                    measured++;
                    assertThat(floodInBetween).as("flood messages processed while quiet message %d waited (backlog"
                        + " %d bytes)", id, backlog).isLessThanOrEqualTo(3 * perTurn);
                }
            }
            assertThat(measured).as("quiet messages sent while the flood had a backlog of over 4 MiB").isPositive();
        } finally {
            shared.close();
        }
    }

    @Test
    void anOversizedMessageIsAFramingError() throws Exception {
        collector.setMaxMessageSize(4096);
        try (var router = connect("127.0.0.1")) {
            router.getOutputStream().write(new byte[] {3, 0, 0, 0x10, 1, 4});
            router.getOutputStream().flush();
            final var state = await(r -> !r.up());
            assertThat(state.lastError()).contains("4097").contains("4096");
        }
    }

    @Test
    void sourcesOutsideTheAllowedPrefixesAreRefusedAndCounted() throws Exception {
        collector.setAllowedSources(List.of(SourcePrefix.parse("127.0.0.2/32")));
        try (var refused = connect("127.0.0.1")) {
            assertThat(refused.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(collector.refusedConnections()).isEqualTo(1);
        try (var allowed = connect("127.0.0.2")) {
            send(allowed, peerUp());
            assertThat(await(r -> r.remote().getAddress().getHostAddress().equals("127.0.0.2")
                && r.peers().size() == 1).up()).isTrue();
        }
    }

    @Test
    void theCollectorDialsAListeningRouterAndRedialsWithBackoff() throws Exception {
        try (var routerSide = boundedServer();
             var dialer = collector.dial((InetSocketAddress) routerSide.getLocalSocketAddress(),
                 Duration.ofMillis(100), Duration.ofMillis(400))) {
            try (var session = routerSide.accept()) {
                send(session, new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(BmpTlv.SYS_NAME, "r-passive"))));
                await(r -> "r-passive".equals(r.sysName()));
            }
            // The router closed the session: the collector comes back by itself.
            try (var again = routerSide.accept()) {
                assertThat(again.isConnected()).isTrue();
                assertThat(dialer.attempts()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    private static ServerSocket boundedServer() throws IOException {
        final var server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        // accept() gives up instead of hanging the build when the collector does not dial.
        server.setSoTimeout(10_000);
        return server;
    }

    private Socket connect(final String source) throws IOException {
        final var socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(listener.localAddress(), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(final Socket socket, final BmpMessage message) throws IOException {
        socket.getOutputStream().write(BmpEncoder.encode(message));
        socket.getOutputStream().flush();
    }

    private static BmpMessage.PeerUpNotification peerUp() {
        final var open = new BgpMessage.Open(4, 65001, 90, 0xC0000207L,
            List.of(new Capability.Multiprotocol(1, 1), new Capability.FourOctetAs(65001)), List.of());
        return new BmpMessage.PeerUpNotification(HEADER, address("192.0.2.1"), 179, 40000, open, open, List.of());
    }

    private RouterState.RouterSnapshot await(final Predicate<RouterState.RouterSnapshot> condition)
            throws InterruptedException {
        return await(condition, 5_000);
    }

    private RouterState.RouterSnapshot await(final Predicate<RouterState.RouterSnapshot> condition,
            final long millis) throws InterruptedException {
        return awaitOn(collector, condition, millis);
    }

    private static RouterState.RouterSnapshot awaitOn(final BmpCollector on,
            final Predicate<RouterState.RouterSnapshot> condition, final long millis) throws InterruptedException {
        return CollectorTests.awaitOn(on, condition, millis);
    }

    private static InetAddress address(final String text) {
        return CollectorTests.address(text);
    }
}

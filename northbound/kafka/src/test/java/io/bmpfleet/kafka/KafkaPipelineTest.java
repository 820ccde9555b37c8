/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.monitoring.SessionFeeder;
import io.bmpfleet.bmp.codec.BmpEncoder;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.BmpTlv;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.Capability;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.bmp.collector.BmpCollector;
import io.bmpfleet.rib.RouterId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The export against a real Kafka broker (KRaft, in its own JVM), fed by the real collector over TCP, read back by
 * Debian's kcat: what a router sends arrives in OpenBMP's formats, a broker that goes away loses nothing but what
 * the state counts, and after it is back the gap is marked and the RIB's snapshot makes the consumer whole.
 */
public class KafkaPipelineTest {
    private static final InetAddress PEER = address("192.0.2.7");
    private static final PerPeerHeader HEADER = new PerPeerHeader(PerPeerHeader.GLOBAL_INSTANCE, 0, 0, PEER, 65001,
        0xC0000207L, 1_700_000_000L, 0);
    private static Path home;
    private static KafkaBroker broker;

    private final EventBus bus = new EventBus();
    private final SessionFeeder feeder = new SessionFeeder(bus);
    private final BmpCollector collector = new BmpCollector(1, feeder);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeClass
    public static void startBroker() throws Exception {
        // Fails (does not skip) without kcat: CI installs it.
        assertThat(Kcat.present()).as(".ci/run must install kcat (apt-get install -y kcat)").isTrue();
        home = Files.createTempDirectory("bmpfleet-kafka");
        broker = new KafkaBroker(home);
        broker.start();
    }

    @AfterClass
    public static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @After
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        collector.close();
    }

    /**
     * A router's Initiation, Peer Up, routes and a Statistics Report: bmp_raw holds each message byte for byte
     * behind OpenBMP's header; the parsed topics hold the router, the peer, every route with its attributes and
     * the statistics, keyed as OpenBMP keys them; the state counts what the broker acknowledged.
     */
    @Test
    public void whatARouterSendsArrivesInOpenBmpsFormats() throws Exception {
        final var pipeline = start(settings("formats", KafkaSettings.DEFAULT_BUFFER), false);
        final var sent = new ArrayList<byte[]>();
        try (var router = connect()) {
            sent.add(send(router, new BmpMessage.InitiationMessage(List.of(BmpTlv.ofString(1, "FRRouting 10.3"),
                BmpTlv.ofString(2, "edge1")))));
            sent.add(send(router, peerUp()));
            sent.add(send(router, routes(List.of(), List.of("10.0.0.0/8", "10.1.0.0/16"), 65002)));
            sent.add(send(router, routes(List.of("10.1.0.0/16"), List.of("192.0.2.0/24"), 65003)));
            sent.add(send(router, new BmpMessage.StatisticsReport(HEADER, List.of(
                new io.bmpfleet.bmp.codec.Stat.Counter(7, 3L)), List.of())));
            await(() -> pipeline.status().topics().get("formats.parsed.bmp_stat").messagesSent() == 1,
                "the statistics acknowledged");
        }
        final String bootstrap = broker.bootstrap();

        final var raw = Kcat.read(bootstrap, "formats.bmp_raw");
        assertThat(raw).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            final var value = ByteBuffer.wrap(raw.get(i).value());
            assertThat(value.getInt()).as("magic OBMP").isEqualTo(0x4F424D50);
            assertThat(value.get()).isEqualTo((byte) 1);
            assertThat(value.get()).isEqualTo((byte) 7);
            final int headerLength = value.getShort();
            assertThat(value.getInt()).isEqualTo(sent.get(i).length);
            assertThat(Arrays.copyOfRange(raw.get(i).value(), headerLength, raw.get(i).value().length))
                .as("message %d as the router sent it", i).isEqualTo(sent.get(i));
            assertThat(raw.get(i).key()).as("keyed by the router's hash").hasSize(16);
        }

        final var routers = Kcat.records(Kcat.read(bootstrap, "formats.parsed.router"));
        assertThat(routers).hasSize(2);
        assertThat(routers.get(0)).startsWith("init", "0", "edge1");
        assertThat(routers.get(0)[4]).isEqualTo("127.0.0.1");
        assertThat(routers.get(0)[5]).isEqualTo("FRRouting 10.3");
        assertThat(routers.get(1)).startsWith("term", "1");
        assertThat(routers.get(1)[7]).as("the session's end").isEqualTo("connection closed");

        final var peers = Kcat.records(Kcat.read(bootstrap, "formats.parsed.peer"));
        assertThat(peers).hasSize(1);
        assertThat(peers.get(0)[0]).isEqualTo("up");
        assertThat(peers.get(0)[9]).as("peer address").isEqualTo("192.0.2.7");
        assertThat(peers.get(0)[8]).as("peer AS").isEqualTo("65001");
        assertThat(peers.get(0)[13]).as("local address").isEqualTo("192.0.2.1");

        final var prefixMessages = Kcat.read(bootstrap, "formats.parsed.unicast_prefix");
        assertThat(prefixMessages).hasSize(2);
        assertThat(prefixMessages.get(0).text()).startsWith("V: 1.7\nC_HASH_ID: "
            + OpenBmpIds.hex(OpenBmpIds.collector("bmpfleet")) + "\nT: unicast_prefix\n");
        assertThat(new String(prefixMessages.get(0).key(), StandardCharsets.US_ASCII)).as("keyed by the peer's hash")
            .isEqualTo(peers.get(0)[2]);
        final var prefixes = Kcat.records(prefixMessages);
        assertThat(prefixes).extracting(r -> r[0] + " " + r[10] + "/" + r[11] + " " + r[14])
            .containsExactly("add 10.0.0.0/8  65001 65002", "add 10.1.0.0/16  65001 65002", "del 10.1.0.0/16 ",
                "add 192.0.2.0/24  65001 65003");
        assertThat(prefixes.get(0)[17]).as("next hop").isEqualTo("192.0.2.1");
        assertThat(prefixes.get(0)[6]).as("peer hash").isEqualTo(peers.get(0)[2]);

        final var stats = Kcat.records(Kcat.read(bootstrap, "formats.parsed.bmp_stat"));
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0)[15]).as("type 7: updates with AS_PATH loops... counters 0-8 in order")
            .isEqualTo("3");

        final var status = pipeline.status();
        assertThat(status.topics().get("formats.parsed.unicast_prefix").recordsSent()).isEqualTo(4);
        assertThat(status.topics().get("formats.bmp_raw").messagesSent()).isEqualTo(sent.size());
        assertThat(status.topics().values()).allSatisfy(topic -> assertThat(topic.dropped()).isZero());
        assertThat(status.state()).isEqualTo(KafkaPipeline.State.CONNECTED);
    }

    /**
     * A buffer too small for what a router sends: the router's session is read to the end and the RIB holds every
     * route; the export drops what does not fit and says so per topic.
     */
    @Test
    public void aFullBufferDropsAndCountsButNeverStallsTheRouter() throws Exception {
        // No broker at all behind this address: nothing leaves the producer, the buffer fills.
        final var settings = new KafkaSettings(List.of("127.0.0.1:" + KafkaBroker.freePort()), "nobroker",
            Set.of(), "bmpfleet", "all", "lz4", 1 << 20, Duration.ofSeconds(30), true, Duration.ZERO, "PLAINTEXT",
            "PLAIN", null, null);
        final var pipeline = start(settings, false);
        try (var router = connect()) {
            send(router, peerUp());
            sendTable(router, 0, 50_000);
            await(() -> ribRoutes(router) == 50_000, "all routes in the RIB");
        }
        await(() -> pipeline.status().topics().get("nobroker.parsed.unicast_prefix").dropped() > 0, "drops");
        final var status = pipeline.status();
        assertThat(status.topics().get("nobroker.parsed.unicast_prefix").lastError()).contains("buffer full");
        assertThat(status.state()).isEqualTo(KafkaPipeline.State.CONNECTING);
        assertThat(status.bufferedBytes()).isPositive().isLessThanOrEqualTo(settings.queueBytes());
    }

    /**
     * The broker stops in the middle of a table and starts again: ingest goes on while it is away, the export counts
     * what it could not send, and once the broker is back a gap marker and a snapshot arrive, after which the
     * consumer's view of the peer's routes equals the RIB.
     */
    @Test
    public void aBrokerThatGoesAwayLeavesAGapMarkerAndASnapshotThatMakeTheConsumerWhole() throws Exception {
        final var settings = new KafkaSettings(List.of(broker.bootstrap()), "gap", Set.of(ExportTopic.PEER,
            ExportTopic.UNICAST_PREFIX), "bmpfleet", "all", "lz4", KafkaSettings.DEFAULT_BUFFER,
            Duration.ofSeconds(11), true, Duration.ZERO, "PLAINTEXT", "PLAIN", null, null);
        final var pipeline = start(settings, false);
        try (var router = connect()) {
            send(router, peerUp());
            sendTable(router, 0, 5_000);
            await(() -> pipeline.status().topics().get("gap.parsed.unicast_prefix").recordsSent() == 5_000,
                "the first 5,000 routes acknowledged");

            broker.stop();
            sendTable(router, 5_000, 20_000);
            // and some of the first ones go
            send(router, routes(List.of("10.0.0.0/24", "10.0.1.0/24"), List.of(), 65002));
            await(() -> ribRoutes(router) == 24_998, "ingest goes on: the RIB has every route");
            await(() -> pipeline.status().topics().get("gap.parsed.unicast_prefix").dropped() > 0,
                "what the broker did not take counted as dropped");
            assertThat(pipeline.status().state()).isEqualTo(KafkaPipeline.State.DISCONNECTED);

            broker.start();
            await(() -> pipeline.status().snapshots() >= 1, "a snapshot after the gap");
            assertThat(pipeline.status().gaps()).isPositive();
            assertThat(pipeline.status().snapshotRoutes()).isEqualTo(24_998 * pipeline.status().snapshots());

            final var messages = Kcat.read(broker.bootstrap(), "gap.parsed.unicast_prefix");
            assertThat(messages).anySatisfy(m -> assertThat(m.text()).contains("BMPFLEET_MARKER: gap\n")
                .contains("BMPFLEET_TOPIC: gap.parsed.unicast_prefix\n").contains("BMPFLEET_DROPPED: "));
            assertThat(messages).anySatisfy(m -> assertThat(m.text()).contains("BMPFLEET_MARKER: snapshot-end\n")
                .contains("BMPFLEET_ROUTES: 24998\n"));
            final var view = consumerView(messages);
            final var rib = new HashSet<String>();
            feeder.tables(new RouterId(InetAddress.getLoopbackAddress(), router.getLocalPort())).forEach(table ->
                table.forEach(route -> rib.add(route.key().prefix().toString())));
            assertThat(rib).hasSize(24_998);
            assertThat(view).hasSize(1);
            assertThat(view.values().iterator().next()).isEqualTo(rib);
        }
    }

    /**
     * What a consumer that knows the markers keeps: per peer, the routes added and not deleted since that peer's
     * last snapshot began.
     */
    private static Map<String, Set<String>> consumerView(final List<Kcat.Message> messages) {
        final var view = new HashMap<String, Set<String>>();
        for (var message : messages) {
            final String text = message.text();
            final int split = text.indexOf("\n\n");
            final String head = text.substring(0, split);
            if (head.contains("BMPFLEET_MARKER: snapshot-begin")) {
                view.put(header(head, "BMPFLEET_PEER_HASH_ID"), new HashSet<>());
                continue;
            }
            for (var line : text.substring(split + 2).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                final String[] fields = line.split("\t", -1);
                final var routes = view.computeIfAbsent(fields[6], peer -> new HashSet<>());
                if ("add".equals(fields[0])) {
                    routes.add(fields[10] + "/" + fields[11]);
                } else {
                    routes.remove(fields[10] + "/" + fields[11]);
                }
            }
        }
        return view;
    }

    private static String header(final String head, final String name) {
        for (var line : head.split("\n")) {
            if (line.startsWith(name + ": ")) {
                return line.substring(name.length() + 2);
            }
        }
        throw new AssertionError("no " + name + " in " + head);
    }

    private KafkaSettings settings(final String prefix, final long buffer) {
        return new KafkaSettings(List.of(broker.bootstrap()), prefix, Set.of(), "bmpfleet", "all", "lz4", buffer,
            Duration.ofSeconds(30), true, Duration.ZERO, "PLAINTEXT", "PLAIN", null, null);
    }

    private KafkaPipeline start(final KafkaSettings settings, final boolean snapshotAtStart) throws Exception {
        final var pipeline = new KafkaPipeline(settings, settings.producerProperties(name -> {
            throw new AssertionError("no credentials asked for");
        }), bus, feeder, KafkaPipeline::kafkaProducer, snapshotAtStart);
        toClose.add(pipeline);
        await(pipeline::rendered, "the export subscribed");
        return pipeline;
    }

    private Socket connect() throws Exception {
        final var listener = collector.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final var socket = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private long ribRoutes(final Socket router) {
        return feeder.counts(new RouterId(InetAddress.getLoopbackAddress(), router.getLocalPort())).values().stream()
            .mapToLong(Integer::longValue).sum();
    }

    /** Routes 10.x.y.0/24 numbered from {@code first}, 100 per UPDATE. */
    private static void sendTable(final Socket router, final int first, final int count) throws IOException {
        final var batch = new ArrayList<String>(100);
        for (int n = first; n < first + count; n++) {
            batch.add("10." + (n >> 8 & 0xFF) + "." + (n & 0xFF) + ".0/24");
            if (batch.size() == 100 || n == first + count - 1) {
                send(router, routes(List.of(), batch, 65002 + n % 7));
                batch.clear();
            }
        }
    }

    private static BmpMessage peerUp() {
        final var open = new BgpMessage.Open(4, 65001, 90, 0xC0000207L,
            List.of(new Capability.Multiprotocol(1, 1)), List.of());
        return new BmpMessage.PeerUpNotification(HEADER, address("192.0.2.1"), 179, 40000, open, open, List.of());
    }

    private static BmpMessage routes(final List<String> withdrawn, final List<String> announced, final long as) {
        return new BmpMessage.RouteMonitoring(HEADER, new BgpMessage.Update(
            withdrawn.stream().map(p -> (Nlri) Nlri.Prefix.parse(p)).toList(),
            announced.isEmpty() ? List.of() : List.of(new PathAttribute.Origin(0),
                new PathAttribute.AsPath(List.of(new PathAttribute.AsPathSegment(2, List.of(65001L, as)))),
                new PathAttribute.NextHop(Bytes.fromHex("c0000201"))),
            announced.stream().map(p -> (Nlri) Nlri.Prefix.parse(p)).toList()), List.of());
    }

    private static byte[] send(final Socket socket, final BmpMessage message) throws IOException {
        final byte[] bytes = BmpEncoder.encode(message);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return bytes;
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static InetAddress address(final String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.bmpfleet.bmp.codec.tool.TsharkOracle;
import io.bmpfleet.kafka.KafkaBroker;
import io.bmpfleet.kafka.Kcat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka export in the distribution: a real KRaft broker on loopback, real FRR and GoBGP reporting to the
 * controller, the export enabled over RESTCONF, and Debian's kcat reading the topics. The raw topic's messages,
 * stripped of OpenBMP's header, decode with ./bmp-decode and as tshark dissects them; the parsed prefix topic has
 * every route GoBGP was given, with its attributes; a snapshot asked for over RESTCONF arrives between its markers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaSystemTest {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSystemTest.class);
    private static final String INTENT = "/rests/data/bmpfleet-intent:bmpfleet";
    private static final String KAFKA_STATE = "/rests/data/bmpfleet-state:bmpfleet-state/export/kafka";
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int ROUTES = 50;
    private static final String PREFIX = "fleet";

    private static KarafInstance karaf;
    private static RouterLab lab;
    private static KafkaBroker broker;
    private static int bmpPort;

    @BeforeAll
    static void bootBrokerControllerAndRouters() throws Exception {
        // Fails (does not skip) without the routers or kcat: CI installs them.
        RouterLab.Binaries.find();
        assertThat(Kcat.present()).as(".ci/run must install kcat (apt-get install -y kcat)").isTrue();
        final var target = Path.of(System.getProperty("bmpfleet.workdir", "target/system-test")).toAbsolutePath()
            .getParent();
        final var brokerHome = target.resolve("kafka-broker");
        if (Files.exists(brokerHome)) {
            new ProcessBuilder("rm", "-rf", brokerHome.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
        Files.createDirectories(brokerHome);
        broker = new KafkaBroker(brokerHome);
        broker.start();
        karaf = KarafInstance.unpack(Path.of(System.getProperty("bmpfleet.dist")), target.resolve("system-test-kafka"));
        LOG.info("bmpfleet distribution: first RESTCONF answer {} ms after bin/start", karaf.start().toMillis());

        bmpPort = KarafInstance.freePort();
        final var listener = karaf.send("PUT", INTENT + "/collector/listener=kafka", """
            {"bmpfleet-intent:listener": [{"name": "kafka", "address": "127.0.0.1", "port": %d}]}"""
            .formatted(bmpPort));
        assertThat(listener.statusCode()).as(listener.body()).isIn(200, 201, 204);
        final var export = karaf.send("PUT", INTENT + "/export/kafka", """
            {"bmpfleet-intent:kafka": {"enabled": true, "bootstrap-server": ["%s"], "topic-prefix": "%s",
              "collector-name": "bmpfleet-system-test"}}""".formatted(broker.bootstrap(), PREFIX));
        assertThat(export.statusCode()).as(export.body()).isIn(200, 201, 204);
        awaitExport("the export connected", kafka -> "connected".equals(text(kafka, "state")));

        lab = RouterLab.create(target.resolve("kafka-routers"), bmpPort);
        lab.startGobgp();
        lab.startFrr();
        lab.awaitEstablished(Duration.ofSeconds(30));
        lab.addIpv4Routes(ROUTES);
    }

    @AfterAll
    static void shutdown() throws Exception {
        try {
            if (lab != null) {
                lab.close();
            }
        } finally {
            try {
                if (karaf != null) {
                    karaf.close();
                }
            } finally {
                if (broker != null) {
                    broker.close();
                }
            }
        }
    }

    /** FRR's pre-policy Adj-RIB-In for GoBGP, on the parsed prefix topic: every route, with its attributes. */
    @Test
    @Order(1)
    void theParsedPrefixTopicHasEveryInjectedRouteWithItsAttributes() throws Exception {
        final Map<String, String[]> routes = new LinkedHashMap<>();
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (routes.size() < ROUTES && System.nanoTime() < deadline) {
            routes.clear();
            for (var record : Kcat.records(Kcat.read(broker.bootstrap(), PREFIX + ".parsed.unicast_prefix"))) {
                // FRR's peer GoBGP, pre-policy ([29] is_pre_policy), IPv4 10.77/16
                if ("add".equals(record[0]) && RouterLab.GOBGP_ADDRESS.equals(record[7]) && "1".equals(record[29])
                        && record[10].startsWith("10.77.")) {
                    routes.put(record[10] + "/" + record[11], record);
                }
            }
            Thread.sleep(500);
        }
        assertThat(routes).as("FRR's pre-policy routes from GoBGP on %s.parsed.unicast_prefix", PREFIX)
            .hasSize(ROUTES);
        for (int i = 0; i < ROUTES; i++) {
            final String[] record = routes.get("10.77." + i + ".0/24");
            assertThat(record).as("route 10.77.%d.0/24", i).isNotNull();
            assertThat(record[17]).as("next hop").isEqualTo(RouterLab.NEXT_HOP);
            assertThat(record[12]).as("is IPv4").isEqualTo("1");
            if (i % 5 == 0) {
                assertThat(record[21]).as("communities of 10.77.%d.0/24", i).contains(RouterLab.AS + ":" + i);
                assertThat(record[18]).as("MED").isEqualTo(String.valueOf(i));
            }
        }
        final var kafka = awaitExport("records counted as sent", k -> topic(k, "parsed.unicast_prefix")
            .map(t -> number(t, "records-sent") >= ROUTES).orElse(false));
        assertThat(number(topic(kafka, "parsed.unicast_prefix").orElseThrow(), "dropped")).isZero();
        final var peers = Kcat.records(Kcat.read(broker.bootstrap(), PREFIX + ".parsed.peer"));
        assertThat(peers).anySatisfy(peer -> assertThat(peer).startsWith("up").contains(RouterLab.GOBGP_ADDRESS));
        final var routers = Kcat.records(Kcat.read(broker.bootstrap(), PREFIX + ".parsed.router"));
        assertThat(routers).anySatisfy(router -> assertThat(router[2]).isEqualTo(RouterLab.FRR_HOSTNAME));
        assertThat(routers).anySatisfy(router -> assertThat(router[2]).isEqualTo(RouterLab.GOBGP_SYS_NAME));
    }

    /**
     * The raw topic, each message's OpenBMP header taken off and the routers' streams laid into a capture, decodes
     * with ./bmp-decode and agrees field by field with tshark's BMP dissector.
     */
    @Test
    @Order(2)
    void theRawTopicDecodesWithBmpDecodeAndTshark() throws Exception {
        final var raw = Kcat.read(broker.bootstrap(), PREFIX + ".bmp_raw");
        assertThat(raw).as("messages on %s.bmp_raw", PREFIX).isNotEmpty();
        final Map<String, ByteArrayOutputStream> streams = new LinkedHashMap<>();
        final var all = new ByteArrayOutputStream();
        for (var message : raw) {
            final var value = ByteBuffer.wrap(message.value());
            assertThat(value.getInt()).as("OpenBMP's magic").isEqualTo(0x4F424D50);
            value.getShort();
            final int headerLength = value.getShort() & 0xFFFF;
            final int length = value.getInt();
            assertThat(message.value().length).isEqualTo(headerLength + length);
            final byte[] bmp = Arrays.copyOfRange(message.value(), headerLength, message.value().length);
            streams.computeIfAbsent(HexFormat.of().formatHex(message.key()), k -> new ByteArrayOutputStream())
                .writeBytes(bmp);
            all.writeBytes(bmp);
        }
        assertThat(streams).as("one stream per router session (FRR and GoBGP)").hasSizeGreaterThanOrEqualTo(2);
        final var dir = lab.dir().resolve("kafka-raw");
        Files.createDirectories(dir);

        final var capture = dir.resolve("bmp_raw.pcap");
        Files.write(capture, pcap(streams.values().stream().map(ByteArrayOutputStream::toByteArray).toList(),
            bmpPort));
        final var compared = TsharkOracle.assertAgrees(capture, bmpPort);
        assertThat(compared.get("bgp.nlri_prefix")).as("the injected prefixes, as tshark reads them")
            .contains("10.77.0.0", "10.77.49.0");

        final var gobgp = dir.resolve("first-router.bmp");
        Files.write(gobgp, streams.values().iterator().next().toByteArray());
        final var decode = new ProcessBuilder(Path.of(System.getProperty("bmpfleet.examples")).getParent()
            .resolve("bmp-decode").toString(), gobgp.toString()).redirectError(dir.resolve("bmp-decode.err")
            .toFile()).start();
        final String json = new String(decode.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(decode.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(decode.exitValue()).as("./bmp-decode: " + Files.readString(dir.resolve("bmp-decode.err")))
            .isZero();
        assertThat(json.lines().filter(line -> line.startsWith("{"))).as("one JSON line per message").isNotEmpty();
        assertThat(json).doesNotContain("\"error\"");
    }

    /** A snapshot asked for over RESTCONF: the RIB between begin and end markers, its size in the answer. */
    @Test
    @Order(3)
    void aSnapshotAskedForOverRestconfArrivesBetweenItsMarkers() throws Exception {
        final var answer = karaf.send("POST", "/rests/operations/bmpfleet-intent:export-snapshot",
            "{\"input\": {\"router\": \"127.0.0.1\"}}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        final var output = JsonParser.parseString(answer.body()).getAsJsonObject()
            .getAsJsonObject("bmpfleet-intent:output");
        assertThat(output.get("routers").getAsLong()).as(answer.body()).isGreaterThanOrEqualTo(2);
        // FRR's pre and post-policy tables and GoBGP's Loc-RIB hold the routes at least three times.
        assertThat(output.get("routes").getAsLong()).as(answer.body()).isGreaterThanOrEqualTo(3L * ROUTES);
        final var messages = Kcat.read(broker.bootstrap(), PREFIX + ".parsed.unicast_prefix");
        long written = 0;
        for (var message : messages) {
            final String text = message.text();
            if (text.contains("BMPFLEET_MARKER: snapshot-end\n")) {
                written += Long.parseLong(text.replaceAll("(?s).*BMPFLEET_ROUTES: (\\d+)\n.*", "$1"));
            }
        }
        assertThat(written).as("routes the end markers count").isEqualTo(output.get("routes").getAsLong());
        final var kafka = awaitExport("the snapshot counted", k -> number(k, "snapshots") >= 1);
        assertThat(number(kafka, "snapshot-routes")).isGreaterThanOrEqualTo(output.get("routes").getAsLong());
    }

    /** Disabled in the intent, the export stops: its state says so and the collector topic has its last word. */
    @Test
    @Order(4)
    void disabledTheExportStopsAndSaysSo() throws Exception {
        final var change = karaf.send("PATCH", INTENT + "/export/kafka",
            "{\"bmpfleet-intent:kafka\": {\"enabled\": false}}");
        assertThat(change.statusCode()).as(change.body()).isIn(200, 204);
        awaitExport("the export stopped", kafka -> "stopped".equals(text(kafka, "state")));
        final var collector = Kcat.records(Kcat.read(broker.bootstrap(), PREFIX + ".parsed.collector"));
        assertThat(collector).extracting(r -> r[0]).startsWith("started").endsWith("stopped");
        assertThat(collector.get(0)[2]).as("admin ID").isEqualTo("bmpfleet-system-test");

        // Enabled without a broker to go to: not started, and the state says why.
        final var noBroker = karaf.send("PUT", INTENT + "/export/kafka",
            "{\"bmpfleet-intent:kafka\": {\"enabled\": true}}");
        assertThat(noBroker.statusCode()).as(noBroker.body()).isIn(200, 201, 204);
        final var failed = awaitExport("the export failed", kafka -> "failed".equals(text(kafka, "state")));
        assertThat(text(failed, "last-error")).isEqualTo("export kafka is enabled but names no bootstrap-server");
    }

    /**
     * A capture of the given TCP streams (raw IPv4, one flow per stream, from 127.0.0.1 to the collector's port),
     * as a router's sessions would be recorded: SYN, then the bytes in segments.
     */
    private static byte[] pcap(final List<byte[]> streams, final int port) {
        final var out = ByteBuffer.allocate(streams.stream().mapToInt(s -> s.length).sum() * 2 + 1_000_000)
            .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144)
            .putInt(101);
        int source = 40000;
        int time = 1_700_000_000;
        for (var stream : streams) {
            source++;
            int seq = 1000;
            packet(out, time++, source, port, seq, 0x02, new byte[0]);
            seq++;
            for (int at = 0; at < stream.length; at += 60000) {
                final byte[] payload = Arrays.copyOfRange(stream, at, Math.min(stream.length, at + 60000));
                packet(out, time++, source, port, seq, 0x18, payload);
                seq += payload.length;
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static void packet(final ByteBuffer out, final int time, final int source, final int port, final int seq,
            final int flags, final byte[] payload) {
        final int length = 40 + payload.length;
        out.putInt(time).putInt(0).putInt(length).putInt(length);
        final var ip = ByteBuffer.allocate(length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) length).putShort((short) 0).putShort((short) 0x4000)
            .put((byte) 64).put((byte) 6).putShort((short) 0).put(new byte[] {127, 0, 0, 1})
            .put(new byte[] {127, 0, 0, 1});
        ip.putShort((short) source).putShort((short) port).putInt(seq).putInt(flags == 0x02 ? 0 : 1)
            .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        ip.put(payload);
        out.put(ip.array());
    }

    private static java.util.Optional<JsonObject> topic(final JsonObject kafka, final String suffix) {
        if (!kafka.has("topic")) {
            return java.util.Optional.empty();
        }
        for (var topic : kafka.getAsJsonArray("topic")) {
            if ((PREFIX + "." + suffix).equals(topic.getAsJsonObject().get("name").getAsString())) {
                return java.util.Optional.of(topic.getAsJsonObject());
            }
        }
        return java.util.Optional.empty();
    }

    private static String text(final JsonObject object, final String name) {
        return object.has(name) ? object.get(name).getAsString() : null;
    }

    private static long number(final JsonObject object, final String name) {
        return object.has(name) ? object.get(name).getAsLong() : 0;
    }

    /** Polls the export's state until it satisfies the condition; fails with the last state seen. */
    private static JsonObject awaitExport(final String what, final Predicate<JsonObject> done) throws Exception {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        String last = null;
        do {
            final var response = karaf.get(KAFKA_STATE, "application/json");
            last = response.body();
            if (response.statusCode() == 200) {
                final var kafka = JsonParser.parseString(response.body()).getAsJsonObject()
                    .getAsJsonObject("bmpfleet-state:kafka");
                if (kafka != null && done.test(kafka)) {
                    return kafka;
                }
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return fail("not seen within " + LIMIT + ": " + what + "\nlast export state: " + last);
    }
}

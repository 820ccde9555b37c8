/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static io.bmpfleet.device.gobgp.Intents.active;
import static io.bmpfleet.device.gobgp.Intents.intent;
import static io.bmpfleet.device.gobgp.Intents.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bmpfleet.device.DeviceDriver.Mode;
import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Initiation;
import io.bmpfleet.device.Endpoint;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against a real gobgpd (Debian's 3.10) on loopback. The stations point at ports nobody listens on:
 * gobgpd keeps them configured and retries.
 */
class GobgpDriverTest {
    @TempDir
    static Path dir;

    private static Gobgpd gobgpd;
    private static int portA;
    private static int portB;

    private GobgpDriver driver;

    @BeforeAll
    static void startGobgpd() throws IOException, InterruptedException {
        gobgpd = Gobgpd.start(dir);
        // The driver lists stations by address and port: A sorts first.
        final int first = Gobgpd.freePort();
        final int second = Gobgpd.freePort();
        portA = Math.min(first, second);
        portB = Math.max(first, second);
    }

    @AfterAll
    static void stopGobgpd() throws InterruptedException {
        if (gobgpd != null) {
            gobgpd.close();
        }
    }

    @BeforeEach
    void emptyGobgpd() throws DeviceException {
        // A driver that never pushed treats every station as someone else's: the empty intent deletes them all.
        try (var cleaner = new GobgpDriver()) {
            cleaner.sync(gobgpd.endpoint(), Intents.empty(), Mode.APPLY);
        }
        driver = new GobgpDriver();
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private static DeviceIntent twoStations(final Long statsA, final Long statsB) {
        return intent(List.of(active(1, "127.0.0.1", portA), active(2, "127.0.0.1", portB)),
            List.of(target("A", List.of(1), Intents.ALL, statsA), target("B", List.of(2), Intents.POST, statsB)),
            new Initiation("gobgp-1", "bmpfleet test"));
    }

    private String lineA(final int stats) {
        return "AddBmp address=127.0.0.1 port=" + portA + " policy=ALL statistics-timeout=" + stats
            + " sys-name=\"gobgp-1\" sys-descr=\"bmpfleet test\"";
    }

    private String lineB(final int stats) {
        return "AddBmp address=127.0.0.1 port=" + portB + " policy=POST statistics-timeout=" + stats
            + " sys-name=\"gobgp-1\" sys-descr=\"bmpfleet test\"";
    }

    private String blockA(final int stats) {
        return block(portA, "all", stats);
    }

    private String blockB(final int stats) {
        return block(portB, "post-policy", stats);
    }

    private static String block(final int port, final String policy, final int stats) {
        return """
            [[bmp-servers]]
              [bmp-servers.config]
                address = "127.0.0.1"
                port=%d
                route-monitoring-policy = "%s"
            """.formatted(port, policy) + (stats == 0 ? "" : "    statistics-timeout = " + stats + "\n") + """
                sys-name = "gobgp-1"
                sys-descr = "bmpfleet test"
            """;
    }

    /** The rendered text of stations given as their TOML block and AddBmp line, block, line and so on. */
    private static String text(final String... blocksAndLines) {
        final var blocks = new ArrayList<String>();
        final var calls = new StringBuilder();
        for (int i = 0; i < blocksAndLines.length; i += 2) {
            blocks.add(blocksAndLines[i]);
            calls.append("# ").append(blocksAndLines[i + 1]).append('\n');
        }
        return String.join("\n", blocks) + "\n"
            + "# As gRPC calls; bmpfleet sets the stations through gobgpd's API, not through this file:\n" + calls;
    }

    /** ListBmp straight from gobgpd, without the driver's memory. */
    private static List<String> listBmp() throws DeviceException {
        return listBmp(gobgpd.apiPort());
    }

    private static List<String> listBmp(final int apiPort) throws DeviceException {
        final ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", apiPort).usePlaintext().build();
        try {
            return new GobgpApiClient(channel, "test", Duration.ofSeconds(5)).listBmp().stream()
                .map(StationAddress::toString).sorted().toList();
        } finally {
            channel.shutdownNow();
        }
    }

    private static List<String> sorted(final String... stations) {
        return List.of(stations).stream().sorted().toList();
    }

    @Test
    void pushFromEmptyThenInSync() throws DeviceException {
        final DeviceIntent intent = twoStations(15_000L, null);
        final String rendered = text(blockA(15), lineA(15), blockB(0), lineB(0));
        assertEquals(rendered, driver.render(intent));

        final var check = driver.sync(gobgpd.endpoint(), intent, Mode.CHECK);
        assertEquals("", check.before());
        assertEquals(List.of(lineA(15), lineB(0)), check.changes());
        assertEquals(rendered, check.rendered());
        assertFalse(check.applied());
        assertEquals(List.of(), listBmp(), "CHECK sent nothing");

        final var apply = driver.sync(gobgpd.endpoint(), intent, Mode.APPLY);
        assertEquals(List.of(lineA(15), lineB(0)), apply.changes());
        assertTrue(apply.applied());
        assertEquals(rendered, apply.after());
        assertEquals(rendered, apply.rendered());
        assertEquals(sorted("127.0.0.1:" + portA, "127.0.0.1:" + portB), listBmp());

        final var again = driver.sync(gobgpd.endpoint(), intent, Mode.APPLY);
        assertTrue(again.wasInSync());
        assertFalse(again.applied());
        assertEquals(rendered, again.before());
        assertEquals(rendered, again.after());
    }

    @Test
    void changedStatsIntervalReplacesThatStationOnly() throws DeviceException {
        driver.sync(gobgpd.endpoint(), twoStations(15_000L, null), Mode.APPLY);

        final var changed = driver.sync(gobgpd.endpoint(), twoStations(15_000L, 30_000L), Mode.APPLY);
        assertEquals(List.of("DeleteBmp address=127.0.0.1 port=" + portB, lineB(30)), changed.changes());
        assertEquals(text(blockA(15), lineA(15), blockB(0), lineB(0)), changed.before());
        assertEquals(text(blockA(15), lineA(15), blockB(30), lineB(30)), changed.after());
        assertTrue(driver.sync(gobgpd.endpoint(), twoStations(15_000L, 30_000L), Mode.CHECK).wasInSync());
    }

    @Test
    void stationDeletedByHandIsDetectedAndAddedAgain() throws IOException, InterruptedException,
            DeviceException {
        final DeviceIntent intent = twoStations(null, null);
        driver.sync(gobgpd.endpoint(), intent, Mode.APPLY);

        gobgpd.cli("bmp", "del", "127.0.0.1:" + portA);
        assertEquals(List.of("127.0.0.1:" + portB), listBmp());

        final var check = driver.sync(gobgpd.endpoint(), intent, Mode.CHECK);
        assertEquals(text(blockB(0), lineB(0)), check.before());
        assertEquals(List.of(lineA(0)), check.changes());
        assertEquals(List.of("127.0.0.1:" + portB), listBmp(), "CHECK sent nothing");

        final var apply = driver.sync(gobgpd.endpoint(), intent, Mode.APPLY);
        assertEquals(List.of(lineA(0)), apply.changes());
        assertEquals(text(blockA(0), lineA(0), blockB(0), lineB(0)), apply.after());
        assertEquals(sorted("127.0.0.1:" + portA, "127.0.0.1:" + portB), listBmp());
    }

    @Test
    void removedStationIsDeleted() throws DeviceException {
        driver.sync(gobgpd.endpoint(), twoStations(null, null), Mode.APPLY);

        final DeviceIntent onlyA = intent(List.of(active(1, "127.0.0.1", portA)),
            List.of(target("A", List.of(1), Intents.ALL, null)), new Initiation("gobgp-1", "bmpfleet test"));
        final var apply = driver.sync(gobgpd.endpoint(), onlyA, Mode.APPLY);
        assertEquals(List.of("DeleteBmp address=127.0.0.1 port=" + portB), apply.changes());
        assertEquals(text(blockA(0), lineA(0)), apply.after());
        assertEquals(List.of("127.0.0.1:" + portA), listBmp());
    }

    @Test
    void stationsAddedByOthersAreReplacedOrDeleted() throws IOException, InterruptedException,
            DeviceException {
        gobgpd.cli("bmp", "add", "127.0.0.1:" + portA);
        gobgpd.cli("bmp", "add", "127.0.0.1:" + portB);

        final DeviceIntent onlyA = intent(List.of(active(1, "127.0.0.1", portA)),
            List.of(target("A", List.of(1), Intents.ALL, null)), new Initiation("gobgp-1", "bmpfleet test"));
        final var check = driver.sync(gobgpd.endpoint(), onlyA, Mode.CHECK);
        assertEquals(List.of("DeleteBmp address=127.0.0.1 port=" + portA, lineA(0),
            "DeleteBmp address=127.0.0.1 port=" + portB), check.changes());
        assertTrue(check.before().contains("AddBmp address=127.0.0.1 port=" + portA + " (not added by bmpfleet"),
            check.before());

        final var apply = driver.sync(gobgpd.endpoint(), onlyA, Mode.APPLY);
        assertEquals(text(blockA(0), lineA(0)), apply.after());
        assertEquals(List.of("127.0.0.1:" + portA), listBmp());
    }

    @Test
    void stoppedGobgpdIsUnreachable() throws IOException, InterruptedException, DeviceException {
        final Path own = dir.resolve("stopped");
        Files.createDirectories(own);
        final DeviceIntent intent = twoStations(null, null);
        try (var stopped = Gobgpd.start(own)) {
            assertTrue(driver.sync(stopped.endpoint(), intent, Mode.APPLY).applied());
            stopped.close();

            final var error = assertThrows(DeviceException.class,
                () -> driver.sync(stopped.endpoint(), intent, Mode.CHECK));
            assertEquals(DeviceException.Kind.UNREACHABLE, error.kind(), error.getMessage());
            assertTrue(error.getMessage().contains("127.0.0.1:" + stopped.apiPort()), error.getMessage());
        }
        final var never = new Endpoint("127.0.0.1", Gobgpd.freePort(), null, null, null, null);
        final var refused = assertThrows(DeviceException.class, () -> driver.sync(never, intent, Mode.CHECK));
        assertEquals(DeviceException.Kind.UNREACHABLE, refused.kind(), refused.getMessage());
    }

    /**
     * The rendering is a gobgpd.toml fragment that means the intent. gobgpd started with it after its
     * {@code [global.config]} accepts the file, has the intent's stations at their addresses and ports, and sends
     * the intent's sysName and sysDescr (escapes read back as written) in its Initiation message.
     *
     * <p>What it does not show: ListBmp reports a station's address and port only, and the driver knows the
     * settings of the stations it added itself, in memory. To the driver, stations from gobgpd's file are someone
     * else's with unknown settings, so CHECK finds every station present and still plans to delete it and add it
     * again, with the very settings the file already gave it. APPLY makes them the driver's; after that it is in
     * sync and the read-back is the rendering.
     */
    @Test
    void renderedTomlConfiguresGobgpdAsTheApiWould() throws IOException, InterruptedException, DeviceException {
        final Path own = dir.resolve("from-toml");
        Files.createDirectories(own);
        try (var station = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            station.setSoTimeout(20_000);
            final int listening = station.getLocalPort();
            final int post = Gobgpd.freePort();
            final int all = Gobgpd.freePort();
            final int statistics = Gobgpd.freePort();
            // The documentation's examples, one station each (gobgpd keys them by address and port).
            final DeviceIntent intent = intent(List.of(active(1, "127.0.0.1", listening), active(2, "127.0.0.1", post),
                    active(3, "127.0.0.1", all), active(4, "127.0.0.1", statistics)),
                List.of(target("PRE", List.of(1), Intents.PRE, null), target("POST", List.of(2), Intents.POST, null),
                    target("ALL", List.of(3), Intents.ALL, null),
                    target("STATS", List.of(4), Intents.PRE, 3_600_000L)),
                new Initiation("gobgp-1", "bmpfleet \"golden\" test"));
            final String rendered = driver.render(intent);
            final List<StationConfig> configs = List.copyOf(IntentStations.of(intent).values());
            final List<StationAddress> stations = configs.stream().map(StationConfig::station).toList();

            try (var fromFile = Gobgpd.start(own, rendered)) {
                assertEquals(stations.stream().map(StationAddress::toString).sorted().toList(),
                    listBmp(fromFile.apiPort()), fromFile.log());
                try (Socket session = station.accept()) {
                    assertEquals(Map.of(2, "gobgp-1", 1, "bmpfleet \"golden\" test"),
                        initiation(session.getInputStream()));
                }

                final var check = driver.sync(fromFile.endpoint(), intent, Mode.CHECK);
                assertEquals(rendered, check.rendered());
                assertEquals(GobgpText.readBack(stations, Map.of()), check.before());
                final var replaceAll = configs.stream()
                    .flatMap(config -> Stream.of(config.station().deleteLine(), config.addLine())).toList();
                assertEquals(replaceAll, check.changes());
                assertFalse(check.applied());

                final var apply = driver.sync(fromFile.endpoint(), intent, Mode.APPLY);
                assertEquals(replaceAll, apply.changes());
                assertEquals(rendered, apply.after());
                assertTrue(driver.sync(fromFile.endpoint(), intent, Mode.CHECK).wasInSync());
            }
        }
    }

    /**
     * Reads the first BMP message, which must be an Initiation (RFC 7854 4.3), and returns its TLVs' text by type
     * (1 sysDescr, 2 sysName).
     */
    private static Map<Integer, String> initiation(final InputStream in) throws IOException {
        final var data = new DataInputStream(in);
        assertEquals(3, data.readUnsignedByte(), "BMP version");
        final int length = data.readInt();
        assertEquals(4, data.readUnsignedByte(), "message type Initiation");
        final byte[] body = new byte[length - 6];
        data.readFully(body);
        final var tlvs = ByteBuffer.wrap(body);
        final var found = new HashMap<Integer, String>();
        while (tlvs.remaining() >= 4) {
            final int type = Short.toUnsignedInt(tlvs.getShort());
            final byte[] value = new byte[Short.toUnsignedInt(tlvs.getShort())];
            tlvs.get(value);
            found.put(type, new String(value, StandardCharsets.UTF_8));
        }
        return found;
    }
}

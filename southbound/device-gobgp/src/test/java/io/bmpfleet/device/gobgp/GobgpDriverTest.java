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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /** ListBmp straight from gobgpd, without the driver's memory. */
    private static List<String> listBmp() throws DeviceException {
        final ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gobgpd.apiPort())
            .usePlaintext().build();
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
        final String rendered = lineA(15) + "\n" + lineB(0) + "\n";
        assertEquals(rendered, driver.render(intent));

        final var check = driver.sync(gobgpd.endpoint(), intent, Mode.CHECK);
        assertEquals("", check.before());
        assertEquals(List.of(lineA(15), lineB(0)), check.changes());
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
        assertEquals(lineA(15) + "\n" + lineB(0) + "\n", changed.before());
        assertEquals(lineA(15) + "\n" + lineB(30) + "\n", changed.after());
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
        assertEquals(lineB(0) + "\n", check.before());
        assertEquals(List.of(lineA(0)), check.changes());
        assertEquals(List.of("127.0.0.1:" + portB), listBmp(), "CHECK sent nothing");

        final var apply = driver.sync(gobgpd.endpoint(), intent, Mode.APPLY);
        assertEquals(List.of(lineA(0)), apply.changes());
        assertEquals(lineA(0) + "\n" + lineB(0) + "\n", apply.after());
        assertEquals(sorted("127.0.0.1:" + portA, "127.0.0.1:" + portB), listBmp());
    }

    @Test
    void removedStationIsDeleted() throws DeviceException {
        driver.sync(gobgpd.endpoint(), twoStations(null, null), Mode.APPLY);

        final DeviceIntent onlyA = intent(List.of(active(1, "127.0.0.1", portA)),
            List.of(target("A", List.of(1), Intents.ALL, null)), new Initiation("gobgp-1", "bmpfleet test"));
        final var apply = driver.sync(gobgpd.endpoint(), onlyA, Mode.APPLY);
        assertEquals(List.of("DeleteBmp address=127.0.0.1 port=" + portB), apply.changes());
        assertEquals(lineA(0) + "\n", apply.after());
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
        assertEquals(lineA(0) + "\n", apply.after());
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
}

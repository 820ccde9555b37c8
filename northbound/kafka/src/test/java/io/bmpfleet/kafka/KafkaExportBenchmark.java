/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import com.sun.management.OperatingSystemMXBean;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.monitoring.SessionFeeder;
import io.bmpfleet.bmp.codec.BmpEncoder;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.Capability;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.bmp.collector.BmpCollector;
import io.bmpfleet.rib.RouterId;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export's figures against a real local broker: a table of N IPv4 routes (default 1M, 3 per UPDATE, AS paths of
 * 3 to 6 hops, one attribute set in 3) ingested over TCP by the real collector with the export off, then with it on
 * (every topic, bmp_raw included), each time from the first byte until the RIB holds the table, and with it on until
 * the broker acknowledged every route; then a snapshot of the table. Prints prefixes per second and this JVM's CPU
 * and heap (the collector, the RIB and the export; the broker is its own process). Runs only with
 * -Dbmpfleet.bench=true: {@code northbound/kafka/run-benchmark.sh [routes]}.
 */
public class KafkaExportBenchmark {
    private static final InetAddress PEER = address("192.0.2.7");
    private static final PerPeerHeader HEADER = new PerPeerHeader(PerPeerHeader.GLOBAL_INSTANCE, 0, 0, PEER, 65001,
        0xC0000207L, 1_700_000_000L, 0);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaExportBenchmark.class);
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();

    @Test
    public void exportATable() throws Exception {
        assumeTrue("a benchmark: -Dbmpfleet.bench=true", Boolean.getBoolean("bmpfleet.bench"));
        final int routes = Integer.getInteger("bmpfleet.bench.routes", 1_000_000);
        final byte[] table = table(routes);
        try (var broker = new KafkaBroker(Files.createTempDirectory("bmpfleet-kafka-bench"))) {
            broker.start();
            // warm-up (JIT) with the export on, then the measured runs
            run(broker, table, routes, "warmup", true, false);
            for (int round = 1; round <= 2; round++) {
                run(broker, table, routes, "off-" + round, false, false);
                run(broker, table, routes, "on-" + round, true, true);
            }
        }
    }

    private static void run(final KafkaBroker broker, final byte[] table, final int routes, final String name,
            final boolean export, final boolean print) throws Exception {
        System.gc();
        final var bus = new EventBus();
        final var feeder = new SessionFeeder(bus);
        final var collector = new BmpCollector(1, feeder);
        KafkaPipeline pipeline = null;
        final String prefix = "bench-" + name;
        if (export) {
            final var settings = new KafkaSettings(List.of(broker.bootstrap()), prefix, Set.of(), "bmpfleet",
                "all", "lz4", 256L << 20, Duration.ofSeconds(60), false, Duration.ZERO, "PLAINTEXT", "PLAIN", null,
                null);
            pipeline = new KafkaPipeline(settings, settings.producerProperties(n -> java.util.Optional.empty()), bus,
                feeder, KafkaPipeline::kafkaProducer, false);
            final var started = pipeline;
            await(started::rendered);
            // topics made and their metadata known before the clock starts
            Thread.sleep(3000);
        }
        try {
            final var listener = collector.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final long cpu0 = OS.getProcessCpuTime();
            final long start = System.nanoTime();
            try (var socket = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
                socket.getOutputStream().write(table);
                socket.getOutputStream().flush();
                final var router = new RouterId(InetAddress.getLoopbackAddress(), socket.getLocalPort());
                await(() -> feeder.counts(router).values().stream().mapToLong(Integer::longValue).sum() == routes);
                final long ingested = System.nanoTime() - start;
                final long ingestCpu = OS.getProcessCpuTime() - cpu0;
                if (pipeline == null) {
                    print(print, name, "ingest, export off: %d routes in %.3f s (%.2f M prefixes/s), JVM CPU"
                        + " %.2f s, heap %d MB", routes, ingested / 1e9, routes / (ingested / 1e9) / 1e6,
                        ingestCpu / 1e9, heapMb());
                    return;
                }
                final var running = pipeline;
                final String topic = prefix + ".parsed.unicast_prefix";
                // every route acknowledged, or (events missed) no progress for 5 s
                long seen = -1;
                long progress = System.nanoTime();
                long exported = 0;
                while (true) {
                    final long sent = running.status().topics().get(topic).recordsSent();
                    if (sent != seen) {
                        seen = sent;
                        progress = System.nanoTime();
                        exported = progress - start;
                    }
                    if (sent >= routes || System.nanoTime() - progress > Duration.ofSeconds(5).toNanos()) {
                        break;
                    }
                    Thread.sleep(1);
                }
                final long exportCpu = OS.getProcessCpuTime() - cpu0;
                final long already = seen;
                final var status = running.status();
                print(true, name, "ingest, export on: %d routes in the RIB in %.3f s (%.2f M prefixes/s), JVM CPU"
                    + " %.2f s", routes, ingested / 1e9, routes / (ingested / 1e9) / 1e6, ingestCpu / 1e9);
                print(true, name, "export: %d route records acknowledged %.3f s after the first byte (%.2f M"
                    + " prefixes/s), JVM CPU %.2f s, heap %d MB; events missed %d, dropped %d, bytes on the prefix"
                    + " topic %d MB, raw %d MB", status.topics().get(topic).recordsSent(), exported / 1e9,
                    status.topics().get(topic).recordsSent() / (exported / 1e9) / 1e6, exportCpu / 1e9, heapMb(),
                    status.eventsMissed(), status.topics().get(topic).dropped(),
                    status.topics().get(topic).bytesSent() >> 20,
                    status.topics().get(prefix + ".bmp_raw").bytesSent() >> 20);
                final long snapCpu0 = OS.getProcessCpuTime();
                final long snapStart = System.nanoTime();
                final var result = running.snapshot(null).get();
                final long snapTime = System.nanoTime() - snapStart;
                await(() -> running.status().topics().get(topic).recordsSent() >= already + result.routes());
                final long snapAcked = System.nanoTime() - snapStart;
                print(true, name, "snapshot: %d routes rendered in %.3f s, acknowledged in %.3f s (%.2f M"
                    + " prefixes/s), JVM CPU %.2f s", result.routes(), snapTime / 1e9, snapAcked / 1e9,
                    result.routes() / (snapAcked / 1e9) / 1e6, (OS.getProcessCpuTime() - snapCpu0) / 1e9);
                assertThat(result.routes()).isEqualTo(routes);
            }
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
            collector.close();
        }
    }

    private static void print(final boolean print, final String name, final String format, final Object... args) {
        if (!name.equals("warmup")) {
            LOG.info("kafka benchmark [{}] {}", name, String.format(java.util.Locale.ROOT, format, args));
        }
    }

    private static long heapMb() {
        final var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return memory.getUsed() >> 20;
    }

    /** Peer Up and N routes 3 per UPDATE, AS paths of 3 to 6 hops, a new attribute set every third UPDATE. */
    private static byte[] table(final int routes) throws Exception {
        final var out = new ByteArrayOutputStream(routes * 25);
        final var open = new BgpMessage.Open(4, 65001, 90, 0xC0000207L,
            List.of(new Capability.Multiprotocol(1, 1)), List.of());
        out.write(BmpEncoder.encode(new BmpMessage.PeerUpNotification(HEADER, address("192.0.2.1"), 179, 40000,
            open, open, List.of())));
        for (int n = 0; n < routes; n += 3) {
            final var nlri = new ArrayList<Nlri>(3);
            for (int k = n; k < Math.min(routes, n + 3); k++) {
                nlri.add(Nlri.Prefix.parse((11 + (k >>> 16)) + "." + ((k >>> 8) & 0xFF) + "." + (k & 0xFF) + ".0/24"));
            }
            final int set = n / 9;
            final var path = new ArrayList<Long>();
            path.add(65001L);
            for (int hop = 0; hop < 2 + set % 4; hop++) {
                path.add(64512L + (set * 7L + hop) % 1000);
            }
            out.write(BmpEncoder.encode(new BmpMessage.RouteMonitoring(HEADER, new BgpMessage.Update(List.of(),
                List.of(new PathAttribute.Origin(0), new PathAttribute.AsPath(List.of(
                    new PathAttribute.AsPathSegment(2, path))), new PathAttribute.NextHop(Bytes.fromHex("c0000201"))),
                nlri), List.of())));
        }
        return out.toByteArray();
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("benchmark condition never met");
            }
            Thread.sleep(1);
        }
    }

    private static InetAddress address(final String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

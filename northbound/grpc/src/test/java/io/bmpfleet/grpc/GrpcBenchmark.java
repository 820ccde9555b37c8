/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.grpc.v1.DumpRequest;
import io.bmpfleet.grpc.v1.Event;
import io.bmpfleet.grpc.v1.EventsGrpc;
import io.bmpfleet.grpc.v1.LookupRequest;
import io.bmpfleet.grpc.v1.MatchType;
import io.bmpfleet.grpc.v1.RoutesGrpc;
import io.bmpfleet.grpc.v1.WatchRequest;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RibUpdate;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark, not a test of the default build: the real server (TLS, Basic authentication) on loopback over a RIB
 * store of N IPv4 routes (default 1M, in random order, sharing N/3 attribute sets), a client in the same JVM.
 * Prints longest-prefix lookup latency (p50, p99, p99.9 over sequential calls), the rate of a full dump to one
 * client, and router-to-client event latency under a fixed event rate, with the whole JVM's CPU and heap. Run:
 * {@code northbound/grpc/run-benchmark.sh [routes] [lookups] [events/s]}.
 */
class GrpcBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcBenchmark.class);
    private static final RouterId ROUTER = new RouterId(address("192.0.2.1"), 40000);
    private static final PeerKey PEER = new PeerKey(0, 0, address("192.0.2.7"), 0xC0000207);

    @TempDir
    Path dir;

    @Test
    void lookupsDumpAndEvents() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bmpfleet.bench"), "run with -Dbmpfleet.bench=true");
        final int routes = Integer.getInteger("bmpfleet.bench.routes", 1_000_000);
        final int lookups = Integer.getInteger("bmpfleet.bench.lookups", 100_000);
        final int eventRate = Integer.getInteger("bmpfleet.bench.events", 10_000);
        final var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        final var ribs = new RibStore();
        final var random = new Random(7);
        final var prefixes = new int[routes];
        fill(ribs, routes, random, prefixes);
        System.gc();
        LOG.info(String.format("grpc benchmark: %d IPv4 routes in the RIB store, %d attribute sets, heap %.0f MB",
            routes, ribs.attributeSetCount(), usedHeapMb()));

        final var bus = new EventBus();
        final var server = new GrpcServer(noSessions(), RouteTables.of(ribs), bus, null, null, null,
            (user, password) -> "admin".equals(user) && "bench".equals(password),
            new InetSocketAddress("127.0.0.1", 0), dir.resolve("server.crt"), dir.resolve("server.key"), 4);
        final var channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
            .sslContext(GrpcSslContexts.forClient().trustManager(dir.resolve("server.crt").toFile()).build())
            .maxInboundMessageSize(16 << 20).build();
        try {
            final var stub = RoutesGrpc.newBlockingStub(channel).withCallCredentials(basic());
            // Longest-prefix lookups of addresses inside random stored prefixes; the first 10% warm up.
            final int warmup = lookups / 10;
            final long[] latency = new long[lookups];
            long cpu0 = os.getProcessCpuTime();
            final long start = System.nanoTime();
            for (int i = 0; i < warmup + lookups; i++) {
                final int address = prefixes[random.nextInt(routes)] | random.nextInt(256);
                final var request = LookupRequest.newBuilder().setPrefix(ipv4(address))
                    .setMatch(MatchType.LONGEST_PREFIX).build();
                final long t0 = System.nanoTime();
                final var found = stub.lookup(request);
                final long took = System.nanoTime() - t0;
                if (i >= warmup) {
                    latency[i - warmup] = took;
                    assertThat(found.getRoutesCount()).isPositive();
                }
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latency);
            LOG.info(String.format("grpc benchmark: longest-prefix Lookup over TLS, %d sequential calls after %d"
                + " warm-up: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (%.0f calls/s); JVM CPU %.2f s",
                lookups, warmup, latency[lookups / 2] / 1e6, latency[(int) (lookups * 0.99)] / 1e6,
                latency[(int) (lookups * 0.999)] / 1e6, latency[lookups - 1] / 1e6, (warmup + lookups) / seconds,
                (os.getProcessCpuTime() - cpu0) / 1e9));

            // A full dump to one client: warm-up, attributes per route, share_attributes, packed (warm-up, run).
            final String[] modes = { "(warm-up)", "attributes per route", "share_attributes", "(warm-up packed)",
                "packed" };
            for (int round = 0; round < modes.length; round++) {
                cpu0 = os.getProcessCpuTime();
                final long t0 = System.nanoTime();
                final boolean packed = round >= 3;
                final var dump = stub.dump(DumpRequest.newBuilder().setShareAttributes(round == 2)
                    .setPacked(packed).build());
                long count = 0;
                long lengths = 0;
                while (dump.hasNext()) {
                    final var batch = dump.next();
                    if (packed) {
                        // What a client does with the columns: walk every prefix.
                        final var bytes = batch.getPacked().getPrefixes();
                        for (int at = 0; at < bytes.size(); count++) {
                            final int length = bytes.byteAt(at) & 0xFF;
                            lengths += length;
                            at += 1 + (length + 7 >>> 3);
                        }
                    } else {
                        for (var route : batch.getRoutesList()) {
                            lengths += route.getPrefix().length();
                        }
                        count += batch.getRoutesCount();
                    }
                }
                final double took = (System.nanoTime() - t0) / 1e9;
                assertThat(count).isEqualTo(ribs.count(ROUTER, new TableKey(PEER, Rib.ADJ_RIB_IN_PRE,
                    AfiSafi.IPV4_UNICAST)));
                assertThat(lengths).isPositive();
                LOG.info(String.format("grpc benchmark: Dump %s: %d routes in %.2f s (%.0f routes/s); JVM CPU %.2f s,"
                    + " heap after %.0f MB", modes[round], count, took, count / took,
                    (os.getProcessCpuTime() - cpu0) / 1e9, usedHeapMb()));
            }

            // Events at a fixed rate for 10 s; latency from the event's time (set when published) to the client.
            final var events = EventsGrpc.newBlockingStub(channel).withCallCredentials(basic())
                .watch(WatchRequest.newBuilder().setRouteChanges(true).setBuffer(100_000).build());
            while (bus.subscribers() == 0) {
                Thread.sleep(10);
            }
            final int total = eventRate * 10;
            final long[] eventLatency = new long[total];
            final var session = new InetSocketAddress(ROUTER.address(), ROUTER.port());
            final var peer = new MonitoringEvent.Peer(0, 0, PEER.address(), 65001, 0xC0000207L);
            final var publisher = new Thread(() -> {
                final long period = TimeUnit.SECONDS.toNanos(1) / eventRate;
                final long begin = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    final long due = begin + i * period;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    bus.publish(new MonitoringEvent.RouteChanges(Instant.now(), session, peer, "ADJ_RIB_IN_PRE", 1,
                        0));
                }
            }, "bench-publisher");
            cpu0 = os.getProcessCpuTime();
            publisher.start();
            for (int i = 0; i < total; i++) {
                final Event event = events.next();
                final var now = Instant.now();
                eventLatency[i] = (now.getEpochSecond() - event.getTime().getSeconds()) * 1_000_000_000L
                    + now.getNano() - event.getTime().getNanos();
            }
            publisher.join();
            Arrays.sort(eventLatency);
            LOG.info(String.format("grpc benchmark: Events.Watch at %d events/s for 10 s: latency p50 %.3f ms, p99"
                + " %.3f ms, max %.3f ms; JVM CPU %.2f s", eventRate, eventLatency[total / 2] / 1e6,
                eventLatency[(int) (total * 0.99)] / 1e6, eventLatency[total - 1] / 1e6,
                (os.getProcessCpuTime() - cpu0) / 1e9));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.close();
        }
    }

    /** N random /24../8 IPv4 prefixes, attributes shared by three routes each (ORIGIN, AS_PATH, NEXT_HOP, MED). */
    private static void fill(final RibStore ribs, final int routes, final Random random, final int[] prefixes) {
        final var hex = HexFormat.of();
        int stored = 0;
        while (stored < routes) {
            final int set = stored / 3;
            final byte[] attributes = hex.parseHex("50010001" + "00" + "5002000a" + "0202" + "0000fde9"
                + String.format("%08x", 64512 + set % 1000) + "50030004" + "c0000207" + "d0040004"
                + String.format("%08x", set));
            final var update = RibUpdate.builder().attributes(attributes);
            for (int i = 0; i < 3 && stored < routes; i++) {
                final int length = 24;
                final int address = random.nextInt() & 0xFFFFFF00;
                update.announce(AfiSafi.IPV4_UNICAST, Prefix.ipv4(address, length));
                prefixes[stored++] = address;
            }
            ribs.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, update.build());
        }
    }

    private static double usedHeapMb() {
        final var runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / 1e6;
    }

    private static String ipv4(final int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "."
            + (address & 0xFF);
    }

    private static CallCredentials basic() {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(final RequestInfo requestInfo, final Executor appExecutor,
                    final MetadataApplier applier) {
                final var headers = new Metadata();
                headers.put(BasicAuthInterceptor.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                    "admin:bench".getBytes(StandardCharsets.UTF_8)));
                applier.apply(headers);
            }
        };
    }

    private static MonitoringState noSessions() {
        return new MonitoringState() {
            @Override
            public List<Router> routers() {
                return List.of();
            }

            @Override
            public Optional<Summary> summary() {
                return Optional.empty();
            }
        };
    }

    private static InetAddress address(final String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib.bench;

import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RibUpdate;
import io.bmpfleet.rib.Route;
import io.bmpfleet.rib.RouteKey;
import io.bmpfleet.rib.RouteTable;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import io.bmpfleet.rib.UpdateResult;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH throughput of the RIB store on a table of 1M IPv4 routes (the same data as {@link RibMemoryBenchmark}):
 * longest-prefix match, exact match, and UPDATEs that replace or withdraw-and-reannounce routes at a steady table
 * size. Run with {@code rib-store/run-benchmark.sh jmh}; short settings keep the run around a minute.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class RibThroughputBenchmark {
    private static final int ROUTES = 1_000_000;
    private static final int MASK = (1 << 20) - 1;

    private final int[] address = new int[ROUTES];
    private final byte[] length = new byte[ROUTES];
    private final int[] hosts = new int[MASK + 1];
    private final byte[][] attributes = new byte[64][];
    private RibStore store;
    private RouteTable table;
    private RouterId router;
    private PeerKey peer;
    private int cursor;

    @Setup
    public void setup() throws UnknownHostException {
        final var random = new Random(42);
        RibMemoryBenchmark.generateIpv4(random, address, length);
        for (int i = 0; i < hosts.length; i++) {
            final int route = random.nextInt(ROUTES);
            hosts[i] = address[route] | random.nextInt(256) & (int) (0xFFFFFFFFL >>> length[route]);
        }
        for (int i = 0; i < attributes.length; i++) {
            attributes[i] = RibMemoryBenchmark.attributes(1_000_000 + i);
        }
        router = new RouterId(InetAddress.getByName("192.0.2.1"));
        peer = new PeerKey(0, 0, InetAddress.getByName("198.51.100.1"), 1);
        store = new RibStore();
        for (int i = 0; i < ROUTES; i += RibMemoryBenchmark.ROUTES_PER_SET) {
            final var update = RibUpdate.builder();
            for (int j = i; j < Math.min(ROUTES, i + RibMemoryBenchmark.ROUTES_PER_SET); j++) {
                update.announce(AfiSafi.IPV4_UNICAST, Prefix.ipv4(address[j], length[j]));
            }
            store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, update.attributes(RibMemoryBenchmark.attributes(i)).build());
        }
        table = store.table(router, new TableKey(peer, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST)).orElseThrow();
    }

    private Prefix nextPrefix() {
        final int route = cursor++ % ROUTES;
        return Prefix.ipv4(address[route], length[route]);
    }

    @Benchmark
    public List<Route> longestMatch() {
        return table.longestMatch(0, Prefix.ipv4(hosts[cursor++ & MASK], 32));
    }

    @Benchmark
    public Route exactMatch() {
        return table.exact(RouteKey.of(nextPrefix()));
    }

    /** An UPDATE that gives 3 existing routes new (shared) attributes. */
    @Benchmark
    public UpdateResult replaceThree() {
        final var update = RibUpdate.builder();
        for (int i = 0; i < 3; i++) {
            update.announce(AfiSafi.IPV4_UNICAST, nextPrefix());
        }
        return store.apply(router, peer, Rib.ADJ_RIB_IN_PRE,
            update.attributes(attributes[cursor & attributes.length - 1]).build());
    }

    /** Two UPDATEs: one withdraws 3 routes, the next announces them again. */
    @Benchmark
    public UpdateResult withdrawThenAnnounceThree() {
        final var prefixes = new Prefix[] { nextPrefix(), nextPrefix(), nextPrefix() };
        final var withdraw = RibUpdate.builder();
        final var announce = RibUpdate.builder();
        for (var prefix : prefixes) {
            withdraw.withdraw(AfiSafi.IPV4_UNICAST, prefix);
            announce.announce(AfiSafi.IPV4_UNICAST, prefix);
        }
        store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, withdraw.build());
        return store.apply(router, peer, Rib.ADJ_RIB_IN_PRE,
            announce.attributes(attributes[cursor & attributes.length - 1]).build());
    }
}

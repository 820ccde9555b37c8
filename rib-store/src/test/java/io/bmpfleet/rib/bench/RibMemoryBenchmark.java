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
import io.bmpfleet.rib.RibWriter;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the RIB store's memory per route and its throughput: 1M IPv4 routes (about 3 per attribute set, AS paths
 * of 3-8 hops) and 200k IPv6 routes in one peer's pre-policy Adj-RIB-In, then LPM lookups, withdrawals and a Peer
 * Down. Not a test: run it with {@code rib-store/run-benchmark.sh}. Bytes per route are heap after GC minus the
 * baseline (taken with the generated prefixes already in memory), divided by routes; attribute bytes count.
 */
public final class RibMemoryBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(RibMemoryBenchmark.class);
    static final int ROUTES_PER_SET = 3;

    private RibMemoryBenchmark() {
        // main only
    }

    public static void main(final String[] args) throws InterruptedException, UnknownHostException {
        final int v4Count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int v6Count = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        final var random = new Random(42);
        final int[] v4Address = new int[v4Count];
        final byte[] v4Length = new byte[v4Count];
        generateIpv4(random, v4Address, v4Length);
        final long[] v6High = new long[v6Count];
        final byte[] v6Length = new byte[v6Count];
        generateIpv6(random, v6High, v6Length);
        final int[] hosts = new int[1_000_000];
        for (int i = 0; i < hosts.length; i++) {
            final int route = random.nextInt(v4Count);
            hosts[i] = v4Address[route] | random.nextInt(1 << 32 - v4Length[route] - 1) + 1 & ~mask(v4Length[route]);
        }

        final var router = new RouterId(InetAddress.getByName("192.0.2.1"));
        final var peer = new PeerKey(0, 0, InetAddress.getByName("198.51.100.1"), 0x0A000001);
        warmUp(router, peer, v4Address, v4Length, hosts);
        final var store = new RibStore();
        final long baseline = usedHeapAfterGc();
        LOG.info("baseline heap {} MB (generated prefixes included)", baseline >> 20);

        // 1. IPv4: UPDATEs of 3 prefixes sharing one attribute set, in random prefix order
        long attributeBytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < v4Count; i += ROUTES_PER_SET) {
            final var attributes = attributes(i / ROUTES_PER_SET);
            attributeBytes += attributes.length;
            final var update = RibUpdate.builder();
            for (int j = i; j < Math.min(v4Count, i + ROUTES_PER_SET); j++) {
                update.announce(AfiSafi.IPV4_UNICAST, Prefix.ipv4(v4Address[j], v4Length[j]));
            }
            store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, update.attributes(attributes).build());
        }
        long nanos = System.nanoTime() - start;
        final var v4Table = new TableKey(peer, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST);
        final int sets = store.attributeSetCount();
        LOG.info("IPv4: {} routes, {} attribute sets, {} attribute bytes per set on average",
            store.count(router, v4Table), sets, String.format("%.1f", (double) attributeBytes / sets));
        LOG.info("IPv4 inserts: {} routes/s", rate(v4Count, nanos));
        final long afterV4 = usedHeapAfterGc();
        LOG.info("IPv4 memory: {} bytes per route ({} MB for {} routes)",
            String.format("%.1f", (double) (afterV4 - baseline) / v4Count), afterV4 - baseline >> 20, v4Count);

        // 2. IPv6
        start = System.nanoTime();
        final int setBase = (v4Count + ROUTES_PER_SET - 1) / ROUTES_PER_SET;
        for (int i = 0; i < v6Count; i += ROUTES_PER_SET) {
            final var update = RibUpdate.builder();
            for (int j = i; j < Math.min(v6Count, i + ROUTES_PER_SET); j++) {
                update.announce(AfiSafi.IPV6_UNICAST, Prefix.ipv6(v6High[j], 0, v6Length[j]));
            }
            store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, update.attributes(attributes(setBase + i / 3)).build());
        }
        nanos = System.nanoTime() - start;
        LOG.info("IPv6 inserts: {} routes/s", rate(v6Count, nanos));
        final long afterV6 = usedHeapAfterGc();
        LOG.info("IPv6 memory: {} bytes per route (marginal); all {} routes: {} bytes per route",
            String.format("%.1f", (double) (afterV6 - afterV4) / v6Count), v4Count + v6Count,
            String.format("%.1f", (double) (afterV6 - baseline) / (v4Count + v6Count)));

        // 3. Longest-prefix match of host addresses inside announced prefixes
        final var table = store.table(router, v4Table).orElseThrow();
        int hits = 0;
        start = System.nanoTime();
        for (int round = 0; round < 2; round++) {
            for (int host : hosts) {
                hits += table.longestMatch(0, Prefix.ipv4(host, 32)).isEmpty() ? 0 : 1;
            }
        }
        nanos = System.nanoTime() - start;
        LOG.info("IPv4 LPM lookups: {} lookups/s ({} of {} found)", rate(2L * hosts.length, nanos), hits,
            2 * hosts.length);

        // 4. Withdraw a third of the IPv4 routes, in UPDATEs of 3
        start = System.nanoTime();
        int withdrawn = 0;
        for (int i = 0; i < v4Count; i += 9) {
            final var update = RibUpdate.builder();
            for (int j = i; j < Math.min(v4Count, i + ROUTES_PER_SET); j++) {
                update.withdraw(AfiSafi.IPV4_UNICAST, Prefix.ipv4(v4Address[j], v4Length[j]));
            }
            withdrawn += store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, update.build()).withdrawn();
        }
        nanos = System.nanoTime() - start;
        LOG.info("IPv4 withdraws: {} routes/s ({} withdrawn)", rate(withdrawn, nanos), withdrawn);
        final long afterWithdraw = usedHeapAfterGc();
        final int left = store.count(router, v4Table) + v6Count;
        LOG.info("after withdrawals: {} routes, {} attribute sets, {} bytes per remaining route", left,
            store.attributeSetCount(), String.format("%.1f", (double) (afterWithdraw - baseline) / left));

        // 5. Peer Down
        start = System.nanoTime();
        final int dropped = store.clearPeer(router, peer);
        nanos = System.nanoTime() - start;
        final long afterClear = usedHeapAfterGc();
        LOG.info("Peer Down: {} routes dropped in {} ms; {} attribute sets left; heap {} MB, baseline {} MB "
            + "(difference {} KB)", dropped, nanos / 1_000_000, store.attributeSetCount(), afterClear >> 20,
            baseline >> 20, afterClear - baseline >> 10);
        // 6. The collector's write path (RibWriter) into a fresh store: the same IPv4 table, then the same withdrawals
        final var writerStore = new RibStore();
        final var writer = writerStore.writer(router);
        announceThrough(writer, peer, v4Address, v4Length, Math.min(v4Count, 300_000));
        writerStore.clearRouter(router);
        start = System.nanoTime();
        announceThrough(writer, peer, v4Address, v4Length, v4Count);
        nanos = System.nanoTime() - start;
        LOG.info("IPv4 inserts through RibWriter (the collector's path): {} routes/s ({} routes)", rate(v4Count, nanos),
            writerStore.count(router, v4Table));
        start = System.nanoTime();
        int writerWithdrawn = 0;
        for (int i = 0; i < v4Count; i += 9) {
            writer.begin(peer, Rib.ADJ_RIB_IN_PRE);
            for (int j = i; j < Math.min(v4Count, i + ROUTES_PER_SET); j++) {
                writer.withdraw(1, 1, v4Address[j] & 0xFFFFFFFFL, 0, v4Length[j], 0, 0);
            }
            writer.end();
            writerWithdrawn += writer.withdrawn();
        }
        nanos = System.nanoTime() - start;
        LOG.info("IPv4 withdraws through RibWriter: {} routes/s ({} withdrawn)", rate(writerWithdrawn, nanos),
            writerWithdrawn);
        // The generated prefixes are part of the baseline: keep them alive until the last measurement.
        Reference.reachabilityFence(v4Address);
        Reference.reachabilityFence(v4Length);
        Reference.reachabilityFence(v6High);
        Reference.reachabilityFence(v6Length);
        Reference.reachabilityFence(hosts);
    }

    /** Announces the first {@code count} IPv4 routes through a writer, 3 per UPDATE. */
    private static void announceThrough(final RibWriter writer, final PeerKey peer, final int[] address,
            final byte[] length, final int count) {
        for (int i = 0; i < count; i += ROUTES_PER_SET) {
            final var attributes = attributes(i / ROUTES_PER_SET);
            writer.begin(peer, Rib.ADJ_RIB_IN_PRE);
            writer.attributes(attributes, 0, attributes.length);
            for (int j = i; j < Math.min(count, i + ROUTES_PER_SET); j++) {
                writer.announce(1, 1, address[j] & 0xFFFFFFFFL, 0, length[j], 0, 0);
            }
            writer.end();
        }
    }

    /** Runs every measured path once on a throw-away store, so that the rates are not those of a cold JVM. */
    private static void warmUp(final RouterId router, final PeerKey peer, final int[] address, final byte[] length,
            final int[] hosts) {
        final var store = new RibStore();
        final int count = Math.min(address.length, 300_000);
        for (int i = 0; i < count; i += ROUTES_PER_SET) {
            final var update = RibUpdate.builder();
            for (int j = i; j < Math.min(count, i + ROUTES_PER_SET); j++) {
                update.announce(AfiSafi.IPV4_UNICAST, Prefix.ipv4(address[j], length[j]));
                update.announce(AfiSafi.IPV6_UNICAST, Prefix.ipv6(0x2001_0db8_0000_0000L | (long) j << 16, 0, 48));
            }
            store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, update.attributes(attributes(i)).build());
        }
        final var table = store.table(router, new TableKey(peer, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST))
            .orElseThrow();
        for (int i = 0; i < 300_000; i++) {
            table.longestMatch(0, Prefix.ipv4(hosts[i], 32));
        }
        for (int i = 0; i < count; i += 2 * ROUTES_PER_SET) {
            final var update = RibUpdate.builder();
            for (int j = i; j < Math.min(count, i + ROUTES_PER_SET); j++) {
                update.withdraw(AfiSafi.IPV4_UNICAST, Prefix.ipv4(address[j], length[j]));
            }
            store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, update.build());
        }
        store.clearPeer(router, peer);
    }

    /** Distinct prefixes with a realistic length mix: 60% /24, the rest /16-/23. */
    static void generateIpv4(final Random random, final int[] address, final byte[] length) {
        final int[] next = new int[33];
        for (int i = 0; i < address.length; i++) {
            final int pick = random.nextInt(100);
            final int len = pick < 60 ? 24 : pick < 70 ? 23 : pick < 82 ? 22 : pick < 88 ? 21 : pick < 93 ? 20
                : pick < 96 ? 19 : pick < 98 ? 18 : pick < 99 ? 17 : 16;
            // index * odd constant is a bijection modulo 2^len: distinct addresses per length
            final long index = next[len]++ * 0x9E3779B1L & (1L << len) - 1;
            address[i] = (int) (index << 32 - len);
            length[i] = (byte) len;
        }
    }

    /** Distinct IPv6 prefixes within 2000::/3: 45% /48, the rest /32-/64. */
    private static void generateIpv6(final Random random, final long[] high, final byte[] length) {
        final int[] next = new int[65];
        for (int i = 0; i < high.length; i++) {
            final int pick = random.nextInt(100);
            final int len = pick < 45 ? 48 : pick < 60 ? 44 : pick < 70 ? 40 : pick < 80 ? 32 : pick < 90 ? 56 : 64;
            final long index = next[len]++ * 0x9E3779B97F4A7C15L & (1L << len - 3) - 1;
            high[i] = 0x2000000000000000L | index << 64 - len;
            length[i] = (byte) len;
        }
    }

    private static int mask(final int len) {
        return len == 0 ? 0 : -1 << 32 - len;
    }

    /**
     * ORIGIN, AS_PATH of 3-8 4-byte ASNs, NEXT_HOP, sometimes MED and COMMUNITIES: 34-70 bytes, unique per index.
     */
    static byte[] attributes(final int index) {
        final var random = new Random(index * 0x9E3779B97F4A7C15L);
        final int hops = 3 + random.nextInt(6);
        final boolean med = random.nextBoolean();
        final int communities = random.nextInt(3);
        final var bytes = new byte[4 + 5 + 4 * hops + 7 + (med ? 7 : 0) + (communities > 0 ? 3 + 4 * communities : 0)];
        int at = 0;
        at = put(bytes, at, 0x40, 1, 1);
        bytes[at++] = (byte) random.nextInt(3);
        at = put(bytes, at, 0x40, 2, 2 + 4 * hops);
        bytes[at++] = 2;
        bytes[at++] = (byte) hops;
        // the first hop varies with the index, so every set is distinct
        at = putInt(bytes, at, 64_512 + index);
        for (int i = 1; i < hops; i++) {
            at = putInt(bytes, at, 1 + random.nextInt(400_000));
        }
        at = put(bytes, at, 0x40, 3, 4);
        at = putInt(bytes, at, 0xC6336401);
        if (med) {
            at = put(bytes, at, 0x80, 4, 4);
            at = putInt(bytes, at, random.nextInt(1000));
        }
        if (communities > 0) {
            at = put(bytes, at, 0xC0, 8, 4 * communities);
            for (int i = 0; i < communities; i++) {
                at = putInt(bytes, at, random.nextInt());
            }
        }
        return bytes;
    }

    private static int put(final byte[] bytes, final int at, final int flags, final int type, final int len) {
        bytes[at] = (byte) flags;
        bytes[at + 1] = (byte) type;
        bytes[at + 2] = (byte) len;
        return at + 3;
    }

    private static int putInt(final byte[] bytes, final int at, final int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
        return at + 4;
    }

    private static String rate(final long count, final long nanos) {
        return String.format("%,.0f", count * 1e9 / nanos);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        final var memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = 0;
        // Collect until the figure settles (or 10 rounds): one System.gc() may leave reference processing behind.
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }
}

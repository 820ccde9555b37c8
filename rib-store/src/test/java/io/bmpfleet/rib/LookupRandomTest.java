/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static io.bmpfleet.rib.TestAttributes.address;
import static io.bmpfleet.rib.TestAttributes.attributes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exact, longest-prefix and more-specific lookups against a naive reference (a map scanned in full), on random
 * tables with announcements, replacements and withdrawals. Fixed seeds, bounded sizes.
 */
class LookupRandomTest {
    private static final RouterId ROUTER = new RouterId(address("192.0.2.1"));
    private static final PeerKey PEER = new PeerKey(0, 0, address("198.51.100.1"), 1);
    private static final Comparator<RouteKey> ORDER = Comparator.comparingLong(RouteKey::rd)
        .thenComparing(RouteKey::prefix).thenComparingLong(key -> key.pathId() & 0xFFFFFFFFL);

    /** A random prefix, clustered in a few address blocks so that prefixes nest. */
    private static Prefix randomPrefix(final Random random, final boolean ipv6) {
        if (ipv6) {
            final long high = 0x20010DB800000000L | (long) random.nextInt(4) << 28 | random.nextLong() & 0xFFFF0000L;
            return Prefix.ipv6(high, random.nextInt(8) == 0 ? random.nextLong() : 0, random.nextInt(129));
        }
        final int address = 10 << 24 | random.nextInt(4) << 20 | random.nextInt(1 << 20);
        return Prefix.ipv4(address, random.nextInt(33));
    }

    private static Prefix randomHost(final Random random, final boolean ipv6) {
        final var prefix = randomPrefix(random, ipv6);
        return ipv6 ? Prefix.ipv6(prefix.high() | random.nextInt(1 << 16), random.nextLong(), 128)
            : Prefix.ipv4((int) prefix.high() | random.nextInt(256), 32);
    }

    @ParameterizedTest(name = "ipv6={0} rds={1} paths={2} seed={3}")
    @CsvSource({
        "false, 1, 1, 1",
        "false, 1, 3, 2",
        "false, 3, 1, 3",
        "false, 3, 3, 4",
        "true, 1, 1, 5",
        "true, 2, 3, 6",
    })
    void lookupsMatchTheReference(final boolean ipv6, final int rds, final int paths, final long seed) {
        final var random = new Random(seed);
        final var family = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, ipv6 ? AfiSafi.VPNV6 : AfiSafi.VPNV4);
        final var store = new RibStore();
        final Map<RouteKey, Integer> reference = new HashMap<>();
        final var keys = new ArrayList<RouteKey>();

        for (int round = 0; round < 6000; round++) {
            final int op = random.nextInt(10);
            if (op < 7 || keys.isEmpty()) {
                final var key = new RouteKey(randomPrefix(random, ipv6), random.nextInt(paths),
                    random.nextInt(rds) * 0x10000000001L);
                final int med = random.nextInt(50);
                store.announce(ROUTER, family, key, attributes(med));
                if (reference.put(key, med) == null) {
                    keys.add(key);
                }
            } else {
                final var key = keys.remove(random.nextInt(keys.size()));
                reference.remove(key);
                assertThat(store.withdraw(ROUTER, family, key)).isTrue();
            }
        }
        final var table = store.table(ROUTER, family).orElseThrow();
        table.verify();
        assertThat(table.size()).isEqualTo(reference.size());
        assertThat(store.attributeSetCount()).isEqualTo((int) reference.values().stream().distinct().count());

        for (var entry : reference.entrySet()) {
            assertThat(table.exact(entry.getKey()).attributes().toByteArray()).isEqualTo(attributes(entry.getValue()));
        }
        final var dump = new ArrayList<RouteKey>();
        table.forEach(route -> dump.add(route.key()));
        assertThat(dump).isEqualTo(reference.keySet().stream().sorted(ORDER).toList());
        // The primitive chunks say the same, in the same order, with the same attribute sets.
        final var chunked = new ArrayList<RouteKey>();
        final var chunk = new RouteTable.Chunk();
        int chunks = 0;
        while (table.next(chunk)) {
            chunks++;
            for (int i = 0; i < chunk.size(); i++) {
                final var key = new RouteKey(ipv6 ? Prefix.ipv6(chunk.high(i), chunk.low(i), chunk.length(i))
                    : Prefix.ipv4((int) chunk.high(i), chunk.length(i)), chunk.pathId(i), chunk.rd(i));
                assertThat(chunk.attributes(i)).isSameAs(table.exact(key).attributes());
                chunked.add(key);
            }
        }
        assertThat(chunked).isEqualTo(dump);
        assertThat(chunks).isEqualTo((dump.size() + RouteTable.DUMP_CHUNK - 1) / RouteTable.DUMP_CHUNK);
        assertThat(table.next(chunk)).as("stays at the end").isFalse();

        for (int query = 0; query < 1500; query++) {
            final long rd = random.nextInt(rds + 1) * 0x10000000001L;
            final var host = random.nextBoolean() ? randomHost(random, ipv6) : randomPrefix(random, ipv6);
            assertThat(keysOf(table.longestMatch(rd, host))).as("LPM %s rd %s", host, rd)
                .isEqualTo(referenceLongestMatch(reference, rd, host));
            final var covering = randomPrefix(random, ipv6);
            assertThat(keysOf(table.moreSpecifics(rd, covering, Integer.MAX_VALUE)))
                .as("more-specifics of %s rd %s", covering, rd)
                .isEqualTo(reference.keySet().stream()
                    .filter(key -> key.rd() == rd && covering.contains(key.prefix())).sorted(ORDER).toList());
        }

        // withdraw everything: the table must empty out and give its attribute sets back
        for (var key : keys) {
            assertThat(store.withdraw(ROUTER, family, key)).isTrue();
        }
        table.verify();
        assertThat(table.size()).isZero();
        assertThat(store.attributeSetCount()).isZero();
    }

    private static List<RouteKey> keysOf(final List<Route> routes) {
        return routes.stream().map(Route::key).toList();
    }

    private static List<RouteKey> referenceLongestMatch(final Map<RouteKey, Integer> reference, final long rd,
            final Prefix host) {
        final var covering = reference.keySet().stream()
            .filter(key -> key.rd() == rd && key.prefix().contains(host)).toList();
        final int best = covering.stream().mapToInt(key -> key.prefix().length()).max().orElse(-1);
        return covering.stream().filter(key -> key.prefix().length() == best).sorted(ORDER).toList();
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static io.bmpfleet.rib.TestAttributes.address;
import static io.bmpfleet.rib.TestAttributes.attributes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One writer per router, readers on other threads: readers always see whole structures. A /8 that is never
 * withdrawn must always be found by longest match, and dumps must always be sorted and without duplicates.
 */
class ConcurrentReadTest {
    private static final PeerKey PEER = new PeerKey(0, 0, address("198.51.100.1"), 1);
    private static final TableKey TABLE = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST);

    @Test
    void readersNeverSeeATornTable() throws InterruptedException, ExecutionException, TimeoutException {
        final var store = new RibStore();
        final var routers = List.of(new RouterId(address("192.0.2.1")), new RouterId(address("192.0.2.2")));
        for (var router : routers) {
            store.announce(router, TABLE, RouteKey.of(Prefix.parse("10.0.0.0/8")), attributes(0));
        }
        final var stop = new AtomicBoolean();
        final var pool = Executors.newFixedThreadPool(4);
        try {
            final var futures = new ArrayList<Future<?>>();
            for (var router : routers) {
                futures.add(pool.submit(() -> write(store, router, stop)));
                futures.add(pool.submit(() -> read(store, router, stop)));
            }
            Thread.sleep(1500);
            stop.set(true);
            for (var future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (var router : routers) {
            store.table(router, TABLE).orElseThrow().verify();
            store.clearRouter(router);
        }
        assertThat(store.attributeSetCount()).isZero();
    }

    private static void write(final RibStore store, final RouterId router, final AtomicBoolean stop) {
        final var random = new Random(router.hashCode());
        while (!stop.get()) {
            final int base = 10 << 24 | random.nextInt(1 << 16) << 8;
            final var builder = RibUpdate.builder();
            for (int i = 0; i < 8; i++) {
                builder.withdraw(AfiSafi.IPV4_UNICAST, Prefix.ipv4(base + random.nextInt(1 << 16) * 256, 24));
                builder.announce(AfiSafi.IPV4_UNICAST, Prefix.ipv4(base + random.nextInt(1 << 16) * 256, 24));
            }
            store.apply(router, PEER, Rib.ADJ_RIB_IN_PRE, builder.attributes(attributes(random.nextInt(64))).build());
        }
    }

    private static void read(final RibStore store, final RouterId router, final AtomicBoolean stop) {
        final var random = new Random(router.hashCode() + 1);
        final var table = store.table(router, TABLE).orElseThrow();
        int rounds = 0;
        while (!stop.get() || rounds < 10) {
            final var host = Prefix.ipv4(10 << 24 | random.nextInt(1 << 24), 32);
            assertThat(table.longestMatch(0, host)).isNotEmpty();
            assertThat(table.moreSpecifics(0, Prefix.parse("10.0.0.0/8"), 50)).isNotEmpty();
            if (rounds++ % 50 == 0) {
                final var previous = new Prefix[1];
                table.forEach(route -> {
                    assertThat(previous[0] == null || previous[0].compareTo(route.key().prefix()) < 0).isTrue();
                    previous[0] = route.key().prefix();
                });
            }
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static io.bmpfleet.rib.TestAttributes.address;
import static io.bmpfleet.rib.TestAttributes.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The primitive write path gives the same store as {@link RibStore#apply}: same routes, same attributes, same
 * counts and outcomes, no attribute set leaked or freed early.
 */
class RibWriterTest {
    private static final RouterId ROUTER = new RouterId(address("192.0.2.1"), 40000);
    private static final PeerKey PEER = new PeerKey(0, 0, address("198.51.100.1"), 0x0A000001);
    private static final PeerKey OTHER_PEER = new PeerKey(1, 0x0001000200000003L, address("2001:db8::2"), 7);
    private static final List<PeerKey> PEERS = List.of(PEER, OTHER_PEER);
    private static final List<Rib> RIBS = List.of(Rib.ADJ_RIB_IN_PRE, Rib.ADJ_RIB_IN_POST, Rib.LOC_RIB);
    private static final List<AfiSafi> FAMILIES = List.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST, AfiSafi.VPNV4,
        AfiSafi.IPV4_LABELED_UNICAST);

    private static final TableKey V4_PRE = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST);

    @Test
    void announceReplaceWithdrawCountsAndClearsHostBits() {
        final var store = new RibStore();
        final var writer = store.writer(ROUTER);
        final byte[] first = attributes(1);
        writer.begin(PEER, Rib.ADJ_RIB_IN_PRE);
        writer.attributes(first, 0, first.length);
        // 10.1.2.3/16 has host bits set: stored as 10.1.0.0/16
        assertThat(writer.announce(1, 1, 0x0A010203L, 0, 16, 0, 0)).isTrue();
        assertThat(writer.announce(1, 1, 0x0A020000L, 0, 16, 0, 0)).isTrue();
        assertThat(writer.announce(1, 1, 0x0A020000L, 0, 16, 0, 0)).isTrue();
        writer.end();
        assertThat(writer.added()).isEqualTo(2);
        assertThat(writer.duplicates()).isEqualTo(1);
        assertThat(store.count(ROUTER, V4_PRE)).isEqualTo(2);
        final var table = store.table(ROUTER, V4_PRE).orElseThrow();
        assertThat(table.exact(RouteKey.of(Prefix.parse("10.1.0.0/16"))).attributes().toByteArray())
            .isEqualTo(first);

        final byte[] second = attributes(2);
        writer.begin(PEER, Rib.ADJ_RIB_IN_PRE);
        assertThat(writer.withdraw(1, 1, 0x0A020000L, 0, 16, 0, 0)).isTrue();
        assertThat(writer.withdraw(1, 1, 0x0B000000L, 0, 8, 0, 0)).isTrue();
        writer.attributes(second, 0, second.length);
        writer.announce(1, 1, 0x0A010000L, 0, 16, 0, 0);
        writer.end();
        assertThat(writer.withdrawn()).isEqualTo(1);
        assertThat(writer.unknownWithdrawals()).isEqualTo(1);
        assertThat(writer.replaced()).isEqualTo(1);
        assertThat(writer.added()).isZero();
        assertThat(table.exact(RouteKey.of(Prefix.parse("10.1.0.0/16"))).attributes().toByteArray())
            .isEqualTo(second);
        // the first set lost its last route
        assertThat(store.attributeSetCount()).isEqualTo(1);

        // EVPN (AFI 25) is not kept by prefix; an announcement needs attributes
        writer.begin(PEER, Rib.ADJ_RIB_IN_PRE);
        assertThat(writer.announce(25, 70, 0, 0, 0, 0, 0)).isFalse();
        assertThatThrownBy(() -> writer.announce(1, 1, 0x0A000000L, 0, 8, 0, 0))
            .isInstanceOf(IllegalStateException.class);
        writer.end();
    }

    @Test
    void findsTheNewTableAfterPeerDownAndSessionLoss() {
        final var store = new RibStore();
        final var writer = store.writer(ROUTER);
        final byte[] attrs = attributes(5);
        announceOne(writer, attrs, 0x0A000000L);
        assertThat(store.clearPeer(ROUTER, PEER)).isEqualTo(1);
        announceOne(writer, attrs, 0x0B000000L);
        assertThat(store.count(ROUTER, V4_PRE)).isEqualTo(1);
        assertThat(store.clearRouter(ROUTER)).isEqualTo(1);
        announceOne(writer, attrs, 0x0C000000L);
        assertThat(store.count(ROUTER, V4_PRE)).isEqualTo(1);
        assertThat(store.table(ROUTER, V4_PRE).orElseThrow().exact(RouteKey.of(Prefix.parse("12.0.0.0/8"))))
            .isNotNull();
        store.clearRouter(ROUTER);
        assertThat(store.attributeSetCount()).isZero();
    }

    private static void announceOne(final RibWriter writer, final byte[] attrs, final long address) {
        writer.begin(PEER, Rib.ADJ_RIB_IN_PRE);
        writer.attributes(attrs, 0, attrs.length);
        writer.announce(1, 1, address, 0, 8, 0, 0);
        writer.end();
    }

    /** 20,000 random UPDATEs through both paths: every table, route and counter must agree. */
    @Test
    void agreesWithApplyOnRandomUpdates() {
        final var random = new Random(20261122);
        final var viaApply = new RibStore();
        final var viaWriter = new RibStore();
        final var writer = viaWriter.writer(ROUTER);
        for (int update = 0; update < 20_000; update++) {
            final var peer = PEERS.get(random.nextInt(PEERS.size()));
            final var rib = RIBS.get(random.nextInt(RIBS.size()));
            final byte[] attrs = attributes(random.nextInt(50), 65001, 65000 + random.nextInt(4));
            final var builder = RibUpdate.builder();
            writer.begin(peer, rib);
            final int withdrawals = random.nextInt(4);
            for (int i = 0; i < withdrawals; i++) {
                final var family = FAMILIES.get(random.nextInt(FAMILIES.size()));
                final var key = randomKey(random, family);
                builder.withdraw(family, key);
                write(writer, family, key, false);
            }
            final int announcements = random.nextInt(5);
            if (announcements > 0) {
                builder.attributes(attrs);
                writer.attributes(attrs, 0, attrs.length);
            }
            for (int i = 0; i < announcements; i++) {
                final var family = FAMILIES.get(random.nextInt(FAMILIES.size()));
                final var key = randomKey(random, family);
                builder.announce(family, key);
                write(writer, family, key, true);
            }
            writer.end();
            final var expected = viaApply.apply(ROUTER, peer, rib, builder.build());
            assertThat(new UpdateResult(writer.added(), writer.replaced(), writer.duplicates(), writer.withdrawn(),
                writer.unknownWithdrawals())).as("update %d", update).isEqualTo(expected);
            if (update % 5000 == 4999) {
                // Peer Down of one peer now and then: both stores drop the same routes
                assertThat(viaWriter.clearPeer(ROUTER, peer)).isEqualTo(viaApply.clearPeer(ROUTER, peer));
            }
        }
        assertThat(viaWriter.counts(ROUTER)).isEqualTo(viaApply.counts(ROUTER)).isNotEmpty();
        assertThat(viaWriter.attributeSetCount()).isEqualTo(viaApply.attributeSetCount());
        for (var table : viaApply.tables(ROUTER)) {
            final var routes = dump(table);
            assertThat(dump(viaWriter.table(ROUTER, table.key()).orElseThrow())).isEqualTo(routes);
            table.verify();
        }
        viaWriter.clearRouter(ROUTER);
        assertThat(viaWriter.attributeSetCount()).isZero();
    }

    private static void write(final RibWriter writer, final AfiSafi family, final RouteKey key,
            final boolean announce) {
        final var prefix = key.prefix();
        if (announce) {
            writer.announce(family.afi(), family.safi(), prefix.high(), prefix.low(), prefix.length(), key.pathId(),
                key.rd());
        } else {
            writer.withdraw(family.afi(), family.safi(), prefix.high(), prefix.low(), prefix.length(), key.pathId(),
                key.rd());
        }
    }

    /** Keys from a small space so that replacements, duplicates and real withdrawals happen often. */
    private static RouteKey randomKey(final Random random, final AfiSafi family) {
        final int pathId = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
        final long rd = family.safi() == 128 ? 0x0001000000000000L | random.nextInt(2) : 0;
        if (family.isIpv6()) {
            final int length = 32 + 8 * random.nextInt(5);
            return new RouteKey(Prefix.ipv6(0x20010DB800000000L | (long) random.nextInt(64) << 16, 0, length),
                pathId, rd);
        }
        final int length = 8 + 4 * random.nextInt(6);
        return new RouteKey(Prefix.ipv4(0x0A000000 | random.nextInt(64) << 8, length), pathId, rd);
    }

    private static List<String> dump(final RouteTable table) {
        final var out = new ArrayList<String>();
        table.forEach(route -> out.add(route.key() + "=" + Arrays.toString(
            route.attributes().toByteArray())));
        return out;
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static io.bmpfleet.rib.TestAttributes.address;
import static io.bmpfleet.rib.TestAttributes.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributeInternerTest {
    private static final RouterId ROUTER = new RouterId(address("192.0.2.1"));
    private static final PeerKey PEER = new PeerKey(0, 0, address("198.51.100.1"), 1);
    private static final TableKey TABLE = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST);

    @Test
    void equalBytesAreOneInstance() {
        final var interner = new AttributeInterner();
        final var buf = new byte[100];
        System.arraycopy(attributes(7), 0, buf, 10, attributes(7).length);
        final var first = interner.acquire(attributes(7), 0, attributes(7).length);
        final var second = interner.acquire(buf, 10, attributes(7).length);
        final var other = interner.acquire(attributes(8), 0, attributes(8).length);
        assertThat(second).isSameAs(first);
        assertThat(other).isNotSameAs(first);
        assertThat(first.references).isEqualTo(2);
        assertThat(interner.size()).isEqualTo(2);

        interner.release(first);
        interner.release(second);
        interner.release(other);
        assertThat(interner.size()).isZero();
        assertThatThrownBy(() -> interner.release(first)).isInstanceOf(IllegalStateException.class);
        // after the last release the next acquire makes a fresh set
        assertThat(interner.acquire(attributes(7), 0, attributes(7).length)).isNotSameAs(first);
    }

    @Test
    void routesShareSetsAcrossPeersAndRouters() {
        final var store = new RibStore();
        final var otherRouter = new RouterId(address("192.0.2.9"));
        store.announce(ROUTER, TABLE, RouteKey.of(Prefix.parse("10.0.0.0/8")), attributes(1));
        store.announce(otherRouter, TABLE, RouteKey.of(Prefix.parse("11.0.0.0/8")), attributes(1));
        final var first = store.table(ROUTER, TABLE).orElseThrow().exact(RouteKey.of(Prefix.parse("10.0.0.0/8")));
        final var second = store.table(otherRouter, TABLE).orElseThrow()
            .exact(RouteKey.of(Prefix.parse("11.0.0.0/8")));
        assertThat(second.attributes()).isSameAs(first.attributes());
        assertThat(first.attributes().references).isEqualTo(2);
        assertThat(store.attributeSetCount()).isOne();
    }

    @Test
    void unusedSetsAreFreed() {
        final var store = new RibStore();
        store.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder()
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8"))
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("11.0.0.0/8")).attributes(attributes(1)).build());
        final var ref = new WeakReference<>(
            store.table(ROUTER, TABLE).orElseThrow().exact(RouteKey.of(Prefix.parse("10.0.0.0/8"))).attributes());
        store.withdraw(ROUTER, TABLE, RouteKey.of(Prefix.parse("10.0.0.0/8")));
        assertThat(store.attributeSetCount()).isOne();
        store.clearPeer(ROUTER, PEER);
        assertThat(store.attributeSetCount()).isZero();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.onSpinWait();
        }
        assertThat(ref.get()).as("nothing holds the set any more").isNull();
    }

    @Test
    void attributeValueWalksTheList() {
        final var set = new AttributeSet(attributes(0x01020304, 65001, 65002), 0);
        assertThat(set.attributeValue(1).remaining()).isOne();
        final var asPath = set.attributeValue(2);
        assertThat(asPath.remaining()).isEqualTo(2 + 8);
        assertThat(asPath.getInt(2)).isEqualTo(65001);
        assertThat(set.attributeValue(4).getInt(0)).isEqualTo(0x01020304);
        assertThat(set.attributeValue(8)).isNull();
        assertThat(set.asReadOnlyBuffer().isReadOnly()).isTrue();
        // extended length and a truncated list
        final var extended = new AttributeSet(new byte[] { (byte) 0x90, 17, 0, 2, 9, 9, 0x40, 1 }, 0);
        assertThat(extended.attributeValue(17).remaining()).isEqualTo(2);
        assertThat(extended.attributeValue(1)).isNull();
    }

    @Test
    void randomAcquireAndReleaseKeepTheTableConsistent() {
        // many sets in one interner, so that stripes grow, shrink and backward-shift across wrapped runs
        final var interner = new AttributeInterner();
        final var random = new Random(11);
        final Map<Integer, ArrayList<AttributeSet>> held = new HashMap<>();
        for (int round = 0; round < 60_000; round++) {
            final int id = random.nextInt(3000);
            final var list = held.computeIfAbsent(id, unused -> new ArrayList<>());
            if (random.nextInt(3) > 0 || list.isEmpty()) {
                final var bytes = attributes(id);
                final var set = interner.acquire(bytes, 0, bytes.length);
                if (!list.isEmpty()) {
                    assertThat(set).isSameAs(list.get(0));
                }
                list.add(set);
            } else {
                interner.release(list.remove(list.size() - 1));
            }
        }
        assertThat(interner.size()).isEqualTo((int) held.values().stream().filter(list -> !list.isEmpty()).count());
        held.values().forEach(list -> list.forEach(interner::release));
        assertThat(interner.size()).isZero();
    }
}

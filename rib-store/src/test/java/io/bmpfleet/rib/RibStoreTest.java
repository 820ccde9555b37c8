/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static io.bmpfleet.rib.TestAttributes.address;
import static io.bmpfleet.rib.TestAttributes.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RibStoreTest {
    private static final RouterId ROUTER = new RouterId(address("192.0.2.1"));
    private static final RouterId OTHER_ROUTER = new RouterId(address("192.0.2.2"));
    private static final PeerKey PEER = new PeerKey(0, 0, address("198.51.100.1"), 0x0A000001);
    private static final PeerKey OTHER_PEER = new PeerKey(0, 0, address("198.51.100.2"), 0x0A000002);
    private static final TableKey V4_PRE = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST);
    private static final TableKey V6_PRE = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV6_UNICAST);

    private final RibStore store = new RibStore();

    private static RouteKey key(final String prefix) {
        return RouteKey.of(Prefix.parse(prefix));
    }

    private RouteTable table(final TableKey key) {
        return store.table(ROUTER, key).orElseThrow();
    }

    @ParameterizedTest(name = "peer type {0}, flags {1} -> {2}")
    @CsvSource({
        "0, 0x00, ADJ_RIB_IN_PRE",
        "0, 0x40, ADJ_RIB_IN_POST",
        "1, 0xC0, ADJ_RIB_IN_POST",
        "2, 0x10, ADJ_RIB_OUT_PRE",
        "0, 0x50, ADJ_RIB_OUT_POST",
        "3, 0x00, LOC_RIB",
        "3, 0x80, LOC_RIB",
    })
    void ribFromPerPeerHeader(final int peerType, final String flags, final Rib expected) {
        assertThat(Rib.of(peerType, Integer.decode(flags))).isEqualTo(expected);
    }

    @Test
    void announceReplaceWithdraw() {
        assertThat(store.announce(ROUTER, V4_PRE, key("10.0.0.0/8"), attributes(1))).isTrue();
        assertThat(store.count(ROUTER, V4_PRE)).isEqualTo(1);
        final var first = table(V4_PRE).exact(key("10.0.0.0/8")).attributes();
        assertThat(first.toByteArray()).isEqualTo(attributes(1));

        // same key, other attributes: replaced, not added
        assertThat(store.announce(ROUTER, V4_PRE, key("10.0.0.0/8"), attributes(2))).isFalse();
        assertThat(store.count(ROUTER, V4_PRE)).isEqualTo(1);
        assertThat(table(V4_PRE).exact(key("10.0.0.0/8")).attributes().toByteArray()).isEqualTo(attributes(2));
        assertThat(store.attributeSetCount()).isEqualTo(1);

        assertThat(store.withdraw(ROUTER, V4_PRE, key("10.0.0.0/8"))).isTrue();
        assertThat(store.withdraw(ROUTER, V4_PRE, key("10.0.0.0/8"))).isFalse();
        assertThat(store.count(ROUTER, V4_PRE)).isZero();
        assertThat(table(V4_PRE).exact(key("10.0.0.0/8"))).isNull();
        assertThat(store.attributeSetCount()).isZero();
    }

    @Test
    void updateAppliesWithdrawalsThenAnnouncements() {
        store.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder()
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.1.0.0/16"))
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.2.0.0/16"))
            .announce(AfiSafi.IPV6_UNICAST, Prefix.parse("2001:db8:1::/48"))
            .attributes(attributes(1)).build());

        final var result = store.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder()
            .withdraw(AfiSafi.IPV4_UNICAST, Prefix.parse("10.1.0.0/16"))
            .withdraw(AfiSafi.IPV4_UNICAST, Prefix.parse("10.9.0.0/16"))
            .withdraw(AfiSafi.IPV6_UNICAST, Prefix.parse("2001:db8:1::/48"))
            .withdraw(AfiSafi.VPNV4, new RouteKey(Prefix.parse("10.0.0.0/8"), 0, 7))
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.2.0.0/16"))
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.3.0.0/16"))
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.4.0.0/16"))
            .attributes(attributes(2)).build());

        assertThat(result).isEqualTo(new UpdateResult(2, 1, 0, 2, 2));
        assertThat(table(V4_PRE).moreSpecifics(0, Prefix.parse("0.0.0.0/0"), 100))
            .extracting(route -> route.key().prefix().toString())
            .containsExactly("10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16");
        assertThat(store.count(ROUTER, V4_PRE)).isEqualTo(3);
        assertThat(store.count(ROUTER, V6_PRE)).isZero();
        assertThat(store.attributeSetCount()).isOne();
    }

    @Test
    void withdrawAndAnnounceOfTheSamePrefixInOneUpdateLeavesTheAnnouncement() {
        store.announce(ROUTER, V4_PRE, key("10.0.0.0/8"), attributes(1));
        store.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder()
            .withdraw(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8"))
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8"))
            .attributes(attributes(2)).build());
        assertThat(table(V4_PRE).exact(key("10.0.0.0/8")).attributes().toByteArray()).isEqualTo(attributes(2));
    }

    @Test
    void endOfRibMarkerChangesNothing() {
        store.announce(ROUTER, V4_PRE, key("10.0.0.0/8"), attributes(1));
        // an UPDATE with neither withdrawals nor NLRI (RFC 4724 End-of-RIB)
        assertThat(store.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder().build()))
            .isEqualTo(UpdateResult.EMPTY);
        assertThat(store.count(ROUTER, V4_PRE)).isOne();
    }

    @Test
    void duplicateAnnouncementIsCounted() {
        final var update = RibUpdate.builder().announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8"))
            .attributes(attributes(1)).build();
        assertThat(store.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, update)).isEqualTo(new UpdateResult(1, 0, 0, 0, 0));
        assertThat(store.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, update)).isEqualTo(new UpdateResult(0, 0, 1, 0, 0));
        assertThat(store.count(ROUTER, V4_PRE)).isOne();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "10.0.0.0/8, 10.1.2.3", "2001:db8::/32, 2001:db8::1" })
    void addPathKeepsBothPathsAndWithdrawsOne(final String prefixText, final String host) {
        final var prefix = Prefix.parse(prefixText);
        final var family = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE,
            prefix.isIpv6() ? AfiSafi.IPV6_UNICAST : AfiSafi.IPV4_UNICAST);
        // a path ID 0 route first, so the IPv4 table must widen its layout when path ID 1 arrives
        store.announce(ROUTER, family, new RouteKey(prefix, 0, 0), attributes(0));
        store.announce(ROUTER, family, new RouteKey(prefix, 1, 0), attributes(1));
        store.announce(ROUTER, family, new RouteKey(prefix, 0xFFFFFFFE, 0), attributes(2));
        assertThat(store.count(ROUTER, family)).isEqualTo(3);
        assertThat(table(family).paths(0, prefix)).extracting(route -> route.key().pathId())
            .containsExactly(0, 1, 0xFFFFFFFE);
        assertThat(table(family).longestMatch(0, Prefix.parse(host))).hasSize(3);

        assertThat(store.withdraw(ROUTER, family, new RouteKey(prefix, 1, 0))).isTrue();
        assertThat(table(family).paths(0, prefix)).extracting(route -> route.key().pathId())
            .containsExactly(0, 0xFFFFFFFE);
        assertThat(table(family).exact(new RouteKey(prefix, 0xFFFFFFFE, 0)).attributes().toByteArray())
            .isEqualTo(attributes(2));
        assertThat(store.count(ROUTER, family)).isEqualTo(2);
        table(family).verify();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "10.0.0.0/24, 10.0.0.7", "2001:db8::/64, 2001:db8::7" })
    void vpnRoutesWithTheSamePrefixAndDifferentRdsAreDistinct(final String prefixText, final String host) {
        final var prefix = Prefix.parse(prefixText);
        final var family = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, prefix.isIpv6() ? AfiSafi.VPNV6 : AfiSafi.VPNV4);
        final long rd1 = 65000L << 32 | 1;
        final long rd2 = 1L << 48 | 0xC0000201L << 16 | 2;
        store.announce(ROUTER, family, new RouteKey(prefix, 0, rd1), attributes(1));
        store.announce(ROUTER, family, new RouteKey(prefix, 0, rd2), attributes(2));
        assertThat(store.count(ROUTER, family)).isEqualTo(2);
        final var table = table(family);
        assertThat(table.longestMatch(rd1, Prefix.parse(host))).singleElement()
            .satisfies(route -> assertThat(route.attributes().toByteArray()).isEqualTo(attributes(1)));
        assertThat(table.longestMatch(rd2, Prefix.parse(host))).singleElement()
            .satisfies(route -> assertThat(route.attributes().toByteArray()).isEqualTo(attributes(2)));
        assertThat(table.longestMatch(3, Prefix.parse(host))).isEmpty();
        assertThat(table.moreSpecifics(rd1, prefix.truncate(8), 10)).singleElement()
            .satisfies(route -> assertThat(route.key().rd()).isEqualTo(rd1));

        assertThat(store.withdraw(ROUTER, family, new RouteKey(prefix, 0, rd1))).isTrue();
        assertThat(table.longestMatch(rd1, Prefix.parse(host))).isEmpty();
        assertThat(table.exact(new RouteKey(prefix, 0, rd2))).isNotNull();
        table.verify();
    }

    @Test
    void vrfPeersWithTheSameBgpIdAreDifferentPeers() {
        final var vrfA = new PeerKey(1, 65000L << 32 | 1, address("198.51.100.1"), 0x0A000001);
        final var vrfB = new PeerKey(1, 65000L << 32 | 2, address("198.51.100.1"), 0x0A000001);
        store.announce(ROUTER, new TableKey(vrfA, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST), key("10.0.0.0/8"),
            attributes(1));
        store.announce(ROUTER, new TableKey(vrfB, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST), key("10.0.0.0/8"),
            attributes(1));
        assertThat(store.peers(ROUTER)).containsExactlyInAnyOrder(vrfA, vrfB);
        assertThat(store.clearPeer(ROUTER, vrfA)).isOne();
        assertThat(store.count(ROUTER, new TableKey(vrfB, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST))).isOne();
    }

    @Test
    void peerClearDropsAllRibsAndFamiliesOfThatPeerOnly() {
        for (var rib : Rib.values()) {
            store.apply(ROUTER, PEER, rib, RibUpdate.builder()
                .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8"))
                .announce(AfiSafi.IPV6_UNICAST, Prefix.parse("2001:db8::/32"))
                .attributes(attributes(rib.ordinal())).build());
        }
        store.apply(ROUTER, OTHER_PEER, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder()
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8")).attributes(attributes(99)).build());
        final var stale = table(V4_PRE);
        assertThat(store.attributeSetCount()).isEqualTo(6);

        assertThat(store.clearPeer(ROUTER, PEER)).isEqualTo(10);

        assertThat(store.counts(ROUTER)).isEqualTo(Map.of(
            new TableKey(OTHER_PEER, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST), 1));
        assertThat(store.count(ROUTER, V4_PRE)).isZero();
        assertThat(stale.size()).isZero();
        assertThat(store.attributeSetCount()).isOne();
        // a handle kept across Peer Down must not take routes that nobody would ever see again
        assertThatThrownBy(() -> stale.put(key("10.0.0.0/8"), null)).isInstanceOf(IllegalStateException.class);
        // the peer comes back: a fresh table
        store.announce(ROUTER, V4_PRE, key("10.0.0.0/8"), attributes(1));
        assertThat(store.count(ROUTER, V4_PRE)).isOne();
    }

    @Test
    void routerClearDropsEverythingOfThatRouterOnly() {
        final var update = RibUpdate.builder().announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8"))
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.1.0.0/16")).attributes(attributes(1)).build();
        store.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, update);
        store.apply(ROUTER, OTHER_PEER, Rib.LOC_RIB, update);
        store.apply(OTHER_ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, update);
        assertThat(store.attributeSetCount()).isOne();

        assertThat(store.clearRouter(ROUTER)).isEqualTo(4);
        assertThat(store.routers()).containsExactly(OTHER_ROUTER);
        assertThat(store.counts(ROUTER)).isEmpty();
        assertThat(store.count(OTHER_ROUTER, V4_PRE)).isEqualTo(2);
        assertThat(store.attributeSetCount()).isOne();

        assertThat(store.clearRouter(OTHER_ROUTER)).isEqualTo(2);
        assertThat(store.attributeSetCount()).isZero();
        assertThat(store.clearRouter(OTHER_ROUTER)).isZero();
    }

    @Test
    void countsByRib() {
        store.apply(ROUTER, PEER, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder()
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8"))
            .announce(AfiSafi.IPV6_UNICAST, Prefix.parse("2001:db8::/32")).attributes(attributes(1)).build());
        store.apply(ROUTER, PEER, Rib.LOC_RIB, RibUpdate.builder()
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8")).attributes(attributes(1)).build());
        assertThat(store.countsBy(ROUTER, TableKey::rib)).isEqualTo(Map.of(Rib.ADJ_RIB_IN_PRE, 2L, Rib.LOC_RIB, 1L));
    }

    @Test
    void ipv6LookupsAndDump() {
        final var prefixes = List.of("2001:db8::/32", "2001:db8:1::/48", "2001:db8:1:2::/64", "2001:db8:2::/48",
            "::/0", "2001:db8:1:2::1/128");
        int med = 0;
        for (var prefix : prefixes) {
            store.announce(ROUTER, V6_PRE, key(prefix), attributes(med++));
        }
        final var table = table(V6_PRE);
        assertThat(table.longestMatch(0, Prefix.parse("2001:db8:1:2::5"))).singleElement()
            .satisfies(route -> assertThat(route.key().prefix()).isEqualTo(Prefix.parse("2001:db8:1:2::/64")));
        assertThat(table.longestMatch(0, Prefix.parse("2001:db8:1:2::1"))).singleElement()
            .satisfies(route -> assertThat(route.key().prefix().length()).isEqualTo(128));
        assertThat(table.longestMatch(0, Prefix.parse("2001:db9::1"))).singleElement()
            .satisfies(route -> assertThat(route.key().prefix().length()).isZero());
        assertThat(table.moreSpecifics(0, Prefix.parse("2001:db8:1::/48"), 10))
            .extracting(route -> route.key().prefix())
            .containsExactly(Prefix.parse("2001:db8:1::/48"), Prefix.parse("2001:db8:1:2::/64"),
                Prefix.parse("2001:db8:1:2::1/128"));
        assertThat(table.moreSpecifics(0, Prefix.parse("2001:db8::/32"), 2)).hasSize(2);
        final var dumped = new ArrayList<Prefix>();
        table.forEach(route -> dumped.add(route.key().prefix()));
        assertThat(dumped).containsExactlyElementsOf(prefixes.stream().map(Prefix::parse).sorted().toList());
    }

    @Test
    void refusesWrongFamilies() {
        final var evpn = new TableKey(PEER, Rib.ADJ_RIB_IN_PRE, new AfiSafi(25, 70));
        assertThatThrownBy(() -> store.announce(ROUTER, evpn, key("10.0.0.0/8"), attributes(1)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.announce(ROUTER, V4_PRE, key("2001:db8::/32"), attributes(1)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.attributeSetCount()).isZero();
        assertThatThrownBy(() -> RibUpdate.builder().announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8"))
            .build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RibUpdate.builder().withdraw(AfiSafi.IPV6_UNICAST, Prefix.parse("10.0.0.0/8")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RibUpdate.builder().announce(new AfiSafi(25, 70), Prefix.parse("10.0.0.0/8")))
            .isInstanceOf(IllegalArgumentException.class);
    }
}

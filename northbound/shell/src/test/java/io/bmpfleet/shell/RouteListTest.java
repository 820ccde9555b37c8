/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RibUpdate;
import io.bmpfleet.rib.RouterId;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteListTest {
    static final String ROUTER = "127.0.0.1:40000";

    private final RibStore store = new RibStore();
    private final RouteTables tables = RouteTables.of(store);
    private final Fleet fleet = Fixtures.fleet(null, List.of(Fixtures.router(Fixtures.peer())));

    @BeforeEach
    void fill() throws Exception {
        final var router = new RouterId(InetAddress.getByName("127.0.0.1"), 40000);
        final var peer = new PeerKey(0, 0, InetAddress.getByName("192.0.2.7"), 0xC0000207);
        final byte[] first = Attributes.of(
            Attributes.attribute(0x40, 1, 0),
            Attributes.attribute(0x40, 2, 2, 2, 0, 0, 0xFD, 0xE9, 0, 0, 0xFD, 0xEA),
            Attributes.attribute(0x40, 3, 192, 0, 2, 7),
            Attributes.attribute(0x80, 4, 0, 0, 0, 10),
            Attributes.attribute(0x40, 5, 0, 0, 0, 100),
            Attributes.attribute(0xC0, 8, 0xFD, 0xE9, 0, 100, 0xFF, 0xFF, 0xFF, 0x01),
            Attributes.attribute(0xC0, 32, 0, 0, 0xFD, 0xE9, 0, 0, 0, 1, 0, 0, 0, 2));
        store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder()
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/24"))
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/16"))
            .attributes(first).build());
        final byte[] second = Attributes.of(
            Attributes.attribute(0x40, 1, 2),
            Attributes.attribute(0x40, 2, 2, 1, 0, 0, 0xFD, 0xE9, 1, 2, 0, 0, 0xFC, 0x00, 0, 0, 0xFC, 0x01),
            Attributes.attribute(0x40, 3, 192, 0, 2, 8));
        store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder()
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.1.0/24")).attributes(second).build());
        final byte[] v6 = Attributes.of(
            Attributes.attribute(0x40, 1, 0),
            Attributes.attribute(0x40, 2),
            Attributes.attribute(0x80, 14, Attributes.concat(new int[] { 0, 2, 1, 32 },
                Attributes.address("2001:db8::7"), Attributes.address("fe80::7"))));
        store.apply(router, peer, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder()
            .announce(AfiSafi.IPV6_UNICAST, Prefix.parse("2001:db8:1::/48")).attributes(v6).build());
    }

    @Test
    void everyFamilyOfThePeersPrePolicyRib() {
        assertThat(RouteList.lines(fleet, tables, query(null, null, null, RouteList.DEFAULT_LIMIT))).containsExactly(
            "Router 127.0.0.1:40000 peer 192.0.2.7 (global, AS 65001)",
            "",
            "adj-rib-in-pre-policy ipv4-unicast: 3 routes",
            "",
            "Prefix       Next Hop   AS Path              Origin      MED  LocPrf  Communities",
            "10.0.0.0/16  192.0.2.7  65001 65002          igp         10   100     65001:100 no-export 65001:1:2",
            "10.0.0.0/24  192.0.2.7  65001 65002          igp         10   100     65001:100 no-export 65001:1:2",
            "10.0.1.0/24  192.0.2.8  65001 {64512,64513}  incomplete  -    -       -",
            "",
            "adj-rib-in-pre-policy ipv6-unicast: 1 route",
            "",
            "Prefix           Next Hop     AS Path  Origin  MED  LocPrf  Communities",
            "2001:db8:1::/48  2001:db8::7  -        igp     -    -       -");
    }

    @Test
    void theLimitCutsTheList() {
        assertThat(RouteList.lines(fleet, tables, query(null, "ipv4-unicast", null, 1))).containsExactly(
            "Router 127.0.0.1:40000 peer 192.0.2.7 (global, AS 65001)",
            "",
            "adj-rib-in-pre-policy ipv4-unicast: 3 routes",
            "",
            "Prefix       Next Hop   AS Path      Origin  MED  LocPrf  Communities",
            "10.0.0.0/16  192.0.2.7  65001 65002  igp     10   100     65001:100 no-export 65001:1:2",
            "... 2 more; --limit shows more");
    }

    @Test
    void aPrefixIsLookedUpByLongestMatch() {
        assertThat(RouteList.lines(fleet, tables, query(null, null, "10.0.0.77", 10))).containsExactly(
            "Router 127.0.0.1:40000 peer 192.0.2.7 (global, AS 65001)",
            "",
            "adj-rib-in-pre-policy ipv4-unicast: longest match for 10.0.0.77/32",
            "",
            "Prefix       Next Hop   AS Path      Origin  MED  LocPrf  Communities",
            "10.0.0.0/24  192.0.2.7  65001 65002  igp     10   100     65001:100 no-export 65001:1:2");
        assertThat(RouteList.lines(fleet, tables, query(null, null, "10.0.200.0/24", 10))).endsWith(
            "adj-rib-in-pre-policy ipv4-unicast: longest match for 10.0.200.0/24",
            "",
            "Prefix       Next Hop   AS Path      Origin  MED  LocPrf  Communities",
            "10.0.0.0/16  192.0.2.7  65001 65002  igp     10   100     65001:100 no-export 65001:1:2");
        assertThat(RouteList.lines(fleet, tables, query(null, null, "10.9.0.0/16", 10))).endsWith(
            "adj-rib-in-pre-policy ipv4-unicast: longest match for 10.9.0.0/16",
            "% No route matches 10.9.0.0/16");
        assertThat(RouteList.lines(fleet, tables, query(null, null, "2001:db8:1:2::1", 10))).endsWith(
            "2001:db8:1::/48  2001:db8::7  -        igp     -    -       -");
    }

    @Test
    void anEmptyRibSaysWhereThePeersRoutesAre() {
        assertThat(RouteList.lines(fleet, tables, query(Rib.ADJ_RIB_IN_POST, null, null, 10))).containsExactly(
            "Router 127.0.0.1:40000 peer 192.0.2.7 (global, AS 65001)",
            "% No routes in adj-rib-in-post-policy; the peer's routes are in: adj-rib-in-pre-policy ipv4-unicast,"
                + " adj-rib-in-pre-policy ipv6-unicast");
    }

    @Test
    void unknownRoutersAndPeersAreRefused() {
        assertThat(RouteList.lines(fleet, tables, new RouteList.Query(ROUTER, "192.0.2.99", null, null, null, null,
            0, 10))).containsExactly("% Router 127.0.0.1:40000 holds no routes of peer 192.0.2.99");
        assertThat(RouteList.lines(fleet, tables, new RouteList.Query(ROUTER, "edge", null, null, null, null,
            0, 10))).containsExactly(
                "% edge is no address: give the peer's address (see bmp:peers 127.0.0.1:40000)");
        assertThat(RouteList.lines(fleet, tables, new RouteList.Query("10.0.0.1:1", "192.0.2.7", null, null, null,
            null, 0, 10))).containsExactly("% No router session 10.0.0.1:1; sessions: 127.0.0.1:40000");
        assertThat(RouteList.lines(fleet, tables, new RouteList.Query(ROUTER, "192.0.2.7", "65000:1", null, null,
            null, 0, 10))).containsExactly(
                "% Router 127.0.0.1:40000 holds no routes of peer 192.0.2.7 with distinguisher 65000:1");
    }

    private static RouteList.Query query(final Rib rib, final String family, final String prefix, final int limit) {
        return new RouteList.Query(ROUTER, "192.0.2.7", null, rib, family == null ? null : Families.family(family),
            prefix, 0, limit);
    }


    /** Path attributes as the collector stores them: flags with the extended-length bit, two-octet lengths. */
    static final class Attributes {
        private Attributes() {
            // static only
        }

        static byte[] attribute(final int flags, final int type, final int... value) {
            final var out = new byte[4 + value.length];
            out[0] = (byte) (flags | 0x10);
            out[1] = (byte) type;
            out[2] = (byte) (value.length >>> 8);
            out[3] = (byte) value.length;
            for (int i = 0; i < value.length; i++) {
                out[4 + i] = (byte) value[i];
            }
            return out;
        }

        static byte[] of(final byte[]... attributes) {
            final var out = new ByteArrayOutputStream();
            for (var attribute : attributes) {
                out.writeBytes(attribute);
            }
            return out.toByteArray();
        }

        static int[] address(final String text) throws Exception {
            final var bytes = InetAddress.getByName(text).getAddress();
            final var out = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                out[i] = bytes[i] & 0xFF;
            }
            return out;
        }

        static int[] concat(final int[]... parts) {
            int length = 0;
            for (var part : parts) {
                length += part.length;
            }
            final var out = new int[length];
            int at = 0;
            for (var part : parts) {
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
            }
            return out;
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.routes.RouteAttributes;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RouteKey;
import io.bmpfleet.rib.RouterId;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenBMP's formats as the export writes them, checked against OpenBMP's published layouts and a real header. */
class OpenBmpFormatsTest {
    private static final Instant TIME = Instant.parse("2026-12-02T21:30:00.123456Z");
    private static final RouteAttributes ATTRIBUTES = new RouteAttributes(0,
        List.of(new PathAttribute.AsPathSegment(RouteAttributes.AS_SEQUENCE, List.of(65001L, 65002L)),
            new PathAttribute.AsPathSegment(RouteAttributes.AS_SET, List.of(3L, 4L))),
        "192.0.2.1", null, 50L, 100L, false, null, null, List.of(0xFDE80064L), List.of(),
        List.of(0x0002FDE800000064L, 0x0103C00002010007L), null, List.of("10.0.0.1", "10.0.0.2"), 65002L);

    /**
     * A RouteViews collector's bmp_raw header (admin ID "is-cc-bmp1", router group "route-views5", router
     * 128.223.51.105) is 100 bytes and its collector hash is MD5 of the admin ID: ours has the same layout.
     */
    @Test
    void rawHeaderHasOpenBmpsLayout() throws Exception {
        final byte[] collector = OpenBmpIds.collector("is-cc-bmp1");
        assertThat(OpenBmpIds.hex(collector)).isEqualTo("bf4f072f3ae149d23486024bc3dadfc4");
        final byte[] router = new byte[16];
        Arrays.fill(router, (byte) 7);
        final byte[] bmp = {3, 0, 0, 0, 6, 4};
        final byte[] out = RawHeader.message(TIME, collector, "is-cc-bmp1", router,
            InetAddress.getByName("128.223.51.105"), "route-views5", bmp);
        final var in = ByteBuffer.wrap(out);
        assertThat(in.getInt()).isEqualTo(0x4F424D50);
        assertThat(in.get()).isEqualTo((byte) 1);
        assertThat(in.get()).isEqualTo((byte) 7);
        assertThat(in.getShort()).as("header length").isEqualTo((short) 100);
        assertThat(in.getInt()).as("BMP length").isEqualTo(6);
        assertThat(in.get() & 0xFF).as("router message, IPv4").isEqualTo(0x80);
        assertThat(in.get()).as("BMP_RAW").isEqualTo((byte) 12);
        assertThat(in.getInt()).isEqualTo((int) TIME.getEpochSecond());
        assertThat(in.getInt()).isEqualTo(123456);
        final byte[] hash = new byte[16];
        in.get(hash);
        assertThat(hash).isEqualTo(collector);
        final byte[] admin = new byte[in.getShort()];
        in.get(admin);
        assertThat(new String(admin, StandardCharsets.UTF_8)).isEqualTo("is-cc-bmp1");
        in.get(hash);
        assertThat(hash).isEqualTo(router);
        final byte[] address = new byte[16];
        in.get(address);
        assertThat(Arrays.copyOf(address, 4)).isEqualTo(new byte[] {(byte) 128, (byte) 223, 51, 105});
        assertThat(Arrays.copyOfRange(address, 4, 16)).isEqualTo(new byte[12]);
        final byte[] group = new byte[in.getShort()];
        in.get(group);
        assertThat(new String(group, StandardCharsets.UTF_8)).isEqualTo("route-views5");
        assertThat(in.getInt()).as("rows").isEqualTo(1);
        assertThat(in.position()).isEqualTo(100);
        final byte[] rest = new byte[in.remaining()];
        in.get(rest);
        assertThat(rest).isEqualTo(bmp);

        final byte[] v6 = RawHeader.message(TIME, collector, "c", router, InetAddress.getByName("2001:db8::1"), "",
            bmp);
        assertThat(v6[12] & 0xFF).as("router message, IPv6").isEqualTo(0xC0);
        assertThat(ByteBuffer.wrap(v6).getShort(6)).isEqualTo((short) (78 + 1));
    }

    @Test
    void parsedMessagesHaveTheTextHeaderAndOneLinePerRecord() {
        final var message = new ParsedMessage("router", "abc")
            .record("init", 0L, "pe1", "tab\there", "line\nend", null, true, false);
        message.record("term", 1L);
        final String text = new String(message.toBytes(), StandardCharsets.UTF_8);
        final String body = "init\t0\tpe1\ttab here\tline\\nend\t\t1\t0\nterm\t1\n";
        assertThat(text).isEqualTo("V: 1.7\nC_HASH_ID: abc\nT: router\nL: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\nR: 2\n\n" + body);
        assertThat(ParsedMessage.time(TIME)).isEqualTo("2026-12-02 21:30:00.123456");
    }

    @Test
    void attributesAreWrittenAsOpenBmpWritesThem() {
        final var written = OpenBmpAttributes.of(ATTRIBUTES, AfiSafi.IPV4_UNICAST);
        assertThat(written.origin()).isEqualTo("igp");
        assertThat(written.asPath()).isEqualTo(" 65001 65002 { 3 4 }");
        assertThat(written.asPathCount()).isEqualTo(4);
        assertThat(written.originAs()).isEqualTo(4L);
        assertThat(written.nextHop()).isEqualTo("192.0.2.1");
        assertThat(written.nextHopIpv4()).isTrue();
        assertThat(written.communities()).isEqualTo("65000:100");
        assertThat(written.extendedCommunities()).isEqualTo("rt=65000:100 soo=192.0.2.1:7");
        assertThat(written.clusterList()).isEqualTo("10.0.0.1 10.0.0.2 ");
        assertThat(written.aggregator()).isEmpty();
    }

    /** One owner of IDs: the same route of the same peer has one ID; path ID, RIB, peer and RD each change it. */
    @Test
    void routeRecordsCarryTheirFieldsAndStableIds() throws Exception {
        final String collector = OpenBmpIds.hex(OpenBmpIds.collector("bmpfleet"));
        final var session = new RouterId(InetAddress.getByName("127.0.0.1"), 40000);
        final String router = OpenBmpIds.hex(OpenBmpIds.router(session, collector));
        assertThat(router).as("two sessions of one address").isNotEqualTo(OpenBmpIds.hex(OpenBmpIds.router(
            new RouterId(session.address(), 40001), collector)));
        final String peer = OpenBmpIds.hex(OpenBmpIds.peer("192.0.2.7", "0:0", router, false));
        final var source = new RouteRecords.Source(router, "127.0.0.1", peer, "192.0.2.7", 65001L);
        final var attributes = RouteRecords.Attributes.of(OpenBmpAttributes.of(ATTRIBUTES, AfiSafi.IPV4_UNICAST),
            peer);
        final var route = RouteKey.of(Prefix.parse("10.1.0.0/16"));
        final String time = ParsedMessage.time(TIME);

        final var unicast = new ParsedMessage("unicast_prefix", collector);
        RouteRecords.add(unicast, false, 5, source, time, route, Rib.ADJ_RIB_IN_PRE, attributes);
        RouteRecords.add(unicast, false, 6, source, time, route, Rib.ADJ_RIB_IN_PRE, null);
        RouteRecords.add(unicast, false, 7, source, time, new RouteKey(route.prefix(), 2, 0), Rib.ADJ_RIB_IN_PRE,
            null);
        RouteRecords.add(unicast, false, 8, source, time, route, Rib.LOC_RIB, null);
        final String[] lines = body(unicast).split("\n");
        assertThat(lines).hasSize(4);
        final String[] add = lines[0].split("\t", -1);
        assertThat(add).hasSize(RouteRecords.UNICAST_FIELDS);
        assertThat(add[0]).isEqualTo("add");
        assertThat(add[1]).isEqualTo("5");
        assertThat(add[2]).hasSize(32).isLowerCase();
        assertThat(add[3]).isEqualTo(router);
        assertThat(add[5]).as("base attribute hash").hasSize(32);
        assertThat(add[6]).isEqualTo(peer);
        assertThat(add[8]).isEqualTo("65001");
        assertThat(add[9]).isEqualTo("2026-12-02 21:30:00.123456");
        assertThat(List.of(add[10], add[11], add[12])).containsExactly("10.1.0.0", "16", "1");
        assertThat(List.of(add[13], add[14], add[15], add[16], add[17], add[18], add[19]))
            .containsExactly("igp", " 65001 65002 { 3 4 }", "4", "4", "192.0.2.1", "50", "100");
        assertThat(add[21]).isEqualTo("65000:100");
        assertThat(List.of(add[27], add[29], add[30])).as("path id, pre-policy, Adj-RIB-In")
            .containsExactly("0", "1", "1");
        final String[] del = lines[1].split("\t", -1);
        assertThat(del).hasSize(RouteRecords.UNICAST_FIELDS);
        assertThat(del[0]).isEqualTo("del");
        assertThat(del[2]).as("a route keeps its ID when withdrawn").isEqualTo(add[2]);
        assertThat(del[5]).isEmpty();
        assertThat(Arrays.copyOfRange(del, 13, 27)).containsOnly("");
        assertThat(lines[2].split("\t", -1)[2]).as("another path").isNotEqualTo(add[2]);
        final String[] locRib = lines[3].split("\t", -1);
        assertThat(locRib[2]).as("another RIB").isNotEqualTo(add[2]);
        assertThat(List.of(locRib[29], locRib[30])).containsExactly("0", "0");

        final var vpn = new ParsedMessage("l3vpn", collector);
        final long rd = 0x0000FDE800000001L;
        RouteRecords.add(vpn, true, 1, source, time, new RouteKey(route.prefix(), 0, rd), Rib.ADJ_RIB_IN_PRE,
            attributes);
        RouteRecords.add(vpn, true, 2, source, time, new RouteKey(route.prefix(), 0, rd + 1), Rib.ADJ_RIB_IN_PRE,
            attributes);
        final String[] vpnLines = body(vpn).split("\n");
        final String[] first = vpnLines[0].split("\t", -1);
        assertThat(first).hasSize(RouteRecords.L3VPN_FIELDS);
        assertThat(first[31]).isEqualTo("65000:1");
        assertThat(first[32]).isEqualTo("0");
        assertThat(vpnLines[1].split("\t", -1)[2]).as("another RD").isNotEqualTo(first[2]);
        assertThat(OpenBmpIds.hex(OpenBmpIds.peer("192.0.2.7", "0:0", router, true))).as("a Loc-RIB peer")
            .isNotEqualTo(peer);
    }

    private static String body(final ParsedMessage message) {
        final String text = new String(message.toBytes(), StandardCharsets.UTF_8);
        return text.substring(text.indexOf("\n\n") + 2);
    }
}

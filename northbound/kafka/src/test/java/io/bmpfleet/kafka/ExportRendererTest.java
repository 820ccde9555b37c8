/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.events.MonitoringEvent;
import io.bmpfleet.app.events.RouteKeys;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.PeerKey;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import io.bmpfleet.rib.RibStore;
import io.bmpfleet.rib.RibUpdate;
import io.bmpfleet.rib.RouteKey;
import io.bmpfleet.rib.RouterId;
import io.bmpfleet.rib.TableKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The collector's events as the export's Kafka messages. */
class ExportRendererTest {
    private static final Instant TIME = Instant.parse("2026-12-02T21:40:00Z");
    private static final Instant BMP_TIME = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    void aSessionsEventsBecomeOpenBmpMessagesKeyedByRouterAndPeer() throws Exception {
        final var renderer = new ExportRenderer("bmpfleet");
        final var session = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40000);
        final var peerAddress = InetAddress.getByName("192.0.2.7");
        final var peer = new MonitoringEvent.Peer(0, 0, peerAddress, 65001, 0xC0000207L);
        final String collectorHex = OpenBmpIds.hex(OpenBmpIds.collector("bmpfleet"));
        final String routerHex = OpenBmpIds.hex(OpenBmpIds.router(RouterId.of(session), collectorHex));
        final String peerHex = OpenBmpIds.hex(OpenBmpIds.peer("192.0.2.7", "0:0", routerHex, false));

        final byte[] bmp = {3, 0, 0, 0, 6, 4};
        final var raw = renderer.render(new MonitoringEvent.RawMessage(TIME, session, bmp)).get(0);
        assertThat(raw.topic()).isEqualTo(ExportTopic.BMP_RAW);
        assertThat(raw.key()).isEqualTo(OpenBmpIds.router(RouterId.of(session), collectorHex));
        assertThat(raw.value()).hasSize(RawHeader.FIXED_LENGTH + "bmpfleet".length() + bmp.length);

        final var init = renderer.render(new MonitoringEvent.Initiation(TIME, session, "pe1", "lab"));
        assertThat(init).extracting(ExportRenderer.Output::topic)
            .containsExactly(ExportTopic.ROUTER, ExportTopic.COLLECTOR);
        final String[] router = records(init.get(0)).get(0);
        assertThat(router).hasSize(12);
        assertThat(List.of(router[0], router[1], router[2], router[3], router[4], router[5]))
            .containsExactly("init", "0", "pe1", routerHex, "127.0.0.1", "lab");
        assertThat(new String(init.get(0).key(), StandardCharsets.US_ASCII)).isEqualTo(routerHex);
        final String[] collector = records(init.get(1)).get(0);
        assertThat(List.of(collector[0], collector[2], collector[3], collector[4], collector[5]))
            .containsExactly("change", "bmpfleet", collectorHex, "127.0.0.1", "1");

        final var header = new PerPeerHeader(0, 0, 0, peerAddress, 65001, 0xC0000207L, 1_700_000_000L, 0);
        final var open = new BgpMessage.Open(4, 65000, 90, 0x0A000001L, List.of(), List.of());
        final var up = renderer.render(new MonitoringEvent.PeerUp(TIME, session, peer, BMP_TIME,
            new BmpMessage.PeerUpNotification(header, InetAddress.getByName("192.0.2.1"), 179, 40179, open, open,
                List.of()))).get(0);
        assertThat(up.topic()).isEqualTo(ExportTopic.PEER);
        assertThat(new String(up.key(), StandardCharsets.US_ASCII)).isEqualTo(peerHex);
        final String[] peerUp = records(up).get(0);
        assertThat(peerUp).hasSize(31);
        assertThat(List.of(peerUp[0], peerUp[2], peerUp[3], peerUp[5], peerUp[7], peerUp[8], peerUp[9], peerUp[10],
            peerUp[11], peerUp[12], peerUp[13], peerUp[14], peerUp[15], peerUp[19], peerUp[26], peerUp[27]))
            .containsExactly("up", peerHex, routerHex, "192.0.2.7", "2023-11-14 22:13:20.000000", "65001",
                "192.0.2.7", "0:0", "40179", "65000", "192.0.2.1", "179", "10.0.0.1", "90", "1", "1");

        // Routes: withdrawals first, each family to its topic, one message per topic, the attributes written.
        final var store = new RibStore();
        final var routerId = RouterId.of(session);
        final var peerKey = new PeerKey(0, 0, peerAddress, 0xC0000207);
        store.apply(routerId, peerKey, Rib.ADJ_RIB_IN_PRE, RibUpdate.builder().attributes(HexFormat.of().parseHex(
            "50010001" + "00" + "5002000a" + "0202" + "0000fde9" + "0000fdea" + "50030004" + "c0000207"))
            .announce(AfiSafi.IPV4_UNICAST, Prefix.parse("10.0.0.0/8")).build());
        final var set = store.table(routerId, new TableKey(peerKey, Rib.ADJ_RIB_IN_PRE, AfiSafi.IPV4_UNICAST))
            .orElseThrow().exact(RouteKey.of(Prefix.parse("10.0.0.0/8"))).attributes();
        final var keys = new RouteKeys.Builder();
        keys.add(1, 1, 0x0A000000L, 0, 8, 0, 0);
        keys.add(1, 128, 0x0A010000L, 0, 16, 0, 0x0000FDE800000001L);
        final var announced = keys.build();
        keys.add(1, 1, 0xC0A80000L, 0, 16, 0, 0);
        final var withdrawn = keys.build();
        final var routes = renderer.render(new MonitoringEvent.RouteUpdate(TIME, session, peerKey,
            Rib.ADJ_RIB_IN_PRE, set, announced, withdrawn, BMP_TIME));
        assertThat(routes).extracting(ExportRenderer.Output::topic)
            .containsExactly(ExportTopic.UNICAST_PREFIX, ExportTopic.L3VPN);
        assertThat(routes.get(0).records()).isEqualTo(2);
        final var unicast = records(routes.get(0));
        assertThat(unicast.get(0)[0]).isEqualTo("del");
        assertThat(unicast.get(0)[10]).isEqualTo("192.168.0.0");
        assertThat(List.of(unicast.get(1)[0], unicast.get(1)[1], unicast.get(1)[8], unicast.get(1)[10],
            unicast.get(1)[14], unicast.get(1)[17]))
            .as("add, the second unicast record of the session, the peer's AS from its Peer Up")
            .containsExactly("add", "1", "65001", "10.0.0.0", " 65001 65002", "192.0.2.7");
        final var vpn = records(routes.get(1)).get(0);
        assertThat(vpn).hasSize(RouteRecords.L3VPN_FIELDS);
        assertThat(List.of(vpn[0], vpn[1], vpn[10], vpn[31])).containsExactly("add", "0", "10.1.0.0", "65000:1");
        assertThat(new String(routes.get(1).key(), StandardCharsets.US_ASCII)).isEqualTo(peerHex);

        final var stats = renderer.render(new MonitoringEvent.Statistics(TIME, session, peer,
            Map.of("0/0/0", 3L, "7/0/0", 1200L, "8/0/0", 1100L, "9/1/1", 5L), BMP_TIME)).get(0);
        final String[] stat = records(stats).get(0);
        assertThat(stat).hasSize(17);
        assertThat(List.of(stat[0], stat[4], stat[6], stat[8], stat[9], stat[15], stat[16]))
            .containsExactly("add", peerHex, "65001", "3", "", "1200", "1100");

        final var down = renderer.render(new MonitoringEvent.PeerDown(TIME, session, peer, "remote closed",
            BMP_TIME)).get(0);
        final String[] peerDown = records(down).get(0);
        assertThat(List.of(peerDown[0], peerDown[1], peerDown[2], peerDown[24]))
            .containsExactly("down", "1", peerHex, "remote closed");

        final var term = renderer.render(new MonitoringEvent.SessionDown(TIME, session, "connection closed"));
        final String[] termRecord = records(term.get(0)).get(0);
        assertThat(List.of(termRecord[0], termRecord[1], termRecord[7])).containsExactly("term", "1",
            "connection closed");
        assertThat(records(term.get(1)).get(0)[5]).as("no router left").isEqualTo("0");
        assertThat(renderer.render(new MonitoringEvent.TablesCleared(TIME, session, null, 3))).isEmpty();
    }

    private static List<String[]> records(final ExportRenderer.Output output) {
        final String text = new String(output.value(), StandardCharsets.UTF_8);
        final String body = text.substring(text.indexOf("\n\n") + 2);
        assertThat(text).contains("\nT: " + output.topic().objectType() + "\n")
            .contains("\nR: " + output.records() + "\n");
        return body.lines().map(line -> line.split("\t", -1)).toList();
    }
}

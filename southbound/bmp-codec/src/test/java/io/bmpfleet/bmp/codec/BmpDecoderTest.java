package io.bmpfleet.bmp.codec;

import static io.bmpfleet.bmp.codec.Wire.bmp;
import static io.bmpfleet.bmp.codec.Wire.buf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bmpfleet.bmp.codec.bgp.AddPathFallback;
import io.bmpfleet.bmp.codec.bgp.BgpMessage;
import io.bmpfleet.bmp.codec.bgp.BgpSessionContext;
import io.bmpfleet.bmp.codec.bgp.Capability;
import io.bmpfleet.bmp.codec.bgp.Nlri;
import io.bmpfleet.bmp.codec.bgp.PathAttribute;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BmpDecoderTest {
    static final SessionContexts NO_ADD_PATH = peer -> BgpSessionContext.noAddPath();
    static final SessionContexts ADD_PATH_V4 = peer -> BgpSessionContext.withAddPath(1, 1);

    private final BmpDecoder decoder = new BmpDecoder();

    static SessionContexts contextFor(final String name) {
        return name.endsWith("-v4") ? ADD_PATH_V4 : NO_ADD_PATH;
    }

    static Stream<Arguments> vectors() {
        return Vectors.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    BmpMessage decode(final String hex) throws BmpDecodeException {
        return decoder.decode(buf(hex), NO_ADD_PATH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorDecodesAndRoundTrips(final String name, final String hex) throws BmpDecodeException {
        final BmpMessage msg = decoder.decode(buf(hex), contextFor(name));
        final ByteBuf out = Unpooled.buffer();
        BmpEncoder.encode(msg, out);
        final BmpMessage again = decoder.decode(out, contextFor(name));
        assertThat(again).isEqualTo(msg);
        // the vectors use canonical flags and minimal lengths, so re-encoding gives the very same bytes
        if (!name.equals("route-monitoring")) {
            assertThat(Wire.toHex(out)).isEqualTo(hex);
        }
    }

    @Test
    void initiation() throws BmpDecodeException {
        final var init = (BmpMessage.InitiationMessage) decode(Vectors.all().get("initiation"));
        assertThat(init.peer()).isNull();
        assertThat(init.tlvs()).extracting(BmpTlv::type).containsExactly(0, 1, 2);
        assertThat(init.tlvs()).extracting(BmpTlv::stringValue).containsExactly("hello", "FRR 10.1", "r1");
    }

    @Test
    void termination() throws BmpDecodeException {
        final var term = (BmpMessage.TerminationMessage) decode(Vectors.all().get("termination"));
        assertThat(term.tlvs().get(1).type()).isEqualTo(BmpTlv.TERMINATION_REASON);
        assertThat(term.tlvs().get(1).numericValue()).isEqualTo(1);
    }

    @Test
    void peerUpWithCapabilities() throws Exception {
        final var up = (BmpMessage.PeerUpNotification) decode(Vectors.all().get("peer-up"));
        assertThat(up.peer().address()).isEqualTo(InetAddress.getByName("192.0.2.1"));
        assertThat(up.peer().asNumber()).isEqualTo(65001);
        assertThat(up.peer().bgpId()).isEqualTo(0x0a000001L);
        assertThat(up.peer().timestampSeconds()).isEqualTo(0x5f5e1000L);
        assertThat(up.peer().timestampMicros()).isEqualTo(123456);
        assertThat(up.localAddress()).isEqualTo(InetAddress.getByName("192.0.2.2"));
        assertThat(up.localPort()).isEqualTo(179);
        assertThat(up.remotePort()).isEqualTo(0xca07);
        final BgpMessage.Open sent = up.sentOpen();
        assertThat(sent.asNumber()).isEqualTo(65001);
        assertThat(sent.holdTime()).isEqualTo(180);
        assertThat(sent.capabilities()).containsExactly(
            new Capability.Multiprotocol(1, 1),
            new Capability.Multiprotocol(2, 1),
            new Capability.RouteRefresh(),
            new Capability.ExtendedMessage(),
            new Capability.FourOctetAs(65001),
            new Capability.AddPath(List.of(new Capability.AddPathFamily(1, 1, 1))),
            new Capability.GracefulRestart(8, 120, List.of(new Capability.GracefulRestartFamily(1, 1, 0x80))),
            new Capability.Unknown(73, Bytes.fromHex("616263")),
            new Capability.AddPath(List.of(new Capability.AddPathFamily(2, 1, 3))));
        assertThat(up.receivedOpen().myAs()).isEqualTo(23456);
        assertThat(up.receivedOpen().asNumber()).isEqualTo(65536);
        assertThat(up.tlvs()).extracting(BmpTlv::type).containsExactly(0, 4);
        assertThat(up.tableName()).isNull();

        // RFC 7911: we receive IPv4 unicast paths (we said receive, they said send), we send none.
        final BgpSessionContext ctx = BgpSessionContext.fromOpens(false, up.sentOpen(), up.receivedOpen());
        assertThat(ctx.addPath(1, 1, false)).isEqualTo(BgpSessionContext.YES);
        assertThat(ctx.addPath(1, 1, true)).isEqualTo(BgpSessionContext.NO);
        assertThat(ctx.addPath(2, 1, false)).isEqualTo(BgpSessionContext.NO);
    }

    @Test
    void peerUpLocRibWithTableName() throws BmpDecodeException {
        final var up = (BmpMessage.PeerUpNotification) decode(Vectors.all().get("peer-up-loc-rib"));
        assertThat(up.peer().isLocRib()).isTrue();
        assertThat(up.peer().filtered()).isTrue();
        assertThat(up.peer().ipv6()).isFalse();
        assertThat(up.tableName()).isEqualTo("default");
        // Loc-RIB: the made-up OPENs carry Add-Path for IPv4 and IPv6 unicast
        final BgpSessionContext ctx = BgpSessionContext.fromOpens(true, up.sentOpen(), up.receivedOpen());
        assertThat(ctx.addPath(2, 1, false)).isEqualTo(BgpSessionContext.YES);
    }

    @Test
    void peerUpIpv6RdInstance() throws Exception {
        final var up = (BmpMessage.PeerUpNotification) decode(Vectors.all().get("peer-up-v6-rd"));
        assertThat(up.peer().peerType()).isEqualTo(PerPeerHeader.RD_INSTANCE);
        assertThat(up.peer().ipv6()).isTrue();
        assertThat(up.peer().address()).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(up.peer().distinguisher()).isEqualTo(0x0000fde900000064L);
        assertThat(up.localAddress()).isEqualTo(InetAddress.getByName("2001:db8::2"));
    }

    @Test
    void peerDownReasons() throws BmpDecodeException {
        final Map<String, String> all = Vectors.all();
        final var down1 = (BmpMessage.PeerDownNotification) decode(all.get("peer-down-1"));
        assertThat(down1.reason()).isEqualTo(1);
        assertThat(down1.notification()).isEqualTo(new BgpMessage.Notification(6, 2, Bytes.fromHex("ab")));
        final var down2 = (BmpMessage.PeerDownNotification) decode(all.get("peer-down-2"));
        assertThat(down2.fsmEventCode()).isEqualTo(5);
        final var down3 = (BmpMessage.PeerDownNotification) decode(all.get("peer-down-3"));
        assertThat(down3.notification().subcode()).isEqualTo(4);
        assertThat(((BmpMessage.PeerDownNotification) decode(all.get("peer-down-4"))).data().isEmpty()).isTrue();
        assertThat(((BmpMessage.PeerDownNotification) decode(all.get("peer-down-5"))).reason()).isEqualTo(5);
        final var down6 = (BmpMessage.PeerDownNotification) decode(all.get("peer-down-6"));
        assertThat(down6.peer().isLocRib()).isTrue();
        assertThat(down6.tlvs()).containsExactly(BmpTlv.ofString(3, "default"));
        final var unknown = (BmpMessage.PeerDownNotification) decode(all.get("peer-down-unknown"));
        assertThat(unknown.data()).isEqualTo(Bytes.fromHex("beef"));
    }

    @Test
    void statisticsOfEveryLayout() throws BmpDecodeException {
        final var stats = (BmpMessage.StatisticsReport) decode(Vectors.all().get("stats"));
        assertThat(stats.stats()).containsExactly(
            new Stat.Counter(0, 10),
            new Stat.Gauge(7, 100),
            new Stat.AfiSafiGauge(9, 1, 1, 50),
            new Stat.Counter(13, 3),
            new Stat.Gauge(14, 7),
            new Stat.AfiSafiGauge(17, 2, 1, 5),
            new Stat.Gauge(18, 9),
            new Stat.AfiSafiGauge(19, 1, 128, 11),
            new Stat.Raw(65531, Bytes.fromHex("00000001")),
            new Stat.Raw(99, Bytes.fromHex("abcd")),
            new Stat.Raw(12, Bytes.fromHex("0000000000000001")));
    }

    @Test
    void statsCountLargerThanTheMessageIsAnError() {
        final String hex = bmp(1, Vectors.PEER, "ffffffff", "0000 0004 00000001");
        assertThatThrownBy(() -> decode(hex)).isInstanceOf(BmpDecodeException.class)
            .hasMessageContaining("stats count");
    }

    @Test
    void routeMonitoringAllAttributes() throws Exception {
        final var rm = (BmpMessage.RouteMonitoring) decode(Vectors.RM_ALL_ATTRIBUTES);
        final BgpMessage.Update update = rm.update();
        assertThat(update.withdrawn()).containsExactly(Nlri.Prefix.parse("10.0.0.0/8"));
        assertThat(update.nlri()).containsExactly(Nlri.Prefix.parse("198.51.100.0/24"),
            Nlri.Prefix.parse("192.0.2.1/32"));
        assertThat(update.attributes()).containsExactly(
            new PathAttribute.Origin(0),
            new PathAttribute.AsPath(List.of(new PathAttribute.AsPathSegment(2, List.of(65001L, 65002L)),
                new PathAttribute.AsPathSegment(1, List.of(65003L, 65004L)))),
            new PathAttribute.NextHop(Bytes.fromHex("c0000201")),
            new PathAttribute.MultiExitDisc(100),
            new PathAttribute.LocalPref(200),
            new PathAttribute.AtomicAggregate(),
            new PathAttribute.Aggregator(65001, Bytes.fromHex("c0000201")),
            new PathAttribute.Communities(List.of(0xfde90064L, 0xffffff01L)),
            new PathAttribute.OriginatorId(0x0a000002L),
            new PathAttribute.ClusterList(List.of(0x0a000003L, 0x0a000004L)),
            new PathAttribute.ExtendedCommunities(List.of(0x0002fde900000064L)),
            new PathAttribute.LargeCommunities(List.of(new PathAttribute.LargeCommunity(65001, 1, 2))),
            new PathAttribute.Unknown(0xe0, 99, Bytes.fromHex("abcd")));
        assertThat(rm.peer().fourByteAs()).isTrue();
    }

    @Test
    void twoByteAsSessionMergesAs4Path() throws BmpDecodeException {
        final var rm = (BmpMessage.RouteMonitoring) decode(Vectors.all().get("route-monitoring-2byte"));
        assertThat(rm.peer().legacyAsPath()).isTrue();
        final BgpMessage.Update update = rm.update();
        assertThat(update.attribute(PathAttribute.AsPath.class).segments())
            .containsExactly(new PathAttribute.AsPathSegment(2, List.of(65001L, 23456L, 65002L)));
        assertThat(update.attribute(PathAttribute.Aggregator.class).asNumber()).isEqualTo(23456);
        assertThat(update.attribute(PathAttribute.As4Aggregator.class).asNumber()).isEqualTo(65536);
        // RFC 6793 4.2.3: AS_PATH has 3 ASes, AS4_PATH 2: keep the first of AS_PATH, then AS4_PATH
        assertThat(update.effectiveAsPath())
            .containsExactly(new PathAttribute.AsPathSegment(2, List.of(65001L)),
                new PathAttribute.AsPathSegment(2, List.of(65536L, 65002L)));
    }

    @Test
    void ipv6MultiprotocolReachAndUnreach() throws Exception {
        final var rm = (BmpMessage.RouteMonitoring) decode(Vectors.all().get("route-monitoring-ipv6"));
        final BgpMessage.Update update = rm.update();
        assertThat(update.announced()).containsExactly(Nlri.Prefix.parse("2001:db8::/32"),
            Nlri.Prefix.parse("2001:db8:1::/48"));
        assertThat(update.withdrawnAll()).containsExactly(Nlri.Prefix.parse("2001:db9::/32"));
        final PathAttribute.MpReach reach = update.attribute(PathAttribute.MpReach.class);
        assertThat(reach.nextHop().length()).isEqualTo(32);
    }

    @Test
    void labeledUnicast() throws BmpDecodeException {
        final var rm = (BmpMessage.RouteMonitoring) decode(Vectors.all().get("route-monitoring-labeled"));
        final Nlri.Prefix prefix = (Nlri.Prefix) rm.update().announced().get(0);
        assertThat(prefix.safi()).isEqualTo(4);
        assertThat(prefix.labelValues()).containsExactly(100);
        assertThat(prefix.prefixText()).isEqualTo("10.1.0.0/24");
    }

    @Test
    void vpnv4AndVpnv6() throws BmpDecodeException {
        final var rm = (BmpMessage.RouteMonitoring) decode(Vectors.all().get("route-monitoring-vpn"));
        final Nlri.Prefix v4 = (Nlri.Prefix) rm.update().announced().get(0);
        assertThat(v4.rd().toString()).isEqualTo("65001:100");
        assertThat(v4.labelValues()).containsExactly(100);
        assertThat(v4.prefixText()).isEqualTo("10.2.0.0/24");
        final Nlri.Prefix v6 = (Nlri.Prefix) rm.update().withdrawnAll().get(0);
        assertThat(v6.rd().toString()).isEqualTo("192.0.2.1:7");
        assertThat(v6.labels()).containsExactly(0x800000);
        assertThat(v6.prefixText()).isEqualTo("2001:db8:1::/64");
    }

    @Test
    void evpnRouteTypes() throws BmpDecodeException {
        final var rm = (BmpMessage.RouteMonitoring) decode(Vectors.all().get("route-monitoring-evpn"));
        final List<Nlri> routes = rm.update().announced();
        assertThat(routes).hasSize(6);
        final var ad = (Nlri.EvpnRoute) routes.get(0);
        assertThat(ad.routeType()).isEqualTo(1);
        assertThat(ad.rd().toString()).isEqualTo("65001:1");
        assertThat(ad.esi()).isEqualTo(Bytes.fromHex("00112233445566778899"));
        final var macIp = (Nlri.EvpnRoute) routes.get(1);
        assertThat(macIp.ethernetTag()).isEqualTo(100);
        assertThat(macIp.mac()).isEqualTo(Bytes.fromHex("0050568a0b0c"));
        assertThat(macIp.ipAddress()).isEqualTo(Bytes.fromHex("c0000202"));
        assertThat(macIp.labels()).containsExactly(0x641);
        final var imet = (Nlri.EvpnRoute) routes.get(2);
        assertThat(imet.ipAddress()).isEqualTo(Bytes.fromHex("c0000201"));
        final var es = (Nlri.EvpnRoute) routes.get(3);
        assertThat(es.esi()).isEqualTo(Bytes.fromHex("00112233445566778899"));
        final var ipPrefix = (Nlri.EvpnRoute) routes.get(4);
        assertThat(ipPrefix.ipPrefixLength()).isEqualTo(24);
        assertThat(ipPrefix.ipAddress()).isEqualTo(Bytes.fromHex("c6336400"));
        assertThat(ipPrefix.gatewayIp()).isEqualTo(Bytes.fromHex("00000000"));
        final var unknown = (Nlri.EvpnRoute) routes.get(5);
        assertThat(unknown.routeType()).isEqualTo(9);
        assertThat(unknown.rd()).isNull();
    }

    @Test
    void unknownFamilyIsCarriedRaw() throws BmpDecodeException {
        final var rm = (BmpMessage.RouteMonitoring) decode(Vectors.all().get("route-monitoring-raw-family"));
        assertThat(rm.update().announced())
            .containsExactly(new Nlri.RawNlri(0x4004, 0x47, Bytes.fromHex("0001000401020304")));
    }

    @Test
    void adjRibOutAndLocRibFlags() throws BmpDecodeException {
        final var out = (BmpMessage.RouteMonitoring) decode(Vectors.all().get("route-monitoring-adj-rib-out"));
        assertThat(out.peer().adjRibOut()).isTrue();
        assertThat(out.peer().postPolicy()).isTrue();
        assertThat(out.peer().filtered()).isFalse();
        final var loc = (BmpMessage.RouteMonitoring) decode(Vectors.all().get("route-monitoring-loc-rib"));
        assertThat(loc.peer().filtered()).isTrue();
        assertThat(loc.peer().adjRibOut()).isFalse();
        assertThat(loc.peer().ipv6()).isFalse();
    }

    @Test
    void addPathFromContext() throws Exception {
        final String hex = bmp(0, Vectors.PEER, Vectors.UPDATE_ADD_PATH);
        final var rm = (BmpMessage.RouteMonitoring) decoder.decode(buf(hex), ADD_PATH_V4);
        assertThat(rm.update().nlri()).containsExactly(Nlri.Prefix.parse("198.51.100.0/24", 1),
            Nlri.Prefix.parse("198.51.100.0/24", 2));
        assertThat(rm.update().withdrawn()).containsExactly(Nlri.Prefix.parse("10.0.0.0/8", 9));
        // Without the context the same bytes do not parse
        assertThatThrownBy(() -> decode(hex)).isInstanceOf(BmpDecodeException.class);
    }

    @Test
    void addPathGuessIsCounted() throws Exception {
        final AddPathFallback fallback = new AddPathFallback();
        final String hex = bmp(0, Vectors.PEER, Vectors.UPDATE_ADD_PATH);
        final var rm = (BmpMessage.RouteMonitoring) decoder.decode(buf(hex),
            peer -> BgpSessionContext.unknown(fallback));
        assertThat(rm.update().nlri()).containsExactly(Nlri.Prefix.parse("198.51.100.0/24", 1),
            Nlri.Prefix.parse("198.51.100.0/24", 2));
        assertThat(fallback.guesses()).isEqualTo(2);
        assertThat(fallback.guessedWithPathId()).isEqualTo(2);
        // plain NLRI are guessed as plain, and counted too
        decoder.decode(buf(Vectors.RM_ALL_ATTRIBUTES), peer -> BgpSessionContext.unknown(fallback));
        assertThat(fallback.guesses()).isEqualTo(4);
        assertThat(fallback.guessedWithPathId()).isEqualTo(2);
    }

    @Test
    void sessionLearnsAddPathFromPeerUp() throws Exception {
        final BmpSession session = new BmpSession();
        session.decode(buf(Vectors.all().get("peer-up")));
        final var rm = (BmpMessage.RouteMonitoring) session.decode(buf(bmp(0, Vectors.PEER,
            Vectors.UPDATE_ADD_PATH)));
        assertThat(rm.update().nlri()).hasSize(2);
        assertThat(session.fallback().guesses()).isZero();
        // after Peer Down the peer is unknown again: guesses are counted
        session.decode(buf(Vectors.all().get("peer-down-4")));
        session.decode(buf(bmp(0, Vectors.PEER, Vectors.UPDATE_ADD_PATH)));
        assertThat(session.fallback().guesses()).isEqualTo(2);
    }

    @Test
    void sessionVisitorUsesPerPeerContextsAcrossInterleavedPeers() throws Exception {
        final BmpSession session = new BmpSession();
        session.decode(buf(Vectors.all().get("peer-up")));
        final String otherPeer = Wire.peer(0, 0, Vectors.RD_ZERO, Vectors.ADDR_V4, 65001, "0a000099");
        final RobustnessTest.CountingVisitor visitor = new RobustnessTest.CountingVisitor();
        for (int i = 0; i < 3; i++) {
            // the peer with a Peer Up: path IDs, no guess
            assertThat(session.visit(buf(bmp(0, Vectors.PEER, Vectors.UPDATE_ADD_PATH)), visitor)).isNull();
            // another peer (other BGP ID) without Peer Up: guessed and counted
            assertThat(session.visit(buf(bmp(0, otherPeer, Vectors.UPDATE_ALL_ATTRIBUTES)), visitor)).isNull();
        }
        assertThat(visitor.announced).isEqualTo(3 * (2 + 2));
        assertThat(visitor.withdrawn).isEqualTo(3 * (1 + 1));
        assertThat(session.fallback().guesses()).isEqualTo(3 * 2);
        assertThat(session.fallback().guessedWithPathId()).isZero();
        // other message types come back decoded
        assertThat(session.visit(buf(Vectors.all().get("stats")), visitor))
            .isInstanceOf(BmpMessage.StatisticsReport.class);
    }

    @Test
    void bmpVersion4RouteMonitoring() throws BmpDecodeException {
        final var rm = (BmpMessage.RouteMonitoring) decoder.decode(buf(Vectors.all().get("route-monitoring-v4")),
            ADD_PATH_V4);
        assertThat(rm.update().nlri()).hasSize(2);
        assertThat(rm.tlvs()).containsExactly(new BmpTlv(1, 0, Bytes.fromHex("abcd")));
    }

    @Test
    void routeMirroring() throws BmpDecodeException {
        final var mirror = (BmpMessage.RouteMirroring) decode(Vectors.all().get("route-mirroring"));
        assertThat(mirror.tlvs()).extracting(BmpTlv::type).containsExactly(1, 0);
        assertThat(mirror.tlvs().get(0).numericValue()).isEqualTo(1);
    }

    @Test
    void unknownMessageTypeIsKept() throws BmpDecodeException {
        assertThat(decode(Vectors.all().get("unknown-type")))
            .isEqualTo(new BmpMessage.UnknownMessage(9, Bytes.fromHex("01020304")));
    }

    @Test
    void routeMonitoringCarryingAnOpenIsAnError() {
        final String hex = bmp(0, Vectors.PEER, Vectors.OPEN_SENT);
        assertThatThrownBy(() -> decode(hex)).isInstanceOf(BmpDecodeException.class)
            .hasMessageContaining("not UPDATE");
    }

    @Test
    void badVersionAndLengths() {
        assertThatThrownBy(() -> decode("0200000006 04".replace(" ", ""))).isInstanceOf(BmpDecodeException.class)
            .hasMessageContaining("version");
        assertThatThrownBy(() -> decode("030000000504")).isInstanceOf(BmpDecodeException.class);
        assertThatThrownBy(() -> decode("03ffffffff04")).isInstanceOf(BmpDecodeException.class)
            .extracting(e -> ((BmpDecodeException) e).offset()).isEqualTo(1L);
    }

    @Test
    void extendedMessagesBeyond64KiB() throws BmpDecodeException {
        // RFC 8654: a 60,000-byte UPDATE (12,000 /32 routes of 5 bytes each)
        final StringBuilder nlri = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            nlri.append(String.format("20%08x", 0x0a000000 + i));
        }
        final String update = Wire.update("", Wire.hex(Wire.attr(0x40, 1, "00"), Wire.attr(0x40, 2, ""),
            Wire.attr(0x40, 3, "c0000201")), nlri.toString());
        // and a trailing TLV that pushes the BMP message over 64 KiB
        final String big = bmp(0, Vectors.PEER, update, Wire.tlv(0, "00".repeat(10_000)));
        assertThat(big.length() / 2).isGreaterThan(65_536);
        final var rm = (BmpMessage.RouteMonitoring) decode(big);
        assertThat(rm.update().nlri()).hasSize(12_000);
    }
}

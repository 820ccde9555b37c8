package io.bmpfleet.bmp.codec.bgp;

import static io.bmpfleet.bmp.codec.Wire.attr;
import static io.bmpfleet.bmp.codec.Wire.bgp;
import static io.bmpfleet.bmp.codec.Wire.buf;
import static io.bmpfleet.bmp.codec.Wire.hex;
import static io.bmpfleet.bmp.codec.Wire.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BgpDecoderTest {
    private final BgpDecoder decoder = new BgpDecoder();

    BgpMessage decode(final String hex, final BgpSessionContext ctx) throws BmpDecodeException {
        return decoder.decode(WireReader.of(buf(hex)), true, false, ctx);
    }

    BgpMessage decode(final String hex) throws BmpDecodeException {
        return decode(hex, BgpSessionContext.noAddPath());
    }

    static Stream<Arguments> malformed() {
        final String origin = attr(0x40, 1, "00");
        return Stream.of(
            Arguments.of("IPv4 prefix longer than 32", update("", origin, "21 0a000000 00"), "exceeds 32"),
            Arguments.of("prefix bytes missing", update("", origin, "18 0a00"), "truncated prefix"),
            Arguments.of("withdrawn length past the end", bgp(2, "0010 0000"), "withdrawn routes"),
            Arguments.of("attribute length past the end", update("", "400105 00", ""), "attribute 1 value"),
            Arguments.of("ORIGIN of 2 bytes", update("", attr(0x40, 1, "0000"), ""), "bad length"),
            Arguments.of("COMMUNITIES not a multiple of 4", update("", attr(0xc0, 8, "000001"), ""), "bad length"),
            Arguments.of("AS_PATH segment overrun", update("", attr(0x40, 2, "0205 0000fde9"), ""), "bad length"),
            Arguments.of("duplicate MP_REACH_NLRI", update("", hex(attr(0x80, 14, "0002 01 00 00"),
                attr(0x80, 14, "0002 01 00 00")), ""), "duplicate"),
            Arguments.of("MP_REACH next hop overrun", update("", attr(0x80, 14, "0002 01 20 00"), ""), "next hop"),
            Arguments.of("EVPN MAC/IP route too short", update("", attr(0x80, 14, "0019 46 04 c0000201 00",
                "02 05 0000000000"), ""), "EVPN"),
            Arguments.of("VPN prefix without RD", update("", attr(0x80, 14, "0001 80 04 c0000201 00", "20 000641 00"),
                ""), "route distinguisher"),
            Arguments.of("BGP length below 19", "ffffffffffffffffffffffffffffffff 0012 04".replace(" ", ""),
                "below 19"),
            Arguments.of("KEEPALIVE with a body", bgp(4, "00"), "trailing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedUpdatesFailWithReasonAndOffset(final String name, final String hex, final String reason) {
        assertThatThrownBy(() -> decode(hex)).isInstanceOf(BmpDecodeException.class).hasMessageContaining(reason)
            .satisfies(e -> assertThat(((BmpDecodeException) e).offset()).isBetween(0L, hex.length() / 2L));
    }

    @Test
    void keepaliveRouteRefreshNotificationAndUnknownRoundTrip() throws BmpDecodeException {
        for (BgpMessage msg : List.of(new BgpMessage.Keepalive(), new BgpMessage.RouteRefresh(1, 0, 1),
                new BgpMessage.Notification(6, 2, Bytes.fromHex("0568656c6c6f")),
                new BgpMessage.Unknown(7, Bytes.fromHex("0102")))) {
            final ByteBuf out = Unpooled.buffer();
            BgpEncoder.encode(msg, out, true);
            assertThat(decoder.decode(WireReader.of(out), true, false, BgpSessionContext.noAddPath()))
                .isEqualTo(msg);
        }
    }

    @Test
    void openWithExtendedOptionalParameters() throws BmpDecodeException {
        // RFC 9072: length 255, type 255, 2-octet length, parameters with 2-octet lengths
        final String open = bgp(1, "04 fde9 00b4 0a000001 ff ff 000d", "02 0006 41 04 0000fde9", "07 0001 aa");
        final BgpMessage.Open msg = (BgpMessage.Open) decode(open);
        assertThat(msg.capabilities()).containsExactly(new Capability.FourOctetAs(65001));
        assertThat(msg.otherParameters()).containsExactly(new BgpMessage.OptionalParameter(7, Bytes.fromHex("aa")));
    }

    @Test
    void addPathPerDirection() {
        final BgpMessage.Open local = new BgpMessage.Open(4, 65001, 90, 1, List.of(new Capability.AddPath(List.of(
            new Capability.AddPathFamily(1, 1, 3), new Capability.AddPathFamily(2, 1, 2)))), List.of());
        final BgpMessage.Open remote = new BgpMessage.Open(4, 65002, 90, 2, List.of(new Capability.AddPath(List.of(
            new Capability.AddPathFamily(1, 1, 1), new Capability.AddPathFamily(2, 1, 2)))), List.of());
        final BgpSessionContext ctx = BgpSessionContext.fromOpens(false, local, remote);
        // IPv4: we can send and receive, they only receive: paths only on what we send (Adj-RIB-Out)
        assertThat(ctx.addPath(1, 1, false)).isEqualTo(BgpSessionContext.NO);
        assertThat(ctx.addPath(1, 1, true)).isEqualTo(BgpSessionContext.YES);
        // IPv6: both only send: nobody receives, no paths either way
        assertThat(ctx.addPath(2, 1, false)).isEqualTo(BgpSessionContext.NO);
        assertThat(ctx.addPath(2, 1, true)).isEqualTo(BgpSessionContext.NO);
        assertThat(BgpSessionContext.noAddPath().isKnown()).isTrue();
        assertThat(ctx.toString()).contains("ipv4-unicast");
    }

    @Test
    void addPathGuessPrefersTheConsistentParse() throws BmpDecodeException {
        final AddPathFallback fallback = new AddPathFallback();
        // Both parses consistent: read plainly, "00000001 18 0a0000" is three /0 routes, 24.0.0.0/1 and 0.0.0.0/10;
        // with a path identifier it is 10.0.0.0/24: the fewer /0 routes win
        final String ambiguous = update("", attr(0x40, 1, "00"), "00000001 18 0a0000");
        final BgpMessage.Update msg = (BgpMessage.Update) decode(ambiguous, BgpSessionContext.unknown(fallback));
        assertThat(msg.nlri()).containsExactly(Nlri.Prefix.parse("10.0.0.0/24", 1));
        assertThat(fallback.ambiguous()).isEqualTo(1);
        assertThat(fallback.toString()).contains("guesses=1");
    }

    @Test
    void as4PathLongerThanAsPathIsIgnored() {
        final var asPath = List.of(new PathAttribute.AsPathSegment(2, List.of(23456L)));
        final var as4Path = List.of(new PathAttribute.AsPathSegment(2, List.of(65536L, 65537L)));
        assertThat(PathAttribute.mergeAs4Path(asPath, as4Path)).isEqualTo(asPath);
        final var withSet = List.of(new PathAttribute.AsPathSegment(3, List.of(1L)),
            new PathAttribute.AsPathSegment(2, List.of(1L, 2L)), new PathAttribute.AsPathSegment(1, List.of(5L, 6L)));
        assertThat(PathAttribute.pathLength(withSet)).isEqualTo(3);
        assertThat(PathAttribute.mergeAs4Path(withSet, List.of(new PathAttribute.AsPathSegment(2, List.of(70000L)))))
            .containsExactly(new PathAttribute.AsPathSegment(3, List.of(1L)),
                new PathAttribute.AsPathSegment(2, List.of(1L, 2L)),
                new PathAttribute.AsPathSegment(2, List.of(70000L)));
    }

    @Test
    void routeDistinguisherFormats() {
        assertThat(RouteDistinguisher.format(0x0000fde900000064L)).isEqualTo("65001:100");
        assertThat(RouteDistinguisher.format(0x0001c00002010007L)).isEqualTo("192.0.2.1:7");
        assertThat(RouteDistinguisher.format(0x000200010000000aL)).isEqualTo("65536:10");
    }

    @Test
    void largeAttributesUseTheExtendedLength() throws BmpDecodeException {
        final List<Long> comms = java.util.stream.LongStream.range(0, 100).boxed().toList();
        final BgpMessage.Update update = new BgpMessage.Update(List.of(),
            List.of(new PathAttribute.Origin(0), new PathAttribute.Communities(comms)),
            List.of(Nlri.Prefix.parse("10.0.0.0/8")));
        final ByteBuf out = Unpooled.buffer();
        BgpEncoder.encode(update, out, true);
        assertThat(out.getUnsignedByte(19 + 4 + 4) & PathAttribute.FLAG_EXTENDED_LENGTH).isNotZero();
        assertThat(decoder.decode(WireReader.of(out), true, false, BgpSessionContext.noAddPath())).isEqualTo(update);
    }

    /** The RIB store's attribute block: extended lengths, MP_REACH cut to its next hop, 4-octet AS numbers. */
    @Test
    void attributeBlockAsTheRibStoreKeepsIt() throws BmpDecodeException {
        final var block = buf(
            "50 01 0001 00"                                          // ORIGIN IGP
            + "50 02 000e 02 03 0000fde8 0000fde9 00010000"          // AS_PATH sequence 65000 65001 65536
            + "50 03 0004 c0000201"                                  // NEXT_HOP 192.0.2.1
            + "d0 04 0004 00000064"                                  // MED 100
            + "50 05 0004 000000c8"                                  // LOCAL_PREF 200
            + "d0 08 0008 fde80001 ffffff01"                         // COMMUNITIES 65000:1, NO_EXPORT
            + "d0 0e 0014 0002 01 10 20010db8000000000000000000000001" // MP_REACH ipv6 unicast, next hop only
            + "d0 20 000c 0000fde8 00000001 00000002");              // LARGE 65000:1:2
        final var attributes = BgpDecoder.decodeAttributes(block, 4);
        assertThat(attributes).containsExactly(new PathAttribute.Origin(0),
            new PathAttribute.AsPath(List.of(new PathAttribute.AsPathSegment(2, List.of(65000L, 65001L, 65536L)))),
            new PathAttribute.NextHop(Bytes.fromHex("c0000201")), new PathAttribute.MultiExitDisc(100),
            new PathAttribute.LocalPref(200), new PathAttribute.Communities(List.of(0xfde80001L, 0xffffff01L)),
            new PathAttribute.MpReach(2, 1, Bytes.fromHex("20010db8000000000000000000000001"), List.of()),
            new PathAttribute.LargeCommunities(List.of(new PathAttribute.LargeCommunity(65000, 1, 2))));
        assertThatThrownBy(() -> BgpDecoder.decodeAttributes(buf("50 01 0005 00"), 4))
            .isInstanceOf(BmpDecodeException.class);
    }

    @Test
    void routeDistinguishersParseBackFromTheirText() {
        for (var text : List.of("65000:100", "0:0", "192.0.2.1:7", "4200000000:65535", "65535:4294967295")) {
            assertThat(RouteDistinguisher.format(RouteDistinguisher.parse(text))).isEqualTo(text);
        }
        assertThat(new RouteDistinguisher(RouteDistinguisher.parse("4200000000:1")).type()).isEqualTo(2);
        assertThat(new RouteDistinguisher(RouteDistinguisher.parse("192.0.2.1:1")).type()).isEqualTo(1);
        for (var bad : List.of("65000", "x:1", "1.2.3:4", "192.0.2.1:70000", "4200000000:70000", "65000:-1")) {
            assertThatThrownBy(() -> RouteDistinguisher.parse(bad)).as(bad)
                .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

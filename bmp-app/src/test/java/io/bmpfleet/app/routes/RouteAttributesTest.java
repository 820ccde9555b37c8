/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.bgp.PathAttribute.AsPathSegment;
import io.bmpfleet.rib.AfiSafi;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one decoding of stored attributes: AS path text, next hops, per family. */
class RouteAttributesTest {
    @Test
    void asPathSegmentsAsIosWritesThem() {
        assertThat(RouteAttributes.asPathText(List.of(new AsPathSegment(3, List.of(65010L, 65011L)),
            new AsPathSegment(2, List.of(65001L, 65002L)), new AsPathSegment(1, List.of(64512L, 64513L)))))
            .isEqualTo("(65010 65011) 65001 65002 {64512,64513}");
        assertThat(RouteAttributes.asPathText(List.of(new AsPathSegment(4, List.of(1L))))).isEqualTo("[1]");
    }

    @Test
    void nextHopsOfMultiprotocolReach() {
        assertThat(RouteAttributes.mpNextHop(Bytes.fromHex("c0000207"))).isEqualTo("192.0.2.7");
        assertThat(RouteAttributes.mpNextHop(Bytes.fromHex("0000000000000000c0000207")))
            .isEqualTo("192.0.2.7");
        assertThat(RouteAttributes.mpNextHop(Bytes.fromHex("20010db8000000000000000000000007"
            + "fe800000000000000000000000000007"))).isEqualTo("2001:db8::7");
        assertThat(RouteAttributes.mpNextHop(Bytes.EMPTY)).isNull();
    }

    @Test
    void nextHopDependsOnTheRoutesFamily() {
        final var both = new RouteAttributes(0, List.of(), "192.0.2.1", "2001:db8::1", null, null, false, null, null,
            List.of(), List.of(), List.of(), null, List.of(), null);
        assertThat(both.nextHop(AfiSafi.IPV4_UNICAST)).isEqualTo("192.0.2.1");
        assertThat(both.nextHop(AfiSafi.IPV4_MULTICAST)).isEqualTo("192.0.2.1");
        assertThat(both.nextHop(AfiSafi.IPV6_UNICAST)).isEqualTo("2001:db8::1");
        assertThat(both.nextHop(AfiSafi.VPNV4)).isEqualTo("2001:db8::1");
        final var plainOnly = new RouteAttributes(0, List.of(), "192.0.2.1", null, null, null, false, null, null,
            List.of(), List.of(), List.of(), null, List.of(), null);
        assertThat(plainOnly.nextHop(AfiSafi.IPV6_UNICAST)).isEqualTo("192.0.2.1");
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteAttributesTest {
    @Test
    void communitiesWithTheirWellKnownNames() {
        assertThat(RouteAttributes.community(65001L << 16 | 100)).isEqualTo("65001:100");
        assertThat(RouteAttributes.community(0xFFFFFF01L)).isEqualTo("no-export");
        assertThat(RouteAttributes.community(0xFFFFFF02L)).isEqualTo("no-advertise");
        assertThat(RouteAttributes.community(0xFFFFFF03L)).isEqualTo("local-AS");
        assertThat(RouteAttributes.community(0xFFFF0000L)).isEqualTo("graceful-shutdown");
        assertThat(RouteAttributes.community(0xFFFF029AL)).isEqualTo("blackhole");
    }

    @Test
    void extendedCommunitiesAsRouteTargetsAndSitesOfOrigin() {
        assertThat(RouteAttributes.extendedCommunity(0x0002FDE900000064L)).isEqualTo("RT:65001:100");
        assertThat(RouteAttributes.extendedCommunity(0x0102C00002070007L)).isEqualTo("RT:192.0.2.7:7");
        assertThat(RouteAttributes.extendedCommunity(0x0203000100000009L)).isEqualTo("SoO:65536:9");
        assertThat(RouteAttributes.extendedCommunity(0x8006000000000000L)).isEqualTo("ext:8006000000000000");
    }

    @Test
    void originCodes() {
        assertThat(RouteAttributes.origin(0)).isEqualTo("igp");
        assertThat(RouteAttributes.origin(1)).isEqualTo("egp");
        assertThat(RouteAttributes.origin(2)).isEqualTo("incomplete");
        assertThat(RouteAttributes.origin(9)).isEqualTo("9");
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.bgp.Capability;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OPEN capabilities as the state shows them. */
class RouterStateMapperTest {
    @Test
    void capabilitiesInWords() {
        assertThat(RouterStateMapper.capabilityText(new Capability.Multiprotocol(2, 128)))
            .isEqualTo("multiprotocol ipv6-vpn");
        assertThat(RouterStateMapper.capabilityText(new Capability.Multiprotocol(25, 70)))
            .isEqualTo("multiprotocol afi-25-safi-70");
        assertThat(RouterStateMapper.capabilityText(new Capability.FourOctetAs(4_200_000_000L)))
            .isEqualTo("four-octet-as 4200000000");
        assertThat(RouterStateMapper.capabilityText(new Capability.AddPath(List.of(
            new Capability.AddPathFamily(1, 1, 3), new Capability.AddPathFamily(2, 1, 1)))))
            .isEqualTo("add-path ipv4-unicast send-receive ipv6-unicast receive");
        assertThat(RouterStateMapper.capabilityText(new Capability.GracefulRestart(0, 120, List.of(
            new Capability.GracefulRestartFamily(1, 1, 0x80))))).isEqualTo("graceful-restart time 120 ipv4-unicast");
        assertThat(RouterStateMapper.capabilityText(new Capability.RouteRefresh())).isEqualTo("route-refresh");
        assertThat(RouterStateMapper.capabilityText(new Capability.ExtendedMessage())).isEqualTo("extended-message");
        assertThat(RouterStateMapper.capabilityText(new Capability.Unknown(73, Bytes.fromHex("000102030405"))))
            .isEqualTo("capability 73 (6 bytes)");
    }
}

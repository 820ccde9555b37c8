/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Activation;
import io.bmpfleet.device.DeviceIntent.Family;
import io.bmpfleet.device.DeviceIntent.Global;
import io.bmpfleet.device.DeviceIntent.Initiation;
import io.bmpfleet.device.DeviceIntent.Rib;
import io.bmpfleet.device.DeviceIntent.Station;
import io.bmpfleet.device.DeviceIntent.Target;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The golden rendering: an intent that uses every command of FRR's BMP documentation (the FRR seed) renders
 * exactly as FRR 8.4.4's bgpd writes that configuration back, in bgpd's own order. FrrDriverTest pushes the same
 * intent to a real bgpd and compares its {@code show running-config} with {@link #GOLDEN} line by line: that is
 * what makes this text true.
 */
class FrrRendererTest {
    /** The rendering of {@link #goldenIntent}, as bgpd 8.4.4 writes it (the blank line before each listener too). */
    static final String GOLDEN = """
        router bgp 65001
         !
         address-family ipv4 unicast
          neighbor 127.0.0.9 soft-reconfiguration inbound
         exit-address-family
         !
         address-family ipv4 multicast
          neighbor 127.0.0.9 soft-reconfiguration inbound
         exit-address-family
         !
         address-family ipv6 unicast
          neighbor 127.0.0.9 soft-reconfiguration inbound
         exit-address-family
         !
         address-family ipv6 multicast
          neighbor 127.0.0.9 soft-reconfiguration inbound
         exit-address-family
         !
         bmp mirror buffer-limit 4096
         !
         bmp targets A0
          bmp monitor ipv4 unicast post-policy
          bmp connect 192.0.2.10 port 11020 min-retry 30000 max-retry 720000
         exit
         !
         bmp targets T1
          ipv6 access-list bmp-acl6
          ip access-list bmp-acl4
          bmp stats interval 15000
          bmp mirror
          bmp monitor ipv4 unicast pre-policy
          bmp monitor ipv4 unicast post-policy
          bmp monitor ipv4 multicast pre-policy
          bmp monitor ipv4 multicast post-policy
          bmp monitor ipv6 unicast pre-policy
          bmp monitor ipv6 unicast post-policy
          bmp monitor ipv6 multicast pre-policy
          bmp monitor ipv6 multicast post-policy
        \s
          bmp listener 127.0.0.3 port 11032
        \s
          bmp listener ::1 port 11031
          bmp connect 127.0.0.1 port 11019 min-retry 1000 max-retry 2000 source-interface lo
          bmp connect 192.0.2.10 port 11020 min-retry 30000 max-retry 720000
         exit
        exit
        """;

    /**
     * Every FRR BMP command of the seed, given in an order that is not bgpd's: targets, stations, families and
     * listeners all come in the intent in another order than bgpd writes them.
     *
     * @param vtySocket the vty socket directory for the intent
     * @return the intent
     */
    static DeviceIntent goldenIntent(final String vtySocket) {
        final var stations = List.of(
            // active, FRR's default backoff
            new Station(20, "default backoff", false, "192.0.2.10", 11020, null, true, null, null, null, null, null,
                null, null, null),
            // active with both retries and a source interface
            new Station(21, "from lo", false, "127.0.0.1", 11019, null, true, null, null, null, 1000L, 2000L, null,
                null, "lo"),
            // passive: the router listens, IPv6 first in the intent
            new Station(22, "listen v6", true, null, 11031, "::1", true, null, null, null, null, null, null, null,
                null),
            new Station(23, "listen v4", true, null, 11032, "127.0.0.3", true, null, null, null, null, null, null,
                null, null));
        final var all = EnumSet.of(Rib.ADJ_RIB_IN_PRE_POLICY, Rib.ADJ_RIB_IN_POST_POLICY);
        final Map<Family, Set<Rib>> everything = Map.of(Family.IPV6_MULTICAST, all, Family.IPV4_MULTICAST, all,
            Family.IPV6_UNICAST, all, Family.IPV4_UNICAST, all);
        final var targets = List.of(
            new Target("T1", List.of(23, 22, 21, 20), everything, 15000L, true, "bmp-acl4", "bmp-acl6"),
            new Target("A0", List.of(20), Map.of(Family.IPV4_UNICAST, EnumSet.of(Rib.ADJ_RIB_IN_POST_POLICY)), null,
                false, null, null));
        return new DeviceIntent("frr-golden", 65001, new Global(null, null, false, 4096L), stations, targets,
            List.of(new Activation("127.0.0.9", true, List.of(), true)), Initiation.NONE, vtySocket);
    }

    @Test
    void everyFrrBmpCommandRendersAsBgpdWritesIt() {
        assertEquals(GOLDEN, FrrRenderer.render(goldenIntent(null)).text());
    }

    @Test
    void theGoldenTextIsItsOwnCanonicalForm() {
        final var parsed = FrrConfig.parse(GOLDEN);
        assertEquals(FrrRenderer.render(goldenIntent(null)), parsed, "read back, it is the rendered configuration");
        assertEquals(GOLDEN, parsed.text());
        assertEquals(List.of(), FrrConfig.diff(parsed, FrrRenderer.render(goldenIntent(null)), Set.of("127.0.0.9")));
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing FRR 8.4's running configuration and the difference between two, without a router. */
class FrrConfigTest {
    /** As FRR 8.4.4 wrote it in a session of this project (note the line with one blank before the listener). */
    private static final String RUNNING = """
        Building configuration...

        Current configuration:
        !
        frr version 8.4.4
        hostname vm
        !
        router bgp 65001
         bgp router-id 127.0.0.3
         neighbor 127.0.0.9 remote-as 65001
         !
         address-family ipv4 unicast
          neighbor 127.0.0.9 soft-reconfiguration inbound
         exit-address-family
         !
         bmp mirror buffer-limit 4096
         !
         bmp targets X
          ipv6 access-list acl6
          ip access-list acl4
          bmp stats interval 15000
          bmp mirror
          bmp monitor ipv4 unicast pre-policy
         \s
          bmp listener 0.0.0.0 port 11020
          bmp connect 127.0.0.2 port 11019 min-retry 1000 max-retry 2000 source-interface lo
         exit
        exit
        !
        end
        """;

    @Test
    void parsesTheBmpPartOfARunningConfiguration() {
        final var config = FrrConfig.parse(RUNNING);
        assertEquals(65001L, config.as());
        assertEquals(4096L, config.mirrorBufferLimit());
        assertEquals(List.of("ipv6 access-list acl6", "ip access-list acl4", "bmp stats interval 15000",
            "bmp mirror", "bmp monitor ipv4 unicast pre-policy", "bmp listener 0.0.0.0 port 11020",
            "bmp connect 127.0.0.2 port 11019 min-retry 1000 max-retry 2000 source-interface lo"),
            List.copyOf(config.targets().get("X")));
        assertEquals(Set.of("127.0.0.9"), config.softReconfiguration().get("ipv4 unicast"));
        assertEquals(config, FrrConfig.parse(config.text()), "its own text parses back to the same");
    }

    @Test
    void removingASourceInterfaceConnectRecreatesTheTarget() {
        final var from = FrrConfig.parse(RUNNING);
        final var to = FrrConfig.parse(RUNNING.replace(" source-interface lo", ""));
        final var diff = FrrConfig.diff(from, to, Set.of());
        assertEquals("no bmp targets X", diff.get(0));
        assertTrue(diff.contains("bmp connect 127.0.0.2 port 11019 min-retry 1000 max-retry 2000"));
        assertEquals("exit", diff.get(diff.size() - 1));
    }

    @Test
    void unmanagedNeighborsKeepTheirSoftReconfiguration() {
        final var from = FrrConfig.parse(RUNNING);
        final var to = FrrConfig.parse(RUNNING.replace("  neighbor 127.0.0.9 soft-reconfiguration inbound\n", ""));
        assertEquals(List.of(), FrrConfig.diff(from, to, Set.of("192.0.2.1")));
        assertEquals(List.of("address-family ipv4 unicast", "no neighbor 127.0.0.9 soft-reconfiguration inbound",
            "exit-address-family"), FrrConfig.diff(from, to, Set.of("127.0.0.9")));
    }
}

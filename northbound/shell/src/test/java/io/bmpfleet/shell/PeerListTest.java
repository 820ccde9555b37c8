/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerListTest {
    private final Fleet fleet = Fixtures.fleet(null,
        List.of(Fixtures.router(Fixtures.downPeer(), Fixtures.peer()), Fixtures.downRouter()));

    @Test
    void peersWithStateReasonAndRoutes() {
        assertThat(PeerList.lines(fleet, "127.0.0.1:40000")).containsExactly(
            "Router 127.0.0.1:40000 sysName sim-router-1 device sim-1 state Up",
            "Number of peers: 2, up: 1",
            "",
            "Type    RD       Peer         AS     BGP ID        State  Uptime    Routes  Reason",
            "global  -        192.0.2.7    65001  192.0.2.7     Up     00:00:10  3       -",
            "rd      65001:7  2001:db8::9  65009  198.51.100.9  Down   -         0       remote system closed the"
                + " session without a notification",
            "",
            "Peer       RIB                    Family        Routes",
            "192.0.2.7  adj-rib-in-pre-policy  ipv4-unicast  3");
    }

    @Test
    void aSessionWithoutPeers() {
        assertThat(PeerList.lines(fleet, "[2001:db8::1]:50123")).containsExactly(
            "Router [2001:db8::1]:50123 sysName - device - state Down",
            "Number of peers: 0, up: 0",
            "",
            "Type  RD  Peer  AS  BGP ID  State  Uptime  Routes  Reason");
    }

    @Test
    void theRouterMayBeNamedBySysNameOrAddress() {
        assertThat(PeerList.lines(fleet, "sim-router-1").get(0)).startsWith("Router 127.0.0.1:40000 ");
        assertThat(PeerList.lines(fleet, "127.0.0.1").get(0)).startsWith("Router 127.0.0.1:40000 ");
        assertThat(PeerList.lines(fleet, "2001:DB8::1").get(0)).startsWith("Router [2001:db8::1]:50123 ");
    }

    @Test
    void anUnknownRouterListsTheSessions() {
        assertThat(PeerList.lines(fleet, "10.9.9.9:1")).containsExactly(
            "% No router session 10.9.9.9:1; sessions: 127.0.0.1:40000 [2001:db8::1]:50123");
        assertThat(PeerList.lines(Fixtures.empty(), "x")).containsExactly("% No router session x");
    }

    @Test
    void aSysNameOfTwoSessionsIsAmbiguous() {
        final var two = Fixtures.fleet(null, List.of(Fixtures.router(), Fixtures.router(40001)));
        assertThat(PeerList.lines(two, "sim-router-1")).containsExactly(
            "% sim-router-1 names 2 sessions: 127.0.0.1:40000 127.0.0.1:40001; give ADDRESS:PORT");
    }
}

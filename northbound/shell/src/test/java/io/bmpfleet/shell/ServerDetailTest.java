/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerDetailTest {
    @Test
    void theSeedsServerOneReadsLikeIos() {
        assertThat(ServerDetail.lines(Fixtures.fleet(Fixtures.seed().build(), List.of()), 1)).containsExactly(
            "Print detailed info for 1 server number 1.",
            "",
            "bmp server 1",
            "address: 10.1.1.1    port 8000",
            "description SERVER1",
            "initial-delay 20",
            "failure-retry-delay 40",
            "flapping-delay 120",
            "set ip dscp 5",
            "stats-reporting-period 30",
            "update-source ethernet 0/0",
            "activated",
            "targets servers-1-2",
            "devices ios-edge-1",
            "not one of the controller's collector listeners: its sessions end elsewhere");
    }

    @Test
    void anOwnStationListsItsSessions() {
        final var fleet = Fixtures.fleet(Fixtures.withOwnStation(),
            List.of(Fixtures.router(Fixtures.peer()), Fixtures.downRouter()));
        assertThat(ServerDetail.lines(fleet, 3)).containsExactly(
            "Print detailed info for 1 server number 3.",
            "",
            "bmp server 3",
            "address: 127.0.0.1    port 11019",
            "description controller",
            "up time 00:00:12",
            "activated",
            "targets own",
            "devices sim-1",
            "collector listener default (0.0.0.0 port 11019)",
            "sessions 1 up, 1 down",
            "",
            "Router               sysName       Device  State  Uptime    MsgRcvd  LastStat",
            "127.0.0.1:40000      sim-router-1  sim-1   Up     00:00:12  5        00:00:03",
            "[2001:db8::1]:50123  -             -       Down   -         1        -");
    }

    @Test
    void anUnknownStationIsRefusedWithTheConfiguredOnes() {
        assertThat(ServerDetail.lines(Fixtures.fleet(Fixtures.seed().build(), List.of()), 7))
            .containsExactly("% No BMP server 7 configured (configured: 1, 2)");
        assertThat(ServerDetail.lines(Fixtures.empty(), 1)).containsExactly("% No BMP server 1 configured");
    }
}

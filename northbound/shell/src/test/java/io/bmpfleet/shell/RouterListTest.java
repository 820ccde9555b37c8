/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterListTest {
    @Test
    void noSessions() {
        assertThat(RouterList.lines(Fixtures.empty())).containsExactly(
            "Number of router sessions: 0, up: 0",
            "",
            "Router  sysName  Device  State  Uptime  Peers  MsgRcvd  Errors");
    }

    @Test
    void sessionsByAddressAndPort() {
        final var fleet = Fixtures.fleet(null, List.of(Fixtures.downRouter(), Fixtures.router(Fixtures.peer())));
        assertThat(RouterList.lines(fleet)).containsExactly(
            "Number of router sessions: 2, up: 1",
            "",
            "Router               sysName       Device  State  Uptime    Peers  MsgRcvd  Errors",
            "127.0.0.1:40000      sim-router-1  sim-1   Up     00:00:12  1/1    5        0",
            "[2001:db8::1]:50123  -             -       Down   -         0/0    1        2");
    }
}

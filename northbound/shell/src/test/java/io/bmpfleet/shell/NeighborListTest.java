/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeighborListTest {
    @Test
    void noNeighbors() {
        assertThat(NeighborList.lines(Fixtures.empty())).containsExactly(
            "Number of BMP neighbors configured: 0",
            "",
            "Device  Neighbor  CfgSvr#  ActSvr#  Peer  Routes  Router");
    }

    @Test
    void activatedNeighborsAndTheSessionsThatReportThem() {
        final var fleet = Fixtures.fleet(Fixtures.withOwnStation(), List.of(Fixtures.router(Fixtures.peer())));
        assertThat(NeighborList.lines(fleet)).containsExactly(
            "Number of BMP neighbors configured: 3",
            "",
            "Device      Neighbor   CfgSvr#  ActSvr#  Peer   Routes  Router",
            "ios-edge-1  30.1.1.1   1 2      -        -      -       -",
            "sim-1       192.0.2.7  3        3        Up     3       127.0.0.1:40000",
            "sim-1       EDGE       3        -        group  -       -");
    }

    @Test
    void aNeighborWithoutItsSessionIsNotActive() {
        final var fleet = Fixtures.fleet(Fixtures.withOwnStation(), List.of(Fixtures.router()));
        assertThat(NeighborList.lines(fleet)).contains(
            "sim-1       192.0.2.7  3        -        -      -       -");
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.SummaryBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.summary.ExposureBuilder;

class ServerSummaryTest {
    @Test
    void emptyStateHasTheFiguresAndTheHeadingOnly() {
        assertThat(ServerSummary.lines(Fixtures.empty())).containsExactly(
            "Number of BMP servers configured: 0",
            "Number of BMP neighbors configured: 0",
            "Number of devices configured: 0, in sync: 0",
            "Number of router sessions up: 0, peers up: 0, refused connections: 0",
            "Initial Refresh not configured",
            "BMP buffer size not configured, buffer size bytes used 0 MB",
            "",
            "ID  Host/Net  Port  Status  Devices  Sessions  MsgRcvd  Uptime  LastStat");
    }

    @Test
    void theSeedsStationsAreRemote() {
        assertThat(ServerSummary.lines(Fixtures.fleet(Fixtures.seed().build(), List.of()))).containsExactly(
            "Number of BMP servers configured: 2",
            "Number of BMP neighbors configured: 1",
            "Number of devices configured: 1, in sync: 0",
            "Number of router sessions up: 0, peers up: 0, refused connections: 0",
            "Initial Refresh Delay configured, refresh value 30s",
            "BMP buffer size configured, buffer size 2048 MB, buffer size bytes used 0 MB",
            "",
            "ID  Host/Net  Port  Status  Devices  Sessions  MsgRcvd  Uptime  LastStat",
            "1   10.1.1.1  8000  Remote  1        -         -        -       -",
            "2   20.1.1.1  9000  Remote  1        -         -        -       -");
    }

    @Test
    void anOwnStationShowsItsSessions() {
        final var fleet = new Fleet(Fixtures.withOwnStation(),
            Map.of("sim-1", Fixtures.status("sim-1", SyncStatus.InSync, 0, null),
                "ios-edge-1", Fixtures.status("ios-edge-1", SyncStatus.Unreachable, 3, "unreachable")),
            List.of(Fixtures.downRouter(), Fixtures.router(Fixtures.peer())), null, Fixtures.NOW,
            Fixtures.LOOPBACK_ONLY);
        assertThat(ServerSummary.lines(fleet)).containsExactly(
            "Number of BMP servers configured: 3",
            "Number of BMP neighbors configured: 3",
            "Number of devices configured: 2, in sync: 1",
            "Number of router sessions up: 1, peers up: 1, refused connections: 0",
            "Initial Refresh Delay configured, refresh value 30s",
            "BMP buffer size configured, buffer size 2048 MB, buffer size bytes used 0 MB",
            "",
            "ID  Host/Net   Port   Status  Devices  Sessions  MsgRcvd  Uptime    LastStat",
            "1   10.1.1.1   8000   Remote  1        -         -        -         -",
            "2   20.1.1.1   9000   Remote  1        -         -        -         -",
            "3   127.0.0.1  11019  Up      1        1         5        00:00:12  00:00:03");
    }

    @Test
    void openDoorsAreNamedUnderTheTable() {
        final var summary = new SummaryBuilder().setExposure(new ExposureBuilder()
            .setOpenDoor(Set.of("listener wide on 0.0.0.0:11019")).build()).build();
        final var fleet = new Fleet(Fixtures.withOwnStation(), Map.of(), List.of(), summary, Fixtures.NOW,
            Fixtures.LOOPBACK_ONLY);
        final var lines = ServerSummary.lines(fleet);
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly("",
            "Open door: listener wide on 0.0.0.0:11019 takes BMP from any source (set collector allowed-source)");
    }

    @Test
    void anOwnStationWithoutSessionsIsDown() {
        final var lines = ServerSummary.lines(Fixtures.fleet(Fixtures.withOwnStation(), List.of()));
        assertThat(lines.get(lines.size() - 1))
            .isEqualTo("3   127.0.0.1  11019  Down    1        0         -        -       -");
    }

    @Test
    void bufferBytesAreMegabytes() {
        assertThat(ServerSummary.megabytes(0)).isEqualTo("0 MB");
        assertThat(ServerSummary.megabytes(1000)).isEqualTo("<1 MB");
        assertThat(ServerSummary.megabytes(3L * 1024 * 1024 + 5)).isEqualTo("3 MB");
    }
}

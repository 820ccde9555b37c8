/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;

class DeviceListTest {
    @Test
    void noDevices() {
        assertThat(DeviceList.lines(Fixtures.empty())).containsExactly(
            "Number of devices: 0, in sync: 0",
            "",
            "Name  Platform  Status  LastSuccess  Attempts  LastError");
    }

    @Test
    void devicesWithTheirStatusAndAShortError() {
        final var fleet = new Fleet(Fixtures.withOwnStation(), Map.of(
            "ios-edge-1", Fixtures.status("ios-edge-1", SyncStatus.Unreachable, 3,
                "no credential set named 'ios-admin': store it with the set-credentials RPC"),
            "sim-1", Fixtures.status("sim-1", SyncStatus.InSync, 0, null)), List.of(), null, Fixtures.NOW,
            Fixtures.LOOPBACK_ONLY);
        assertThat(DeviceList.lines(fleet)).containsExactly(
            "Number of devices: 2, in sync: 1",
            "",
            "Name        Platform   Status       LastSuccess               Attempts  LastError",
            "ios-edge-1  cisco-ios  unreachable  -                         3         no credential set named"
                + " 'ios-admin': store it with the se...",
            "sim-1       frr        in-sync      2026-12-02T09:58:00.123Z  0         -");
    }

    @Test
    void aDeviceNotWorkedOnYetHasNoStatus() {
        assertThat(DeviceList.lines(Fixtures.fleet(Fixtures.seed().build(), List.of()))).containsExactly(
            "Number of devices: 1, in sync: 0",
            "",
            "Name        Platform   Status  LastSuccess  Attempts  LastError",
            "ios-edge-1  cisco-ios  -       -            -         -");
    }

    @Test
    void errorsAreCutToOneLine() {
        assertThat(DeviceList.shorten("refused\n% Unknown command")).isEqualTo("refused ...");
        assertThat(DeviceList.shorten("x".repeat(61))).hasSize(60).endsWith("...");
        assertThat(DeviceList.shorten("x".repeat(60))).isEqualTo("x".repeat(60));
    }
}

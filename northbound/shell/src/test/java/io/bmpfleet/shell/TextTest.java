/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.Rib;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The small pieces: columns, uptimes, family and RIB names. */
class TextTest {
    @Test
    void columnsAreAsWideAsTheirWidestCell() {
        assertThat(new Columns("A", "Long heading", "C").row("wide cell", null, "x").row(1, 2, 3).lines())
            .containsExactly(
                "A          Long heading  C",
                "wide cell  -             x",
                "1          2             3");
        assertThat(assertThrows(IllegalArgumentException.class, () -> new Columns("A").row(1, 2)).getMessage())
            .isEqualTo("2 cells for 1 columns");
    }

    @Test
    void uptimesAsIosPrintsThem() {
        assertThat(Elapsed.format(Duration.ofSeconds(382))).isEqualTo("00:06:22");
        assertThat(Elapsed.format(Duration.ofHours(26))).isEqualTo("1d02h");
        assertThat(Elapsed.format(Duration.ofDays(17))).isEqualTo("2w3d");
        assertThat(Elapsed.format(Duration.ofSeconds(-5))).isEqualTo("00:00:00");
        assertThat(Elapsed.since(null, Fixtures.NOW)).isEqualTo("-");
        assertThat(Elapsed.since(Fixtures.time("2026-12-02T10:59:00+01:00"), Fixtures.NOW)).isEqualTo("00:01:00");
    }

    @Test
    void familiesAndRibsInTheIntentsWords() {
        assertThat(Families.family("ipv6-vpn")).isEqualTo(AfiSafi.VPNV6);
        assertThat(Families.family("afi-25-safi-70")).isEqualTo(new AfiSafi(25, 70));
        assertThat(Families.familyName(new AfiSafi(25, 70))).isEqualTo("afi-25-safi-70");
        assertThat(Families.FAMILY_NAMES.stream().map(Families::family).map(Families::familyName).toList())
            .isEqualTo(Families.FAMILY_NAMES);
        assertThat(Families.rib("out-post")).isEqualTo(Rib.ADJ_RIB_OUT_POST);
        assertThat(Families.rib("loc-rib")).isEqualTo(Rib.LOC_RIB);
        assertThat(assertThrows(IllegalArgumentException.class, () -> Families.rib("in")).getMessage())
            .isEqualTo("unknown RIB in; one of pre, post, loc, out-pre, out-post");
        assertThat(assertThrows(IllegalArgumentException.class, () -> Families.family("ipv4")).getMessage())
            .startsWith("unknown address family ipv4; one of ipv4-unicast, ");
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.push.DeviceReconciler.Rendering;
import io.bmpfleet.app.push.DeviceReconciler.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushAnswersTest {
    @Test
    void aSyncRowAndWhatWasSent() {
        assertThat(PushAnswers.sync(List.of(new Row("frr-1", "in-sync", List.of("router bgp 65001",
            " bmp targets frr-full"), null)))).containsExactly(
                "Device  Status   Changes  Error",
                "frr-1   in-sync  2        -",
                "",
                "Commands for frr-1:",
                " router bgp 65001",
                "  bmp targets frr-full");
    }

    @Test
    void aRefusedSync() {
        assertThat(PushAnswers.sync(List.of(new Row("ios-edge-1", "unreachable", List.of(),
            "cannot reach 192.0.2.10:22")))).containsExactly(
                "Device      Status       Changes  Error",
                "ios-edge-1  unreachable  0        cannot reach 192.0.2.10:22");
        assertThat(PushAnswers.sync(List.of(new Row("x", "unknown", List.of(), "no device named x in the intent"))))
            .containsExactly(
                "Device  Status   Changes  Error",
                "x       unknown  0        no device named x in the intent");
    }

    @Test
    void aRenderingWithTheDifference() {
        assertThat(PushAnswers.render("ios-edge-1", new Rendering("bmp server 1\n address 10.1.1.1 port-number 8000",
            "", List.of("configure terminal", "router bgp 65000", "end"), null))).containsExactly(
                "Rendered configuration of ios-edge-1:",
                "bmp server 1",
                " address 10.1.1.1 port-number 8000",
                "",
                "Read back from ios-edge-1:",
                "",
                "A push would send:",
                " configure terminal",
                " router bgp 65000",
                " end");
    }

    @Test
    void aRenderingOfADeviceThatCannotBeRead() {
        assertThat(PushAnswers.render("ios-edge-1", new Rendering("bmp server 1", null, List.of(),
            "no credential set named 'ios-admin'"))).containsExactly(
                "Rendered configuration of ios-edge-1:",
                "bmp server 1",
                "",
                "% ios-edge-1: no credential set named 'ios-admin'");
        assertThat(PushAnswers.render("x", new Rendering(null, null, List.of(), "no device named x in the intent")))
            .containsExactly("% x: no device named x in the intent");
        assertThat(PushAnswers.render("frr-1", new Rendering("a", "a", List.of(), null))).endsWith(
            "A push would send nothing: frr-1 is in sync");
    }
}

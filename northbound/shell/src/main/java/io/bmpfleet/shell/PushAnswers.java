/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import io.bmpfleet.app.push.DeviceReconciler;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bmp:sync} and {@code bmp:render} print: the reconciler's answers to the {@code sync-device} and
 * {@code render-device} RPCs, in the device's own dialect.
 */
public final class PushAnswers {
    private PushAnswers() {
        // static only
    }

    /**
     * A sync-device answer: one row per device, then the commands each device was sent.
     *
     * @param rows the reconciler's rows
     * @return the lines
     */
    public static List<String> sync(final List<DeviceReconciler.Row> rows) {
        final var out = new ArrayList<String>();
        final var table = new Columns("Device", "Status", "Changes", "Error");
        rows.forEach(row -> table.row(row.device(), row.status(), row.changes().size(), row.error()));
        out.addAll(table.lines());
        for (var row : rows) {
            if (!row.changes().isEmpty()) {
                out.add("");
                out.add("Commands for " + row.device() + ":");
                row.changes().forEach(change -> out.add(" " + change));
            }
        }
        return out;
    }

    /**
     * A render-device answer: the configuration the intent renders, the device's as read back, and what a push
     * would send now.
     *
     * @param device the device
     * @param rendering the reconciler's answer
     * @return the lines
     */
    public static List<String> render(final String device, final DeviceReconciler.Rendering rendering) {
        final var out = new ArrayList<String>();
        if (rendering.rendered() != null) {
            out.add("Rendered configuration of " + device + ":");
            out.addAll(rendering.rendered().lines().toList());
            out.add("");
        }
        if (rendering.error() != null) {
            out.add("% " + device + ": " + rendering.error());
            return out;
        }
        if (rendering.deviceConfig() != null) {
            out.add("Read back from " + device + ":");
            out.addAll(rendering.deviceConfig().lines().toList());
            out.add("");
        }
        if (rendering.changes().isEmpty()) {
            out.add("A push would send nothing: " + device + " is in sync");
        } else {
            out.add("A push would send:");
            rendering.changes().forEach(change -> out.add(" " + change));
        }
        return out;
    }
}

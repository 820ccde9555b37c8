/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import io.bmpfleet.app.push.IntentCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;

/**
 * {@code bmp:devices}: every device of the intent (and any the status still lists) with its platform, sync status,
 * last success, attempts since then and the last error, cut to fit a line ({@code bmp:sync} and the state have it
 * whole).
 */
public final class DeviceList {
    /** The longest error shown in the table. */
    static final int ERROR_WIDTH = 60;

    private DeviceList() {
        // static only
    }

    /**
     * The devices.
     *
     * @param fleet the fleet now
     * @return the lines
     */
    public static List<String> lines(final Fleet fleet) {
        final var names = new TreeSet<String>(fleet.statusNames());
        fleet.devices().forEach(d -> names.add(d.getName().getValue()));
        final var inSync = names.stream().map(fleet::status).filter(s -> s.isPresent()
            && s.orElseThrow().getSyncStatus() == SyncStatus.InSync).count();
        final var out = new ArrayList<String>();
        out.add("Number of devices: " + names.size() + ", in sync: " + inSync);
        out.add("");
        final var table = new Columns("Name", "Platform", "Status", "LastSuccess", "Attempts", "LastError");
        for (var name : names) {
            final var status = fleet.status(name);
            final var device = fleet.devices().stream().filter(d -> d.getName().getValue().equals(name)).findFirst();
            final var platform = status.map(s -> s.getPlatform()).or(() -> device.map(d -> d.getPlatform()))
                .map(IntentCompiler::platformName).orElse(null);
            table.row(name, platform,
                status.map(s -> s.getSyncStatus()).map(s -> s.getName()).orElse(null),
                status.map(s -> s.getLastSuccess()).map(t -> t.getValue()).orElse(null),
                status.map(s -> s.getAttempts()).orElse(null),
                status.map(s -> s.getLastError()).map(DeviceList::shorten).orElse(null));
        }
        out.addAll(table.lines());
        return out;
    }

    /**
     * The first line of a text, cut to {@link #ERROR_WIDTH} characters.
     *
     * @param text the text
     * @return the short form
     */
    static String shorten(final String text) {
        final int newline = text.indexOf('\n');
        final var line = newline < 0 ? text : text.substring(0, newline) + " ...";
        return line.length() <= ERROR_WIDTH ? line : line.substring(0, ERROR_WIDTH - 3) + "...";
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The text of {@link GobgpDriver#render} and of a sync's read-back: gobgpd's BMP stations as GoBGP users write
 * them in gobgpd.toml ({@code [[bmp-servers]]} blocks, sorted by address and port, a blank line between them), then
 * the AddBmp calls that set the same stations through the API, which is what the driver uses. The calls are TOML
 * comments, so the whole text is a valid gobgpd.toml fragment; the text of no station is empty.
 *
 * <p>A read-back shows a station the driver did not add itself with its address and port only, and says so, because
 * ListBmp reports nothing else.
 */
final class GobgpText {
    /** Between the blocks and the calls. */
    static final String API_HEADER = "# As gRPC calls; bmpfleet sets the stations through gobgpd's API, not through "
        + "this file:\n";

    private static final String UNKNOWN_TOML = "    # not added by bmpfleet: route-monitoring-policy, "
        + "statistics-timeout, sys-name and sys-descr unknown\n";
    private static final String UNKNOWN_CALL = " (not added by bmpfleet: policy, statistics-timeout, sys-name, "
        + "sys-descr unknown)";

    private GobgpText() {
        // static only
    }

    /**
     * The text of stations whose settings are all known: the rendering of an intent.
     *
     * @param stations the AddBmp calls, in address order
     * @return their blocks and calls
     */
    static String of(final Collection<StationConfig> stations) {
        final var blocks = stations.stream().map(StationConfig::tomlBlock).toList();
        final var calls = stations.stream().map(StationConfig::addLine).toList();
        return text(blocks, calls);
    }

    /**
     * The text of the stations gobgpd has, with the settings the driver added them with where it knows them.
     *
     * @param found the stations ListBmp reported
     * @param known what the driver added stations with
     * @return their blocks and calls, in address order
     */
    static String readBack(final Collection<StationAddress> found, final Map<StationAddress, StationConfig> known) {
        final var stations = new TreeSet<>(found);
        final var blocks = stations.stream().map(station -> {
            final StationConfig config = known.get(station);
            return config != null ? config.tomlBlock() : station.tomlBlockStart() + UNKNOWN_TOML;
        }).toList();
        final var calls = stations.stream().map(station -> {
            final StationConfig config = known.get(station);
            return config != null ? config.addLine()
                : "AddBmp address=" + station.address() + " port=" + station.port() + UNKNOWN_CALL;
        }).toList();
        return text(blocks, calls);
    }

    private static String text(final List<String> blocks, final List<String> calls) {
        if (blocks.isEmpty()) {
            return "";
        }
        final var text = new StringBuilder(String.join("\n", blocks)).append('\n').append(API_HEADER);
        for (var call : calls) {
            text.append("# ").append(call).append('\n');
        }
        return text.toString();
    }
}

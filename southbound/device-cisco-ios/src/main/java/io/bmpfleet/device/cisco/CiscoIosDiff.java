/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco;

import io.bmpfleet.device.cisco.IosBmpConfig.Key;
import io.bmpfleet.device.cisco.IosBmpConfig.Server;
import io.bmpfleet.device.cisco.IosBmpConfig.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The configuration-mode commands that turn one BMP configuration into another, touching only what differs and
 * only BMP lines. The commands are those typed in router configuration mode ({@code router bgp AS}), in this
 * order:
 * <ol>
 *   <li>{@code no neighbor X bmp-activate ...} for activations that go or change (a changed activation is
 *       removed first, so the new line means the same whether IOS replaces or adds to the server list);</li>
 *   <li>{@code no bmp server N} for servers that go;</li>
 *   <li>per new or changed server, by number: {@code bmp server N}, its new or changed settings in the seed's
 *       order (activate, address, description, failure-retry-delay, flapping-delay, initial-delay, set ip dscp,
 *       stats-reporting-period, update-source), {@code no <old line>} for settings that go,
 *       {@code exit-bmp-server-mode};</li>
 *   <li>{@code bmp initial-refresh ...}, {@code bmp buffer-size ...} (or their {@code no} forms);</li>
 *   <li>{@code neighbor X bmp-activate ...} for new or changed activations.</li>
 * </ol>
 * A changed single-valued setting is sent as its new line alone: IOS replaces the old value.
 */
public final class CiscoIosDiff {
    private CiscoIosDiff() {
        // Static methods only.
    }

    /**
     * The commands that bring {@code observed} to {@code desired}.
     *
     * @param desired what the device must carry
     * @param observed what it carries
     * @return the router configuration mode commands, in order; empty when they are the same
     */
    public static List<String> commands(final IosBmpConfig desired, final IosBmpConfig observed) {
        final var out = new ArrayList<String>();
        for (var had : observed.neighbors()) {
            final var wanted = desired.neighbor(had.neighbor());
            if (wanted == null || !wanted.line().equals(had.line())) {
                out.add("no " + had.line());
            }
        }
        for (var had : observed.servers()) {
            if (desired.server(had.id()) == null) {
                out.add("no " + had.header());
            }
        }
        for (var wanted : desired.servers()) {
            final var had = observed.server(wanted.id());
            final var changes = serverChanges(wanted, had);
            if (had == null || !changes.isEmpty()) {
                out.add(wanted.header());
                out.addAll(changes);
                out.add("exit-bmp-server-mode");
            }
        }
        global(out, desired.initialRefreshLine(), observed.initialRefreshLine());
        global(out, desired.bufferSizeLine(), observed.bufferSizeLine());
        for (var wanted : desired.neighbors()) {
            final var had = observed.neighbor(wanted.neighbor());
            if (had == null || !wanted.line().equals(had.line())) {
                out.add(wanted.line());
            }
        }
        return out;
    }

    private static List<String> serverChanges(final Server wanted, final Server had) {
        final var out = new ArrayList<String>();
        for (var key : Key.values()) {
            final var want = wanted.setting(key);
            final var have = had == null ? null : had.setting(key);
            if (want != null && (have == null || !want.line().equals(have.line()))) {
                out.add(want.command());
            } else if (want == null && have != null) {
                out.add("no " + have.line());
            }
        }
        return out;
    }

    private static void global(final List<String> out, final String wanted, final String had) {
        if (wanted != null && !wanted.equals(had)) {
            out.add(wanted);
        } else if (wanted == null && had != null) {
            out.add("no " + had);
        }
    }

    /**
     * What differs between two configurations, in words, for error messages.
     *
     * @param desired what the device must carry
     * @param observed what it carries
     * @return one entry per difference; empty when they are the same
     */
    public static List<String> differences(final IosBmpConfig desired, final IosBmpConfig observed) {
        final var out = new ArrayList<String>();
        for (var had : observed.servers()) {
            if (desired.server(had.id()) == null) {
                out.add("unexpected '" + had.header() + "'");
            }
        }
        for (var wanted : desired.servers()) {
            final var had = observed.server(wanted.id());
            if (had == null) {
                out.add("missing '" + wanted.header() + "'");
                continue;
            }
            for (var key : Key.values()) {
                final var want = lineOf(wanted.setting(key));
                final var have = lineOf(had.setting(key));
                if (!Objects.equals(want, have)) {
                    out.add(wanted.header() + ": expected " + quoted(want) + ", found " + quoted(have));
                }
            }
        }
        compare(out, desired.initialRefreshLine(), observed.initialRefreshLine());
        compare(out, desired.bufferSizeLine(), observed.bufferSizeLine());
        for (var had : observed.neighbors()) {
            final var wanted = desired.neighbor(had.neighbor());
            compare(out, wanted == null ? null : wanted.line(), had.line());
        }
        for (var wanted : desired.neighbors()) {
            if (observed.neighbor(wanted.neighbor()) == null) {
                compare(out, wanted.line(), null);
            }
        }
        return out;
    }

    private static void compare(final List<String> out, final String wanted, final String had) {
        if (!Objects.equals(wanted, had)) {
            out.add("expected " + quoted(wanted) + ", found " + quoted(had));
        }
    }

    private static String lineOf(final Setting setting) {
        return setting == null ? null : setting.line();
    }

    private static String quoted(final String line) {
        return line == null ? "nothing" : "'" + line + "'";
    }
}

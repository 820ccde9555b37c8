/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Station;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshDelay;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshSkip;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SyncStatus;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.peer.Statistic;

/**
 * {@code bmp:server-summary}, as {@code show ip bgp bmp server summary}: the fleet's figures, then one line per
 * station of the intent. A station that is one of the controller's own listeners shows what the collector sees of
 * it (Up or Down, sessions, messages, uptime, last statistics); another shows {@code Remote} (its sessions end
 * elsewhere), a deactivated one {@code Inactive}, a passive one {@code Passive}. Devices counts the enabled devices
 * whose targets send to the station.
 */
public final class ServerSummary {
    private static final long MEGABYTE = 1024 * 1024;

    private ServerSummary() {
        // static only
    }

    /**
     * The summary.
     *
     * @param fleet the fleet now
     * @return the lines
     */
    public static List<String> lines(final Fleet fleet) {
        final var intent = fleet.intent();
        final var devices = fleet.devices();
        final long neighbors = devices.stream().mapToLong(d -> d.nonnullNeighbor().size()).sum();
        final long inSync = devices.stream().map(d -> fleet.status(d.getName().getValue()))
            .filter(s -> s.isPresent() && s.orElseThrow().getSyncStatus() == SyncStatus.InSync).count();
        final var up = fleet.routers().stream().filter(Fleet::up).toList();
        final long peersUp = up.stream().mapToLong(r -> r.nonnullPeer().values().stream()
            .filter(p -> p.getState() == SessionState.Up).count()).sum();
        final long buffered = fleet.routers().stream()
            .mapToLong(r -> r.getBufferBytes() == null ? 0 : r.getBufferBytes().longValue()).sum();
        final long refused = fleet.sessionFigures().map(s -> s.getRefusedConnections())
            .map(c -> c.getValue().longValue()).orElse(0L);

        final var out = new ArrayList<String>();
        out.add("Number of BMP servers configured: " + fleet.stations().size());
        out.add("Number of BMP neighbors configured: " + neighbors);
        out.add("Number of devices configured: " + devices.size() + ", in sync: " + inSync);
        out.add("Number of router sessions up: " + up.size() + ", peers up: " + peersUp + ", refused connections: "
            + refused);
        out.add(initialRefresh(intent.orElse(null)));
        out.add(bufferSize(intent.orElse(null)) + ", buffer size bytes used " + megabytes(buffered));
        out.add("");
        final var table = new Columns("ID", "Host/Net", "Port", "Status", "Devices", "Sessions", "MsgRcvd", "Uptime",
            "LastStat");
        for (var station : fleet.stations()) {
            row(fleet, station, table);
        }
        out.addAll(table.lines());
        final var exposure = fleet.sessionFigures().map(s -> s.getExposure()).orElse(null);
        if (exposure != null && exposure.getOpenDoor() != null) {
            out.add("");
            exposure.getOpenDoor().stream().sorted().forEach(door -> out.add("Open door: " + door
                + " takes BMP from any source (set collector allowed-source)"));
        }
        return out;
    }

    private static void row(final Fleet fleet, final Station station, final Columns table) {
        final var host = Fleet.passive(station) ? station.getListenAddress() : station.getAddress();
        final int devices = fleet.devicesSendingTo(station).size();
        if (!Fleet.activated(station) || Fleet.passive(station) || fleet.ownListener(station).isEmpty()) {
            final var status = !Fleet.activated(station) ? "Inactive" : Fleet.passive(station) ? "Passive" : "Remote";
            table.row(Fleet.id(station), Addresses.text(host), Fleet.port(station), status, devices, null, null, null,
                null);
            return;
        }
        final var up = fleet.sessionsOf(station).stream().filter(Fleet::up).toList();
        final long messages = up.stream().mapToLong(ServerSummary::messages).sum();
        final var since = up.stream().map(r -> Elapsed.instant(r.getUpSince())).filter(Objects::nonNull)
            .min(Comparator.naturalOrder()).orElse(null);
        table.row(Fleet.id(station), Addresses.text(host), Fleet.port(station), up.isEmpty() ? "Down" : "Up",
            devices, up.size(), up.isEmpty() ? null : messages, since == null ? null
                : Elapsed.format(Duration.between(since, fleet.now())), lastStats(up, fleet.now()));
    }

    /**
     * All BMP messages a session received.
     *
     * @param router the session
     * @return the count
     */
    static long messages(final Router router) {
        return router.nonnullMessageCounter().values().stream()
            .mapToLong(c -> c.getMessages() == null ? 0 : c.getMessages().getValue().longValue()).sum();
    }

    /**
     * How long ago the latest Statistics Report of these sessions arrived.
     *
     * @param routers the sessions
     * @param now the time of the command
     * @return the time, or null when none arrived
     */
    static String lastStats(final List<Router> routers, final Instant now) {
        return routers.stream().flatMap(r -> r.nonnullPeer().values().stream())
            .flatMap(p -> p.nonnullStatistic().values().stream()).map(Statistic::getReceived)
            .map(Elapsed::instant).filter(Objects::nonNull).max(Comparator.naturalOrder())
            .map(latest -> Elapsed.format(Duration.between(latest, now))).orElse(null);
    }

    /**
     * The intent's initial refresh, as IOS words it.
     *
     * @param intent the intent, or null
     * @return the line
     */
    static String initialRefresh(final Bmpfleet intent) {
        final var global = intent == null ? null : intent.getGlobal();
        if (global != null && global.getInitialRefresh() instanceof InitialRefreshDelay delay) {
            return "Initial Refresh Delay configured, refresh value " + delay.getInitialRefreshDelay().getValue()
                + "s";
        }
        if (global != null && global.getInitialRefresh() instanceof InitialRefreshSkip) {
            return "Initial Refresh skip configured";
        }
        return "Initial Refresh not configured";
    }

    static String bufferSize(final Bmpfleet intent) {
        final var global = intent == null ? null : intent.getGlobal();
        return global != null && global.getBufferSize() != null
            ? "BMP buffer size configured, buffer size " + global.getBufferSize() + " MB"
            : "BMP buffer size not configured";
    }

    static String megabytes(final long bytes) {
        return bytes > 0 && bytes < MEGABYTE ? "<1 MB" : bytes / MEGABYTE + " MB";
    }
}

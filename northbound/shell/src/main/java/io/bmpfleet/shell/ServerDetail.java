/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Station;

/**
 * {@code bmp:server N}, as {@code show ip bgp bmp server N}: the station's settings as the intent has them, the
 * targets and devices that send to it, and, when it is one of the controller's own listeners, the router sessions
 * that reached it.
 */
public final class ServerDetail {
    private ServerDetail() {
        // static only
    }

    /**
     * One station.
     *
     * @param fleet the fleet now
     * @param id the station's number
     * @return the lines
     */
    public static List<String> lines(final Fleet fleet, final int id) {
        final var found = fleet.station(id);
        if (found.isEmpty()) {
            final var ids = fleet.stations().stream().map(s -> String.valueOf(Fleet.id(s))).toList();
            return List.of("% No BMP server " + id + " configured" + (ids.isEmpty() ? ""
                : " (configured: " + String.join(", ", ids) + ")"));
        }
        final var station = found.orElseThrow();
        final var listener = fleet.ownListener(station);
        final var sessions = fleet.sessionsOf(station);
        final var up = sessions.stream().filter(Fleet::up).toList();

        final var out = new ArrayList<String>();
        out.add("Print detailed info for 1 server number " + id + ".");
        out.add("");
        out.add("bmp server " + id);
        if (Fleet.passive(station)) {
            out.add("listen-address: " + Addresses.text(station.getListenAddress()) + "    port "
                + Fleet.port(station));
            out.add("connection-mode passive");
        } else {
            out.add("address: " + Addresses.text(station.getAddress()) + "    port " + Fleet.port(station));
        }
        if (station.getDescription() != null) {
            out.add("description " + station.getDescription());
        }
        up.stream().map(r -> Elapsed.instant(r.getUpSince())).filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .ifPresent(since -> out.add("up time " + Elapsed.format(Duration.between(since, fleet.now()))));
        settings(station, out);
        out.add(Fleet.activated(station) ? "activated" : "deactivated");
        final var targets = fleet.targetsOf(station);
        out.add("targets " + (targets.isEmpty() ? "none" : String.join(" ", targets)));
        final var devices = fleet.devicesSendingTo(station).stream().map(d -> d.getName().getValue()).toList();
        out.add("devices " + (devices.isEmpty() ? "none" : String.join(" ", devices)));
        if (listener.isEmpty()) {
            out.add("not one of the controller's collector listeners: its sessions end elsewhere");
            return out;
        }
        final var own = listener.orElseThrow();
        out.add("collector listener " + own.getName().getValue() + " (" + (own.getAddress() == null ? "0.0.0.0"
            : Addresses.text(own.getAddress())) + " port " + Fleet.port(station) + ")");
        out.add("sessions " + up.size() + " up, " + (sessions.size() - up.size()) + " down");
        if (!sessions.isEmpty()) {
            out.add("");
            final var table = new Columns("Router", "sysName", "Device", "State", "Uptime", "MsgRcvd", "LastStat");
            for (var router : sessions) {
                final boolean isUp = Fleet.up(router);
                table.row(RouterName.of(router), router.getSysName(), router.getDevice(),
                    RouterList.state(router), isUp ? Elapsed.since(router.getUpSince(), fleet.now()) : null,
                    ServerSummary.messages(router), ServerSummary.lastStats(List.of(router), fleet.now()));
            }
            out.addAll(table.lines());
        }
        return out;
    }

    private static void settings(final Station station, final List<String> out) {
        if (station.getInitialDelay() != null) {
            out.add("initial-delay " + station.getInitialDelay().getValue());
        }
        if (station.getFailureRetryDelay() != null) {
            out.add("failure-retry-delay " + station.getFailureRetryDelay().getValue());
        }
        if (station.getFlappingDelay() != null) {
            out.add("flapping-delay " + station.getFlappingDelay().getValue());
        }
        if (station.getMinRetry() != null) {
            out.add("min-retry " + station.getMinRetry().getValue() + " ms");
        }
        if (station.getMaxRetry() != null) {
            out.add("max-retry " + station.getMaxRetry().getValue() + " ms");
        }
        if (station.getDscp() != null) {
            out.add("set ip dscp " + station.getDscp().getValue());
        }
        if (station.getStatsReportingPeriod() != null) {
            out.add("stats-reporting-period " + station.getStatsReportingPeriod());
        }
        if (station.getUpdateSource() != null) {
            out.add("update-source " + station.getUpdateSource());
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco.sim;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulated router's BGP configuration as far as BMP goes: {@code router bgp AS}, its BMP servers, the
 * router-wide BMP settings and the neighbor activations. Guarded by its own monitor: every access holds it.
 */
final class IosConfigModel {
    /** One {@code bmp server N}; null leaves are unset. */
    static final class Server {
        String address;
        int port;
        String description;
        Integer initialDelay;
        Integer failureRetryDelay;
        Integer flappingDelay;
        Integer statsReportingPeriod;
        String updateSource;
        Integer dscp;
        boolean activate;
    }

    Long bgpAs;
    final TreeMap<Integer, Server> servers = new TreeMap<>();
    Long bufferSize;
    Integer refreshDelay;
    boolean refreshSkip;
    /** Neighbor to its activated servers; an empty set means {@code all}. In configuration order. */
    final Map<String, TreeSet<Integer>> activations = new LinkedHashMap<>();
    /** Neighbors given a {@code remote-as}. */
    final Set<String> neighbors = new HashSet<>();

    /**
     * What {@code show running-config | section bmp} prints: settings in IOS's fixed order, sub-mode lines
     * indented by one blank.
     */
    String sectionBmp() {
        final var out = new StringBuilder();
        for (var entry : servers.entrySet()) {
            final var server = entry.getValue();
            out.append("bmp server ").append(entry.getKey()).append('\n');
            if (server.address != null) {
                out.append(" address ").append(server.address).append(" port-number ").append(server.port)
                    .append('\n');
            }
            line(out, "description", server.description);
            line(out, "initial-delay", server.initialDelay);
            line(out, "failure-retry-delay", server.failureRetryDelay);
            line(out, "flapping-delay", server.flappingDelay);
            line(out, "stats-reporting-period", server.statsReportingPeriod);
            line(out, "update-source", server.updateSource);
            line(out, "set ip dscp", server.dscp);
            if (server.activate) {
                out.append(" activate\n");
            }
            out.append(" exit-bmp-server-mode\n");
        }
        if (bufferSize != null) {
            out.append("bmp buffer-size ").append(bufferSize).append('\n');
        }
        if (refreshSkip) {
            out.append("bmp initial-refresh skip\n");
        } else if (refreshDelay != null) {
            out.append("bmp initial-refresh delay ").append(refreshDelay).append('\n');
        }
        for (var entry : activations.entrySet()) {
            out.append("neighbor ").append(entry.getKey()).append(" bmp-activate");
            if (entry.getValue().isEmpty()) {
                out.append(" all");
            } else {
                for (var id : entry.getValue()) {
                    out.append(" server ").append(id);
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void line(final StringBuilder out, final String keyword, final Object value) {
        if (value != null) {
            out.append(' ').append(keyword).append(' ').append(value).append('\n');
        }
    }

    /**
     * What {@code show ip bgp bmp server summary} prints, in the seed's layout. No station is ever connected: the
     * simulator opens no BMP session, so every server is Down.
     */
    String summary() {
        final var out = new StringBuilder("\n");
        out.append("Number of BMP servers configured: ").append(servers.size()).append('\n');
        out.append("Number of BMP neighbors configured: ").append(activations.size()).append('\n');
        out.append("Number of neighbors on TransitionQ: 0, MonitoringQ: 0, ConfigQ: 0\n");
        out.append("Number of BMP servers on StatsQ: 0\n");
        out.append("BMP Refresh not in progress, refresh not scheduled\n");
        if (refreshSkip) {
            out.append("Initial Refresh Skip configured\n");
        } else if (refreshDelay != null) {
            out.append("Initial Refresh Delay configured, refresh value ").append(refreshDelay).append("s\n");
        }
        if (bufferSize != null) {
            out.append("BMP buffer size configured, buffer size ").append(bufferSize)
                .append(" MB, buffer size bytes used 0 MB\n");
        }
        out.append("\nID Host/Net      Port  TCB      Status  Uptime   MsgSent  LastStat\n");
        for (var entry : servers.entrySet()) {
            final var server = entry.getValue();
            out.append(String.format("%-3s%-15s%-6s%-9s%-8s%-10s%s%n", entry.getKey(),
                server.address == null ? "" : server.address, server.address == null ? "" : server.port, "0x0",
                "Down", "0", "0").replace(System.lineSeparator(), "\n"));
        }
        return out.toString();
    }
}

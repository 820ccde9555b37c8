/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr.sim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulated bgpd's running configuration, as far as the simulator keeps one: the host name, one
 * {@code router bgp} instance (no VRFs) with its router-id, neighbors by address with their remote-as,
 * per-address-family {@code activate} and {@code soft-reconfiguration inbound}, and the BMP module's state
 * ({@code bmp mirror buffer-limit}, {@code bmp targets}). {@link #text()} writes it as FRR 8.4.4's
 * {@code show running-config} does, in its order: address families in bgpd's fixed order, targets sorted by name,
 * within a target the access lists, statistics, mirroring, monitoring per AFI/SAFI, listeners by address and
 * port (each after a line of one blank, as bgpd writes it), connects by host name and port.
 *
 * <p>Not thread-safe: the simulator serialises the vtysh calls on it, as bgpd runs one command at a time.
 */
final class BgpdConfig {
    static final long DEFAULT_MIN_RETRY = 30_000;
    static final long DEFAULT_MAX_RETRY = 720_000;
    static final long DEFAULT_STATS_INTERVAL = 60_000;
    static final int PRE_POLICY = 1;
    static final int POST_POLICY = 2;

    /** The order in which bgpd writes its address-family blocks. */
    static final List<String> FAMILIES = List.of("ipv4 unicast", "ipv4 multicast", "ipv4 labeled-unicast",
        "ipv4 vpn", "ipv4 flowspec", "ipv6 unicast", "ipv6 multicast", "ipv6 labeled-unicast", "ipv6 vpn",
        "ipv6 flowspec", "l2vpn evpn");

    /** FRR's AFI numbers of the {@code bmp monitor} words, and SAFI numbers, the order it writes them in. */
    static final List<String> MONITOR_AFIS = List.of("", "ipv4", "ipv6", "l2vpn");
    static final List<String> MONITOR_SAFIS = List.of("", "unicast", "multicast", "vpn", "", "evpn");

    /** C's strcmp on the UTF-8 bytes: the order of bgpd's sorted lists of names. */
    static final Comparator<String> BYTES = (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));

    /** One neighbor's settings in one address family. */
    static final class PeerFamily {
        /** Explicit {@code [no] neighbor X activate}, or null for the default (active in ipv4 unicast only). */
        Boolean activate;
        boolean softReconfiguration;
    }

    /** A {@code bmp listener}. */
    record Listener(String address, int port) implements Comparable<Listener> {
        @Override
        public int compareTo(final Listener other) {
            final int byAddress = InetText.ORDER.compare(address, other.address);
            return byAddress != 0 ? byAddress : Integer.compare(port, other.port);
        }
    }

    /** A {@code bmp connect} as bgpd finds it: by host name and port. */
    record ActiveKey(String host, int port) implements Comparable<ActiveKey> {
        @Override
        public int compareTo(final ActiveKey other) {
            final int byHost = BYTES.compare(host, other.host);
            return byHost != 0 ? byHost : Integer.compare(port, other.port);
        }
    }

    /** A {@code bmp connect}'s settings. */
    static final class Active {
        long minRetry = DEFAULT_MIN_RETRY;
        long maxRetry = DEFAULT_MAX_RETRY;
        String sourceInterface;
    }

    /** One {@code bmp targets} block. */
    static final class Targets {
        String ipv4AccessList;
        String ipv6AccessList;
        long statsInterval;
        boolean mirror;
        final int[][] monitor = new int[MONITOR_AFIS.size()][MONITOR_SAFIS.size()];
        final TreeSet<Listener> listeners = new TreeSet<>();
        final TreeMap<ActiveKey, Active> actives = new TreeMap<>();
    }

    String hostname;
    Long as;
    String routerId;
    /** Neighbor address (canonical) to its remote-as word. */
    final Map<String, String> neighbors = new TreeMap<>(InetText.ORDER);
    /** Address family ({@code ipv4 unicast}) to neighbor address to its settings there. */
    final Map<String, Map<String, PeerFamily>> families = new LinkedHashMap<>();
    Long mirrorBufferLimit;
    final Map<String, Targets> targets = new TreeMap<>(BYTES);

    BgpdConfig(final String hostname) {
        this.hostname = hostname;
    }

    /** Removes the {@code router bgp} instance and everything in it. */
    void removeBgp() {
        as = null;
        routerId = null;
        neighbors.clear();
        families.clear();
        mirrorBufferLimit = null;
        targets.clear();
    }

    /**
     * The settings of a neighbor in an address family, created on first use.
     *
     * @param family e.g. {@code ipv4 unicast}
     * @param peer the neighbor's canonical address
     * @return the settings
     */
    PeerFamily peer(final String family, final String peer) {
        return families.computeIfAbsent(family, f -> new TreeMap<>(InetText.ORDER))
            .computeIfAbsent(peer, p -> new PeerFamily());
    }

    /**
     * What {@code show running-config} prints.
     *
     * @return the text, lines ending in a newline
     */
    String text() {
        final var out = new StringBuilder(512).append("""
            Building configuration...

            Current configuration:
            !
            frr version 8.4.4
            frr defaults traditional
            """);
        out.append("hostname ").append(hostname).append("\nservice integrated-vtysh-config\n!\n");
        if (as != null) {
            bgp(out);
            out.append("!\n");
        }
        return out.append("end\n").toString();
    }

    private void bgp(final StringBuilder out) {
        out.append("router bgp ").append(as).append('\n');
        if (routerId != null) {
            out.append(" bgp router-id ").append(routerId).append('\n');
        }
        neighbors.forEach((peer, remote) -> out.append(" neighbor ").append(peer).append(" remote-as ")
            .append(remote).append('\n'));
        for (var family : FAMILIES) {
            final var peers = families.get(family);
            if (peers == null) {
                continue;
            }
            final var lines = new StringBuilder();
            peers.forEach((peer, settings) -> {
                if (family.equals("ipv4 unicast") ? Boolean.FALSE.equals(settings.activate)
                        : Boolean.TRUE.equals(settings.activate)) {
                    lines.append(Boolean.FALSE.equals(settings.activate) ? "  no" : " ").append(" neighbor ")
                        .append(peer).append(" activate\n");
                }
                if (settings.softReconfiguration) {
                    lines.append("  neighbor ").append(peer).append(" soft-reconfiguration inbound\n");
                }
            });
            if (!lines.isEmpty()) {
                out.append(" !\n address-family ").append(family).append('\n').append(lines)
                    .append(" exit-address-family\n");
            }
        }
        if (mirrorBufferLimit != null) {
            out.append(" !\n bmp mirror buffer-limit ").append(mirrorBufferLimit).append('\n');
        }
        targets.forEach((name, target) -> {
            out.append(" !\n bmp targets ").append(name).append('\n');
            target(out, target);
            out.append(" exit\n");
        });
        out.append("exit\n");
    }

    private static void target(final StringBuilder out, final Targets target) {
        if (target.ipv6AccessList != null) {
            out.append("  ipv6 access-list ").append(target.ipv6AccessList).append('\n');
        }
        if (target.ipv4AccessList != null) {
            out.append("  ip access-list ").append(target.ipv4AccessList).append('\n');
        }
        if (target.statsInterval != 0) {
            out.append("  bmp stats interval ").append(target.statsInterval).append('\n');
        }
        if (target.mirror) {
            out.append("  bmp mirror\n");
        }
        for (int afi = 1; afi < MONITOR_AFIS.size(); afi++) {
            for (int safi = 1; safi < MONITOR_SAFIS.size(); safi++) {
                final int bits = target.monitor[afi][safi];
                // bgpd 8.4 writes every AFI but IPv4 as "ipv6": 'l2vpn evpn' reads back as 'ipv6 evpn'.
                final var prefix = "  bmp monitor " + (afi == 1 ? "ipv4" : "ipv6") + " " + MONITOR_SAFIS.get(safi);
                if ((bits & PRE_POLICY) != 0) {
                    out.append(prefix).append(" pre-policy\n");
                }
                if ((bits & POST_POLICY) != 0) {
                    out.append(prefix).append(" post-policy\n");
                }
            }
        }
        for (var listener : target.listeners) {
            out.append(" \n  bmp listener ").append(listener.address()).append(" port ").append(listener.port())
                .append('\n');
        }
        target.actives.forEach((key, active) -> {
            out.append("  bmp connect ").append(key.host()).append(" port ").append(key.port()).append(" min-retry ")
                .append(active.minRetry).append(" max-retry ").append(active.maxRetry);
            if (active.sourceInterface != null) {
                out.append(" source-interface ").append(active.sourceInterface);
            }
            out.append('\n');
        });
    }
}

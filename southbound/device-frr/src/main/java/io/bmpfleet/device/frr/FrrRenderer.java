/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr;

import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Family;
import io.bmpfleet.device.DeviceIntent.Rib;
import io.bmpfleet.device.DeviceIntent.Station;
import io.bmpfleet.device.DeviceIntent.Target;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders a device's intent as the BMP part of FRR 8.4's {@code show running-config}: {@code router bgp AS} with
 * the instance's {@code bmp mirror buffer-limit}, the soft-reconfiguration pre-policy monitoring needs (without it
 * FRR sends only withdrawals), and one {@code bmp targets} block per target, in FRR's canonical form (both retries
 * of every {@code bmp connect}); {@link FrrConfig#text()} writes it in bgpd's own order ({@link FrrOrder}).
 *
 * <p>What FRR 8.4 cannot carry (Loc-RIB, Adj-RIB-Out, labeled unicast, per-neighbor station selection, Cisco's
 * timers) is skipped here; the intent compiler lists it in the device's status.
 */
final class FrrRenderer {
    /** FRR's defaults for the {@code bmp connect} backoff, which it always writes back. */
    static final long DEFAULT_MIN_RETRY = 30_000;
    static final long DEFAULT_MAX_RETRY = 720_000;

    // Not l2vpn evpn: bgpd 8.4 takes 'bmp monitor l2vpn evpn ...' but writes it back as 'bmp monitor ipv6 evpn ...',
    // which a restarted bgpd reads as IPv6/EVPN; the read-back never matches (PlatformSupport reports it).
    private static final Set<Family> MONITORED = EnumSet.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST,
        Family.IPV4_MULTICAST, Family.IPV6_MULTICAST, Family.IPV4_VPN, Family.IPV6_VPN);

    private FrrRenderer() {
        // static only
    }

    /**
     * The device's BMP configuration as FRR would hold it.
     *
     * @param intent the device's intent
     * @return the configuration; {@link FrrConfig#text()} prints it as {@code show running-config} does
     */
    static FrrConfig render(final DeviceIntent intent) {
        final var prePolicyFamilies = new TreeSet<String>();
        for (var target : intent.targets()) {
            target.monitoring().forEach((family, ribs) -> {
                if (MONITORED.contains(family) && ribs.contains(Rib.ADJ_RIB_IN_PRE_POLICY)) {
                    prePolicyFamilies.add(family.afi() + " " + family.safi());
                }
            });
        }
        final var soft = new LinkedHashMap<String, Set<String>>();
        for (var family : prePolicyFamilies) {
            final var neighbors = new TreeSet<String>();
            for (var activation : intent.activations()) {
                if (activation.softReconfigurationInbound()) {
                    neighbors.add(activation.selector());
                }
            }
            if (!neighbors.isEmpty()) {
                soft.put(family, neighbors);
            }
        }
        final var targets = new LinkedHashMap<String, Set<String>>();
        for (var target : intent.targets()) {
            targets.put(target.name(), targetLines(intent, target));
        }
        return new FrrConfig(intent.bgpAs(), intent.global().mirrorBufferLimit(), targets, soft);
    }

    /** One target's lines (FrrConfig.text() puts them in the order FRR 8.4 writes them). */
    private static Set<String> targetLines(final DeviceIntent intent, final Target target) {
        final var lines = new LinkedHashSet<String>();
        if (target.ipv6AccessList() != null) {
            lines.add("ipv6 access-list " + target.ipv6AccessList());
        }
        if (target.ipv4AccessList() != null) {
            lines.add("ip access-list " + target.ipv4AccessList());
        }
        final var interval = statsInterval(intent, target);
        if (interval != null) {
            lines.add("bmp stats interval " + interval);
        }
        if (target.mirroring()) {
            lines.add("bmp mirror");
        }
        for (var family : Family.values()) {
            final var ribs = target.monitoring().get(family);
            if (ribs == null || !MONITORED.contains(family)) {
                continue;
            }
            final var prefix = "bmp monitor " + family.afi() + " " + family.safi();
            if (ribs.contains(Rib.ADJ_RIB_IN_PRE_POLICY)) {
                lines.add(prefix + " pre-policy");
            }
            if (ribs.contains(Rib.ADJ_RIB_IN_POST_POLICY)) {
                lines.add(prefix + " post-policy");
            }
        }
        for (var id : target.stations()) {
            final var station = intent.station(id);
            if (station != null && station.activate() && station.passive()) {
                lines.add("bmp listener " + station.listenAddress() + " port " + station.port());
            }
        }
        for (var id : target.stations()) {
            final var station = intent.station(id);
            if (station != null && station.activate() && !station.passive()) {
                lines.add(connect(station));
            }
        }
        return lines;
    }

    private static String connect(final Station station) {
        final long min = station.minRetryMs() == null ? DEFAULT_MIN_RETRY : station.minRetryMs();
        final long max = station.maxRetryMs() == null ? Math.max(min, DEFAULT_MAX_RETRY) : station.maxRetryMs();
        return "bmp connect " + station.address() + " port " + station.port() + " min-retry " + min + " max-retry "
            + max + (station.updateSource() == null ? "" : " source-interface " + station.updateSource());
    }

    /**
     * The target's statistics interval in ms: its own, else the shortest stats-reporting-period of its stations
     * (seconds), else none (no {@code bmp stats} line).
     */
    private static Long statsInterval(final DeviceIntent intent, final Target target) {
        if (target.statsIntervalMs() != null) {
            return target.statsIntervalMs();
        }
        Long shortest = null;
        for (var id : target.stations()) {
            final var station = intent.station(id);
            if (station != null && station.statsReportingPeriod() != null) {
                final long ms = station.statsReportingPeriod() * 1000L;
                shortest = shortest == null ? ms : Math.min(shortest, ms);
            }
        }
        return shortest;
    }
}

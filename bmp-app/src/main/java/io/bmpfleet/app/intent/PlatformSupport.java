/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.AddressFamily;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.CiscoIos;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Frr;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Gobgp;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.NetconfIetfBmp;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Global;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Station;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.StationKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Target;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.TargetKey;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.neighbor.activation.All;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.target.RouteMonitoring;

/**
 * What a device's platform cannot carry of the intent that applies to it, and why. The facts come from the
 * platforms' own documents (shared/seeds and shared/design/VENDOR-CONFIG.md): FRR 8.4 (Debian bookworm),
 * GoBGP 3.x's gRPC API, the Cisco IOS BMP configuration guide.
 *
 * <p>The result is reported in the device's operational status; nothing is dropped silently.
 */
public final class PlatformSupport {
    /** GoBGP's route-monitoring-policy values, as the sets of RIBs each one reports. */
    private static final Map<Set<Rib>, String> GOBGP_POLICIES = Map.of(
        EnumSet.of(Rib.AdjRibInPrePolicy), "pre-policy",
        EnumSet.of(Rib.AdjRibInPostPolicy), "post-policy",
        EnumSet.of(Rib.AdjRibInPrePolicy, Rib.AdjRibInPostPolicy), "both",
        EnumSet.of(Rib.LocRib), "local-rib",
        EnumSet.of(Rib.AdjRibInPrePolicy, Rib.AdjRibInPostPolicy, Rib.LocRib), "all");

    private PlatformSupport() {
        // static only
    }

    /**
     * Lists what of the intent the device's platform cannot carry.
     *
     * @param device the device
     * @param intent the whole intent, for the device's targets and their stations
     * @return unsupported items in a stable order, keyed by a readable path into the intent
     */
    public static List<UnsupportedItem> unsupported(final Device device, final Bmpfleet intent) {
        final var items = new LinkedHashMap<String, String>();
        final var platform = device.getPlatform();
        final var targets = targetsOf(device, intent);
        final var stations = stationsOf(targets, intent);
        if (platform instanceof Frr) {
            frr(device, intent.getGlobal(), targets, stations, items);
        } else if (platform instanceof Gobgp) {
            gobgp(device, intent.getGlobal(), targets, stations, items);
        } else if (platform instanceof CiscoIos) {
            cisco(device, intent.getGlobal(), targets, stations, items);
        } else if (platform instanceof NetconfIetfBmp) {
            items.put("device " + device.getName().getValue(), "bmpfleet has no NETCONF (ietf-bmp) driver yet");
        }
        final var out = new ArrayList<UnsupportedItem>(items.size());
        items.forEach((item, reason) -> out.add(new UnsupportedItem(item, reason)));
        return out;
    }

    private static void frr(final Device device, final Global global, final List<Target> targets,
            final List<Station> stations, final Map<String, String> items) {
        for (var target : targets) {
            for (var monitoring : monitoringInFamilyOrder(target)) {
                final var family = monitoring.getAddressFamily();
                final var where = targetPath(target) + "/" + family.getName();
                if (family == AddressFamily.Ipv4LabeledUnicast || family == AddressFamily.Ipv6LabeledUnicast) {
                    items.put(where, "FRR monitors unicast, multicast, vpn and evpn only");
                } else if (family == AddressFamily.L2vpnEvpn) {
                    items.put(where, "FRR 8.4 writes 'bmp monitor l2vpn evpn' back as 'bmp monitor ipv6 evpn',"
                        + " which a restarted bgpd reads as IPv6/EVPN: not pushed");
                }
                for (var rib : ribs(monitoring.getRib())) {
                    switch (rib) {
                        case LocRib -> items.put(where + "/loc-rib",
                            "FRR 8.4 has no 'bmp monitor ... loc-rib' (FRR 10 adds it)");
                        case AdjRibOutPrePolicy, AdjRibOutPostPolicy -> items.put(where + "/" + rib.getName(),
                            "FRR does not monitor the Adj-RIB-Out");
                        default -> {
                            // pre-policy and post-policy are FRR's own
                        }
                    }
                }
            }
        }
        for (var station : stations) {
            final var where = stationPath(station);
            timersAndDscp(station, where, "FRR has no equivalent (it backs off with min-retry/max-retry)", items);
        }
        neighborSelection(device, "FRR monitors every neighbor of a target", items);
        globalRouterKnobs(global, "FRR has no equivalent", items);
        initiation(device, "FRR sends its host name and version in the Initiation message", items);
    }

    private static void gobgp(final Device device, final Global global, final List<Target> targets,
            final List<Station> stations, final Map<String, String> items) {
        for (var target : targets) {
            final var tpath = targetPath(target);
            Set<Rib> first = null;
            for (var monitoring : monitoringInFamilyOrder(target)) {
                final var ribs = ribs(monitoring.getRib());
                if (first == null) {
                    first = ribs;
                } else if (!first.equals(ribs)) {
                    items.put(tpath + "/" + monitoring.getAddressFamily().getName(),
                        "GoBGP's route-monitoring-policy applies to all address families at once");
                }
                if (!GOBGP_POLICIES.containsKey(ribs)) {
                    items.put(tpath + "/" + monitoring.getAddressFamily().getName() + "/rib",
                        "GoBGP reports pre-policy, post-policy, both, local-rib or all of them; not " + ribs);
                }
            }
            if (first != null && target.nonnullRouteMonitoring().size() < AddressFamily.values().length) {
                items.put(tpath + "/route-monitoring", "GoBGP monitors every address family; it cannot select some");
            }
            if (Boolean.TRUE.equals(target.getRouteMirroring())) {
                items.put(tpath + "/route-mirroring", "GoBGP's AddBmp API has no route mirroring setting");
            }
            final var interval = target.getStatsInterval();
            if (interval != null) {
                final long ms = interval.toJava();
                if (ms % 1000 != 0 || ms < 15_000 || ms > 65_535_000) {
                    items.put(tpath + "/stats-interval",
                        "GoBGP's statistics-timeout takes whole seconds from 15 to 65535, not " + ms + " ms");
                }
            }
            accessLists(target, "GoBGP has no BMP access lists", items);
        }
        for (var station : stations) {
            final var where = stationPath(station);
            timersAndDscp(station, where, "GoBGP has no equivalent", items);
            retries(station, where, "GoBGP retries at a fixed interval", items);
            if (station.getConnectionMode() == Station.ConnectionMode.Passive) {
                items.put(where + "/connection-mode", "GoBGP only connects to stations; it cannot listen");
            }
            final var period = station.getStatsReportingPeriod();
            if (period != null && period.toJava() < 15) {
                items.put(where + "/stats-reporting-period", "GoBGP's statistics-timeout is at least 15 seconds");
            }
        }
        neighborSelection(device, "GoBGP monitors every neighbor", items);
        globalRouterKnobs(global, "GoBGP has no equivalent", items);
    }

    private static void cisco(final Device device, final Global global, final List<Target> targets,
            final List<Station> stations, final Map<String, String> items) {
        for (var target : targets) {
            final var tpath = targetPath(target);
            for (var monitoring : target.nonnullRouteMonitoring().values()) {
                final var family = monitoring.getAddressFamily();
                for (var rib : ribs(monitoring.getRib())) {
                    if (rib != Rib.AdjRibInPrePolicy) {
                        items.put(tpath + "/" + family.getName() + "/" + rib.getName(),
                            "Cisco IOS 'bmp server' reports the Adj-RIB-In pre-policy only");
                    }
                }
            }
            if (Boolean.TRUE.equals(target.getRouteMirroring())) {
                items.put(tpath + "/route-mirroring", "Cisco IOS 'bmp server' has no route mirroring");
            }
            final var interval = target.getStatsInterval();
            if (interval != null) {
                final long ms = interval.toJava();
                if (ms % 1000 != 0 || ms > 3_600_000) {
                    items.put(tpath + "/stats-interval",
                        "Cisco IOS stats-reporting-period takes whole seconds from 1 to 3600, not " + ms + " ms");
                }
            }
            accessLists(target, "Cisco IOS 'bmp server' has no access lists", items);
        }
        for (var station : stations) {
            final var where = stationPath(station);
            retries(station, where, "Cisco IOS uses failure-retry-delay and flapping-delay", items);
            if (station.getConnectionMode() == Station.ConnectionMode.Passive) {
                items.put(where + "/connection-mode", "Cisco IOS only connects to BMP servers; it cannot listen");
            }
        }
        if (global != null && global.getMirrorBufferLimit() != null) {
            items.put("global/mirror-buffer-limit", "Cisco IOS has no route mirroring");
        }
        initiation(device, "Cisco IOS sends its own sysName and sysDescr", items);
    }

    private static void timersAndDscp(final Station station, final String where, final String reason,
            final Map<String, String> items) {
        if (station.getInitialDelay() != null) {
            items.put(where + "/initial-delay", reason);
        }
        if (station.getFailureRetryDelay() != null) {
            items.put(where + "/failure-retry-delay", reason);
        }
        if (station.getFlappingDelay() != null) {
            items.put(where + "/flapping-delay", reason);
        }
        if (station.getDscp() != null) {
            items.put(where + "/dscp", reason);
        }
    }

    private static void retries(final Station station, final String where, final String reason,
            final Map<String, String> items) {
        if (station.getMinRetry() != null) {
            items.put(where + "/min-retry", reason);
        }
        if (station.getMaxRetry() != null) {
            items.put(where + "/max-retry", reason);
        }
        if (station.getUpdateSource() != null && reason.startsWith("GoBGP")) {
            items.put(where + "/update-source", "GoBGP cannot choose the BMP session's source");
        }
    }

    private static void accessLists(final Target target, final String reason, final Map<String, String> items) {
        if (target.getIpv4AccessList() != null) {
            items.put(targetPath(target) + "/ipv4-access-list", reason);
        }
        if (target.getIpv6AccessList() != null) {
            items.put(targetPath(target) + "/ipv6-access-list", reason);
        }
    }

    private static void neighborSelection(final Device device, final String reason, final Map<String, String> items) {
        for (var neighbor : device.nonnullNeighbor().values()) {
            if (!(neighbor.getActivation() instanceof All)) {
                items.put("device " + device.getName().getValue() + "/neighbor " + IntentValidator.selectorText(
                    neighbor) + "/station", reason + "; selecting stations per neighbor is not possible");
            }
        }
    }

    private static void globalRouterKnobs(final Global global, final String reason, final Map<String, String> items) {
        if (global == null) {
            return;
        }
        if (global.getBufferSize() != null) {
            items.put("global/buffer-size", reason);
        }
        if (global.getInitialRefresh() != null) {
            items.put("global/initial-refresh", reason);
        }
    }

    private static void initiation(final Device device, final String reason, final Map<String, String> items) {
        if (device.getInitiation() != null
            && (device.getInitiation().getSysName() != null || device.getInitiation().getSysDescr() != null)) {
            items.put("device " + device.getName().getValue() + "/initiation", reason);
        }
    }

    private static List<RouteMonitoring> monitoringInFamilyOrder(final Target target) {
        return target.nonnullRouteMonitoring().values().stream()
            .sorted(Comparator.comparing(RouteMonitoring::getAddressFamily))
            .toList();
    }

    private static Set<Rib> ribs(final Set<Rib> ribs) {
        return ribs == null || ribs.isEmpty() ? EnumSet.noneOf(Rib.class) : EnumSet.copyOf(ribs);
    }

    /**
     * The targets a device carries, in the order the device names them; unknown names are skipped (the
     * validator refuses them).
     */
    public static List<Target> targetsOf(final Device device, final Bmpfleet intent) {
        final var names = device.getTarget();
        if (names == null) {
            return List.of();
        }
        final var all = intent.nonnullTarget();
        return names.stream().map(name -> all.get(new TargetKey(name))).filter(t -> t != null).toList();
    }

    /** The stations of some targets, each once, in station order. */
    public static List<Station> stationsOf(final List<Target> targets, final Bmpfleet intent) {
        final var all = intent.nonnullStation();
        return targets.stream()
            .flatMap(t -> t.getStation() == null ? java.util.stream.Stream.empty() : t.getStation().stream())
            .distinct()
            .map(id -> all.get(new StationKey(id)))
            .filter(s -> s != null)
            .sorted((a, b) -> Integer.compare(a.getId().getValue().toJava(), b.getId().getValue().toJava()))
            .toList();
    }

    private static String targetPath(final Target target) {
        return "target " + target.getName().getValue();
    }

    private static String stationPath(final Station station) {
        return "station " + station.getId().getValue();
    }
}

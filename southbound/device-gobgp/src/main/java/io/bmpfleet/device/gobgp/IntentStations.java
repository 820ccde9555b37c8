/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Rib;
import io.bmpfleet.device.DeviceIntent.Station;
import io.bmpfleet.device.DeviceIntent.Target;
import io.bmpfleet.device.gobgp.apipb.AddBmpRequest.MonitoringPolicy;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a {@link DeviceIntent} asks of gobgpd: one AddBmp per active station of the device's targets. GoBGP has one
 * monitoring policy per station, not per target or family, so the RIBs of all families of all targets that report
 * to a station are merged. What GoBGP cannot carry (passive stations, route mirroring, access lists, Adj-RIB-Out) is
 * reported by the intent compiler and skipped here.
 */
final class IntentStations {
    /** GoBGP keeps the statistics timeout as a 16-bit number of seconds. */
    private static final int MAX_STATISTICS_TIMEOUT = 65_535;

    private IntentStations() {
        // static only
    }

    /**
     * The AddBmp calls that make up the intent, by station.
     *
     * @param intent the device's intent
     * @return the stations' settings, sorted by address and port
     */
    static NavigableMap<StationAddress, StationConfig> of(final DeviceIntent intent) {
        final Map<StationAddress, Set<Rib>> ribs = new HashMap<>();
        final Map<StationAddress, Integer> timeouts = new HashMap<>();
        for (var target : intent.targets()) {
            final Set<Rib> targetRibs = ribsOf(target);
            for (var id : target.stations()) {
                final Station station = intent.station(id);
                if (station == null || station.passive() || !station.activate() || station.address() == null) {
                    continue;
                }
                final var address = new StationAddress(station.address(), station.port());
                ribs.computeIfAbsent(address, key -> EnumSet.noneOf(Rib.class)).addAll(targetRibs);
                final int timeout = statisticsTimeout(target, station);
                // The station reports as often as the most demanding of its targets asks for.
                timeouts.merge(address, timeout, IntentStations::mergeTimeout);
            }
        }

        final var initiation = intent.initiation();
        final var result = new TreeMap<StationAddress, StationConfig>();
        for (var entry : ribs.entrySet()) {
            final var address = entry.getKey();
            result.put(address, new StationConfig(address, policy(entry.getValue()), timeouts.get(address),
                initiation.sysName(), initiation.sysDescr()));
        }
        return Collections.unmodifiableNavigableMap(result);
    }

    /**
     * The monitoring policy that reports a set of RIBs. A set GoBGP has no policy for gets the smallest one that
     * covers it (pre-policy and Loc-RIB: all).
     *
     * @param ribs the RIBs to report
     * @return the policy; pre-policy, GoBGP's default, when the set names no Adj-RIB-In or Loc-RIB
     */
    static MonitoringPolicy policy(final Set<Rib> ribs) {
        final boolean pre = ribs.contains(Rib.ADJ_RIB_IN_PRE_POLICY);
        final boolean post = ribs.contains(Rib.ADJ_RIB_IN_POST_POLICY);
        if (ribs.contains(Rib.LOC_RIB)) {
            return pre || post ? MonitoringPolicy.ALL : MonitoringPolicy.LOCAL;
        }
        if (pre && post) {
            return MonitoringPolicy.BOTH;
        }
        return post ? MonitoringPolicy.POST : MonitoringPolicy.PRE;
    }

    private static Set<Rib> ribsOf(final Target target) {
        final Set<Rib> ribs = EnumSet.noneOf(Rib.class);
        if (target.monitoring() != null) {
            for (var familyRibs : target.monitoring().values()) {
                if (familyRibs != null) {
                    ribs.addAll(familyRibs);
                }
            }
        }
        return ribs;
    }

    /**
     * The StatisticsTimeout of one target's station: the target's stats interval, else the station's reporting
     * period, else none.
     */
    private static int statisticsTimeout(final Target target, final Station station) {
        final Long intervalMs = target.statsIntervalMs();
        if (intervalMs != null && intervalMs > 0) {
            return (int) Math.min(MAX_STATISTICS_TIMEOUT, Math.max(1, intervalMs / 1000));
        }
        final Integer period = station.statsReportingPeriod();
        if (period != null && period > 0) {
            return Math.min(MAX_STATISTICS_TIMEOUT, period);
        }
        return 0;
    }

    private static Integer mergeTimeout(final Integer first, final Integer second) {
        if (first == 0) {
            return second;
        }
        return second == 0 ? first : Math.min(first, second);
    }
}

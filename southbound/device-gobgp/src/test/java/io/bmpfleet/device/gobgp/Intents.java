/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Family;
import io.bmpfleet.device.DeviceIntent.Initiation;
import io.bmpfleet.device.DeviceIntent.Rib;
import io.bmpfleet.device.DeviceIntent.Station;
import io.bmpfleet.device.DeviceIntent.Target;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small intents for the driver's tests. */
final class Intents {
    static final Set<Rib> PRE = Set.of(Rib.ADJ_RIB_IN_PRE_POLICY);
    static final Set<Rib> POST = Set.of(Rib.ADJ_RIB_IN_POST_POLICY);
    static final Set<Rib> ALL = Set.of(Rib.ADJ_RIB_IN_PRE_POLICY, Rib.ADJ_RIB_IN_POST_POLICY, Rib.LOC_RIB);

    private Intents() {
        // static helpers
    }

    static Station active(final int id, final String address, final int port) {
        return new Station(id, null, false, address, port, null, true, null, null, null, null, null, null, null,
            null);
    }

    static Station active(final int id, final String address, final int port, final Integer statsPeriod) {
        return new Station(id, null, false, address, port, null, true, null, null, null, null, null, null,
            statsPeriod, null);
    }

    static Station passive(final int id, final int port) {
        return new Station(id, null, true, null, port, "127.0.0.1", true, null, null, null, null, null, null, null,
            null);
    }

    static Target target(final String name, final List<Integer> stations, final Set<Rib> ribs,
            final Long statsIntervalMs) {
        return new Target(name, stations, Map.of(Family.IPV4_UNICAST, ribs), statsIntervalMs, false, null, null);
    }

    static DeviceIntent intent(final List<Station> stations, final List<Target> targets) {
        return intent(stations, targets, Initiation.NONE);
    }

    static DeviceIntent intent(final List<Station> stations, final List<Target> targets,
            final Initiation initiation) {
        return new DeviceIntent("gobgp-1", 65001, null, stations, targets, List.of(), initiation, null);
    }

    static DeviceIntent empty() {
        return intent(List.of(), List.of());
    }
}

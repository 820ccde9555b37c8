/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.NameString;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RetryMilliseconds;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.StationId;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Collector;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Station;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Target;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.collector.Dial;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.collector.Listener;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.collector.TcpMd5;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.Neighbor;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.neighbor.activation.All;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.target.RouteMonitoring;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;

/**
 * Checks the rules of {@code bmpfleet-intent.yang} that OpenDaylight's datastore does not enforce by itself:
 * leafrefs, {@code must} (with the model's own error-message), {@code unique} and {@code min-elements}. The
 * datastore and RESTCONF already refuse bad types, ranges and patterns; everything else is here, once.
 *
 * <p>A pure function of the intent, so the commit cohort, the tests and any tool give the same verdict.
 */
public final class IntentValidator {
    /** The YANG defaults of collector/dial min-retry and max-retry, in milliseconds. */
    static final long DIAL_MIN_RETRY_DEFAULT = 1000;
    static final long DIAL_MAX_RETRY_DEFAULT = 60000;

    private IntentValidator() {
        // static only
    }

    /**
     * Validates a whole intent.
     *
     * @param intent the candidate {@code /bmpfleet} container, or {@code null} for an empty intent
     * @return the violations, in a stable order; empty when the intent is valid
     */
    public static List<IntentViolation> validate(final Bmpfleet intent) {
        final var out = new ArrayList<IntentViolation>();
        if (intent == null) {
            return out;
        }
        final var stations = intent.nonnullStation();
        for (var station : stations.values()) {
            checkStation(station, out);
        }
        final var targets = intent.nonnullTarget();
        for (var target : targets.values()) {
            checkTarget(target, stations.keySet().stream().map(k -> k.getId()).toList(), out);
        }
        final Map<String, Set<StationId>> stationsOfTarget = new HashMap<>();
        for (var target : targets.values()) {
            final var ids = target.getStation();
            stationsOfTarget.put(target.getName().getValue(), ids == null ? Set.of() : ids);
        }
        for (var device : intent.nonnullDevice().values()) {
            checkDevice(device, stationsOfTarget, out);
        }
        final var collector = intent.getCollector();
        if (collector != null) {
            checkCollector(collector, out);
        }
        return out;
    }

    private static void checkStation(final Station station, final List<IntentViolation> out) {
        final var path = "/bmpfleet/station[id='" + station.getId().getValue() + "']";
        final boolean passive = station.getConnectionMode() == Station.ConnectionMode.Passive;
        if (!passive && station.getAddress() == null) {
            out.add(new IntentViolation(path + "/address", "an active station needs an address"));
        }
        if (passive && station.getListenAddress() == null) {
            out.add(new IntentViolation(path + "/listen-address", "a passive station needs a listen-address"));
        }
        if (passive && station.getAddress() != null) {
            out.add(new IntentViolation(path + "/address",
                "address is the station's address for an active station; a passive station takes listen-address"));
        }
        if (!passive && station.getListenAddress() != null) {
            out.add(new IntentViolation(path + "/listen-address", "listen-address is only for a passive station"));
        }
        if (station.getMinRetry() != null && station.getMaxRetry() != null) {
            checkRetry(path, millis(station.getMinRetry(), 0), millis(station.getMaxRetry(), 0), out);
        }
    }

    private static long millis(final RetryMilliseconds value, final long absent) {
        return value == null ? absent : value.getValue().toJava();
    }

    private static void checkRetry(final String path, final long min, final long max,
            final List<IntentViolation> out) {
        if (max < min) {
            out.add(new IntentViolation(path + "/max-retry",
                "max-retry must not be smaller than min-retry (" + max + " < " + min + ")"));
        }
    }

    private static void checkTarget(final Target target, final List<StationId> knownStations,
            final List<IntentViolation> out) {
        final var path = "/bmpfleet/target[name='" + target.getName().getValue() + "']";
        final var ids = target.getStation();
        if (ids == null || ids.isEmpty()) {
            out.add(new IntentViolation(path + "/station", "a target needs at least one station"));
        } else {
            for (var id : ids) {
                if (!knownStations.contains(id)) {
                    out.add(new IntentViolation(path + "/station",
                        "station " + id.getValue() + " does not exist (known: " + sorted(knownStations) + ")"));
                }
            }
        }
        for (RouteMonitoring monitoring : target.nonnullRouteMonitoring().values()) {
            final var ribs = monitoring.getRib();
            if (ribs == null || ribs.isEmpty()) {
                out.add(new IntentViolation(path + "/route-monitoring[address-family='"
                    + monitoring.getAddressFamily().getName() + "']/rib", "route monitoring needs at least one rib"));
            }
        }
    }

    private static void checkDevice(final Device device, final Map<String, Set<StationId>> stationsOfTarget,
            final List<IntentViolation> out) {
        final var path = "/bmpfleet/device[name='" + device.getName().getValue() + "']";
        if (device.getPlatform() == null) {
            out.add(new IntentViolation(path + "/platform", "a device needs a platform"));
        }
        if (device.getBgpAs() == null) {
            out.add(new IntentViolation(path + "/bgp-as", "a device needs its BGP AS"));
        }
        if (device.getManagement() == null || device.getManagement().getAddress() == null) {
            out.add(new IntentViolation(path + "/management/address", "a device needs a management address"));
        }
        final var deviceStations = new TreeSet<Integer>();
        final var targets = device.getTarget();
        if (targets != null) {
            for (NameString target : targets) {
                final var ids = stationsOfTarget.get(target.getValue());
                if (ids == null) {
                    out.add(new IntentViolation(path + "/target", "target " + target.getValue()
                        + " does not exist (known: " + new TreeSet<>(stationsOfTarget.keySet()) + ")"));
                } else {
                    ids.forEach(id -> deviceStations.add(id.getValue().toJava()));
                }
            }
        }
        for (Neighbor neighbor : device.nonnullNeighbor().values()) {
            final var npath = path + "/neighbor[selector='" + selectorText(neighbor) + "']";
            final var activation = neighbor.getActivation();
            if (activation instanceof All) {
                if (deviceStations.isEmpty()) {
                    out.add(new IntentViolation(npath + "/all",
                        "bmp-activate all needs at least one target with a station on the device"));
                }
            } else if (activation
                instanceof org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.neighbor
                    .activation.Station selected) {
                final var ids = selected.getStation();
                if (ids == null || ids.isEmpty()) {
                    out.add(new IntentViolation(npath + "/station", "name at least one station, or all"));
                    continue;
                }
                for (var id : ids) {
                    if (!deviceStations.contains(id.getValue().toJava())) {
                        out.add(new IntentViolation(npath + "/station", "station " + id.getValue()
                            + " is not a station of the device's targets " + deviceStations
                            + ": a neighbor may only report to a station of one of the device's targets"));
                    }
                }
            } else {
                out.add(new IntentViolation(npath, "a neighbor needs all or station"));
            }
        }
    }

    private static void checkCollector(final Collector collector, final List<IntentViolation> out) {
        final var seen = new HashMap<String, String>();
        for (Listener listener : collector.nonnullListener().values()) {
            final var endpoint = addressText(listener.getAddress(), "0.0.0.0") + " port "
                + (listener.getPort() == null ? 11019 : listener.getPort().getValue().toJava());
            final var previous = seen.putIfAbsent(endpoint, listener.getName().getValue());
            if (previous != null) {
                out.add(new IntentViolation("/bmpfleet/collector/listener[name='" + listener.getName().getValue()
                    + "']/port", "listeners " + previous + " and " + listener.getName().getValue()
                    + " both bind " + endpoint + " (address and port must be unique)"));
            }
        }
        for (TcpMd5 md5 : collector.nonnullTcpMd5().values()) {
            if (md5.getCredentials() == null) {
                out.add(new IntentViolation("/bmpfleet/collector/tcp-md5[router='" + addressText(md5.getRouter(), "")
                    + "']/credentials", "a TCP-MD5 entry needs the credentials whose password is its key"));
            }
        }
        for (Dial dial : collector.nonnullDial().values()) {
            final var dpath = "/bmpfleet/collector/dial[name='" + dial.getName().getValue() + "']";
            if (dial.getAddress() == null) {
                out.add(new IntentViolation(dpath + "/address", "a dialled router needs an address"));
            }
            if (dial.getPort() == null) {
                out.add(new IntentViolation(dpath + "/port", "a dialled router needs a port"));
            }
            // The YANG defaults take part: a min-retry above the default max-retry is refused too.
            checkRetry(dpath,
                millis(dial.getMinRetry(), DIAL_MIN_RETRY_DEFAULT), millis(dial.getMaxRetry(), DIAL_MAX_RETRY_DEFAULT),
                out);
        }
    }

    public static String selectorText(final Neighbor neighbor) {
        final var selector = neighbor.getSelector();
        return selector.getIpAddress() != null ? addressText(selector.getIpAddress(), "")
            : selector.getNameString().getValue();
    }

    public static String addressText(final IpAddress address, final String absent) {
        if (address == null) {
            return absent;
        }
        return address.getIpv4Address() != null ? address.getIpv4Address().getValue()
            : address.getIpv6Address().getValue();
    }

    private static List<Integer> sorted(final List<StationId> ids) {
        return ids.stream().map(id -> id.getValue().toJava()).sorted().toList();
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import io.bmpfleet.app.intent.IntentValidator;
import io.bmpfleet.app.intent.OwnStations;
import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Family;
import io.bmpfleet.device.DeviceIntent.Rib;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Collector;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;

/**
 * Intent against observation: for each device, what the intent asks of it (a BMP session to each of the
 * controller's own stations, the activated neighbors reporting, route monitoring in the RIBs and families asked)
 * held against the router sessions the collector published last ({@link io.bmpfleet.app.api.MonitoringState}, each
 * session associated with its device by the collector, see {@code DeviceMatcher}); no datastore read. Missing
 * items are reported only once a device is past its grace period after a push; unasked ones always.
 */
final class Observation {
    /** What one device is expected to show, and whether its grace period is over. */
    record Expected(String name, DeviceIntent desired, boolean due) {
    }

    /** What was found for one device. */
    record Result(Set<String> routers, Map<String, String> missing, Map<String, String> unasked) {
        static final Result NONE = new Result(Set.of(), Map.of(), Map.of());
    }

    private final Supplier<List<Router>> sessions;

    /**
     * An observer of the collector's sessions.
     *
     * @param sessions the router sessions as the collector last published them
     */
    Observation(final Supplier<List<Router>> sessions) {
        this.sessions = sessions;
    }

    /**
     * Compares every device with the router sessions the collector published last.
     *
     * @param intent the whole intent (for the collector's listeners)
     * @param expected the devices
     * @return a result per device
     */
    Map<String, Result> observe(final Bmpfleet intent, final List<Expected> expected) {
        final List<Router> routers = sessions.get();
        final var own = ownStations(intent.getCollector(), OwnStations.LOCAL_ADDRESS);
        final var byDevice = new HashMap<String, List<Router>>();
        for (var router : routers) {
            if (router.getDevice() != null) {
                byDevice.computeIfAbsent(router.getDevice(), d -> new java.util.ArrayList<>()).add(router);
            }
        }
        final var out = new HashMap<String, Result>();
        for (var device : expected) {
            out.put(device.name(), compare(device, byDevice.getOrDefault(device.name(), List.of()), own));
        }
        return out;
    }

    /**
     * Which of a device's stations are the controller's own ({@link OwnStations}).
     *
     * @param collector the intent's collector
     * @param local which addresses are this host's
     * @return the test
     */
    static Predicate<DeviceIntent.Station> ownStations(final Collector collector, final Predicate<InetAddress> local) {
        return station -> {
            InetAddress address;
            try {
                address = station.address() == null ? null : InetAddress.getByName(station.address());
            } catch (UnknownHostException e) {
                address = null;
            }
            return OwnStations.listener(collector, address, station.port(), local).isPresent();
        };
    }

    static Result compare(final Expected device, final List<Router> sessions,
            final Predicate<DeviceIntent.Station> own) {
        final var up = sessions.stream().filter(r -> r.getState() == SessionState.Up).toList();
        final var names = new TreeSet<String>();
        up.forEach(r -> names.add(IntentValidator.addressText(r.getAddress(), "?") + " "
            + r.getPort().getValue()));
        final var missing = new TreeMap<String, String>();
        final var unasked = new TreeMap<String, String>();
        final var desired = device.desired();
        if (desired == null) {
            return new Result(names, missing, unasked);
        }
        // Sessions: one per active station that is this controller's own collector.
        final var ownPorts = new HashSet<Integer>();
        for (var station : desired.stations()) {
            if (!station.activate() || station.passive() || !own.test(station)) {
                continue;
            }
            ownPorts.add(station.port());
            final boolean seen = up.stream().anyMatch(r -> r.getLocalPort() != null
                && r.getLocalPort().getValue().toJava() == station.port());
            if (!seen && device.due()) {
                missing.put("station " + station.id() + "/session", "no BMP session from this device reached the"
                    + " collector's " + station.address() + ":" + station.port());
            }
        }
        for (var session : up) {
            final int port = session.getLocalPort() == null ? -1 : session.getLocalPort().getValue().toJava();
            if (!ownPorts.contains(port)) {
                unasked.put("session " + IntentValidator.addressText(session.getAddress(), "?") + " "
                    + session.getPort().getValue(), "a BMP session to the collector's port " + port
                    + ", which is no station of this device's targets");
            }
        }
        // Neighbors asked to report: some session must carry the peer.
        final var peers = new HashSet<String>();
        final var reported = new HashMap<String, Set<String>>();
        for (var session : up) {
            for (var peer : session.nonnullPeer().values()) {
                peers.add(IntentValidator.addressText(peer.getPeerAddress(), "").toLowerCase(Locale.ROOT));
                for (var count : peer.nonnullRouteCount().values()) {
                    if (count.getRoutes() != null && count.getRoutes().longValue() > 0) {
                        reported.computeIfAbsent(count.getAddressFamily(), f -> new TreeSet<>())
                            .add(count.getRib().getName());
                    }
                }
            }
        }
        for (var activation : desired.activations()) {
            final var selector = activation.selector().toLowerCase(Locale.ROOT);
            if (looksLikeAddress(selector) && !peers.contains(selector) && device.due() && !up.isEmpty()) {
                missing.put("neighbor " + activation.selector(), "no BMP session of this device reports peer "
                    + activation.selector() + " (no Peer Up and no routes for it)");
            }
        }
        // RIBs: routes of a family in a RIB no target asks for are unasked; a RIB asked for while the family's
        // routes arrive only in others is missing.
        final var asked = new HashMap<String, Set<String>>();
        for (var target : desired.targets()) {
            target.monitoring().forEach((family, ribs) -> ribs.forEach(rib ->
                asked.computeIfAbsent(familyName(family), f -> new TreeSet<>()).add(ribName(rib))));
        }
        reported.forEach((family, ribs) -> {
            for (var rib : ribs) {
                if (!asked.getOrDefault(family, Set.of()).contains(rib)) {
                    unasked.put(family + "/" + rib, "routes arrive in " + rib + " for " + family
                        + ", which no target of this device asks for");
                }
            }
            if (device.due()) {
                for (var rib : asked.getOrDefault(family, Set.of())) {
                    if (!ribs.contains(rib)) {
                        missing.put(family + "/" + rib, family + " routes arrive in " + String.join(", ", ribs)
                            + " but none in " + rib);
                    }
                }
            }
        });
        return new Result(names, missing, unasked);
    }

    static String familyName(final Family family) {
        return family.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String ribName(final Rib rib) {
        return rib.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean looksLikeAddress(final String selector) {
        return selector.indexOf(':') >= 0 || selector.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import io.bmpfleet.app.intent.OwnStations;
import io.bmpfleet.app.push.IntentCompiler;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Station;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.collector.Listener;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;

/**
 * What one command shows, read once when it runs: the intent (stations, targets, devices, the collector's
 * listeners), the device status, and the router sessions of the collector's last publication round with their
 * summary figures.
 */
public final class Fleet {
    /** The addresses of this host's interfaces, loopback and wildcard included. */
    public static final Predicate<InetAddress> LOCAL_ADDRESS = OwnStations.LOCAL_ADDRESS;

    private static final Comparator<Router> SESSION_ORDER = Comparator
        .comparing((Router r) -> Addresses.of(r.getAddress()), Comparator.nullsLast(Addresses.ORDER))
        .thenComparingInt(r -> r.getPort() == null ? 0 : r.getPort().getValue().toJava());

    private final Bmpfleet intent;
    private final Map<String, org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device>
        status;
    private final List<Router> routers;
    private final Summary sessions;
    private final Instant now;
    private final Predicate<InetAddress> localAddress;

    /**
     * A fleet as read now.
     *
     * @param intent the intent, null when none was written
     * @param status the device status by name
     * @param routers the router sessions
     * @param sessions the summary's session figures, null before the collector's first round
     * @param now when the command runs
     * @param localAddress which addresses are this host's (a station there is one of the controller's own)
     */
    public Fleet(final Bmpfleet intent,
            final Map<String, org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device>
                status, final List<Router> routers, final Summary sessions, final Instant now,
            final Predicate<InetAddress> localAddress) {
        this.intent = intent;
        this.status = Map.copyOf(status);
        this.routers = routers.stream().sorted(SESSION_ORDER).toList();
        this.sessions = sessions;
        this.now = now;
        this.localAddress = localAddress;
    }

    Instant now() {
        return now;
    }

    Optional<Bmpfleet> intent() {
        return Optional.ofNullable(intent);
    }

    Optional<Summary> sessionFigures() {
        return Optional.ofNullable(sessions);
    }

    /**
     * The router sessions, by address and port.
     *
     * @return the sessions
     */
    public List<Router> routers() {
        return routers;
    }

    /**
     * The intent's stations, by id.
     *
     * @return the stations
     */
    public List<Station> stations() {
        return intent == null ? List.of() : intent.nonnullStation().values().stream()
            .sorted(Comparator.comparingInt(Fleet::id)).toList();
    }

    Optional<Station> station(final int id) {
        return stations().stream().filter(s -> id(s) == id).findFirst();
    }

    /**
     * The intent's devices, by name.
     *
     * @return the devices
     */
    public List<Device> devices() {
        return intent == null ? List.of() : intent.nonnullDevice().values().stream()
            .sorted(Comparator.comparing(d -> d.getName().getValue())).toList();
    }

    Optional<org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Device> status(
            final String device) {
        return Optional.ofNullable(status.get(device));
    }

    Set<String> statusNames() {
        return status.keySet();
    }

    static int id(final Station station) {
        return station.getId().getValue().toJava();
    }

    static int port(final Station station) {
        return station.getPort() == null ? IntentCompiler.DEFAULT_STATION_PORT
            : station.getPort().getValue().intValue();
    }

    static boolean activated(final Station station) {
        return !Boolean.FALSE.equals(station.getActivate());
    }

    static boolean passive(final Station station) {
        return station.getConnectionMode() == Station.ConnectionMode.Passive;
    }

    static boolean enabled(final Device device) {
        return !Boolean.FALSE.equals(device.getEnabled());
    }

    /**
     * The listener of the controller's collector that an active station's routers connect to, if the station is
     * one of this host's addresses and a listener is open on its port.
     *
     * @param station the station
     * @return the listener
     */
    Optional<Listener> ownListener(final Station station) {
        if (intent == null || passive(station) || !activated(station)) {
            return Optional.empty();
        }
        return OwnStations.listener(intent.getCollector(), Addresses.of(station.getAddress()), port(station),
            localAddress);
    }

    /**
     * The router sessions that reached an own station: those to its listener's port (as the device status counts
     * them), up and down.
     *
     * @param station the station
     * @return the sessions; empty for a station that is not the controller's own
     */
    List<Router> sessionsOf(final Station station) {
        if (ownListener(station).isEmpty()) {
            return List.of();
        }
        final int port = port(station);
        return routers.stream().filter(r -> r.getLocalPort() != null
            && r.getLocalPort().getValue().toJava() == port).toList();
    }

    /**
     * The enabled devices that carry a target sending to the station.
     *
     * @param station the station
     * @return the devices, by name
     */
    List<Device> devicesSendingTo(final Station station) {
        final int id = id(station);
        return devices().stream().filter(Fleet::enabled).filter(d -> stationsOf(d).contains(id)).toList();
    }

    /**
     * The stations of a device's targets.
     *
     * @param device the device
     * @return their ids, ascending
     */
    Set<Integer> stationsOf(final Device device) {
        final var ids = new TreeSet<Integer>();
        if (intent == null || device.getTarget() == null) {
            return ids;
        }
        for (var name : device.getTarget()) {
            intent.nonnullTarget().values().stream().filter(t -> t.getName().equals(name))
                .filter(t -> t.getStation() != null)
                .forEach(t -> t.getStation().forEach(s -> ids.add(s.getValue().toJava())));
        }
        return ids;
    }

    /**
     * The targets that send to a station.
     *
     * @param station the station
     * @return their names, ascending
     */
    List<String> targetsOf(final Station station) {
        if (intent == null) {
            return List.of();
        }
        return intent.nonnullTarget().values().stream()
            .filter(t -> t.getStation() != null && t.getStation().contains(station.getId()))
            .map(t -> t.getName().getValue()).sorted().toList();
    }

    /**
     * The router sessions the collector matched to a device.
     *
     * @param device the device's name
     * @return the sessions
     */
    List<Router> routersOf(final String device) {
        return routers.stream().filter(r -> device.equals(r.getDevice())).toList();
    }

    static boolean up(final Router router) {
        return router.getState() == SessionState.Up;
    }
}

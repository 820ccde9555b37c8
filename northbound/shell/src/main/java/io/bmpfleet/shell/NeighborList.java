/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.Neighbor;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.neighbor.activation.Station;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.router.Peer;

/**
 * {@code bmp:neighbors}, as {@code show ip bgp bmp neighbors}: per device, each neighbor the intent activates, the
 * stations it is configured to report to (CfgSvr#) and those of them, among the controller's own, that a session of
 * the device reports it to (ActSvr#), the peer's state and routes as that session reports them, and the sessions.
 * A peer-group selector names no single peer: its Peer column reads {@code group}.
 */
public final class NeighborList {
    private static final Comparator<Neighbor> SELECTOR_ORDER = Comparator
        .comparing((Neighbor n) -> Addresses.of(n.getSelector().getIpAddress()),
            Comparator.nullsLast(Addresses.ORDER))
        .thenComparing(NeighborList::selector);

    private NeighborList() {
        // static only
    }

    /**
     * The neighbors of every device.
     *
     * @param fleet the fleet now
     * @return the lines
     */
    public static List<String> lines(final Fleet fleet) {
        final var devices = fleet.devices();
        final var out = new ArrayList<String>();
        out.add("Number of BMP neighbors configured: "
            + devices.stream().mapToLong(d -> d.nonnullNeighbor().size()).sum());
        out.add("");
        final var table = new Columns("Device", "Neighbor", "CfgSvr#", "ActSvr#", "Peer", "Routes", "Router");
        for (var device : devices) {
            final var sessions = fleet.routersOf(device.getName().getValue()).stream().filter(Fleet::up).toList();
            device.nonnullNeighbor().values().stream().sorted(SELECTOR_ORDER)
                .forEach(neighbor -> row(fleet, device, neighbor, sessions, table));
        }
        out.addAll(table.lines());
        return out;
    }

    private static void row(final Fleet fleet, final Device device, final Neighbor neighbor,
            final List<Router> sessions, final Columns table) {
        final var configured = configured(fleet, device, neighbor);
        final var name = device.getName().getValue();
        if (neighbor.getSelector().getIpAddress() == null) {
            table.row(name, selector(neighbor), ids(configured), null, "group", null, null);
            return;
        }
        final var active = new TreeSet<Integer>();
        final var reporting = new ArrayList<Router>();
        final var peers = new ArrayList<Peer>();
        for (var session : sessions) {
            final var matching = session.nonnullPeer().values().stream()
                .filter(p -> Addresses.of(p.getPeerAddress()) != null
                    && Addresses.of(p.getPeerAddress()).equals(Addresses.of(neighbor.getSelector().getIpAddress())))
                .toList();
            if (matching.isEmpty()) {
                continue;
            }
            reporting.add(session);
            peers.addAll(matching);
            fleet.stations().stream().filter(s -> configured.contains(Fleet.id(s)))
                .filter(s -> fleet.sessionsOf(s).contains(session)).forEach(s -> active.add(Fleet.id(s)));
        }
        final var state = peers.stream().map(Peer::getState).filter(s -> s == SessionState.Up).findFirst()
            .or(() -> peers.stream().map(Peer::getState).findFirst()).orElse(null);
        final long routes = peers.stream().flatMap(p -> p.nonnullRouteCount().values().stream())
            .mapToLong(c -> c.getRoutes() == null ? 0 : c.getRoutes().longValue()).sum();
        table.row(name, selector(neighbor), ids(configured), active.isEmpty() ? null : ids(active),
            peers.isEmpty() ? null : RouterList.state(state), peers.isEmpty() ? null : routes,
            reporting.isEmpty() ? null : reporting.stream().map(RouterName::of).collect(Collectors.joining(" ")));
    }

    /** The stations a neighbor is activated for: its own list, or for 'all' those of the device's targets. */
    private static Set<Integer> configured(final Fleet fleet, final Device device, final Neighbor neighbor) {
        if (neighbor.getActivation() instanceof Station stations && stations.getStation() != null) {
            return stations.getStation().stream().map(s -> s.getValue().toJava())
                .collect(Collectors.toCollection(TreeSet::new));
        }
        return fleet.stationsOf(device);
    }

    private static String ids(final Set<Integer> ids) {
        return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    private static String selector(final Neighbor neighbor) {
        final var selector = neighbor.getSelector();
        return selector.getIpAddress() != null ? Addresses.text(selector.getIpAddress())
            : selector.getNameString().getValue();
    }
}

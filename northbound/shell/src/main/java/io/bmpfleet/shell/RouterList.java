/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.SessionState;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;

/**
 * {@code bmp:routers}: the router sessions at the collector, one line each: the session ({@code ADDRESS:PORT}),
 * its Initiation sysName, the device it was matched to, its state and uptime, peers up of all, messages received
 * and messages that could not be decoded.
 */
public final class RouterList {
    private RouterList() {
        // static only
    }

    /**
     * The sessions.
     *
     * @param fleet the fleet now
     * @return the lines
     */
    public static List<String> lines(final Fleet fleet) {
        final var routers = fleet.routers();
        final var out = new ArrayList<String>();
        out.add("Number of router sessions: " + routers.size() + ", up: "
            + routers.stream().filter(Fleet::up).count());
        out.add("");
        final var table = new Columns("Router", "sysName", "Device", "State", "Uptime", "Peers", "MsgRcvd", "Errors");
        for (var router : routers) {
            final var peers = router.nonnullPeer().values();
            table.row(RouterName.of(router), router.getSysName(), router.getDevice(), state(router),
                Fleet.up(router) ? Elapsed.since(router.getUpSince(), fleet.now()) : null,
                peers.stream().filter(p -> p.getState() == SessionState.Up).count() + "/" + peers.size(),
                ServerSummary.messages(router),
                router.getDecodeErrors() == null ? 0 : router.getDecodeErrors().getValue());
        }
        out.addAll(table.lines());
        return out;
    }

    static String state(final Router router) {
        return state(router.getState());
    }

    /**
     * A session or peer state as IOS capitalises it: {@code Up}, {@code Down}.
     *
     * @param state the state, or null
     * @return the word
     */
    static String state(final SessionState state) {
        if (state == null) {
            return "-";
        }
        final var name = state.getName();
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}

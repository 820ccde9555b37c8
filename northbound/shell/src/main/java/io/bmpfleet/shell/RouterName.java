/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;

/**
 * How the console names a router session in one token: {@code ADDRESS:PORT}, {@code [IPV6]:PORT} (the session's
 * source address and port, as the collector knows it); the operator may also give the router's Initiation sysName or
 * its address alone when either names one session.
 */
public final class RouterName {
    private RouterName() {
        // static only
    }

    /**
     * The session's token.
     *
     * @param router the session
     * @return {@code ADDRESS:PORT} or {@code [IPV6]:PORT}
     */
    public static String of(final Router router) {
        final var address = Addresses.text(router.getAddress());
        final var port = router.getPort() == null ? "0" : router.getPort().getValue().toString();
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }

    /**
     * The sessions a token names: the session of that address and port; else the sessions whose sysName it is;
     * else the sessions from that address.
     *
     * @param routers all sessions
     * @param token what the operator typed
     * @return the sessions it names, usually one
     */
    public static List<Router> find(final Collection<Router> routers, final String token) {
        final var exact = routers.stream().filter(r -> of(r).equals(token) || sameSession(r, token)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        final var bySysName = routers.stream().filter(r -> token.equals(r.getSysName())).toList();
        if (!bySysName.isEmpty()) {
            return bySysName;
        }
        final var address = Addresses.parse(token);
        return address == null ? List.of()
            : routers.stream().filter(r -> address.equals(Addresses.of(r.getAddress()))).toList();
    }

    /**
     * The one session a token names, or what the operator should have typed.
     *
     * @param routers all sessions
     * @param token what the operator typed
     * @return the session, or the lines that say why there is none
     */
    public static Choice choose(final Collection<Router> routers, final String token) {
        final var found = find(routers, token);
        if (found.size() == 1) {
            return new Choice(found.get(0), List.of());
        }
        if (found.isEmpty()) {
            return new Choice(null, List.of("% No router session " + token + (routers.isEmpty() ? ""
                : "; sessions: " + String.join(" ", routers.stream().map(RouterName::of).toList()))));
        }
        return new Choice(null, List.of("% " + token + " names " + found.size() + " sessions: "
            + String.join(" ", found.stream().map(RouterName::of).toList()) + "; give ADDRESS:PORT"));
    }

    /**
     * A session chosen by token.
     *
     * @param router the session, null when there is none
     * @param error why there is none
     */
    public record Choice(Router router, List<String> error) {
    }

    private static boolean sameSession(final Router router, final String token) {
        final String host;
        final String port;
        if (token.startsWith("[")) {
            final int end = token.indexOf("]:");
            if (end < 0) {
                return false;
            }
            host = token.substring(1, end);
            port = token.substring(end + 2);
        } else {
            final int colon = token.indexOf(':');
            if (colon < 0 || colon != token.lastIndexOf(':')) {
                return false;
            }
            host = token.substring(0, colon);
            port = token.substring(colon + 1);
        }
        final InetAddress address = Addresses.parse(host);
        return address != null && address.equals(Addresses.of(router.getAddress())) && router.getPort() != null
            && router.getPort().getValue().toString().equals(port);
    }
}

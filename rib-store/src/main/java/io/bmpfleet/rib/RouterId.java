/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A monitored router's BMP session, identified by the address and port it comes from (RFC 7854 section 3.2: the
 * monitoring station knows a router by its session). The port matters: several routers behind one address (NAT,
 * loopback labs) and FRR's several {@code bmp targets} sessions to one station come from one address.
 *
 * @param address the router's address
 * @param port the session's source port, 0 where one router per address is certain
 */
public record RouterId(InetAddress address, int port) {
    public RouterId {
        requireNonNull(address);
    }

    /**
     * A router known by its address alone.
     *
     * @param address the router's address
     */
    public RouterId(final InetAddress address) {
        this(address, 0);
    }

    /**
     * The router of a BMP session: its remote address and source port.
     *
     * @param session the session's remote end
     * @return the id
     */
    public static RouterId of(final InetSocketAddress session) {
        return new RouterId(session.getAddress(), session.getPort());
    }

    @Override
    public String toString() {
        return port == 0 ? address.getHostAddress() : address.getHostAddress() + ":" + port;
    }
}

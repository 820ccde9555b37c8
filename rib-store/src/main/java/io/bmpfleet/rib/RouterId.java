/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;

/**
 * A monitored router, identified by the address its BMP session comes from (RFC 7854 section 3.2: the
 * monitoring station identifies a router by its session).
 *
 * @param address the router's address
 */
public record RouterId(InetAddress address) {
    public RouterId {
        requireNonNull(address);
    }

    @Override
    public String toString() {
        return address.getHostAddress();
    }
}

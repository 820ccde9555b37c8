/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import io.bmpfleet.app.routes.RouteNames;
import io.bmpfleet.bmp.codec.AddressText;
import java.net.InetAddress;
import java.util.Comparator;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;

/** Addresses as the state model and the operator write them, compared as addresses, never as text. */
final class Addresses {
    /** IPv4 before IPv6, then by their bytes. */
    static final Comparator<InetAddress> ORDER = Comparator.<InetAddress>comparingInt(a -> a.getAddress().length)
        .thenComparing(InetAddress::getAddress, java.util.Arrays::compareUnsigned);

    private Addresses() {
        // static only
    }

    /**
     * Parses a numeric address; never a host name (no DNS from the console).
     *
     * @param text the text
     * @return the address, or null when the text is no numeric address
     */
    static InetAddress parse(final String text) {
        try {
            return RouteNames.address(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A state model address.
     *
     * @param address the address, or null
     * @return the address, or null
     */
    static InetAddress of(final IpAddress address) {
        return address == null ? null : parse(text(address));
    }

    /**
     * The address's own text, as the state model holds it.
     *
     * @param address the address, or null
     * @return the text, {@code -} when absent
     */
    static String text(final IpAddress address) {
        if (address == null) {
            return "-";
        }
        return address.getIpv4Address() != null ? address.getIpv4Address().getValue()
            : address.getIpv6Address().getValue();
    }

    /**
     * Whether two addresses are the same, however written.
     *
     * @param address the state model's address
     * @param other another, as text
     * @return true when both are the same address
     */
    static boolean same(final IpAddress address, final String other) {
        final var one = of(address);
        final var two = parse(other);
        return one != null && one.equals(two);
    }

    /**
     * The canonical text of an address (RFC 5952 for IPv6).
     *
     * @param address the address
     * @return the text
     */
    static String format(final InetAddress address) {
        return AddressText.format(address);
    }
}

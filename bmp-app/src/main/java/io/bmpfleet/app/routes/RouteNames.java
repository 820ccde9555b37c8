/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.routes;

import io.bmpfleet.bmp.codec.AddressText;
import io.bmpfleet.bmp.codec.bgp.RouteDistinguisher;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.Prefix;
import io.bmpfleet.rib.Rib;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The text forms of the RIB store's keys, one place for each: address families as the state model names them,
 * prefixes and addresses (numeric only, never a name to resolve), route distinguishers, and the RIBs of the store
 * and of the model.
 */
public final class RouteNames {
    private RouteNames() {
        // static only
    }

    /**
     * An AFI/SAFI in the words of the intent's address-family (the state's route-count uses them too).
     *
     * @param family the family
     * @return e.g. {@code ipv4-unicast}, {@code ipv6-vpn}, or {@code afi-N-safi-M} for others
     */
    public static String family(final AfiSafi family) {
        final String afi = switch (family.afi()) {
            case AfiSafi.AFI_IPV4 -> "ipv4";
            case AfiSafi.AFI_IPV6 -> "ipv6";
            default -> null;
        };
        final String safi = switch (family.safi()) {
            case 1 -> "unicast";
            case 2 -> "multicast";
            case 4 -> "labeled-unicast";
            case 128 -> "vpn";
            default -> null;
        };
        return afi != null && safi != null ? afi + "-" + safi : "afi-" + family.afi() + "-safi-" + family.safi();
    }

    /**
     * The family {@link #family} names.
     *
     * @param name e.g. {@code ipv4-unicast} or {@code afi-1-safi-133}
     * @return the family
     * @throws IllegalArgumentException when the name is none of those
     */
    public static AfiSafi parseFamily(final String name) {
        final String[] parts = name.split("-", -1);
        if (parts.length == 4 && "afi".equals(parts[0]) && "safi".equals(parts[2])) {
            try {
                return new AfiSafi(Integer.parseInt(parts[1]), Integer.parseInt(parts[3]));
            } catch (IllegalArgumentException e) {
                throw unknownFamily(name, e);
            }
        }
        final int dash = name.indexOf('-');
        final int afi = dash < 0 ? 0 : switch (name.substring(0, dash)) {
            case "ipv4" -> AfiSafi.AFI_IPV4;
            case "ipv6" -> AfiSafi.AFI_IPV6;
            default -> 0;
        };
        final int safi = dash < 0 ? 0 : switch (name.substring(dash + 1)) {
            case "unicast" -> 1;
            case "multicast" -> 2;
            case "labeled-unicast" -> 4;
            case "vpn" -> 128;
            default -> 0;
        };
        if (afi == 0 || safi == 0) {
            throw unknownFamily(name, null);
        }
        return new AfiSafi(afi, safi);
    }

    private static IllegalArgumentException unknownFamily(final String name, final Exception cause) {
        return new IllegalArgumentException("not an address family: " + name + " (ipv4-unicast, ipv6-unicast,"
            + " ipv4-multicast, ipv6-multicast, ipv4-labeled-unicast, ipv6-labeled-unicast, ipv4-vpn, ipv6-vpn or"
            + " afi-N-safi-M)", cause);
    }

    /**
     * A prefix to look up: {@code address/length}, or an address alone as a host prefix (/32, /128).
     *
     * @param text the text
     * @return the prefix, host bits cleared
     * @throws IllegalArgumentException with a message that says what is wrong and what is expected
     */
    public static Prefix prefix(final String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a prefix is needed, e.g. 10.0.0.0/8 or 2001:db8::/32");
        }
        final int slash = text.indexOf('/');
        final String address = slash < 0 ? text : text.substring(0, slash);
        if (!isLiteral(address)) {
            throw new IllegalArgumentException("not a prefix: " + text + " (" + address + " is no IPv4 or IPv6"
                + " address; expected e.g. 10.0.0.0/8, 2001:db8::/32 or an address)");
        }
        if (slash >= 0 && !text.substring(slash + 1).matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("not a prefix: " + text + " (the length after / must be a number)");
        }
        try {
            return Prefix.parse(slash >= 0 ? text : text + (text.indexOf(':') >= 0 ? "/128" : "/32"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a prefix: " + text + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Whether a text is an address literal: a dotted quad, or text with a colon (which Java parses as an IPv6
     * literal and never resolves). Anything else {@link InetAddress#getByName} would look up in the DNS.
     */
    private static boolean isLiteral(final String text) {
        if (text.isEmpty()) {
            return false;
        }
        if (text.indexOf(':') >= 0) {
            return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        final String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (var octet : octets) {
            if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * A prefix as text: the address as {@link AddressText} writes it (RFC 5952 for IPv6), then the length.
     *
     * @param prefix the prefix
     * @return e.g. {@code 10.0.0.0/8}, {@code 2001:db8::/32}
     */
    public static String prefixText(final Prefix prefix) {
        return AddressText.format(prefix.addressBytes()) + "/" + prefix.length();
    }

    /**
     * An IP address literal, never a name to resolve.
     *
     * @param text the text
     * @return the address
     * @throws IllegalArgumentException when the text is no IP address
     */
    public static InetAddress address(final String text) {
        if (text == null || !isLiteral(text)) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    /**
     * A route distinguisher as the codec writes it (RFC 4364 section 4.2).
     *
     * @param rd the 8 bytes, big-endian
     * @return e.g. {@code 65000:1}
     */
    public static String distinguisher(final long rd) {
        return RouteDistinguisher.format(rd);
    }

    /**
     * A route distinguisher from its text form.
     *
     * @param text {@code ADMIN:NUMBER}; null or empty for none
     * @return the 8 bytes, big-endian; 0 for none
     * @throws IllegalArgumentException when the text is no route distinguisher
     */
    public static long parseDistinguisher(final String text) {
        return text == null || text.isEmpty() ? 0 : RouteDistinguisher.parse(text);
    }

    /**
     * A 32-bit value (a BGP identifier) as a dotted quad.
     *
     * @param value the value, big-endian
     * @return the text
     */
    public static String ipv4(final int value) {
        return AddressText.ipv4(Integer.toUnsignedLong(value));
    }

    /**
     * The model's name of a store RIB.
     *
     * @param rib the store's RIB
     * @return the model's
     */
    public static org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib modelRib(final Rib rib) {
        return switch (rib) {
            case ADJ_RIB_IN_PRE -> org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib
                .AdjRibInPrePolicy;
            case ADJ_RIB_IN_POST -> org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib
                .AdjRibInPostPolicy;
            case LOC_RIB -> org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib.LocRib;
            case ADJ_RIB_OUT_PRE -> org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib
                .AdjRibOutPrePolicy;
            case ADJ_RIB_OUT_POST -> org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib
                .AdjRibOutPostPolicy;
        };
    }

    /**
     * The store RIB of a model's RIB.
     *
     * @param rib the model's RIB
     * @return the store's
     */
    public static Rib storeRib(final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib rib) {
        return switch (rib) {
            case AdjRibInPrePolicy -> Rib.ADJ_RIB_IN_PRE;
            case AdjRibInPostPolicy -> Rib.ADJ_RIB_IN_POST;
            case LocRib -> Rib.LOC_RIB;
            case AdjRibOutPrePolicy -> Rib.ADJ_RIB_OUT_PRE;
            case AdjRibOutPostPolicy -> Rib.ADJ_RIB_OUT_POST;
        };
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import io.bmpfleet.app.routes.RouteNames;
import io.bmpfleet.rib.AfiSafi;
import io.bmpfleet.rib.Rib;
import java.util.List;
import java.util.Map;

/**
 * The words of the intent and the state for the RIB store's tables: address families as {@code ipv4-unicast}
 * (the intent's {@code address-family}), RIBs as {@code adj-rib-in-pre-policy} (the intent's {@code rib}), and the
 * short RIB names the console takes ({@code pre}, {@code post}, {@code loc}, {@code out-pre}, {@code out-post}).
 */
public final class Families {
    /** The families the console names, as the intent's address-family enumeration has them. */
    public static final List<String> FAMILY_NAMES = List.of("ipv4-unicast", "ipv6-unicast", "ipv4-multicast",
        "ipv6-multicast", "ipv4-labeled-unicast", "ipv6-labeled-unicast", "ipv4-vpn", "ipv6-vpn");
    /** The console's short RIB names. */
    public static final List<String> RIB_NAMES = List.of("pre", "post", "loc", "out-pre", "out-post");

    private static final Map<String, Rib> RIBS = Map.of("pre", Rib.ADJ_RIB_IN_PRE, "post", Rib.ADJ_RIB_IN_POST,
        "loc", Rib.LOC_RIB, "out-pre", Rib.ADJ_RIB_OUT_PRE, "out-post", Rib.ADJ_RIB_OUT_POST);

    private Families() {
        // static only
    }

    /**
     * An address family by its intent name, or as {@code afi-N-safi-M}.
     *
     * @param name the name
     * @return the family
     * @throws IllegalArgumentException for another name
     */
    public static AfiSafi family(final String name) {
        for (var known : List.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST, AfiSafi.IPV4_MULTICAST,
                new AfiSafi(AfiSafi.AFI_IPV6, 2), AfiSafi.IPV4_LABELED_UNICAST, AfiSafi.IPV6_LABELED_UNICAST,
                AfiSafi.VPNV4, AfiSafi.VPNV6)) {
            if (familyName(known).equals(name)) {
                return known;
            }
        }
        final var parts = name.split("-");
        if (parts.length == 4 && "afi".equals(parts[0]) && "safi".equals(parts[2])) {
            try {
                return new AfiSafi(Integer.parseInt(parts[1]), Integer.parseInt(parts[3]));
            } catch (IllegalArgumentException e) {
                // falls through to the refusal
            }
        }
        throw new IllegalArgumentException("unknown address family " + name + "; one of "
            + String.join(", ", FAMILY_NAMES));
    }

    /**
     * A family's name as the state's route counts write it.
     *
     * @param family the family
     * @return e.g. ipv4-unicast, or afi-N-safi-M
     */
    public static String familyName(final AfiSafi family) {
        return RouteNames.family(family);
    }

    /**
     * A RIB by its short name or by the intent's name.
     *
     * @param name pre, post, loc, out-pre, out-post, or adj-rib-in-pre-policy and the like
     * @return the RIB
     * @throws IllegalArgumentException for another name
     */
    public static Rib rib(final String name) {
        final var rib = RIBS.get(name);
        if (rib != null) {
            return rib;
        }
        for (var each : Rib.values()) {
            if (ribName(each).equals(name)) {
                return each;
            }
        }
        throw new IllegalArgumentException("unknown RIB " + name + "; one of " + String.join(", ", RIB_NAMES));
    }

    /**
     * A RIB's name as the intent and the state write it.
     *
     * @param rib the RIB
     * @return e.g. adj-rib-in-pre-policy
     */
    public static String ribName(final Rib rib) {
        return switch (rib) {
            case ADJ_RIB_IN_PRE -> "adj-rib-in-pre-policy";
            case ADJ_RIB_IN_POST -> "adj-rib-in-post-policy";
            case LOC_RIB -> "loc-rib";
            case ADJ_RIB_OUT_PRE -> "adj-rib-out-pre-policy";
            case ADJ_RIB_OUT_POST -> "adj-rib-out-post-policy";
        };
    }
}

package io.bmpfleet.bmp.codec.bgp;

/**
 * AFI and SAFI numbers (IANA) that the codec decodes beyond carrying them raw.
 */
public final class AddressFamily {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int AFI_L2VPN = 25;

    public static final int SAFI_UNICAST = 1;
    public static final int SAFI_MULTICAST = 2;
    public static final int SAFI_LABELED_UNICAST = 4;
    public static final int SAFI_EVPN = 70;
    public static final int SAFI_VPN = 128;

    private AddressFamily() {
        // constants only
    }

    /**
     * Returns the address width in bits of an AFI, or 0 if the AFI carries no IP prefixes.
     *
     * @param afi address family
     * @return 32, 128 or 0
     */
    public static int addressBits(final int afi) {
        return switch (afi) {
            case AFI_IPV4 -> 32;
            case AFI_IPV6 -> 128;
            default -> 0;
        };
    }

    /**
     * Tells whether the codec understands the NLRI of this AFI/SAFI (otherwise it is carried raw).
     *
     * @param afi address family
     * @param safi subsequent address family
     * @return true for IPv4/IPv6 unicast, multicast, labeled unicast and VPN, and for EVPN
     */
    public static boolean isKnown(final int afi, final int safi) {
        if (afi == AFI_IPV4 || afi == AFI_IPV6) {
            return safi == SAFI_UNICAST || safi == SAFI_MULTICAST || safi == SAFI_LABELED_UNICAST
                || safi == SAFI_VPN;
        }
        return afi == AFI_L2VPN && safi == SAFI_EVPN;
    }

    /**
     * Returns a short name such as {@code ipv4-unicast}.
     *
     * @param afi address family
     * @param safi subsequent address family
     * @return a name, or {@code afi-N-safi-M}
     */
    public static String name(final int afi, final int safi) {
        final String afiName = switch (afi) {
            case AFI_IPV4 -> "ipv4";
            case AFI_IPV6 -> "ipv6";
            case AFI_L2VPN -> "l2vpn";
            default -> "afi-" + afi;
        };
        final String safiName = switch (safi) {
            case SAFI_UNICAST -> "unicast";
            case SAFI_MULTICAST -> "multicast";
            case SAFI_LABELED_UNICAST -> "labeled-unicast";
            case SAFI_EVPN -> "evpn";
            case SAFI_VPN -> "vpn";
            default -> "safi-" + safi;
        };
        return afiName + "-" + safiName;
    }
}

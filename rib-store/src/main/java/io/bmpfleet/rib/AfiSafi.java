/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

/**
 * An address family, as BGP multiprotocol extensions number it (RFC 4760): AFI (2 bytes) and SAFI (1 byte).
 *
 * <p>The store keeps prefix-keyed families: AFI 1 (IPv4) and AFI 2 (IPv6) with any SAFI. Families whose NLRI
 * is not a prefix (EVPN, flowspec, BGP-LS) are refused by {@link RibStore}.
 *
 * @param afi the address family identifier, 0-65535
 * @param safi the subsequent address family identifier, 0-255
 */
public record AfiSafi(int afi, int safi) {
    /** AFI of IPv4. */
    public static final int AFI_IPV4 = 1;
    /** AFI of IPv6. */
    public static final int AFI_IPV6 = 2;
    /** IPv4 unicast. */
    public static final AfiSafi IPV4_UNICAST = new AfiSafi(AFI_IPV4, 1);
    /** IPv6 unicast. */
    public static final AfiSafi IPV6_UNICAST = new AfiSafi(AFI_IPV6, 1);
    /** IPv4 multicast. */
    public static final AfiSafi IPV4_MULTICAST = new AfiSafi(AFI_IPV4, 2);
    /** IPv4 labeled unicast (RFC 8277). */
    public static final AfiSafi IPV4_LABELED_UNICAST = new AfiSafi(AFI_IPV4, 4);
    /** IPv6 labeled unicast (RFC 8277). */
    public static final AfiSafi IPV6_LABELED_UNICAST = new AfiSafi(AFI_IPV6, 4);
    /** VPNv4 (RFC 4364). */
    public static final AfiSafi VPNV4 = new AfiSafi(AFI_IPV4, 128);
    /** VPNv6 (RFC 4659). */
    public static final AfiSafi VPNV6 = new AfiSafi(AFI_IPV6, 128);

    public AfiSafi {
        if (afi < 0 || afi > 0xFFFF || safi < 0 || safi > 0xFF) {
            throw new IllegalArgumentException("AFI " + afi + " / SAFI " + safi + " out of range");
        }
    }

    /**
     * Whether the store keys this family's routes by prefix: IPv4 and IPv6 unicast, multicast, labeled unicast and
     * VPN. Other SAFIs of AFI 1 and 2 (flowspec, MVPN, RT constraint, ...) carry no prefix to key by.
     *
     * @return true for those families
     */
    public boolean isPrefixFamily() {
        return keyedByPrefix(afi, safi);
    }

    /**
     * Whether the store keys routes of an AFI/SAFI by prefix (see {@link #isPrefixFamily()}).
     *
     * @param afi address family
     * @param safi subsequent address family
     * @return true for IPv4 and IPv6 unicast (1), multicast (2), labeled unicast (4) and VPN (128)
     */
    public static boolean keyedByPrefix(final int afi, final int safi) {
        return (afi == AFI_IPV4 || afi == AFI_IPV6) && (safi == 1 || safi == 2 || safi == 4 || safi == 128);
    }

    /**
     * Whether prefixes of this family are IPv6.
     *
     * @return true for AFI 2
     */
    public boolean isIpv6() {
        return afi == AFI_IPV6;
    }

    @Override
    public String toString() {
        return afi + "/" + safi;
    }
}

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
     * Whether the store can key this family by prefix.
     *
     * @return true for AFI 1 and 2
     */
    public boolean isPrefixFamily() {
        return afi == AFI_IPV4 || afi == AFI_IPV6;
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

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;

/**
 * A monitored peer of one router, keyed as RFC 7854 section 4.2 lays out the per-peer header: peer type, peer
 * distinguisher, peer address and BGP ID. The BGP ID alone is not a key: peers in different VRFs (RD instance
 * peers, peer type 1) and Loc-RIB instances (peer type 3) share BGP IDs, and OpenDaylight's BMP monitor merged
 * them.
 *
 * @param peerType the per-peer header's peer type (0 global, 1 RD instance, 2 local instance, 3 Loc-RIB; 0-255)
 * @param distinguisher the 8-byte peer distinguisher, as a big-endian long (0 for a global instance peer)
 * @param address the peer's address (IPv4 or IPv6; 0.0.0.0 for a Loc-RIB instance)
 * @param bgpId the peer's BGP identifier, as a big-endian int
 */
public record PeerKey(int peerType, long distinguisher, InetAddress address, int bgpId) {
    public PeerKey {
        if (peerType < 0 || peerType > 255) {
            throw new IllegalArgumentException("peer type " + peerType + " is not one byte");
        }
        requireNonNull(address);
    }

    @Override
    public String toString() {
        return "peer{type=" + peerType + ", pd=" + Long.toUnsignedString(distinguisher) + ", address="
            + address.getHostAddress() + ", bgpId=" + Integer.toUnsignedString(bgpId) + "}";
    }
}

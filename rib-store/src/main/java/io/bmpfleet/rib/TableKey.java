/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static java.util.Objects.requireNonNull;

/**
 * One route table of a router: a peer's RIB in one address family. Route counts are kept per table key.
 *
 * @param peer the peer
 * @param rib the RIB
 * @param afiSafi the address family
 */
public record TableKey(PeerKey peer, Rib rib, AfiSafi afiSafi) {
    public TableKey {
        requireNonNull(peer);
        requireNonNull(rib);
        requireNonNull(afiSafi);
    }
}

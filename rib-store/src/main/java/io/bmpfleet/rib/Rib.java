/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

/**
 * Which RIB of a peer a Route Monitoring message describes, as the per-peer header says it.
 */
public enum Rib {
    /** Adj-RIB-In before inbound policy (RFC 7854). */
    ADJ_RIB_IN_PRE,
    /** Adj-RIB-In after inbound policy (RFC 7854, L flag). */
    ADJ_RIB_IN_POST,
    /** Loc-RIB (RFC 9069, peer type 3). */
    LOC_RIB,
    /** Adj-RIB-Out before outbound policy (RFC 8671, O flag). */
    ADJ_RIB_OUT_PRE,
    /** Adj-RIB-Out after outbound policy (RFC 8671, O and L flags). */
    ADJ_RIB_OUT_POST;

    /** Peer type of a Loc-RIB instance peer (RFC 9069 section 4.1). */
    public static final int PEER_TYPE_LOC_RIB = 3;
    /** Per-peer header flag: post-policy (RFC 7854 section 4.2). */
    public static final int FLAG_L = 0x40;
    /** Per-peer header flag: Adj-RIB-Out (RFC 8671 section 4). */
    public static final int FLAG_O = 0x10;

    /**
     * Maps a per-peer header to its RIB. For peer type 3 the flags have another meaning (F, filtered) and the RIB
     * is always Loc-RIB.
     *
     * @param peerType the per-peer header's peer type
     * @param flags the per-peer header's flags byte
     * @return the RIB the message describes
     */
    public static Rib of(final int peerType, final int flags) {
        if (peerType == PEER_TYPE_LOC_RIB) {
            return LOC_RIB;
        }
        final boolean post = (flags & FLAG_L) != 0;
        if ((flags & FLAG_O) != 0) {
            return post ? ADJ_RIB_OUT_POST : ADJ_RIB_OUT_PRE;
        }
        return post ? ADJ_RIB_IN_POST : ADJ_RIB_IN_PRE;
    }
}

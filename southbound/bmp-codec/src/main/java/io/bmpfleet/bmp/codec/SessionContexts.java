package io.bmpfleet.bmp.codec;

import io.bmpfleet.bmp.codec.bgp.BgpSessionContext;

/**
 * Supplies the Add-Path knowledge of a monitored peer to the decoder. {@link BmpSession} keeps it from Peer Up
 * messages; a collector may supply its own.
 */
@FunctionalInterface
public interface SessionContexts {
    /**
     * Returns the context of the peer described by the header. The view is only valid during the call.
     *
     * @param peer per-peer header
     * @return context, never null
     */
    BgpSessionContext forPeer(PeerHeaderView peer);
}

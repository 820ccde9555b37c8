package io.bmpfleet.bmp.codec;

import io.bmpfleet.bmp.codec.bgp.UpdateVisitor;

/**
 * Receives a Route Monitoring message without allocation: first its per-peer header, then the UPDATE's content
 * as {@link UpdateVisitor} describes.
 */
public interface RouteMonitoringVisitor extends UpdateVisitor {
    /**
     * Called first, with the per-peer header. The view is only valid until the message has been visited.
     *
     * @param peer per-peer header view
     * @throws BmpDecodeException if the visitor rejects the message
     */
    void peer(PeerHeaderView peer) throws BmpDecodeException;
}

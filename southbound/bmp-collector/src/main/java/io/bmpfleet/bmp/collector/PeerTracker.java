package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.PeerHeaderView;
import io.bmpfleet.bmp.codec.PerPeerHeader;
import io.bmpfleet.bmp.codec.RouteMonitoringVisitor;
import io.bmpfleet.bmp.codec.bgp.AttributeView;
import io.bmpfleet.bmp.codec.bgp.PrefixView;

/**
 * Passes a Route Monitoring visit on to a {@link RouteSink} and keeps the per-peer header as a record for the
 * session's counters, building a new record only when the peer (or its flags) changes.
 */
final class PeerTracker implements RouteMonitoringVisitor {
    private final RouteSink sink;
    private final PeerHeaderView last = new PeerHeaderView();
    private PerPeerHeader header;

    PeerTracker(final RouteSink sink) {
        this.sink = sink;
    }

    PerPeerHeader header() {
        return header;
    }

    @Override
    public void peer(final PeerHeaderView peer) throws BmpDecodeException {
        if (header == null || !last.samePeerAndRib(peer)) {
            header = peer.toRecord();
            last.copyFrom(peer);
        }
        sink.peer(peer);
    }

    @Override
    public void attribute(final AttributeView attribute) throws BmpDecodeException {
        sink.attribute(attribute);
    }

    @Override
    public void endOfAttributes() throws BmpDecodeException {
        sink.endOfAttributes();
    }

    @Override
    public void withdrawn(final PrefixView prefix) throws BmpDecodeException {
        sink.withdrawn(prefix);
    }

    @Override
    public void announced(final PrefixView prefix) throws BmpDecodeException {
        sink.announced(prefix);
    }
}

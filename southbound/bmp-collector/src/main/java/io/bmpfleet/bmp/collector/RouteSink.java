package io.bmpfleet.bmp.collector;

import io.bmpfleet.bmp.codec.RouteMonitoringVisitor;

/**
 * Receives the routes of a session's Route Monitoring messages through the codec's allocation-free visitor: the
 * per-peer header, each attribute, each withdrawn and announced prefix, then {@link #complete()} once the message
 * is through, or {@link #discard()} if it turned out malformed. One sink per session, called on its worker.
 */
public interface RouteSink extends RouteMonitoringVisitor {
    /** The Route Monitoring message just visited is complete: apply it. */
    void complete();

    /** The message being visited was refused as malformed: forget what was received of it. */
    void discard();
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.api;

import java.util.List;
import java.util.Optional;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;

/**
 * The router sessions, their peers, statistics, route counts and device association exactly as the last
 * publication round wrote them to {@code bmpfleet-state} (four times a second): what RESTCONF shows, without a
 * datastore read. The objects are the state model's immutable binding objects.
 */
public interface MonitoringState {
    /**
     * Every router session of the last round.
     *
     * @return the sessions, in no particular order
     */
    List<Router> routers();

    /**
     * The summary's session figures of the last round.
     *
     * @return the figures, empty before the first round
     */
    Optional<Summary> summary();
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static java.util.Objects.requireNonNull;

/**
 * A route as readers see it: its key and its attribute set. Built on demand for lookups and dumps; the store
 * itself keeps routes as packed keys.
 *
 * @param key the route's key
 * @param attributes the route's attribute set, shared with every route that has equal attribute bytes
 */
public record Route(RouteKey key, AttributeSet attributes) {
    public Route {
        requireNonNull(key);
        requireNonNull(attributes);
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import static java.util.Objects.requireNonNull;

/**
 * A part of the intent that a device's platform cannot carry.
 *
 * @param item a readable path into the intent, e.g. {@code target T1/ipv4-unicast/loc-rib}
 * @param reason why the platform cannot carry it
 */
public record UnsupportedItem(String item, String reason) {
    public UnsupportedItem {
        requireNonNull(item);
        requireNonNull(reason);
    }
}

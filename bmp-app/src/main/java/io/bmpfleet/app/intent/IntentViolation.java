/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import static java.util.Objects.requireNonNull;

/**
 * One rule of the intent model that a candidate intent breaks.
 *
 * @param path where, as a RESTCONF-like path ending in the offending leaf
 * @param message what is wrong, in the words of the model's error-message
 */
public record IntentViolation(String path, String message) {
    public IntentViolation {
        requireNonNull(path);
        requireNonNull(message);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import static java.util.Objects.requireNonNull;

/**
 * A named set of login credentials for device management.
 *
 * @param username login name
 * @param password password, or {@code null}
 * @param enableSecret Cisco IOS enable secret, or {@code null}
 */
public record Credential(String username, String password, String enableSecret) {
    public Credential {
        requireNonNull(username);
    }

    @Override
    public String toString() {
        // Never print secrets, not even into a log line.
        return "Credential[username=" + username + ", password=" + (password == null ? "unset" : "***")
            + ", enableSecret=" + (enableSecret == null ? "unset" : "***") + "]";
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.security;

import org.opendaylight.aaa.api.AuthenticationException;
import org.opendaylight.aaa.api.PasswordCredentialAuth;
import org.opendaylight.aaa.api.PasswordCredentials;

/**
 * Checks a login against OpenDaylight AAA's users (the ones RESTCONF knows), in AAA's default domain: the one way
 * bmpfleet asks AAA whether a user and password are valid (the gRPC API's callers, the default admin password).
 */
public final class AaaLogins {
    private AaaLogins() {
    }

    /**
     * Whether AAA accepts the login.
     *
     * @param aaa AAA's password authentication
     * @param user the user
     * @param password the password
     * @return true when it does
     */
    public static boolean valid(final PasswordCredentialAuth aaa, final String user, final String password) {
        try {
            return aaa.authenticate(new Login(user, password)) != null;
        } catch (AuthenticationException e) {
            return false;
        }
    }

    /** A login for AAA, in its default domain. */
    private record Login(String username, String password) implements PasswordCredentials {
        @Override
        public String domain() {
            return null;
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

/** Decides whether a user name and password are a valid login (OpenDaylight AAA in the controller). */
@FunctionalInterface
interface Authenticator {
    /**
     * Checks a login.
     *
     * @param user the user name
     * @param password the password
     * @return true when the login is valid
     */
    boolean check(String user, String password);
}

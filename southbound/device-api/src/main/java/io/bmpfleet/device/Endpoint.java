/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device;

/**
 * How a driver reaches one device: where, as whom, and which host key to accept. The secret fields never appear
 * in {@link #toString()}.
 *
 * @param host management address or host name
 * @param port management port (SSH, or GoBGP's gRPC API)
 * @param username login name, or null where the platform needs none
 * @param password password, or null
 * @param enableSecret Cisco's enable password, or null
 * @param hostKey the SSH host key fingerprint to accept ({@code SHA256:...}): the intent's, else the one recorded on
 *     first use; null to trust and record the key seen on first use
 */
public record Endpoint(String host, int port, String username, String password, String enableSecret,
        String hostKey) {

    @Override
    public String toString() {
        return (username == null ? "" : username + "@") + host + ":" + port;
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.ssh;

import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The SSH client the SSH-driven drivers share (Apache MINA SSHD): one client, many sessions. Every session's host
 * key is checked before any password is sent: against the endpoint's expected fingerprint when it has one, and
 * recorded for trust on first use when it has none.
 */
public final class SshTransport implements AutoCloseable {
    /** What one connection attempt expects of the host key, and what it saw. */
    private record HostKeyCheck(String expected, AtomicReference<String> seen) {
    }

    private static final AttributeKey<HostKeyCheck> HOST_KEY = new AttributeKey<>();

    private final SshClient client;
    private final Duration timeout;

    /**
     * Starts the shared client.
     *
     * @param timeout the bound of connecting, key exchange and authentication, each
     */
    public SshTransport(final Duration timeout) {
        this.timeout = timeout;
        client = SshClient.setUpDefaultClient();
        // Without it every exec after the first waits ~40 ms for delayed ACKs (Nagle): measured 45 ms per call.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.setServerKeyVerifier(SshTransport::verify);
        client.start();
    }

    private static boolean verify(final ClientSession session, final java.net.SocketAddress remote,
            final PublicKey key) {
        final var check = session.getConnectionContext() == null ? null
            : session.getConnectionContext().getAttribute(HOST_KEY);
        if (check == null) {
            return false;
        }
        final var fingerprint = fingerprint(key);
        check.seen().set(fingerprint);
        return check.expected() == null || check.expected().equals(fingerprint);
    }

    /**
     * The OpenSSH-style SHA-256 fingerprint of a key, as {@code ssh-keygen -lf} prints it.
     *
     * @param key a public key
     * @return {@code SHA256:} and the unpadded base64 digest
     */
    public static String fingerprint(final PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /**
     * Opens an authenticated session.
     *
     * @param endpoint where and as whom
     * @return the session; close it
     * @throws DeviceException UNREACHABLE when the device cannot be reached, HOST_KEY when its key is not the one
     *     expected, AUTHENTICATION when it refuses the login
     */
    public SshConnection connect(final Endpoint endpoint) throws DeviceException {
        if (endpoint.username() == null) {
            throw new DeviceException(Kind.AUTHENTICATION, "no login for " + endpoint.host() + ":" + endpoint.port()
                + ": an SSH login needs a credential set (management/credentials)");
        }
        final var check = new HostKeyCheck(endpoint.hostKey(), new AtomicReference<>());
        ClientSession session = null;
        try {
            session = client.connect(endpoint.username(), endpoint.host(), endpoint.port(),
                AttributeRepository.ofKeyValuePair(HOST_KEY, check)).verify(timeout).getSession();
            if (endpoint.password() != null) {
                session.addPasswordIdentity(endpoint.password());
            }
            session.auth().verify(timeout);
            return new SshConnection(session, check.seen().get(), timeout);
        } catch (IOException e) {
            closeQuietly(session);
            throw classify(endpoint, check, e);
        }
    }

    private static DeviceException classify(final Endpoint endpoint, final HostKeyCheck check,
            final IOException failure) {
        final var seen = check.seen().get();
        if (seen != null && check.expected() != null && !check.expected().equals(seen)) {
            return new DeviceException(Kind.HOST_KEY, "SSH host key of " + endpoint.host() + ":" + endpoint.port()
                + " is " + seen + ", expected " + check.expected() + ": nothing was sent");
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException || cause instanceof SocketTimeoutException) {
                return new DeviceException(Kind.UNREACHABLE, "cannot reach " + endpoint.host() + ":"
                    + endpoint.port() + " over SSH: " + cause.getMessage(), failure);
            }
        }
        if (seen == null) {
            return new DeviceException(Kind.UNREACHABLE, "no SSH session with " + endpoint.host() + ":"
                + endpoint.port() + ": " + failure.getMessage(), failure);
        }
        if (failure instanceof SshException
            && String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT)
                .contains("no more authentication methods")) {
            return new DeviceException(Kind.AUTHENTICATION, "SSH login as " + endpoint.username() + " at "
                + endpoint.host() + ":" + endpoint.port() + " refused (wrong user name or password)", failure);
        }
        return new DeviceException(Kind.AUTHENTICATION, "SSH login as " + endpoint.username() + " at "
            + endpoint.host() + ":" + endpoint.port() + " failed: " + failure.getMessage(), failure);
    }

    private static void closeQuietly(final ClientSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException e) {
                // Nothing more to undo: the session was not handed out.
            }
        }
    }

    @Override
    public void close() {
        client.stop();
    }
}

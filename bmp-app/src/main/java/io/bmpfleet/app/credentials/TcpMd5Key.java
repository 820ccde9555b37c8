/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import io.bmpfleet.bmp.collector.BmpCollector;
import java.nio.charset.StandardCharsets;

/**
 * What a TCP-MD5 key (RFC 2385) may be: a credential's password, 1 to 80 bytes as UTF-8 (Linux's
 * TCP_MD5SIG_MAXKEYLEN). The one place that says so: the set-credentials RPC refuses a key that breaks it, and the
 * collector never hands one to a socket.
 */
public final class TcpMd5Key {
    /** The longest key Linux accepts (the collector's own constant: it is the one that hands keys to sockets). */
    public static final int MAX_BYTES = BmpCollector.MAX_TCP_MD5_KEY_LENGTH;

    private TcpMd5Key() {
    }

    /**
     * Why a password cannot be a TCP-MD5 key.
     *
     * @param password the password
     * @return the reason, or null when it can
     */
    public static String problem(final String password) {
        if (password == null || password.isEmpty()) {
            return "a TCP-MD5 key needs a password of 1 to " + MAX_BYTES + " bytes; this one has none";
        }
        final int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_BYTES ? "a TCP-MD5 key is 1 to " + MAX_BYTES + " bytes (RFC 2385 as Linux implements it);"
            + " this password is " + bytes + " bytes" : null;
    }
}

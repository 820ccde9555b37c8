/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device;

import java.io.Serial;

/**
 * Why a driver could not read or change a device. The message is the device's own error text where it gave one,
 * and never contains a secret.
 */
public final class DeviceException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the reconciler's retry and status care. */
    public enum Kind {
        /** The device could not be reached (refused, timed out, no route): retried, status {@code unreachable}. */
        UNREACHABLE,
        /** The device refused the login: status {@code failed}, retried with the failure delays. */
        AUTHENTICATION,
        /** The SSH host key is not the one expected: nothing is sent until the intent or the record changes. */
        HOST_KEY,
        /** The device refused a command or call; the message carries its words. */
        REJECTED,
        /** The device answered something the driver does not understand (wrong platform, wrong version). */
        PROTOCOL
    }

    private final Kind kind;

    public DeviceException(final Kind kind, final String message) {
        super(message);
        this.kind = kind;
    }

    public DeviceException(final Kind kind, final String message, final Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

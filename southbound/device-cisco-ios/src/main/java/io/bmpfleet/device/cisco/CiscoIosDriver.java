/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco;

import io.bmpfleet.device.DeviceDriver;
import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.SyncResult;
import io.bmpfleet.device.ssh.SshTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cisco IOS / IOS-XE driver: logs in over SSH, enters privileged EXEC mode, reads
 * {@code show running-config | section bmp} back and, in {@link Mode#APPLY}, sends only the configuration
 * commands that differ ({@link CiscoIosDiff}) inside {@code configure terminal}, {@code router bgp AS} ...
 * {@code end}, then reads back again and verifies.
 *
 * <p>Every command's answer is checked for an IOS error line (one that starts with {@code %}, such as
 * {@code % Invalid input detected at '^' marker.}). The first one stops the push; the driver then sends the
 * difference from what the device now has back to what it had before, and throws
 * {@link Kind#REJECTED} with the command, the device's line, and whether the restore worked.
 *
 * <p>Only BMP lines are ever sent: the rest of the running configuration is never touched. Neither the password nor
 * the enable secret is ever logged or put into a message.
 */
@Component(service = DeviceDriver.class)
public final class CiscoIosDriver implements DeviceDriver, AutoCloseable {
    /** The platform name of the intent's {@code cisco-ios} identity. */
    public static final String PLATFORM = "cisco-ios";

    private static final Logger LOG = LoggerFactory.getLogger(CiscoIosDriver.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final String HIDDEN = "<hidden>";

    private final SshTransport transport;
    private final Duration commandTimeout;

    /** A driver with its own SSH client (20 s to connect and log in, 60 s per command). */
    @Activate
    public CiscoIosDriver() {
        this(new SshTransport(CONNECT_TIMEOUT), COMMAND_TIMEOUT);
    }

    /**
     * A driver over a given SSH client, which it takes over (closes it in {@link #close()}).
     *
     * @param transport the SSH client
     * @param commandTimeout how long one command may take to bring the prompt back
     */
    public CiscoIosDriver(final SshTransport transport, final Duration commandTimeout) {
        this.transport = transport;
        this.commandTimeout = commandTimeout;
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public String render(final DeviceIntent intent) {
        return CiscoIosRenderer.render(intent);
    }

    @Override
    public SyncResult sync(final Endpoint endpoint, final DeviceIntent intent, final Mode mode)
            throws DeviceException {
        try {
            return doSync(endpoint, intent, mode);
        } catch (DeviceException e) {
            throw scrubbed(e, endpoint);
        }
    }

    private SyncResult doSync(final Endpoint endpoint, final DeviceIntent intent, final Mode mode)
            throws DeviceException {
        final var desired = CiscoIosRenderer.config(intent);
        final var rendered = desired.text();
        try (var connection = transport.connect(endpoint);
             var cli = IosCli.open(connection.shell(), endpoint.enableSecret(), commandTimeout)) {
            final var beforeText = cli.showBmp();
            final var before = IosBmpConfig.parse(beforeText);
            final var changes = CiscoIosDiff.commands(desired, before);
            if (mode == Mode.CHECK || changes.isEmpty()) {
                LOG.debug("{} ({}): {} BMP command(s) would change the device", intent.device(), endpoint,
                    changes.size());
                return new SyncResult(rendered, beforeText, changes, false, beforeText, connection.hostKey());
            }
            LOG.info("{} ({}): sending {} BMP command(s)", intent.device(), endpoint, changes.size());
            final var rejection = configure(cli, intent.bgpAs(), changes);
            if (rejection != null) {
                final var restore = restore(cli, intent.bgpAs(), before);
                LOG.warn("{} ({}): the device refused {}: {}; {}", intent.device(), endpoint, rejection.command(),
                    rejection.error(), restore);
                throw new DeviceException(Kind.REJECTED, rejection.command() + ": " + rejection.error() + "; "
                    + restore);
            }
            final var afterText = cli.showBmp();
            final var differences = CiscoIosDiff.differences(desired, IosBmpConfig.parse(afterText));
            if (!differences.isEmpty()) {
                throw new DeviceException(Kind.PROTOCOL, "after applying, the BMP configuration of "
                    + intent.device() + " differs from the intent: " + String.join("; ", differences));
            }
            return new SyncResult(rendered, beforeText, changes, true, afterText, connection.hostKey());
        }
    }

    /** The command the device refused, and its error line. */
    private record Rejection(String command, String error) {
    }

    /**
     * Sends {@code configure terminal}, {@code router bgp AS}, the commands and {@code end}, stopping at the first
     * error line; after an error, returns to privileged EXEC mode.
     */
    private static Rejection configure(final IosCli cli, final long bgpAs, final List<String> commands)
            throws DeviceException {
        final var session = new ArrayList<String>(commands.size() + 3);
        session.add("configure terminal");
        session.add("router bgp " + bgpAs);
        session.addAll(commands);
        session.add("end");
        for (var command : session) {
            final var error = cli.run(command).error();
            if (error != null) {
                if (cli.inConfigMode()) {
                    cli.run("end");
                }
                return new Rejection(command, error);
            }
        }
        return null;
    }

    /**
     * Brings the device back to what it had before the push, and says how that went.
     */
    private static String restore(final IosCli cli, final long bgpAs, final IosBmpConfig before) {
        try {
            final var undo = CiscoIosDiff.commands(before, IosBmpConfig.parse(cli.showBmp()));
            if (undo.isEmpty()) {
                return "nothing had changed on the device";
            }
            final var rejection = configure(cli, bgpAs, undo);
            if (rejection != null) {
                return "restoring the previous BMP configuration failed: " + rejection.command() + ": "
                    + rejection.error();
            }
            final var left = CiscoIosDiff.differences(before, IosBmpConfig.parse(cli.showBmp()));
            return left.isEmpty() ? "the previous BMP configuration was restored"
                : "the previous BMP configuration was not fully restored: " + String.join("; ", left);
        } catch (DeviceException e) {
            return "restoring the previous BMP configuration failed: " + e.getMessage();
        }
    }

    /**
     * The exception without the endpoint's secrets in its message. Messages are built without them; this is the
     * last guard, should a device ever echo one.
     */
    private static DeviceException scrubbed(final DeviceException exception, final Endpoint endpoint) {
        final var message = String.valueOf(exception.getMessage());
        var clean = message;
        for (var secret : new String[] { endpoint.password(), endpoint.enableSecret() }) {
            if (secret != null && !secret.isEmpty()) {
                clean = clean.replace(secret, HIDDEN);
            }
        }
        boolean causeLeaks = false;
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            final var text = String.valueOf(cause.getMessage());
            if (endpoint.password() != null && !endpoint.password().isEmpty() && text.contains(endpoint.password())
                || endpoint.enableSecret() != null && !endpoint.enableSecret().isEmpty()
                    && text.contains(endpoint.enableSecret())) {
                causeLeaks = true;
            }
        }
        if (clean.equals(message) && !causeLeaks) {
            return exception;
        }
        final var replacement = causeLeaks ? new DeviceException(exception.kind(), clean)
            : new DeviceException(exception.kind(), clean, exception.getCause());
        replacement.setStackTrace(exception.getStackTrace());
        return replacement;
    }

    @Deactivate
    @Override
    public void close() {
        transport.close();
    }
}

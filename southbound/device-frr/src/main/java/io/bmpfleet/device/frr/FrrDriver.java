/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr;

import io.bmpfleet.device.DeviceDriver;
import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.SyncResult;
import io.bmpfleet.device.ssh.SshConnection;
import io.bmpfleet.device.ssh.SshTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives FRR 8.4 (bgpd started with {@code -M bmp}) with {@code vtysh} over SSH: reads
 * {@code show running-config}, sends only the difference to the rendered intent in one vtysh call
 * ({@code configure terminal}, {@code router bgp AS}, ..., {@code end}), and reads back to verify. vtysh can exit 0
 * while printing a {@code %} line (e.g. "No such active connection found"): any such line on its standard output is
 * an error. A push refused halfway is undone by pushing the configuration read before it.
 *
 * <p>bmpfleet owns every {@code bmp targets} block and the {@code bmp mirror buffer-limit} of a device it manages,
 * and the soft-reconfiguration of the neighbors the intent names; nothing else of the configuration is touched.
 */
@Component(service = DeviceDriver.class)
public final class FrrDriver implements DeviceDriver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrrDriver.class);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);

    private final SshTransport ssh;
    private final boolean ownsTransport;

    /** The OSGi component: its own SSH client. */
    @Activate
    public FrrDriver() {
        this(new SshTransport(Duration.ofSeconds(10)), true);
    }

    /**
     * A driver on a given SSH client.
     *
     * @param ssh the client
     * @param ownsTransport whether {@link #close()} stops it
     */
    public FrrDriver(final SshTransport ssh, final boolean ownsTransport) {
        this.ssh = ssh;
        this.ownsTransport = ownsTransport;
    }

    @Override
    public String platform() {
        return "frr";
    }

    @Override
    public String render(final DeviceIntent intent) {
        return FrrRenderer.render(intent).text();
    }

    @Override
    public SyncResult sync(final Endpoint endpoint, final DeviceIntent intent, final Mode mode)
            throws DeviceException {
        final var desired = FrrRenderer.render(intent);
        final Set<String> managed = new TreeSet<>();
        intent.activations().forEach(a -> managed.add(a.selector()));
        try (var connection = ssh.connect(endpoint)) {
            final var before = read(connection, intent);
            if (before.as() == null) {
                throw new DeviceException(Kind.REJECTED, "the device has no 'router bgp': configure BGP (AS "
                    + intent.bgpAs() + ") before BMP");
            }
            if (before.as() != intent.bgpAs()) {
                throw new DeviceException(Kind.REJECTED, "the device runs 'router bgp " + before.as()
                    + "', the intent says AS " + intent.bgpAs());
            }
            final var changes = FrrConfig.diff(before, desired, managed);
            final var sent = changes.isEmpty() ? List.<String>of() : wrap(intent, changes);
            if (mode == Mode.CHECK || changes.isEmpty()) {
                return new SyncResult(desired.text(), before.text(), sent, false, before.text(),
                    connection.hostKey());
            }
            try {
                vtysh(connection, intent, sent);
            } catch (DeviceException e) {
                throw restore(connection, intent, before, managed, e);
            }
            final var after = read(connection, intent);
            final var remaining = FrrConfig.diff(after, desired, managed);
            if (!remaining.isEmpty()) {
                throw new DeviceException(Kind.PROTOCOL, "after the push the device still differs from the intent;"
                    + " it would still need: " + String.join("; ", remaining));
            }
            return new SyncResult(desired.text(), before.text(), sent, true, after.text(), connection.hostKey());
        }
    }

    /** Puts back what the device had before a refused push, and says in the error whether that worked. */
    private DeviceException restore(final SshConnection connection, final DeviceIntent intent,
            final FrrConfig before, final Set<String> managed, final DeviceException refused) {
        try {
            final var now = read(connection, intent);
            final var undo = FrrConfig.diff(now, before, managed);
            if (!undo.isEmpty()) {
                vtysh(connection, intent, wrap(intent, undo));
            }
            final var check = FrrConfig.diff(read(connection, intent), before, managed);
            if (!check.isEmpty()) {
                return new DeviceException(refused.kind(), refused.getMessage()
                    + "; restoring the previous configuration left a difference: " + String.join("; ", check),
                    refused);
            }
            return new DeviceException(refused.kind(), refused.getMessage()
                + "; the previous configuration was restored", refused);
        } catch (DeviceException e) {
            LOG.warn("Could not restore the BMP configuration of {}", intent.device(), e);
            return new DeviceException(refused.kind(), refused.getMessage()
                + "; restoring the previous configuration failed too: " + e.getMessage(), refused);
        }
    }

    private static List<String> wrap(final DeviceIntent intent, final List<String> changes) {
        final var commands = new ArrayList<String>(changes.size() + 3);
        commands.add("configure terminal");
        commands.add("router bgp " + intent.bgpAs());
        commands.addAll(changes);
        commands.add("end");
        return commands;
    }

    private static FrrConfig read(final SshConnection connection, final DeviceIntent intent) throws DeviceException {
        return FrrConfig.parse(vtysh(connection, intent, List.of("show running-config")));
    }

    /**
     * Runs vtysh with one {@code -c} per command.
     *
     * @return its standard output
     * @throws DeviceException REJECTED with the device's {@code %} lines when a command was refused
     */
    private static String vtysh(final SshConnection connection, final DeviceIntent intent,
            final List<String> commands) throws DeviceException {
        final var line = new StringBuilder("vtysh");
        if (intent.vtySocket() != null) {
            line.append(" --vty_socket ").append(quote(intent.vtySocket()));
        }
        for (var command : commands) {
            line.append(" -c ").append(quote(command));
        }
        final var result = connection.exec(line.toString(), COMMAND_LIMIT);
        final var errors = result.output().lines().map(String::strip).filter(l -> l.startsWith("%")).toList();
        if (!errors.isEmpty()) {
            throw new DeviceException(Kind.REJECTED, "vtysh refused " + commandsOf(commands) + ": "
                + String.join(" ", errors) + hint(errors));
        }
        if (result.exitStatus() == 127) {
            throw new DeviceException(Kind.PROTOCOL, "vtysh is not installed on the device: " + result.error()
                .strip());
        }
        if (result.exitStatus() != 0) {
            final var said = (result.output() + " " + result.error()).strip().replaceAll("\\s+", " ");
            throw new DeviceException(Kind.REJECTED, "vtysh exited with " + result.exitStatus() + " on "
                + commandsOf(commands) + ": " + said);
        }
        return result.output();
    }

    private static String hint(final List<String> errors) {
        return errors.stream().anyMatch(e -> e.contains("Unknown command: bmp"))
            ? " (is bgpd started with -M bmp?)" : "";
    }

    private static String commandsOf(final List<String> commands) {
        return commands.size() == 1 ? "'" + commands.get(0) + "'" : commands.size() + " commands "
            + String.join(" / ", commands);
    }

    /** One word for the remote POSIX shell. */
    static String quote(final String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Deactivate
    @Override
    public void close() {
        if (ownsTransport) {
            ssh.close();
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.ssh;

import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** One authenticated SSH session: commands run one at a time (exec), or an interactive shell. */
public final class SshConnection implements AutoCloseable {
    /**
     * The outcome of one command.
     *
     * @param exitStatus its exit status (-1 if the server sent none)
     * @param output what it wrote to standard output
     * @param error what it wrote to standard error
     */
    public record ExecResult(int exitStatus, String output, String error) {
    }

    private final ClientSession session;
    private final String hostKey;
    private final Duration timeout;

    SshConnection(final ClientSession session, final String hostKey, final Duration timeout) {
        this.session = session;
        this.hostKey = hostKey;
        this.timeout = timeout;
    }

    /**
     * The host key fingerprint the device presented.
     *
     * @return {@code SHA256:...}
     */
    public String hostKey() {
        return hostKey;
    }

    /**
     * Runs one command and waits for it to end.
     *
     * @param command the command line
     * @param limit how long it may take
     * @return its exit status, standard output and standard error
     * @throws DeviceException UNREACHABLE when the session breaks or the command does not end in time
     */
    public ExecResult exec(final String command, final Duration limit) throws DeviceException {
        final var out = new ByteArrayOutputStream();
        final var err = new ByteArrayOutputStream();
        try (var channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(timeout);
            final var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), limit);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new DeviceException(Kind.UNREACHABLE, "command did not finish within " + limit);
            }
            final var status = channel.getExitStatus();
            return new ExecResult(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeviceException(Kind.UNREACHABLE, "SSH session broke: " + e.getMessage(), e);
        }
    }

    /**
     * Opens an interactive shell (with a terminal, as a person's login gets).
     *
     * @return the shell; close it
     * @throws DeviceException UNREACHABLE when the channel cannot be opened
     */
    public SshShell shell() throws DeviceException {
        try {
            final var channel = session.createShellChannel();
            channel.setPtyType("vt100");
            channel.setPtyColumns(511);
            channel.setRedirectErrorStream(true);
            channel.open().verify(timeout);
            return new SshShell(channel);
        } catch (IOException e) {
            throw new DeviceException(Kind.UNREACHABLE, "cannot open an SSH shell: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException e) {
            // The session is gone either way.
        }
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco;

import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import io.bmpfleet.device.ssh.SshShell;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * An IOS command line over an interactive SSH shell: sends one command, reads up to the next prompt, and keeps
 * track of the mode the prompt shows ({@code Host>}, {@code Host#}, {@code Host(config)#},
 * {@code Host(config-router)#}, {@code Host(config-router-bmpsrvr)#}). The host name is learnt from the first
 * prompt.
 */
final class IosCli implements AutoCloseable {
    /** A prompt of any host, before the host name is known. */
    private static final Pattern ANY_PROMPT = Pattern.compile("(?:(?<=\\n)|\\A)[A-Za-z0-9][A-Za-z0-9._-]*"
        + "(?:\\([A-Za-z0-9-]+\\))?[>#] ?");
    private static final Pattern PROMPT_PARTS = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)"
        + "(\\([A-Za-z0-9-]+\\))?([>#]) ?");
    private static final String PASSWORD = "Password: ?";

    /** What one command printed and the mode it left the CLI in. */
    record Reply(String output, String mode) {
        /**
         * The first line the device printed that starts with {@code %} (IOS's error lines), or null.
         *
         * @return the line
         */
        String error() {
            for (var line : output.split("\n")) {
                if (line.startsWith("%")) {
                    return line.strip();
                }
            }
            return null;
        }
    }

    private final SshShell shell;
    private final Duration timeout;
    private Pattern prompt;
    private String hostname;
    private String mode;

    private IosCli(final SshShell shell, final Duration timeout) {
        this.shell = shell;
        this.timeout = timeout;
    }

    /**
     * Waits for the first prompt, turns paging off and enters privileged EXEC mode.
     *
     * @param shell the interactive shell, just opened; closed with this CLI
     * @param enableSecret the enable secret, or null
     * @param timeout how long one command may take
     * @return the CLI in privileged EXEC mode
     * @throws DeviceException AUTHENTICATION when enable is refused, PROTOCOL when the device does not answer like
     *     IOS, UNREACHABLE when the shell breaks
     */
    static IosCli open(final SshShell shell, final String enableSecret, final Duration timeout)
            throws DeviceException {
        final var cli = new IosCli(shell, timeout);
        boolean done = false;
        try {
            cli.start(enableSecret);
            done = true;
            return cli;
        } finally {
            if (!done) {
                cli.close();
            }
        }
    }

    private void start(final String enableSecret) throws DeviceException {
        final var first = shell.readUntil(ANY_PROMPT, timeout);
        final var parts = PROMPT_PARTS.matcher(first.prompt().strip());
        if (!parts.matches()) {
            throw new DeviceException(Kind.PROTOCOL, "not an IOS prompt: " + first.prompt());
        }
        hostname = parts.group(1);
        prompt = Pattern.compile("(?:(?<=\\n)|\\A)" + Pattern.quote(hostname) + "(?:\\([A-Za-z0-9-]+\\))?[>#] ?");
        mode = modeOf(first.prompt());
        final var paging = run("terminal length 0");
        if (paging.error() != null) {
            throw new DeviceException(Kind.PROTOCOL, "terminal length 0: " + paging.error());
        }
        if (mode.equals(">")) {
            enable(enableSecret);
        }
        if (!mode.equals("#")) {
            throw new DeviceException(Kind.PROTOCOL, "expected privileged EXEC mode, the prompt is " + hostname
                + mode);
        }
    }

    private void enable(final String enableSecret) throws DeviceException {
        final var orPassword = Pattern.compile("(?:" + prompt.pattern() + ")|" + PASSWORD);
        shell.send("enable");
        var answer = shell.readUntil(orPassword, timeout);
        if (answer.prompt().startsWith("Password")) {
            // The secret is never echoed, logged or put into a message.
            shell.send(enableSecret == null ? "" : enableSecret);
            answer = shell.readUntil(orPassword, timeout);
            if (answer.prompt().startsWith("Password")) {
                throw new DeviceException(Kind.AUTHENTICATION, "enable on " + hostname + " refused: "
                    + (enableSecret == null ? "the device asks for an enable secret and none is configured"
                        : "wrong enable secret"));
            }
        }
        mode = modeOf(answer.prompt());
        if (!mode.equals("#")) {
            final var error = new Reply(answer.output(), mode).error();
            throw new DeviceException(Kind.AUTHENTICATION, "enable on " + hostname + " refused"
                + (error == null ? "" : ": " + error));
        }
    }

    /**
     * Sends one command and reads its answer up to the next prompt.
     *
     * @param command the command line
     * @return what it printed (without the echo of the command) and the new mode
     * @throws DeviceException UNREACHABLE when the shell breaks or the prompt does not come back in time
     */
    Reply run(final String command) throws DeviceException {
        shell.send(command);
        final var answer = shell.readUntil(prompt, timeout);
        mode = modeOf(answer.prompt());
        return new Reply(stripEcho(command, answer.output()), mode);
    }

    /**
     * The BMP section of the running configuration.
     *
     * @return what {@code show running-config | section bmp} printed
     * @throws DeviceException PROTOCOL when the device refuses the command, UNREACHABLE when the shell breaks
     */
    String showBmp() throws DeviceException {
        final var command = "show running-config | section bmp";
        final var reply = run(command);
        if (reply.error() != null) {
            throw new DeviceException(Kind.PROTOCOL, command + ": " + reply.error());
        }
        return reply.output();
    }

    /**
     * The mode the last prompt showed.
     *
     * @return {@code >}, {@code #}, {@code (config)#}, ...
     */
    String mode() {
        return mode;
    }

    boolean inConfigMode() {
        return mode.startsWith("(config");
    }

    private String modeOf(final String shown) {
        final var parts = PROMPT_PARTS.matcher(shown.strip());
        if (!parts.matches()) {
            return shown.strip();
        }
        return (parts.group(2) == null ? "" : parts.group(2)) + parts.group(3);
    }

    private static String stripEcho(final String command, final String output) {
        final int end = output.indexOf('\n');
        final var first = end < 0 ? output : output.substring(0, end);
        if (first.strip().equals(command.strip())) {
            return end < 0 ? "" : output.substring(end + 1);
        }
        return output;
    }

    @Override
    public void close() {
        shell.close();
    }
}

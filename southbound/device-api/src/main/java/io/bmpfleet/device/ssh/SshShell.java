/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.ssh;

import io.bmpfleet.device.DeviceException;
import io.bmpfleet.device.DeviceException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelShell;

/**
 * An interactive shell over SSH, read up to a prompt: a line is sent, then everything the device prints until the
 * prompt pattern matches the end of what it printed is the answer.
 */
public final class SshShell implements AutoCloseable {
    private static final int MAX_ANSWER = 4 * 1024 * 1024;

    private final ChannelShell channel;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder();

    SshShell(final ChannelShell channel) {
        this.channel = channel;
        in = channel.getInvertedOut();
        out = channel.getInvertedIn();
    }

    /**
     * Sends one line (a carriage return is appended).
     *
     * @param line the line, without line end
     * @throws DeviceException UNREACHABLE when the channel is gone
     */
    public void send(final String line) throws DeviceException {
        try {
            out.write((line + "\r").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new DeviceException(Kind.UNREACHABLE, "SSH shell closed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads until the text printed so far ends with a match of the prompt.
     *
     * @param prompt a pattern matched against the end of the output (use {@code \z}-free patterns; it is anchored)
     * @param limit how long to wait
     * @return what was printed before the prompt, and the prompt
     * @throws DeviceException UNREACHABLE on timeout or a closed channel
     */
    public Answer readUntil(final Pattern prompt, final Duration limit) throws DeviceException {
        final long deadline = System.nanoTime() + limit.toNanos();
        final var anchored = Pattern.compile("(?s)(.*?)(" + prompt.pattern() + ")\\z");
        final var buffer = new byte[8192];
        try {
            while (true) {
                final var matcher = anchored.matcher(pending);
                if (matcher.matches()) {
                    final var answer = new Answer(matcher.group(1), matcher.group(2));
                    pending.setLength(0);
                    return answer;
                }
                if (pending.length() > MAX_ANSWER) {
                    throw new DeviceException(Kind.PROTOCOL, "no prompt after " + MAX_ANSWER + " characters");
                }
                if (in.available() > 0) {
                    final int n = in.read(buffer, 0, Math.min(buffer.length, in.available()));
                    if (n < 0) {
                        throw new DeviceException(Kind.UNREACHABLE, "SSH shell closed; last output: " + tail());
                    }
                    pending.append(new String(buffer, 0, n, StandardCharsets.UTF_8).replace("\r", ""));
                    continue;
                }
                if (channel.isClosing() || channel.isClosed()) {
                    throw new DeviceException(Kind.UNREACHABLE, "SSH shell closed; last output: " + tail());
                }
                if (System.nanoTime() > deadline) {
                    throw new DeviceException(Kind.UNREACHABLE, "no prompt within " + limit + "; last output: "
                        + tail());
                }
                Thread.sleep(2);
            }
        } catch (IOException e) {
            throw new DeviceException(Kind.UNREACHABLE, "SSH shell broke: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(Kind.UNREACHABLE, "interrupted while waiting for the device", e);
        }
    }

    private String tail() {
        return pending.length() <= 200 ? pending.toString() : pending.substring(pending.length() - 200);
    }

    /** What the device printed before its prompt, and the prompt. */
    public record Answer(String output, String prompt) {
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // The channel is gone either way.
        }
    }
}

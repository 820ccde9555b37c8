/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AsyncCommand;

/**
 * The simulated router's terminal on one SSH shell channel, without a thread of its own: reads and writes are
 * asynchronous (MINA's {@link AsyncCommand} streams) and chained, read, answer, write, read again, on the SSH
 * server's I/O threads. Characters are echoed as a terminal does (not while the enable secret is typed); each line
 * is answered with the CLI's output and the next prompt.
 */
final class SimShell implements AsyncCommand {
    private static final int READ_SIZE = 8192;

    private final IosCliSession cli;
    private final StringBuilder line = new StringBuilder();
    private IoInputStream in;
    private IoOutputStream out;
    private ExitCallback exit;
    private boolean lastWasCr;
    private volatile boolean done;

    SimShell(final IosCliSession cli) {
        this.cli = cli;
    }

    @Override
    public void setIoInputStream(final IoInputStream input) {
        in = input;
    }

    @Override
    public void setIoOutputStream(final IoOutputStream output) {
        out = output;
    }

    @Override
    public void setIoErrorStream(final IoOutputStream error) {
        // Everything goes to the output, as on a terminal.
    }

    @Override
    public void setInputStream(final InputStream input) {
        // The asynchronous stream is used.
    }

    @Override
    public void setOutputStream(final OutputStream output) {
        // The asynchronous stream is used.
    }

    @Override
    public void setErrorStream(final OutputStream error) {
        // The asynchronous stream is used.
    }

    @Override
    public void setExitCallback(final ExitCallback callback) {
        exit = callback;
    }

    @Override
    public void start(final ChannelSession channel, final Environment env) throws IOException {
        write("\r\n" + cli.prompt(), false);
    }

    @Override
    public void destroy(final ChannelSession channel) {
        done = true;
    }

    private void read() {
        if (done) {
            return;
        }
        in.read(new ByteArrayBuffer(READ_SIZE)).addListener(this::onRead);
    }

    private void onRead(final IoReadFuture future) {
        if (done || future.getException() != null) {
            done = true;
            return;
        }
        final var buffer = future.getBuffer();
        final var data = new byte[buffer.available()];
        buffer.getRawBytes(data);
        final var reply = new StringBuilder();
        for (byte value : data) {
            final char ch = (char) (value & 0xFF);
            if (ch == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = ch == '\r';
            if (ch == '\r' || ch == '\n') {
                final var typed = line.toString();
                line.setLength(0);
                reply.append("\r\n").append(cli.execute(typed).replace("\n", "\r\n"));
                if (cli.closed()) {
                    break;
                }
                reply.append(cli.prompt());
            } else if (ch == '\b' || ch == 0x7F) {
                if (line.length() > 0) {
                    line.setLength(line.length() - 1);
                    if (cli.echo()) {
                        reply.append("\b \b");
                    }
                }
            } else if (ch >= ' ') {
                line.append(ch);
                if (cli.echo()) {
                    reply.append(ch);
                }
            }
        }
        write(reply.toString(), cli.closed());
    }

    private void write(final String text, final boolean thenExit) {
        if (text.isEmpty()) {
            next(thenExit);
            return;
        }
        try {
            out.writeBuffer(new ByteArrayBuffer(text.getBytes(StandardCharsets.ISO_8859_1))).addListener(written -> {
                if (written.getException() != null) {
                    done = true;
                } else {
                    next(thenExit);
                }
            });
        } catch (IOException e) {
            done = true;
        }
    }

    private void next(final boolean thenExit) {
        if (thenExit) {
            done = true;
            exit.onExit(0);
        } else {
            read();
        }
    }
}

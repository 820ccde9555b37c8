/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AsyncCommand;

/**
 * One SSH exec request to the simulator, without a thread of its own: the command line is answered at once when
 * the channel starts, its standard output and error are written asynchronously (MINA's {@link AsyncCommand}
 * streams) one after the other, then the exit status is sent.
 */
final class VtyshExec implements AsyncCommand {
    private final FrrVtyshSimulator simulator;
    private final String commandLine;
    private IoOutputStream out;
    private IoOutputStream err;
    private ExitCallback exit;

    VtyshExec(final FrrVtyshSimulator simulator, final String commandLine) {
        this.simulator = simulator;
        this.commandLine = commandLine;
    }

    @Override
    public void setIoInputStream(final IoInputStream input) {
        // vtysh -c reads nothing.
    }

    @Override
    public void setIoOutputStream(final IoOutputStream output) {
        out = output;
    }

    @Override
    public void setIoErrorStream(final IoOutputStream error) {
        err = error;
    }

    @Override
    public void setInputStream(final InputStream input) {
        // The asynchronous streams are used.
    }

    @Override
    public void setOutputStream(final OutputStream output) {
        // The asynchronous streams are used.
    }

    @Override
    public void setErrorStream(final OutputStream error) {
        // The asynchronous streams are used.
    }

    @Override
    public void setExitCallback(final ExitCallback callback) {
        exit = callback;
    }

    @Override
    public void start(final ChannelSession channel, final Environment env) {
        final var result = simulator.execute(commandLine);
        write(out, result.output(), () -> write(err, result.error(), () -> exit.onExit(result.exitStatus())));
    }

    @Override
    public void destroy(final ChannelSession channel) {
        // Nothing runs after start.
    }

    private void write(final IoOutputStream stream, final String text, final Runnable then) {
        if (text.isEmpty()) {
            then.run();
            return;
        }
        try {
            stream.writeBuffer(new ByteArrayBuffer(text.getBytes(StandardCharsets.UTF_8))).addListener(written -> {
                if (written.getException() != null) {
                    exit.onExit(1);
                } else {
                    then.run();
                }
            });
        } catch (IOException e) {
            exit.onExit(1);
        }
    }
}

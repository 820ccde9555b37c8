/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static org.junit.jupiter.api.Assertions.fail;

import io.bmpfleet.device.Endpoint;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private gobgpd for one test class: BGP on 127.0.0.4 and the gRPC API on 127.0.0.1, both on free ports, no
 * neighbors. Started with the Debian package's binaries; stopped with SIGTERM, then SIGKILL.
 */
final class Gobgpd implements AutoCloseable {
    private static final String INSTALL_HINT = "install it with: apt-get install gobgpd";

    private final Path dir;
    private final int apiPort;
    private final Process process;

    private Gobgpd(final Path dir, final int apiPort, final Process process) {
        this.dir = dir;
        this.apiPort = apiPort;
        this.process = process;
    }

    /**
     * Starts gobgpd and waits until its API answers.
     *
     * @param dir a directory for its configuration and log
     * @return the running daemon
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    static Gobgpd start(final Path dir) throws IOException, InterruptedException {
        return start(dir, "");
    }

    /**
     * Starts gobgpd with more configuration after its {@code [global.config]}, and waits until its API answers.
     *
     * @param dir a directory for its configuration and log
     * @param moreToml TOML appended to the configuration file, e.g. {@code [[bmp-servers]]} blocks
     * @return the running daemon
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    static Gobgpd start(final Path dir, final String moreToml) throws IOException, InterruptedException {
        final String gobgpd = binary("gobgpd");
        binary("gobgp");
        final int apiPort = freePort();
        final int bgpPort = freePort();
        final Path config = dir.resolve("gobgpd.toml");
        Files.writeString(config, """
            [global.config]
              as = 65001
              router-id = "127.0.0.4"
              port = %d
              local-address-list = ["127.0.0.4"]

            """.formatted(bgpPort) + moreToml, StandardCharsets.UTF_8);
        final Process process = new ProcessBuilder(gobgpd, "-f", config.toString(),
                "--api-hosts", "127.0.0.1:" + apiPort, "--pprof-disable", "-p")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("gobgpd.log").toFile())
            .start();
        final var daemon = new Gobgpd(dir, apiPort, process);
        daemon.awaitApi();
        return daemon;
    }

    /**
     * A free TCP port on loopback, for gobgpd or for a station nobody listens on.
     *
     * @return the port
     * @throws IOException if none can be had
     */
    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int apiPort() {
        return apiPort;
    }

    Endpoint endpoint() {
        return new Endpoint("127.0.0.1", apiPort, null, null, null, null);
    }

    /**
     * Runs the gobgp CLI against this daemon.
     *
     * @param args the command, e.g. {@code bmp del 127.0.0.1:11019}
     * @return what it printed
     * @throws IOException if it cannot be run or fails
     * @throws InterruptedException if interrupted
     */
    String cli(final String... args) throws IOException, InterruptedException {
        final var command = new ArrayList<>(List.of(binary("gobgp"), "-u", "127.0.0.1", "-p",
            Integer.toString(apiPort)));
        command.addAll(List.of(args));
        final Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(10, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        if (cli.exitValue() != 0) {
            throw new IOException(command + " exited " + cli.exitValue() + ": " + output);
        }
        return output;
    }

    /** Stops gobgpd: SIGTERM, and SIGKILL if it is still there after five seconds. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void awaitApi() throws IOException, InterruptedException {
        final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        IOException last = null;
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                fail("gobgpd exited " + process.exitValue() + ": " + log());
            }
            try {
                // "global" answers only once BGP is started, which AddBmp needs.
                cli("global");
                return;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("gobgpd's API on 127.0.0.1:" + apiPort + " did not answer in 20 s; log: " + log(),
            last);
    }

    /**
     * What gobgpd has logged so far.
     *
     * @return its log
     * @throws IOException if the log cannot be read
     */
    String log() throws IOException {
        return Files.readString(dir.resolve("gobgpd.log"), StandardCharsets.UTF_8);
    }

    private static String binary(final String name) {
        final var path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + File.pathSeparator + "/usr/bin";
        for (var entry : path.split(File.pathSeparator)) {
            final Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail(name + " not found on PATH or in /usr/bin: these tests run a real GoBGP 3.x; " + INSTALL_HINT);
    }
}

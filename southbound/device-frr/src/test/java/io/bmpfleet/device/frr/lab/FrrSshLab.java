/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real FRR bgpd reached through a real OpenSSH server, both on loopback, in one directory the test owns: what an
 * operator's FRR router looks like to the FRR driver. bgpd runs as the {@code frr} user (as Debian's service does),
 * so its vty socket belongs to group {@code frrvty}; the SSH login is a local user {@code bmpfleet-lab} in that
 * group, created on first use, with a fresh random password each run. Needs root (CI runs as root) and Debian's
 * {@code frr} and {@code openssh-server}; every process started here is stopped by {@link #close()}.
 */
public final class FrrSshLab implements AutoCloseable {
    public static final String USER = "bmpfleet-lab";
    private static final String INSTALL_HINT = "the FRR driver's tests need Debian's frr and openssh-server"
        + " (.ci/run installs them: apt-get install -y frr openssh-server)";
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private final Path dir;
    private final String address;
    private final long as;
    private final int sshPort;
    private final int bgpPort;
    private final String password;
    private Process bgpd;
    private Process sshd;

    private FrrSshLab(final Path dir, final String address, final long as, final String password) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.address = address;
        this.as = as;
        this.password = password;
        sshPort = freePort();
        bgpPort = freePort();
    }

    /**
     * Prepares the lab: the directory, the login, the SSH host key; starts nothing.
     *
     * @param dir an empty or absent directory for the lab's files
     * @param address the loopback address bgpd and sshd listen on
     * @param as bgpd's AS
     * @return the lab
     */
    public static FrrSshLab create(final Path dir, final String address, final long as)
            throws IOException, InterruptedException {
        final var absolute = dir.toAbsolutePath();
        for (var binary : List.of("/usr/lib/frr/bgpd", "/usr/bin/vtysh", "/usr/sbin/sshd", "/usr/bin/ssh-keygen")) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " not found: " + INSTALL_HINT);
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the FRR lab runs bgpd as frr and sshd, and creates the " + USER
                + " login: run the tests as root (CI does)");
        }
        if (Files.exists(absolute)) {
            run(List.of("rm", "-rf", absolute.toString()));
        }
        Files.createDirectories(absolute);
        final var bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        final var lab = new FrrSshLab(absolute, address, as, "lab-" + HexFormat.of().formatHex(bytes));
        lab.prepare();
        return lab;
    }

    private void prepare() throws IOException, InterruptedException {
        if (run(List.of("sh", "-c", "id -u " + USER + " >/dev/null 2>&1 && echo yes || echo no")).strip()
                .equals("no")) {
            run(List.of("useradd", "--no-create-home", "--no-user-group", "--groups", "frrvty", "--shell",
                "/bin/sh", "--comment", "bmpfleet test login (FRR driver tests)", USER));
        }
        run(List.of("usermod", "--append", "--groups", "frrvty", USER));
        run(List.of("sh", "-c", "echo '" + USER + ":" + password + "' | chpasswd"));
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString()));
        Files.createDirectories(Path.of("/run/sshd"));
        Files.writeString(dir.resolve("sshd_config"), """
            ListenAddress %s
            Port %d
            HostKey %s
            PidFile %s
            UsePAM no
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            PubkeyAuthentication no
            PermitRootLogin no
            AllowUsers %s
            StrictModes no
            MaxStartups 100:30:200
            MaxSessions 50
            LogLevel VERBOSE
            """.formatted(address, sshPort, dir.resolve("host_key"), dir.resolve("sshd.pid"), USER),
            StandardCharsets.UTF_8);
        // bgpd runs as frr: its files and the socket directory are frr's, readable for the login's vtysh.
        run(List.of("chmod", "755", dir.toString()));
    }

    public String address() {
        return address;
    }

    public int sshPort() {
        return sshPort;
    }

    /** The port bgpd listens on for BGP, at {@link #address()}. */
    public int bgpPort() {
        return bgpPort;
    }

    public String password() {
        return password;
    }

    /** The vty socket directory, for the intent's management/vty-socket. */
    public String vtySocket() {
        return dir.toString();
    }

    /** The SSH host key's fingerprint as {@code ssh-keygen -l} prints it ({@code SHA256:...}). */
    public String hostKeyFingerprint() throws IOException, InterruptedException {
        return run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve("host_key.pub").toString()))
            .split(" ")[1];
    }

    /**
     * Starts bgpd with a {@code router bgp} block and the given extra lines inside it.
     *
     * @param bgpLines lines under {@code router bgp}, e.g. neighbors
     */
    public void startBgpd(final String... bgpLines) throws IOException, InterruptedException {
        final var conf = new StringBuilder("hostname bmpfleet-frr-lab\n!\nrouter bgp ").append(as).append('\n')
            .append(" bgp router-id ").append(address).append('\n');
        for (var line : bgpLines) {
            conf.append(' ').append(line).append('\n');
        }
        conf.append("exit\n!\n");
        Files.writeString(dir.resolve("bgpd.conf"), conf, StandardCharsets.UTF_8);
        Files.deleteIfExists(dir.resolve("bgpd.vty"));
        run(List.of("chown", "-R", "frr:frr", dir.toString()));
        bgpd = new ProcessBuilder("/usr/lib/frr/bgpd", "-f", dir.resolve("bgpd.conf").toString(), "-i",
            dir.resolve("bgpd.pid").toString(), "-Z", "-n", "-l", address, "-p", String.valueOf(bgpPort), "-M", "bmp",
            "-A", "127.0.0.1", "-P", "0", "--vty_socket", dir.toString(), "--log", "file:" + dir.resolve("bgpd.log"))
            .redirectErrorStream(true).redirectOutput(dir.resolve("bgpd.out").toFile()).start();
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            if (!bgpd.isAlive()) {
                throw new IllegalStateException("bgpd exited with " + bgpd.exitValue() + ": " + tail("bgpd.out"));
            }
            try {
                vtysh("show running-config");
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("bgpd's vty did not answer: " + tail("bgpd.out") + tail("bgpd.log"), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Starts sshd (in the foreground, so that this lab owns the process) and waits until it accepts. */
    public void startSshd() throws IOException, InterruptedException {
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log")
                .toFile())).start();
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited with " + sshd.exitValue() + ": " + tail("sshd.log"));
            }
            try (var socket = new java.net.Socket(address, sshPort)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("sshd did not listen on " + address + ":" + sshPort + tail("sshd.log"), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops sshd (bgpd keeps running): the device becomes unreachable for SSH. */
    public void stopSshd() throws InterruptedException {
        stop(sshd);
        sshd = null;
    }

    /**
     * Runs vtysh locally as root against the lab's bgpd: what an operator does by hand.
     *
     * @param commands one {@code -c} each
     * @return vtysh's output
     */
    public String vtysh(final String... commands) throws IOException, InterruptedException {
        final var command = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString()));
        for (var line : commands) {
            command.add("-c");
            command.add(line);
        }
        final var out = run(command);
        if (out.lines().anyMatch(l -> l.strip().startsWith("%"))) {
            throw new IllegalStateException("vtysh " + List.of(commands) + " failed: " + out);
        }
        return out;
    }

    /** The BMP and soft-reconfiguration lines of the running configuration, stripped, in order. */
    public List<String> bmpLines() throws IOException, InterruptedException {
        return vtysh("show running-config").lines().map(String::strip)
            .filter(l -> l.startsWith("bmp ") || l.startsWith("ip access-list") || l.startsWith("ipv6 access-list")
                || l.endsWith("soft-reconfiguration inbound"))
            .toList();
    }

    /** The last lines of one of the lab's logs. */
    public String tail(final String file) {
        final var path = dir.resolve(file);
        try {
            if (!Files.exists(path)) {
                return "(no " + file + ")";
            }
            final var lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            return "\n--- " + path + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20),
                lines.size()));
        } catch (IOException e) {
            return "(cannot read " + path + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(sshd);
        sshd = null;
        stop(bgpd);
        bgpd = null;
    }

    private static void stop(final Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String run(final List<String> command) throws IOException, InterruptedException {
        final var process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(new File("/dev/null")).start();
        final var output = CompletableFuture.supplyAsync(() -> {
            try (var in = process.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + LIMIT);
        }
        final String out;
        try {
            out = output.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the output of " + command, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + out);
        }
        return out;
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private FRR bgpd and a private GoBGP, on loopback only, in one directory the test owns: GoBGP on 127.0.0.4 and
 * FRR on 127.0.0.3 peer over iBGP (same AS, so the next hop GoBGP is given stays as it is: FRR treats 127/8 next
 * hops as martians) and both report over BMP to the controller's collector on 127.0.0.1. Nothing is installed as a
 * service, no system configuration is read or written; every process started here is stopped by {@link #close()}.
 */
final class RouterLab implements AutoCloseable {
    static final long AS = 65001;
    static final String FRR_ADDRESS = "127.0.0.3";
    static final String GOBGP_ADDRESS = "127.0.0.4";
    static final String FRR_HOSTNAME = "bmpfleet-frr";
    static final String GOBGP_SYS_NAME = "bmpfleet-gobgp";
    static final String GOBGP_SYS_DESCR = "GoBGP in the bmpfleet system test";
    static final String NEXT_HOP = "192.0.2.1";
    static final String NEXT_HOP6 = "2001:db8::1";

    private static final Logger LOG = LoggerFactory.getLogger(RouterLab.class);
    private static final String INSTALL_HINT = ".ci/run must install `frr gobgpd` (apt-get install -y frr gobgpd):"
        + " the real-router system test runs FRR bgpd and GoBGP";
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(20);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private final Path dir;
    private final int bmpPort;
    private final int frrBgpPort;
    private final int gobgpBgpPort;
    private final int gobgpApiPort;
    private final Binaries bin;
    private Process bgpd;
    private Process gobgpd;
    private Process dumpcap;

    private RouterLab(final Path dir, final int bmpPort, final Binaries bin, final int frrBgpPort,
            final int gobgpBgpPort, final int gobgpApiPort) {
        this.dir = dir;
        this.bmpPort = bmpPort;
        this.bin = bin;
        this.frrBgpPort = frrBgpPort;
        this.gobgpBgpPort = gobgpBgpPort;
        this.gobgpApiPort = gobgpApiPort;
    }

    /** The router binaries, or a failure that says what CI must install. */
    record Binaries(Path bgpd, Path vtysh, Path gobgpd, Path gobgp, Optional<Path> dumpcap) {
        static Binaries find() {
            final var missing = new ArrayList<String>();
            final var bgpd = executable("bgpd", List.of("/usr/lib/frr/bgpd", "/usr/sbin/bgpd"), missing);
            final var vtysh = executable("vtysh", List.of(), missing);
            final var gobgpd = executable("gobgpd", List.of(), missing);
            final var gobgp = executable("gobgp", List.of(), missing);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("not found: " + missing + "; " + INSTALL_HINT);
            }
            return new Binaries(bgpd, vtysh, gobgpd, gobgp, onPath("dumpcap"));
        }

        private static Path executable(final String name, final List<String> candidates, final List<String> missing) {
            for (var candidate : candidates) {
                final var path = Path.of(candidate);
                if (Files.isExecutable(path)) {
                    return path;
                }
            }
            final var found = onPath(name);
            if (found.isEmpty()) {
                missing.add(name);
                return null;
            }
            return found.orElseThrow();
        }

        private static Optional<Path> onPath(final String name) {
            final var path = System.getenv("PATH");
            final var dirs = new ArrayList<String>(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
            if (path != null) {
                dirs.addAll(0, List.of(path.split(File.pathSeparator)));
            }
            for (var entry : dirs) {
                final var candidate = Path.of(entry, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Prepares an empty directory and free ports; starts nothing.
     */
    static RouterLab create(final Path dir, final int bmpPort) throws IOException, InterruptedException {
        final var bin = Binaries.find();
        if (Files.exists(dir)) {
            run(List.of("rm", "-rf", dir.toString()), COMMAND_LIMIT);
        }
        Files.createDirectories(dir);
        return new RouterLab(dir, bmpPort, bin, KarafInstance.freePort(), KarafInstance.freePort(),
            KarafInstance.freePort());
    }

    Path dir() {
        return dir;
    }

    int gobgpApiPort() {
        return gobgpApiPort;
    }

    /** Captures the BMP session on lo for the record (best effort: without dumpcap the test runs on). */
    void startCapture(final Path file) throws IOException, InterruptedException {
        if (bin.dumpcap().isEmpty()) {
            LOG.warn("dumpcap not found: no BMP capture");
            return;
        }
        dumpcap = new ProcessBuilder(bin.dumpcap().orElseThrow().toString(), "-q", "-i", "lo", "-f",
            "tcp port " + bmpPort, "-w", file.toString(), "-P")
            .redirectErrorStream(true).redirectOutput(dir.resolve("dumpcap.out").toFile()).start();
        // dumpcap needs a moment to open the interface; what it misses is only the first retries.
        Thread.sleep(1000);
        if (!dumpcap.isAlive()) {
            LOG.warn("dumpcap exited with {}: no BMP capture; {}", dumpcap.exitValue(), tail("dumpcap.out"));
            dumpcap = null;
        }
    }

    /**
     * Stops the capture so that its file is complete.
     *
     * @return true if a capture was running
     */
    boolean stopCapture() throws InterruptedException {
        final boolean running = dumpcap != null;
        stop(dumpcap, "dumpcap");
        dumpcap = null;
        return running;
    }

    void startGobgp() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("gobgpd.toml"), """
            [global.config]
              as = %1$d
              router-id = "%2$s"
              port = %3$d
              local-address-list = ["%2$s"]

            [[neighbors]]
              [neighbors.config]
                neighbor-address = "%4$s"
                peer-as = %1$d
              [neighbors.transport.config]
                local-address = "%2$s"
                remote-port = %5$d
              [neighbors.timers.config]
                connect-retry = 1
                idle-hold-time-after-reset = 1
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv4-unicast"
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv6-unicast"

            [[bmp-servers]]
              [bmp-servers.config]
                address = "127.0.0.1"
                port = %6$d
                route-monitoring-policy = "all"
                statistics-timeout = 15
                sys-name = "%7$s"
                sys-descr = "%8$s"
            """.formatted(AS, GOBGP_ADDRESS, gobgpBgpPort, FRR_ADDRESS, frrBgpPort, bmpPort, GOBGP_SYS_NAME,
            GOBGP_SYS_DESCR), StandardCharsets.UTF_8);
        gobgpd = new ProcessBuilder(bin.gobgpd().toString(), "-f", dir.resolve("gobgpd.toml").toString(),
            "--api-hosts", "127.0.0.1:" + gobgpApiPort)
            .redirectErrorStream(true).redirectOutput(dir.resolve("gobgpd.log").toFile()).start();
        final long deadline = System.nanoTime() + COMMAND_LIMIT.toNanos();
        while (true) {
            alive(gobgpd, "gobgpd", "gobgpd.log");
            try {
                gobgp("global");
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("gobgpd API on 127.0.0.1:" + gobgpApiPort + " did not answer; "
                        + tail("gobgpd.log"), e);
                }
                Thread.sleep(200);
            }
        }
    }

    void startFrr() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("bgpd.conf"), """
            hostname %1$s
            !
            router bgp %2$d
             bgp router-id %3$s
             neighbor %4$s remote-as %2$d
             neighbor %4$s port %5$d
             neighbor %4$s update-source %3$s
             neighbor %4$s timers connect 1
             !
             address-family ipv4 unicast
              neighbor %4$s soft-reconfiguration inbound
             exit-address-family
             !
             address-family ipv6 unicast
              neighbor %4$s activate
              neighbor %4$s soft-reconfiguration inbound
             exit-address-family
             !
             bmp targets T1
              bmp monitor ipv4 unicast pre-policy
              bmp monitor ipv4 unicast post-policy
              bmp monitor ipv6 unicast pre-policy
              bmp monitor ipv6 unicast post-policy
              bmp stats interval 1000
              bmp connect 127.0.0.1 port %6$d min-retry 1000 max-retry 2000
             exit
            !
            """.formatted(FRR_HOSTNAME, AS, FRR_ADDRESS, GOBGP_ADDRESS, gobgpBgpPort, bmpPort),
            StandardCharsets.UTF_8);
        Files.deleteIfExists(dir.resolve("bgpd.vty"));
        bgpd = new ProcessBuilder(bin.bgpd().toString(), "-f", dir.resolve("bgpd.conf").toString(),
            "-i", dir.resolve("bgpd.pid").toString(), "-Z", "-S", "-n", "-l", FRR_ADDRESS, "-p",
            String.valueOf(frrBgpPort), "-M", "bmp", "-A", "127.0.0.1", "-P", "0", "--vty_socket", dir.toString(),
            "--log", "file:" + dir.resolve("bgpd.log"))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                dir.resolve("bgpd.out").toFile())).start();
        final long deadline = System.nanoTime() + COMMAND_LIMIT.toNanos();
        while (true) {
            alive(bgpd, "bgpd", "bgpd.out");
            try {
                final var config = vtysh("show running-config");
                if (!config.contains("bmp targets T1") || !config.contains("bmp connect 127.0.0.1 port " + bmpPort)) {
                    throw new IllegalStateException("bgpd did not take its BMP configuration: " + config + "\n"
                        + tail("bgpd.log"));
                }
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("bgpd's vty did not answer; " + tail("bgpd.out") + tail("bgpd.log"), e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** SIGTERM to bgpd and wait until it has exited (FRR 8.4 sends no BMP Termination then). */
    void stopFrr() throws InterruptedException {
        stop(bgpd, "bgpd");
        bgpd = null;
    }

    boolean frrRunning() {
        return bgpd != null && bgpd.isAlive();
    }

    boolean gobgpRunning() {
        return gobgpd != null && gobgpd.isAlive();
    }

    /** Waits until both ends see the iBGP session Established. */
    void awaitEstablished(final Duration limit) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        String frr = "";
        String gobgp = "";
        while (System.nanoTime() < deadline) {
            alive(bgpd, "bgpd", "bgpd.log");
            alive(gobgpd, "gobgpd", "gobgpd.log");
            frr = frrPeerState();
            gobgp = gobgp("neighbor", FRR_ADDRESS);
            if ("Established".equals(frr) && gobgp.toLowerCase(Locale.ROOT).contains("bgp state = established")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("iBGP session not Established within " + limit + ": FRR says " + frr
            + ", GoBGP says " + gobgp + "\n" + tail("bgpd.log") + tail("gobgpd.log"));
    }

    /** FRR's view of its neighbor GoBGP: state per {@code show bgp summary json}. */
    String frrPeerState() throws IOException, InterruptedException {
        final var peer = frrPeer();
        return peer == null || !peer.has("state") ? "absent" : peer.get("state").getAsString();
    }

    /** How many prefixes FRR received from GoBGP, per {@code show bgp summary json}. */
    long frrPrefixesReceived() throws IOException, InterruptedException {
        return frrPrefixesReceived("ipv4Unicast");
    }

    /**
     * Prefixes FRR received from GoBGP in one family.
     *
     * @param family FRR's JSON name: ipv4Unicast, ipv6Unicast
     * @return the count, -1 if the session or family is not there
     */
    long frrPrefixesReceived(final String family) throws IOException, InterruptedException {
        final var peer = frrPeer(family);
        return peer == null || !peer.has("pfxRcd") ? -1 : peer.get("pfxRcd").getAsLong();
    }

    private JsonObject frrPeer() throws IOException, InterruptedException {
        return frrPeer("ipv4Unicast");
    }

    private JsonObject frrPeer(final String family) throws IOException, InterruptedException {
        final var summary = JsonParser.parseString(vtysh("show bgp summary json")).getAsJsonObject();
        if (!summary.has(family)) {
            return null;
        }
        final var peers = summary.getAsJsonObject(family).getAsJsonObject("peers");
        return peers == null ? null : peers.getAsJsonObject(GOBGP_ADDRESS);
    }

    /** Changes FRR's configuration in {@code router bgp}, e.g. {@code neighbor 127.0.0.4 shutdown}. */
    void configureFrrBgp(final String... lines) throws IOException, InterruptedException {
        final var commands = new ArrayList<String>(List.of("configure terminal", "router bgp " + AS));
        commands.addAll(List.of(lines));
        commands.add("end");
        vtysh(commands.toArray(String[]::new));
    }

    /** Runs vtysh against this lab's bgpd; a '%' line in the output is an error even when vtysh exits 0. */
    String vtysh(final String... commands) throws IOException, InterruptedException {
        final var command = new ArrayList<String>(List.of(bin.vtysh().toString(), "--vty_socket", dir.toString()));
        for (var line : commands) {
            command.add("-c");
            command.add(line);
        }
        final var out = run(command, COMMAND_LIMIT);
        if (out.lines().anyMatch(l -> l.stripLeading().startsWith("%"))) {
            throw new IllegalStateException("vtysh " + List.of(commands) + " failed: " + out);
        }
        return out;
    }

    /** Runs the gobgp CLI against this lab's gobgpd. */
    String gobgp(final String... args) throws IOException, InterruptedException {
        final var command = new ArrayList<String>(List.of(bin.gobgp().toString(), "-u", "127.0.0.1", "-p",
            String.valueOf(gobgpApiPort)));
        command.addAll(List.of(args));
        return run(command, COMMAND_LIMIT);
    }

    /**
     * Gives GoBGP the test routes 10.77.i.0/24 (i below {@code count}) via {@link #NEXT_HOP}; every fifth also with
     * the community AS:i and MED i, so the attributes of some routes can be checked.
     */
    void addIpv4Routes(final int count) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            final var add = new ArrayList<>(List.of("global", "rib", "add", "-a", "ipv4", "10.77." + i + ".0/24",
                "nexthop", NEXT_HOP));
            if (i % 5 == 0) {
                add.addAll(List.of("community", AS + ":" + i, "med", String.valueOf(i)));
            }
            gobgp(add.toArray(String[]::new));
        }
    }

    String tail(final String file) {
        final var path = dir.resolve(file);
        try {
            if (!Files.exists(path)) {
                return "(no " + file + ")";
            }
            final var lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            return "--- " + path + " (last lines) ---\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
        } catch (IOException e) {
            return "(cannot read " + path + ": " + e + ")";
        }
    }

    private void alive(final Process process, final String name, final String log) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " is not running"
                + (process == null ? "" : " (exit " + process.exitValue() + ")") + "\n" + tail(log));
        }
    }

    /** Stops every process this lab started: SIGTERM, then SIGKILL after a bounded wait. */
    @Override
    public void close() throws InterruptedException {
        stop(bgpd, "bgpd");
        bgpd = null;
        stop(gobgpd, "gobgpd");
        gobgpd = null;
        stop(dumpcap, "dumpcap");
        dumpcap = null;
    }

    private static void stop(final Process process, final String name) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("{} (pid {}) ignored SIGTERM for {}; killing it", name, process.pid(), STOP_LIMIT);
            process.destroyForcibly();
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("{} (pid {}) survived SIGKILL for {}", name, process.pid(), STOP_LIMIT);
            }
        }
    }

    private static String run(final List<String> command, final Duration limit)
            throws IOException, InterruptedException {
        final var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final var output = CompletableFuture.supplyAsync(() -> {
            try (var in = process.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + limit);
        }
        final String out;
        try {
            out = output.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the output of " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + out);
        }
        return out;
    }
}

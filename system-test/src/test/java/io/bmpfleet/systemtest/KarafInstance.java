/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built bmpfleet distribution, unpacked into a fresh directory and run as a real Karaf process on free
 * loopback ports (HTTP, SSH, RMI), so that it never collides with a controller a developer has running.
 */
final class KarafInstance implements AutoCloseable {
    // Good boots answer in 13-30 s on 2 cores. A boot that has not answered in 75 s has met the known hang (AAA's
    // password service never gets its datastore notification; thread dumps show every thread idle): boot again.
    private static final Duration BOOT_LIMIT = Duration.ofSeconds(75);
    private static final int BOOT_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(KarafInstance.class);

    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private final int grpcPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // The AAA admin's password: set from BMPFLEET_ADMIN_PASSWORD at the first start, or (generated) read from the
    // file the controller writes.
    private volatile String adminPassword = "test-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    private boolean generated;

    private KarafInstance(final Path home, final int httpPort, final int sshPort, final int grpcPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
        this.grpcPort = grpcPort;
    }

    /**
     * Unpacks the distribution under {@code workdir} (wiping an older copy) and sets its ports.
     *
     * @param tarball the distribution archive
     * @param workdir where to unpack it
     * @return the instance, not started yet
     */
    static KarafInstance unpack(final Path tarball, final Path workdir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("no distribution at " + tarball + ": build it first (mvn install)");
        }
        if (Files.exists(workdir)) {
            run(workdir.getParent(), "rm", "-rf", workdir.toString());
        }
        Files.createDirectories(workdir);
        run(workdir, "tar", "xzf", tarball.toString(), "--strip-components=1");
        final int httpPort = freePort();
        setProperty(workdir.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", httpPort);
        final int sshPort = freePort();
        setProperty(workdir.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", sshPort);
        setProperty(workdir.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", freePort());
        setProperty(workdir.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", freePort());
        final int grpcPort = freePort();
        setProperty(workdir.resolve("etc/io.bmpfleet.grpc.cfg"), "port", grpcPort);
        setProperty(workdir.resolve("etc/io.bmpfleet.grpc.cfg"), "address", "127.0.0.1");
        movePorts(workdir, httpPort);
        return new KarafInstance(workdir, httpPort, sshPort, grpcPort);
    }

    Path home() {
        return home;
    }

    /**
     * Lets the controller generate the admin password at its first start (no BMPFLEET_ADMIN_PASSWORD), as a user's
     * first start does; the tests then read it from etc/bmpfleet-admin.properties.
     *
     * @return this
     */
    KarafInstance withGeneratedAdminPassword() {
        generated = true;
        adminPassword = null;
        return this;
    }

    /** The HTTP port (RESTCONF, AAA's user API). */
    int httpPort() {
        return httpPort;
    }

    /**
     * The admin password changed by the test (with AAA's user API): later calls use it.
     *
     * @param password the new password
     */
    void adminPasswordChanged(final String password) {
        adminPassword = password;
    }

    /** The AAA admin user's password (RESTCONF, gRPC), once known. */
    String adminPassword() {
        return adminPassword;
    }

    /** The file where the controller notes its first-start password. */
    Path adminPasswordFile() {
        return home.resolve("etc/bmpfleet-admin.properties");
    }

    /** The port of Karaf's SSH console (etc/org.apache.karaf.shell.cfg), for {@code bin/client -a}. */
    int sshPort() {
        return sshPort;
    }

    /**
     * Starts Karaf in the background and waits until RESTCONF answers for the bmpfleet model. A boot that has not
     * answered after {@link #BOOT_LIMIT} is killed and tried once more: about one boot in ten of this Karaf
     * never starts Jetty (pax-web), which is not what these tests are about.
     *
     * @return how long the successful boot took until the first RESTCONF answer
     */
    Duration start() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            final long begin = System.nanoTime();
            if (generated) {
                run(home, "bin/start");
            } else {
                run(home, Map.of("BMPFLEET_ADMIN_PASSWORD", adminPassword), "bin/start");
            }
            final long deadline = begin + BOOT_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (adminPassword == null && Files.exists(adminPasswordFile())) {
                    final var props = new Properties();
                    try (var in = Files.newInputStream(adminPasswordFile())) {
                        props.load(in);
                    }
                    adminPassword = props.getProperty("password");
                }
                try {
                    if (get("/rests/data/bmpfleet-state:bmpfleet-state", "application/json").statusCode() == 200) {
                        return Duration.ofNanos(System.nanoTime() - begin);
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            if (attempt == BOOT_ATTEMPTS) {
                throw new IllegalStateException("RESTCONF did not answer within " + BOOT_LIMIT + ", " + BOOT_ATTEMPTS
                    + " times; see "
                    + home.resolve("data/log/karaf.log"));
            }
            final var jvm = pid().flatMap(ProcessHandle::of);
            // Keep the hung JVM's threads for the record (the known hang: AAA waits for a datastore notification).
            final var dump = home.resolve("hung-boot-" + attempt + "-threads.txt");
            if (jvm.isPresent()) {
                try {
                    final var jcmd = new ProcessBuilder("jcmd", String.valueOf(jvm.orElseThrow().pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
                    jcmd.waitFor(60, TimeUnit.SECONDS);
                } catch (IOException e) {
                    LOG.warn("no thread dump of the hung Karaf", e);
                }
            }
            LOG.warn("RESTCONF did not answer within {}; threads in {}; killing this Karaf and booting again",
                BOOT_LIMIT, dump);
            if (jvm.isPresent()) {
                jvm.orElseThrow().destroyForcibly();
                try {
                    jvm.orElseThrow().onExit().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("the hung Karaf did not exit", e);
                }
            }
        }
    }

    /** Stops Karaf and waits until its JVM is gone (bin/status turns false before the JVM has exited). */
    void stop() throws IOException, InterruptedException {
        final var jvm = pid().flatMap(ProcessHandle::of);
        run(home, "bin/stop");
        if (jvm.isPresent()) {
            try {
                jvm.orElseThrow().onExit().get(90, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                jvm.orElseThrow().destroyForcibly();
            }
        }
    }

    private Optional<Long> pid() throws IOException {
        final var instances = home.resolve("instances/instance.properties");
        if (!Files.exists(instances)) {
            return Optional.empty();
        }
        final var props = new Properties();
        try (var in = Files.newInputStream(instances)) {
            props.load(in);
        }
        final var pid = props.getProperty("item.0.pid");
        return pid == null ? Optional.empty() : Optional.of(Long.valueOf(pid.trim()));
    }

    HttpResponse<String> get(final String path, final String accept) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    HttpResponse<String> send(final String method, final String path, final String json)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) throws IOException, InterruptedException {
        final var auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + (adminPassword == null ? "unknown"
            : adminPassword)).getBytes(StandardCharsets.UTF_8));
        return http.send(request.header("Authorization", auth).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The ports that files other than the .cfg ones pin: etc/jetty.xml's connector (pax-web binds it instead of
     * org.osgi.service.http.port, so a controller on 8181 made the boot fail) and the datastore's Akka port.
     */
    private static void movePorts(final Path workdir, final int httpPort) throws IOException {
        final var jetty = workdir.resolve("etc/jetty.xml");
        if (Files.exists(jetty)) {
            Files.writeString(jetty, Files.readString(jetty).replaceAll(
                "(<Property\\s+name=\"jetty\\.port\"\\s+default=\")\\d+(\")", "$1" + httpPort + "$2"));
        }
        final var akka = workdir.resolve("configuration/initial/akka.conf");
        if (Files.exists(akka)) {
            final int akkaPort = freePort();
            Files.writeString(akka, Files.readString(akka)
                .replaceAll("(canonical\\.port\\s*=\\s*)2550\\b", "$1" + akkaPort)
                .replace("@127.0.0.1:2550\"", "@127.0.0.1:" + akkaPort + "\""));
        }
    }

    /** The port of the distribution's gRPC API (bound to 127.0.0.1). */
    int grpcPort() {
        return grpcPort;
    }

    private static void setProperty(final Path file, final String key, final Object value) throws IOException {
        final var text = Files.readString(file);
        final var pattern = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*=.*$");
        if (!pattern.matcher(text).find()) {
            throw new IllegalStateException(key + " not found in " + file);
        }
        Files.writeString(file, pattern.matcher(text).replaceAll(key + " = " + value));
    }

    private static void run(final Path dir, final String... command) throws IOException, InterruptedException {
        run(dir, Map.of(), command);
    }

    private static void run(final Path dir, final Map<String, String> environment, final String... command)
            throws IOException, InterruptedException {
        final var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("BMPFLEET_ADMIN_PASSWORD");
        builder.environment().putAll(environment);
        final var process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " did not finish"));
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }
}

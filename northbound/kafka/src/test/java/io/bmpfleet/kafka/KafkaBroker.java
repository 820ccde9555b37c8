/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (Maven Central's kafka_2.13, KRaft: broker and controller in one process) in its own
 * JVM on loopback, for the tests. Its log directory stays between {@link #stop} and {@link #start}, so a restart
 * keeps the topics and their messages, as a broker's restart does.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int port;
    private final int controllerPort;
    private Process process;
    private int starts;

    /**
     * Formats a broker's storage in {@code home}.
     *
     * @param home its directory
     * @throws IOException when the directory cannot be written
     */
    public KafkaBroker(final Path home) throws IOException {
        this.home = home;
        port = freePort();
        controllerPort = freePort();
        final var config = home.resolve("server.properties");
        Files.writeString(config, String.join("\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + home.resolve("logs"),
            "num.partitions=1",
            "auto.create.topics.enable=true",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "message.max.bytes=20971520",
            ""), StandardCharsets.UTF_8);
        run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
            config.toString()), home.resolve("format.log"), true);
    }

    /**
     * Its client listener.
     *
     * @return host:port
     */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /**
     * Starts it and waits until it serves.
     *
     * @throws IOException when it cannot start
     * @throws InterruptedException when interrupted
     */
    public void start() throws IOException, InterruptedException {
        final var log = home.resolve("broker-" + ++starts + ".log");
        process = run(List.of("kafka.Kafka", home.resolve("server.properties").toString()), log, false);
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Kafka Server started")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited: " + tail(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Kafka broker did not start in " + START_TIMEOUT + ": " + tail(log));
    }

    /**
     * Stops it (as a broker is stopped: SIGTERM, a clean shutdown).
     *
     * @throws InterruptedException when interrupted
     */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private Process run(final List<String> mainAndArgs, final Path log, final boolean wait) throws IOException {
        final var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArgs);
        final var started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .start();
        if (wait) {
            try {
                if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
                    throw new IllegalStateException(mainAndArgs.get(0) + " failed: " + tail(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return started;
    }

    private static String tail(final Path log) {
        try {
            final var text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free loopback port.
     *
     * @return the port
     * @throws IOException when none can be found
     */
    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return ((InetSocketAddress) socket.getLocalSocketAddress()).getPort();
        }
    }
}

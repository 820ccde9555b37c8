/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco.sim;

import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.ssh.SshTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;

/**
 * A simulator: an in-process SSH server that plays a Cisco IOS router's BMP CLI, for tests: no Cisco router runs
 * here. It behaves as the Cisco IOS BMP configuration guide (the seed) shows: the prompts {@code Device>} until
 * {@code enable} (with the enable secret), {@code Device#}, {@code Device(config)#}, {@code Device(config-router)#},
 * {@code Device(config-router-bmpsrvr)#}; the guide's commands and their {@code no} forms, {@code terminal length},
 * {@code exit}, {@code end}; unknown or malformed commands answered with a caret under the error and
 * {@code % Invalid input detected at '^' marker.} (or {@code % Incomplete command.}); {@code show running-config |
 * section bmp} in the layout the driver's renderer produces (sub-mode lines indented by one blank) and
 * {@code show ip bgp bmp server summary} as in the guide. It keeps a configuration model of {@code router bgp AS}
 * with BMP servers, router-wide BMP settings and neighbor activations; it opens no BMP session to any station.
 *
 * <p>Test hooks: {@link #configure} changes the configuration behind a driver's back (drift), {@link #failOn}
 * makes a command fail with a {@code %} line, {@link #logins()}, {@link #failedLogins()}, {@link #commandCount()}
 * and {@link #commands()} count what was received.
 *
 * <p>Cheap in numbers: each simulator is one MINA {@link SshServer} on 127.0.0.1 with an ephemeral port and an
 * in-memory EC host key, but all simulators of a JVM share one cached I/O thread pool and one timer; a shell has
 * no thread of its own ({@link SimShell}). Password authentication only (no keyboard-interactive, no keys);
 * value ranges (delays 1-3600, servers 1-10, dscp 0-63, buffer-size 1-2048) are the simulator's assumptions.
 */
public final class CiscoIosSimulator implements AutoCloseable {
    /** The host name of the guide's examples, hence the prompts' {@code Device}. */
    public static final String DEFAULT_HOSTNAME = "Device";

    private static final CloseableExecutorService SHARED_IO = ThreadUtils.newCachedThreadPool("ios-sim-io");
    private static final ScheduledExecutorService SHARED_TIMER =
        ThreadUtils.newSingleThreadScheduledExecutor("ios-sim-timer");
    private static final int COMMAND_LOG = 10_000;

    private final String hostname;
    private final String username;
    private final String password;
    private final String enableSecret;
    private final KeyPair hostKeyPair;
    private final SshServer server;
    private final IosConfigModel model = new IosConfigModel();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger failedLogins = new AtomicInteger();
    private final AtomicInteger commandCount = new AtomicInteger();
    private final ArrayDeque<String> commandLog = new ArrayDeque<>();
    private volatile boolean requireKnownNeighbors;

    private CiscoIosSimulator(final Builder builder) throws IOException {
        hostname = builder.hostname;
        username = builder.username;
        password = builder.password;
        enableSecret = builder.enableSecret;
        hostKeyPair = builder.keyPair != null ? builder.keyPair : generateKeyPair();
        model.bgpAs = builder.bgpAs;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(builder.port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeyPair));
        server.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
        server.setPasswordAuthenticator((user, pass, session) -> authenticate(user, pass));
        server.setShellFactory(channel -> new SimShell(new IosCliSession(this, IosCliSession.Mode.USER, false)));
        server.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory(() -> ThreadUtils.noClose(SHARED_IO)));
        server.setScheduledExecutorService(SHARED_TIMER, false);
        server.start();
    }

    /**
     * A simulator with the guide's host name and no BGP configuration yet.
     *
     * @param username the login name
     * @param password its password
     * @param enableSecret the enable secret, or null for an {@code enable} that asks for none
     * @return the running simulator; close it
     * @throws IOException when the SSH server cannot start
     */
    public static CiscoIosSimulator start(final String username, final String password, final String enableSecret)
            throws IOException {
        return builder().credentials(username, password).enableSecret(enableSecret).start();
    }

    /**
     * Options for a simulator.
     *
     * @return a builder with the guide's host name, user {@code admin}, password {@code admin}, no enable secret
     */
    public static Builder builder() {
        return new Builder();
    }

    private static KeyPair generateKeyPair() {
        try {
            final var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC host key", e);
        }
    }

    private boolean authenticate(final String user, final String pass) {
        final boolean ok = username.equals(user) && password.equals(pass);
        (ok ? logins : failedLogins).incrementAndGet();
        return ok;
    }

    /**
     * The address the SSH server listens on.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return "127.0.0.1";
    }

    /**
     * The SSH server's ephemeral port.
     *
     * @return the port
     */
    public int port() {
        return server.getPort();
    }

    /**
     * The host key's fingerprint, as the driver's SSH transport computes it.
     *
     * @return {@code SHA256:...}
     */
    public String hostKey() {
        return SshTransport.fingerprint(hostKeyPair.getPublic());
    }

    /**
     * How to reach this simulator with its credentials, its host key pinned.
     *
     * @return the endpoint
     */
    public Endpoint endpoint() {
        return new Endpoint(host(), port(), username, password, enableSecret, hostKey());
    }

    /**
     * The host name the prompts show.
     *
     * @return the host name
     */
    public String hostname() {
        return hostname;
    }

    String enableSecret() {
        return enableSecret;
    }

    IosConfigModel model() {
        return model;
    }

    /**
     * What {@code show running-config | section bmp} prints now.
     *
     * @return the text
     */
    public String runningConfig() {
        synchronized (model) {
            return model.sectionBmp();
        }
    }

    /**
     * What {@code show ip bgp bmp server summary} prints now.
     *
     * @return the text
     */
    public String serverSummary() {
        synchronized (model) {
            return model.summary();
        }
    }

    /**
     * The AS of {@code router bgp}, or null when BGP is not configured.
     *
     * @return the AS
     */
    public Long bgpAs() {
        synchronized (model) {
            return model.bgpAs;
        }
    }

    /**
     * Changes the configuration behind the driver's back: the commands are run in router configuration mode
     * ({@code router bgp AS}), as an operator would type them, without being counted or failed by {@link #failOn}.
     *
     * @param commands router configuration mode commands, e.g. {@code bmp server 1}, {@code flapping-delay 60},
     *     {@code exit-bmp-server-mode}
     * @throws IllegalArgumentException when the CLI refuses one (the message is its answer)
     */
    public void configure(final String... commands) {
        final var session = new IosCliSession(this, IosCliSession.Mode.ROUTER, true);
        synchronized (model) {
            if (model.bgpAs == null) {
                throw new IllegalArgumentException("router bgp is not configured");
            }
            for (var command : commands) {
                final var output = session.execute(command);
                if (output.contains("%")) {
                    throw new IllegalArgumentException(command + ": " + output.strip());
                }
            }
        }
    }

    /**
     * Makes a command fail with IOS's invalid-input answer (caret under its first word).
     *
     * @param command the command, as typed (blanks between words do not matter)
     */
    public void failOn(final String command) {
        failures.put(normalise(command), "");
    }

    /**
     * Makes a command fail with the given answer, which should start with {@code %}.
     *
     * @param command the command, as typed (blanks between words do not matter)
     * @param answer what the router prints instead of executing it
     */
    public void failOn(final String command, final String answer) {
        failures.put(normalise(command), answer);
    }

    /** Lets every command work again. */
    public void clearFailures() {
        failures.clear();
    }

    String failure(final String command) {
        return failures.get(command);
    }

    private static String normalise(final String command) {
        return IosCliSession.Words.of(command).joined();
    }

    /**
     * Whether {@code neighbor X bmp-activate} needs {@code neighbor X remote-as N} first, as IOS does.
     *
     * @param require true to refuse activations of unknown neighbors
     */
    public void requireKnownNeighbors(final boolean require) {
        requireKnownNeighbors = require;
    }

    boolean requiresKnownNeighbors() {
        return requireKnownNeighbors;
    }

    void received(final String command) {
        commandCount.incrementAndGet();
        synchronized (commandLog) {
            if (commandLog.size() == COMMAND_LOG) {
                commandLog.removeFirst();
            }
            commandLog.addLast(command);
        }
    }

    /**
     * Successful SSH logins.
     *
     * @return the count
     */
    public int logins() {
        return logins.get();
    }

    /**
     * Refused SSH password attempts.
     *
     * @return the count
     */
    public int failedLogins() {
        return failedLogins.get();
    }

    /**
     * Command lines received at any prompt (the enable secret is not one).
     *
     * @return the count
     */
    public int commandCount() {
        return commandCount.get();
    }

    /**
     * The last command lines received (at most 10,000), oldest first, blanks between words collapsed.
     *
     * @return a copy
     */
    public List<String> commands() {
        synchronized (commandLog) {
            return new ArrayList<>(commandLog);
        }
    }

    /** Sets the login and command counters back to zero and empties the command log. */
    public void resetCounters() {
        logins.set(0);
        failedLogins.set(0);
        commandCount.set(0);
        synchronized (commandLog) {
            commandLog.clear();
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options of a {@link CiscoIosSimulator}. */
    public static final class Builder {
        private String hostname = DEFAULT_HOSTNAME;
        private String username = "admin";
        private String password = "admin";
        private String enableSecret;
        private Long bgpAs;
        private KeyPair keyPair;
        private int port;

        private Builder() {
            // Through builder().
        }

        /**
         * The host name the prompts show.
         *
         * @param name the host name
         * @return this
         */
        public Builder hostname(final String name) {
            hostname = name;
            return this;
        }

        /**
         * The one user that may log in.
         *
         * @param user the login name
         * @param pass its password
         * @return this
         */
        public Builder credentials(final String user, final String pass) {
            username = user;
            password = pass;
            return this;
        }

        /**
         * The secret {@code enable} asks for.
         *
         * @param secret the secret, or null for none
         * @return this
         */
        public Builder enableSecret(final String secret) {
            enableSecret = secret;
            return this;
        }

        /**
         * Starts with {@code router bgp AS} configured (and nothing of BMP).
         *
         * @param as the AS
         * @return this
         */
        public Builder bgpAs(final long as) {
            bgpAs = as;
            return this;
        }

        /**
         * The host key pair, e.g. one shared by many simulators to save generating one each.
         *
         * @param pair the key pair
         * @return this
         */
        public Builder hostKey(final KeyPair pair) {
            keyPair = pair;
            return this;
        }

        /**
         * The port to listen on, e.g. the port of a simulator that was stopped, to stand for the same device (a
         * router replaced, or its key regenerated); 0 (the default) for any free port.
         *
         * @param listen the port
         * @return this
         */
        public Builder port(final int listen) {
            port = listen;
            return this;
        }

        /**
         * Starts the simulator.
         *
         * @return the running simulator; close it
         * @throws IOException when the SSH server cannot start
         */
        public CiscoIosSimulator start() throws IOException {
            return new CiscoIosSimulator(this);
        }
    }
}

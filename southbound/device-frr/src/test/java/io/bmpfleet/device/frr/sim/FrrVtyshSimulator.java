/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr.sim;

import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.ssh.SshTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;

/**
 * A simulator: an in-process SSH server that plays an FRR 8.4 router's {@code vtysh} for tests; no FRR (no bgpd,
 * no vtysh) runs here. Its exec channel takes the command lines the FRR driver sends,
 * {@code vtysh [--vty_socket 'DIR'] -c 'command' -c 'command' ...}, with the words quoted as a POSIX shell reads
 * them, and answers as vtysh 8.4.4 does against bgpd started with {@code -M bmp} (see {@link Vtysh} for the
 * command semantics, {@link BgpdConfig} for what is kept and how {@code show running-config} writes it): the
 * configuration is kept in memory in FRR's canonical form ({@code bmp connect ... min-retry A max-retry B} with
 * both retries, defaults 30000 and 720000; {@code bmp stats} as {@code bmp stats interval 60000}); errors go to
 * standard output with a {@code %} ({@code % Unknown command: ...}, {@code % Command incomplete: ...}) and exit
 * status 1, warnings ({@code % No such active connection found}, FRR 8.4's answer to removing a connect with a
 * source interface) with exit status 0. Any other program than vtysh is "not found" (exit 127); no shell runs.
 *
 * <p>Test hooks: {@link #configure} and {@link #vtysh} change the configuration behind a driver's back (drift),
 * {@link #failOn} makes commands fail, {@link #logins()}, {@link #execCount()}, {@link #commandCount()},
 * {@link #configurationPushes()} and {@link #commands()} count what was received.
 *
 * <p>Cheap in numbers, like the Cisco simulator: each simulator is one MINA {@link SshServer} on 127.0.0.1 with an
 * ephemeral port and an in-memory EC host key (or a shared one), and all simulators of a JVM share one cached I/O
 * thread pool and one timer; an exec request has no thread of its own ({@link VtyshExec}). Password
 * authentication only. Not simulated: VRFs, peer groups, keyword abbreviations, the interactive vtysh, any
 * {@code show} but {@code show running-config}, and BMP sessions (it opens none).
 */
public final class FrrVtyshSimulator implements AutoCloseable {
    /** The host name {@code show running-config} shows unless one is given. */
    public static final String DEFAULT_HOSTNAME = "frr";

    private static final CloseableExecutorService SHARED_IO = ThreadUtils.newCachedThreadPool("frr-sim-io");
    private static final ScheduledExecutorService SHARED_TIMER =
        ThreadUtils.newSingleThreadScheduledExecutor("frr-sim-timer");
    private static final int COMMAND_LOG = 10_000;

    /**
     * What one exec request printed and its exit status.
     *
     * @param exitStatus the exit status
     * @param output standard output
     * @param error standard error
     */
    record ExecResult(int exitStatus, String output, String error) {
    }

    private final String username;
    private final String password;
    private final String vtySocket;
    private final KeyPair hostKeyPair;
    private final SshServer server;
    private final BgpdConfig config;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger failedLogins = new AtomicInteger();
    private final AtomicInteger execCount = new AtomicInteger();
    private final AtomicInteger commandCount = new AtomicInteger();
    private final AtomicInteger configurationPushes = new AtomicInteger();
    private final ArrayDeque<String> commandLog = new ArrayDeque<>();

    private FrrVtyshSimulator(final Builder builder) throws IOException {
        username = builder.username;
        password = builder.password;
        vtySocket = builder.vtySocket;
        hostKeyPair = builder.keyPair != null ? builder.keyPair : generateKeyPair();
        config = new BgpdConfig(builder.hostname);
        config.as = builder.bgpAs;
        config.routerId = builder.routerId;
        builder.neighbors.forEach((peer, remote) -> config.neighbors.put(InetText.canonical(peer), remote));
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeyPair));
        server.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
        server.setPasswordAuthenticator((user, pass, session) -> authenticate(user, pass));
        server.setCommandFactory((channel, command) -> new VtyshExec(this, command));
        server.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory(() -> ThreadUtils.noClose(SHARED_IO)));
        server.setScheduledExecutorService(SHARED_TIMER, false);
        // An exec answer is several small SSH messages (data, exit status, EOF, close): without TCP_NODELAY, Nagle
        // and the client's delayed ACKs add some 40 ms to each of them on loopback.
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.start();
    }

    /**
     * Options for a simulator.
     *
     * @return a builder with host name {@value #DEFAULT_HOSTNAME}, user {@code admin}, password {@code admin}, no
     *     {@code router bgp}, any vty socket accepted
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
        return new Endpoint(host(), port(), username, password, null, hostKey());
    }

    /**
     * The AS of {@code router bgp}, or null when BGP is not configured.
     *
     * @return the AS
     */
    public Long bgpAs() {
        synchronized (config) {
            return config.as;
        }
    }

    /**
     * What {@code show running-config} prints now.
     *
     * @return the text
     */
    public String runningConfig() {
        synchronized (config) {
            return config.text();
        }
    }

    /**
     * The BMP, access-list and soft-reconfiguration lines of the running configuration, stripped, in order (as
     * {@code FrrSshLab.bmpLines()} gives them of a real bgpd).
     *
     * @return the lines
     */
    public List<String> bmpLines() {
        return runningConfig().lines().map(String::strip)
            .filter(l -> l.startsWith("bmp ") || l.startsWith("ip access-list") || l.startsWith("ipv6 access-list")
                || l.endsWith("soft-reconfiguration inbound"))
            .toList();
    }

    /**
     * Runs vtysh commands as an operator on the router would ({@code vtysh -c ... -c ...}), from the enable node,
     * without counting them and without {@link #failOn} failures.
     *
     * @param commands one {@code -c} each
     * @return what vtysh printed
     * @throws IllegalStateException when vtysh refused a command or printed a {@code %} line
     */
    public String vtysh(final String... commands) {
        final Vtysh.Result result;
        synchronized (config) {
            result = Vtysh.run(config, List.of(commands), null);
        }
        if (result.exitStatus() != 0 || result.output().lines().anyMatch(l -> l.strip().startsWith("%"))) {
            throw new IllegalStateException("vtysh " + List.of(commands) + " failed: " + result.output().strip());
        }
        return result.output();
    }

    /**
     * Changes the configuration behind the driver's back: the commands run inside {@code router bgp AS}
     * ({@code configure terminal}, {@code router bgp AS}, the commands, {@code end}), see {@link #vtysh}.
     *
     * @param commands router configuration commands, e.g. {@code bmp targets T1}, {@code bmp stats interval 5000},
     *     {@code exit}
     * @throws IllegalStateException when BGP is not configured or vtysh refused a command
     */
    public void configure(final String... commands) {
        final var as = bgpAs();
        if (as == null) {
            throw new IllegalStateException("router bgp is not configured");
        }
        final var all = new ArrayList<String>(commands.length + 3);
        all.add("configure terminal");
        all.add("router bgp " + as);
        all.addAll(List.of(commands));
        all.add("end");
        vtysh(all.toArray(String[]::new));
    }

    /**
     * Makes every command that starts with the given words fail as vtysh refuses an unknown command: it is not
     * run, {@code % Unknown command: COMMAND} is printed, and vtysh ends with exit status 1 (what ran before it in
     * the same call stays, as on FRR).
     *
     * @param commandPrefix the first words of the command (blanks between words do not matter)
     */
    public void failOn(final String commandPrefix) {
        failures.put(String.join(" ", Vtysh.words(commandPrefix)), "");
    }

    /**
     * Makes every command that starts with the given words fail with the given answer, and vtysh end with exit
     * status 1.
     *
     * @param commandPrefix the first words of the command (blanks between words do not matter)
     * @param answer what vtysh prints instead of running it, e.g. {@code % Command incomplete: ...}
     */
    public void failOn(final String commandPrefix, final String answer) {
        failures.put(String.join(" ", Vtysh.words(commandPrefix)), answer);
    }

    /** Lets every command work again. */
    public void clearFailures() {
        failures.clear();
    }

    private String failure(final String command) {
        for (var entry : failures.entrySet()) {
            final var prefix = entry.getKey();
            if (command.equals(prefix) || command.startsWith(prefix + " ")) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Answers one exec request. */
    ExecResult execute(final String commandLine) {
        execCount.incrementAndGet();
        final List<String> words;
        try {
            words = shellWords(commandLine);
        } catch (IllegalArgumentException e) {
            return new ExecResult(2, "", "sh: 1: Syntax error: Unterminated quoted string\n");
        }
        if (words.isEmpty()) {
            return new ExecResult(0, "", "");
        }
        final var program = words.get(0);
        if (!program.equals("vtysh") && !program.endsWith("/vtysh")) {
            return new ExecResult(127, "", "sh: 1: " + program + ": not found\n");
        }
        final var commands = new ArrayList<String>();
        String socket = null;
        for (int i = 1; i < words.size(); i++) {
            final var word = words.get(i);
            if (word.equals("-c") || word.equals("--command") || word.equals("--vty_socket") || word.equals("-d")
                    || word.equals("--daemon")) {
                if (i + 1 == words.size()) {
                    return new ExecResult(1, "", word.startsWith("--")
                        ? "vtysh: option '" + word + "' requires an argument\n" + usage()
                        : "vtysh: option requires an argument -- '" + word.charAt(1) + "'\n" + usage());
                }
                final var value = words.get(++i);
                if (word.equals("-c") || word.equals("--command")) {
                    commands.add(value);
                } else if (word.equals("--vty_socket")) {
                    socket = value;
                }
            } else if (word.startsWith("--command=")) {
                commands.add(word.substring("--command=".length()));
            } else if (word.startsWith("--vty_socket=")) {
                socket = word.substring("--vty_socket=".length());
            } else if (word.startsWith("--")) {
                return new ExecResult(1, "", "vtysh: unrecognized option '" + word + "'\n" + usage());
            } else if (word.startsWith("-") && word.length() > 1) {
                return new ExecResult(1, "", "vtysh: invalid option -- '" + word.charAt(1) + "'\n" + usage());
            }
        }
        if (vtySocket != null && !vtySocket.equals(socket)) {
            return new ExecResult(1, "", "Exiting: failed to connect to any daemons.\n");
        }
        if (commands.isEmpty()) {
            return new ExecResult(1, "", "vtysh (simulator): only 'vtysh -c COMMAND ...' is simulated, not the"
                + " interactive shell\n");
        }
        received(commands);
        final Vtysh.Result result;
        synchronized (config) {
            result = Vtysh.run(config, commands, this::failure);
        }
        return new ExecResult(result.exitStatus(), result.output(), "");
    }

    private static String usage() {
        return "Try `vtysh --help' for more information.\n";
    }

    private void received(final List<String> commands) {
        commandCount.addAndGet(commands.size());
        if (commands.stream().map(Vtysh::words).anyMatch(w -> !w.isEmpty() && w.get(0).equals("configure"))) {
            configurationPushes.incrementAndGet();
        }
        synchronized (commandLog) {
            for (var command : commands) {
                if (commandLog.size() == COMMAND_LOG) {
                    commandLog.removeFirst();
                }
                commandLog.addLast(String.join(" ", Vtysh.words(command)));
            }
        }
    }

    /**
     * Splits a command line into words as a POSIX shell does for quoting: blanks separate words outside quotes,
     * {@code '...'} is literal, {@code "..."} keeps all but {@code \"}, {@code \\}, {@code \$} and {@code \`}
     * escapes, a backslash outside quotes takes the next character literally. No expansions.
     *
     * @param line the command line
     * @return the words
     * @throws IllegalArgumentException when a quote is not closed
     */
    static List<String> shellWords(final String line) {
        final var words = new ArrayList<String>();
        final var word = new StringBuilder();
        boolean inWord = false;
        int at = 0;
        while (at < line.length()) {
            final char ch = line.charAt(at++);
            if (ch == '\'') {
                final int close = line.indexOf('\'', at);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated quote");
                }
                word.append(line, at, close);
                at = close + 1;
                inWord = true;
            } else if (ch == '"') {
                boolean closed = false;
                while (at < line.length()) {
                    final char in = line.charAt(at++);
                    if (in == '"') {
                        closed = true;
                        break;
                    }
                    if (in == '\\' && at < line.length() && "\"\\$`".indexOf(line.charAt(at)) >= 0) {
                        word.append(line.charAt(at++));
                    } else {
                        word.append(in);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quote");
                }
                inWord = true;
            } else if (ch == '\\') {
                if (at < line.length()) {
                    word.append(line.charAt(at++));
                }
                inWord = true;
            } else if (ch == ' ' || ch == '\t' || ch == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
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
     * SSH exec requests received (one per vtysh call the driver makes).
     *
     * @return the count
     */
    public int execCount() {
        return execCount.get();
    }

    /**
     * vtysh {@code -c} commands received over SSH.
     *
     * @return the count
     */
    public int commandCount() {
        return commandCount.get();
    }

    /**
     * vtysh calls over SSH that entered configuration mode ({@code configure terminal}): configuration pushes.
     *
     * @return the count
     */
    public int configurationPushes() {
        return configurationPushes.get();
    }

    /**
     * The last {@code -c} commands received over SSH (at most 10,000), oldest first, blanks between words
     * collapsed.
     *
     * @return a copy
     */
    public List<String> commands() {
        synchronized (commandLog) {
            return new ArrayList<>(commandLog);
        }
    }

    /** Sets the counters back to zero and empties the command log. */
    public void resetCounters() {
        logins.set(0);
        failedLogins.set(0);
        execCount.set(0);
        commandCount.set(0);
        configurationPushes.set(0);
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

    /** Options of a {@link FrrVtyshSimulator}. */
    public static final class Builder {
        private String hostname = DEFAULT_HOSTNAME;
        private String username = "admin";
        private String password = "admin";
        private Long bgpAs;
        private String routerId;
        private final Map<String, String> neighbors = new LinkedHashMap<>();
        private String vtySocket;
        private KeyPair keyPair;

        private Builder() {
            // Through builder().
        }

        /**
         * The host name {@code show running-config} shows.
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
         * Starts with {@code bgp router-id ID} in {@code router bgp}.
         *
         * @param id a dotted-quad router id
         * @return this
         */
        public Builder routerId(final String id) {
            routerId = id;
            return this;
        }

        /**
         * Starts with {@code neighbor ADDRESS remote-as AS} in {@code router bgp}: soft-reconfiguration is refused
         * for neighbors that are not configured, as on FRR.
         *
         * @param address the neighbor's address
         * @param remoteAs its AS
         * @return this
         */
        public Builder neighbor(final String address, final long remoteAs) {
            neighbors.put(address, String.valueOf(remoteAs));
            return this;
        }

        /**
         * Makes vtysh find its daemons only with {@code --vty_socket DIR}, as an FRR started with a private
         * socket directory; without it ("Exiting: failed to connect to any daemons.", exit 1) any is accepted.
         *
         * @param dir the socket directory
         * @return this
         */
        public Builder vtySocket(final String dir) {
            vtySocket = dir;
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
         * Starts the simulator.
         *
         * @return the running simulator; close it
         * @throws IOException when the SSH server cannot start
         */
        public FrrVtyshSimulator start() throws IOException {
            return new FrrVtyshSimulator(this);
        }
    }
}

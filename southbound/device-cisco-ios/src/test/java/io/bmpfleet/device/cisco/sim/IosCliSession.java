/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco.sim;

import io.bmpfleet.device.cisco.IosBmpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One simulated IOS command line: the mode it is in and the commands each mode takes. A line goes in, the text the
 * router prints before its next prompt comes out (lines end in {@code \n}). Errors are IOS's: a caret under the
 * offending word and {@code % Invalid input detected at '^' marker.}, or {@code % Incomplete command.}.
 */
final class IosCliSession {
    /** The CLI modes, with their prompt suffixes. */
    enum Mode {
        USER(">"),
        PRIVILEGED("#"),
        CONFIG("(config)#"),
        ROUTER("(config-router)#"),
        BMP_SERVER("(config-router-bmpsrvr)#");

        private final String suffix;

        Mode(final String suffix) {
            this.suffix = suffix;
        }
    }

    static final String INVALID = "% Invalid input detected at '^' marker.";
    static final String INCOMPLETE = "% Incomplete command.";

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
        + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z][A-Za-z-]*\\s*\\d[\\d/.:]*");
    private static final long MAX_AS = 4294967295L;
    private static final int MAX_SERVER = 10;
    private static final int MAX_DELAY = 3600;

    private final CiscoIosSimulator sim;
    private final boolean internal;
    private Mode mode;
    private int server;
    private int passwordTries;
    private boolean closed;

    IosCliSession(final CiscoIosSimulator sim, final Mode mode, final boolean internal) {
        this.sim = sim;
        this.mode = mode;
        this.internal = internal;
    }

    String prompt() {
        return passwordTries > 0 ? "Password: " : sim.hostname() + mode.suffix;
    }

    boolean echo() {
        return passwordTries == 0;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Runs one line typed at the prompt.
     *
     * @param line the line, without its end
     * @return what the router prints before the next prompt
     */
    String execute(final String line) {
        if (passwordTries > 0) {
            return enableSecret(line);
        }
        final var words = Words.of(line);
        if (words.size() == 0) {
            return "";
        }
        final var canonical = words.joined();
        if (!internal) {
            sim.received(canonical);
            final var failure = sim.failure(canonical);
            if (failure != null) {
                return failure.isEmpty() ? caret(0) : failure + "\n";
            }
        }
        try {
            synchronized (sim.model()) {
                return switch (mode) {
                    case USER -> user(words);
                    case PRIVILEGED -> privileged(words);
                    case CONFIG -> config(words);
                    case ROUTER -> router(words);
                    case BMP_SERVER -> bmpServer(words);
                };
            }
        } catch (CliError e) {
            return e.position < 0 ? e.getMessage() : caret(words.start(e.position));
        }
    }

    private String caret(final int column) {
        return " ".repeat(prompt().length() + column) + "^\n" + INVALID + "\n\n";
    }

    private String enableSecret(final String line) {
        if (line.equals(sim.enableSecret())) {
            passwordTries = 0;
            mode = Mode.PRIVILEGED;
            return "";
        }
        if (passwordTries < 3) {
            passwordTries++;
            return "";
        }
        passwordTries = 0;
        return "% Bad secrets\n\n";
    }

    private String user(final Words words) throws CliError {
        switch (words.get(0)) {
            case "enable":
                words.end(1);
                if (sim.enableSecret() == null) {
                    mode = Mode.PRIVILEGED;
                } else {
                    passwordTries = 1;
                }
                return "";
            case "terminal":
                return terminal(words);
            case "exit":
            case "logout":
                words.end(1);
                closed = true;
                return "";
            default:
                throw new CliError(0);
        }
    }

    private String privileged(final Words words) throws CliError {
        switch (words.get(0)) {
            case "configure":
                words.keyword(1, "terminal");
                words.end(2);
                mode = Mode.CONFIG;
                return "Enter configuration commands, one per line.  End with CNTL/Z.\n";
            case "show":
                return show(words);
            case "terminal":
                return terminal(words);
            case "enable":
                words.end(1);
                return "";
            case "disable":
                words.end(1);
                mode = Mode.USER;
                return "";
            case "exit":
            case "logout":
                words.end(1);
                closed = true;
                return "";
            default:
                throw new CliError(0);
        }
    }

    private static String terminal(final Words words) throws CliError {
        words.keyword(1, "length", "width");
        words.number(2, 0, 512);
        words.end(3);
        return "";
    }

    private String show(final Words words) throws CliError {
        final var model = sim.model();
        final var command = words.joined();
        if (command.equals("show running-config | section bmp")) {
            return model.sectionBmp();
        }
        if (command.equals("show ip bgp bmp server summary")) {
            return model.summary();
        }
        if (command.equals("show running-config")) {
            final var out = new StringBuilder("Building configuration...\n\n!\nhostname ").append(sim.hostname())
                .append("\n!\n");
            if (model.bgpAs != null) {
                out.append("router bgp ").append(model.bgpAs).append('\n');
                for (var line : model.sectionBmp().split("\n")) {
                    if (!line.isEmpty()) {
                        out.append(' ').append(line).append('\n');
                    }
                }
                out.append("!\n");
            }
            return out.append("end\n").toString();
        }
        final int differs = words.firstDifference("show running-config | section bmp",
            "show ip bgp bmp server summary");
        throw differs < words.size() ? new CliError(differs) : new CliError(INCOMPLETE + "\n\n");
    }

    private String config(final Words words) throws CliError {
        final var model = sim.model();
        switch (words.get(0)) {
            case "router": {
                words.keyword(1, "bgp");
                final long as = words.number(2, 1, MAX_AS);
                words.end(3);
                if (model.bgpAs != null && model.bgpAs != as) {
                    return "% BGP is already running; AS is " + model.bgpAs + "\n";
                }
                model.bgpAs = as;
                mode = Mode.ROUTER;
                return "";
            }
            case "no": {
                words.keyword(1, "router");
                words.keyword(2, "bgp");
                final long as = words.number(3, 1, MAX_AS);
                words.end(4);
                if (model.bgpAs != null && model.bgpAs == as) {
                    model.bgpAs = null;
                    model.servers.clear();
                    model.activations.clear();
                    model.neighbors.clear();
                    model.bufferSize = null;
                    model.refreshDelay = null;
                    model.refreshSkip = false;
                }
                return "";
            }
            case "end":
            case "exit":
                words.end(1);
                mode = Mode.PRIVILEGED;
                return "";
            default:
                throw new CliError(0);
        }
    }

    private String router(final Words words) throws CliError {
        switch (words.get(0)) {
            case "bmp":
                bmp(words, 1, false);
                return "";
            case "neighbor":
                return neighbor(words, 1, false);
            case "no":
                switch (words.keyword(1, "bmp", "neighbor")) {
                    case "bmp":
                        bmp(words, 2, true);
                        return "";
                    default:
                        return neighbor(words, 2, true);
                }
            case "exit":
                words.end(1);
                mode = Mode.CONFIG;
                return "";
            case "end":
                words.end(1);
                mode = Mode.PRIVILEGED;
                return "";
            default:
                throw new CliError(0);
        }
    }

    private void bmp(final Words words, final int at, final boolean no) throws CliError {
        final var model = sim.model();
        switch (words.keyword(at, "server", "buffer-size", "initial-refresh")) {
            case "server": {
                final int id = (int) words.number(at + 1, 1, MAX_SERVER);
                words.end(at + 2);
                if (no) {
                    model.servers.remove(id);
                } else {
                    model.servers.computeIfAbsent(id, key -> new IosConfigModel.Server());
                    server = id;
                    mode = Mode.BMP_SERVER;
                }
                return;
            }
            case "buffer-size":
                if (no) {
                    words.optionalNumber(at + 1, 1, 2048);
                    model.bufferSize = null;
                } else {
                    model.bufferSize = words.number(at + 1, 1, 2048);
                    words.end(at + 2);
                }
                return;
            default:
                if (no) {
                    model.refreshDelay = null;
                    model.refreshSkip = false;
                    return;
                }
                if (words.keyword(at + 1, "delay", "skip").equals("skip")) {
                    words.end(at + 2);
                    model.refreshSkip = true;
                    model.refreshDelay = null;
                } else {
                    model.refreshDelay = (int) words.number(at + 2, 1, MAX_DELAY);
                    words.end(at + 3);
                    model.refreshSkip = false;
                }
        }
    }

    private String neighbor(final Words words, final int at, final boolean no) throws CliError {
        final var model = sim.model();
        final var neighbor = words.get(at);
        if (neighbor == null) {
            throw new CliError(INCOMPLETE + "\n\n");
        }
        if (!IPV4.matcher(neighbor).matches() && !IPV6.matcher(neighbor).matches()
                && !TAG.matcher(neighbor).matches()) {
            throw new CliError(at);
        }
        if (words.keyword(at + 1, "remote-as", "bmp-activate").equals("remote-as")) {
            if (no) {
                model.neighbors.remove(neighbor);
                model.activations.remove(neighbor);
                return "";
            }
            words.number(at + 2, 1, MAX_AS);
            words.end(at + 3);
            model.neighbors.add(neighbor);
            return "";
        }
        if (no) {
            model.activations.remove(neighbor);
            return "";
        }
        final var servers = new TreeSet<Integer>();
        if (words.keyword(at + 2, "all", "server").equals("all")) {
            words.end(at + 3);
        } else {
            int index = at + 2;
            while (words.get(index) != null) {
                words.keyword(index, "server");
                servers.add((int) words.number(index + 1, 1, MAX_SERVER));
                index += 2;
            }
        }
        if (sim.requiresKnownNeighbors() && !model.neighbors.contains(neighbor)) {
            return "% Specify remote-as or peer-group commands first\n";
        }
        model.activations.put(neighbor, servers);
        return "";
    }

    private String bmpServer(final Words words) throws CliError {
        final var current = sim.model().servers.computeIfAbsent(server, key -> new IosConfigModel.Server());
        final var first = words.get(0);
        switch (first) {
            case "exit-bmp-server-mode":
            case "exit":
                words.end(1);
                mode = Mode.ROUTER;
                return "";
            case "end":
                words.end(1);
                mode = Mode.PRIVILEGED;
                return "";
            case "no":
                unset(current, words);
                return "";
            default:
                set(current, words);
                return "";
        }
    }

    private static void set(final IosConfigModel.Server current, final Words words) throws CliError {
        switch (words.get(0)) {
            case "activate":
                words.end(1);
                current.activate = true;
                return;
            case "address": {
                final var address = words.get(1);
                if (address == null) {
                    throw new CliError(INCOMPLETE + "\n\n");
                }
                if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
                    throw new CliError(1);
                }
                words.keyword(2, "port-number");
                final int port = (int) words.number(3, 1, 65535);
                words.end(4);
                current.address = address;
                current.port = port;
                return;
            }
            case "description": {
                final int from = "LINE".equals(words.get(1)) && words.get(2) != null ? 2 : 1;
                final var text = words.rest(from);
                if (text == null) {
                    throw new CliError(INCOMPLETE + "\n\n");
                }
                current.description = text;
                return;
            }
            case "initial-delay":
                current.initialDelay = delay(words);
                return;
            case "failure-retry-delay":
                current.failureRetryDelay = delay(words);
                return;
            case "flapping-delay":
                current.flappingDelay = delay(words);
                return;
            case "stats-reporting-period":
                current.statsReportingPeriod = delay(words);
                return;
            case "set":
                words.keyword(1, "ip");
                words.keyword(2, "dscp");
                current.dscp = (int) words.number(3, 0, 63);
                words.end(4);
                return;
            case "update-source": {
                final var name = words.rest(1);
                if (name == null) {
                    throw new CliError(INCOMPLETE + "\n\n");
                }
                if (!INTERFACE.matcher(name).matches()) {
                    throw new CliError(1);
                }
                current.updateSource = IosBmpConfig.interfaceName(name);
                return;
            }
            default:
                throw new CliError(0);
        }
    }

    private static int delay(final Words words) throws CliError {
        final int value = (int) words.number(1, 1, MAX_DELAY);
        words.end(2);
        return value;
    }

    private static void unset(final IosConfigModel.Server current, final Words words) throws CliError {
        switch (words.keyword(1, "activate", "address", "description", "initial-delay", "failure-retry-delay",
                "flapping-delay", "stats-reporting-period", "set", "update-source")) {
            case "activate":
                current.activate = false;
                return;
            case "address":
                current.address = null;
                current.port = 0;
                return;
            case "description":
                current.description = null;
                return;
            case "initial-delay":
                current.initialDelay = null;
                return;
            case "failure-retry-delay":
                current.failureRetryDelay = null;
                return;
            case "flapping-delay":
                current.flappingDelay = null;
                return;
            case "stats-reporting-period":
                current.statsReportingPeriod = null;
                return;
            case "set":
                words.keyword(2, "ip");
                words.keyword(3, "dscp");
                current.dscp = null;
                return;
            default:
                current.updateSource = null;
        }
    }

    /** A command the CLI refuses: at a word (caret and invalid input), or with a message of its own. */
    static final class CliError extends Exception {
        private static final long serialVersionUID = 1L;

        private final int position;

        CliError(final int position) {
            super(INVALID);
            this.position = position;
        }

        CliError(final String message) {
            super(message);
            position = -1;
        }
    }

    /** The words of a line and where each starts. */
    static final class Words {
        private final String line;
        private final List<String> words = new ArrayList<>();
        private final List<Integer> starts = new ArrayList<>();

        private Words(final String line) {
            this.line = line;
        }

        static Words of(final String line) {
            final var result = new Words(line);
            int index = 0;
            while (index < line.length()) {
                while (index < line.length() && line.charAt(index) == ' ') {
                    index++;
                }
                if (index >= line.length()) {
                    break;
                }
                final int start = index;
                while (index < line.length() && line.charAt(index) != ' ') {
                    index++;
                }
                result.words.add(line.substring(start, index));
                result.starts.add(start);
            }
            return result;
        }

        int size() {
            return words.size();
        }

        String get(final int index) {
            return index < words.size() ? words.get(index) : null;
        }

        int start(final int index) {
            return index < starts.size() ? starts.get(index) : line.length();
        }

        String joined() {
            return String.join(" ", words);
        }

        /** The rest of the line from a word on, its inner blanks kept; null when there is no such word. */
        String rest(final int index) {
            return index < words.size() ? line.substring(starts.get(index)).strip() : null;
        }

        void end(final int index) throws CliError {
            if (index < words.size()) {
                throw new CliError(index);
            }
        }

        String keyword(final int index, final String... allowed) throws CliError {
            final var word = get(index);
            if (word == null) {
                throw new CliError(INCOMPLETE + "\n\n");
            }
            for (var keyword : allowed) {
                if (keyword.equals(word)) {
                    return keyword;
                }
            }
            throw new CliError(index);
        }

        long number(final int index, final long min, final long max) throws CliError {
            final var word = get(index);
            if (word == null) {
                throw new CliError(INCOMPLETE + "\n\n");
            }
            if (word.length() > 18 || !word.chars().allMatch(Character::isDigit)) {
                throw new CliError(index);
            }
            final long value = Long.parseLong(word);
            if (value < min || value > max) {
                throw new CliError(index);
            }
            return value;
        }

        void optionalNumber(final int index, final long min, final long max) throws CliError {
            if (get(index) != null) {
                number(index, min, max);
                end(index + 1);
            }
        }

        /** The index of the first word that matches none of the commands, for the caret. */
        int firstDifference(final String... commands) {
            int best = 0;
            for (var command : commands) {
                final var known = command.split(" ");
                int index = 0;
                while (index < known.length && index < words.size() && known[index].equals(words.get(index))) {
                    index++;
                }
                best = Math.max(best, index);
            }
            return best;
        }
    }
}

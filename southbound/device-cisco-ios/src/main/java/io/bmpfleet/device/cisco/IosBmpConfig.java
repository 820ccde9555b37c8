/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The BMP part of a Cisco IOS router's configuration, structured: what {@code show running-config | section bmp}
 * prints, and what the renderer makes of an intent. {@link #text()} prints it as IOS does; {@link #parse(String)}
 * reads IOS's print back.
 *
 * <p>Layout of the text (one line each, in this order): per server, by number, {@code bmp server N}, its settings
 * indented by one blank in IOS's fixed order (address, description, initial-delay, failure-retry-delay,
 * flapping-delay, stats-reporting-period, update-source, set ip dscp, activate) and {@code exit-bmp-server-mode}
 * indented likewise; then {@code bmp buffer-size}, {@code bmp initial-refresh}, and the neighbor activations.
 *
 * @param servers the BMP servers, by number
 * @param bufferSize {@code bmp buffer-size} (MB), or null
 * @param initialRefreshDelay {@code bmp initial-refresh delay} (s), or null
 * @param initialRefreshSkip {@code bmp initial-refresh skip} (takes the place of a delay)
 * @param neighbors the neighbor activations, in configuration order
 * @param unknownLines lines of a read-back this parser does not know (never rendered, never changed)
 */
public record IosBmpConfig(List<Server> servers, Long bufferSize, Integer initialRefreshDelay,
        boolean initialRefreshSkip, List<Neighbor> neighbors, List<String> unknownLines) {

    /** No BMP configuration at all. */
    public static final IosBmpConfig EMPTY = new IosBmpConfig(List.of(), null, null, false, List.of(), List.of());

    /** The sub-mode indentation IOS uses in the running configuration. */
    static final String INDENT = " ";

    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern INTERFACE = Pattern.compile("([A-Za-z][A-Za-z-]*)\\s*(\\d.*)");
    private static final Map<String, String> INTERFACE_TYPES = interfaceTypes();

    public IosBmpConfig {
        servers = servers.stream().sorted(Comparator.comparingInt(Server::id)).toList();
        neighbors = List.copyOf(neighbors);
        unknownLines = List.copyOf(unknownLines);
    }

    /**
     * Looks a server up by number.
     *
     * @param id the server number
     * @return the server, or null
     */
    public Server server(final int id) {
        for (var server : servers) {
            if (server.id() == id) {
                return server;
            }
        }
        return null;
    }

    /**
     * Looks a neighbor activation up by its neighbor.
     *
     * @param neighbor the neighbor address or tag, as configured
     * @return the activation, or null
     */
    public Neighbor neighbor(final String neighbor) {
        for (var activation : neighbors) {
            if (activation.neighbor().equals(neighbor)) {
                return activation;
            }
        }
        return null;
    }

    /**
     * The {@code bmp buffer-size} line.
     *
     * @return the line, or null when unset
     */
    public String bufferSizeLine() {
        return bufferSize == null ? null : "bmp buffer-size " + bufferSize;
    }

    /**
     * The {@code bmp initial-refresh} line: skip when set, else the delay.
     *
     * @return the line, or null when unset
     */
    public String initialRefreshLine() {
        if (initialRefreshSkip) {
            return "bmp initial-refresh skip";
        }
        return initialRefreshDelay == null ? null : "bmp initial-refresh delay " + initialRefreshDelay;
    }

    /**
     * The configuration as {@code show running-config | section bmp} prints it, every line ending in a newline.
     *
     * @return the text; empty when there is no BMP configuration
     */
    public String text() {
        final var out = new StringBuilder();
        for (var line : lines()) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * The lines of {@link #text()}.
     *
     * @return the lines, indentation included
     */
    public List<String> lines() {
        final var lines = new ArrayList<String>();
        for (var server : servers) {
            lines.add(server.header());
            for (var setting : server.settings()) {
                lines.add(INDENT + setting.line());
            }
            lines.add(INDENT + "exit-bmp-server-mode");
        }
        addIfSet(lines, bufferSizeLine());
        addIfSet(lines, initialRefreshLine());
        for (var neighbor : neighbors) {
            lines.add(neighbor.line());
        }
        return lines;
    }

    private static void addIfSet(final List<String> lines, final String line) {
        if (line != null) {
            lines.add(line);
        }
    }

    /**
     * Reads what {@code show running-config | section bmp} printed. Indentation is not relied on: a server's block
     * runs from {@code bmp server N} to {@code exit-bmp-server-mode} or to the next line that starts with
     * {@code bmp}, {@code neighbor} or {@code router}. A {@code router bgp} line (as some releases print the
     * section's parent) is skipped. Lines it does not know are kept in {@link #unknownLines()}.
     *
     * @param text the command's output
     * @return the structured configuration
     */
    public static IosBmpConfig parse(final String text) {
        final var servers = new ArrayList<Server>();
        final var neighbors = new LinkedHashMap<String, Neighbor>();
        final var unknown = new ArrayList<String>();
        Long bufferSize = null;
        Integer refreshDelay = null;
        boolean refreshSkip = false;
        ServerBuilder current = null;
        for (var raw : text.split("\n", -1)) {
            final var line = raw.strip();
            if (line.isEmpty() || line.startsWith("!")) {
                continue;
            }
            final var words = BLANKS.split(line);
            final boolean topLevel = words[0].equals("bmp") || words[0].equals("neighbor")
                || words[0].equals("router");
            if (current != null && !topLevel) {
                if (line.equals("exit-bmp-server-mode")) {
                    servers.add(current.build());
                    current = null;
                } else if (!current.accept(words, line)) {
                    unknown.add(line);
                }
                continue;
            }
            if (current != null) {
                servers.add(current.build());
                current = null;
            }
            if (words.length == 3 && words[0].equals("bmp") && words[1].equals("server") && isNumber(words[2])) {
                current = new ServerBuilder(Integer.parseInt(words[2]));
            } else if (words.length == 3 && words[0].equals("bmp") && words[1].equals("buffer-size")
                    && isNumber(words[2])) {
                bufferSize = Long.parseLong(words[2]);
            } else if (words.length == 4 && line.startsWith("bmp initial-refresh delay ") && isNumber(words[3])) {
                refreshDelay = Integer.parseInt(words[3]);
            } else if (line.equals("bmp initial-refresh skip")) {
                refreshSkip = true;
            } else if (words[0].equals("neighbor") && words.length >= 4 && words[2].equals("bmp-activate")) {
                final var neighbor = Neighbor.parse(words);
                if (neighbor == null) {
                    unknown.add(line);
                } else {
                    neighbors.put(neighbor.neighbor(), neighbor);
                }
            } else if (!(words[0].equals("router") && words.length == 3 && words[1].equals("bgp"))) {
                unknown.add(line);
            }
        }
        if (current != null) {
            servers.add(current.build());
        }
        return new IosBmpConfig(servers, bufferSize, refreshDelay, refreshSkip, List.copyOf(neighbors.values()),
            unknown);
    }

    static boolean isNumber(final String word) {
        if (word.isEmpty() || word.length() > 18) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isDigit(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * An interface name as IOS writes it back: {@code ethernet 0/0} becomes {@code Ethernet0/0}. The type's
     * capitalisation is IOS's for the common types (Ethernet, FastEthernet, GigabitEthernet, Loopback, ...), else
     * its first letter is capitalised; the blank between type and number is removed. Abbreviations
     * ({@code gi0/1}) are not expanded.
     *
     * @param name an interface name as typed
     * @return the normalised name; the input, stripped, when it does not look like TYPE NUMBER
     */
    public static String interfaceName(final String name) {
        final var matcher = INTERFACE.matcher(name.strip());
        if (!matcher.matches()) {
            return name.strip();
        }
        final var type = matcher.group(1);
        final var known = INTERFACE_TYPES.get(type.toLowerCase(Locale.ROOT));
        final var canonical = known != null ? known
            : Character.toUpperCase(type.charAt(0)) + type.substring(1);
        return canonical + BLANKS.matcher(matcher.group(2)).replaceAll("");
    }

    private static Map<String, String> interfaceTypes() {
        final var map = new LinkedHashMap<String, String>();
        for (var type : List.of("Ethernet", "FastEthernet", "GigabitEthernet", "TenGigabitEthernet",
                "TwentyFiveGigE", "FortyGigabitEthernet", "HundredGigE", "Loopback", "Vlan", "Port-channel",
                "Tunnel", "Serial", "Dialer", "BDI", "Virtual-Template")) {
            map.put(type.toLowerCase(Locale.ROOT), type);
        }
        return Map.copyOf(map);
    }

    /**
     * One {@code bmp server N}; null leaves are unset.
     *
     * @param id the server number
     * @param address the station's address
     * @param port the station's port (with the address)
     * @param description free text
     * @param initialDelay {@code initial-delay} (s)
     * @param failureRetryDelay {@code failure-retry-delay} (s)
     * @param flappingDelay {@code flapping-delay} (s)
     * @param statsReportingPeriod {@code stats-reporting-period} (s)
     * @param updateSource {@code update-source}, as typed or as read back
     * @param dscp {@code set ip dscp}
     * @param activate {@code activate}
     */
    public record Server(int id, String address, int port, String description, Integer initialDelay,
            Integer failureRetryDelay, Integer flappingDelay, Integer statsReportingPeriod, String updateSource,
            Integer dscp, boolean activate) {

        /**
         * The line that enters the server's sub-mode.
         *
         * @return {@code bmp server N}
         */
        public String header() {
            return "bmp server " + id;
        }

        /**
         * The server's settings in read-back order.
         *
         * @return the settings that are set
         */
        public List<Setting> settings() {
            final var settings = new ArrayList<Setting>();
            if (address != null) {
                final var line = "address " + address + " port-number " + port;
                settings.add(new Setting(Key.ADDRESS, line, line));
            }
            if (description != null) {
                settings.add(new Setting(Key.DESCRIPTION, "description " + description,
                    "description LINE " + description));
            }
            addNumber(settings, Key.INITIAL_DELAY, initialDelay);
            addNumber(settings, Key.FAILURE_RETRY_DELAY, failureRetryDelay);
            addNumber(settings, Key.FLAPPING_DELAY, flappingDelay);
            addNumber(settings, Key.STATS_REPORTING_PERIOD, statsReportingPeriod);
            if (updateSource != null) {
                settings.add(new Setting(Key.UPDATE_SOURCE, "update-source " + interfaceName(updateSource),
                    "update-source " + updateSource.strip()));
            }
            addNumber(settings, Key.DSCP, dscp);
            if (activate) {
                settings.add(new Setting(Key.ACTIVATE, "activate", "activate"));
            }
            return settings;
        }

        /**
         * One setting by key.
         *
         * @param key which
         * @return the setting, or null when unset
         */
        public Setting setting(final Key key) {
            for (var setting : settings()) {
                if (setting.key() == key) {
                    return setting;
                }
            }
            return null;
        }

        private static void addNumber(final List<Setting> settings, final Key key, final Integer value) {
            if (value != null) {
                final var line = key.keyword() + " " + value;
                settings.add(new Setting(key, line, line));
            }
        }
    }

    /** The settings of a BMP server, in the order the seed's configuration session sends them. */
    public enum Key {
        ACTIVATE("activate"),
        ADDRESS("address"),
        DESCRIPTION("description"),
        FAILURE_RETRY_DELAY("failure-retry-delay"),
        FLAPPING_DELAY("flapping-delay"),
        INITIAL_DELAY("initial-delay"),
        DSCP("set ip dscp"),
        STATS_REPORTING_PERIOD("stats-reporting-period"),
        UPDATE_SOURCE("update-source");

        private final String keyword;

        Key(final String keyword) {
            this.keyword = keyword;
        }

        /**
         * The command's keyword(s).
         *
         * @return e.g. {@code set ip dscp}
         */
        public String keyword() {
            return keyword;
        }
    }

    /**
     * One setting of a server.
     *
     * @param key which setting
     * @param line how the running configuration shows it (without indentation)
     * @param command how it is typed in the server's sub-mode (the description takes IOS's {@code LINE} keyword,
     *     as in the seed's configuration session)
     */
    public record Setting(Key key, String line, String command) {
    }

    /**
     * One {@code neighbor X bmp-activate all | server N [server M ...]}.
     *
     * @param neighbor the neighbor's address or tag
     * @param all {@code all}
     * @param servers the server numbers when not all, ascending
     */
    public record Neighbor(String neighbor, boolean all, List<Integer> servers) {
        public Neighbor {
            Objects.requireNonNull(neighbor);
            servers = all ? List.of() : List.copyOf(new TreeSet<>(servers));
        }

        /**
         * The configuration line.
         *
         * @return {@code neighbor X bmp-activate ...}
         */
        public String line() {
            final var out = new StringBuilder("neighbor ").append(neighbor).append(" bmp-activate");
            if (all) {
                out.append(" all");
            } else {
                for (var server : servers) {
                    out.append(" server ").append(server);
                }
            }
            return out.toString();
        }

        static Neighbor parse(final String[] words) {
            if (words.length == 4 && words[3].equals("all")) {
                return new Neighbor(words[1], true, List.of());
            }
            final var ids = new ArrayList<Integer>();
            for (int i = 3; i < words.length; i += 2) {
                if (!words[i].equals("server") || i + 1 >= words.length || !isNumber(words[i + 1])) {
                    return null;
                }
                ids.add(Integer.parseInt(words[i + 1]));
            }
            return ids.isEmpty() ? null : new Neighbor(words[1], false, ids);
        }
    }

    /** Collects one server's lines while parsing. */
    private static final class ServerBuilder {
        private final int id;
        private String address;
        private int port;
        private String description;
        private Integer initialDelay;
        private Integer failureRetryDelay;
        private Integer flappingDelay;
        private Integer statsReportingPeriod;
        private String updateSource;
        private Integer dscp;
        private boolean activate;

        ServerBuilder(final int id) {
            this.id = id;
        }

        boolean accept(final String[] words, final String line) {
            switch (words[0]) {
                case "address":
                    if (words.length == 4 && words[2].equals("port-number") && isNumber(words[3])) {
                        address = words[1];
                        port = Integer.parseInt(words[3]);
                        return true;
                    }
                    return false;
                case "description":
                    if (words.length < 2) {
                        return false;
                    }
                    description = line.substring("description".length()).strip();
                    return true;
                case "update-source":
                    if (words.length < 2) {
                        return false;
                    }
                    updateSource = interfaceName(line.substring("update-source".length()));
                    return true;
                case "activate":
                    if (words.length == 1) {
                        activate = true;
                        return true;
                    }
                    return false;
                case "set":
                    if (words.length == 4 && words[1].equals("ip") && words[2].equals("dscp") && isNumber(words[3])) {
                        dscp = Integer.parseInt(words[3]);
                        return true;
                    }
                    return false;
                default:
                    return acceptNumber(words);
            }
        }

        private boolean acceptNumber(final String[] words) {
            if (words.length != 2 || !isNumber(words[1]) || words[1].length() > 9) {
                return false;
            }
            final int value = Integer.parseInt(words[1]);
            switch (words[0]) {
                case "initial-delay":
                    initialDelay = value;
                    return true;
                case "failure-retry-delay":
                    failureRetryDelay = value;
                    return true;
                case "flapping-delay":
                    flappingDelay = value;
                    return true;
                case "stats-reporting-period":
                    statsReportingPeriod = value;
                    return true;
                default:
                    return false;
            }
        }

        Server build() {
            return new Server(id, address, port, description, initialDelay, failureRetryDelay, flappingDelay,
                statsReportingPeriod, updateSource, dscp, activate);
        }
    }
}

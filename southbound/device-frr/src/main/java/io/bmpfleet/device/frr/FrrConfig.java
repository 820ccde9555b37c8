/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The BMP part of an FRR 8.4 {@code router bgp} block, as {@code show running-config} writes it: the instance's
 * {@code bmp mirror buffer-limit}, each {@code bmp targets} block as a set of lines, and the
 * {@code neighbor X soft-reconfiguration inbound} lines per address family. The renderer's output and the device's
 * read-back are both parsed into this form, so that they are compared in one canonical form: FRR writes every
 * {@code bmp connect} with both min-retry and max-retry and {@code bmp stats} with its interval.
 *
 * @param as the AS of the {@code router bgp} block, or null when the configuration has none
 * @param mirrorBufferLimit {@code bmp mirror buffer-limit}, or null
 * @param targets target name to its lines, stripped, in the order written
 * @param softReconfiguration address family ({@code ipv4 unicast}) to the neighbors with soft-reconfiguration inbound
 */
record FrrConfig(Long as, Long mirrorBufferLimit, Map<String, Set<String>> targets,
        Map<String, Set<String>> softReconfiguration) {

    private static final String TARGETS = "bmp targets ";
    private static final String MIRROR_LIMIT = "bmp mirror buffer-limit ";
    private static final String SOFT = " soft-reconfiguration inbound";
    private static final String DEFAULT_STATS = "bmp stats interval 60000";

    /**
     * Parses a running configuration (or the renderer's text, which has the same shape).
     *
     * @param text the configuration
     * @return its BMP part; only the first {@code router bgp} block without VRF counts
     */
    static FrrConfig parse(final String text) {
        Long as = null;
        Long mirror = null;
        final var targets = new LinkedHashMap<String, Set<String>>();
        final var soft = new LinkedHashMap<String, Set<String>>();
        boolean inBgp = false;
        String target = null;
        String family = null;
        for (var raw : text.split("\n")) {
            final var line = raw.stripTrailing();
            final var stripped = line.strip();
            if (!inBgp) {
                if (as == null && line.startsWith("router bgp ") && !line.contains(" vrf ")) {
                    as = Long.parseLong(line.substring("router bgp ".length()).strip().split(" ")[0]);
                    inBgp = true;
                }
                continue;
            }
            if (line.equals("exit")) {
                inBgp = false;
                continue;
            }
            if (target != null) {
                if (stripped.equals("exit")) {
                    target = null;
                } else if (!stripped.isEmpty() && !stripped.equals("!")) {
                    targets.get(target).add(canonical(stripped));
                }
                continue;
            }
            if (family != null) {
                if (stripped.equals("exit-address-family")) {
                    family = null;
                } else if (stripped.startsWith("neighbor ") && stripped.endsWith(SOFT)) {
                    soft.computeIfAbsent(family, f -> new TreeSet<>())
                        .add(stripped.substring("neighbor ".length(), stripped.length() - SOFT.length()));
                }
                continue;
            }
            if (stripped.startsWith(TARGETS)) {
                target = stripped.substring(TARGETS.length()).strip();
                targets.put(target, new LinkedHashSet<>());
            } else if (stripped.startsWith(MIRROR_LIMIT)) {
                mirror = Long.parseLong(stripped.substring(MIRROR_LIMIT.length()).strip());
            } else if (stripped.startsWith("address-family ")) {
                family = stripped.substring("address-family ".length()).strip();
            }
        }
        return new FrrConfig(as, mirror, targets, soft);
    }

    /**
     * The configuration as FRR 8.4's {@code show running-config} writes it (BMP part only), in bgpd's own order
     * ({@link FrrOrder}) whatever the order of the sets: the address-family blocks with the soft-reconfiguration
     * lines, {@code bmp mirror buffer-limit}, then the {@code bmp targets} blocks, each {@code bmp listener} after
     * a line of one blank as bgpd writes it. For a device that has only BMP in {@code router bgp}, this is the
     * block as {@code show running-config} prints it.
     *
     * @return {@code router bgp AS} ... {@code exit}
     */
    String text() {
        final var out = new StringBuilder();
        out.append("router bgp ").append(as == null ? "(none)" : as).append('\n');
        final var families = new ArrayList<>(softReconfiguration.keySet());
        families.sort(FrrOrder.FAMILY_BLOCKS);
        for (var family : families) {
            final var neighbors = new ArrayList<>(softReconfiguration.get(family));
            neighbors.sort(FrrOrder.NEIGHBORS);
            out.append(" !\n address-family ").append(family).append('\n');
            for (var neighbor : neighbors) {
                out.append("  neighbor ").append(neighbor).append(SOFT).append('\n');
            }
            out.append(" exit-address-family\n");
        }
        if (mirrorBufferLimit != null) {
            out.append(" !\n ").append(MIRROR_LIMIT).append(mirrorBufferLimit).append('\n');
        }
        final var names = new ArrayList<>(targets.keySet());
        names.sort(FrrOrder.NAMES);
        for (var name : names) {
            out.append(" !\n ").append(TARGETS).append(name).append('\n');
            final var lines = new ArrayList<>(targets.get(name));
            lines.sort(FrrOrder.TARGET_LINE_ORDER);
            for (var line : lines) {
                out.append(line.startsWith("bmp listener ") ? " \n  " : "  ").append(line).append('\n');
            }
            out.append(" exit\n");
        }
        return out.append("exit\n").toString();
    }

    /** A target line in the form FRR writes it back. */
    private static String canonical(final String line) {
        if (line.equals("bmp stats")) {
            return DEFAULT_STATS;
        }
        return line;
    }

    /**
     * The configuration commands (inside {@code router bgp}) that turn {@code from} into {@code to}, changing only
     * what differs. Soft-reconfiguration is compared only for the given neighbors: bmpfleet does not own the others.
     * A target that loses a {@code bmp connect ... source-interface} line is removed and created again, since FRR
     * 8.4 cannot remove such a connect ("No such active connection found").
     *
     * @param from what the device has
     * @param to what it must have
     * @param neighbors the neighbors whose soft-reconfiguration bmpfleet manages
     * @return commands in order, empty when the two agree
     */
    static List<String> diff(final FrrConfig from, final FrrConfig to, final Set<String> neighbors) {
        final var commands = new ArrayList<String>();
        if (!Objects.equals(from.mirrorBufferLimit(), to.mirrorBufferLimit())) {
            commands.add(to.mirrorBufferLimit() == null ? "no bmp mirror buffer-limit"
                : MIRROR_LIMIT + to.mirrorBufferLimit());
        }
        final var families = new TreeSet<String>(from.softReconfiguration().keySet());
        families.addAll(to.softReconfiguration().keySet());
        for (var family : families) {
            final var have = from.softReconfiguration().getOrDefault(family, Set.of());
            final var want = to.softReconfiguration().getOrDefault(family, Set.of());
            final var lines = new ArrayList<String>();
            for (var neighbor : new TreeSet<>(neighbors)) {
                if (want.contains(neighbor) && !have.contains(neighbor)) {
                    lines.add("neighbor " + neighbor + SOFT);
                } else if (!want.contains(neighbor) && have.contains(neighbor)) {
                    lines.add("no neighbor " + neighbor + SOFT);
                }
            }
            if (!lines.isEmpty()) {
                commands.add("address-family " + family);
                commands.addAll(lines);
                commands.add("exit-address-family");
            }
        }
        for (var name : from.targets().keySet()) {
            if (!to.targets().containsKey(name)) {
                commands.add("no " + TARGETS + name);
            }
        }
        for (var entry : to.targets().entrySet()) {
            final var name = entry.getKey();
            final var want = entry.getValue();
            final var have = from.targets().get(name);
            if (have == null) {
                create(commands, name, want);
                continue;
            }
            if (have.equals(want)) {
                continue;
            }
            final var removed = new ArrayList<String>();
            for (var line : have) {
                if (!want.contains(line)) {
                    removed.add(line);
                }
            }
            if (removed.stream().anyMatch(l -> l.startsWith("bmp connect ") && l.contains(" source-interface "))) {
                commands.add("no " + TARGETS + name);
                create(commands, name, want);
                continue;
            }
            commands.add(TARGETS + name);
            for (var line : removed) {
                commands.add(removal(line));
            }
            for (var line : want) {
                if (!have.contains(line)) {
                    commands.add(line);
                }
            }
            commands.add("exit");
        }
        return commands;
    }

    private static void create(final List<String> commands, final String name, final Set<String> lines) {
        commands.add(TARGETS + name);
        commands.addAll(lines);
        commands.add("exit");
    }

    /** The command that removes one target line. */
    private static String removal(final String line) {
        if (line.startsWith("bmp stats")) {
            return "no bmp stats";
        }
        return "no " + line;
    }

}

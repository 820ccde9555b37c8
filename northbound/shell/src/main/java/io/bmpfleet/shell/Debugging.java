/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code bmp:debug}, as IOS's {@code debug ip bgp bmp event|neighbor|server}: each area is a set of bmpfleet's
 * loggers put at DEBUG in Karaf's logging configuration (the {@code org.ops4j.pax.logging} configuration, which
 * pax-logging's log4j2 applies at once and Karaf's {@code log:set} writes the same way: {@code
 * log4j2.logger.ID.name} and {@code log4j2.logger.ID.level}). Off removes those entries again, so the loggers fall
 * back to the root level; a logger inside another area that is on is held at INFO instead.
 */
public final class Debugging {
    /** The configuration of pax-logging in Karaf. */
    public static final String PID = "org.ops4j.pax.logging";

    private static final String PREFIX = "log4j2.logger.";
    private static final Pattern NAME_KEY = Pattern.compile("log4j2\\.logger\\.([^.]+)\\.name");

    /** What {@code debug ip bgp bmp} can turn on. */
    public enum Area {
        /** Intent checks, pushes to the devices and their status, the event bus. */
        EVENT("io.bmpfleet.app.intent", "io.bmpfleet.app.push", "io.bmpfleet.app.state", "io.bmpfleet.app.events",
            "io.bmpfleet.device"),
        /** Router sessions into the RIB store and the state: peers, routes, statistics, device matching. */
        NEIGHBOR("io.bmpfleet.app.monitoring", "io.bmpfleet.rib"),
        /** The collector: listeners, dialled routers, BMP sessions, framing and decoding. */
        SERVER("io.bmpfleet.bmp.collector", "io.bmpfleet.app.monitoring.CollectorControl");

        private final List<String> loggers;

        Area(final String... loggers) {
            this.loggers = List.of(loggers);
        }

        /**
         * The loggers of this area.
         *
         * @return logger names
         */
        public List<String> loggers() {
            return loggers;
        }

        /**
         * The area's name on the command line.
         *
         * @return event, neighbor or server
         */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * An area by its name.
         *
         * @param word event, neighbor or server
         * @return the area
         * @throws IllegalArgumentException for another word
         */
        public static Area of(final String word) {
            for (var area : values()) {
                if (area.word().equals(word)) {
                    return area;
                }
            }
            throw new IllegalArgumentException("no BMP debugging area " + word + "; one of event, neighbor, server");
        }
    }

    private Debugging() {
        // static only
    }

    /**
     * The areas whose loggers are all at DEBUG or finer in the configuration.
     *
     * @param config the logging configuration's properties
     * @return the areas that are on
     */
    public static Set<Area> enabled(final Map<String, ?> config) {
        final var levels = levels(config);
        final var on = EnumSet.noneOf(Area.class);
        for (var area : Area.values()) {
            if (area.loggers.stream().allMatch(logger -> {
                final var level = levels.get(logger);
                return level != null && Set.of("DEBUG", "TRACE", "ALL").contains(level.toUpperCase(Locale.ROOT));
            })) {
                on.add(area);
            }
        }
        return on;
    }

    /**
     * The logging configuration with exactly these areas on; every other property is kept.
     *
     * @param config the configuration's properties now
     * @param on the areas to have on
     * @return the properties to write
     */
    public static Map<String, Object> configure(final Map<String, ?> config, final Set<Area> on) {
        final var out = new TreeMap<String, Object>(config);
        final var ids = ids(config);
        for (var area : Area.values()) {
            for (var logger : area.loggers) {
                final var id = ids.getOrDefault(logger, logger.replace('.', '_'));
                out.remove(PREFIX + id + ".name");
                out.remove(PREFIX + id + ".level");
                final boolean configuredOtherwise = out.keySet().stream()
                    .anyMatch(k -> k.startsWith(PREFIX + id + "."));
                final String level;
                if (on.contains(area)) {
                    level = "DEBUG";
                } else if (configuredOtherwise || insideAreaThatIsOn(logger, on)) {
                    level = "INFO";
                } else {
                    continue;
                }
                out.put(PREFIX + id + ".name", logger);
                out.put(PREFIX + id + ".level", level);
            }
        }
        return out;
    }

    /**
     * What {@code show debugging} says for each area.
     *
     * @param on the areas that are on
     * @return a line per area, the loggers of those that are on below them
     */
    public static List<String> show(final Set<Area> on) {
        final var out = new ArrayList<String>();
        for (var area : Area.values()) {
            out.addAll(lines(area, on.contains(area)));
        }
        return out;
    }

    /**
     * What {@code debug ip bgp bmp AREA} answers.
     *
     * @param area the area
     * @param on whether it is on now
     * @return the lines
     */
    public static List<String> lines(final Area area, final boolean on) {
        final var line = "BGP BMP " + area.word() + " debugging is " + (on ? "on" : "off");
        return on ? List.of(line, "  DEBUG: " + String.join(" ", area.loggers)) : List.of(line);
    }

    private static boolean insideAreaThatIsOn(final String logger, final Set<Area> on) {
        return on.stream().flatMap(a -> a.loggers.stream()).anyMatch(parent -> logger.startsWith(parent + "."));
    }

    /** Logger name to configuration id, for the loggers the configuration names. */
    private static Map<String, String> ids(final Map<String, ?> config) {
        final var ids = new TreeMap<String, String>();
        config.forEach((key, value) -> {
            final var matcher = NAME_KEY.matcher(key);
            if (matcher.matches() && value != null) {
                ids.put(value.toString(), matcher.group(1));
            }
        });
        return ids;
    }

    private static Map<String, String> levels(final Map<String, ?> config) {
        final var levels = new TreeMap<String, String>();
        ids(config).forEach((logger, id) -> {
            final var level = config.get(PREFIX + id + ".level");
            if (level != null) {
                levels.put(logger, level.toString());
            }
        });
        return levels;
    }
}

/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;

/**
 * Time since an event as IOS prints uptimes: {@code 00:06:22} within a day, {@code 1d02h} within a week,
 * {@code 2w3d} beyond.
 */
final class Elapsed {
    private Elapsed() {
        // static only
    }

    /**
     * The time from {@code since} to {@code now}.
     *
     * @param since when it began, or null
     * @param now the time of the command
     * @return the text, {@code -} when since is null or unreadable
     */
    static String since(final DateAndTime since, final Instant now) {
        final var instant = instant(since);
        return instant == null ? "-" : format(Duration.between(instant, now));
    }

    /**
     * A state model timestamp as an instant.
     *
     * @param time the timestamp
     * @return the instant, or null when absent or not RFC 3339
     */
    static Instant instant(final DateAndTime time) {
        if (time == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time.getValue()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(final Duration duration) {
        final long seconds = Math.max(0, duration.getSeconds());
        final long days = seconds / 86_400;
        if (days >= 7) {
            return days / 7 + "w" + days % 7 + "d";
        }
        if (days >= 1) {
            return days + "d" + String.format("%02dh", seconds % 86_400 / 3600);
        }
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }
}
